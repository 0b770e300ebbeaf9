#include "engine/experiments/optimize.h"

#include <cmath>
#include <stdexcept>

#include "engine/common/json.h"

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
    ExperimentInfo info;
    info.name = "optimize";
    info.summary = "One optimizer run on a 2-D error surface: trajectory, end point, value and status";
    info.keys = {
        {"surface", "himmelblau", "bowl | himmelblau | camel | rosenbrock | beale | rastrigin | terrain"},
        {"optimizer", "gd", "gd | momentum | nesterov | adagrad | rmsprop | adam"},
        {"lr", "0.01", "learning rate, > 0"},
        {"momentum", "0.9", "momentum beta for momentum and nesterov, in [0, 1)"},
        {"steps", "500", "step budget, 0..1000000"},
        {"start", "", "start point x,y (empty: the surface's default start)"},
        {"lambda1", "1", "bowl: first eigenvalue (curvature)"},
        {"lambda2", "10", "bowl: second eigenvalue (curvature)"},
        {"angle", "0", "bowl: rotation of the eigenvectors, degrees"},
        {"terrain-wells", "6", "terrain: number of Gaussian wells, 1..64 (drawn from --seed)"},
    };
    info.run = [](const std::map<std::string, std::string>& s, std::uint64_t seed, Progress& progress) {
        OptimizeParams p;
        p.surface = parseChoice(s, "surface", surfaceKeys());
        p.optimizer.kind = optimizerFromKey(parseChoice(s, "optimizer", optimizerKeys()));
        p.optimizer.learningRate = parseDouble(s, "lr");
        if (p.optimizer.kind == OptimizerKind::Adam) {
            const OptimizerSettings adam = adamDefaults();
            p.optimizer.beta1 = adam.beta1;
            p.optimizer.beta2 = adam.beta2;
            p.optimizer.epsilon = adam.epsilon;
        }
        p.optimizer.momentum = parseDouble(s, "momentum");
        p.steps = int(parseInt(s, "steps", 0, 1000000));
        if (!s.at("start").empty()) {
            const auto xy = parseDoubleList(s, "start");
            if (xy.size() != 2) throw ParameterError("bad value '" + s.at("start") + "' for key 'start': expected x,y");
            p.start = Point2(xy[0], xy[1]);
        }
        p.surfaceOptions.bowlLambda1 = parseDouble(s, "lambda1");
        p.surfaceOptions.bowlLambda2 = parseDouble(s, "lambda2");
        p.surfaceOptions.bowlAngle = parseDouble(s, "angle") * 3.14159265358979323846 / 180.0;
        p.surfaceOptions.terrainWells = int(parseInt(s, "terrain-wells", 1, 64));
        p.surfaceOptions.terrainSeed = seed;
        OptimizeResult r;
        try {
            r = runOptimize(p, progress);
        } catch (const std::invalid_argument& e) {
            throw ParameterError(e.what());
        }
        JsonWriter j;
        j.beginObject();
        j.key("experiment").value("optimize");
        j.key("surface").value(r.surface);
        j.key("optimizer").value(optimizerKey(p.optimizer.kind));
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
        j.endObject();
        return j.str();
    };
    return info;
}

} // namespace minima
