// Calibration: the scenario fragment that reproduces a real history
// (`deploysim calibrate`, ../shared/spec/COMMANDS.md "calibrate").
//
//   calibrate::History history;
//   calibrate::read_history("runs.json", {.subject_name = "Run-Integration-Tests"}, history,
//   diags); std::string error; auto result = calibrate::calibrate(history, {}, error);   //
//   lognormal, censored MLE calibrate::write_yaml(std::cout, *result);                 // paste
//   under `webhooks:`
//
// A history is a list of runs, each a duration, a result (success or failure;
// approve or reject for approvals) and whether it was right-censored: a run
// that a timeout cut short says only that the real latency was longer. The
// latency is fitted by maximum likelihood in which a censored run contributes
// P(X > its duration); dropping those runs, or taking their durations at face
// value, biases every fit towards short latencies.
//
// Durations are seconds (double) throughout: the units of the JSON report and
// of a bare DURATION in a scenario file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/diagnostics.hpp"

namespace deploysim::calibrate {

// --- Reading history ---------------------------------------------------------

// Where a history file comes from (COMMANDS.md calibrate, "Sources").
enum class Source {
  kGithub,   // REST `actions/runs` answer (workflow_runs) or `gh run list --json` array
  kJenkins,  // `api/json?tree=allBuilds[...]` (or builds)
  kTape,     // JSON Lines tape of `deploysim live --record`
  kCsv,      // `duration,result` (webhooks) or `requested,answered,decision` (approvals)
};

// "github", "jenkins", "tape", "csv".
std::string_view to_string(Source source);
// The inverse of to_string; nullopt for any other word.
std::optional<Source> parse_source(std::string_view word);

// What the history is of: the system behind one webhook, or people answering
// approvals. It decides the words of the result (success/failure or
// approve/reject) and the fragment written (`webhooks:` or `approvals:`).
enum class Subject { kWebhook, kApproval };

// How a run that finished ended: success/failure for a webhook, approve/reject
// for an approval.
enum class RunResult { kSuccess, kFailure };

// One run that takes part in the fit.
struct Run {
  double seconds = 0;     // its duration; for a censored run, the time it was cut at
  bool censored = false;  // right-censored: the real duration was longer
  RunResult result = RunResult::kSuccess;  // meaningful only when !censored
};

// Everything read from one or more history files.
struct History {
  std::vector<Run> runs;                           // in file order
  std::map<std::string, std::uint64_t> excluded;   // why a run took no part -> count
  std::map<std::string, std::uint64_t> censored;   // why a run was censored -> count
  std::map<std::string, std::uint64_t> workflows;  // github: runs read per workflow name
  std::uint64_t ignored = 0;                       // runs of other webhooks or workflows
  std::vector<std::string> files;                  // "PATH (SOURCE)", one per file read
};

struct ReadOptions {
  std::optional<Source> source;  // nullopt: detected from the content
  Subject subject = Subject::kWebhook;
  std::string subject_name;               // the webhook name (tapes keep only its invocations)
  std::optional<std::string> workflow;    // github: only runs whose name or path is this
  std::optional<double> timeout_seconds;  // --timeout: runs at or past it are censored there
};

// Reads one history file and appends what it says to `history`. Every problem
// goes to `diagnostics` as FILE:LINE:COL (or FILE: and the JSON field path);
// returns false when there was an error, and then `history` is unchanged.
bool read_history(const std::string& path, const ReadOptions& options, History& history,
                  Diagnostics& diagnostics);

// Same, from text in memory; `path` is used in messages only.
bool read_history_text(std::string_view text, const std::string& path, const ReadOptions& options,
                       History& history, Diagnostics& diagnostics);

// --- Fitting -----------------------------------------------------------------

// The families a latency can be fitted with; each is a SCENARIO.md DIST.
enum class Family { kLognormal, kGamma, kWeibull, kExponential, kEmpirical };

// "lognormal", "gamma", "weibull", "exponential", "empirical".
std::string_view to_string(Family family);
// The inverse of to_string; nullopt for any other word (including "best").
std::optional<Family> parse_family(std::string_view word);

// One parameter of a fitted distribution, named as its DIST key.
struct Parameter {
  std::string name;          // median, sigma, shape, scale or mean
  double value = 0;          // seconds when is_duration
  double ci_low = 0;         // 95 % Wald interval on the log scale (observed information);
  double ci_high = 0;        //   NaN when the information matrix is singular
  bool is_duration = false;  // seconds (median, scale, mean) or a plain number
};

// One fitted distribution.
struct Fit {
  Family family = Family::kLognormal;
  std::vector<Parameter> parameters;  // in DIST key order; empty for empirical
  std::vector<double> values;         // empirical: equally likely values (seconds), ascending
  std::size_t values_from_tail = 0;   // empirical: how many of them come from the lognormal
                                      //   tail (past the last run, when it was censored)
  double log_likelihood = 0;          // NaN for empirical
  double aic = 0;                     // 2 k - 2 log-likelihood; NaN for empirical
  double ks = 0;  // sup |F_KM(t) - F(t)| over 0 <= t <= the longest run (KM: Kaplan-Meier)

  // P(X <= seconds) of the fitted distribution.
  double cdf(double seconds) const;
  // The smallest x with P(X <= x) >= p, for 0 < p < 1 (seconds).
  double quantile(double p) const;
};

// One step of the Kaplan-Meier estimate: from `seconds` on, P(X <= t) = cdf.
struct KaplanMeierStep {
  double seconds = 0;
  double cdf = 0;
};

// Which family to fit: one of them, or every parametric one and the lowest AIC.
struct FitRequest {
  std::optional<Family> family = Family::kLognormal;  // nullopt: best by AIC
};

// A share of the finished runs with its 95 % Clopper-Pearson interval.
struct Share {
  std::uint64_t count = 0;
  double value = 0;
  double ci_low = 0;
  double ci_high = 0;
};

// What calibrate() found.
struct Calibration {
  Subject subject = Subject::kWebhook;
  std::string name;  // the webhook, or the approvals key path (default, targets.prod, ...)
  std::vector<std::string> files;
  std::uint64_t n = 0;         // runs in the fit (censored ones included)
  std::uint64_t censored = 0;  // of n
  std::uint64_t excluded = 0;  // runs that took no part, by reason below
  std::map<std::string, std::uint64_t> excluded_by;
  std::map<std::string, std::uint64_t> censored_by;
  std::uint64_t ignored = 0;                  // other webhooks or workflows
  std::optional<double> timeout_seconds;      // --timeout, as given
  std::optional<Share> success;               // among uncensored runs; nullopt if none
  std::optional<Share> failure;               //   (approve / reject for approvals)
  Fit latency;                                // the chosen fit
  bool chosen_by_aic = false;                 // --fit best
  std::vector<Fit> candidates;                // every parametric family tried
  std::vector<KaplanMeierStep> kaplan_meier;  // ascending; empty when no run finished
  std::vector<double> censoring_times;        // distinct, ascending
  double longest_seconds = 0;                 // the longest run (censored or not)
  std::vector<std::string> warnings;          // e.g. several workflows mixed
};

// Fits `history`. When it cannot be fitted (no runs, every run censored, a
// duration that is not positive and finite, or fewer than two distinct
// finished durations for a two-parameter family) it reports why into
// `diagnostics`, as an error with no place (the history as a whole is at
// fault; the caller names its files), and returns nullopt.
std::optional<Calibration> calibrate(const History& history, const std::string& name,
                                     Subject subject, std::optional<double> timeout_seconds,
                                     const FitRequest& request, Diagnostics& diagnostics);

// --- Writing -----------------------------------------------------------------

// The scenario fragment: for a webhook, `NAME:` with `latency` and `outcome`,
// ready to paste under `webhooks:`; for approvals, the key path (e.g.
// `targets:` / `prod:`) with `after` and `decision`, ready to paste under
// `approvals:`. Comment lines say where it came from and how well it fits.
void write_yaml(std::ostream& out, const Calibration& c);

// COMMANDS.md's JSON ({"webhook", "n", "excluded", "censored", "outcome",
// "latency", "fit"}) plus the reasons, intervals and every candidate's AIC.
void write_json(std::ostream& out, const Calibration& c);

// The summary for people (stderr): n, excluded with reasons, censored, the
// parameters with their intervals, the goodness-of-fit statistic.
void write_summary(std::ostream& out, const Calibration& c);

// A self-contained page: the Kaplan-Meier estimate over the fitted CDF, the
// parameters and the candidates. Required elements for its self-check:
// #summary #cdf-chart .km-curve .fit-curve #parameters.
void write_html(std::ostream& out, const Calibration& c);

}  // namespace deploysim::calibrate
