#include "engine/symmetry/sharpness.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <Eigen/Eigenvalues>

#include "engine/common/random.h"

namespace minima {

namespace {

// f'(z) and f''(z) elementwise, with a = f(z): relu' = 1 (z > 0), as in backpropagation;
// tanh' = 1 - a^2, tanh'' = -2 a (1 - a^2); sigmoid' = a (1 - a), sigmoid'' = a (1 - a)(1 - 2a).
void derivatives(Activation f, const Eigen::MatrixXd& z, const Eigen::MatrixXd& a, Eigen::MatrixXd& d1, Eigen::MatrixXd& d2)
{
    switch (f) {
    case Activation::ReLU:
        d1 = (z.array() > 0.0).cast<double>().matrix();
        d2.setZero(z.rows(), z.cols());
        break;
    case Activation::LeakyReLU:
        d1 = ((z.array() > 0.0).cast<double>() * (1.0 - kLeakySlope) + kLeakySlope).matrix();
        d2.setZero(z.rows(), z.cols());
        break;
    case Activation::Tanh:
        d1 = (1.0 - a.array().square()).matrix();
        d2 = (-2.0 * a.array() * d1.array()).matrix();
        break;
    case Activation::Sigmoid:
        d1 = (a.array() * (1.0 - a.array())).matrix();
        d2 = (d1.array() * (1.0 - 2.0 * a.array())).matrix();
        break;
    case Activation::Linear:
        d1.setOnes(z.rows(), z.cols());
        d2.setZero(z.rows(), z.cols());
        break;
    }
}

// Exact Hessian-vector products by the R-operator R{.} = d/dt (.)(p + t v) at t = 0
// (Pearlmutter 1994), on the forward and backward pass of lossAndGradient:
//   forward   R z_l = V_l a_l + W_l R a_l + c_l,   R a_{l+1} = f'(z_l) .* R z_l,   R a_0 = 0
//   backward  R g_{W_l} = R delta_l a_l^T + delta_l (R a_l)^T,   R g_{b_l} = R delta_l 1
//             R delta_{l-1} = (V_l^T delta_l + W_l^T R delta_l) .* f'(z_{l-1})
//                             + (W_l^T delta_l) .* f''(z_{l-1}) .* R z_{l-1}
// where (V_l, c_l) is v's part of layer l. Shapes: z_l, a_{l+1}: n_{l+1} x N.
struct HessianProduct {
    const Network& net;
    const Eigen::Ref<const Eigen::VectorXd>& p;
    const Eigen::Ref<const Eigen::MatrixXd>& X;
    const Eigen::Ref<const Eigen::MatrixXd>& Y;
    Loss loss;
    Workspace ws;
    std::vector<Eigen::MatrixXd> d1, d2;   // f'(z_l), f''(z_l) of the hidden layers
    Eigen::MatrixXd outputDelta;          // dLoss/dz_{L-1}
    std::vector<Eigen::MatrixXd> rz, ra;  // R z_l; ra[l] = R a_l (ra[0] unused: R x = 0)
    Eigen::MatrixXd delta, rdelta, g, rg, next, rnext;

    HessianProduct(const Network& n, const Eigen::Ref<const Eigen::VectorXd>& params,
                   const Eigen::Ref<const Eigen::MatrixXd>& inputs, const Eigen::Ref<const Eigen::MatrixXd>& targets, Loss kind)
        : net(n), p(params), X(inputs), Y(targets), loss(kind)
    {
        if (params.size() != net.parameterCount()) throw std::invalid_argument("parameter vector of the wrong size");
        if (X.rows() != net.inputCount() || Y.rows() != net.outputCount() || X.cols() != Y.cols() || X.cols() < 1)
            throw std::invalid_argument("sharpness: inputs and targets do not fit the network");
        checkLossFits(net, loss);
        forward(net, p, X, ws);
        const int L = net.layerCount();
        d1.resize(std::size_t(L));
        d2.resize(std::size_t(L));
        for (int l = 0; l + 1 < L; ++l)
            derivatives(net.hiddenActivation(l), ws.z[std::size_t(l)], ws.a[std::size_t(l)], d1[std::size_t(l)], d2[std::size_t(l)]);
        rz.resize(std::size_t(L));
        ra.resize(std::size_t(L));
    }

    void apply(const Eigen::Ref<const Eigen::VectorXd>& v, Eigen::Ref<Eigen::VectorXd> out)
    {
        const int L = net.layerCount();
        const Eigen::MatrixXd& A = ws.a.back();
        const double N = double(A.cols()), KN = double(A.size());
        // Forward: R z_l.
        for (int l = 0; l < L; ++l) {
            const auto W = net.weightsIn(p.data(), l);
            const auto V = net.weightsIn(v.data(), l);
            const auto c = net.biasIn(v.data(), l);
            Eigen::MatrixXd& r = rz[std::size_t(l)];
            if (l == 0) r.noalias() = V * X;
            else {
                r.noalias() = V * ws.a[std::size_t(l) - 1];
                r.noalias() += W * ra[std::size_t(l)];
            }
            r.colwise() += c;
            if (l + 1 < L) ra[std::size_t(l) + 1] = (d1[std::size_t(l)].array() * r.array()).matrix();
        }
        // Output: delta = dLoss/dz_{L-1} and R delta.
        const Eigen::MatrixXd& rzOut = rz.back();
        switch (loss) {
        case Loss::MeanSquaredError:
            if (net.output() == OutputActivation::Sigmoid) {
                // delta = (2/KN)(A - Y) A (1 - A); R A = A (1 - A) R z
                const Eigen::ArrayXXd s = A.array() * (1.0 - A.array());
                const Eigen::ArrayXXd rA = s * rzOut.array();
                delta = ((2.0 / KN) * (A - Y).array() * s).matrix();
                rdelta = ((2.0 / KN) * (rA * s + (A - Y).array() * (1.0 - 2.0 * A.array()) * rA)).matrix();
            } else {
                delta = (2.0 / KN) * (A - Y);
                rdelta = (2.0 / KN) * rzOut;
            }
            break;
        case Loss::BinaryCrossEntropy:   // sigmoid output: delta = (A - Y)/KN
            delta = (A - Y) / KN;
            rdelta = ((A.array() * (1.0 - A.array()) * rzOut.array()) / KN).matrix();
            break;
        case Loss::SoftmaxCrossEntropy: {   // delta = (A - Y)/N; R A = A .* (R z - sum_k A_k R z_k)
            delta = (A - Y) / N;
            const Eigen::RowVectorXd mean = (A.array() * rzOut.array()).colwise().sum().matrix();
            rdelta = ((A.array() * (rzOut.rowwise() - mean).array()) / N).matrix();
            break;
        }
        }
        // Backward.
        for (int l = L - 1; l >= 0; --l) {
            auto hW = net.weightsIn(out.data(), l);   // n_{l+1} x n_l
            auto hb = net.biasIn(out.data(), l);
            if (l == 0) hW.noalias() = rdelta * X.transpose();
            else {
                hW.noalias() = rdelta * ws.a[std::size_t(l) - 1].transpose();
                hW.noalias() += delta * ra[std::size_t(l)].transpose();
            }
            hb = rdelta.rowwise().sum();
            if (l > 0) {
                const auto W = net.weightsIn(p.data(), l);
                const auto V = net.weightsIn(v.data(), l);
                g.noalias() = W.transpose() * delta;
                rg.noalias() = V.transpose() * delta;
                rg.noalias() += W.transpose() * rdelta;
                const std::size_t h = std::size_t(l) - 1;
                rnext = (rg.array() * d1[h].array() + g.array() * d2[h].array() * rz[h].array()).matrix();
                next = (g.array() * d1[h].array()).matrix();
                delta.swap(next);
                rdelta.swap(rnext);
            }
        }
    }
};

struct DifferenceProduct {
    const Network& net;
    const Eigen::Ref<const Eigen::VectorXd>& p;
    const Eigen::Ref<const Eigen::MatrixXd>& X;
    const Eigen::Ref<const Eigen::MatrixXd>& Y;
    Loss loss;
    double h;
    Workspace ws;
    Eigen::VectorXd shifted, gPlus, gMinus;

    // out ~ H v by central differences of the gradient
    void apply(const Eigen::VectorXd& v, Eigen::Ref<Eigen::VectorXd> out)
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

Eigen::MatrixXd fullHessian(HessianProduct& hv)
{
    const Eigen::Index P = hv.p.size();
    Eigen::MatrixXd H(P, P);
    Eigen::VectorXd e = Eigen::VectorXd::Zero(P);
    for (Eigen::Index j = 0; j < P; ++j) {
        e[j] = 1.0;
        hv.apply(e, H.col(j));
        e[j] = 0.0;
    }
    return 0.5 * (H + H.transpose());
}

} // namespace

void hessianVectorProduct(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                          const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                          Loss loss, const Eigen::Ref<const Eigen::VectorXd>& v, Eigen::Ref<Eigen::VectorXd> out)
{
    if (v.size() != params.size() || out.size() != params.size()) throw std::invalid_argument("vector of the wrong size");
    HessianProduct hv(net, params, X, Y, loss);
    hv.apply(v, out);
}

Eigen::MatrixXd exactHessian(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                             const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y, Loss loss)
{
    HessianProduct hv(net, params, X, Y, loss);
    return fullHessian(hv);
}

SharpnessResult sharpness(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& params,
                          const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                          Loss loss, const SharpnessOptions& options)
{
    if (options.maxIterations < 1) throw std::invalid_argument("sharpness: bad options");
    HessianProduct hv(net, params, X, Y, loss);
    if (params.size() <= kFullHessianLimit) {
        const Eigen::MatrixXd H = fullHessian(hv);
        if (!H.allFinite()) throw std::runtime_error("sharpness: the gradient is not finite at this point");
        SharpnessResult r;
        r.largestEigenvalue = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(H, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
        r.iterations = int(params.size());
        r.converged = true;
        return r;
    }
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
    DifferenceProduct hv{net, params, X, Y, loss, step * std::max(1.0, params.norm()), {}, {}, {}, {}};
    hv.gPlus.resize(P);
    hv.gMinus.resize(P);
    Eigen::MatrixXd H(P, P);
    Eigen::VectorXd e = Eigen::VectorXd::Zero(P);
    for (Eigen::Index j = 0; j < P; ++j) {
        e[j] = 1.0;
        hv.apply(e, H.col(j));
        e[j] = 0.0;
    }
    return 0.5 * (H + H.transpose());
}

} // namespace minima
