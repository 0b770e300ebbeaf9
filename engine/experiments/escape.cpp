#include "engine/experiments/escape.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/common/json.h"
#include "engine/experiments/params.h"
#include "engine/common/parallel.h"
#include "engine/common/random.h"
#include "engine/optim/minibatch.h"

namespace minima {

LossSgdRun sgdOnLoss(const ThreeMinimaLoss& loss, double w, int batchSize, int steps, double learningRate, Rng& rng,
                     std::vector<double>* path, double momentum, std::vector<double>* updates)
{
    if (steps < 0) throw std::invalid_argument("steps must not be negative");
    if (!(std::isfinite(learningRate) && learningRate > 0))
        throw std::invalid_argument("the learning rate must be positive");
    if (!(momentum >= 0 && momentum < 1)) throw std::invalid_argument("the momentum must be in [0, 1)");
    if (!(std::abs(w) < kLossSgdLimit)) throw std::invalid_argument("the start must be finite, |w| < 1e6");
    MiniBatchSampler sampler(loss.sampleCount(), batchSize);   // throws for a size outside [1, N]
    if (path) {
        path->clear();
        path->reserve(std::size_t(steps) + 1);
        path->push_back(w);
    }
    if (updates) {
        updates->clear();
        updates->reserve(std::size_t(steps));
    }
    LossSgdRun run;
    double v = 0.0;
    for (int t = 0; t < steps; ++t) {
        const auto batch = sampler.next(rng);
        // Heavy ball: v <- beta v - lr g, w <- w + v. With beta = 0, 0 v - lr g is -(lr g) exactly
        // and w + (-(lr g)) is w - lr g: plain SGD, bit for bit (no FMA contraction in this file).
        const double nextV = momentum * v - learningRate * loss.batchGradientTrusted(w, batch.data(), int(batch.size()));
        const double next = w + nextV;
        if (!(std::abs(next) < kLossSgdLimit)) {
            run.diverged = true;
            break;
        }
        v = nextV;
        w = next;
        ++run.steps;
        if (path) path->push_back(w);
        if (updates) updates->push_back(v);
    }
    run.w = w;
    return run;
}

std::vector<EscapeResult> runEscapeSettings(const EscapeParams& params, const std::vector<LossSgdSetting>& settings,
                                            Progress& progress)
{
    if (params.batchSizes.empty()) throw std::invalid_argument("no batch sizes");
    for (int b : params.batchSizes)
        if (b < 1) throw std::invalid_argument("batch sizes must be at least 1");
    if (params.runs < 1 || params.runs > 1000000) throw std::invalid_argument("runs must be in [1, 1000000]");
    if (params.steps < 0 || params.steps > 10000000) throw std::invalid_argument("steps must be in [0, 10000000]");
    if (settings.empty()) throw std::invalid_argument("no SGD settings");
    for (const LossSgdSetting& s : settings) {
        if (!(std::isfinite(s.learningRate) && s.learningRate > 0))
            throw std::invalid_argument("the learning rate must be positive");
        if (!(s.momentum >= 0 && s.momentum < 1)) throw std::invalid_argument("the momentum must be in [0, 1)");
    }

    const ThreeMinimaLoss loss(params.loss);
    const int shallow = loss.minimumIndex("shallow"), deep = loss.minimumIndex("deep");
    if (shallow < 0 || deep < 0)
        throw std::invalid_argument("with these depths the loss has no separate shallow and deep minimum");

    const int n = loss.sampleCount();
    const std::size_t batches = params.batchSizes.size(), runs = std::size_t(params.runs);
    const std::size_t perSetting = batches * 2 * runs;
    // outcome[c * perSetting + (b * 2 + s) * runs + i]: 0 stayed, 1 escaped, 2 diverged
    std::vector<unsigned char> outcome(settings.size() * perSetting, 0);
    const std::vector<LossMinimum>& minima = loss.minima();
    const int starts[2] = {shallow, deep};
    const bool finished = parallelFor(outcome.size(), [&](std::size_t task) {
        const std::size_t c = task / perSetting, rest = task % perSetting;
        const std::size_t b = rest / (2 * runs), s = (rest / runs) % 2, i = rest % runs;
        Rng rng = makeRng(params.seed, escapeRunStream(b, s, i, runs));   // the same for every setting
        const int batch = std::min(params.batchSizes[b], n);
        const LossSgdRun run = sgdOnLoss(loss, minima[std::size_t(starts[s])].w, batch, params.steps,
                                         settings[c].learningRate, rng, nullptr, settings[c].momentum);
        if (run.diverged) outcome[task] = 2;
        else outcome[task] = loss.basinOf(run.w) != starts[s] ? 1 : 0;
    }, progress);

    std::vector<EscapeResult> results(settings.size());
    for (std::size_t c = 0; c < settings.size(); ++c) {
        EscapeResult& result = results[c];
        result.minima = minima;
        result.barriers = loss.barriers();
        result.runs = params.runs;
        result.cancelled = !finished;
        const unsigned char* out = outcome.data() + c * perSetting;
        for (std::size_t b = 0; b < batches; ++b) {
            EscapeRow row;
            row.batchSize = std::min(params.batchSizes[b], n);
            row.fullBatch = row.batchSize == n;
            for (std::size_t i = 0; i < runs; ++i) {
                const unsigned char fromShallow = out[(b * 2 + 0) * runs + i];
                const unsigned char fromDeep = out[(b * 2 + 1) * runs + i];
                row.shallowEscapes += fromShallow != 0;
                row.deepEscapes += fromDeep != 0;
                row.diverged += (fromShallow == 2) + (fromDeep == 2);
            }
            row.shallowEscapeProbability = double(row.shallowEscapes) / double(runs);
            row.deepEscapeProbability = double(row.deepEscapes) / double(runs);
            row.shallowInterval = wilsonInterval(row.shallowEscapes, params.runs);
            row.deepInterval = wilsonInterval(row.deepEscapes, params.runs);
            result.rows.push_back(row);
        }
    }
    return results;
}

EscapeResult runEscape(const EscapeParams& params, Progress& progress)
{
    std::vector<EscapeResult> r = runEscapeSettings(params, {{params.learningRate, params.momentum}}, progress);
    return std::move(r.front());
}

ExperimentInfo escapeExperiment()
{
    const auto loss = [](auto member) { return [member](auto& p) -> auto& { return p.loss.*member; }; };
    auto params = ParamList<EscapeParams>()
        .real("shallow", loss(&ThreeMinimaLossParams::shallowDepth), "depth of the shallow local minimum's well, in (0, 1000]")
        .real("deep", loss(&ThreeMinimaLossParams::deepDepth), "depth of the deep local minimum's well, in (0, 1000]")
        .real("global", loss(&ThreeMinimaLossParams::globalDepth), "depth of the global minimum's well, in (0, 1000]")
        .integer("samples", loss(&ThreeMinimaLossParams::samples), 1, 100000,
                 "dataset size N (the loss is the mean of N per-sample losses), 1..100000")
        .integers("batches", &EscapeParams::batchSizes, 1, 100000,
                  "batch sizes, each >= 1; a size above N means the full batch N")
        .integer("runs", &EscapeParams::runs, 1, 100000, "SGD runs per batch size and start, 1..100000")
        .integer("steps", &EscapeParams::steps, 0, 1000000, "SGD steps per run, 0..1000000")
        .real("lr", &EscapeParams::learningRate, "learning rate, > 0")
        .integer("data-seed", loss(&ThreeMinimaLossParams::seed), 0, 1LL << 62,
                 "seed of the dataset (per-sample offsets and slopes); --seed drives the batches");
    return declareExperiment(
        "escape", "Escaping local minima: how often mini-batch SGD leaves a shallow and a deep minimum, per batch size",
        std::move(params), [](JsonWriter& j, EscapeParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const EscapeResult r = asParameterError([&] { return runEscape(p, progress); });
            j.key("cancelled").value(r.cancelled);
            j.key("runs").value(r.runs);
            j.key("minima").beginArray();
            for (const auto& m : r.minima) {
                j.beginObject();
                j.key("w").value(m.w);
                j.key("value").value(m.value);
                j.key("role").value(m.role);
                j.endObject();
            }
            j.endArray();
            j.key("barriers").numbers(r.barriers);
            j.key("rows").beginArray();
            for (const auto& row : r.rows) {
                j.beginObject();
                j.key("batch").value(row.batchSize);
                j.key("fullBatch").value(row.fullBatch);
                j.key("shallowEscape").value(row.shallowEscapeProbability);
                j.key("deepEscape").value(row.deepEscapeProbability);
                j.key("shallowEscape95").numbers(std::vector<double>{row.shallowInterval.low, row.shallowInterval.high});
                j.key("deepEscape95").numbers(std::vector<double>{row.deepInterval.low, row.deepInterval.high});
                j.key("shallowEscapes").value(row.shallowEscapes);
                j.key("deepEscapes").value(row.deepEscapes);
                j.key("diverged").value(row.diverged);
                j.endObject();
            }
            j.endArray();
    });
}

} // namespace minima
