#include "deploysim/deployment.hpp"

namespace deploysim {
namespace {

template <class Items>
int index_by_name(const Items& items, const std::string& name) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

int Deployment::find_target(const std::string& name) const { return index_by_name(targets, name); }
int Deployment::find_webhook(const std::string& name) const {
  return index_by_name(webhooks, name);
}
int Deployment::find_strategy(const std::string& name) const {
  return index_by_name(strategies, name);
}
int Deployment::find_query(const std::string& name) const {
  return index_by_name(analysis.queries, name);
}

}  // namespace deploysim
