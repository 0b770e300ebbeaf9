#include "engine/nn/pretraining.h"

#include "engine/nn/training.h"

namespace minima {

PretrainingRecord pretrainGreedy(Network& net, const Eigen::Ref<const Eigen::MatrixXd>& X,
                                 const PretrainingOptions& options, Progress& progress)
{
    PretrainingRecord record;
    Eigen::MatrixXd below = X;   // n_l x N: what layer l sees
    const int hidden = net.hiddenLayerCount();
    for (int l = 0; l < hidden; ++l) {
        const int nIn = net.widths()[std::size_t(l)], nHidden = net.widths()[std::size_t(l) + 1];
        // Autoencoder n_l -> n_{l+1} -> n_l; encoder starts from the network's layer l.
        Network autoencoder({nIn, nHidden, nIn}, {net.hiddenActivation(l)}, OutputActivation::Linear);
        autoencoder.initialise(Initialisation::Xavier, options.seed + std::uint64_t(l));
        autoencoder.weights(0) = net.weights(l);
        autoencoder.bias(0) = net.bias(l);

        TrainingOptions t;
        t.method = TrainingMethod::Adam;
        t.loss = Loss::MeanSquaredError;
        t.learningRate = options.learningRate;
        t.batchSize = options.batchSize;
        t.epochs = options.epochs;
        t.seed = options.seed + 100 + std::uint64_t(l);
        Progress inner;
        const auto curve = train(autoencoder, below, below, t, [&](int, double, const Eigen::VectorXd&) {
            progress.setFraction((l + double(inner.fraction())) / hidden);
            return progress.cancelled();
        }, inner);
        record.curves.push_back(curve.losses);
        record.initialReconstruction.push_back(curve.losses.empty() ? 0.0 : curve.losses.front());
        record.finalReconstruction.push_back(curve.finalLoss());
        net.weights(l) = autoencoder.weights(0);
        net.bias(l) = autoencoder.bias(0);
        if (progress.cancelled()) { record.stopped = true; break; }

        // The codes of this layer are the data of the next: a_{l+1} = f(W_l a_l + b_l).
        Eigen::MatrixXd z = (net.weights(l) * below).colwise() + net.bias(l);
        Eigen::MatrixXd a;
        activate(net.hiddenActivation(l), z, a);
        below.swap(a);
    }
    progress.setFraction(1.0);
    return record;
}

} // namespace minima
