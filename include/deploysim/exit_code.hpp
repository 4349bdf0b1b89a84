// The exit statuses of the deploysim command (../shared/spec/SCENARIO.md),
// shared by everything that ends a process: the commands, and the MPI driver
// when it aborts a whole job.
#pragma once

namespace deploysim {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  // `test` or `run --check` found a difference
inline constexpr int kExitBadInput = 2;     // usage error, missing file, load error
inline constexpr int kExitInternal = 3;     // an exception escaped a command

}  // namespace deploysim
