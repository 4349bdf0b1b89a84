// Reading histories: real-shaped answers of GitHub (REST and gh), Jenkins
// (allBuilds and builds), tapes of live and CSV, with every kind of run that
// must be excluded or censored; malformed inputs with their exact messages.
#include <gtest/gtest.h>

#include <algorithm>

#include "deploysim/calibrate.hpp"
#include "history_generator.hpp"
#include "support/test_paths.hpp"

namespace deploysim::calibrate {
namespace {

using testing::kData;

struct Read {
  bool ok = false;
  History history;
  std::vector<std::string> problems;
};

Read read(const std::string& path, ReadOptions options) {
  Read r;
  Diagnostics diagnostics;
  r.ok = read_history(path, options, r.history, diagnostics);
  for (const Problem& p : diagnostics.problems()) r.problems.push_back(p.to_string());
  return r;
}

Read read_text(const std::string& text, ReadOptions options) {
  Read r;
  Diagnostics diagnostics;
  r.ok = read_history_text(text, "h.json", options, r.history, diagnostics);
  for (const Problem& p : diagnostics.problems()) r.problems.push_back(p.to_string());
  return r;
}

ReadOptions webhook(std::optional<double> timeout = std::nullopt) {
  ReadOptions o;
  o.subject_name = "Run-Integration-Tests";
  o.timeout_seconds = timeout;
  return o;
}

// "600 330 1205+" (+ = censored; f = failure).
std::string runs_text(const History& h) {
  std::string text;
  for (const Run& r : h.runs) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%g%s", text.empty() ? "" : " ", r.seconds,
                  r.censored ? "+" : (r.result == RunResult::kFailure ? "f" : ""));
    text += buf;
  }
  return text;
}

using Counts = std::map<std::string, std::uint64_t>;

TEST(GithubRest, ConclusionsAndStatuses) {
  const Read r = read(kData + "github-rest.json", webhook());
  ASSERT_TRUE(r.ok) << r.problems.front();
  EXPECT_EQ(runs_text(r.history), "600 330f 1205+ 750 45");
  EXPECT_EQ(r.history.excluded,
            (Counts{{"cancelled", 2}, {"in_progress", 1}, {"queued", 1}, {"skipped", 1}}));
  EXPECT_EQ(r.history.censored, (Counts{{"timed_out", 1}}));
  EXPECT_EQ(r.history.workflows, (Counts{{"Integration Tests", 9}, {"Lint", 1}}));
  EXPECT_EQ(r.history.files, std::vector<std::string>{kData + "github-rest.json (github)"});
}

TEST(GithubRest, TimeoutCensorsTimedOutAndCancelledRunsThatReachedIt) {
  ReadOptions o = webhook(1200);
  o.workflow = "Integration Tests";
  const Read r = read(kData + "github-rest.json", o);
  ASSERT_TRUE(r.ok) << r.problems.front();
  EXPECT_EQ(runs_text(r.history), "600 330f 1200+ 750 1200+");
  EXPECT_EQ(r.history.excluded,
            (Counts{{"cancelled", 1}, {"in_progress", 1}, {"queued", 1}, {"skipped", 1}}));
  EXPECT_EQ(r.history.censored, (Counts{{"reached --timeout", 2}}));
  EXPECT_EQ(r.history.ignored, 1u);  // the Lint run
  // The workflow file's path selects it too.
  o.workflow = ".github/workflows/lint.yml";
  const Read lint = read(kData + "github-rest.json", o);
  EXPECT_EQ(runs_text(lint.history), "45");
  EXPECT_EQ(lint.history.ignored, 9u);
}

TEST(GhRunList, SameRulesAsTheRestAnswer) {
  const Read r = read(kData + "gh-run-list.json", webhook());
  ASSERT_TRUE(r.ok) << r.problems.front();
  EXPECT_EQ(runs_text(r.history), "600 330f 1205+ 750 45");
  EXPECT_EQ(r.history.excluded,
            (Counts{{"cancelled", 2}, {"in_progress", 1}, {"queued", 1}, {"skipped", 1}}));
  EXPECT_EQ(r.history.files, std::vector<std::string>{kData + "gh-run-list.json (github)"});
}

TEST(Jenkins, AllBuildsAndBuilds) {
  for (const char* file : {"jenkins-allBuilds.json", "jenkins-builds.json"}) {
    const Read r = read(kData + file, webhook());
    ASSERT_TRUE(r.ok) << r.problems.front();
    EXPECT_EQ(runs_text(r.history), "612.345 241f 655.5f 580.25") << file;
    EXPECT_EQ(r.history.excluded, (Counts{{"ABORTED", 2}, {"NOT_BUILT", 1}, {"building", 1}}))
        << file;
    EXPECT_TRUE(r.history.censored.empty());
  }
  const Read cut = read(kData + "jenkins-allBuilds.json", webhook(1200));
  EXPECT_EQ(runs_text(cut.history), "612.345 241f 655.5f 1200+ 580.25");
  EXPECT_EQ(cut.history.excluded, (Counts{{"ABORTED", 1}, {"NOT_BUILT", 1}, {"building", 1}}));
}

TEST(Tape, InvocationsOfTheWebhook) {
  const Read r = read(kData + "live-tape.jsonl", webhook(900));
  ASSERT_TRUE(r.ok) << r.problems.front();
  EXPECT_EQ(runs_text(r.history), "612.5 431f 900+ 702.25");
  EXPECT_EQ(r.history.excluded, (Counts{{"UNREACHABLE", 1}}));
  EXPECT_EQ(r.history.ignored, 1u);  // Check-Logs
  // Without --timeout a TIMEOUT cannot be placed.
  const Read untimed = read(kData + "live-tape.jsonl", webhook());
  EXPECT_FALSE(untimed.ok);
  EXPECT_EQ(untimed.problems,
            std::vector<std::string>{kData +
                                     "live-tape.jsonl:4:1: error: invocation of "
                                     "Run-Integration-Tests timed out without a callback: give "
                                     "--timeout (the callback timeout of the live run) so that it "
                                     "counts as censored there"});
  ReadOptions other = webhook(900);
  other.subject_name = "Nope";
  EXPECT_EQ(
      read(kData + "live-tape.jsonl", other).problems,
      std::vector<std::string>{kData + "live-tape.jsonl: error: no invocation of webhook 'Nope' in "
                                       "this tape (it has: Check-Logs, Run-Integration-Tests)"});
}

TEST(Csv, DurationsAndResults) {
  const Read r = read(kData + "runs.csv", webhook());
  ASSERT_TRUE(r.ok) << r.problems.front();
  EXPECT_EQ(runs_text(r.history), "600 330f 750 1200+ 612.5 90f");
  EXPECT_EQ(r.history.censored, (Counts{{"timeout", 1}}));
  EXPECT_EQ(r.history.files, std::vector<std::string>{kData + "runs.csv (csv)"});
}

TEST(Csv, Approvals) {
  ReadOptions o;
  o.subject = Subject::kApproval;
  o.subject_name = "targets.prod";
  const Read r = read(kData + "approvals.csv", o);
  ASSERT_TRUE(r.ok) << r.problems.front();
  EXPECT_EQ(runs_text(r.history), "2520 8130 1200f 86400+ 1800.25");
  EXPECT_EQ(r.history.excluded, (Counts{{"not answered yet", 1}}));
  EXPECT_EQ(r.history.censored, (Counts{{"no answer before it expired", 1}}));
  const Read durations = read_text("after,decision\n10m,approve\n2h,reject\n,\n30m,never\n", o);
  ASSERT_TRUE(durations.ok) << durations.problems.front();
  EXPECT_EQ(runs_text(durations.history), "600 7200f 1800+");
  // An approvals history is not a webhook's, and the other way round.
  EXPECT_EQ(read(kData + "approvals.csv", webhook()).problems,
            std::vector<std::string>{kData +
                                     "approvals.csv:1:1: error: this is a history of approvals (a "
                                     "decision column): calibrate it with --approvals KEY instead "
                                     "of --webhook"});
  EXPECT_EQ(read(kData + "github-rest.json", o).problems.size(), 1u);
}

TEST(Detection, EachSourceFromItsContent) {
  // Every file above was read without --source; --source that disagrees is an error.
  ReadOptions o = webhook();
  o.source = Source::kJenkins;
  const Read wrong = read(kData + "github-rest.json", o);
  EXPECT_FALSE(wrong.ok);
  ASSERT_EQ(wrong.problems.size(), 1u);
  EXPECT_EQ(wrong.problems[0], kData +
                                   "github-rest.json:3:3: error: this is a GitHub answer, not "
                                   "jenkins history (--source jenkins)");
  o.source = Source::kGithub;
  EXPECT_TRUE(read(kData + "gh-run-list.json", o).ok);
  EXPECT_EQ(read_text("", webhook()).problems,
            std::vector<std::string>{"h.json: error: empty file: no history in it"});
  EXPECT_EQ(read_text("{\"jobs\": []}", webhook()).problems.size(), 1u);
  EXPECT_NE(read_text("hello\nworld\n", webhook())
                .problems[0]
                .find("h.json:1:1: error: not a history calibrate knows"),
            std::string::npos);
}

// --- Malformed input -------------------------------------------------------------

std::string column_of(const std::string& text, const std::string& needle) {
  return std::to_string(text.find(needle) + 1);
}

TEST(Malformed, GithubFieldsPointAtTheirKey) {
  const std::string text =
      "{\"workflow_runs\": [{\"status\": \"completed\", \"conclusion\": \"success\", "
      "\"run_started_at\": \"2026-03-01T10:00:00Z\", \"updated_at\": \"yesterday\"}]}";
  EXPECT_EQ(read_text(text, webhook()).problems,
            std::vector<std::string>{"h.json:1:" + column_of(text, "\"updated_at\"") +
                                     ": error: workflow_runs[0].updated_at: expected an ISO 8601 "
                                     "timestamp such as 2026-03-01T10:00:00Z, got 'yesterday'"});
  const std::string backwards =
      "[\n{\"status\": \"completed\", \"conclusion\": \"failure\",\n"
      " \"startedAt\": \"2026-03-01T10:00:00Z\", \"updatedAt\": \"2026-03-01T09:00:00Z\"}]";
  EXPECT_EQ(read_text(backwards, webhook()).problems,
            std::vector<std::string>{"h.json:3:39: error: [0].updatedAt (2026-03-01T09:00:00Z) "
                                     "is before startedAt (2026-03-01T10:00:00Z)"});
  const std::string status = "[{\"status\": 3}]";
  EXPECT_EQ(read_text(status, webhook()).problems,
            std::vector<std::string>{"h.json:1:3: error: [0].status: expected a string, got a "
                                     "number"});
  EXPECT_EQ(
      read_text("{\"workflow_runs\": {}}", webhook()).problems,
      std::vector<std::string>{"h.json:1:2: error: workflow_runs: expected an array of runs"});
  EXPECT_EQ(read_text("[1]", webhook()).problems,
            std::vector<std::string>{"h.json:1:2: error: [0]: expected an object (one run), got a "
                                     "number"});
}

TEST(Malformed, InvalidJsonHasItsPlace) {
  const Read r = read_text("{\"workflow_runs\": [\n  {\"status\": \"completed\",,\n", webhook());
  ASSERT_EQ(r.problems.size(), 1u);
  // The place is the offending character: the second comma, or the last
  // character before the input ended.
  EXPECT_EQ(r.problems[0].rfind("h.json:2:26: error: invalid JSON: syntax error while parsing "
                                "object key",
                                0),
            0u)
      << r.problems[0];
  const Read truncated = read_text("{\"allBuilds\": [{\"result\": \"SUCCESS\"", webhook());
  ASSERT_EQ(truncated.problems.size(), 1u);
  EXPECT_EQ(truncated.problems[0].rfind("h.json:1:36: error: invalid JSON: ", 0), 0u)
      << truncated.problems[0];
}

TEST(Malformed, Jenkins) {
  const std::string unknown =
      "{\"allBuilds\": [{\"building\": false, \"duration\": 5, \"result\": \"PASSED\"}]}";
  EXPECT_EQ(read_text(unknown, webhook()).problems,
            std::vector<std::string>{"h.json:1:" + column_of(unknown, "\"result\"") +
                                     ": error: allBuilds[0].result: expected SUCCESS, UNSTABLE, "
                                     "FAILURE, NOT_BUILT, ABORTED or null, got 'PASSED'"});
  // The default api/json lists builds without results.
  const std::string bare = "{\"builds\": [{\"_class\": \"x\", \"number\": 3, \"url\": \"u\"}]}";
  EXPECT_EQ(read_text(bare, webhook()).problems,
            std::vector<std::string>{"h.json:1:13: error: builds[0]: no 'result': ask Jenkins for "
                                     "api/json?tree=allBuilds[number,result,timestamp,duration,"
                                     "building]"});
  const std::string both = "{\"builds\": [], \"allBuilds\": []}";
  EXPECT_EQ(read_text(both, webhook()).problems,
            std::vector<std::string>{"h.json:1:16: error: both builds and allBuilds: ask for one "
                                     "of them (allBuilds has every build)"});
  const std::string duration = "{\"builds\": [{\"result\": \"SUCCESS\", \"duration\": \"5s\"}]}";
  EXPECT_EQ(read_text(duration, webhook()).problems,
            std::vector<std::string>{"h.json:1:" + column_of(duration, "\"duration\"") +
                                     ": error: builds[0].duration: expected a number of "
                                     "milliseconds, got a string"});
}

TEST(Malformed, Tape) {
  const std::string good =
      "{\"webhook\": \"Run-Integration-Tests\", \"callback\": {\"after\": 5, \"success\": true}, "
      "\"result\": \"SUCCESS\"}";
  EXPECT_EQ(
      read_text(good + "\n{\"webhook\": \"Run-Integration-Tests\", \"callback\": }\n", webhook())
          .problems.at(0)
          .rfind("h.json:2:50: error: invalid JSON: syntax error while parsing value", 0),
      0u);
  EXPECT_EQ(read_text(good + "\n" +
                          "{\"webhook\": \"Run-Integration-Tests\", \"callback\": {\"after\": 5, "
                          "\"success\": \"true\"}, \"result\": \"SUCCESS\"}",
                      webhook())
                .problems,
            std::vector<std::string>{
                "h.json:2:1: error: callback.success: expected true or false, got a string"});
}

TEST(Malformed, Csv) {
  EXPECT_EQ(read_text("duration,result\n10m,success\nabc,failure\n", webhook()).problems,
            std::vector<std::string>{"h.json:3:1: error: expected a duration (250ms, 90s, 5m, 2h, "
                                     "1d or seconds), got 'abc'"});
  EXPECT_EQ(read_text("duration, result\n10m, passed\n", webhook()).problems,
            std::vector<std::string>{
                "h.json:2:6: error: result: expected success, failure or timeout, got 'passed'"});
  EXPECT_EQ(read_text("duration,result\n10m\n", webhook()).problems,
            std::vector<std::string>{"h.json:2:4: error: expected 2 fields, got 1"});
  EXPECT_EQ(read_text("duration,result\n-5,success\n", webhook()).problems,
            std::vector<std::string>{"h.json:2:1: error: expected a duration (250ms, 90s, 5m, 2h, "
                                     "1d or seconds), got '-5'"});
  EXPECT_EQ(read_text("when,result\n10m,success\n", webhook()).problems.size(), 1u);
}

TEST(Malformed, NothingIsAddedFromABadFile) {
  History history;
  Diagnostics diagnostics;
  ASSERT_TRUE(read_history(kData + "runs.csv", webhook(), history, diagnostics));
  const std::size_t before = history.runs.size();
  EXPECT_FALSE(read_history_text("duration,result\n10m,success\nabc,failure\n", "bad.csv",
                                 webhook(), history, diagnostics));
  EXPECT_EQ(history.runs.size(), before);
  EXPECT_EQ(history.files.size(), 1u);
}

}  // namespace
}  // namespace deploysim::calibrate
