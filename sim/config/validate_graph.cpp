// D1: the dependsOn graph. Resolves names to indices, rejects unknown names,
// self-edges and cycles (Boost.Graph DFS back edges), and warns about
// redundant edges.

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <string_view>

#include "deploy_parse.hpp"
#include "suggest.hpp"

namespace deploysim::config {

namespace {

// Edge u -> v: target u is in target v's dependsOn.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Records tree parents and back edges of a depth-first search.
class CycleRecorder : public boost::default_dfs_visitor {
 public:
  CycleRecorder(std::vector<Vertex>& parent, std::vector<std::pair<Vertex, Vertex>>& back_edges)
      : parent_(parent), back_edges_(back_edges) {}

  void tree_edge(Edge e, const Graph& g) { parent_[boost::target(e, g)] = boost::source(e, g); }
  void back_edge(Edge e, const Graph& g) {
    back_edges_.emplace_back(boost::source(e, g), boost::target(e, g));
  }

 private:
  std::vector<Vertex>& parent_;
  std::vector<std::pair<Vertex, Vertex>>& back_edges_;
};

}  // namespace

void check_target_graph(DeployParse& parse, YamlReader& reader) {
  std::vector<Target>& targets = parse.deployment.targets;
  const std::size_t n = targets.size();
  Graph graph(n);
  // A name index, so resolving stays O(E log N) for 10,000-target files.
  std::map<std::string_view, int> index_of;
  for (std::size_t i = 0; i < n; ++i) index_of.emplace(targets[i].name, static_cast<int>(i));
  // Where edge u -> v was written: the dependsOn entry of v naming u.
  auto edge_node = [&](std::size_t u, std::size_t v) -> const yaml::Node& {
    const std::vector<std::string>& names = targets[v].constraints.depends_on;
    const auto i = std::find(names.begin(), names.end(), targets[u].name) - names.begin();
    return parse.depends_on[v][static_cast<std::size_t>(i)];
  };
  for (std::size_t v = 0; v < n; ++v) {
    Target& t = targets[v];
    const std::vector<yaml::Node>& nodes = parse.depends_on[v];
    std::set<int> seen;
    for (std::size_t i = 0; i < t.constraints.depends_on.size(); ++i) {
      const std::string& name = t.constraints.depends_on[i];
      const yaml::Node& where = nodes[i];
      const auto found = index_of.find(name);
      const int u = found == index_of.end() ? -1 : found->second;
      if (u < 0) {
        reader.error(where, "dependsOn '" + name + "' names no target" +
                                did_you_mean(name, parse.target_names));
        continue;
      }
      if (static_cast<std::size_t>(u) == v) {
        reader.error(where, "target '" + t.name + "' dependsOn itself");
        continue;
      }
      if (!seen.insert(u).second) {
        reader.warning(where, "target '" + t.name + "' lists dependsOn '" + name + "' twice");
        continue;
      }
      t.depends_on_indices.push_back(u);
      boost::add_edge(static_cast<Vertex>(u), static_cast<Vertex>(v), graph);
    }
  }

  std::vector<Vertex> parent(n, static_cast<Vertex>(-1));
  std::vector<std::pair<Vertex, Vertex>> back_edges;
  std::vector<boost::default_color_type> colors(n);
  CycleRecorder recorder(parent, back_edges);
  boost::depth_first_search(graph,
                            boost::visitor(recorder).color_map(boost::make_iterator_property_map(
                                colors.begin(), boost::get(boost::vertex_index, graph))));
  for (auto [u, v] : back_edges) {
    // v is an ancestor of u in the DFS tree: the cycle is v -> ... -> u -> v.
    std::vector<Vertex> path;
    for (Vertex w = u; w != v; w = parent[w]) path.push_back(w);
    path.push_back(v);
    std::reverse(path.begin(), path.end());
    // Start the message at the target that comes first in the file.
    auto first = std::min_element(path.begin(), path.end());
    std::rotate(path.begin(), first, path.end());
    std::string text = "dependsOn cycle: ";
    for (Vertex w : path) text += targets[w].name + " -> ";
    text += targets[path.front()].name;
    // Point at the edge that closes the cycle back to its first target.
    Vertex last = path.back();
    reader.error(edge_node(last, path.front()), text);
  }
  if (!back_edges.empty()) return;

  // Redundant edges: u in v.dependsOn while another w in v.dependsOn already
  // (transitively) depends on u. Answered per pair by a search up from w that
  // never expands a node whose depth (longest path from a root) is at or below
  // u's: an ancestor of w deeper than u cannot lead to u. No per-target
  // ancestor sets, so 10,000-target files stay cheap in time and memory.
  std::vector<Vertex> order;
  boost::topological_sort(graph, std::back_inserter(order));
  std::reverse(order.begin(), order.end());  // every edge u -> v has u before v
  std::vector<int> depth(n, 0);
  for (Vertex v : order) {
    for (int u : targets[v].depends_on_indices) {
      depth[v] = std::max(depth[v], depth[static_cast<std::size_t>(u)] + 1);
    }
  }
  std::vector<std::uint32_t> visited(n, 0);
  std::uint32_t stamp = 0;
  std::vector<std::size_t> stack;
  auto depends_transitively = [&](std::size_t from, std::size_t ancestor) {
    ++stamp;
    stack.assign(1, from);
    while (!stack.empty()) {
      const std::size_t x = stack.back();
      stack.pop_back();
      for (int p : targets[x].depends_on_indices) {
        const auto up = static_cast<std::size_t>(p);
        if (up == ancestor) return true;
        if (depth[up] <= depth[ancestor] || visited[up] == stamp) continue;
        visited[up] = stamp;
        stack.push_back(up);
      }
    }
    return false;
  };
  for (std::size_t v = 0; v < n; ++v) {
    const Target& t = targets[v];
    if (t.depends_on_indices.size() < 2) continue;
    for (int u : t.depends_on_indices) {
      for (int w : t.depends_on_indices) {
        if (w == u ||
            !depends_transitively(static_cast<std::size_t>(w), static_cast<std::size_t>(u))) {
          continue;
        }
        reader.warning(edge_node(static_cast<std::size_t>(u), v),
                       t.name + " dependsOn '" + targets[static_cast<std::size_t>(u)].name +
                           "' is implied by '" + targets[static_cast<std::size_t>(w)].name + "'");
        break;
      }
    }
  }
}

}  // namespace deploysim::config
