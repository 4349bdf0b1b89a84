// What the run and montecarlo HTML pages share: escaping, the page frame
// (inline CSS and the self-check script), colours, SVG helpers and the time
// axis. Pages are self-contained: nothing is fetched, no URL is written.
//
// Stable hooks for tests (tests/html/): every page has
//   <meta name="selfcheck" content="pending|ok|error: ...">
// which its script sets to "ok" once every required element is present and no
// script error happened (window.onerror and try/catch record errors). Key
// elements: run page  #summary #timeline .gantt-row .webhook-call
// .webhook-attempt #weights #webhooks (and .cancel-arrow when something was
// cancelled); montecarlo page  #summary #outcomes .outcome-bar #lead-times
// .lead-histogram .lead-cdf #causes #breakdown .breakdown-bar; sweep page
// #sweep .sweep-line.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "deploysim/outcome.hpp"
#include "deploysim/time.hpp"

namespace deploysim::html {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string escape(std::string_view text);

// A coordinate or size for SVG: fixed one decimal, so output is stable.
std::string num(double v);

// Writes <!doctype html> ... <body> with the title and inline CSS.
void begin_page(std::ostream& out, const std::string& title);

// Writes the self-check script (checks every selector in `required`) and
// closes the page.
void end_page(std::ostream& out, const std::vector<std::string>& required);

// Fill colours.
std::string_view status_color(TargetStatus s);
std::string_view webhook_color(WebhookResult r);

// A "nice" tick step for a span of `span_ms` with about `ticks` ticks.
std::int64_t nice_step_ms(std::int64_t span_ms, int ticks);

// Maps simulated time to pixels on a horizontal axis.
struct TimeAxis {
  double x0 = 0;     // pixel of t = 0
  double width = 0;  // pixels of the whole span
  std::int64_t span_ms = 1;
  double x(std::int64_t ms) const {
    return x0 + width * static_cast<double>(ms) / static_cast<double>(span_ms);
  }
  // Vertical grid lines and labels from y_top to y_bottom; labels under y_bottom.
  void write_grid(std::ostream& out, double y_top, double y_bottom) const;
};

}  // namespace deploysim::html
