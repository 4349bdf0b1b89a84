#include "history_generator.hpp"

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "deploysim/random.hpp"

namespace deploysim::calibrate::testing {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::int64_t kStart = 1772323200;  // 2026-03-01T00:00:00Z

std::string iso(std::int64_t epoch_seconds) {
  using namespace std::chrono;
  const sys_seconds t{seconds(epoch_seconds)};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long long>(hms.hours().count()),
                static_cast<long long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()));
  return buf;
}

// A GitHub run object with the fields both answers need.
struct GithubRun {
  std::string status;
  Json conclusion;
  std::int64_t started = 0;  // epoch seconds
  std::int64_t duration = 0;
};

std::vector<GithubRun> github_runs(const std::vector<TrueRun>& runs, double timeout, int noise) {
  std::vector<GithubRun> out;
  std::int64_t clock = kStart;
  int cut = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const TrueRun& r = runs[i];
    clock += 3600;
    if (noise > 0 && i % static_cast<std::size_t>(noise) == 0) {
      const int kind = static_cast<int>((i / static_cast<std::size_t>(noise)) % 3);
      if (kind == 0) out.push_back({"completed", "cancelled", clock, 40});
      if (kind == 1) out.push_back({"in_progress", nullptr, clock, 100});
      if (kind == 2) out.push_back({"completed", "skipped", clock, 0});
    }
    if (r.seconds >= timeout) {
      out.push_back({"completed", (cut++ % 2 == 0) ? "timed_out" : "cancelled", clock,
                     static_cast<std::int64_t>(timeout) + 4});
    } else {
      out.push_back({"completed", r.success ? "success" : "failure", clock,
                     static_cast<std::int64_t>(std::llround(r.seconds))});
    }
  }
  return out;
}

}  // namespace

std::vector<TrueRun> generate(std::size_t n, const std::function<double(double)>& quantile,
                              double success, std::uint64_t seed) {
  // Run i's latency and result are keyed draws of (seed, i).
  std::vector<TrueRun> runs;
  runs.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Draws draws(seed, i);
    double u = draws.uniform(DrawKey{0, DrawPurpose::kLatency});
    for (unsigned lane = 1; u == 0; ++lane)
      u = draws.uniform(DrawKey{0, DrawPurpose::kLatency}, lane);
    const double seconds = quantile(u);
    runs.push_back({seconds, draws.uniform(DrawKey{0, DrawPurpose::kOutcome}) < success});
  }
  return runs;
}

std::function<double(double)> lognormal(double median, double sigma) {
  return [=](double u) {
    return boost::math::quantile(boost::math::lognormal_distribution<>(std::log(median), sigma), u);
  };
}

std::function<double(double)> gamma(double shape, double scale) {
  return [=](double u) {
    return boost::math::quantile(boost::math::gamma_distribution<>(shape, scale), u);
  };
}

std::function<double(double)> weibull(double shape, double scale) {
  return [=](double u) {
    return boost::math::quantile(boost::math::weibull_distribution<>(shape, scale), u);
  };
}

std::string github_rest(const std::vector<TrueRun>& runs, double timeout, int noise) {
  Json list = Json::array();
  std::int64_t id = 9000000000;
  for (const GithubRun& g : github_runs(runs, timeout, noise)) {
    Json j;
    j["id"] = ++id;
    j["name"] = "Integration Tests";
    j["head_branch"] = "main";
    j["path"] = ".github/workflows/integration.yml";
    j["run_number"] = id - 9000000000;
    j["event"] = "repository_dispatch";
    j["status"] = g.status;
    j["conclusion"] = g.conclusion;
    j["workflow_id"] = 61234;
    j["pull_requests"] = Json::array();
    j["created_at"] = iso(g.started - 2);
    j["updated_at"] = iso(g.started + g.duration);
    j["actor"] = {{"login", "potato-bot"}, {"id", 7}, {"type", "Bot"}};
    j["run_attempt"] = 1;
    j["run_started_at"] = iso(g.started);
    j["head_commit"] = {{"id", "3f1c2a9e"}, {"message", "Deploy"}, {"timestamp", iso(g.started)}};
    list.push_back(j);
  }
  Json doc;
  doc["total_count"] = list.size();
  doc["workflow_runs"] = list;
  return doc.dump(1);
}

std::string gh_run_list(const std::vector<TrueRun>& runs, double timeout, int noise) {
  Json list = Json::array();
  std::int64_t id = 9000000000;
  for (const GithubRun& g : github_runs(runs, timeout, noise)) {
    Json j;
    j["conclusion"] = g.conclusion.is_null() ? Json("") : g.conclusion;
    j["createdAt"] = iso(g.started - 2);
    j["databaseId"] = ++id;
    j["name"] = "Integration Tests";
    j["startedAt"] = iso(g.started);
    j["status"] = g.status;
    j["updatedAt"] = iso(g.started + g.duration);
    list.push_back(j);
  }
  return list.dump(2);
}

std::string jenkins(const std::vector<TrueRun>& runs, double timeout, int noise) {
  Json builds = Json::array();
  std::int64_t number = 0;
  std::int64_t clock = kStart * 1000;
  const auto add = [&](Json result, std::int64_t ms, bool building) {
    clock += 3600000;
    builds.push_back({{"_class", "hudson.model.FreeStyleBuild"},
                      {"building", building},
                      {"duration", building ? 0 : ms},
                      {"number", ++number},
                      {"result", result},
                      {"timestamp", clock}});
  };
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const TrueRun& r = runs[i];
    if (noise > 0 && i % static_cast<std::size_t>(noise) == 0) {
      const int kind = static_cast<int>((i / static_cast<std::size_t>(noise)) % 3);
      if (kind == 0) add("ABORTED", 20000, false);
      if (kind == 1) add(nullptr, 0, true);
      if (kind == 2) add("NOT_BUILT", 0, false);
    }
    if (r.seconds >= timeout) {
      add("ABORTED", static_cast<std::int64_t>(timeout * 1000) + 2000, false);
    } else {
      // Failures alternate between FAILURE and UNSTABLE: both are failures.
      add(r.success ? "SUCCESS" : (number % 2 ? "FAILURE" : "UNSTABLE"),
          static_cast<std::int64_t>(std::llround(r.seconds * 1000)), false);
    }
  }
  Json doc;
  doc["_class"] = "hudson.model.FreeStyleProject";
  doc["allBuilds"] = builds;
  return doc.dump();
}

std::string tape(const std::vector<TrueRun>& runs, double timeout, const std::string& webhook,
                 int noise) {
  std::ostringstream out;
  int invocation = 0;
  const auto line = [&](const std::string& name, Json callback, const std::string& result) {
    Json j;
    j["webhook"] = name;
    j["target"] = "prod";
    j["where"] = "afterDeployment";
    j["invocation"] = "inv-" + std::to_string(++invocation);
    j["attempts"] = 1;
    j["requests"] = Json::array({{{"method", "POST"},
                                  {"url", "https://ci.example.com/hook"},
                                  {"headers", {{"Authorization", "Bearer ***"}}},
                                  {"body", "{}"},
                                  {"status", 202}}});
    j["callback"] = callback;
    j["result"] = result;
    j["contract"] = Json::array();
    out << j.dump() << '\n';
  };
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const TrueRun& r = runs[i];
    if (noise > 0 && i % static_cast<std::size_t>(noise) == 0) {
      line(webhook, nullptr, "UNREACHABLE");
      line("Other-Webhook",
           {{"after", 5.0}, {"wallSeconds", 5.0}, {"success", true}, {"mdMessage", "ok"}},
           "SUCCESS");
    }
    if (r.seconds >= timeout) {
      line(webhook, nullptr, "TIMEOUT");
    } else {
      line(webhook,
           {{"after", std::round(r.seconds * 1000) / 1000},
            {"wallSeconds", r.seconds / 10},
            {"success", r.success},
            {"mdMessage", r.success ? "all green" : "tests failed"}},
           r.success ? "SUCCESS" : "FAILURE");
    }
  }
  return out.str();
}

std::string csv(const std::vector<TrueRun>& runs, double timeout) {
  std::ostringstream out;
  out << "duration,result\n";
  char buf[64];
  for (const TrueRun& r : runs) {
    if (r.seconds >= timeout) {
      std::snprintf(buf, sizeof buf, "%.3f,timeout\n", timeout);
    } else {
      std::snprintf(buf, sizeof buf, "%.3f,%s\n", r.seconds, r.success ? "success" : "failure");
    }
    out << buf;
  }
  return out.str();
}

}  // namespace deploysim::calibrate::testing
