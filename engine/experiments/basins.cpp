#include "engine/experiments/basins.h"

#include <stdexcept>

#include "engine/common/json.h"

namespace minima {

BasinsExperimentResult runBasinsExperiment(const BasinsExperimentParams& params, Progress& progress)
{
    if (params.steps < 0 || params.steps > 1000000) throw std::invalid_argument("steps must be in [0, 1000000]");
    if (params.grid < 1 || params.grid > 1024) throw std::invalid_argument("grid must be in [1, 1024]");
    const auto surface = makeSurface(params.surface, params.surfaceOptions);
    BasinSettings s;
    s.optimizer = params.optimizer;
    s.maxSteps = params.steps;
    s.grid = params.grid;
    s.domain = surface->domain();
    // An end point counts for a minimum within 1% of the domain's width of it.
    s.radius = 0.01 * (s.domain.xMax - s.domain.xMin);
    return {params.surface, basinsOfAttraction(*surface, s, progress)};
}

ExperimentInfo basinsExperiment()
{
    ExperimentInfo info;
    info.name = "basins";
    info.summary = "Basins of attraction: which minimum each start of a grid reaches, and each minimum's share";
    info.keys = {
        {"surface", "himmelblau", "bowl | himmelblau | camel | rosenbrock | beale | rastrigin | terrain"},
        {"optimizer", "gd", "gd | momentum | nesterov | adagrad | rmsprop | adam"},
        {"lr", "0.005", "learning rate, > 0"},
        {"momentum", "0.9", "momentum beta for momentum and nesterov, in [0, 1)"},
        {"steps", "1000", "step budget per start, 0..1000000"},
        {"grid", "64", "starts per side (grid x grid starts over the surface's domain), 1..1024"},
        {"labels", "false", "true: include the label of every start (row-major, bottom row first)"},
        {"lambda1", "1", "bowl: first eigenvalue"},
        {"lambda2", "10", "bowl: second eigenvalue"},
        {"angle", "0", "bowl: rotation, degrees"},
        {"terrain-wells", "6", "terrain: number of Gaussian wells, 1..64 (drawn from --seed)"},
    };
    info.run = [](const std::map<std::string, std::string>& s, std::uint64_t seed, Progress& progress) {
        BasinsExperimentParams p;
        p.surface = parseChoice(s, "surface", surfaceKeys());
        p.optimizer.kind = optimizerFromKey(parseChoice(s, "optimizer", optimizerKeys()));
        p.optimizer.learningRate = parseDouble(s, "lr");
        p.optimizer.momentum = parseDouble(s, "momentum");
        p.steps = int(parseInt(s, "steps", 0, 1000000));
        p.grid = int(parseInt(s, "grid", 1, 1024));
        const bool withLabels = parseChoice(s, "labels", {"true", "false"}) == "true";
        p.surfaceOptions.bowlLambda1 = parseDouble(s, "lambda1");
        p.surfaceOptions.bowlLambda2 = parseDouble(s, "lambda2");
        p.surfaceOptions.bowlAngle = parseDouble(s, "angle") * 3.14159265358979323846 / 180.0;
        p.surfaceOptions.terrainWells = int(parseInt(s, "terrain-wells", 1, 64));
        p.surfaceOptions.terrainSeed = seed;
        BasinsExperimentResult r;
        try {
            r = runBasinsExperiment(p, progress);
        } catch (const std::invalid_argument& e) {
            throw ParameterError(e.what());
        }
        const BasinsResult& b = r.basins;
        JsonWriter j;
        j.beginObject();
        j.key("experiment").value("basins");
        j.key("surface").value(r.surface);
        j.key("optimizer").value(optimizerKey(p.optimizer.kind));
        j.key("cancelled").value(b.cancelled);
        j.key("grid").value(b.grid);
        j.key("domain").beginArray().value(b.domain.xMin).value(b.domain.xMax).value(b.domain.yMin).value(b.domain.yMax).endArray();
        j.key("minima").beginArray();
        for (const auto& m : b.basins) {
            j.beginObject();
            j.key("point").beginArray().value(m.minimum.at.x()).value(m.minimum.at.y()).endArray();
            j.key("value").value(m.minimum.value);
            j.key("global").value(m.minimum.global);
            j.key("starts").value(m.starts);
            j.key("share").value(m.share);
            j.endObject();
        }
        j.endArray();
        j.key("unconvergedShare").value(b.unconvergedShare);
        j.key("divergedShare").value(b.divergedShare);
        if (withLabels) j.key("labels").numbers(b.labels);
        j.endObject();
        return j.str();
    };
    return info;
}

} // namespace minima
