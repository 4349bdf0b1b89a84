// The readers of each history format. Each reads a whole file's text, adds
// its runs to a HistoryBuilder and reports problems with FILE:LINE:COL.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "deploysim/calibrate.hpp"
#include "history_builder.hpp"

namespace deploysim::calibrate {

// FILE:LINE:COL of byte `offset` of `text` (1-based line and column).
SourceLocation location_at(std::string_view text, std::size_t offset, const std::string& path);

// What the content looks like: the source, or nullopt when it is none of them.
std::optional<Source> detect_source(std::string_view text);

// GitHub (workflow_runs object or gh array) and Jenkins (allBuilds or builds)
// answers. `expected` is the source the caller wants; a document of the other
// kind is an error.
bool read_json_history(std::string_view text, const std::string& path, Source expected,
                       const ReadOptions& options, HistoryBuilder& builder,
                       Diagnostics& diagnostics);

// Tapes of `deploysim live --record`: one JSON object per line.
bool read_tape_history(std::string_view text, const std::string& path, const ReadOptions& options,
                       HistoryBuilder& builder, Diagnostics& diagnostics);

// `duration,result` (webhooks) or `requested,answered,decision` /
// `duration,decision` (approvals).
bool read_csv_history(std::string_view text, const std::string& path, const ReadOptions& options,
                      HistoryBuilder& builder, Diagnostics& diagnostics);

}  // namespace deploysim::calibrate
