#pragma once
// Convex or not? A function f is convex on a box iff every chord lies on or above the
// graph: f((a + b)/2) <= (f(a) + f(b))/2 for all a, b (midpoint convexity, enough for
// continuous f; Boyd & Vandenberghe, "Convex Optimization", 3.1). We sample chords from a
// seed and report the worst violation as a counterexample; for twice differentiable f a
// negative Hessian eigenvalue anywhere is another certificate (B&V 3.1.4). Finding no
// counterexample among the samples is evidence, not proof, and the verdict says "convex"
// in that sense only.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"

namespace minima {

using ScalarFunction = std::function<double(const Eigen::VectorXd&)>;
using HessianFunction = std::function<Eigen::MatrixXd(const Eigen::VectorXd&)>;

struct ConvexityVerdict {
    bool convex = true;           // no counterexample among the samples
    int chordsTested = 0;
    // The chord with the largest midpoint gap f((a+b)/2) - (f(a)+f(b))/2 > 0, if any.
    bool hasChord = false;
    Eigen::VectorXd chordA, chordB;
    double midpointGap = 0.0;
    // The most negative Hessian eigenvalue found, if a Hessian was given and one is < 0.
    bool hasNegativeCurvature = false;
    Eigen::VectorXd curvatureAt;
    double eigenvalue = 0.0;
};

// Tests f on the box [lower, upper] (any dimension, 1-D and 2-D in the lessons) with
// `chords` random chords from makeRng(seed): half spanning the box, half short (5% of its
// size) to catch local bends. A gap counts only above 1e-9 (|f(a)| + |f(b)| + 1), so
// rounding never makes x^2 nonconvex. `hessian` (optional) is sampled at `chords` points.
// Throws std::invalid_argument for an empty box or chords outside [1, 10000000].
ConvexityVerdict checkConvexity(const ScalarFunction& f, const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                                int chords, std::uint64_t seed, const HessianFunction& hessian = {});

// The same for a function of one variable on [lower, upper] (a learner-typed function).
ConvexityVerdict checkConvexity(const std::function<double(double)>& f, double lower, double upper, int chords,
                                std::uint64_t seed);

struct ConvexityParams {
    // A 2-D surface key (bowl, himmelblau, ...) or a 1-D function: x2, abs, exp, relu,
    // sin, quartic (x^4 - x^2), or saddle (x^2 - y^2, 2-D).
    std::string function = "quartic";
    double bowlLambda1 = 1.0, bowlLambda2 = 10.0, bowlAngle = 0.0;
    int chords = 20000;
    std::uint64_t seed = 1;
};

struct ConvexityResult {
    std::string function;
    int dimension = 1;
    Eigen::VectorXd lower, upper;   // the box tested
    ConvexityVerdict verdict;
};

const std::vector<std::string>& convexityFunctionKeys();

// Throws std::invalid_argument for an unknown function or bad chord count.
ConvexityResult runConvexity(const ConvexityParams& params, Progress& progress = Progress::none());

ExperimentInfo convexityExperiment();

} // namespace minima
