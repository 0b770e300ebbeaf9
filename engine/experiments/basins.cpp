#include "engine/experiments/basins.h"

#include <stdexcept>

#include "engine/common/json.h"
#include "engine/experiments/surfacekeys.h"

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

namespace {

// The experiment's parameters and what the command line adds to them.
struct BasinsCommand : BasinsExperimentParams {
    bool labels = false;   // write the label of every start
};

} // namespace

ExperimentInfo basinsExperiment()
{
    auto params = surfaceRunKeys<BasinsCommand>([](OptimizerSettings& o, OptimizerKind kind) { o.kind = kind; });
    params.integer("steps", &BasinsCommand::steps, 0, 1000000, "step budget per start, 0..1000000")
        .integer("grid", &BasinsCommand::grid, 1, 1024, "starts per side (grid x grid starts over the surface's domain), 1..1024")
        .flag("labels", &BasinsCommand::labels, "true", "false",
              "true: include the label of every start (row-major, bottom row first)");
    bowlKeys(params, &BasinsCommand::surfaceOptions, "", "bowl: rotation, degrees");
    terrainKeys(params);
    return declareExperiment(
        "basins", "Basins of attraction: which minimum each start of a grid reaches, and each minimum's share",
        std::move(params), {"surface", "optimizer"}, [](JsonWriter& j, BasinsCommand& p, std::uint64_t seed, Progress& progress) {
            p.surfaceOptions.terrainSeed = seed;
            const BasinsExperimentResult r = asParameterError([&] { return runBasinsExperiment(p, progress); });
            const BasinsResult& b = r.basins;
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
            if (p.labels) j.key("labels").numbers(b.labels);
    });
}

} // namespace minima
