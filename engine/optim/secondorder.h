#pragma once
// Methods that use curvature, behind the run contract of run.h (a trajectory, a status, the
// same divergence and stop rules): Newton's method (pure, or damped to a fixed fraction of
// the step), Newton with the Hessian modified to be positive definite and a line search,
// nonlinear conjugate gradients (Fletcher-Reeves and Polak-Ribiere+), BFGS and L-BFGS. All
// but pure and damped Newton take their steps by the strong Wolfe line search of
// linesearch.h. Sources: Nocedal & Wright, "Numerical Optimization", 2nd ed. (N&W): Newton
// 3.3 and 3.4, nonlinear CG 5.2 (algorithms 5.4, 5.5), BFGS 6.1 (algorithm 6.1, the first
// scaling 6.20), L-BFGS 7.2 (algorithm 7.4's two-loop recursion, the scaling 7.20).
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/optim/linesearch.h"
#include "engine/optim/run.h"

namespace minima {

class Surface;

enum class SecondOrderMethod { Newton, ModifiedNewton, FletcherReeves, PolakRibiere, Bfgs, Lbfgs };

// Keys for experiments and the command line: newton, modified-newton, cg-fr, cg-pr, bfgs, lbfgs.
const std::vector<std::string>& secondOrderKeys();
SecondOrderMethod secondOrderFromKey(const std::string& key);   // std::invalid_argument if unknown
std::string secondOrderKey(SecondOrderMethod method);
std::string secondOrderName(SecondOrderMethod method);          // "Newton", "BFGS", ...

struct SecondOrderSettings {
    SecondOrderMethod method = SecondOrderMethod::Bfgs;
    double newtonStep = 1.0;   // Newton: x <- x - newtonStep H^-1 g (below 1: damped Newton)
    int memory = 10;           // L-BFGS: the (s, y) pairs kept, 1 to 100
    // The line search's constants; nonlinear CG uses c2 = min(c2, 0.1) (N&W 5.2: FR needs c2 < 1/2).
    WolfeSettings lineSearch;
    bool recordCurvature = false;   // keep BFGS's inverse-Hessian estimate after every step

    void validate() const;     // std::invalid_argument naming the bad setting
};

// f, its gradient, and (for the Newton methods) its Hessian, on any number of parameters.
struct SmoothObjective {
    std::function<double(const Eigen::VectorXd&)> value;
    std::function<void(const Eigen::VectorXd&, Eigen::VectorXd&)> gradient;
    std::function<void(const Eigen::VectorXd&, Eigen::MatrixXd&)> hessian;
};

// A 2-D surface as an objective (value, gradient and Hessian from the surface).
SmoothObjective surfaceObjective(const Surface& surface);

struct SecondOrderRun {
    RunResult<Eigen::VectorXd> run;   // points, losses, status, steps, final point and loss
    int valueEvaluations = 0;         // f(x) calls, the start's included
    int gradientEvaluations = 0;      // grad f(x) calls, the start's included
    int hessianEvaluations = 0;
    std::vector<double> gradientNorms;     // |grad f| at points[t]
    std::vector<double> stepLengths;       // the line search's step a at step t (1-based: [t-1])
    std::vector<Eigen::MatrixXd> inverseHessians;   // recordCurvature and BFGS: the estimate at points[t]
    std::string stopReason;           // why the run ended, in words ("the gradient norm fell below 1e-08")
};

// Runs `settings.method` from `start`. The run converges when |grad f| < gradientTolerance,
// spends its budget after maxSteps steps, diverges on a non-finite or exploding loss (the
// point is not recorded), and stops (RunStatus::Stopped) when the line search fails, Newton
// meets a singular Hessian, or the observer asks. Throws std::invalid_argument for bad
// settings or an objective without the functions the method needs.
SecondOrderRun runSecondOrder(const SecondOrderSettings& settings, const SmoothObjective& objective,
                              Eigen::VectorXd start, const RunSettings& run,
                              const RunObserver<Eigen::VectorXd>& observer = {},
                              Progress& progress = Progress::none());

} // namespace minima
