#include "engine/optim/run.h"

#include <stdexcept>

#include "engine/optim/minibatch.h"

namespace minima {

std::string runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Converged: return "converged";
    case RunStatus::BudgetSpent: return "budget";
    case RunStatus::Diverged: return "diverged";
    case RunStatus::Stopped: return "stopped";
    case RunStatus::Cancelled: return "cancelled";
    }
    return "budget";
}

void RunSettings::validate() const
{
    if (maxSteps < 0) throw std::invalid_argument("the step budget must not be negative");
    if (!(gradientTolerance >= 0) || !(stepTolerance >= 0))
        throw std::invalid_argument("tolerances must not be negative");
    if (!(explodeAbsolute > 0) || !(explodeRelative > 0))
        throw std::invalid_argument("divergence thresholds must be positive");
}

RunResult<Eigen::VectorXd> runOptimizer(Optimizer<Eigen::VectorXd>& optimizer, const Objective& objective,
                                        Eigen::VectorXd start, const RunSettings& settings,
                                        const RunObserver<Eigen::VectorXd>& observer, Progress& progress)
{
    if (!objective.value || !objective.gradient) throw std::invalid_argument("objective without value or gradient");
    return runOptimizer(optimizer, objective.value, objective.gradient, std::move(start), settings, observer, progress);
}

RunResult<Eigen::VectorXd> runMiniBatch(Optimizer<Eigen::VectorXd>& optimizer, const MiniBatchObjective& objective,
                                        Eigen::VectorXd start, int batchSize, std::uint64_t seed,
                                        std::uint64_t stream, const RunSettings& settings,
                                        const RunObserver<Eigen::VectorXd>& observer, Progress& progress)
{
    if (!objective.value || !objective.batchGradient)
        throw std::invalid_argument("objective without value or batch gradient");
    MiniBatchSampler sampler(objective.sampleCount, batchSize);
    Rng rng = makeRng(seed, stream);
    auto gradient = [&](const Eigen::VectorXd& at, Eigen::VectorXd& g) {
        objective.batchGradient(at, sampler.next(rng), g);
    };
    return runOptimizer(optimizer, objective.value, gradient, std::move(start), settings, observer, progress);
}

} // namespace minima
