#include "engine/optim/secondorder.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include "engine/surfaces/surface.h"

namespace minima {

const std::vector<std::string>& secondOrderKeys()
{
    static const std::vector<std::string> keys = {"newton", "modified-newton", "cg-fr", "cg-pr", "bfgs", "lbfgs"};
    return keys;
}

SecondOrderMethod secondOrderFromKey(const std::string& key)
{
    const auto& keys = secondOrderKeys();
    const auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end()) throw std::invalid_argument("unknown second-order method \"" + key + "\"");
    return SecondOrderMethod(it - keys.begin());
}

std::string secondOrderKey(SecondOrderMethod method) { return secondOrderKeys()[std::size_t(method)]; }

std::string secondOrderName(SecondOrderMethod method)
{
    switch (method) {
    case SecondOrderMethod::Newton: return "Newton";
    case SecondOrderMethod::ModifiedNewton: return "Newton with modified Hessian";
    case SecondOrderMethod::FletcherReeves: return "CG (Fletcher-Reeves)";
    case SecondOrderMethod::PolakRibiere: return "CG (Polak-Ribiere+)";
    case SecondOrderMethod::Bfgs: return "BFGS";
    case SecondOrderMethod::Lbfgs: return "L-BFGS";
    }
    return "BFGS";
}

void SecondOrderSettings::validate() const
{
    if (!(newtonStep > 0) || !(newtonStep <= 1)) throw std::invalid_argument("Newton's step fraction must be in (0, 1]");
    if (memory < 1 || memory > 100) throw std::invalid_argument("the L-BFGS memory must be from 1 to 100 pairs");
    lineSearch.validate();
}

SmoothObjective surfaceObjective(const Surface& surface)
{
    SmoothObjective o;
    o.value = [&surface](const Eigen::VectorXd& x) { return surface.value(Point2(x[0], x[1])); };
    o.gradient = [&surface](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
        const Point2 v = surface.gradient(Point2(x[0], x[1]));
        g.resize(2);
        g << v.x(), v.y();
    };
    o.hessian = [&surface](const Eigen::VectorXd& x, Eigen::MatrixXd& h) { h = surface.hessian(Point2(x[0], x[1])); };
    return o;
}

namespace {

bool usesNewton(SecondOrderMethod m) { return m == SecondOrderMethod::Newton || m == SecondOrderMethod::ModifiedNewton; }
bool usesCg(SecondOrderMethod m) { return m == SecondOrderMethod::FletcherReeves || m == SecondOrderMethod::PolakRibiere; }

std::string number(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

} // namespace

SecondOrderRun runSecondOrder(const SecondOrderSettings& settings, const SmoothObjective& objective,
                              Eigen::VectorXd start, const RunSettings& runSettings,
                              const RunObserver<Eigen::VectorXd>& observer, Progress& progress)
{
    settings.validate();
    runSettings.validate();
    const SecondOrderMethod method = settings.method;
    if (!objective.value || !objective.gradient) throw std::invalid_argument("objective without value or gradient");
    if (usesNewton(method) && !objective.hessian) throw std::invalid_argument("Newton's method needs the Hessian");
    const Eigen::Index n = start.size();
    if (n < 1) throw std::invalid_argument("the start has no parameters");

    SecondOrderRun out;
    RunResult<Eigen::VectorXd>& r = out.run;
    auto value = [&](const Eigen::VectorXd& at) {
        ++out.valueEvaluations;
        return objective.value(at);
    };
    auto gradient = [&](const Eigen::VectorXd& at, Eigen::VectorXd& g) {
        ++out.gradientEvaluations;
        objective.gradient(at, g);
    };

    Eigen::VectorXd x = std::move(start), g(n);
    r.final = x;
    double f = value(x);
    if (!std::isfinite(f) || !x.allFinite()) {
        r.status = RunStatus::Diverged;
        r.divergedAtStep = 0;
        out.stopReason = "the loss at the start is not a finite number";
        return out;
    }
    gradient(x, g);
    if (g.size() != n || !g.allFinite()) {
        r.status = RunStatus::Diverged;
        r.divergedAtStep = 0;
        out.stopReason = "the gradient at the start is not finite";
        return out;
    }
    const double limit = std::min(runSettings.explodeAbsolute, runSettings.explodeRelative * std::max(std::abs(f), 1.0));
    auto record = [&]() {
        if (!runSettings.record) return;
        r.points.push_back(x);
        r.losses.push_back(f);
        out.gradientNorms.push_back(g.norm());
    };
    if (runSettings.record) {
        const std::size_t reserve = std::size_t(std::min(runSettings.maxSteps, 1 << 16)) + 1;
        r.points.reserve(reserve);
        r.losses.reserve(reserve);
        out.gradientNorms.reserve(reserve);
        out.stepLengths.reserve(reserve);
    }
    record();
    r.finalLoss = f;

    // Work space, allocated once.
    Eigen::VectorXd p(n), xNew(n), gNew(n), s(n), y(n), q(n);
    Eigen::MatrixXd hessian, inverse;   // Newton's H; BFGS's estimate of H^-1
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen;
    if (method == SecondOrderMethod::Bfgs) inverse = Eigen::MatrixXd::Identity(n, n);
    const int m = settings.memory;
    Eigen::MatrixXd pairsS, pairsY;
    Eigen::VectorXd rho, alpha;
    int stored = 0, newest = -1;
    if (method == SecondOrderMethod::Lbfgs) {
        pairsS.resize(n, m);
        pairsY.resize(n, m);
        rho.resize(m);
        alpha.resize(m);
    }
    bool bfgsScaled = false;
    if (settings.recordCurvature && method == SecondOrderMethod::Bfgs) out.inverseHessians.push_back(inverse);
    WolfeSettings wolfe = settings.lineSearch;
    if (usesCg(method)) wolfe.c2 = std::min(wolfe.c2, 0.1);
    double previousStep = 0, previousSlope = 0;
    bool haveCgDirection = false;

    r.status = RunStatus::BudgetSpent;
    out.stopReason = "the budget of " + std::to_string(runSettings.maxSteps) + " steps was spent";
    const double tolerance = runSettings.gradientTolerance;
    auto converged = [&]() { return tolerance > 0 && g.norm() < tolerance; };
    for (int step = 1; step <= runSettings.maxSteps; ++step) {
        if (progress.cancelled()) {
            r.status = RunStatus::Cancelled;
            out.stopReason = "cancelled";
            break;
        }
        if (converged()) break;

        // The direction.
        switch (method) {
        case SecondOrderMethod::Newton:
        case SecondOrderMethod::ModifiedNewton: {
            objective.hessian(x, hessian);
            ++out.hessianEvaluations;
            if (hessian.rows() != n || hessian.cols() != n || !hessian.allFinite()) {
                r.status = RunStatus::Stopped;
                out.stopReason = "the Hessian is not finite";
                break;
            }
            eigen.compute(0.5 * (hessian + hessian.transpose()));
            Eigen::VectorXd lambda = eigen.eigenvalues();
            const double largest = lambda.cwiseAbs().maxCoeff();
            if (method == SecondOrderMethod::Newton) {
                // Pure Newton solves H p = -g, whatever the signs of H's eigenvalues.
                if (!(lambda.cwiseAbs().minCoeff() > 1e-12 * std::max(largest, 1e-300))) {
                    r.status = RunStatus::Stopped;
                    out.stopReason = "the Hessian is singular: Newton's step is undefined";
                    break;
                }
            } else {
                // N&W 3.4: a positive definite stand-in for H, here |lambda_i| floored at
                // delta, so the step is a descent direction and negative curvature is
                // followed downhill instead of uphill.
                const double delta = 1e-8 * std::max(largest, 1.0);
                lambda = lambda.cwiseAbs().cwiseMax(delta);
            }
            q.noalias() = eigen.eigenvectors().transpose() * g;
            q.array() /= lambda.array();
            p.noalias() = -(eigen.eigenvectors() * q);
            break;
        }
        case SecondOrderMethod::FletcherReeves:
        case SecondOrderMethod::PolakRibiere:
            if (!haveCgDirection) p = -g;
            break;
        case SecondOrderMethod::Bfgs:
            p.noalias() = -(inverse * g);
            break;
        case SecondOrderMethod::Lbfgs: {
            // N&W algorithm 7.4, the two-loop recursion, newest pair first.
            q = g;
            for (int k = 0; k < stored; ++k) {
                const int i = (newest - k + m) % m;
                alpha[i] = rho[i] * pairsS.col(i).dot(q);
                q.noalias() -= alpha[i] * pairsY.col(i);
            }
            if (stored > 0) q *= pairsS.col(newest).dot(pairsY.col(newest)) / pairsY.col(newest).squaredNorm();   // (7.20)
            for (int k = stored - 1; k >= 0; --k) {
                const int i = (newest - k + m) % m;
                const double b = rho[i] * pairsY.col(i).dot(q);
                q.noalias() += (alpha[i] - b) * pairsS.col(i);
            }
            p = -q;
            break;
        }
        }
        if (r.status == RunStatus::Stopped) break;
        if (!p.allFinite()) {
            r.status = RunStatus::Stopped;
            out.stopReason = "the search direction is not finite";
            break;
        }

        // The step.
        double a = 1;
        double fNew = 0;
        if (method == SecondOrderMethod::Newton) {
            a = settings.newtonStep;
            xNew = x + a * p;
            fNew = value(xNew);
            if (std::isfinite(fNew) && xNew.allFinite()) gradient(xNew, gNew);
            else gNew.setConstant(NAN);
        } else {
            double slope = g.dot(p);
            if (!(slope < 0)) {   // not downhill (rounding, or a CG direction gone bad): restart
                p = -g;
                slope = -g.squaredNorm();
            }
            double initial = 1;
            if (usesCg(method)) initial = previousStep > 0 ? previousStep * previousSlope / slope : 1.0 / std::max(1.0, g.norm());
            else if (step == 1 && method != SecondOrderMethod::ModifiedNewton) initial = 1.0 / std::max(1.0, g.norm());
            double lastTried = -1;
            auto phi = [&](double trial) {
                lastTried = trial;
                xNew = x + trial * p;
                LinePoint at;
                at.value = value(xNew);
                if (!std::isfinite(at.value) || !xNew.allFinite()) {
                    at.value = INFINITY;
                    at.slope = NAN;
                    return at;
                }
                gradient(xNew, gNew);
                at.slope = gNew.dot(p);
                return at;
            };
            const LineSearchResult ls = strongWolfeSearch(phi, LinePoint{f, slope}, std::max(initial, 1e-12), wolfe);
            if (!(ls.step > 0)) {
                r.status = RunStatus::Stopped;
                out.stopReason = std::string("the line search found no lower point (") + ls.failure + ")";
                break;
            }
            if (!ls.ok && !(ls.at.value < f)) {
                // Steps so short that the loss no longer changes in floating point.
                r.status = RunStatus::Stopped;
                out.stopReason = "the line search found no lower point: the loss is flat to rounding here";
                break;
            }
            a = ls.step;
            if (lastTried != a) phi(a);
            fNew = ls.at.value;
            previousStep = a;
            previousSlope = slope;
        }
        if (runSettings.record) out.stepLengths.push_back(a);
        if (!std::isfinite(fNew) || !xNew.allFinite() || !gNew.allFinite() || fNew > limit) {
            r.status = RunStatus::Diverged;
            r.divergedAtStep = step;
            out.stopReason = "the loss exploded at step " + std::to_string(step);
            if (runSettings.record) out.stepLengths.pop_back();
            break;
        }
        s = xNew - x;
        y = gNew - g;
        const double ys = y.dot(s);
        const bool curvatureHolds = ys > 1e-12 * y.norm() * s.norm() && ys > 0;

        // The updates.
        if (method == SecondOrderMethod::Bfgs && curvatureHolds) {
            if (!bfgsScaled) {   // N&W (6.20): scale the first estimate before its first update
                inverse *= ys / y.squaredNorm();
                bfgsScaled = true;
            }
            // H <- (I - rho s y^T) H (I - rho y s^T) + rho s s^T (N&W 6.17), expanded.
            const double rhoK = 1.0 / ys;
            q.noalias() = inverse * y;
            const double yHy = y.dot(q);
            inverse.noalias() -= rhoK * (q * s.transpose() + s * q.transpose());
            inverse.noalias() += (rhoK * rhoK * yHy + rhoK) * (s * s.transpose());
        } else if (method == SecondOrderMethod::Lbfgs && curvatureHolds) {
            newest = (newest + 1) % m;
            pairsS.col(newest) = s;
            pairsY.col(newest) = y;
            rho[newest] = 1.0 / ys;
            stored = std::min(stored + 1, m);
        } else if (usesCg(method)) {
            const double gg = g.squaredNorm();
            double beta = 0;
            if (method == SecondOrderMethod::FletcherReeves) beta = gNew.squaredNorm() / gg;   // N&W (5.41a)
            else beta = std::max(0.0, gNew.dot(y) / gg);                                        // N&W (5.44), PR+
            p = -gNew + beta * p;
            haveCgDirection = gNew.dot(p) < 0;   // else restart with steepest descent
        }
        x.swap(xNew);
        g.swap(gNew);
        f = fNew;
        if (settings.recordCurvature && method == SecondOrderMethod::Bfgs) out.inverseHessians.push_back(inverse);
        r.steps = step;
        r.final = x;
        r.finalLoss = f;
        record();
        if (runSettings.stepTolerance > 0 && s.norm() < runSettings.stepTolerance) {
            r.status = RunStatus::Converged;
            out.stopReason = "the step fell below " + number(runSettings.stepTolerance);
            break;
        }
        if (observer && observer(step, x, f)) {
            r.status = RunStatus::Stopped;
            out.stopReason = "stopped";
            break;
        }
        if ((step & 63) == 0) progress.setFraction(double(step) / runSettings.maxSteps);
    }
    if ((r.status == RunStatus::BudgetSpent || r.status == RunStatus::Stopped) && converged()
        && out.stopReason != "stopped") {
        r.status = RunStatus::Converged;
        out.stopReason = "the gradient norm fell below " + number(tolerance);
    }
    if (!runSettings.record) {
        r.points.push_back(r.final);
        r.losses.push_back(r.finalLoss);
        out.gradientNorms.push_back(g.norm());
    }
    return out;
}

} // namespace minima
