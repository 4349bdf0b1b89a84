#include <gtest/gtest.h>

#include <sstream>

#include "deploysim/report.hpp"

namespace deploysim {
namespace {

Diagnostics example_diagnostics() {
  Diagnostics d;
  d.warning({"deploy.yml", 3, 7}, "unknown key \"foo\"");
  d.error({"deploy.yml", 10, 2}, "webhook \"x\" is not defined");
  d.error({"deploy.yml", 0, 0}, "no targets");
  return d;
}

TEST(ValidationWriterTest, TextErrorsFirst) {
  std::ostringstream out;
  write_validation_text(out, example_diagnostics());
  EXPECT_EQ(out.str(),
            "deploy.yml: error: no targets\n"
            "deploy.yml:10:2: error: webhook \"x\" is not defined\n"
            "deploy.yml:3:7: warning: unknown key \"foo\"\n");
}

TEST(ValidationWriterTest, Json) {
  std::ostringstream out;
  write_validation_json(out, example_diagnostics());
  EXPECT_EQ(out.str(), R"({
  "valid": false,
  "problems": [
    {
      "severity": "error",
      "file": "deploy.yml",
      "line": null,
      "column": null,
      "message": "no targets"
    },
    {
      "severity": "error",
      "file": "deploy.yml",
      "line": 10,
      "column": 2,
      "message": "webhook \"x\" is not defined"
    },
    {
      "severity": "warning",
      "file": "deploy.yml",
      "line": 3,
      "column": 7,
      "message": "unknown key \"foo\""
    }
  ]
}
)");
}

TEST(ValidationWriterTest, JsonValidWithNoProblems) {
  std::ostringstream out;
  write_validation_json(out, Diagnostics{});
  EXPECT_EQ(out.str(), "{\n  \"valid\": true,\n  \"problems\": []\n}\n");
}

}  // namespace
}  // namespace deploysim
