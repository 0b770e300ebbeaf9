#pragma once
// One optimizer run on a 2-D error surface: the trajectory, where it ended and how.
#include <optional>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/optim/optimizer.h"
#include "engine/optim/run.h"
#include "engine/surfaces/surface.h"

namespace minima {

struct OptimizeParams {
    std::string surface = "himmelblau";   // a key of surfaceKeys()
    SurfaceOptions surfaceOptions;        // bowl eigenvalues and angle, terrain seed
    OptimizerSettings optimizer;          // kind, learning rate, momentum
    int steps = 500;
    std::optional<Point2> start;          // the surface's default start when empty
    double gradientTolerance = 1e-8;
};

struct OptimizeResult {
    std::string surface;
    Domain domain;
    std::vector<Point2> points;    // start first; never a non-finite point
    std::vector<double> losses;
    RunStatus status = RunStatus::BudgetSpent;
    int steps = 0;
    int divergedAtStep = -1;
    Point2 finalPoint = Point2::Zero();
    double finalValue = 0.0;
    std::vector<KnownPoint> minima;
    int nearestMinimum = -1;       // index into minima of the closest one to the end point
    double distanceToNearest = 0.0;
};

// Throws std::invalid_argument for an unknown surface, a bad rate or budget, a
// non-finite start.
OptimizeResult runOptimize(const OptimizeParams& params, Progress& progress = Progress::none());

ExperimentInfo optimizeExperiment();

} // namespace minima
