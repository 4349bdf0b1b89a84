// deploysim schema deploy|scenario [-o OUT]
//
// Prints the JSON Schema (draft 2020-12) of a deploy file or a scenario file,
// for editors (yaml-language-server: completion, hover docs, checks) and CI
// validators. The same text is committed under schemas/.
#include "command.hpp"
#include "deploysim/cli.hpp"
#include "deploysim/schema.hpp"
#include "output_file.hpp"

namespace deploysim::cli {
namespace {

class SchemaCommand : public Command {
 public:
  CLI::App* add_to(CLI::App& parent) override {
    CLI::App* sub =
        parent.add_subcommand("schema", "Print the JSON Schema of a deploy or scenario file");
    sub->add_option("KIND", kind_, "deploy (a deploy file) or scenario (a scenario file)")
        ->required()
        ->check(CLI::IsMember({"deploy", "scenario"}));
    sub->add_option("-o,--output", output_, "Write the schema to this file instead of stdout");
    sub->footer(
        "In a YAML file, this first line gives completion and hover docs in editors that use\n"
        "yaml-language-server (VS Code's YAML extension):\n"
        "  # yaml-language-server: $schema=schemas/deploy.schema.json\n"
        "Examples:\n"
        "  deploysim schema deploy -o schemas/deploy.schema.json\n"
        "  deploysim schema scenario -o schemas/scenario.schema.json");
    return sub;
  }

  int run(Streams io) override {
    const std::string schema = kind_ == "deploy" ? deploy_file_schema() : scenario_file_schema();
    if (const int code = write_output(io, output_, schema); code != kExitOk) return code;
    return kExitOk;
  }

 private:
  std::string kind_;
  std::string output_;
};

}  // namespace

std::unique_ptr<Command> make_schema_command() { return std::make_unique<SchemaCommand>(); }

}  // namespace deploysim::cli
