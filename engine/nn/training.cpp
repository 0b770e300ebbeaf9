#include "engine/nn/training.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "engine/common/random.h"

namespace minima {

std::string_view trainingMethodName(TrainingMethod m)
{
    switch (m) {
    case TrainingMethod::GradientDescent: return "gd";
    case TrainingMethod::StochasticGradientDescent: return "sgd";
    case TrainingMethod::Momentum: return "momentum";
    case TrainingMethod::Adam: return "adam";
    }
    return "gd";
}

TrainingRecord train(Network& net, const Dataset& data, const TrainingOptions& options,
                     const TrainingObserver& observer, Progress& progress)
{
    return train(net, data.inputs, data.targets, options, observer, progress);
}

TrainingRecord train(Network& net, const Eigen::Ref<const Eigen::MatrixXd>& X,
                     const Eigen::Ref<const Eigen::MatrixXd>& Y, const TrainingOptions& options,
                     const TrainingObserver& observer, Progress& progress)
{
    if (!(options.learningRate > 0) || !std::isfinite(options.learningRate))
        throw std::invalid_argument("learning rate must be a finite number > 0");
    if (options.epochs < 0 || options.epochs > 10000000) throw std::invalid_argument("epochs out of range [0, 10^7]");
    if (options.batchSize < 0) throw std::invalid_argument("batch size must be >= 0");
    if (X.cols() != Y.cols() || X.cols() == 0) throw std::invalid_argument("inputs and targets must have the same, nonzero, sample count");
    if (Y.rows() != net.outputCount()) throw std::invalid_argument("targets rows differ from the network's outputs");
    checkLossFits(net, options.loss);

    const Eigen::Index N = X.cols();
    Eigen::Index batch = options.batchSize;
    if (batch == 0) batch = options.method == TrainingMethod::StochasticGradientDescent ? 32 : N;
    batch = std::min(batch, N);
    const bool fullBatch = batch == N;

    Workspace ws, wsEval;
    Eigen::VectorXd& p = net.parameters();
    const Eigen::Index P = p.size();
    Eigen::VectorXd grad(P), velocity = Eigen::VectorXd::Zero(P), m = Eigen::VectorXd::Zero(P),
                    v = Eigen::VectorXd::Zero(P), lastGood = p;
    Eigen::MatrixXd xb(X.rows(), batch), yb(Y.rows(), batch);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(N));
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    Rng rng = makeRng(options.seed, 11);

    TrainingRecord record;
    const double initial = evaluateLoss(net, p, X, Y, options.loss, wsEval);
    if (!std::isfinite(initial)) {
        record.diverged = true;
        record.divergedAtEpoch = 0;
        return record;
    }
    record.losses.push_back(initial);
    // Exploding: the loss grew a million-fold over its start (plus one, for losses near 0).
    const double explode = 1e6 * (initial + 1.0);
    long long step = 0;

    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        if (progress.cancelled()) { record.stopped = true; break; }
        if (!fullBatch)   // Fisher-Yates shuffle with the seeded stream
            for (Eigen::Index i = N - 1; i > 0; --i)
                std::swap(order[std::size_t(i)], order[uniformIndex(rng, std::uint64_t(i) + 1)]);
        for (Eigen::Index start = 0; start < N; start += batch) {
            const Eigen::Index count = std::min(batch, N - start);
            if (fullBatch) {
                lossAndGradient(net, p, X, Y, options.loss, ws, grad);
            } else {
                xb.resize(X.rows(), count);   // no reallocation except for a short last batch
                yb.resize(Y.rows(), count);
                for (Eigen::Index j = 0; j < count; ++j) {
                    xb.col(j) = X.col(order[std::size_t(start + j)]);
                    yb.col(j) = Y.col(order[std::size_t(start + j)]);
                }
                lossAndGradient(net, p, xb, yb, options.loss, ws, grad);
            }
            ++step;
            const double lr = options.learningRate;
            switch (options.method) {
            case TrainingMethod::GradientDescent:
            case TrainingMethod::StochasticGradientDescent: p -= lr * grad; break;
            case TrainingMethod::Momentum:
                velocity = options.momentum * velocity - lr * grad;
                p += velocity;
                break;
            case TrainingMethod::Adam: {
                // m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr mhat / (sqrt(vhat) + eps)
                m = options.beta1 * m + (1 - options.beta1) * grad;
                v = options.beta2 * v + (1 - options.beta2) * grad.cwiseAbs2();
                const double c1 = 1 - std::pow(options.beta1, double(step));
                const double c2 = 1 - std::pow(options.beta2, double(step));
                p.array() -= lr * (m.array() / c1) / ((v.array() / c2).sqrt() + options.epsilon);
                break;
            }
            }
        }
        const double loss = p.allFinite() ? evaluateLoss(net, p, X, Y, options.loss, wsEval) : INFINITY;
        if (!std::isfinite(loss) || loss > explode) {
            record.diverged = true;
            record.divergedAtEpoch = epoch;
            p = lastGood;
            break;
        }
        lastGood = p;
        record.losses.push_back(loss);
        progress.setFraction(double(epoch) / double(std::max(1, options.epochs)));
        if (observer && observer(epoch, loss, p)) { record.stopped = true; break; }
    }
    return record;
}

Network trainedNetwork(const std::vector<int>& widths, Activation hidden, const Dataset& data, int epochs,
                       double learningRate, std::uint64_t seed, TrainingRecord* record, Progress& progress,
                       const TrainingObserver& observer)
{
    Network net(widths, {hidden}, OutputActivation::Linear);
    const bool reluLike = hidden == Activation::ReLU || hidden == Activation::LeakyReLU;
    net.initialise(reluLike ? Initialisation::He : Initialisation::Xavier, seed);
    TrainingOptions options;
    options.method = TrainingMethod::Adam;
    options.loss = Loss::MeanSquaredError;
    options.learningRate = learningRate;
    options.epochs = epochs;
    options.seed = seed;
    TrainingRecord r = train(net, data, options, observer, progress);
    if (record) *record = std::move(r);
    return net;
}

} // namespace minima
