#include "path_script.hpp"

#include "choice_words.hpp"

namespace deploysim::explore {

NonzeroAlternatives nonzero_alternatives(std::span<const double> weights) {
  NonzeroAlternatives out;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!(weights[i] > 0)) continue;
    if (out.count++ == 0) out.first = i;
  }
  return out;
}

void PathScript::begin_path() {
  points_.clear();
  weights_.clear();
  probability_ = 1;
}

std::size_t PathScript::choose(const DrawKey& key, std::span<const double> weights,
                               const ChoiceLabel& label) {
  const auto [alternatives, first] = nonzero_alternatives(weights);
  // One alternative of nonzero weight: not a branch, nothing to record.
  if (alternatives <= 1) return first;
  const std::size_t depth = points_.size();
  const std::size_t chosen = depth < prefix_.size() ? prefix_[depth] : first;
  BranchPoint& point = points_.emplace_back();
  point.key = key;
  point.label = label;
  point.weights_begin = static_cast<std::uint32_t>(weights_.size());
  point.weights_size = static_cast<std::uint32_t>(weights.size());
  point.chosen = chosen;
  weights_.insert(weights_.end(), weights.begin(), weights.end());
  probability_ *= weights[chosen];
  return chosen;
}

bool PathScript::advance() {
  for (std::size_t i = points_.size(); i-- > 0;) {
    const BranchPoint& point = points_[i];
    for (std::size_t j = point.chosen + 1; j < point.weights_size; ++j) {
      if (!(weights_[point.weights_begin + j] > 0)) continue;
      prefix_.resize(i + 1);
      for (std::size_t k = 0; k < i; ++k) prefix_[k] = points_[k].chosen;
      prefix_[i] = j;
      return true;
    }
  }
  return false;
}

Path PathScript::path() const {
  Path p;
  p.probability = probability_;
  p.choices.reserve(points_.size());
  for (const BranchPoint& point : points_) {
    p.choices.push_back(Choice{point.key, point.chosen,
                               weights_[point.weights_begin + point.chosen],
                               describe_choice(point.label, point.key, point.chosen)});
  }
  return p;
}

}  // namespace deploysim::explore
