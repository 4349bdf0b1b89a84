#include "cli_fixture.hpp"

#include <fstream>
#include <sstream>

#include "deploysim/cli.hpp"
#include "support/cli_runner.hpp"
#include "support/test_paths.hpp"

namespace deploysim::testing {

CliResult deploysim(const std::vector<std::string>& args) { return test_support::cli(args); }

std::string data_file(const std::string& name) { return test_paths::test_data_dir() + "/" + name; }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void CliTest::SetUp() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  dir_ = std::filesystem::path(::testing::TempDir()) / "deploysim_cli_tests" /
         (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
}

void CliTest::TearDown() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string CliTest::write(const std::string& name, const std::string& text) {
  const std::filesystem::path path = dir_ / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::string one_target_scenario(int finished_at) {
  return "name: one-target\n"
         "deployment:\n"
         "  version: v1\n"
         "  kind: kubernetes\n"
         "  application: app\n"
         "  targets:\n"
         "    dev: {account: cluster, namespace: dev}\n"
         "  manifests: [{path: app.yml}]\n"
         "deploy:\n"
         "  readyAfter: 1m\n"
         "expect:\n"
         "  pipeline: SUCCEEDED\n"
         "  targets:\n"
         "    dev: {status: SUCCEEDED, finishedAt: " +
         std::to_string(finished_at) + "}\n";
}

}  // namespace deploysim::testing
