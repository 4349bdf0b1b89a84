// deploysim calibrate FILE... (--webhook NAME | --approvals KEY)
//                    [--source github|jenkins|tape|csv] [--timeout DUR] [--workflow NAME]
//                    [--fit lognormal|gamma|weibull|exponential|empirical|best]
//                    [--format yaml|json] [-o OUT] [--html OUT.html]
//
// Reads every history file, fits, renders into memory and only then writes
// files, so bad input never leaves an -o or --html file behind. The summary
// goes to stderr, the fragment (or JSON) to stdout or -o.
#include <sstream>

#include "command.hpp"
#include "deploysim/calibrate.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/loader.hpp"
#include "output_file.hpp"

namespace deploysim::cli {
namespace {

class CalibrateCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub = parent.add_subcommand(
        "calibrate",
        "Fit the scenario fragment that reproduces a real history (GitHub, Jenkins, live "
        "tapes, CSV)");
    sub->add_option("FILE", files_, "History files (the source is detected from the content)")
        ->required();
    CLI::Option* webhook =
        sub->add_option("--webhook", webhook_, "The webhook whose history this is");
    CLI::Option* approvals = sub->add_option(
        "--approvals", approvals_,
        "Fit approval answers instead; the key under approvals: (default, targets.prod, "
        "roles.release-managers, where.analysis, ...)");
    webhook->excludes(approvals);
    approvals->excludes(webhook);
    sub->add_option("--source", source_, "The kind of history (default: detected)")
        ->check(CLI::IsMember({"github", "jenkins", "tape", "csv"}));
    sub->add_option("--timeout", timeout_,
                    "Runs that reach this duration count as right-censored there (also "
                    "GitHub cancelled and Jenkins ABORTED runs that reach it)");
    sub->add_option("--workflow", workflow_,
                    "GitHub: only the runs of this workflow (name or path)");
    sub->add_option("--fit", fit_, "Distribution family, or best by AIC")
        ->check(
            CLI::IsMember({"lognormal", "gamma", "weibull", "exponential", "empirical", "best"}))
        ->capture_default_str();
    sub->add_option("--format", format_, "Output format")
        ->check(CLI::IsMember({"yaml", "json"}))
        ->capture_default_str();
    sub->add_option("-o,--output", output_, "Write the fragment to this file instead of stdout");
    sub->add_option("--html", html_,
                    "Also write a self-contained page: the empirical CDF over the fitted one");
    sub->footer(
        "Examples:\n"
        "  gh run list --workflow ci.yml --limit 1000 \\\n"
        "      --json databaseId,name,conclusion,status,createdAt,startedAt,updatedAt > runs.json\n"
        "  deploysim calibrate runs.json --webhook Run-Integration-Tests --timeout 20m\n"
        "  deploysim calibrate builds.json --webhook Run-Integration-Tests --fit best --html "
        "fit.html\n"
        "  deploysim calibrate approvals.csv --approvals targets.prod --format json");
    return sub;
  }

  int run(Streams io) override {
    if (webhook_.empty() && approvals_.empty()) {
      io.err << "deploysim calibrate: give --webhook NAME (or --approvals KEY for approval "
                "answers)\n";
      return kExitBadInput;
    }
    calibrate::ReadOptions options;
    options.subject =
        approvals_.empty() ? calibrate::Subject::kWebhook : calibrate::Subject::kApproval;
    options.subject_name = approvals_.empty() ? webhook_ : approvals_;
    if (!source_.empty()) options.source = calibrate::parse_source(source_);
    if (!workflow_.empty()) options.workflow = workflow_;
    if (!timeout_.empty()) {
      const auto timeout = parse_duration(timeout_);
      if (!timeout || timeout->count() <= 0) {
        io.err << "deploysim calibrate: --timeout: expected a positive duration (250ms, 90s, 5m, "
                  "2h, 1d or seconds), got '"
               << timeout_ << "'\n";
        return kExitBadInput;
      }
      options.timeout_seconds = to_seconds(*timeout);
    }
    calibrate::FitRequest request;
    request.family = calibrate::parse_family(fit_);  // nullopt for "best"

    OutputFiles outputs;
    for (const std::string& file : files_) outputs.input(file);
    outputs.output("-o", output_);
    outputs.output("--html", html_);
    if (!outputs.check(io.err)) return kExitBadInput;

    calibrate::History history;
    Diagnostics diagnostics;
    for (const std::string& file : files_) {
      if (!calibrate::read_history(file, options, history, diagnostics)) {
        print_problems(io.err, diagnostics.sorted());
        return kExitBadInput;
      }
    }
    const std::optional<calibrate::Calibration> result =
        calibrate::calibrate(history, options.subject_name, options.subject,
                             options.timeout_seconds, request, diagnostics);
    if (!result) {
      // The history as a whole cannot be fitted: the problem is placed at its files.
      std::string names;
      for (const std::string& file : files_) names += (names.empty() ? "" : ", ") + file;
      for (Problem p : diagnostics.sorted()) {
        if (p.location.file.empty()) p.location.file = names;
        io.err << p.to_string() << '\n';
      }
      return kExitBadInput;
    }

    std::ostringstream fragment;
    if (format_ == "json") {
      calibrate::write_json(fragment, *result);
    } else {
      calibrate::write_yaml(fragment, *result);
    }
    std::ostringstream page;
    if (!html_.empty()) calibrate::write_html(page, *result);
    calibrate::write_summary(io.err, *result);

    if (!html_.empty()) {
      if (const int code = write_output(io, html_, page); code != kExitOk) return code;
    }
    if (const int code = write_output(io, output_, fragment); code != kExitOk) return code;
    return kExitOk;
  }

 private:
  std::vector<std::string> files_;
  std::string webhook_;
  std::string approvals_;
  std::string source_;
  std::string timeout_;
  std::string workflow_;
  std::string fit_ = "lognormal";
  std::string format_ = "yaml";
  std::string output_;
  std::string html_;
};

}  // namespace

std::unique_ptr<Command> make_calibrate_command() { return std::make_unique<CalibrateCommand>(); }

}  // namespace deploysim::cli
