#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

#include "engine/common/random.h"
#include "engine/nn/activation.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "engine/nn/pretraining.h"
#include "engine/nn/training.h"

using namespace minima;

Q_DECLARE_METATYPE(minima::Activation)
Q_DECLARE_METATYPE(minima::OutputActivation)
Q_DECLARE_METATYPE(minima::Loss)

namespace {
Eigen::MatrixXd randomMatrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed, double scale = 1.0)
{
    Rng rng = makeRng(seed, 99);
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = scale * normal01(rng);
    return m;
}
} // namespace

class TestNetworks : public QObject {
    Q_OBJECT
private slots:
    void gradientMatchesFiniteDifferences_data()
    {
        QTest::addColumn<Activation>("hidden");
        QTest::addColumn<OutputActivation>("output");
        QTest::addColumn<Loss>("loss");
        QTest::addColumn<int>("outputs");
        QTest::newRow("relu, mse") << Activation::ReLU << OutputActivation::Linear << Loss::MeanSquaredError << 1;
        QTest::newRow("leaky relu, mse") << Activation::LeakyReLU << OutputActivation::Linear << Loss::MeanSquaredError << 1;
        QTest::newRow("tanh, mse") << Activation::Tanh << OutputActivation::Linear << Loss::MeanSquaredError << 1;
        QTest::newRow("sigmoid, mse") << Activation::Sigmoid << OutputActivation::Linear << Loss::MeanSquaredError << 1;
        QTest::newRow("linear, mse, two outputs") << Activation::Linear << OutputActivation::Linear << Loss::MeanSquaredError << 2;
        QTest::newRow("tanh, sigmoid output, mse") << Activation::Tanh << OutputActivation::Sigmoid << Loss::MeanSquaredError << 1;
        QTest::newRow("tanh, bce") << Activation::Tanh << OutputActivation::Sigmoid << Loss::BinaryCrossEntropy << 1;
        QTest::newRow("relu, bce") << Activation::ReLU << OutputActivation::Sigmoid << Loss::BinaryCrossEntropy << 1;
        QTest::newRow("sigmoid, bce") << Activation::Sigmoid << OutputActivation::Sigmoid << Loss::BinaryCrossEntropy << 1;
        QTest::newRow("tanh, softmax ce, three classes") << Activation::Tanh << OutputActivation::Softmax << Loss::SoftmaxCrossEntropy << 3;
        QTest::newRow("leaky relu, softmax ce") << Activation::LeakyReLU << OutputActivation::Softmax << Loss::SoftmaxCrossEntropy << 3;
    }
    void gradientMatchesFiniteDifferences()
    {
        QFETCH(Activation, hidden);
        QFETCH(OutputActivation, output);
        QFETCH(Loss, loss);
        QFETCH(int, outputs);
        Network net({3, 5, 4, outputs}, {hidden}, output);
        net.initialise(Initialisation::NaiveNormal, 7, 0.8);
        net.parameters() += randomMatrix(net.parameterCount(), 1, 8, 0.1);   // nonzero biases
        const Eigen::MatrixXd X = randomMatrix(3, 9, 3);
        Eigen::MatrixXd Y(outputs, 9);
        Rng rng = makeRng(4);
        for (Eigen::Index n = 0; n < 9; ++n) {
            if (loss == Loss::SoftmaxCrossEntropy) {
                Y.col(n).setZero();
                Y(Eigen::Index(uniformIndex(rng, std::uint64_t(outputs))), n) = 1;
            } else if (loss == Loss::BinaryCrossEntropy) {
                for (int k = 0; k < outputs; ++k) Y(k, n) = uniformIndex(rng, 2) ? 1.0 : 0.0;
            } else {
                for (int k = 0; k < outputs; ++k) Y(k, n) = normal01(rng);
            }
        }
        Workspace ws;
        Eigen::VectorXd g(net.parameterCount());
        const Eigen::VectorXd p = net.parameters();
        lossAndGradient(net, p, X, Y, loss, ws, g);
        const double h = 1e-6;
        for (Eigen::Index i = 0; i < p.size(); ++i) {
            Eigen::VectorXd q = p;
            q[i] += h;
            const double up = evaluateLoss(net, q, X, Y, loss, ws);
            q[i] -= 2 * h;
            const double down = evaluateLoss(net, q, X, Y, loss, ws);
            const double numeric = (up - down) / (2 * h);
            if (std::fabs(numeric - g[i]) > 1e-7 + 1e-6 * std::fabs(numeric))
                QFAIL(qPrintable(QString("parameter %1: backprop %2, finite difference %3").arg(i).arg(g[i], 0, 'g', 12).arg(numeric, 0, 'g', 12)));
        }
    }

    // 1-2-1, tanh hidden, linear output, MSE, one sample x = 0.5, y = 1, worked out by hand:
    // z1 = (1*0.5 + 0.5, -2*0.5 + 0) = (1, -1); a1 = (t, -t), t = tanh 1;
    // z2 = 3t - t + 0.2 = 2t + 0.2; L = (z2 - 1)^2; d = dL/dz2 = 2 (z2 - 1);
    // dW2 = d (t, -t), db2 = d; delta1 = (3, 1) d (1 - t^2); dW1 = 0.5 delta1; db1 = delta1.
    void handWorkedForwardAndGradient()
    {
        Network net({1, 2, 1}, {Activation::Tanh});
        Eigen::VectorXd p(7);
        p << 1, -2, 0.5, 0, 3, 1, 0.2;   // W1 (2x1), b1, W2 (1x2), b2
        net.setParameters(p);
        Eigen::MatrixXd X(1, 1), Y(1, 1);
        X << 0.5;
        Y << 1.0;
        const double t = 0.76159415595576488812;   // tanh(1)
        const double z2 = 2 * t + 0.2;
        QVERIFY(std::fabs(predict(net, X)(0, 0) - z2) < 1e-15);
        Workspace ws;
        Eigen::VectorXd g(7);
        const double L = lossAndGradient(net, p, X, Y, Loss::MeanSquaredError, ws, g);
        QVERIFY(std::fabs(L - (z2 - 1) * (z2 - 1)) < 1e-15);
        const double d = 2 * (z2 - 1), s = 1 - t * t;
        const double expected[7] = {0.5 * 3 * d * s, 0.5 * 1 * d * s, 3 * d * s, 1 * d * s, d * t, -d * t, d};
        for (int i = 0; i < 7; ++i) QVERIFY2(std::fabs(g[i] - expected[i]) < 1e-14, qPrintable(QString::number(i)));
    }

    void vectorTanhMatchesStd_data()
    {
        QTest::addColumn<double>("from");
        QTest::addColumn<double>("to");
        QTest::newRow("subnormal and tiny") << 1e-320 << 1e-10;
        QTest::newRow("small, around the series limit") << 1e-10 << 0.6;
        QTest::newRow("moderate") << 0.6 << 8.0;
        QTest::newRow("saturating") << 8.0 << 40.0;
        QTest::newRow("huge") << 40.0 << 1e300;
    }
    void vectorTanhMatchesStd()
    {
        QFETCH(double, from);
        QFETCH(double, to);
        // Log-spaced points, both signs, plus 0 and an odd count to exercise the tail block.
        const int n = 2001;
        std::vector<double> x, y(2 * n + 1);
        for (int i = 0; i < n; ++i) {
            const double v = from * std::pow(to / from, double(i) / (n - 1));
            x.push_back(v);
            x.push_back(-v);
        }
        x.push_back(0.0);
        vectorTanh(x.data(), y.data(), Eigen::Index(x.size()));
        double worst = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double ref = std::tanh(x[i]);
            const double rel = ref == 0 ? std::fabs(y[i]) : std::fabs(y[i] - ref) / std::fabs(ref);
            worst = std::max(worst, rel);
        }
        QVERIFY2(worst < 1e-15, qPrintable(QString("worst relative error %1").arg(worst)));
    }

    void vectorTanhAtInfinity()
    {
        const double inf = std::numeric_limits<double>::infinity();
        double x[3] = {inf, -inf, 0.0}, y[3];
        vectorTanh(x, y, 3);
        QCOMPARE(y[0], 1.0);
        QCOMPARE(y[1], -1.0);
        QCOMPARE(y[2], 0.0);
    }

    void vectorSigmoidMatchesStd_data()
    {
        QTest::addColumn<double>("from");
        QTest::addColumn<double>("to");
        QTest::newRow("tiny") << 1e-320 << 1e-8;
        QTest::newRow("moderate") << 1e-8 << 30.0;
        QTest::newRow("far tails") << 30.0 << 700.0;
    }
    void vectorSigmoidMatchesStd()
    {
        QFETCH(double, from);
        QFETCH(double, to);
        const int n = 2001;
        std::vector<double> x, y(2 * n);
        for (int i = 0; i < n; ++i) {
            const double v = from * std::pow(to / from, double(i) / (n - 1));
            x.push_back(v);
            x.push_back(-v);
        }
        vectorSigmoid(x.data(), y.data(), Eigen::Index(x.size()));
        double worst = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            // Independent reference: e^x / (1 + e^x) below 0, 1 / (1 + e^-x) above.
            const double ref = x[i] < 0 ? std::exp(x[i]) / (1 + std::exp(x[i])) : 1 / (1 + std::exp(-x[i]));
            worst = std::max(worst, std::fabs(y[i] - ref) / ref);
        }
        QVERIFY2(worst < 1e-15, qPrintable(QString("worst relative error %1").arg(worst)));
        const double inf = std::numeric_limits<double>::infinity();
        double e[2] = {inf, -inf}, s[2];
        vectorSigmoid(e, s, 2);
        QCOMPARE(s[0], 1.0);
        QCOMPARE(s[1], 0.0);
    }

    void initialisationScales()
    {
        Network net({400, 300, 1}, {Activation::ReLU});
        net.initialise(Initialisation::Xavier, 5);
        const double r = std::sqrt(6.0 / 700.0);
        QVERIFY(net.weights(0).cwiseAbs().maxCoeff() <= r);
        QVERIFY(net.weights(0).cwiseAbs().maxCoeff() > 0.99 * r);
        // Uniform on (-r, r) has variance r^2 / 3 = 2 / (fan_in + fan_out).
        const double var = net.weights(0).squaredNorm() / double(net.weights(0).size());
        QVERIFY(std::fabs(var - 2.0 / 700.0) < 0.03 * 2.0 / 700.0);
        net.initialise(Initialisation::He, 5);
        const double heVar = net.weights(0).squaredNorm() / double(net.weights(0).size());
        QVERIFY(std::fabs(heVar - 2.0 / 400.0) < 0.03 * 2.0 / 400.0);
        QCOMPARE(net.bias(0).norm(), 0.0);
        Network again({400, 300, 1}, {Activation::ReLU});
        again.initialise(Initialisation::He, 5);
        QVERIFY(again.parameters() == net.parameters());
    }

    void gradientNormsShrinkWithDepthForSigmoid()
    {
        std::vector<int> widths{2};
        for (int i = 0; i < 6; ++i) widths.push_back(10);
        widths.push_back(1);
        Network net(widths, {Activation::Sigmoid});
        net.initialise(Initialisation::NaiveNormal, 3, 0.1);
        const Dataset data = twoMoons(200, 0.1, 1);
        Workspace ws;
        Eigen::VectorXd g(net.parameterCount());
        lossAndGradient(net, net.parameters(), data.inputs, data.targets, Loss::MeanSquaredError, ws, g);
        const auto norms = layerGradientNorms(net, g);
        QCOMPARE(int(norms.size()), 7);
        for (std::size_t l = 0; l + 1 < norms.size(); ++l)
            QVERIFY2(norms[l] < norms[l + 1], qPrintable(QString("layer %1: %2 vs %3").arg(l).arg(norms[l]).arg(norms[l + 1])));
    }

    void xorIsLearned()
    {
        Network net({2, 8, 1}, {Activation::Tanh});
        net.initialise(Initialisation::Xavier, 2);
        const Dataset data = xorDataset(4, 0.0, 1);
        TrainingOptions options;
        options.method = TrainingMethod::Adam;
        options.learningRate = 0.05;
        options.epochs = 500;
        const TrainingRecord record = train(net, data, options);
        QVERIFY(!record.diverged);
        QCOMPARE(int(record.losses.size()), 501);
        QVERIFY2(record.finalLoss() < 1e-3, qPrintable(QString::number(record.finalLoss())));
        const Eigen::MatrixXd out = predict(net, data.inputs);
        for (int n = 0; n < 4; ++n) QVERIFY(std::fabs(out(0, n) - data.targets(0, n)) < 0.1);
    }

    void everyMethodLowersTheLoss_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<double>("lr");
        QTest::newRow("gd") << int(TrainingMethod::GradientDescent) << 0.1;
        QTest::newRow("sgd") << int(TrainingMethod::StochasticGradientDescent) << 0.05;
        QTest::newRow("momentum") << int(TrainingMethod::Momentum) << 0.02;
        QTest::newRow("adam") << int(TrainingMethod::Adam) << 0.01;
    }
    void everyMethodLowersTheLoss()
    {
        QFETCH(int, method);
        QFETCH(double, lr);
        Network net({1, 16, 1}, {Activation::Tanh});
        net.initialise(Initialisation::Xavier, 4);
        const Dataset data = sineRegression(128, 0.05, 2);
        TrainingOptions options;
        options.method = TrainingMethod(method);
        options.learningRate = lr;
        options.epochs = 200;
        const TrainingRecord record = train(net, data, options);
        QVERIFY(!record.diverged);
        QVERIFY(record.finalLoss() < 0.5 * record.losses.front());
    }

    void divergenceIsReported()
    {
        Network net({1, 16, 1}, {Activation::ReLU});
        net.initialise(Initialisation::He, 4);
        const Dataset data = sineRegression(64, 0.0, 2);
        TrainingOptions options;
        options.method = TrainingMethod::GradientDescent;
        options.learningRate = 50.0;
        options.epochs = 200;
        const TrainingRecord record = train(net, data, options);
        QVERIFY(record.diverged);
        QVERIFY(record.divergedAtEpoch >= 1);
        for (double l : record.losses) QVERIFY(std::isfinite(l));
        QVERIFY(net.parameters().allFinite());
    }

    void observerStopsTraining()
    {
        Network net({2, 4, 1}, {Activation::Tanh});
        net.initialise(Initialisation::Xavier, 1);
        TrainingOptions options;
        options.epochs = 100;
        const auto record = train(net, xorDataset(8, 0.1, 1), options,
                                  [](int epoch, double, const Eigen::VectorXd&) { return epoch == 5; });
        QVERIFY(record.stopped);
        QCOMPARE(int(record.losses.size()), 6);
    }

    void pretrainingLowersReconstruction()
    {
        Network net({2, 8, 4, 1}, {Activation::Tanh});
        net.initialise(Initialisation::NaiveNormal, 6, 0.1);
        const Dataset data = twoMoons(200, 0.1, 3);
        PretrainingOptions options;
        options.epochs = 300;
        options.learningRate = 0.02;
        const PretrainingRecord record = pretrainGreedy(net, data.inputs, options);
        QCOMPARE(int(record.finalReconstruction.size()), 2);
        for (std::size_t l = 0; l < 2; ++l)
            QVERIFY2(record.finalReconstruction[l] < 0.5 * record.initialReconstruction[l],
                     qPrintable(QString("layer %1: %2 -> %3").arg(l).arg(record.initialReconstruction[l]).arg(record.finalReconstruction[l])));
        // The first layer's reconstruction, recomputed independently from the returned weights
        // is not possible (the decoder is private), but the encoder must have moved.
        Network fresh({2, 8, 4, 1}, {Activation::Tanh});
        fresh.initialise(Initialisation::NaiveNormal, 6, 0.1);
        QVERIFY((fresh.weights(0) - net.weights(0)).norm() > 1e-3);
        QVERIFY(fresh.weights(2) == net.weights(2));   // output layer untouched
    }

    void datasetsAreSeededAndShaped_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("dimension");
        QTest::newRow("xor") << "xor" << 2;
        QTest::newRow("moons") << "moons" << 2;
        QTest::newRow("circles") << "circles" << 2;
        QTest::newRow("spirals") << "spirals" << 2;
        QTest::newRow("sine") << "sine" << 1;
    }
    void datasetsAreSeededAndShaped()
    {
        QFETCH(QString, name);
        QFETCH(int, dimension);
        const Dataset a = makeDataset(name.toStdString(), 101, 0.1, 5);
        const Dataset b = makeDataset(name.toStdString(), 101, 0.1, 5);
        const Dataset c = makeDataset(name.toStdString(), 101, 0.1, 6);
        QCOMPARE(int(a.inputs.rows()), dimension);
        QCOMPARE(int(a.inputs.cols()), 101);
        QCOMPARE(int(a.targets.cols()), 101);
        QVERIFY(a.inputs == b.inputs && a.targets == b.targets);
        QVERIFY(a.inputs != c.inputs);
        QVERIFY(a.inputs.allFinite());
        if (a.classification) {
            const double ones = a.targets.sum();
            QVERIFY(ones >= 45 && ones <= 55);
            QVERIFY((a.targets.array() * (1 - a.targets.array())).abs().maxCoeff() == 0);
        }
    }

    void badArgumentsAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeDataset("swiss roll", 10, 0, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeDataset("xor", 0, 0, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeDataset("xor", 10, -1, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Network({3}, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Network({3, 0, 1}, {Activation::ReLU}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Network({3, 2, 2, 1}, {Activation::ReLU, Activation::Tanh, Activation::Tanh}));
        Network linearOut({2, 3, 1}, {Activation::Tanh});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, checkLossFits(linearOut, Loss::BinaryCrossEntropy));
        TrainingOptions options;
        options.learningRate = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, train(linearOut, xorDataset(4, 0, 1), options));
        Workspace ws;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, forward(linearOut, linearOut.parameters(), Eigen::MatrixXd(3, 4), ws));
    }
};

QTEST_GUILESS_MAIN(TestNetworks)
#include "tst_nn.moc"
