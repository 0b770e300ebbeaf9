#include "engine/experiments/conjugate.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/common/json.h"
#include "engine/common/random.h"
#include "engine/experiments/params.h"
#include "engine/experiments/steepest.h"
#include "engine/surfaces/analytic.h"

namespace minima {

namespace {

constexpr double kPi = 3.14159265358979323846;

void require(bool ok, const char* message)
{
    if (!ok) throw std::invalid_argument(message);
}

bool within(double v, double lo, double hi) { return v >= lo && v <= hi; }   // false for NaN

} // namespace

void ConjugateParams::validate() const
{
    require(within(kappa, 1, 1000), "kappa must be in [1, 1000]");
    require(within(angle, -180, 180), "angle must be in [-180, 180] degrees");
    require(within(x, -100, 100) && within(y, -100, 100), "x and y must be finite, in [-100, 100]");
    require(mapSteps >= 1 && mapSteps <= 10000, "map-steps must be in [1, 10000]");
    require(n >= 2 && n <= 1000, "n must be in [2, 1000]");
    require(clusters >= 1 && clusters <= n, "clusters must be in [1, n]");
    require(within(spread, 0, 0.5), "spread must be in [0, 0.5]");
    require(within(spectrum, 1, 1e6), "spectrum must be in [1, 1000000]");
    require(within(tolerance, 1e-14, 0.1), "tolerance must be in [1e-14, 0.1]");
    require(sdSteps >= 1 && sdSteps <= 100000, "sd-steps must be in [1, 100000]");
    require(directions >= 1 && directions <= 16, "directions must be in [1, 16]");
    require(within(startX, -10, 10) && within(startY, -10, 10), "start-x and start-y must be in [-10, 10]");
    require(cgSteps >= 1 && cgSteps <= 100000, "cg-steps must be in [1, 100000]");
    require(within(gradientTolerance, 1e-12, 1e-2), "gtol must be in [1e-12, 0.01]");
}

int distinctValues(const Eigen::VectorXd& values, double relative)
{
    std::vector<double> v(values.data(), values.data() + values.size());
    std::sort(v.begin(), v.end());
    int count = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (i == 0 || v[i] - v[i - 1] > relative * std::abs(v[i])) ++count;
    return count;
}

int stepsToTolerance(const std::vector<double>& residualNorms, double tolerance)
{
    if (residualNorms.empty()) return -1;
    const double target = tolerance * residualNorms.front();
    for (std::size_t t = 0; t < residualNorms.size(); ++t)
        if (residualNorms[t] <= target) return int(t);
    return -1;
}

ConjugateResult runConjugate(const ConjugateParams& p, std::uint64_t seed, Progress& progress)
{
    p.validate();
    ConjugateResult out;

    // The 2-D bowl: CG and steepest descent from the same start, minimum at the origin.
    const QuadraticBowl bowl = conditionedBowl(p.kappa, p.angle * kPi / 180.0);
    out.mapMatrix = bowl.matrix();
    const Eigen::MatrixXd a2 = out.mapMatrix;
    const Eigen::VectorXd b2 = Eigen::VectorXd::Zero(2);
    Eigen::VectorXd x2(2);
    x2 << p.x, p.y;
    // Two steps are all CG needs; a third would only step on rounding.
    out.mapCg = linearConjugateGradient(a2, b2, x2, 2, p.tolerance, true);
    out.mapSd = steepestDescentExact(a2, b2, x2, p.mapSteps, p.tolerance, true);
    if (progress.cancelled()) {
        out.cancelled = true;
        return out;
    }

    // The n-D quadratic: eigenvalues in clusters, a seeded rotation, a seeded b, x0 = 0.
    out.eigenvalues = clusteredEigenvalues(p.n, p.clusters, 1.0, p.spectrum, p.spread, seed);
    out.distinctEigenvalues = distinctValues(out.eigenvalues);
    const Eigen::MatrixXd a = matrixWithEigenvalues(out.eigenvalues, seed);
    Rng rng = makeRng(seed, 2);
    Eigen::VectorXd b(p.n);
    for (int i = 0; i < p.n; ++i) b[i] = normal01(rng);
    const Eigen::VectorXd x0 = Eigen::VectorXd::Zero(p.n);
    progress.setFraction(0.2);
    out.cg = linearConjugateGradient(a, b, x0, cgBudget(p.n), p.tolerance, false, progress);
    progress.setFraction(0.3);
    out.sd = steepestDescentExact(a, b, x0, p.sdSteps, p.tolerance, false, progress);
    if (out.cg.cancelled || out.sd.cancelled || progress.cancelled()) {
        out.cancelled = true;
        return out;
    }
    out.cgSteps = stepsToTolerance(out.cg.residualNorms, p.tolerance);
    out.sdSteps = stepsToTolerance(out.sd.residualNorms, p.tolerance);

    // CG's first directions again, kept this time (a short run: at most `directions` steps),
    // those made from a residual above kConjugateResidual |r_0|: once the residual is rounding
    // error (after k steps with k distinct eigenvalues) a direction made from it is noise.
    const int keep = std::min(p.directions, std::max(1, out.cg.iterations));
    QuadraticRun first = linearConjugateGradient(a, b, x0, keep, 0.0, true);
    std::size_t made = 0;
    while (made < first.directions.size() && first.residualNorms[made] > kConjugateResidual * first.residualNorms[0]) ++made;
    first.directions.resize(std::max<std::size_t>(1, made));
    out.conjugacy = conjugacy(first.directions, a);
    for (Eigen::Index i = 0; i < out.conjugacy.rows(); ++i)
        for (Eigen::Index j = 0; j < out.conjugacy.cols(); ++j) {
            const double c = out.conjugacy(i, j);
            if (i == j)
                out.largestDiagonalError = std::max(out.largestDiagonalError, std::abs(c - 1.0));
            else
                out.largestOffDiagonal = std::max(out.largestOffDiagonal, std::abs(c));
        }
    progress.setFraction(0.6);

    // Nonlinear CG on Rosenbrock.
    const Rosenbrock rosenbrock;
    const SmoothObjective objective = surfaceObjective(rosenbrock);
    Eigen::VectorXd start(2);
    start << p.startX, p.startY;
    RunSettings run;
    run.maxSteps = p.cgSteps;
    run.gradientTolerance = p.gradientTolerance;
    SecondOrderSettings s;
    s.method = SecondOrderMethod::FletcherReeves;
    out.fletcherReeves = runSecondOrder(s, objective, start, run, {}, progress);
    s.method = SecondOrderMethod::PolakRibiere;
    out.polakRibiere = runSecondOrder(s, objective, start, run, {}, progress);
    out.cancelled = progress.cancelled();
    progress.setFraction(1.0);
    return out;
}

ExperimentInfo conjugateExperiment()
{
    ParamList<ConjugateParams> params;
    params.real("kappa", &ConjugateParams::kappa, "the 2-D bowl's condition number: eigenvalues 1 and kappa, in [1, 1000]")
        .real("angle", &ConjugateParams::angle, "rotation of the bowl's eigenvectors, degrees in [-180, 180]")
        .real("x", &ConjugateParams::x, "the start on the bowl, x in [-100, 100]")
        .real("y", &ConjugateParams::y, "the start on the bowl, y in [-100, 100]")
        .integer("map-steps", &ConjugateParams::mapSteps, 1, 10000, "steepest descent's budget on the bowl, 1..10000")
        .integer("n", &ConjugateParams::n, 2, 1000, "dimension of the quadratic, 2..1000")
        .integer("clusters", &ConjugateParams::clusters, 1, 1000, "eigenvalue clusters, 1..n")
        .real("spread", &ConjugateParams::spread, "relative half-width of each cluster, in [0, 0.5] (0: exactly `clusters` distinct eigenvalues)")
        .real("spectrum", &ConjugateParams::spectrum, "condition number of the cluster centres, spread on a log scale over [1, spectrum]; in [1, 1000000]")
        .real("tolerance", &ConjugateParams::tolerance, "relative residual |r_t|/|r_0| counted as solved, in [1e-14, 0.1]")
        .integer("sd-steps", &ConjugateParams::sdSteps, 1, 100000, "steepest descent's budget on the n-D quadratic, 1..100000")
        .integer("directions", &ConjugateParams::directions, 1, 16, "CG directions in the conjugacy matrix, 1..16")
        .real("start-x", &ConjugateParams::startX, "nonlinear CG's start on Rosenbrock, x in [-10, 10]")
        .real("start-y", &ConjugateParams::startY, "nonlinear CG's start on Rosenbrock, y in [-10, 10]")
        .integer("cg-steps", &ConjugateParams::cgSteps, 1, 100000, "nonlinear CG's iteration budget, 1..100000")
        .real("gtol", &ConjugateParams::gradientTolerance, "nonlinear CG stops when |grad f| < gtol, in [1e-12, 0.01]");
    return declareExperiment(
        "conjugate",
        "Linear conjugate gradients against steepest descent with exact steps: on the 2-D bowl with eigenvalues 1 and "
        "kappa (CG in at most 2 steps), on an n-D quadratic with eigenvalues in clusters (iterations to a relative "
        "residual, against the cluster count and n), the conjugacy of CG's directions, and nonlinear CG "
        "(Fletcher-Reeves, Polak-Ribiere+) on Rosenbrock",
        std::move(params), {"kappa", "angle", "n", "clusters", "spread", "spectrum", "tolerance"},
        [](JsonWriter& j, ConjugateParams& p, std::uint64_t seed, Progress& progress) {
            const ConjugateResult r = asParameterError([&] { return runConjugate(p, seed, progress); });
            j.key("seed").value(static_cast<unsigned long long>(seed));
            j.key("map").beginObject();
            j.key("cgIterations").value(r.mapCg.iterations);
            j.key("cgConverged").value(r.mapCg.converged);
            j.key("sdIterations").value(r.mapSd.iterations);
            j.key("sdConverged").value(r.mapSd.converged);
            j.key("cgFinalResidual").value(r.mapCg.residualNorms.back());
            j.key("sdFinalResidual").value(r.mapSd.residualNorms.back());
            j.endObject();
            j.key("quadratic").beginObject();
            j.key("distinctEigenvalues").value(r.distinctEigenvalues);
            j.key("lowestEigenvalue").value(r.eigenvalues.minCoeff());
            j.key("highestEigenvalue").value(r.eigenvalues.maxCoeff());
            j.key("cgStepsToTolerance").value(r.cgSteps);
            j.key("sdStepsToTolerance").value(r.sdSteps);
            j.key("cgResiduals").numbers(r.cg.residualNorms);
            j.key("sdFinalResidual").value(r.sd.residualNorms.back());
            j.key("conjugacySize").value(int(r.conjugacy.rows()));
            j.key("largestOffDiagonal").value(r.largestOffDiagonal);
            j.key("largestDiagonalError").value(r.largestDiagonalError);
            j.endObject();
            auto nonlinear = [&j](const char* key, const SecondOrderRun& run) {
                j.key(key).beginObject();
                j.key("status").value(runStatusName(run.run.status));
                j.key("iterations").value(run.run.steps);
                j.key("gradientEvaluations").value(run.gradientEvaluations);
                j.key("valueEvaluations").value(run.valueEvaluations);
                j.key("final").beginArray().value(run.run.final[0]).value(run.run.final[1]).endArray();
                j.key("finalLoss").value(run.run.finalLoss);
                j.key("stopReason").value(run.stopReason);
                j.endObject();
            };
            nonlinear("fletcherReeves", r.fletcherReeves);
            nonlinear("polakRibiere", r.polakRibiere);
        });
}

} // namespace minima
