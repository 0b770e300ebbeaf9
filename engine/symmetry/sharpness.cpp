#include "engine/symmetry/sharpness.h"

#include <cmath>
#include <stdexcept>

#include "engine/common/random.h"

namespace minima {

namespace {

struct HessianProduct {
    const Network& net;
    const Eigen::Ref<const Eigen::VectorXd>& p;
    const Eigen::Ref<const Eigen::MatrixXd>& X;
    const Eigen::Ref<const Eigen::MatrixXd>& Y;
    Loss loss;
    double h;
    Workspace ws;
    Eigen::VectorXd shifted, gPlus, gMinus;

    // out = H v for a unit vector v
    void apply(const Eigen::VectorXd& v, Eigen::VectorXd& out)
    {
        shifted = p + h * v;
        lossAndGradient(net, shifted, X, Y, loss, ws, gPlus);
        shifted = p - h * v;
        lossAndGradient(net, shifted, X, Y, loss, ws, gMinus);
        out = (gPlus - gMinus) / (2 * h);
    }
};

SharpnessResult powerIteration(HessianProduct& hv, double shift, const SharpnessOptions& options)
{
    Rng rng = makeRng(options.seed, 21);
    const Eigen::Index P = hv.p.size();
    Eigen::VectorXd v(P), w(P);
    for (Eigen::Index i = 0; i < P; ++i) v[i] = normal01(rng);
    v.normalize();
    SharpnessResult r;
    double previous = 0;
    for (int it = 1; it <= options.maxIterations; ++it) {
        hv.apply(v, w);
        w -= shift * v;
        const double lambda = v.dot(w);   // Rayleigh quotient of the shifted operator
        const double norm = w.norm();
        r.iterations = it;
        r.largestEigenvalue = lambda + shift;
        if (!std::isfinite(norm)) throw std::runtime_error("sharpness: the gradient is not finite at this point");
        if (norm == 0) { r.converged = true; break; }
        v = w / norm;
        if (it > 1 && std::fabs(lambda - previous) <= options.tolerance * std::max(1.0, std::fabs(lambda))) {
            r.converged = true;
            break;
        }
        previous = lambda;
    }
    return r;
}

} // namespace

SharpnessResult sharpness(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                          const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                          Loss loss, const SharpnessOptions& options)
{
    if (params.size() != net.parameterCount()) throw std::invalid_argument("parameter vector of the wrong size");
    if (options.maxIterations < 1 || !(options.step > 0)) throw std::invalid_argument("sharpness: bad options");
    HessianProduct hv{net, params, X, Y, loss, options.step * std::max(1.0, params.norm()), {}, {}, {}, {}};
    hv.gPlus.resize(params.size());
    hv.gMinus.resize(params.size());
    SharpnessResult first = powerIteration(hv, 0.0, options);
    if (first.largestEigenvalue >= 0) return first;
    // Dominant eigenvalue negative: the spectrum of H - lambda I is >= 0, its top is the largest of H.
    SharpnessResult second = powerIteration(hv, first.largestEigenvalue, options);
    second.iterations += first.iterations;
    return second;
}

Eigen::MatrixXd finiteDifferenceHessian(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                                        const Eigen::Ref<const Eigen::MatrixXd>& X,
                                        const Eigen::Ref<const Eigen::MatrixXd>& Y, Loss loss, double step)
{
    const Eigen::Index P = params.size();
    HessianProduct hv{net, params, X, Y, loss, step * std::max(1.0, params.norm()), {}, {}, {}, {}};
    hv.gPlus.resize(P);
    hv.gMinus.resize(P);
    Eigen::MatrixXd H(P, P);
    Eigen::VectorXd e = Eigen::VectorXd::Zero(P), column(P);
    for (Eigen::Index j = 0; j < P; ++j) {
        e[j] = 1.0;
        hv.apply(e, column);
        H.col(j) = column;
        e[j] = 0.0;
    }
    return 0.5 * (H + H.transpose());
}

} // namespace minima
