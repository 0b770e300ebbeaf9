#pragma once
// The named experiments that `minima run <name>` and the lessons run.
//
// Each experiment is a `struct Params` in, a `struct Result` out (declared in its own
// header), with a Progress& in between. Each experiment declares its keys once
// (params.h); from that the catalog documents them, parses `--set key=value` pairs
// (rejecting unknown keys and bad values with the reason) and writes the result as JSON.
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/common/progress.h"

namespace minima {

// Thrown for an unknown key or a bad value; what() is one line naming the key.
class ParameterError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ExperimentKey {
    std::string name;
    std::string defaultValue;
    std::string help;   // one line: what it is, its unit and allowed values
};

struct ExperimentInfo {
    std::string name;
    std::string summary;               // one line
    std::vector<ExperimentKey> keys;
    // Runs the experiment with the given key=value settings (already checked against
    // `keys` by runExperiment) and returns the result as a JSON object.
    std::function<std::string(const std::map<std::string, std::string>& settings,
                              std::uint64_t seed, Progress& progress)> run;
};

// Every experiment, in a fixed order.
const std::vector<ExperimentInfo>& experiments();

// nullptr when there is no experiment of that name.
const ExperimentInfo* findExperiment(const std::string& name);

// The `minima run <name> --help` text: summary and one line per key with its default.
std::string experimentHelp(const ExperimentInfo& info);

// Fills in defaults, rejects unknown keys (ParameterError), then runs.
std::string runExperiment(const ExperimentInfo& info,
                          const std::map<std::string, std::string>& settings,
                          std::uint64_t seed, Progress& progress);

// How much work a run would be, in elementary steps (one sample through one weight, one
// optimizer step on a surface, one chord): the settings are completed with the defaults and
// checked as runExperiment would (ParameterError). A rough count, good to a factor of a few;
// on a current 2-core laptop about 10^9 steps take a second.
double estimateExperimentWork(const ExperimentInfo& info, const std::map<std::string, std::string>& settings);

// The most work `minima run` takes on (about a few minutes): more is refused, saying so.
inline constexpr double maxRunWork = 2e11;

} // namespace minima
