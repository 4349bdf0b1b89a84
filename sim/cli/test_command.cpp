// deploysim test PATH... [--junit OUT.xml]
//
// For every scenario file with a top-level `expect` or `properties` key under
// PATH (sorted by path): load it (lenient, or strict when it says `strict:
// true`), run it once with its own seed and check its expectations, and check
// its properties on every path (explore.hpp; property_verdicts.hpp words the
// failures). Prints
//   PASS path
//   FAIL path:
//       <one line per difference>
//   SKIP path (no expect block)
// and ends with "N passed, N failed" (then ", N skipped" when files without
// an expect block were found). Exit 1 when anything failed, 3 when a
// scenario raised an internal error, 2 when a PATH does not exist.
//
// `expect: {error: "text"}` (scenarios/README.md): the file is expected not to
// load. The loader cannot hand back an Expectation for a file it rejects, so
// `expect`, `strict` and `expect.error` are read first from the YAML tree
// alone (read_scenario_header), and the case passes when one of the load's
// *error* lines contains the text. A file that is not YAML has no expect
// block: it is skipped with a warning on stderr, never silently.
#include <chrono>
#include <fstream>
#include <sstream>

#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/loader.hpp"
#include "deploysim/report.hpp"
#include "deploysim/simulation.hpp"
#include "output_file.hpp"
#include "property_verdicts.hpp"
#include "scenario_files.hpp"

namespace deploysim::cli {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The verdict on a file that did not load.
std::vector<std::string> judge_load_failure(const Diagnostics& diagnostics,
                                            const std::optional<std::string>& expected) {
  std::vector<std::string> errors;
  for (const Problem& p : diagnostics.sorted()) {
    if (p.severity == Severity::kError) errors.push_back(p.to_string());
  }
  if (expected) {
    for (const std::string& e : errors) {
      if (e.find(*expected) != std::string::npos) return {};
    }
    std::vector<std::string> out = {"expected a load error containing \"" + *expected +
                                    "\"; the load errors were:"};
    for (const std::string& e : errors) out.push_back("  " + e);
    if (errors.empty()) out.push_back("  (none: the loader reported no error)");
    return out;
  }
  std::vector<std::string> out = {"the file does not load:"};
  for (const std::string& e : errors) out.push_back("  " + e);
  return out;
}

class TestCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub =
        parent.add_subcommand("test",
                              "Run every scenario with an expect block and check it, and check "
                              "every scenario's properties on every path");
    sub->add_option("PATH", paths_, "Scenario files or directories (searched recursively)")
        ->required();
    sub->add_option("--junit", junit_, "Also write the results as JUnit XML to this file");
    sub->footer(
        "Output ends with the line \"N passed, N failed\" (\", N skipped\" added for files\n"
        "without an expect block); exit code 1 if anything failed. A property that\n"
        "does not hold on some path is a failure line with its probability and the\n"
        "most probable path that breaks it.\n"
        "Example:\n"
        "  deploysim test scenarios/ --junit results.xml");
    return sub;
  }

  int run(Streams io) override {
    std::vector<std::string> missing;
    const std::vector<std::string> files = find_yaml_files(paths_, missing);
    for (const std::string& m : missing) print_file_error(io.err, m, "no such file or directory");
    if (!missing.empty()) return kExitBadInput;
    OutputFiles outputs;
    for (const std::string& file : files) outputs.input(file);
    outputs.output("--junit", junit_);
    if (!outputs.check(io.err)) return kExitBadInput;

    std::vector<TestCaseResult> cases;
    bool internal_error = false;
    std::size_t skipped = 0;
    for (const std::string& file : files) {
      const std::string text = read_text(file);
      Diagnostics not_yaml;
      const std::optional<ScenarioHeader> header = read_scenario_header(text, file, not_yaml);
      if (!header) {
        for (const Problem& p : not_yaml.sorted()) {
          io.err << Problem{Severity::kWarning, p.location, "skipped, not YAML: " + p.message}
                        .to_string()
                 << '\n';
        }
        io.out << "SKIP " << file << " (not YAML)\n";
        ++skipped;
        continue;
      }
      if (!header->has_expect && !header->has_properties) {
        io.out << "SKIP " << file << " (no expect block)\n";
        ++skipped;
        continue;
      }
      const auto start = std::chrono::steady_clock::now();
      TestCaseResult c;
      c.name = file;
      try {
        c.failures = judge(file, text, *header);
      } catch (const std::exception& e) {
        c.failures = {std::string("internal error: ") + e.what()};
        internal_error = true;
      }
      c.passed = c.failures.empty();
      c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (c.passed) {
        io.out << "PASS " << file << '\n';
      } else {
        io.out << "FAIL " << file << ":\n";
        for (const std::string& f : c.failures) io.out << "    " << f << '\n';
      }
      cases.push_back(std::move(c));
    }

    std::size_t failed = 0;
    for (const TestCaseResult& c : cases) failed += c.passed ? 0 : 1;
    io.out << cases.size() - failed << " passed, " << failed << " failed";
    if (skipped > 0) io.out << ", " << skipped << " skipped";
    io.out << '\n';

    if (!junit_.empty()) {
      std::ostringstream xml;
      write_junit(xml, "deploysim", cases);
      if (const int code = write_output(io, junit_, xml); code != kExitOk) return code;
    }
    if (internal_error) return kExitInternal;
    return failed == 0 ? kExitOk : kExitCheckFailed;
  }

 private:
  // One line per difference; empty = PASS.
  static std::vector<std::string> judge(const std::string& file, const std::string& text,
                                        const ScenarioHeader& header) {
    Diagnostics diagnostics;
    const std::optional<Scenario> scenario =
        load_scenario_from_string(text, file, LoadOptions{.strict = header.strict}, diagnostics);
    if (!scenario || diagnostics.has_errors()) {
      return judge_load_failure(diagnostics, header.expected_error);
    }
    if (scenario->expect.load_error) {
      return {"expected a load error containing \"" + *scenario->expect.load_error +
              "\", but the file loaded"};
    }
    std::vector<std::string> failures;
    if (header.has_expect) {
      Simulator simulator(*scenario);
      RunOptions options;
      options.seed = scenario->seed;
      const RunResult result = simulator.run(options);
      failures = check_expectations(*scenario, result, diagnostics.sorted());
    }
    for (std::string& line : check_properties(*scenario)) failures.push_back(std::move(line));
    return failures;
  }

  std::vector<std::string> paths_;
  std::string junit_;
};

}  // namespace

std::unique_ptr<Command> make_test_command() { return std::make_unique<TestCommand>(); }

}  // namespace deploysim::cli
