// JSON Schemas (draft 2020-12) of the two kinds of file deploysim reads, for
// editors (yaml-language-server) and CI validators: built from the loader's
// own key tables, so they list exactly the keys the loader accepts.
#pragma once

#include <string>

namespace deploysim {

// The schema of a deploy file (armory-reference §1), as indented JSON text
// ending in a newline. Accepts what lenient loading accepts, the docs quirks
// included (marked deprecated); reports unknown keys. Throws std::logic_error
// if a schema entry and the loader's key table disagree (a build defect the
// tests catch).
std::string deploy_file_schema();

// The schema of a scenario file (SCENARIO.md, both editions, and the scenario
// keys of COMMANDS.md), the deploy file's definitions embedded for an inline
// `deployment`. Keys the contract defines but this version does not read yet
// are described as such. Same form and failure as deploy_file_schema.
std::string scenario_file_schema();

}  // namespace deploysim
