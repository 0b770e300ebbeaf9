#pragma once
// Basins of attraction on a 2-D surface: the share of a grid of starts that each known
// minimum captures under a chosen optimizer, plus the share that reached none.
#include <string>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/landscape/basins.h"
#include "engine/surfaces/surface.h"

namespace minima {

struct BasinsExperimentParams {
    std::string surface = "himmelblau";
    SurfaceOptions surfaceOptions;
    OptimizerSettings optimizer;   // learning rate 0.01 by default
    int steps = 1000;
    int grid = 64;
};

struct BasinsExperimentResult {
    std::string surface;
    BasinsResult basins;   // over the surface's plotting domain
};

// Throws std::invalid_argument for an unknown surface or unusable settings.
BasinsExperimentResult runBasinsExperiment(const BasinsExperimentParams& params, Progress& progress = Progress::none());

ExperimentInfo basinsExperiment();

} // namespace minima
