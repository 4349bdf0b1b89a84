// Issue 20, item 3: no message about anything under `secrets` quotes its
// value, on any message path. A valid scenario gets a secret value in every
// malformed position we could construct (a typo under `secrets`, the wrong
// shape, a duplicate, and the value aliased into other fields, where type
// errors, did-you-mean and unknown-key messages would quote it); each variant
// runs through validate (text and JSON), run and test, and the value must
// appear in no output.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "cli_fixture.hpp"

namespace deploysim::testing {
namespace {

// A short and a long secret (a message shows 37 characters of a long value).
constexpr const char* kShort = "ghp_Zq7SECRETvalue42";
constexpr const char* kLong = "ghp_0123456789abcdefghijklmnopqrstuvwxyzSECRETTAIL";
// What must never be printed: the short value, and the start of the long one.
const std::vector<std::string> kNeverShown = {"Zq7SECRET", "ghp_0123456789abcdefghijklmnop"};

const std::string kBase = R"(name: secret-positions
secrets:
  token: &s ghp_Zq7SECRETvalue42
  long: &l ghp_0123456789abcdefghijklmnopqrstuvwxyzSECRETTAIL
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    prod:
      account: cluster
      namespace: prod
      strategy: rolling
      constraints:
        beforeDeployment:
          - runWebhook: {name: hook}
  manifests: [{path: app.yml}]
  strategies:
    rolling:
      canary:
        steps:
          - setWeight: {weight: 100}
  webhooks:
    - name: hook
      method: POST
      uriTemplate: https://hooks.example.com/{{secrets.token}}
      bodyTemplate: {inline: '{"cb": "{{armory.callbackUri}}"}'}
webhooks:
  hook: {outcome: success}
expect:
  pipeline: SUCCEEDED
)";

struct Variant {
  const char* name;
  const char* find;     // text of kBase to replace ("" = append `replace`)
  const char* replace;  // uses the anchors &s (short) and &l (long)
};

const Variant kVariants[] = {
    {"missing_colon", "  token: &s ghp_Zq7SECRETvalue42", "  token ghp_Zq7SECRETvalue42"},
    {"missing_colon_long", "  long: &l ghp_0123456789abcdefghijklmnopqrstuvwxyzSECRETTAIL",
     "  long ghp_0123456789abcdefghijklmnopqrstuvwxyzSECRETTAIL"},
    {"scalar_block",
     "secrets:\n  token: &s ghp_Zq7SECRETvalue42\n  long: &l "
     "ghp_0123456789abcdefghijklmnopqrstuvwxyzSECRETTAIL",
     "secrets: ghp_Zq7SECRETvalue42 ghp_0123456789abcdefghijklmnopqrstuvwxyzSECRETTAIL"},
    {"list_block", "  token: &s ghp_Zq7SECRETvalue42\n  long: &l",
     "  - ghp_Zq7SECRETvalue42\n  - "},
    {"nested_value", "  token: &s ghp_Zq7SECRETvalue42", "  token: {value: ghp_Zq7SECRETvalue42}"},
    {"list_value", "  token: &s ghp_Zq7SECRETvalue42", "  token: [ghp_Zq7SECRETvalue42]"},
    {"duplicate", "  token: &s ghp_Zq7SECRETvalue42",
     "  token: &s ghp_Zq7SECRETvalue42\n  token: ghp_Zq7SECRETvalue42"},
    {"horizon", "", "horizon: *s\n"},
    {"horizon_long", "", "horizon: *l\n"},
    {"seed", "", "seed: *s\n"},
    {"first_deployment", "", "firstDeployment: *s\n"},
    {"target_flag", "", "target: [*s]\n"},
    {"unknown_key", "", "*s : 1\n"},
    {"outcome", "hook: {outcome: success}", "hook: {outcome: *s}"},
    {"approval_decision", "", "approvals: {default: {decision: *l}}\n"},
    {"deploy_kind", "kind: kubernetes", "kind: *s"},
    {"webhook_method", "method: POST", "method: *l"},
    {"strategy_name", "strategy: rolling", "strategy: *s"},
    {"set_weight", "weight: 100", "weight: *s"},
    {"expect_status", "pipeline: SUCCEEDED", "pipeline: *s"},
    {"depends_on", "      namespace: prod\n",
     "      namespace: prod\n      constraints: {dependsOn: [*l]}\n"},
};

std::string apply(const Variant& v) {
  std::string text = kBase;
  if (std::string(v.find).empty()) return text + v.replace;
  const std::size_t at = text.find(v.find);
  EXPECT_NE(at, std::string::npos) << v.name;
  if (at != std::string::npos) text.replace(at, std::string(v.find).size(), v.replace);
  return text;
}

class SecretMessages : public CliTest {};

TEST_F(SecretMessages, TheBaseScenarioIsValidAndNeverShowsItsSecrets) {
  const std::string file = write("base.yml", kBase);
  const CliResult run = deploysim({"run", file, "--format", "json"});
  EXPECT_EQ(run.code, 0) << run.err;
  for (const std::string& secret : kNeverShown) {
    EXPECT_EQ(run.out.find(secret), std::string::npos);
    EXPECT_EQ(run.err.find(secret), std::string::npos);
  }
}

TEST_F(SecretMessages, NoVariantShowsASecretOnAnyMessagePath) {
  for (const Variant& v : kVariants) {
    SCOPED_TRACE(v.name);
    const std::string file = write(std::string(v.name) + ".yml", apply(v));
    const std::vector<std::vector<std::string>> commands = {
        {"validate", file},
        {"validate", file, "--format", "json"},
        {"run", file, "--format", "json"},
        {"test", file},
    };
    bool refused = false;
    for (const std::vector<std::string>& args : commands) {
      SCOPED_TRACE(args[0] + (args.size() > 2 ? " --format json" : ""));
      const CliResult r = deploysim(args);
      refused = refused || r.code == 2;
      for (const std::string& secret : kNeverShown) {
        EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
        EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
      }
    }
    // Every variant is malformed somewhere: the test reaches an error path.
    EXPECT_TRUE(refused);
  }
}

// The f05 shape gives a message that says what is wrong without the value.
TEST_F(SecretMessages, AMissingColonSaysWhatIsWrong) {
  const std::string file = write("typo.yml",
                                 "name: typo\n"
                                 "deployment: {version: v1, kind: kubernetes, application: app, "
                                 "targets: {prod: {account: c, namespace: p}}, manifests: "
                                 "[{path: app.yml}]}\n"
                                 "secrets:\n"
                                 "  github_token ghp_Zq7SECRETvalue42\n");
  const CliResult r = deploysim({"validate", file});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(file + ":4:3: error: secrets: expected a mapping of names to values (NAME: "
                              "VALUE), got a string (not shown: it may hold a secret)"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace deploysim::testing
