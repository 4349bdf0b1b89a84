// A1-A6, MODEL 23-26: an analysis step makes numberOfJudgmentRuns runs, one
// at the end of each interval, and judges the mean of each query.
#include <array>

#include "model.hpp"

namespace deploysim::model {
namespace {

bool within(const Query& q, double v) {
  return (!q.lower_limit || v >= *q.lower_limit) && (!q.upper_limit || v <= *q.upper_limit);
}

}  // namespace

// An analysis still running when its list ends is closed at that instant
// with no verdict (its queries were never judged, A7); at the horizon it stays
// open (finishedAt null).
class AnalysisFlight {
 public:
  explicit AnalysisFlight(Model& m) : m_(&m) {}
  ~AnalysisFlight() {
    if (!done_) m_->on_analysis_abandoned(record_);
  }
  AnalysisFlight(const AnalysisFlight&) = delete;
  AnalysisFlight& operator=(const AnalysisFlight&) = delete;

  int record_ = -1;
  bool done_ = false;

 private:
  Model* m_;
};

void Model::on_analysis_abandoned(int record) {
  if (stopping_ || record < 0) return;
  out_->analyses[record].finished_at = engine_.now();
  out_->analyses[record].abandoned = true;
}

// MODEL 23, 26: scripted values first, then the value distribution (whose
// built-in default is a passing constant).
double Model::sample_query(int query, int t, const StepInfo& step, int run) {
  const std::size_t table = static_cast<std::size_t>(query) * n_targets_ + t;
  const ResolvedQueryModel& m = queries_[table];
  const int position = query_samples_[table]++;
  if (position < static_cast<int>(m.sequence.size())) return m.sequence[position];
  const DrawKey key{targets_[t].draw_key ^ step.draw_key ^ query_keys_[query],
                    DrawPurpose::kQueryValue, 0, static_cast<std::uint32_t>(run)};
  return draws_.draw(key, m.value);
}

Task<StepResult> Model::run_analysis(int t, const StepInfo& step) {
  const AnalysisStep& a = *step.analysis;
  const auto& queries = deployment_.analysis.queries;
  const std::size_t nq = step.queries.size();
  bool passed = true;
  {
    StopwatchGuard watch(*this, t, &TimeBreakdown::analysis);
    WaitingGuard waiting(*this, t, phase_of(step.list), &step.cause);
    AnalysisFlight flight(*this);
    const SimTime start = engine_.now();
    if (details_) {
      flight.record_ = static_cast<int>(out_->analyses.size());
      AnalysisRecord& r = out_->analyses.emplace_back();
      r.target = t;
      r.phase = phase_of(step.list);
      r.where = step.where_label;
      r.started_at = start;
      for (int q : step.queries)
        r.queries.push_back(QueryRun{q, {}, std::nullopt, std::nullopt, {}});
    }
    if (tracing_) trace(t, "analysis.start", {{"where", step.where_label}});

    // Running sums without allocating for the usual handful of queries.
    std::array<double, 8> small{};
    std::vector<double> large;
    double* sums = small.data();
    if (nq > small.size()) {
      large.assign(nq, 0.0);
      sums = large.data();
    }

    int runs = 0;
    bool aborted = false;
    for (int i = 1; i <= a.number_of_judgment_runs; ++i) {
      co_await engine_.timeout(step.interval);
      ++runs;
      bool out_of_limits = false;
      for (std::size_t j = 0; j < nq; ++j) {
        const int q = step.queries[j];
        const double v = sample_query(q, t, step, i);
        sums[j] += v;
        out_of_limits = out_of_limits || !within(queries[q], v);
        if (flight.record_ >= 0) out_->analyses[flight.record_].queries[j].values.push_back(v);
      }
      if (tracing_) {
        trace(t, "analysis.run",
              {{"run", std::to_string(i)}, {"result", out_of_limits ? "out" : "in"}});
      }
      // A5: one run out of limits ends the step at once.
      if (a.abort_on_failed_judgment && out_of_limits) {
        aborted = true;
        break;
      }
    }
    // A2: every query's mean within its inclusive limits. A5: an aborted
    // step judged only the queries out of limits in its last run; the others
    // were never judged (A7: no mean, no verdict).
    for (std::size_t j = 0; j < nq; ++j) {
      const double mean = runs > 0 ? sums[j] / runs : 0.0;
      const bool ok = !aborted && within(queries[step.queries[j]], mean);
      passed = passed && ok;
      if (flight.record_ >= 0) {
        QueryRun& qr = out_->analyses[flight.record_].queries[j];
        const bool judged =
            !aborted || (!qr.values.empty() && !within(queries[step.queries[j]], qr.values.back()));
        if (judged) {
          qr.mean = mean;
          qr.passed = ok;
        }
        const SimTime end = engine_.now();
        TemplateScope scope;
        scope.target = t;
        scope.list = step.list;
        scope.step_context = &a.context;
        scope.query = &a;
        // A7: growing windows start at the analysis start; sliding (default) ones
        // cover the last interval.
        scope.window_start =
            a.lookback_method == LookbackMethod::kGrowing ? start : end - step.interval;
        scope.window_end = end;
        scope.location = queries[step.queries[j]].location;
        qr.rendered_template = render_query(step.queries[j], scope);
      }
    }
    passed = passed && !aborted;
    flight.done_ = true;
    if (flight.record_ >= 0) {
      AnalysisRecord& r = out_->analyses[flight.record_];
      r.finished_at = engine_.now();
      r.passed = passed;
      r.aborted = aborted;
    }
    if (tracing_) trace(t, "analysis.end", {{"result", passed ? "pass" : "fail"}});
  }

  // A6, MODEL 8: roll modes mean nothing in afterDeployment.
  if (phase_of(step.list) != Phase::kStrategy) {
    co_return passed ? StepResult{} : StepResult{Reason::kAnalysisFailed, &step.cause};
  }
  if (!passed) {
    // A3, B2: the step fails at its judgment whatever its rollBackMode, so
    // its list ends now; with manual, the target asks a person to confirm
    // the rollback (target_process.cpp).
    StepResult failed{Reason::kAnalysisFailed, &step.cause};
    if (a.roll_back_mode == RollMode::kManual) failed.confirm_rollback = &step;
    co_return failed;
  }
  // A4: manual → a person approves going on; reject rolls back.
  if (a.roll_forward_mode == RollMode::kManual) {
    const Decision d = co_await ask_person(t, step, "rollForward");
    if (d != Decision::kApprove) co_return StepResult{Reason::kApprovalRejected, &step.cause};
  }
  co_return StepResult{};
}

}  // namespace deploysim::model
