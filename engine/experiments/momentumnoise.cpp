#include "engine/experiments/momentumnoise.h"

#include <cmath>
#include <stdexcept>

#include "engine/common/json.h"
#include "engine/experiments/params.h"

namespace minima {

namespace {
void checkRates(double effectiveRate, double momentum)
{
    if (!(std::isfinite(effectiveRate) && effectiveRate > 0))
        throw std::invalid_argument("the effective learning rate must be positive");
    if (!(momentum >= 0 && momentum < 1)) throw std::invalid_argument("the momentum must be in [0, 1)");
}
} // namespace

MomentumNoiseResult runMomentumNoise(const MomentumNoiseParams& params, Progress& progress)
{
    checkRates(params.effectiveRate, params.momentum);
    MomentumNoiseResult r;
    r.effectiveRate = params.effectiveRate;
    r.learningRate = momentumRate(params.effectiveRate, params.momentum);
    r.momentum = params.momentum;
    EscapeParams p;
    p.loss = params.loss;
    p.batchSizes = params.batchSizes;
    p.runs = params.runs;
    p.steps = params.steps;
    p.seed = params.seed;
    std::vector<EscapeResult> both =
        runEscapeSettings(p, {{params.effectiveRate, 0.0}, {r.learningRate, params.momentum}}, progress);
    r.plain = std::move(both[0]);
    r.withMomentum = std::move(both[1]);
    r.cancelled = r.plain.cancelled;
    return r;
}

MomentumTrace momentumTrace(const ThreeMinimaLoss& loss, double start, int batchSize, int steps, double effectiveRate,
                            double momentum, std::uint64_t seed, std::uint64_t stream)
{
    checkRates(effectiveRate, momentum);
    MomentumTrace t;
    Rng plainDraws = makeRng(seed, stream), momentumDraws = makeRng(seed, stream);   // the same batches
    t.plain = sgdOnLoss(loss, start, batchSize, steps, effectiveRate, plainDraws, &t.plainPath, 0.0, &t.plainSteps);
    t.withMomentum = sgdOnLoss(loss, start, batchSize, steps, momentumRate(effectiveRate, momentum), momentumDraws,
                               &t.momentumPath, momentum, &t.momentumSteps);
    return t;
}

double stepRoughness(const std::vector<double>& steps)
{
    if (steps.size() < 2) return 0.0;
    double sum = 0.0;
    for (std::size_t t = 1; t < steps.size(); ++t) {
        const double d = steps[t] - steps[t - 1];
        sum += d * d;
    }
    return std::sqrt(sum / double(steps.size() - 1));
}

ExperimentInfo momentumNoiseExperiment()
{
    const auto loss = [](auto member) { return [member](auto& p) -> auto& { return p.loss.*member; }; };
    auto params = ParamList<MomentumNoiseParams>()
        .real("shallow", loss(&ThreeMinimaLossParams::shallowDepth), "depth of the shallow local minimum's well, in (0, 1000]")
        .real("deep", loss(&ThreeMinimaLossParams::deepDepth), "depth of the deep local minimum's well, in (0, 1000]")
        .real("global", loss(&ThreeMinimaLossParams::globalDepth), "depth of the global minimum's well, in (0, 1000]")
        .integer("samples", loss(&ThreeMinimaLossParams::samples), 1, 100000,
                 "dataset size N (the loss is the mean of N per-sample losses), 1..100000")
        .integers("batches", &MomentumNoiseParams::batchSizes, 1, 100000,
                  "batch sizes, each >= 1; a size above N means the full batch N")
        .integer("runs", &MomentumNoiseParams::runs, 1, 100000, "SGD runs per batch size, start and setting, 1..100000")
        .integer("steps", &MomentumNoiseParams::steps, 0, 1000000, "SGD steps per run, 0..1000000")
        .real("lr-eff", &MomentumNoiseParams::effectiveRate,
              "effective learning rate lr/(1 - beta), > 0: plain SGD's rate; momentum runs at lr-eff (1 - beta)")
        .real("momentum", &MomentumNoiseParams::momentum, "heavy-ball momentum beta, in [0, 1)")
        .integer("data-seed", loss(&ThreeMinimaLossParams::seed), 0, 1LL << 62,
                 "seed of the dataset (per-sample offsets and slopes); --seed drives the batches");
    return declareExperiment(
        "momentum-noise",
        "Momentum under mini-batch noise: escapes from the shallow and deep minimum, plain SGD at lr-eff against "
        "heavy-ball momentum at the same effective rate lr/(1 - beta), from the same draws",
        std::move(params), [](JsonWriter& j, MomentumNoiseParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const MomentumNoiseResult r = asParameterError([&] { return runMomentumNoise(p, progress); });
            j.key("cancelled").value(r.cancelled);
            j.key("runs").value(r.plain.runs);
            j.key("effectiveRate").value(r.effectiveRate);
            j.key("momentumRate").value(r.learningRate);
            j.key("momentum").value(r.momentum);
            j.key("rows").beginArray();
            for (std::size_t b = 0; b < r.plain.rows.size(); ++b) {
                j.beginObject();
                j.key("batch").value(r.plain.rows[b].batchSize);
                j.key("fullBatch").value(r.plain.rows[b].fullBatch);
                const std::pair<const char*, const EscapeRow*> sides[2] = {{"plain", &r.plain.rows[b]},
                                                                           {"momentum", &r.withMomentum.rows[b]}};
                for (const auto& [name, row] : sides) {
                    j.key(name).beginObject();
                    j.key("shallowEscape").value(row->shallowEscapeProbability);
                    j.key("deepEscape").value(row->deepEscapeProbability);
                    j.key("shallowEscape95").numbers(std::vector<double>{row->shallowInterval.low, row->shallowInterval.high});
                    j.key("deepEscape95").numbers(std::vector<double>{row->deepInterval.low, row->deepInterval.high});
                    j.key("shallowEscapes").value(row->shallowEscapes);
                    j.key("deepEscapes").value(row->deepEscapes);
                    j.key("diverged").value(row->diverged);
                    j.endObject();
                }
                j.endObject();
            }
            j.endArray();
        });
}

} // namespace minima
