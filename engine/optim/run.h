#pragma once
// A run of an optimizer from a start point: records the trajectory (points and loss per
// step) and ends with a status. On divergence the run stops before recording the
// non-finite or exploding point, so a trajectory never holds NaN or infinity.
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/optim/optimizer.h"

namespace minima {

enum class RunStatus {
    Converged,     // gradient norm (or step length) fell below its tolerance
    BudgetSpent,   // maxSteps steps taken
    Diverged,      // non-finite or exploding loss; divergedAtStep says when
    Stopped,       // the observer returned true
    Cancelled      // the Progress was cancelled
};
std::string runStatusName(RunStatus status);   // converged, budget, diverged, stopped, cancelled

struct RunSettings {
    int maxSteps = 1000;
    double gradientTolerance = 1e-8;   // converged when |g| < this (0: never)
    double stepTolerance = 0.0;        // converged when |x_{t+1} - x_t| < this (0: never)
    // Diverged when the loss is non-finite, above explodeAbsolute, or above
    // explodeRelative * max(|initial loss|, 1).
    double explodeAbsolute = 1e12;
    double explodeRelative = 1e6;
    bool record = true;                // keep every point and loss (false: only the end)

    void validate() const;             // std::invalid_argument on a negative budget or tolerance
};

template <class Vec>
struct RunResult {
    std::vector<Vec> points;      // points[0] is the start; points[t] after step t
    std::vector<double> losses;   // losses[t] = f(points[t])
    RunStatus status = RunStatus::BudgetSpent;
    int steps = 0;                // optimizer steps taken and recorded
    int divergedAtStep = -1;      // the step whose result was non-finite or exploding
    Vec final;                    // last finite point
    double finalLoss = std::numeric_limits<double>::quiet_NaN();
};

// Called after every recorded step with (step, x, loss); returning true stops the run.
template <class Vec>
using RunObserver = std::function<bool(int, const Vec&, double)>;

// Runs `optimizer` (its state is reset) on an objective given as two function objects:
//   value(x) -> double and gradient(at, g) writing the gradient at `at` into g.
// The gradient may be a mini-batch estimate (see minibatch.h); convergence is then
// judged on that estimate.
template <class Vec, class Value, class Gradient>
RunResult<Vec> runOptimizer(Optimizer<Vec>& optimizer, const Value& value, const Gradient& gradient, Vec x,
                            const RunSettings& settings,
                            const std::type_identity_t<RunObserver<Vec>>& observer = {},
                            Progress& progress = Progress::none())
{
    settings.validate();
    optimizer.settings().validate();
    optimizer.reset(x.size());
    RunResult<Vec> r;
    r.final = x;
    double loss = value(x);
    if (!std::isfinite(loss) || !x.allFinite()) {
        r.status = RunStatus::Diverged;
        r.divergedAtStep = 0;
        return r;
    }
    const double limit = std::min(settings.explodeAbsolute, settings.explodeRelative * std::max(std::abs(loss), 1.0));
    if (settings.record) {
        r.points.reserve(std::size_t(std::min(settings.maxSteps, 1 << 20)) + 1);
        r.losses.reserve(r.points.capacity());
        r.points.push_back(x);
        r.losses.push_back(loss);
    }
    r.finalLoss = loss;
    Vec at = x, g = x, previous = x;
    r.status = RunStatus::BudgetSpent;
    for (int step = 1; step <= settings.maxSteps; ++step) {
        if (progress.cancelled()) { r.status = RunStatus::Cancelled; break; }
        optimizer.lookahead(x, at);
        gradient(at, g);
        if (!g.allFinite()) { r.status = RunStatus::Diverged; r.divergedAtStep = step; break; }
        if (settings.gradientTolerance > 0 && g.norm() < settings.gradientTolerance
            && !optimizer.needsLookahead()) {
            r.status = RunStatus::Converged;
            break;
        }
        previous = x;
        optimizer.step(x, g);
        const double next = value(x);
        if (!std::isfinite(next) || !x.allFinite() || next > limit) {
            x = previous;
            r.status = RunStatus::Diverged;
            r.divergedAtStep = step;
            break;
        }
        loss = next;
        r.steps = step;
        r.final = x;
        r.finalLoss = loss;
        if (settings.record) {
            r.points.push_back(x);
            r.losses.push_back(loss);
        }
        if (settings.stepTolerance > 0 && (x - previous).norm() < settings.stepTolerance) {
            r.status = RunStatus::Converged;
            break;
        }
        if (settings.gradientTolerance > 0 && optimizer.needsLookahead() && g.norm() < settings.gradientTolerance
            && (x - previous).norm() < settings.gradientTolerance) {
            r.status = RunStatus::Converged;
            break;
        }
        if (observer && observer(step, x, loss)) { r.status = RunStatus::Stopped; break; }
        if ((step & 255) == 0) progress.setFraction(double(step) / settings.maxSteps);
    }
    if (!settings.record) {
        r.points.push_back(r.final);
        r.losses.push_back(r.finalLoss);
    }
    return r;
}

// The same for objectives held in std::function on dynamic vectors (networks).
struct Objective {
    std::function<double(const Eigen::VectorXd&)> value;
    std::function<void(const Eigen::VectorXd&, Eigen::VectorXd&)> gradient;
};

RunResult<Eigen::VectorXd> runOptimizer(Optimizer<Eigen::VectorXd>& optimizer, const Objective& objective,
                                        Eigen::VectorXd start, const RunSettings& settings,
                                        const RunObserver<Eigen::VectorXd>& observer = {},
                                        Progress& progress = Progress::none());

} // namespace minima
