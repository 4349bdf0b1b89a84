// How the sweep reports (`montecarlo --sweep`, `stream --sweep`) write the
// values of one point, so both commands write them alike.
//
// Private to sim/report and the libraries that write sweep reports
// (#include "report/sweep_values.hpp").
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace deploysim::report {

// {PATH: value} for each path, in --sweep order: a JSON number when the
// value's text is a finite number, else the text.
nlohmann::ordered_json sweep_values_json(const std::vector<std::string>& paths,
                                         const std::vector<std::string>& values);

// A sweep report: {"schemaVersion": 1, "scenario", "sweep": [PATH...],
// "points": [{"values": sweep_values_json(paths, values[i]), "report":
// reports[i]}]}. REQUIRES: values.size() == reports.size().
nlohmann::ordered_json sweep_report_json(const std::string& scenario,
                                         const std::vector<std::string>& paths,
                                         const std::vector<std::vector<std::string>>& values,
                                         std::vector<nlohmann::ordered_json> reports);

// "v" for one path, "a=v1, b=v2" for several (a point's label in the reports).
std::string sweep_values_label(const std::vector<std::string>& paths,
                               const std::vector<std::string>& values);

}  // namespace deploysim::report
