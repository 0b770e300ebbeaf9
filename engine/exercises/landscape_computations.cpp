#include "engine/exercises/landscape_computations.h"

#include <charconv>
#include <cmath>
#include <string>

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

Computed lossMinimaCount(const Arguments& args)
{
    ThreeMinimaLossParams p;
    p.shallowDepth = realArgument(args, "shallow", 1e-6, 1000.0);
    p.deepDepth = realArgument(args, "deep", 1e-6, 1000.0);
    p.globalDepth = realArgument(args, "global", 1e-6, 1000.0);
    const double from = realArgument(args, "from", -1e6, 1e6), to = realArgument(args, "to", -1e6, 1e6);
    if (to < from) throw ComputationError("need from <= to");
    const ThreeMinimaLoss loss(p);
    int count = 0;
    for (const LossMinimum& m : loss.minima()) count += m.w >= from && m.w <= to;
    Computed c;
    c.exact = std::to_string(count);
    return c;
}

} // namespace minima::exercises
