#include <gtest/gtest.h>

#include <regex>

#include "cli_fixture.hpp"

namespace deploysim {
namespace {

using testing::data_file;
using testing::deploysim;

// 07 is a docs excerpt that the lenient loader completes (kind from its lambda
// blocks, no strategies); 10 is valid with warnings (setWeight shorthand).
TEST(ValidateCommandTest, ValidExamplesExitZero) {
  for (const char* name :
       {"01-potato-facts-canary-bluegreen-analysis.yaml", "02-docs-cdaas-sample-deploy-webhook.yml",
        "03-docs-cdaas-sample-deploy.yml", "07-lambda-multi-account-dag.yaml",
        "10-lambda-canary-trafficsplit.yaml", "13-borealis-demo-full.yml"}) {
    const auto r = deploysim({"validate", data_file(name)});
    EXPECT_EQ(r.code, 0) << name << "\n" << r.err;
    EXPECT_EQ(r.out.find(": valid ("), data_file(name).size()) << r.out;
  }
}

TEST(ValidateCommandTest, InvalidExamplesExitTwoWithLocatedErrors) {
  const std::regex located(R"(^.+:\d+:\d+: error: .+)");
  for (const char* name :
       {"04-basic-canary-strategies.yaml", "05-targets-k8s-dag-fragment.yaml",
        "06-targets-lambda-single-account-fragment.yaml", "08-bluegreen-sample-app.yaml",
        "09-canary-sample-app-shorthand.yaml", "11-webhook-github-fragment.yaml",
        "12-bluegreen-parallel-analysis-webhook-fragment.yaml"}) {
    const auto r = deploysim({"validate", data_file(name)});
    EXPECT_EQ(r.code, 2) << name;
    EXPECT_TRUE(std::regex_search(r.err, located)) << name << "\n" << r.err;
    EXPECT_EQ(r.err.rfind(data_file(name), 0), 0u) << "errors come first\n" << r.err;
    EXPECT_NE(r.out.find(": invalid ("), std::string::npos) << r.out;
  }
}

TEST(ValidateCommandTest, StrictTurnsQuirksIntoErrors) {
  const std::string file = data_file("10-lambda-canary-trafficsplit.yaml");
  EXPECT_EQ(deploysim({"validate", file}).code, 0);
  const auto strict = deploysim({"validate", file, "--strict"});
  EXPECT_EQ(strict.code, 2);
  EXPECT_NE(strict.err.find("error:"), std::string::npos) << strict.err;
}

TEST(ValidateCommandTest, JsonFormat) {
  const auto ok =
      deploysim({"validate", data_file("13-borealis-demo-full.yml"), "--format", "json"});
  EXPECT_EQ(ok.code, 0);
  EXPECT_EQ(ok.out.rfind("{\n  \"valid\": true,\n  \"problems\": [", 0), 0u) << ok.out;
  EXPECT_NE(ok.out.find("\"severity\": \"warning\""), std::string::npos) << ok.out;

  const auto bad =
      deploysim({"validate", data_file("11-webhook-github-fragment.yaml"), "--format", "json"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.out.rfind("{\n  \"valid\": false,", 0), 0u) << bad.out;
}

TEST(ValidateCommandTest, MissingFileExitsTwo) {
  const auto r = deploysim({"validate", "/no/such/deploy.yml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("/no/such/deploy.yml"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace deploysim
