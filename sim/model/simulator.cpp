// Simulator: the public face of the model (simulation.hpp).
#include "deploysim/simulation.hpp"
#include "model.hpp"

namespace deploysim {

struct Simulator::Impl {
  explicit Impl(const Scenario& scenario) : model(scenario) {}
  model::Model model;
};

Simulator::Simulator(const Scenario& scenario) : impl_(std::make_unique<Impl>(scenario)) {}
Simulator::~Simulator() = default;

RunResult Simulator::run(const RunOptions& options) {
  RunResult out;
  run_into(options, out);
  return out;
}

void Simulator::run_into(const RunOptions& options, RunResult& out) {
  impl_->model.run(options, out);
}

}  // namespace deploysim
