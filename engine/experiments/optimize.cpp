#include "engine/experiments/optimize.h"

#include <cmath>
#include <stdexcept>

#include "engine/common/json.h"
#include "engine/experiments/surfacekeys.h"

namespace minima {

OptimizeResult runOptimize(const OptimizeParams& params, Progress& progress)
{
    if (params.steps < 0 || params.steps > 10000000) throw std::invalid_argument("steps must be in [0, 10000000]");
    const auto surface = makeSurface(params.surface, params.surfaceOptions);
    const Point2 start = params.start.value_or(surface->defaultStart());
    if (!start.allFinite()) throw std::invalid_argument("the start must be finite");

    RunSettings settings;
    settings.maxSteps = params.steps;
    settings.gradientTolerance = params.gradientTolerance;
    Optimizer<Point2> optimizer(params.optimizer, 2);
    const auto run = runOptimizer(
        optimizer, [&](const Point2& p) { return surface->value(p); },
        [&](const Point2& p, Point2& g) { g = surface->gradient(p); }, start, settings, {}, progress);

    OptimizeResult r;
    r.surface = params.surface;
    r.domain = surface->domain();
    r.points = run.points;
    r.losses = run.losses;
    r.status = run.status;
    r.steps = run.steps;
    r.divergedAtStep = run.divergedAtStep;
    r.finalPoint = run.final;
    r.finalValue = std::isfinite(run.finalLoss) ? run.finalLoss : surface->value(run.final);
    r.minima = surface->minima();
    for (std::size_t k = 0; k < r.minima.size(); ++k) {
        const double d = (r.minima[k].at - r.finalPoint).norm();
        if (r.nearestMinimum < 0 || d < r.distanceToNearest) {
            r.nearestMinimum = int(k);
            r.distanceToNearest = d;
        }
    }
    return r;
}

static void writePoint(JsonWriter& j, const Point2& p)
{
    j.beginArray().value(p.x()).value(p.y()).endArray();
}

ExperimentInfo optimizeExperiment()
{
    // Adam runs with its own betas and epsilon.
    auto params = surfaceRunKeys<OptimizeParams>([](OptimizerSettings& o, OptimizerKind kind) {
        o.kind = kind;
        if (kind == OptimizerKind::Adam) {
            const OptimizerSettings adam = adamDefaults();
            o.beta1 = adam.beta1;
            o.beta2 = adam.beta2;
            o.epsilon = adam.epsilon;
        }
    });
    params.integer("steps", &OptimizeParams::steps, 0, 1000000, "step budget, 0..1000000")
        .custom(
            "start", "start point x,y (empty: the surface's default start)",
            [](OptimizeParams& p, const std::string& text) {
                if (text.empty()) return p.start.reset();
                const auto xy = parseDoubleList(text, "start");
                if (xy.size() != 2) throw ParameterError("bad value '" + text + "' for key 'start': expected x,y");
                p.start = Point2(xy[0], xy[1]);
            },
            [](const OptimizeParams& p) { return p.start ? formatList(std::vector{p.start->x(), p.start->y()}) : ""; });
    bowlKeys(params, &OptimizeParams::surfaceOptions, " (curvature)", "bowl: rotation of the eigenvectors, degrees");
    terrainKeys(params);
    return declareExperiment(
        "optimize", "One optimizer run on a 2-D error surface: trajectory, end point, value and status", std::move(params),
        {"surface", "optimizer"}, [](JsonWriter& j, OptimizeParams& p, std::uint64_t seed, Progress& progress) {
            p.surfaceOptions.terrainSeed = seed;
            const OptimizeResult r = asParameterError([&] { return runOptimize(p, progress); });
            j.key("domain").beginArray().value(r.domain.xMin).value(r.domain.xMax).value(r.domain.yMin).value(r.domain.yMax).endArray();
            j.key("status").value(runStatusName(r.status));
            j.key("steps").value(r.steps);
            j.key("divergedAtStep");
            if (r.divergedAtStep >= 0) j.value(r.divergedAtStep); else j.null();
            j.key("final").beginObject();
            j.key("point");
            writePoint(j, r.finalPoint);
            j.key("value").value(r.finalValue);
            j.endObject();
            j.key("trajectory").beginObject();
            j.key("x").beginArray();
            for (const auto& q : r.points) j.value(q.x());
            j.endArray();
            j.key("y").beginArray();
            for (const auto& q : r.points) j.value(q.y());
            j.endArray();
            j.key("loss").numbers(r.losses);
            j.endObject();
            j.key("minima").beginArray();
            for (const auto& m : r.minima) {
                j.beginObject();
                j.key("point");
                writePoint(j, m.at);
                j.key("value").value(m.value);
                j.key("global").value(m.global);
                j.endObject();
            }
            j.endArray();
            j.key("nearestMinimum").value(r.nearestMinimum);
            j.key("distanceToNearest").value(r.distanceToNearest);
    });
}

} // namespace minima
