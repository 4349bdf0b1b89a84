// deploysim merge PART... [--format text|json] [-o OUT] [--html OUT.html]
//
// Reads the partial results of `deploysim montecarlo --shard I/K` (or of
// `deploysim stream --shard I/K`, told apart by the first part's "kind"),
// checks that they are exactly the K shards of one run, and writes the report
// that the unsharded run would have written, byte for byte. Every refusal is
// one `error:` line on stderr and exit code 2, with nothing written.
#include <fstream>
#include <sstream>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/montecarlo_report.hpp"
#include "deploysim/shard.hpp"
#include "deploysim/stream_shard.hpp"
#include "output_file.hpp"

namespace deploysim::cli {
namespace {

class MergeCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub = parent.add_subcommand(
        "merge",
        "Combine the partial results of montecarlo --shard I/K (or stream --shard I/K) into one "
        "report");
    sub->add_option("PART", parts_, "Partial results (JSON), one per shard")->required();
    sub->add_option("--format", format_, "Report format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    sub->add_option("-o,--output", output_, "Write the report to this file instead of stdout");
    sub->add_option("--html", html_, "Also write a self-contained HTML report to this file");
    sub->footer(
        "Examples:\n"
        "  for i in 0 1 2; do deploysim montecarlo s.yml --runs 30000 --shard $i/3 -o "
        "part-$i.json; "
        "done\n"
        "  deploysim merge part-*.json --format json -o mc.json --html mc.html");
    return sub;
  }

  int run(Streams io) override {
    OutputFiles outputs;
    for (const std::string& path : parts_) outputs.input(path);
    outputs.output("-o", output_);
    outputs.output("--html", html_);
    if (!outputs.check(io.err)) return kExitBadInput;
    std::vector<std::string> texts;
    for (const std::string& path : parts_) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      if (in) text << in.rdbuf();
      if (!in || in.bad()) {
        print_file_error(io.err, path, "cannot read this file");
        return kExitBadInput;
      }
      texts.push_back(text.str());
    }
    if (stream::is_partial_json(texts.front())) return merge_streams(io, texts);
    std::vector<PartialResult> parts;
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      const std::string& path = parts_[i];
      const std::string& text = texts[i];
      Diagnostics problems;
      std::optional<PartialResult> part = read_partial_json(text, path, problems);
      if (!part) {
        print_problems(io.err, problems.problems());
        return kExitBadInput;
      }
      parts.push_back(std::move(*part));
    }
    Diagnostics problems;
    const std::optional<MergedResult> merged = merge_partials(parts, parts_, problems);
    if (!merged) {
      for (const Problem& p : problems.problems())
        io.err << "deploysim merge: " << p.to_string() << '\n';
      return kExitBadInput;
    }

    std::ostringstream report;
    if (format_ == "json") {
      write_montecarlo_json(report, merged->scenario, merged->result);
    } else {
      write_montecarlo_text(report, merged->scenario, merged->result);
    }
    if (!html_.empty()) {
      std::ostringstream page;
      write_montecarlo_html(page, merged->scenario, merged->result);
      if (const int code = write_output(io, html_, page); code != kExitOk) return code;
    }
    return write_output(io, output_, report);
  }

 private:
  // The parts of `deploysim stream --shard`: the stream report of the merged streams.
  int merge_streams(Streams io, const std::vector<std::string>& texts) {
    std::vector<stream::PartialResult> parts;
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      Diagnostics problems;
      std::optional<stream::PartialResult> part =
          stream::read_partial_json(texts[i], parts_[i], problems);
      if (!part) {
        print_problems(io.err, problems.problems());
        return kExitBadInput;
      }
      parts.push_back(std::move(*part));
    }
    Diagnostics problems;
    const std::optional<stream::Merged> merged = stream::merge_partials(parts, parts_, problems);
    if (!merged) {
      for (const Problem& p : problems.problems()) {
        io.err << "deploysim merge: " << p.to_string() << '\n';
      }
      return kExitBadInput;
    }
    std::ostringstream report;
    if (format_ == "json") {
      stream::write_json(report, merged->scenario, merged->result);
    } else {
      stream::write_text(report, merged->scenario, merged->result);
    }
    if (!html_.empty()) {
      std::ostringstream page;
      stream::write_html(page, merged->scenario, merged->result);
      if (const int code = write_output(io, html_, page); code != kExitOk) return code;
    }
    return write_output(io, output_, report);
  }

  std::vector<std::string> parts_;
  std::string format_ = "text";
  std::string output_;
  std::string html_;
};

}  // namespace

std::unique_ptr<Command> make_merge_command() { return std::make_unique<MergeCommand>(); }

}  // namespace deploysim::cli
