// The MPI entry points of a build without DEPLOYSIM_WITH_MPI: the command
// line checks mpi_enabled() and refuses --mpi before it gets here.
#include <stdexcept>

#include "deploysim/shard.hpp"

namespace deploysim {

bool mpi_enabled() { return false; }

MpiOutcome run_montecarlo_mpi(const Scenario&, const MonteCarloOptions&) {
  throw std::logic_error("this deploysim was built without MPI (DEPLOYSIM_WITH_MPI=OFF)");
}

}  // namespace deploysim
