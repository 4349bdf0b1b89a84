// W2: the template language of webhook URIs, header values, bodies and
// analysis queries: `{{ namespace.key }}`, whitespace allowed inside the
// braces. Anything that is not a well-formed variable reference is copied
// through unchanged.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace deploysim::model {

// Returns the value of a variable ("armory.namespace", "context.env",
// "secrets.token"), or nullopt when it is unknown.
using VariableLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Renders `text`, replacing every `{{ name }}` by lookup(name). An unknown
// variable renders empty and is reported to on_unknown (may be empty).
std::string render_template(std::string_view text, const VariableLookup& lookup,
                            const std::function<void(std::string_view name)>& on_unknown = {});

// True when `text` contains a reference to `name` (W8: callbackUri).
bool template_references(std::string_view text, std::string_view name);

// Calls fn(name) for every variable reference in `text`, in order.
void for_each_variable(std::string_view text, const std::function<void(std::string_view)>& fn);

// Instants as the query variables print them (ref §2.3): the pipeline starts
// at 2026-01-01T00:00:00Z (epoch 1767225600 s).
inline constexpr std::int64_t kPipelineEpochSeconds = 1767225600;
std::string iso8601(std::int64_t epoch_millis);

}  // namespace deploysim::model
