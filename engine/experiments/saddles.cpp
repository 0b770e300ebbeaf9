#include "engine/experiments/saddles.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include "engine/common/json.h"
#include "engine/common/random.h"
#include "engine/experiments/params.h"

namespace minima {

const std::vector<std::string>& saddleSurfaceKeys()
{
    static const std::vector<std::string> keys = {"saddle", "monkey", "plateau"};
    return keys;
}

std::unique_ptr<Surface> makeSaddleSurface(const std::string& key)
{
    if (key == "saddle") return std::make_unique<SteepSaddle>();
    if (key == "monkey") return std::make_unique<MonkeySaddle>();
    if (key == "plateau") return std::make_unique<GaussianPlateau>();
    throw std::invalid_argument("unknown surface '" + key + "' (saddle, monkey or plateau)");
}

std::string saddleMethodKey(SaddleMethod method)
{
    switch (method) {
    case SaddleMethod::GradientDescent: return "gd";
    case SaddleMethod::Newton: return "newton";
    case SaddleMethod::SaddleFreeNewton: return "sfn";
    case SaddleMethod::NoisyGradient: return "sgd";
    }
    return "gd";
}

std::string saddleEndName(SaddleEnd end)
{
    switch (end) {
    case SaddleEnd::Budget: return "budget";
    case SaddleEnd::Critical: return "critical";
    case SaddleEnd::Singular: return "singular";
    case SaddleEnd::RanOff: return "ran-off";
    case SaddleEnd::Diverged: return "diverged";
    case SaddleEnd::Cancelled: return "cancelled";
    }
    return "budget";
}

void SaddleSettings::validate() const
{
    if (!(std::isfinite(learningRate) && learningRate > 0.0 && learningRate <= 10.0))
        throw std::invalid_argument("the learning rate must be in (0, 10]");
    if (steps < 1 || steps > 10000000) throw std::invalid_argument("steps must be in [1, 10000000]");
    if (!(noise >= 0.0 && noise <= 100.0)) throw std::invalid_argument("the noise must be in [0, 100]");
    if (!(radius > 0.0 && radius <= 100.0)) throw std::invalid_argument("the escape radius must be in (0, 100]");
    if (!(eigenFloor >= 1e-6 && eigenFloor <= 100.0))
        throw std::invalid_argument("the floor on |eigenvalue| must be in [0.000001, 100]");
}

void EscapeSweepParams::validate() const
{
    if (!(std::isfinite(learningRate) && learningRate > 0.0 && learningRate <= 10.0))
        throw std::invalid_argument("the learning rate must be in (0, 10]");
    if (!(radius > 0.0 && radius <= 100.0)) throw std::invalid_argument("the escape radius must be in (0, 100]");
    if (!(from > 0.0 && std::isfinite(from) && to > from && to < radius))
        throw std::invalid_argument("the distances must satisfy 0 < from < to < radius");
    if (points < 2 || points > 1000) throw std::invalid_argument("points must be in [2, 1000]");
    if (maxSteps < 1) throw std::invalid_argument("the step budget must be positive");
}

bool saddleEscaped(const std::string& surfaceKey, const Surface& surface, const Point2& p, double radius)
{
    if (surfaceKey == "plateau") return surface.value(p) <= -0.5;
    return p.squaredNorm() >= radius * radius;
}

std::vector<Point2> escapeBoundary(const std::string& surfaceKey, double radius, int count)
{
    constexpr double pi = 3.14159265358979323846;
    count = std::max(count, 8);
    std::vector<Point2> out;
    out.reserve(std::size_t(count) + 1);
    if (surfaceKey != "plateau") {
        for (int i = 0; i <= count; ++i) {
            const double t = 2 * pi * i / count;
            out.emplace_back(radius * std::cos(t), radius * std::sin(t));
        }
        return out;
    }
    // y = sin(t) runs over [-1, 1]; the right half for t from -pi/2 to pi/2, then the left back.
    const double a = GaussianPlateau::kCentre, s = GaussianPlateau::kWidth;
    for (int i = 0; i <= count; ++i) {
        const double t = -pi / 2 + 2 * pi * i / count;
        const double y = std::sin(t);
        const double half = s * std::sqrt(std::max(0.0, -2.0 * std::log((1.0 + y * y) / 2.0)));
        out.emplace_back(std::cos(t) >= 0 ? a + half : a - half, y);
    }
    return out;
}

SaddlePath runSaddleMethod(const std::string& surfaceKey, const Surface& surface, SaddleMethod method,
                           const Point2& start, const SaddleSettings& settings, bool stopAtEscape, bool record,
                           Progress& progress)
{
    settings.validate();
    if (!start.allFinite()) throw std::invalid_argument("the start must be finite");
    const Domain d = surface.domain();
    // The far box: ten times the map. A run beyond it has left the picture for good.
    const double far = 10.0 * std::max({std::abs(d.xMin), std::abs(d.xMax), std::abs(d.yMin), std::abs(d.yMax)});
    Rng rng = makeRng(settings.seed, 0);
    const double lr = settings.learningRate;
    const double startValue = surface.value(start);

    SaddlePath r;
    r.method = method;
    Point2 x = start;
    Point2 g = surface.gradient(x);
    double gn = g.norm();
    if (record) {
        const std::size_t n = std::size_t(std::min(settings.steps, 1 << 20)) + 1;
        r.points.reserve(n);
        r.gradNorms.reserve(n);
        r.points.push_back(x);
        r.gradNorms.push_back(gn);
    }
    // Escaping counts once the run has been near the saddle: a start outside R first comes in.
    bool entered = !saddleEscaped(surfaceKey, surface, x, settings.radius);
    for (int step = 1; step <= settings.steps; ++step) {
        if ((step & 1023) == 0) {
            if (progress.cancelled()) {
                r.end = SaddleEnd::Cancelled;
                break;
            }
            progress.setFraction(double(step) / settings.steps);
        }
        if (!std::isfinite(gn)) {
            r.end = SaddleEnd::Diverged;
            r.endStep = step;
            break;
        }
        if (method != SaddleMethod::NoisyGradient && gn <= kCriticalGradient) {
            r.end = SaddleEnd::Critical;
            r.endStep = step;
            break;
        }
        Point2 dx;
        switch (method) {
        case SaddleMethod::GradientDescent:
            dx = -lr * g;
            break;
        case SaddleMethod::NoisyGradient: {
            const double n0 = normal01(rng), n1 = normal01(rng);
            dx = -lr * (g + settings.noise * Point2(n0, n1));
            break;
        }
        case SaddleMethod::Newton:
        case SaddleMethod::SaddleFreeNewton: {
            const Eigen::Matrix2d h = surface.hessian(x);
            Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig;
            eig.computeDirect(h);
            const Eigen::Vector2d l = eig.eigenvalues();
            if (!h.allFinite() || !l.allFinite()) {
                dx = Point2(NAN, NAN);
                break;
            }
            if (method == SaddleMethod::Newton) {
                const double small = l.cwiseAbs().minCoeff(), large = l.cwiseAbs().maxCoeff();
                if (small <= kSingularTolerance * std::max(1.0, large)) {
                    r.end = SaddleEnd::Singular;
                    r.endStep = step;
                    break;
                }
                // H^-1 g by the 2 x 2 inverse: adj(H) g / det H.
                const double det = h(0, 0) * h(1, 1) - h(0, 1) * h(1, 0);
                dx = -Point2(h(1, 1) * g.x() - h(0, 1) * g.y(), -h(1, 0) * g.x() + h(0, 0) * g.y()) / det;
            } else {
                const Eigen::Matrix2d& v = eig.eigenvectors();
                const Eigen::Vector2d inv(1.0 / std::max(std::abs(l(0)), settings.eigenFloor),
                                          1.0 / std::max(std::abs(l(1)), settings.eigenFloor));
                dx = -(v * inv.asDiagonal() * (v.transpose() * g));
            }
            break;
        }
        }
        if (r.end == SaddleEnd::Singular) break;
        const Point2 next = x + dx;
        if (!next.allFinite()) {
            r.end = SaddleEnd::Diverged;
            r.endStep = step;
            break;
        }
        if (std::abs(next.x()) > far || std::abs(next.y()) > far) {
            const double v = surface.value(next);
            r.end = std::isfinite(v) && v < startValue ? SaddleEnd::RanOff : SaddleEnd::Diverged;
            r.endStep = step;
            break;
        }
        x = next;
        g = surface.gradient(x);
        gn = g.norm();
        r.steps = step;
        if (record) {
            r.points.push_back(x);
            r.gradNorms.push_back(std::isfinite(gn) ? gn : 0.0);
        }
        if (!std::isfinite(gn)) {
            // Recorded points stay finite; a gradient that is not ends the run at the next step.
            if (record) r.gradNorms.pop_back(), r.points.pop_back();
            r.steps = step - 1;
            r.end = SaddleEnd::Diverged;
            r.endStep = step;
            break;
        }
        const bool out = saddleEscaped(surfaceKey, surface, x, settings.radius);
        if (!out) entered = true;
        if (r.escapeStep < 0 && entered && out) {
            r.escapeStep = step;
            if (stopAtEscape) break;
        }
    }
    r.final = record ? r.points.back() : x;
    if (!record) {
        r.points = {start, r.final};
        r.gradNorms = {surface.gradient(start).norm(), surface.gradient(r.final).norm()};
    }
    return r;
}

std::vector<Point2> clipToDomain(const std::vector<Point2>& points, const Domain& d)
{
    std::vector<Point2> out;
    out.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point2& p = points[i];
        if (d.contains(p)) {
            out.push_back(p);
            continue;
        }
        if (i > 0) {
            // Where the segment from the last point inside leaves the rectangle: the smallest
            // t in (0, 1] at which a coordinate reaches its bound.
            const Point2 a = points[i - 1], delta = p - a;
            double t = 1.0;
            auto clip = [&](double from, double step, double lo, double hi) {
                if (step > 0 && from + step > hi) t = std::min(t, (hi - from) / step);
                if (step < 0 && from + step < lo) t = std::min(t, (lo - from) / step);
            };
            clip(a.x(), delta.x(), d.xMin, d.xMax);
            clip(a.y(), delta.y(), d.yMin, d.yMax);
            Point2 edge = a + std::clamp(t, 0.0, 1.0) * delta;
            edge.x() = std::clamp(edge.x(), d.xMin, d.xMax);
            edge.y() = std::clamp(edge.y(), d.yMin, d.yMax);
            out.push_back(edge);
        }
        break;
    }
    return out;
}

double escapeStepsClosedForm(double distance, double learningRate, double radius)
{
    if (!(distance > 0.0) || !(learningRate > 0.0) || !(radius > 0.0)) return INFINITY;   // never: on the stable direction
    if (distance >= radius) return 0.0;
    return std::log(radius / distance) / std::log1p(2.0 * learningRate);
}

long long escapeStepsCeiling(double distance, double learningRate, double radius)
{
    const double steps = std::ceil(escapeStepsClosedForm(distance, learningRate, radius));
    return steps < 9.0e18 ? (long long)steps : -1;   // -1: never (or beyond counting)
}

std::vector<EscapeSample> escapeSweep(const EscapeSweepParams& params, Progress& progress)
{
    params.validate();
    const SteepSaddle saddle;
    SaddleSettings s;
    s.learningRate = params.learningRate;
    s.radius = params.radius;
    s.steps = params.maxSteps;
    std::vector<EscapeSample> out;
    out.reserve(std::size_t(params.points));
    const double ratio = std::log(params.to / params.from);
    for (int i = 0; i < params.points && !progress.cancelled(); ++i) {
        const double y0 = params.from * std::exp(ratio * i / (params.points - 1));
        Progress quiet;
        const SaddlePath run = runSaddleMethod("saddle", saddle, SaddleMethod::GradientDescent, Point2(0.0, y0), s,
                                               true, false, quiet);
        out.push_back({y0, run.escapeStep, escapeStepsClosedForm(y0, params.learningRate, params.radius)});
        progress.setFraction(double(i + 1) / params.points);
    }
    return out;
}

SaddlesResult runSaddles(const SaddlesParams& params, Progress& progress)
{
    params.settings.validate();
    EscapeSweepParams sweep = params.sweep;
    sweep.learningRate = params.settings.learningRate;
    sweep.radius = params.settings.radius;
    sweep.to = std::min(sweep.to, 0.5 * sweep.radius);
    sweep.from = std::min(sweep.from, 0.5 * sweep.to);
    sweep.validate();
    const auto surface = makeSaddleSurface(params.surface);
    SaddlesResult r;
    r.surface = params.surface;
    r.start = params.start.value_or(surface->defaultStart());
    for (SaddleMethod m : kSaddleMethods) {
        if (progress.cancelled()) break;
        r.paths.push_back(runSaddleMethod(params.surface, *surface, m, r.start, params.settings, false, true));
    }
    if (!progress.cancelled()) r.sweep = escapeSweep(sweep, progress);
    r.cancelled = progress.cancelled();
    return r;
}

ExperimentInfo saddlesExperiment()
{
    ParamList<SaddlesParams> params;
    params.choice("surface", &SaddlesParams::surface, saddleSurfaceKeys(), "saddle (5x^2 - y^2) | monkey | plateau")
        .custom(
            "start", "start point x,y of the four runs (empty: the surface's default start)",
            [](SaddlesParams& p, const std::string& text) {
                if (text.empty()) return p.start.reset();
                const auto xy = parseDoubleList(text, "start");
                if (xy.size() != 2) throw ParameterError("bad value '" + text + "' for key 'start': expected x,y");
                p.start = Point2(xy[0], xy[1]);
            },
            [](const SaddlesParams& p) { return p.start ? formatList(std::vector{p.start->x(), p.start->y()}) : ""; })
        .real("lr", [](auto& p) -> auto& { return p.settings.learningRate; },
              "learning rate of gradient descent and its noisy form, in (0, 10]")
        .integer("steps", [](auto& p) -> auto& { return p.settings.steps; }, 1, 1000000, "step budget of the four runs, 1..1000000")
        .real("noise", [](auto& p) -> auto& { return p.settings.noise; },
              "noisy gradient: standard deviation of the Gaussian noise added to each gradient component, in [0, 100]")
        .real("radius", [](auto& p) -> auto& { return p.settings.radius; },
              "escape radius R around the saddle, in (0, 100]")
        .real("floor", [](auto& p) -> auto& { return p.settings.eigenFloor; },
              "saddle-free Newton: floor on |eigenvalue| of the Hessian, in [0.000001, 100]")
        .real("from", [](auto& p) -> auto& { return p.sweep.from; }, "sweep: smallest |y0|, > 0")
        .real("to", [](auto& p) -> auto& { return p.sweep.to; }, "sweep: largest |y0|, above from and at most radius/2")
        .integer("points", [](auto& p) -> auto& { return p.sweep.points; }, 2, 1000, "sweep: log-spaced starts (0, y0), 2..1000");
    return declareExperiment(
        "saddles",
        "Gradient descent, Newton, saddle-free Newton and noisy gradient descent from one start on a saddle, the monkey "
        "saddle or a plateau; and the steps gradient descent takes to leave radius R of the saddle 5x^2 - y^2 from "
        "(0, y0), beside log(R/|y0|)/log(1 + 2 lr)",
        std::move(params), {"surface", "lr", "radius"},
        [](JsonWriter& j, SaddlesParams& p, std::uint64_t seed, Progress& progress) {
            p.settings.seed = seed;
            if (!(p.sweep.from > 0 && p.sweep.to > p.sweep.from && p.sweep.to <= 0.5 * p.settings.radius))
                throw ParameterError("the sweep needs 0 < from < to <= radius/2");
            const SaddlesResult r = asParameterError([&] { return runSaddles(p, progress); });
            const auto surface = makeSaddleSurface(p.surface);
            j.key("start").beginArray().value(r.start.x()).value(r.start.y()).endArray();
            j.key("methods").beginArray();
            for (const SaddlePath& path : r.paths) {
                j.beginObject();
                j.key("method").value(saddleMethodKey(path.method));
                j.key("end").value(saddleEndName(path.end));
                j.key("steps").value(path.steps);
                j.key("escapeStep");
                if (path.escapeStep >= 0) j.value(path.escapeStep); else j.null();
                j.key("final").beginArray().value(path.final.x()).value(path.final.y()).endArray();
                j.key("finalValue").value(surface->value(path.final));
                j.key("finalGradientNorm").value(path.gradNorms.empty() ? 0.0 : path.gradNorms.back());
                j.endObject();
            }
            j.endArray();
            int agree = 0;
            j.key("sweep").beginArray();
            for (const EscapeSample& s : r.sweep) {
                const long long ceiling = escapeStepsCeiling(s.distance, p.settings.learningRate, p.settings.radius);
                agree += s.measured == ceiling;
                j.beginObject();
                j.key("distance").value(s.distance);
                j.key("measured").value(s.measured);
                j.key("closedForm").value(s.closedForm);
                j.key("closedFormCeiling").value(ceiling);
                j.endObject();
            }
            j.endArray();
            j.key("sweepAgreeing").value(agree);
        });
}

} // namespace minima
