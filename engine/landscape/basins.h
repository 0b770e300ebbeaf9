#pragma once
// Basins of attraction: run an optimizer from every start of an N x N grid over a domain
// and sort the end points by the known minimum they reached.
#include <vector>

#include "engine/common/progress.h"
#include "engine/optim/optimizer.h"
#include "engine/surfaces/surface.h"

namespace minima {

struct BasinSettings {
    OptimizerSettings optimizer;
    int maxSteps = 1000;
    double gradientTolerance = 1e-6;   // a start stops early once |grad f| is below this
    int grid = 64;                     // N: N x N starts at the cell centres
    Domain domain;                     // where the starts lie
    double radius = 1e-2;              // an end point within this of a known minimum reached it
    // A start diverged when its point becomes non-finite or leaves a ball of this radius.
    double divergenceRadius = 1e6;
};

// Label of a start that reached no known minimum (still moving, or stuck at a saddle)
// and of one that diverged.
inline constexpr int kUnconverged = -1;
inline constexpr int kDiverged = -2;

struct BasinShare {
    KnownPoint minimum;
    int starts = 0;
    double share = 0.0;   // starts / N^2
};

struct BasinsResult {
    int grid = 0;
    Domain domain;
    // labels[r * N + c]: index into basins, kUnconverged or kDiverged. Row r = 0 is the
    // bottom row (y = yMin + (r + 1/2) h), column c = 0 the left one.
    std::vector<int> labels;
    std::vector<BasinShare> basins;   // one per known minimum, in the surface's order
    int unconvergedStarts = 0;
    int divergedStarts = 0;
    double unconvergedShare = 0.0;
    double divergedShare = 0.0;       // basins' shares + unconverged + diverged = 1
    bool cancelled = false;
};

// Starts run in parallel (parallelFor), each alone: the result does not depend on the
// thread count. Throws std::invalid_argument for unusable settings (grid outside
// [1, 2048], negative budget, empty domain, bad optimizer settings).
BasinsResult basinsOfAttraction(const Surface& surface, const BasinSettings& settings,
                                Progress& progress = Progress::none());

} // namespace minima
