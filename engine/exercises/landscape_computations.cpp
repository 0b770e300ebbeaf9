#include "engine/exercises/landscape_computations.h"

#include <charconv>
#include <cmath>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "engine/experiments/basins.h"
#include "engine/experiments/optimize.h"
#include "engine/surfaces/three_minima_loss.h"

namespace minima::exercises {

namespace {

const std::string& argument(const Arguments& args, const std::string& name)
{
    const auto it = args.find(name);
    if (it == args.end() || it->second.empty()) throw ComputationError("missing argument \"" + name + "\"");
    return it->second;
}

double realArgument(const Arguments& args, const std::string& name, double lo, double hi)
{
    const std::string& text = argument(args, name);
    double v = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size() || !std::isfinite(v) || v < lo || v > hi)
        throw ComputationError("argument \"" + name + "\" must be a number from " + std::to_string(lo) + " to "
                               + std::to_string(hi) + ", not \"" + text + "\"");
    return v;
}

int wholeArgument(const Arguments& args, const std::string& name, int lo, int hi, int fallback)
{
    if (!args.count(name)) return fallback;
    const std::string& text = argument(args, name);
    int v = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size() || v < lo || v > hi)
        throw ComputationError("argument \"" + name + "\" must be a whole number from " + std::to_string(lo) + " to "
                               + std::to_string(hi) + ", not \"" + text + "\"");
    return v;
}

// Surfaces with known minima only: the terrain's minima depend on its seed, which an
// exercise does not name.
std::string surfaceArgument(const Arguments& args)
{
    const std::string& key = argument(args, "surface");
    if (key != "bowl" && key != "himmelblau" && key != "camel" && key != "rosenbrock" && key != "beale")
        throw ComputationError("argument \"surface\" must be bowl, himmelblau, camel, rosenbrock or beale, not \"" + key
                               + "\"");
    return key;
}

} // namespace

Computed gdDestination(const Arguments& args)
{
    OptimizeParams p;
    p.surface = surfaceArgument(args);
    p.optimizer.learningRate = realArgument(args, "lr", 1e-9, 100.0);
    p.steps = wholeArgument(args, "steps", 1, 1000000, 1000);
    p.start = Point2(realArgument(args, "x", -1e3, 1e3), realArgument(args, "y", -1e3, 1e3));
    const OptimizeResult r = runOptimize(p);
    Computed c;
    c.kind = Computed::Kind::Choices;
    if (r.status == RunStatus::Diverged) c.choices = {"diverged"};
    else if (r.nearestMinimum >= 0 && r.distanceToNearest < 1e-2) {
        // Built by insert, not "m" + string: GCC 12 gives a false -Wrestrict on the latter at -O3.
        std::string id = std::to_string(r.nearestMinimum + 1);
        id.insert(0, 1, 'm');
        c.choices = {id};
    }
    else c.choices = {"none"};
    return c;
}

Computed basinShare(const Arguments& args)
{
    BasinsExperimentParams p;
    p.surface = surfaceArgument(args);
    p.optimizer.learningRate = realArgument(args, "lr", 1e-9, 100.0);
    p.grid = wholeArgument(args, "grid", 1, 256, 64);
    p.steps = wholeArgument(args, "steps", 1, 100000, 1000);
    const BasinsExperimentResult r = runBasinsExperiment(p);
    // The minimum by number (1 = the surface's first) or by the letter the lab shows (A = first).
    const std::string& which = argument(args, "minimum");
    const int count = int(r.basins.basins.size());
    const int k = which.size() == 1 && which[0] >= 'A' && which[0] <= 'Z' ? which[0] - 'A' + 1
                                                                           : wholeArgument(args, "minimum", 1, count, 1);
    if (k < 1 || k > count)
        throw ComputationError("argument \"minimum\" must name one of the surface's " + std::to_string(count) + " minima");
    Computed c;
    c.kind = Computed::Kind::Real;
    c.real = r.basins.basins[std::size_t(k - 1)].share;
    return c;
}

// The minima of the three-minima loss for these depths, remembered: building the loss scans
// it finely, and loading an exercise file draws many variants of the same few depths.
std::vector<LossMinimum> lossMinima(const ThreeMinimaLossParams& p)
{
    static std::mutex mutex;
    static std::map<std::tuple<double, double, double>, std::vector<LossMinimum>> cache;
    const auto key = std::make_tuple(p.shallowDepth, p.deepDepth, p.globalDepth);
    {
        const std::lock_guard<std::mutex> lock(mutex);
        if (const auto it = cache.find(key); it != cache.end()) return it->second;
    }
    std::vector<LossMinimum> minima = ThreeMinimaLoss(p).minima();
    const std::lock_guard<std::mutex> lock(mutex);
    if (cache.size() >= 512) cache.clear();
    cache.emplace(key, minima);
    return minima;
}

Computed lossMinimaCount(const Arguments& args)
{
    ThreeMinimaLossParams p;
    p.shallowDepth = realArgument(args, "shallow", 1e-6, 1000.0);
    p.deepDepth = realArgument(args, "deep", 1e-6, 1000.0);
    p.globalDepth = realArgument(args, "global", 1e-6, 1000.0);
    const double from = realArgument(args, "from", -1e6, 1e6), to = realArgument(args, "to", -1e6, 1e6);
    if (to < from) throw ComputationError("need from <= to");
    const std::vector<LossMinimum> minima = lossMinima(p);
    auto indexOf = [&](const char* role) {
        for (std::size_t i = 0; i < minima.size(); ++i)
            if (minima[i].role == role) return int(i);
        return -1;
    };
    // The wells' names must be true for these depths: the "global" minimum is the lowest,
    // and the deep one below the shallow one (where each holds a minimum). With close depths
    // the bowl c w^2 can make the "deep" well the lowest: such a draw is refused.
    const int g = indexOf("global"), d = indexOf("deep"), s = indexOf("shallow");
    if (g < 0) throw ComputationError("the global well holds no minimum at these depths");
    for (const LossMinimum& m : minima)
        if (m.role != "global" && !(minima[std::size_t(g)].value < m.value))
            throw ComputationError("the \"" + m.role + "\" minimum is not above the global one at these depths");
    if (d >= 0 && s >= 0 && !(minima[std::size_t(d)].value < minima[std::size_t(s)].value))
        throw ComputationError("the shallow minimum is not above the deep one at these depths");
    int count = 0;
    for (const LossMinimum& m : minima) count += m.w >= from && m.w <= to;
    Computed c;
    c.exact = std::to_string(count);
    return c;
}

} // namespace minima::exercises
