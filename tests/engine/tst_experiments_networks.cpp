#include <QtTest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <map>
#include <string>

#include "engine/common/random.h"
#include "engine/experiments/catalog.h"
#include "engine/experiments/interpolate.h"
#include "engine/experiments/landscape.h"
#include "engine/experiments/permutations.h"
#include "engine/experiments/rescale.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "engine/nn/training.h"

using namespace minima;

using Settings = std::map<std::string, std::string>;
Q_DECLARE_METATYPE(Settings)

namespace {
std::string runNamed(const std::string& name, const Settings& settings, std::uint64_t seed = 1)
{
    const ExperimentInfo* info = findExperiment(name);
    if (!info) throw std::runtime_error("no experiment " + name);
    Progress progress;
    return runExperiment(*info, settings, seed, progress);
}
} // namespace

class TestNetworkExperiments : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { qunsetenv("MINIMA_THREADS"); }

    void twinHasTheSameLossAndABarrier()
    {
        InterpolationParams p;   // 2-8-1 tanh on moons, neurons 0 and 1 swapped
        const InterpolationResult r = runInterpolation(p, Progress::none());
        QVERIFY(!r.trainingDiverged);
        QCOMPARE(int(r.alphas.size()), 61);
        QCOMPARE(r.alphas.front(), -0.25);
        QCOMPARE(r.alphas.back(), 1.25);
        QVERIFY(r.endpointOutputDeviation < 1e-12);
        QVERIFY(std::fabs(r.lossA - r.lossB) < 1e-12);
        QVERIFY(r.parameterDistance > 0.1);
        QVERIFY2(r.midpointLoss > r.lossA + 1e-3, qPrintable(QString("%1 vs %2").arg(r.midpointLoss).arg(r.lossA)));
        QVERIFY(r.barrier > 1e-3);
        for (double l : r.losses) QVERIFY(std::isfinite(l));
    }

    void lineThroughTwoRunsHasTheRightEnds()
    {
        InterpolationParams p;
        p.ends = InterpolationEnds::IndependentRuns;
        p.epochs = 100;
        p.from = 0;
        p.to = 1;
        p.points = 11;
        const InterpolationResult r = runInterpolation(p, Progress::none());
        QCOMPARE(r.losses.front(), r.lossA);
        QCOMPARE(r.losses.back(), r.lossB);
        QVERIFY(r.endpointOutputDeviation > 1e-6);   // different networks
    }

    void landscapeCentreAndChosenAxes()
    {
        NetworkLandscapeParams p;
        p.widths = {2, 4, 1};
        p.samples = 64;
        p.epochs = 50;
        p.grid = 21;
        p.span = 0.5;
        p.directions = LandscapeDirections::Chosen;
        p.parameter1 = 3;
        p.parameter2 = 10;
        const NetworkLandscapeResult r = runNetworkLandscape(p, Progress::none());
        QCOMPARE(int(r.losses.rows()), 21);
        QCOMPARE(int(r.losses.cols()), 21);
        QVERIFY(std::fabs(r.losses(10, 10) - r.centreLoss) < 1e-12);
        QVERIFY(r.minLoss <= r.centreLoss && r.centreLoss <= r.maxLoss);
        QCOMPARE(r.nonFinite, 0);
        // Independent: rebuild the same trained net and move parameter 3 by hand.
        const Dataset data = makeDataset("moons", 64, 0.1, 1);
        Network net = trainedNetwork({2, 4, 1}, Activation::Tanh, data, 50, 0.01, 1);
        Eigen::VectorXd q = net.parameters();
        q[3] += r.coordinates[20];   // a = +0.5 along parameter 3
        q[10] += r.coordinates[0];   // b = -0.5 along parameter 10
        Workspace ws;
        const double expected = evaluateLoss(net, q, data.inputs, data.targets, Loss::MeanSquaredError, ws);
        QVERIFY(std::fabs(r.losses(0, 20) - expected) < 1e-12);
    }

    void filterNormalisedDirectionsMatchEachNeuron()
    {
        Network net({2, 5, 3, 1}, {Activation::ReLU});
        net.initialise(Initialisation::He, 3);
        Eigen::VectorXd random(net.parameterCount());
        Rng rng = makeRng(1);
        for (Eigen::Index i = 0; i < random.size(); ++i) random[i] = normal01(rng);
        const Eigen::VectorXd d = filterNormalised(net, net.parameters(), random);
        for (int l = 0; l < net.layerCount(); ++l) {
            QCOMPARE(net.biasIn(d.data(), l).norm(), 0.0);
            for (Eigen::Index i = 0; i < net.weights(l).rows(); ++i) {
                const auto row = net.weightsIn(d.data(), l).row(i);
                QVERIFY(std::fabs(row.norm() - net.weights(l).row(i).norm()) < 1e-12);
                // Same direction as the random row.
                const auto rrow = net.weightsIn(random.data(), l).row(i);
                QVERIFY(std::fabs(row.dot(rrow) - row.norm() * rrow.norm()) < 1e-9);
            }
        }
    }

    void permutationsMatchTheFormula_data()
    {
        QTest::addColumn<bool>("flips");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("formula");
        QTest::newRow("permutations only") << false << 36 << "3! * 3!";
        QTest::newRow("with sign flips") << true << 2304 << "2^3 3! * 2^3 3!";
    }
    void permutationsMatchTheFormula()
    {
        QFETCH(bool, flips);
        QFETCH(int, count);
        QFETCH(QString, formula);
        PermutationParams p;
        p.signFlips = flips;
        const PermutationResult r = runPermutations(p, Progress::none());
        QCOMPARE(int(r.enumerated), count);
        QCOMPARE(int(r.distinct), count);
        QVERIFY(r.maxOutputDeviation < 1e-12);
        QCOMPARE(QString::fromStdString(r.formulaCount), QString::number(count));
        QCOMPARE(QString::fromStdString(r.formula), formula);
    }

    // The enumeration offers five activations: with and without flips, its arrangements are
    // the same function (deviation at rounding level) and as many as the count, or, for an
    // activation without flips, asking for flips is refused (a relu "flip" would change the
    // function by about 15 while printing 2304).
    void permutationsAreEquivalentForEveryActivation_data()
    {
        QTest::addColumn<Activation>("f");
        QTest::addColumn<bool>("flips");
        QTest::addColumn<int>("count");
        for (Activation f : {Activation::ReLU, Activation::LeakyReLU, Activation::Tanh, Activation::Sigmoid, Activation::Linear}) {
            const bool has = f == Activation::Tanh || f == Activation::Sigmoid;
            QTest::addRow("%s", std::string(activationName(f)).c_str()) << f << false << 36;
            QTest::addRow("%s with flips", std::string(activationName(f)).c_str()) << f << true << (has ? 2304 : 0);
        }
    }
    void permutationsAreEquivalentForEveryActivation()
    {
        QFETCH(Activation, f);
        QFETCH(bool, flips);
        QFETCH(int, count);
        PermutationParams p;
        p.activation = f;
        p.signFlips = flips;
        if (count == 0) {
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runPermutations(p, Progress::none()));
            return;
        }
        for (std::uint64_t seed : {1u, 2u, 3u}) {
            p.seed = seed;
            const PermutationResult r = runPermutations(p, Progress::none());
            QCOMPARE(int(r.enumerated), count);
            QCOMPARE(int(r.distinct), count);
            QCOMPARE(QString::fromStdString(r.formulaCount), QString::number(count));
            QVERIFY2(r.maxOutputDeviation < 1e-12, qPrintable(QString::number(r.maxOutputDeviation)));
        }
    }

    void rescaling_data()
    {
        QTest::addColumn<double>("k");
        QTest::addColumn<bool>("scaleBias");
        QTest::addColumn<bool>("preserved");
        QTest::newRow("k = 4") << 4.0 << true << true;
        QTest::newRow("k = 1 (nothing happens)") << 1.0 << true << true;
        QTest::newRow("k = -1") << -1.0 << true << false;
        QTest::newRow("bias forgotten") << 4.0 << false << false;
    }
    void rescaling()
    {
        QFETCH(double, k);
        QFETCH(bool, scaleBias);
        QFETCH(bool, preserved);
        RescaleParams p;
        p.k = k;
        p.scaleBias = scaleBias;
        p.neuron = 2;
        const RescaleResult r = runRescale(p, Progress::none());
        QCOMPARE(r.functionPreserved, preserved);
        QVERIFY(std::fabs(r.outgoingNormAfter - r.outgoingNormBefore / std::fabs(k)) < 1e-12);
        if (scaleBias) QVERIFY(std::fabs(r.incomingNormAfter - std::fabs(k) * r.incomingNormBefore) < 1e-12);
        if (preserved) {
            QVERIFY(std::fabs(r.lossAfter - r.lossBefore) < 1e-12);
        } else {
            QVERIFY(r.maxOutputDeviation > 1e-6);
        }
        if (k == 1.0) QVERIFY(std::fabs(r.sharpnessAfter - r.sharpnessBefore) < 1e-6 * r.sharpnessBefore);
    }

    void sharpnessDiffersBetweenKOneAndFour()
    {
        RescaleParams p;
        p.widths = {2, 8, 1};
        p.k = 1;
        const RescaleResult one = runRescale(p, Progress::none());
        p.k = 4;
        const RescaleResult four = runRescale(p, Progress::none());
        QVERIFY(std::fabs(four.lossAfter - one.lossAfter) < 1e-12);
        QVERIFY2(std::fabs(four.sharpnessAfter - one.sharpnessAfter) > 0.05 * one.sharpnessAfter,
                 qPrintable(QString("%1 vs %2").arg(one.sharpnessAfter).arg(four.sharpnessAfter)));
    }

    // The rescale experiment at its defaults (2-8-8-1, seed 1): lambda_max of the exact
    // Hessian, as computed independently in float64 with PyTorch autograd
    // (torch.autograd.functional.hessian, eigvalsh): 54.20 at k = 0.1 and 182.71 at k = 0.05.
    // The former finite-difference products reported 68.50 and 212.6 (steps across kinks).
    void rescaleSharpnessIsExactAtSmallK_data()
    {
        QTest::addColumn<double>("k");
        QTest::addColumn<double>("expected");
        QTest::newRow("k = 0.05") << 0.05 << 182.711;
        QTest::newRow("k = 0.1") << 0.1 << 54.204;
        QTest::newRow("k = 1") << 1.0 << 23.936;
    }
    void rescaleSharpnessIsExactAtSmallK()
    {
        QFETCH(double, k);
        QFETCH(double, expected);
        RescaleParams p;
        p.k = k;
        const RescaleResult r = runRescale(p, Progress::none());
        QVERIFY2(std::fabs(r.sharpnessAfter - expected) < 0.002 * expected,
                 qPrintable(QString("%1 vs %2").arg(r.sharpnessAfter).arg(expected)));
        QVERIFY(std::fabs(r.sharpnessBefore - 23.936) < 0.002 * 23.936);
    }

    void sameResultOnOneAndTwoThreads_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Settings>("settings");
        QTest::newRow("landscape") << "landscape" << Settings{{"grid", "15"}, {"epochs", "20"}, {"samples", "100"}};
        QTest::newRow("permutations with flips") << "permutations" << Settings{{"flips", "true"}};
        QTest::newRow("permutations 2-4-4-4-1") << "permutations" << Settings{{"widths", "2,4,4,4,1"}, {"inputs", "32"}};
    }
    void sameResultOnOneAndTwoThreads()
    {
        QFETCH(QString, name);
        QFETCH(Settings, settings);
        qputenv("MINIMA_THREADS", "1");
        const std::string one = runNamed(name.toStdString(), settings, 5);
        qputenv("MINIMA_THREADS", "2");
        const std::string two = runNamed(name.toStdString(), settings, 5);
        QCOMPARE(QString::fromStdString(one), QString::fromStdString(two));
        QVERIFY(runNamed(name.toStdString(), settings, 6) != one || name == "permutations");
    }

    void catalogRejectsBadSettings_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Settings>("settings");
        QTest::newRow("landscape: unknown key") << "landscape" << Settings{{"gird", "10"}};
        QTest::newRow("landscape: grid of 1") << "landscape" << Settings{{"grid", "1"}};
        QTest::newRow("landscape: grid not a number") << "landscape" << Settings{{"grid", "ten"}};
        QTest::newRow("landscape: negative span") << "landscape" << Settings{{"span", "-1"}};
        QTest::newRow("landscape: unknown directions") << "landscape" << Settings{{"directions", "eigen"}};
        QTest::newRow("landscape: chosen parameter past the end") << "landscape"
            << Settings{{"directions", "chosen"}, {"param1", "5000"}, {"epochs", "0"}};
        QTest::newRow("landscape: widths do not fit the dataset") << "landscape" << Settings{{"widths", "3,4,1"}};
        QTest::newRow("landscape: empty widths") << "landscape" << Settings{{"widths", ""}};
        QTest::newRow("interpolate: unknown dataset") << "interpolate" << Settings{{"dataset", "mnist"}};
        QTest::newRow("interpolate: same neuron twice") << "interpolate" << Settings{{"neuronB", "0"}};
        QTest::newRow("interpolate: neuron past the layer") << "interpolate" << Settings{{"neuronB", "8"}};
        QTest::newRow("interpolate: no hidden layer") << "interpolate" << Settings{{"widths", "2,1"}};
        QTest::newRow("interpolate: from after to") << "interpolate" << Settings{{"from", "1"}, {"to", "0"}};
        QTest::newRow("permutations: too many arrangements") << "permutations" << Settings{{"widths", "2,12,1"}};
        QTest::newRow("permutations: width 0") << "permutations" << Settings{{"widths", "2,0,1"}};
        QTest::newRow("permutations: flips not a boolean") << "permutations" << Settings{{"flips", "maybe"}};
        QTest::newRow("rescale: k = 0") << "rescale" << Settings{{"k", "0"}};
        QTest::newRow("rescale: k = nan") << "rescale" << Settings{{"k", "nan"}};
        QTest::newRow("rescale: layer past the hidden layers") << "rescale" << Settings{{"layer", "2"}, {"epochs", "0"}};
        QTest::newRow("rescale: bias yes") << "rescale" << Settings{{"bias", "yes"}};
        QTest::newRow("rescale: zero learning rate") << "rescale" << Settings{{"lr", "0"}};
    }
    void catalogRejectsBadSettings()
    {
        QFETCH(QString, name);
        QFETCH(Settings, settings);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runNamed(name.toStdString(), settings));
    }

    void catalogPrintsValidJson_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Settings>("settings");
        QTest::addColumn<QString>("field");
        QTest::newRow("landscape") << "landscape" << Settings{{"grid", "7"}, {"epochs", "10"}} << "losses";
        QTest::newRow("landscape, random directions, huge span") << "landscape"
            << Settings{{"grid", "5"}, {"epochs", "0"}, {"directions", "random"}, {"span", "1e6"}} << "maxLoss";
        QTest::newRow("interpolate") << "interpolate" << Settings{{"epochs", "20"}, {"points", "5"}} << "midpointLoss";
        QTest::newRow("permutations") << "permutations" << Settings{} << "formulaCount";
        QTest::newRow("rescale") << "rescale" << Settings{{"epochs", "20"}} << "sharpnessAfter";
    }
    void catalogPrintsValidJson()
    {
        QFETCH(QString, name);
        QFETCH(Settings, settings);
        QFETCH(QString, field);
        const std::string text = runNamed(name.toStdString(), settings);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.isObject());
        QCOMPARE(doc.object().value("experiment").toString(), name);
        QVERIFY(doc.object().contains(field));
        QVERIFY(!doc.object().value(field).isUndefined());
    }

    void everyExperimentIsListed()
    {
        for (const char* name : {"landscape", "interpolate", "permutations", "rescale", "align"}) {
            const ExperimentInfo* info = findExperiment(name);
            QVERIFY2(info, name);
            QVERIFY(!info->summary.empty());
            QVERIFY(experimentHelp(*info).find("widths") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestNetworkExperiments)
#include "tst_experiments_networks.moc"
