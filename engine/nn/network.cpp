#include "engine/nn/network.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/common/random.h"

namespace minima {

std::string_view lossName(Loss loss)
{
    switch (loss) {
    case Loss::MeanSquaredError: return "mse";
    case Loss::BinaryCrossEntropy: return "bce";
    case Loss::SoftmaxCrossEntropy: return "softmax-ce";
    }
    return "mse";
}

Network::Network(std::vector<int> widths, std::vector<Activation> hidden, OutputActivation output)
    : widths_(std::move(widths)), output_(output)
{
    if (widths_.size() < 2) throw std::invalid_argument("a network needs at least an input and an output width");
    for (int w : widths_)
        if (w < 1 || w > 100000) throw std::invalid_argument("layer width " + std::to_string(w) + " is out of range [1, 100000]");
    const std::size_t h = widths_.size() - 2;
    if (hidden.size() == 1 && h > 1) hidden.assign(h, hidden.front());
    if (h == 0) hidden.clear();
    if (hidden.size() != h)
        throw std::invalid_argument("expected " + std::to_string(h) + " hidden activations, got " + std::to_string(hidden.size()));
    hidden_ = std::move(hidden);
    for (std::size_t l = 0; l + 1 < widths_.size(); ++l)
        offsets_.push_back(offsets_.back() + Eigen::Index(widths_[l + 1]) * (widths_[l] + 1));
    params_ = Eigen::VectorXd::Zero(offsets_.back());
}

void Network::setParameters(const Eigen::Ref<const Eigen::VectorXd>& p)
{
    if (p.size() != parameterCount())
        throw std::invalid_argument("parameter vector has " + std::to_string(p.size()) + " entries, the network "
                                    + std::to_string(parameterCount()));
    params_ = p;
}

void Network::initialise(Initialisation scheme, std::uint64_t seed, double scale)
{
    Rng rng = makeRng(seed, 0);
    for (int l = 0; l < layerCount(); ++l) {
        auto W = weights(l);
        const double fanIn = widths_[std::size_t(l)], fanOut = widths_[std::size_t(l) + 1];
        for (Eigen::Index j = 0; j < W.cols(); ++j)
            for (Eigen::Index i = 0; i < W.rows(); ++i) {
                switch (scheme) {
                case Initialisation::NaiveUniform: W(i, j) = uniform(rng, -scale, scale); break;
                case Initialisation::NaiveNormal: W(i, j) = scale * normal01(rng); break;
                case Initialisation::Xavier: {
                    const double r = std::sqrt(6.0 / (fanIn + fanOut));
                    W(i, j) = uniform(rng, -r, r);
                    break;
                }
                case Initialisation::He: W(i, j) = std::sqrt(2.0 / fanIn) * normal01(rng); break;
                }
            }
        bias(l).setZero();
    }
}

const Eigen::MatrixXd& forward(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& p,
                               const Eigen::Ref<const Eigen::MatrixXd>& X, Workspace& ws)
{
    if (X.rows() != net.inputCount())
        throw std::invalid_argument("inputs have " + std::to_string(X.rows()) + " rows, the network expects "
                                    + std::to_string(net.inputCount()));
    if (p.size() != net.parameterCount()) throw std::invalid_argument("parameter vector of the wrong size");
    const int L = net.layerCount();
    ws.z.resize(std::size_t(L));
    ws.a.resize(std::size_t(L));
    const Eigen::Index N = X.cols();
    for (int l = 0; l < L; ++l) {
        auto& z = ws.z[std::size_t(l)];
        auto& a = ws.a[std::size_t(l)];
        const auto W = net.weightsIn(p.data(), l);    // n_{l+1} x n_l
        const auto b = net.biasIn(p.data(), l);       // n_{l+1}
        z.resize(W.rows(), N);
        // z_l = W_l a_l + b_l 1^T: (n_{l+1} x n_l)(n_l x N)
        if (l == 0) z.noalias() = W * X;
        else z.noalias() = W * ws.a[std::size_t(l) - 1];
        z.colwise() += b;
        if (l + 1 < L) {
            activate(net.hiddenActivation(l), z, a);
        } else {
            switch (net.output()) {
            case OutputActivation::Linear: a = z; break;
            case OutputActivation::Sigmoid: activate(Activation::Sigmoid, z, a); break;
            case OutputActivation::Softmax:
                // a_kn = exp(z_kn - max_k z) / sum_k exp(z_kn - max_k z)
                a = (z.rowwise() - z.colwise().maxCoeff()).array().exp().matrix();
                a.array().rowwise() /= a.colwise().sum().array();
                break;
            }
        }
    }
    return ws.a.back();
}

Eigen::MatrixXd predict(const Network& net, const Eigen::Ref<const Eigen::MatrixXd>& X)
{
    Workspace ws;
    return forward(net, net.parameters(), X, ws);
}

void checkLossFits(const Network& net, Loss loss)
{
    const bool ok = (loss == Loss::MeanSquaredError && net.output() != OutputActivation::Softmax)
        || (loss == Loss::BinaryCrossEntropy && net.output() == OutputActivation::Sigmoid)
        || (loss == Loss::SoftmaxCrossEntropy && net.output() == OutputActivation::Softmax);
    if (!ok)
        throw std::invalid_argument("loss '" + std::string(lossName(loss))
                                    + "' does not fit the output (mse: linear or sigmoid output; bce: sigmoid; "
                                      "softmax-ce: softmax)");
}

// softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|), exact for large |z|.
static double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))); }

double lossOfOutput(const Network& net, Loss loss, const Workspace& ws, const Eigen::Ref<const Eigen::MatrixXd>& Y)
{
    const Eigen::MatrixXd& A = ws.a.back();
    if (Y.rows() != A.rows() || Y.cols() != A.cols())
        throw std::invalid_argument("targets have shape " + std::to_string(Y.rows()) + "x" + std::to_string(Y.cols())
                                    + ", outputs " + std::to_string(A.rows()) + "x" + std::to_string(A.cols()));
    const double N = double(A.cols());
    const double count = double(A.size());
    switch (loss) {
    case Loss::MeanSquaredError: return (A - Y).squaredNorm() / count;
    case Loss::BinaryCrossEntropy: {
        // -[y log s(z) + (1 - y) log(1 - s(z))] = softplus(z) - y z
        const Eigen::MatrixXd& Z = ws.z.back();
        double sum = 0;
        for (Eigen::Index i = 0; i < Z.size(); ++i) sum += softplus(Z.data()[i]) - Y.data()[i] * Z.data()[i];
        return sum / count;
    }
    case Loss::SoftmaxCrossEntropy: {
        // -sum_k y_k log softmax(z)_k = sum_k y_k (logsumexp(z) - z_k)
        const Eigen::MatrixXd& Z = ws.z.back();
        double sum = 0;
        for (Eigen::Index n = 0; n < Z.cols(); ++n) {
            const double m = Z.col(n).maxCoeff();
            const double lse = m + std::log((Z.col(n).array() - m).exp().sum());
            sum += (Y.col(n).array() * (lse - Z.col(n).array())).sum();
        }
        return sum / N;
    }
    }
    (void)net;
    return 0;
}

double evaluateLoss(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& p,
                    const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                    Loss loss, Workspace& ws)
{
    checkLossFits(net, loss);
    forward(net, p, X, ws);
    return lossOfOutput(net, loss, ws, Y);
}

double lossAndGradient(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& p,
                       const Eigen::Ref<const Eigen::MatrixXd>& X, const Eigen::Ref<const Eigen::MatrixXd>& Y,
                       Loss loss, Workspace& ws, Eigen::Ref<Eigen::VectorXd> gradient)
{
    if (gradient.size() != net.parameterCount()) throw std::invalid_argument("gradient vector of the wrong size");
    const double value = evaluateLoss(net, p, X, Y, loss, ws);
    const int L = net.layerCount();
    const Eigen::MatrixXd& A = ws.a.back();
    // Output delta = dLoss/dz_{L-1}, n_L x N.
    switch (loss) {
    case Loss::MeanSquaredError:
        ws.delta = (2.0 / double(A.size())) * (A - Y);
        if (net.output() == OutputActivation::Sigmoid) ws.delta.array() *= A.array() * (1.0 - A.array());
        break;
    case Loss::BinaryCrossEntropy: ws.delta = (A - Y) / double(A.size()); break;    // sigmoid output
    case Loss::SoftmaxCrossEntropy: ws.delta = (A - Y) / double(A.cols()); break;   // softmax output
    }
    for (int l = L - 1; l >= 0; --l) {
        const auto W = net.weightsIn(p.data(), l);
        auto gW = net.weightsIn(gradient.data(), l);   // n_{l+1} x n_l
        auto gb = net.biasIn(gradient.data(), l);      // n_{l+1}
        // dL/dW_l = delta_l a_l^T: (n_{l+1} x N)(N x n_l); dL/db_l = delta_l 1
        if (l == 0) gW.noalias() = ws.delta * X.transpose();
        else gW.noalias() = ws.delta * ws.a[std::size_t(l) - 1].transpose();
        gb = ws.delta.rowwise().sum();
        if (l > 0) {
            // delta_{l-1} = (W_l^T delta_l) .* f'(z_{l-1}): (n_l x n_{l+1})(n_{l+1} x N)
            ws.deltaNext.noalias() = W.transpose() * ws.delta;
            multiplyByDerivative(net.hiddenActivation(l - 1), ws.z[std::size_t(l) - 1], ws.a[std::size_t(l) - 1],
                                 ws.deltaNext);
            ws.delta.swap(ws.deltaNext);
        }
    }
    return value;
}

std::vector<double> layerGradientNorms(const Network& net, const Eigen::Ref<const Eigen::VectorXd>& gradient)
{
    std::vector<double> norms;
    for (int l = 0; l < net.layerCount(); ++l) norms.push_back(net.weightsIn(gradient.data(), l).norm());
    return norms;
}

} // namespace minima
