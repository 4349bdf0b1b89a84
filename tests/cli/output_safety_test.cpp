// Issue 20, items 6-8: outputs never destroy data. An output that is an input
// (also through a symlink) or another output of the same command is refused
// before anything runs; the temporary file is created exclusively (a symlink
// planted at a predictable name is never followed); a read-only file is
// refused; a failed write (a full disk, a full stdout) is exit 3 and leaves
// nothing under the final name.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>

#include "cli_fixture.hpp"
#include "deploysim/cli.hpp"

namespace deploysim::testing {
namespace {

namespace fs = std::filesystem;

class OutputSafety : public CliTest {
 protected:
  // A scenario in its own file and a deploy file beside it.
  void SetUp() override {
    CliTest::SetUp();
    deploy_ = write("deploy.yml",
                    "version: v1\nkind: kubernetes\napplication: app\n"
                    "targets:\n  prod: {account: c, namespace: p}\n"
                    "manifests: [{path: app.yml}]\n");
    scenario_ = write("scenario.yml", "name: outputs\ndeployment: deploy.yml\n");
  }

  // The names in the scratch directory (to see that nothing was left behind).
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string deploy_;
  std::string scenario_;
};

TEST_F(OutputSafety, AnOutputThatIsAnInputIsRefused) {
  const std::string scenario_text = read_file(scenario_);
  const std::string deploy_text = read_file(deploy_);
  for (const std::string flag : {"-o", "--trace", "--html"}) {
    SCOPED_TRACE(flag);
    for (const std::string& input : {scenario_, deploy_}) {
      const CliResult r = deploysim({"run", scenario_, flag, input});
      EXPECT_EQ(r.code, 2);
      EXPECT_NE(r.err.find(input + ": error: " + flag + " names an input of this command"),
                std::string::npos)
          << r.err;
    }
  }
  // Another spelling of the same file, and a symlink to it.
  fs::create_symlink(deploy_, dir_ / "alias.yml");
  EXPECT_EQ(deploysim({"run", scenario_, "-o", (dir_ / "." / "scenario.yml").string()}).code, 2);
  EXPECT_EQ(deploysim({"run", scenario_, "-o", (dir_ / "alias.yml").string()}).code, 2);
  EXPECT_EQ(deploysim({"montecarlo", scenario_, "--runs", "3", "-o", deploy_}).code, 2);
  EXPECT_EQ(deploysim({"montecarlo", scenario_, "--runs", "3", "--html", scenario_}).code, 2);
  EXPECT_EQ(read_file(scenario_), scenario_text);
  EXPECT_EQ(read_file(deploy_), deploy_text);
  EXPECT_TRUE(fs::is_symlink(dir_ / "alias.yml"));
}

TEST_F(OutputSafety, TwoOutputsOfOneCommandMustDiffer) {
  const std::string out = (dir_ / "out.txt").string();
  const CliResult trace = deploysim({"run", scenario_, "-o", out, "--trace", out});
  EXPECT_EQ(trace.code, 2);
  EXPECT_NE(trace.err.find(out + ": error: --trace and -o name the same file"), std::string::npos)
      << trace.err;
  EXPECT_EQ(
      deploysim({"run", scenario_, "--html", out, "-o", (dir_ / "." / "out.txt").string()}).code,
      2);
  EXPECT_EQ(deploysim({"montecarlo", scenario_, "--runs", "3", "-o", out, "--html", out}).code, 2);
  EXPECT_FALSE(fs::exists(out));
  // Two device outputs are fine: nothing is replaced.
  EXPECT_EQ(deploysim({"run", scenario_, "-o", "/dev/null", "--trace", "/dev/null"}).code, 0);
}

TEST_F(OutputSafety, MergeRefusesToOverwriteAPartial) {
  const std::string part = (dir_ / "part-0.json").string();
  ASSERT_EQ(deploysim({"montecarlo", scenario_, "--runs", "4", "--shard", "0/1", "-o", part}).code,
            0);
  const std::string before = read_file(part);
  EXPECT_EQ(deploysim({"merge", part, "-o", part}).code, 2);
  EXPECT_EQ(read_file(part), before);
}

TEST_F(OutputSafety, APlantedSymlinkAtATemporaryNameIsNeverFollowed) {
  const std::string precious = write("precious", "keep me");
  const std::string out = (dir_ / "report.json").string();
  fs::create_symlink(precious, out + ".tmp");
  fs::create_symlink(precious, dir_ / ".report.json.tmp");
  const CliResult r = deploysim({"run", scenario_, "--format", "json", "-o", out});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read_file(precious), "keep me");
  EXPECT_FALSE(fs::is_symlink(out));
  EXPECT_EQ(read_file(out).rfind("{\n  \"schemaVersion\": 1,", 0), 0u);
  // Nothing but the planted links, the inputs and the report.
  EXPECT_EQ(names(), (std::vector<std::string>{".report.json.tmp", "deploy.yml", "precious",
                                               "report.json", "report.json.tmp", "scenario.yml"}));
}

TEST_F(OutputSafety, AReadOnlyOutputIsRefusedAndAReplacedOneKeepsItsMode) {
  const std::string locked = write("locked.txt", "old");
  fs::permissions(locked, fs::perms::owner_read);
  const CliResult r = deploysim({"run", scenario_, "-o", locked});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(locked + ": error: cannot write: the file is read-only"), std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(locked), "old");

  const std::string private_file = write("private.txt", "old");
  fs::permissions(private_file, fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_EQ(deploysim({"run", scenario_, "-o", private_file}).code, 0);
  EXPECT_NE(read_file(private_file), "old");
  EXPECT_EQ(fs::status(private_file).permissions(), fs::perms::owner_read | fs::perms::owner_write);
}

// Decided (docs/LIMITS.md): a dangling symlink is kept, and the file it names
// is created, as for a symlink to an existing file.
TEST_F(OutputSafety, ADanglingSymlinkWritesThroughToItsTarget) {
  const std::string link = (dir_ / "latest.json").string();
  fs::create_symlink("reports-7.json", link);
  ASSERT_EQ(deploysim({"run", scenario_, "--format", "json", "-o", link}).code, 0);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(read_file(dir_ / "reports-7.json").rfind("{\n  \"schemaVersion\": 1,", 0), 0u);
}

TEST_F(OutputSafety, AFailedWriteIsExitThreeAndLeavesNothing) {
  const CliResult full = deploysim({"run", scenario_, "-o", "/dev/full"});
  EXPECT_EQ(full.code, 3);
  EXPECT_NE(full.err.find("/dev/full: error: cannot write: "), std::string::npos) << full.err;
  const std::string missing = (dir_ / "no-such-dir" / "r.json").string();
  EXPECT_EQ(deploysim({"run", scenario_, "-o", missing}).code, 2);
  EXPECT_EQ(names(), (std::vector<std::string>{"deploy.yml", "scenario.yml"}));
}

// A stream that accepts nothing, like stdout redirected to /dev/full.
class FullBuffer : public std::streambuf {
 protected:
  int overflow(int) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

TEST_F(OutputSafety, AFailedWriteToStandardOutputIsExitThree) {
  FullBuffer full;
  std::ostream out(&full);
  std::ostringstream err;
  const int code = run_cli(std::vector<std::string>{"deploysim", "run", scenario_}, out, err);
  EXPECT_EQ(code, 3);
  EXPECT_NE(err.str().find("cannot write to standard output"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace deploysim::testing
