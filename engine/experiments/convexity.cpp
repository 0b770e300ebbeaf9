#include "engine/experiments/convexity.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include "engine/common/json.h"
#include "engine/experiments/surfacekeys.h"
#include "engine/common/random.h"
#include "engine/surfaces/surface.h"

namespace minima {

ConvexityVerdict checkConvexity(const ScalarFunction& f, const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                                int chords, std::uint64_t seed, const HessianFunction& hessian)
{
    if (lower.size() < 1 || lower.size() != upper.size()) throw std::invalid_argument("bad box for the convexity test");
    if (!((upper - lower).array() > 0).all() || !lower.allFinite() || !upper.allFinite())
        throw std::invalid_argument("empty box for the convexity test");
    if (chords < 1 || chords > 10000000) throw std::invalid_argument("chords must be in [1, 10000000]");
    const Eigen::Index n = lower.size();
    const Eigen::VectorXd size = upper - lower;
    Rng rng = makeRng(seed, 0);
    auto randomPoint = [&] {
        Eigen::VectorXd p(n);
        for (Eigen::Index k = 0; k < n; ++k) p(k) = lower(k) + size(k) * uniform01(rng);
        return p;
    };
    ConvexityVerdict v;
    Eigen::VectorXd a(n), b(n), mid(n);
    for (int i = 0; i < chords; ++i) {
        a = randomPoint();
        if (i % 2 == 0) {
            b = randomPoint();
        } else {
            for (Eigen::Index k = 0; k < n; ++k) b(k) = std::clamp(a(k) + 0.05 * size(k) * (2.0 * uniform01(rng) - 1.0), lower(k), upper(k));
        }
        mid = 0.5 * (a + b);
        const double fa = f(a), fb = f(b), fm = f(mid);
        ++v.chordsTested;
        if (!std::isfinite(fa) || !std::isfinite(fb) || !std::isfinite(fm)) continue;
        // Midpoint convexity: f((a+b)/2) <= (f(a) + f(b))/2.
        const double gap = fm - 0.5 * (fa + fb);
        if (gap > 1e-9 * (std::abs(fa) + std::abs(fb) + 1.0) && gap > v.midpointGap) {
            v.hasChord = true;
            v.midpointGap = gap;
            v.chordA = a;
            v.chordB = b;
        }
    }
    if (hessian) {
        Rng hrng = makeRng(seed, 1);
        for (int i = 0; i < chords; ++i) {
            Eigen::VectorXd p(n);
            for (Eigen::Index k = 0; k < n; ++k) p(k) = lower(k) + size(k) * uniform01(hrng);
            const Eigen::MatrixXd h = hessian(p);
            if (!h.allFinite()) continue;
            const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(h, Eigen::EigenvaluesOnly);
            const double lmin = eig.eigenvalues()(0);
            if (lmin < -1e-9 * std::max(1.0, eig.eigenvalues().cwiseAbs().maxCoeff()) && lmin < v.eigenvalue) {
                v.hasNegativeCurvature = true;
                v.eigenvalue = lmin;
                v.curvatureAt = p;
            }
        }
    }
    v.convex = !v.hasChord && !v.hasNegativeCurvature;
    return v;
}

ConvexityVerdict checkConvexity(const std::function<double(double)>& f, double lower, double upper, int chords,
                                std::uint64_t seed)
{
    return checkConvexity([&f](const Eigen::VectorXd& x) { return f(x(0)); }, Eigen::VectorXd::Constant(1, lower),
                          Eigen::VectorXd::Constant(1, upper), chords, seed);
}

const std::vector<std::string>& convexityFunctionKeys()
{
    static const std::vector<std::string> keys = {"x2", "abs", "exp", "relu", "sin", "quartic", "saddle",
                                                  "bowl", "himmelblau", "camel", "rosenbrock", "beale",
                                                  "rastrigin", "terrain"};
    return keys;
}

ConvexityResult runConvexity(const ConvexityParams& params, Progress& progress)
{
    const std::string& key = params.function;
    ConvexityResult r;
    r.function = key;
    std::function<double(double)> f1;
    if (key == "x2") f1 = [](double x) { return x * x; };
    else if (key == "abs") f1 = [](double x) { return std::abs(x); };
    else if (key == "exp") f1 = [](double x) { return std::exp(x); };
    else if (key == "relu") f1 = [](double x) { return std::max(0.0, x); };
    else if (key == "sin") f1 = [](double x) { return std::sin(x); };
    else if (key == "quartic") f1 = [](double x) { return x * x * x * x - x * x; };
    if (f1) {
        r.dimension = 1;
        r.lower = Eigen::VectorXd::Constant(1, -3.0);
        r.upper = Eigen::VectorXd::Constant(1, 3.0);
        r.verdict = checkConvexity(f1, -3.0, 3.0, params.chords, params.seed);
    } else if (key == "saddle") {
        // f = x^2 - y^2, Hessian diag(2, -2)
        r.dimension = 2;
        r.lower = Eigen::Vector2d(-2, -2);
        r.upper = Eigen::Vector2d(2, 2);
        r.verdict = checkConvexity([](const Eigen::VectorXd& p) { return p(0) * p(0) - p(1) * p(1); }, r.lower, r.upper,
                                   params.chords, params.seed,
                                   [](const Eigen::VectorXd&) { return Eigen::MatrixXd(Eigen::Vector2d(2, -2).asDiagonal()); });
    } else {
        SurfaceOptions o;
        o.bowlLambda1 = params.bowlLambda1;
        o.bowlLambda2 = params.bowlLambda2;
        o.bowlAngle = params.bowlAngle;
        o.terrainSeed = params.seed;
        const std::shared_ptr<Surface> s = makeSurface(key, o);   // throws for an unknown key
        const Domain d = s->domain();
        r.dimension = 2;
        r.lower = Eigen::Vector2d(d.xMin, d.yMin);
        r.upper = Eigen::Vector2d(d.xMax, d.yMax);
        r.verdict = checkConvexity([s](const Eigen::VectorXd& p) { return s->value(Point2(p(0), p(1))); }, r.lower,
                                   r.upper, params.chords, params.seed,
                                   [s](const Eigen::VectorXd& p) { return Eigen::MatrixXd(s->hessian(Point2(p(0), p(1)))); });
    }
    progress.setFraction(1.0);
    return r;
}

static void writeVector(JsonWriter& j, const Eigen::VectorXd& v)
{
    j.beginArray();
    for (Eigen::Index k = 0; k < v.size(); ++k) j.value(v(k));
    j.endArray();
}

ExperimentInfo convexityExperiment()
{
    ParamList<ConvexityParams> params;
    params.choice("function", &ConvexityParams::function, convexityFunctionKeys(),
                  "x2 | abs | exp | relu | sin | quartic (x^4 - x^2) | saddle (x^2 - y^2) | bowl | himmelblau | camel | "
                  "rosenbrock | beale | rastrigin | terrain")
        .integer("chords", &ConvexityParams::chords, 1, 10000000, "number of random chords tested, 1..10000000");
    bowlKeys(params, [](auto& p) -> auto& { return p; }, "", "bowl: rotation, degrees");
    return declareExperiment(
        "convexity", "Convex or not: sampled chords (and Hessian eigenvalues) looking for a counterexample",
        std::move(params), {"function"}, [](JsonWriter& j, ConvexityParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const ConvexityResult r = asParameterError([&] { return runConvexity(p, progress); });
            const ConvexityVerdict& v = r.verdict;
            j.key("dimension").value(r.dimension);
            j.key("lower");
            writeVector(j, r.lower);
            j.key("upper");
            writeVector(j, r.upper);
            j.key("verdict").value(v.convex ? "convex" : "nonconvex");
            j.key("chordsTested").value(v.chordsTested);
            j.key("chord");
            if (v.hasChord) {
                j.beginObject();
                j.key("a");
                writeVector(j, v.chordA);
                j.key("b");
                writeVector(j, v.chordB);
                j.key("midpointGap").value(v.midpointGap);
                j.endObject();
            } else {
                j.null();
            }
            j.key("negativeCurvature");
            if (v.hasNegativeCurvature) {
                j.beginObject();
                j.key("at");
                writeVector(j, v.curvatureAt);
                j.key("eigenvalue").value(v.eigenvalue);
                j.endObject();
            } else {
                j.null();
            }
    });
}

} // namespace minima
