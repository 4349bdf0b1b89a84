// Writing what deploysim found: run reports (JSON, text and HTML), the event
// trace, validation results and the JUnit file of `deploysim test`. The
// Monte Carlo reports are in montecarlo_report.hpp.
//
// Every writer is a pure function of its arguments: the same input gives the
// same bytes (SEMANTICS R4). Nothing here reads a clock, an address or a hash
// order. Writers do not flush or close the stream they are given.
//
// The JSON shapes are the contract of ../shared/spec/SCENARIO.md ("Report");
// keys are written in a fixed order and only ever added, never renamed.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/diagnostics.hpp"
#include "deploysim/scenario.hpp"
#include "deploysim/simulation.hpp"
#include "deploysim/time.hpp"

namespace deploysim {

// --- Run report --------------------------------------------------------------

// Writes the `--format json` run report of `result`, a run of `scenario`, as
// an indented JSON document followed by a newline. Times are seconds (ms/1000)
// and null when they never happened. `load_warnings` (e.g. the loader's
// warnings) come first in `warnings`, then result.warnings.
//
// Top-level keys, in order: schemaVersion, scenario, seed, pipeline, targets,
// webhooks, analyses, approvals, weights, warnings. Each target has
// `waitingOn` (R3): null unless it is live, else what it waits on. A cause
// has `agent` only when an agent outage made a readiness wait time out (W11).
// A query never judged has `mean` and `passed` null (A7); so has an analysis
// without a verdict (abandoned, or live at the horizon). `approvals` lists
// every question put to a person with its `requiresRoles` (P4).
// REQUIRES: result was produced by a Simulator of `scenario` (target, webhook
// and query indices refer to scenario.deployment).
void write_run_report_json(std::ostream& out, const Scenario& scenario, const RunResult& result,
                           const std::vector<Problem>& load_warnings = {});

// Same, returned as a string.
std::string run_report_json(const Scenario& scenario, const RunResult& result,
                            const std::vector<Problem>& load_warnings = {});

// Writes the report for people: a header, the targets table (a live target's
// cause column says what it waits on), the webhook calls, the approvals (with
// their required roles), the analyses, a timeline of the milestones in result.trace (target.start,
// phase, weight, rollback.start/end, cancel, target.end: what record_details
// records, so the text is the same with or without record_trace) and the
// warnings. Columns are aligned with spaces; instants are printed with
// format_sim_time.
void write_run_report_text(std::ostream& out, const Scenario& scenario, const RunResult& result,
                           const std::vector<Problem>& load_warnings = {});

// Writes the `run --html` page: one self-contained HTML document (inline CSS
// and SVG, a little JavaScript; nothing is fetched) with a Gantt timeline of
// the targets and their steps, the canary weights, the webhook calls with
// their attempts and the cancellation chains. Steps other than webhooks and
// analyses are drawn from the trace, so pass a result recorded with
// record_trace for the full picture. REQUIRES: `result` was recorded with
// record_details.
void write_run_html(std::ostream& out, const Scenario& scenario, const RunResult& result);

// --- Trace -------------------------------------------------------------------

// Writes result.trace as JSON Lines: one object per event,
//   {"t": seconds, "target": name|null, "kind": "...", <field>: "<value>", ...}
// with the event's fields in their recorded order (values stay strings).
void write_trace_jsonl(std::ostream& out, const Scenario& scenario, const RunResult& result);

// --- Validation --------------------------------------------------------------

// One line per problem (Problem::to_string()), errors first (Diagnostics::sorted()).
void write_validation_text(std::ostream& out, const Diagnostics& diagnostics);

// {"valid": bool, "problems": [{"severity", "file", "line", "column", "message"}]}
// followed by a newline; problems in Diagnostics::sorted() order, severity is
// "error" or "warning", line and column are null when unknown (0).
void write_validation_json(std::ostream& out, const Diagnostics& diagnostics);

// --- deploysim test ----------------------------------------------------------

// The verdict on one scenario file.
struct TestCaseResult {
  std::string name;  // the scenario's path, as printed
  bool passed = false;
  std::vector<std::string> failures;  // one line per difference; empty when passed
  double seconds = 0;                 // wall-clock time spent on it
};

// Writes a JUnit XML document: <testsuites> holding one <testsuite name=`suite`>
// with one <testcase> per element of `cases`, in the given order. A failed case
// has a <failure> whose message is its first failure line and whose text is
// all of them, one per line. Text and attributes are XML-escaped.
void write_junit(std::ostream& out, std::string_view suite,
                 const std::vector<TestCaseResult>& cases);

// Escapes text for XML and HTML text and attribute values: &, <, > and "
// become &amp; &lt; &gt; &quot;, and ' becomes &#39; (valid in both). Control
// characters that XML 1.0 cannot carry (all below 0x20 but tab, LF, CR) become '?'.
std::string xml_escape(std::string_view text);

// --- Formatting helpers ------------------------------------------------------

// An instant of simulated time for text output: "+0:01:00", "+1:02:03.250",
// "+2d 03:00:00". Hours are zero-padded only after a day part; milliseconds
// are shown only when not zero.
std::string format_sim_time(SimTime t);

}  // namespace deploysim
