#pragma once
// One contract for every optimizer: it steps a parameter vector x given a gradient g
// (computed by the caller at lookahead(x), which is x itself for all but Nesterov).
// Templated on the vector type: Eigen::Vector2d for surfaces (no allocation),
// Eigen::VectorXd for networks. Mini-batch SGD is any of these fed a mini-batch gradient
// (see minibatch.h).
#include <cmath>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace minima {

enum class OptimizerKind { GradientDescent, Momentum, Nesterov, AdaGrad, RMSProp, Adam };

struct OptimizerSettings {
    OptimizerKind kind = OptimizerKind::GradientDescent;
    double learningRate = 0.01;
    double momentum = 0.9;     // beta of heavy ball and Nesterov
    double rho = 0.9;          // RMSProp's decay of the squared-gradient average
    double beta1 = 0.9;        // Adam
    double beta2 = 0.999;      // Adam
    double epsilon = 1e-8;     // AdaGrad, RMSProp, Adam

    // Throws std::invalid_argument naming the setting when a value is unusable
    // (non-finite or non-positive rate, momentum/decays outside [0, 1), epsilon <= 0).
    void validate() const;
};

// Kingma & Ba (2015), Algorithm 1: lr 0.001, beta1 0.9, beta2 0.999, eps 1e-8.
OptimizerSettings adamDefaults();

// Keys used by experiments and the command line: gd, momentum, nesterov, adagrad,
// rmsprop, adam.
const std::vector<std::string>& optimizerKeys();
OptimizerKind optimizerFromKey(const std::string& key);   // std::invalid_argument if unknown
std::string optimizerKey(OptimizerKind kind);

template <class Vec>
class Optimizer {
public:
    Optimizer(const OptimizerSettings& settings, Eigen::Index dimension) : s_(settings)
    {
        reset(dimension);
    }
    const OptimizerSettings& settings() const { return s_; }

    void reset(Eigen::Index dimension)
    {
        if constexpr (Vec::SizeAtCompileTime == Eigen::Dynamic) {
            v_.setZero(dimension);
            m2_.setZero(dimension);
        } else {
            v_.setZero();
            m2_.setZero();
        }
        t_ = 0;
        beta1Power_ = beta2Power_ = 1.0;
    }

    // Where the next gradient is wanted. Nesterov (Sutskever et al. 2013): x + beta v.
    template <class Out>
    void lookahead(const Vec& x, Out& at) const
    {
        if (s_.kind == OptimizerKind::Nesterov) at = x + s_.momentum * v_;
        else at = x;
    }
    bool needsLookahead() const { return s_.kind == OptimizerKind::Nesterov; }

    // Multiplies the velocity (momentum, Nesterov) by `factor`. For the linear methods (GD,
    // momentum, Nesterov) on a quadratic with its minimum at 0, scaling x and this state by the
    // same factor scales the rest of the run by it: a power iteration renormalises with it.
    void scaleState(double factor) { v_ *= factor; }

    // One update of x from the gradient g taken at lookahead(x).
    void step(Vec& x, const Vec& g)
    {
        const double lr = s_.learningRate;
        switch (s_.kind) {
        case OptimizerKind::GradientDescent:
            // x <- x - lr g
            x -= lr * g;
            break;
        case OptimizerKind::Momentum:
        case OptimizerKind::Nesterov:
            // Heavy ball (Polyak 1964) / Nesterov: v <- beta v - lr g, x <- x + v
            v_ = s_.momentum * v_ - lr * g;
            x += v_;
            break;
        case OptimizerKind::AdaGrad:
            // Duchi et al. 2011: G <- G + g^2, x <- x - lr g / (sqrt(G) + eps)
            m2_ += g.cwiseAbs2();
            x.array() -= lr * g.array() / (m2_.array().sqrt() + s_.epsilon);
            break;
        case OptimizerKind::RMSProp:
            // Tieleman & Hinton 2012: E <- rho E + (1 - rho) g^2, x <- x - lr g / (sqrt(E) + eps)
            m2_ = s_.rho * m2_ + (1.0 - s_.rho) * g.cwiseAbs2();
            x.array() -= lr * g.array() / (m2_.array().sqrt() + s_.epsilon);
            break;
        case OptimizerKind::Adam: {
            // Kingma & Ba 2015, Algorithm 1: m <- b1 m + (1-b1) g, v <- b2 v + (1-b2) g^2,
            // x <- x - lr mhat / (sqrt(vhat) + eps), mhat = m/(1-b1^t), vhat = v/(1-b2^t)
            ++t_;
            beta1Power_ *= s_.beta1;   // beta1^t, kept as a running product (no pow per step)
            beta2Power_ *= s_.beta2;
            v_ = s_.beta1 * v_ + (1.0 - s_.beta1) * g;
            m2_ = s_.beta2 * m2_ + (1.0 - s_.beta2) * g.cwiseAbs2();
            const double c1 = 1.0 - beta1Power_;
            const double c2 = 1.0 - beta2Power_;
            x.array() -= lr * (v_.array() / c1) / ((m2_.array() / c2).sqrt() + s_.epsilon);
            break;
        }
        }
    }

private:
    OptimizerSettings s_;
    Vec v_;    // velocity (momentum, Nesterov) or first moment (Adam)
    Vec m2_;   // accumulated / averaged squared gradient
    long long t_ = 0;
    double beta1Power_ = 1.0, beta2Power_ = 1.0;
};

} // namespace minima
