#include "engine/landscape/basins.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/common/parallel.h"
#include "engine/surfaces/analytic.h"
#include "engine/surfaces/terrain.h"

namespace minima {

namespace {

// The run of one start, on the concrete surface type S: for the final surface classes
// the gradient call is resolved at compile time and inlined (no virtual call per step).
template <class S>
void runStarts(const S& surface, const BasinSettings& s, const std::vector<KnownPoint>& minima,
               std::vector<int>& labels, Progress& progress)
{
    const int n = s.grid;
    const double hx = (s.domain.xMax - s.domain.xMin) / n, hy = (s.domain.yMax - s.domain.yMin) / n;
    const double tol2 = s.gradientTolerance * s.gradientTolerance;
    const double far2 = s.divergenceRadius * s.divergenceRadius;
    const double radius2 = s.radius * s.radius;
    const bool lookahead = s.optimizer.kind == OptimizerKind::Nesterov;
    parallelFor(std::size_t(n) * std::size_t(n), [&](std::size_t i) {
        const int r = int(i / std::size_t(n)), c = int(i % std::size_t(n));
        Point2 x(s.domain.xMin + (c + 0.5) * hx, s.domain.yMin + (r + 0.5) * hy);
        Optimizer<Point2> opt(s.optimizer, 2);
        Point2 at = x, previous = x;
        bool diverged = false;
        if (s.optimizer.kind == OptimizerKind::GradientDescent) {
            // Plain GD, the common case, without the optimizer's dispatch: x <- x - lr g.
            const double lr = s.optimizer.learningRate;
            for (int step = 0; step < s.maxSteps; ++step) {
                const Point2 g = surface.gradient(x);
                if (g.squaredNorm() < tol2) break;
                x -= lr * g;
                if (!(x.squaredNorm() < far2)) { diverged = true; break; }
            }
        } else for (int step = 0; step < s.maxSteps; ++step) {
            opt.lookahead(x, at);
            const Point2 g = surface.gradient(at);
            if (!lookahead && g.squaredNorm() < tol2) break;
            previous = x;
            opt.step(x, g);
            if (!(x.squaredNorm() < far2)) { diverged = true; break; }   // also catches NaN
            if (lookahead && g.squaredNorm() < tol2 && (x - previous).squaredNorm() < tol2) break;
        }
        int label = kUnconverged;
        if (diverged) {
            label = kDiverged;
        } else {
            double best = radius2;
            for (std::size_t k = 0; k < minima.size(); ++k) {
                const double d2 = (x - minima[k].at).squaredNorm();
                if (d2 <= best) { best = d2; label = int(k); }
            }
        }
        labels[i] = label;
    }, progress);
}

// Four doubles (or 64-bit lane masks) as one value, GCC/Clang vector extension: one AVX2
// register, or two SSE2 ones in the baseline build. Plain lanewise arithmetic with no FMA
// (neither target has it), so each lane gives the scalar loop's bits.
#if defined(__GNUC__)
#define MINIMA_HAVE_LANES 1
typedef double Lanes4 __attribute__((vector_size(32)));
typedef long long Mask4 __attribute__((vector_size(32)));

inline bool anyLane(const Mask4& m) { return (m[0] | m[1] | m[2] | m[3]) != 0; }

// Himmelblau's gradient on four points: df/dx = 4x a + 2b, df/dy = 2a + 4y b with
// a = x^2 + y - 11, b = x + y^2 - 7 (the same expression as Himmelblau::gradient).
struct HimmelblauLanes {
    static void gradient(const Lanes4& x, const Lanes4& y, Lanes4& gx, Lanes4& gy)
    {
        const Lanes4 a = x * x + y - 11.0, b = x + y * y - 7.0;
        gx = 4.0 * x * a + 2.0 * b;
        gy = 2.0 * a + 4.0 * y * b;
    }
};

// Plain gradient descent from four starts at once: lane j runs exactly the scalar loop of
// runStarts (stop once |g|^2 < tol^2, step x <- x - lr g, diverged once |x|^2 >= R^2 or
// NaN) and freezes when it stops; the group ends when every lane has stopped.
template <class G>
#if defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void descendFour(double* px, double* py, long long* divergedOut, int lanes, int maxSteps, double lr, double tol2,
                 double far2)
{
    Lanes4 x, y;
    Mask4 active = {0, 0, 0, 0}, diverged = {0, 0, 0, 0};
    for (int j = 0; j < 4; ++j) {
        x[j] = px[j];
        y[j] = py[j];
        active[j] = j < lanes ? -1 : 0;
    }
    for (int step = 0; step < maxSteps; ++step) {
        Lanes4 gx, gy;
        G::gradient(x, y, gx, gy);
        active &= ~(gx * gx + gy * gy < tol2);
        if (!anyLane(active)) break;
        x = active ? x - lr * gx : x;
        y = active ? y - lr * gy : y;
        const Mask4 out = active & ~(x * x + y * y < far2);
        diverged |= out;
        active &= ~out;
        if (!anyLane(active)) break;
    }
    for (int j = 0; j < 4; ++j) {
        px[j] = x[j];
        py[j] = y[j];
        divergedOut[j] = diverged[j];
    }
}

// Plain GD basins of Himmelblau, four starts per work item.
void runHimmelblauGradientDescent(const BasinSettings& s, const std::vector<KnownPoint>& minima,
                                  std::vector<int>& labels, Progress& progress)
{
    const int n = s.grid;
    const std::size_t count = std::size_t(n) * std::size_t(n);
    const double hx = (s.domain.xMax - s.domain.xMin) / n, hy = (s.domain.yMax - s.domain.yMin) / n;
    const double tol2 = s.gradientTolerance * s.gradientTolerance;
    const double far2 = s.divergenceRadius * s.divergenceRadius;
    const double radius2 = s.radius * s.radius;
    parallelFor((count + 3) / 4, [&](std::size_t group) {
        double px[4] = {0, 0, 0, 0}, py[4] = {0, 0, 0, 0};
        long long diverged[4];
        const int lanes = int(std::min<std::size_t>(4, count - 4 * group));
        for (int j = 0; j < lanes; ++j) {
            const std::size_t i = 4 * group + std::size_t(j);
            const int r = int(i / std::size_t(n)), c = int(i % std::size_t(n));
            px[j] = s.domain.xMin + (c + 0.5) * hx;
            py[j] = s.domain.yMin + (r + 0.5) * hy;
        }
        descendFour<HimmelblauLanes>(px, py, diverged, lanes, s.maxSteps, s.optimizer.learningRate, tol2, far2);
        for (int j = 0; j < lanes; ++j) {
            int label = kUnconverged;
            if (diverged[j]) {
                label = kDiverged;
            } else {
                const Point2 x(px[j], py[j]);
                double best = radius2;
                for (std::size_t k = 0; k < minima.size(); ++k) {
                    const double d2 = (x - minima[k].at).squaredNorm();
                    if (d2 <= best) { best = d2; label = int(k); }
                }
            }
            labels[4 * group + std::size_t(j)] = label;
        }
    }, progress);
}
#endif

} // namespace

BasinsResult basinsOfAttraction(const Surface& surface, const BasinSettings& settings, Progress& progress)
{
    if (settings.grid < 1 || settings.grid > 2048) throw std::invalid_argument("basin grid must be in [1, 2048]");
    if (settings.maxSteps < 0) throw std::invalid_argument("the step budget must not be negative");
    if (!(settings.domain.xMax > settings.domain.xMin) || !(settings.domain.yMax > settings.domain.yMin))
        throw std::invalid_argument("empty basin domain");
    if (!(settings.radius > 0) || !(settings.gradientTolerance >= 0) || !(settings.divergenceRadius > 0))
        throw std::invalid_argument("radius and tolerances must be positive");
    settings.optimizer.validate();

    BasinsResult result;
    result.grid = settings.grid;
    result.domain = settings.domain;
    const std::vector<KnownPoint> minima = surface.minima();
    const std::size_t count = std::size_t(settings.grid) * std::size_t(settings.grid);
    result.labels.assign(count, kUnconverged);

#if defined(MINIMA_HAVE_LANES)
    if (dynamic_cast<const Himmelblau*>(&surface) && settings.optimizer.kind == OptimizerKind::GradientDescent)
        runHimmelblauGradientDescent(settings, minima, result.labels, progress);
    else
#endif
    if (auto* p = dynamic_cast<const Himmelblau*>(&surface)) runStarts(*p, settings, minima, result.labels, progress);
    else if (auto* q = dynamic_cast<const QuadraticBowl*>(&surface)) runStarts(*q, settings, minima, result.labels, progress);
    else if (auto* c = dynamic_cast<const SixHumpCamel*>(&surface)) runStarts(*c, settings, minima, result.labels, progress);
    else if (auto* ro = dynamic_cast<const Rosenbrock*>(&surface)) runStarts(*ro, settings, minima, result.labels, progress);
    else if (auto* b = dynamic_cast<const Beale*>(&surface)) runStarts(*b, settings, minima, result.labels, progress);
    else if (auto* ra = dynamic_cast<const Rastrigin*>(&surface)) runStarts(*ra, settings, minima, result.labels, progress);
    else if (auto* t = dynamic_cast<const Terrain*>(&surface)) runStarts(*t, settings, minima, result.labels, progress);
    else runStarts(surface, settings, minima, result.labels, progress);
    result.cancelled = progress.cancelled();

    for (const auto& m : minima) result.basins.push_back({m, 0, 0.0});
    for (int label : result.labels) {
        if (label >= 0) ++result.basins[std::size_t(label)].starts;
        else if (label == kDiverged) ++result.divergedStarts;
        else ++result.unconvergedStarts;
    }
    for (auto& b : result.basins) b.share = double(b.starts) / double(count);
    result.unconvergedShare = double(result.unconvergedStarts) / double(count);
    result.divergedShare = double(result.divergedStarts) / double(count);
    return result;
}

} // namespace minima
