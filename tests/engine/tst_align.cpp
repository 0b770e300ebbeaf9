// Weight matching (engine/symmetry/assignment.h, matching.h): the assignment solver against
// brute force, the matching of a network to a known rearrangement of itself, and the
// function of B kept while its neurons are rearranged. The align experiment
// (engine/experiments/align.h): two trainings from two seeds cross a loss barrier that
// matching mostly removes, on every seed pair tried, and less of it remains when wider.
#include <QtTest>

#include <string>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "engine/common/random.h"
#include "engine/experiments/align.h"
#include "engine/experiments/catalog.h"
#include "engine/experiments/interpolate.h"
#include "engine/nn/datasets.h"
#include "engine/nn/network.h"
#include "engine/symmetry/assignment.h"
#include "engine/symmetry/matching.h"
#include "engine/symmetry/symmetry.h"
#include "common/randomnetwork.h"

using namespace minima;

Q_DECLARE_METATYPE(minima::Activation)
Q_DECLARE_METATYPE(std::vector<int>)

namespace {

double assignmentScore(const Eigen::MatrixXd& score, const std::vector<int>& p)
{
    double sum = 0;
    for (std::size_t i = 0; i < p.size(); ++i) sum += score(Eigen::Index(i), p[i]);
    return sum;
}

double bruteForceBest(const Eigen::MatrixXd& score)
{
    std::vector<int> p(static_cast<std::size_t>(score.rows()));
    std::iota(p.begin(), p.end(), 0);
    double best = -std::numeric_limits<double>::infinity();
    do {
        best = std::max(best, assignmentScore(score, p));
    } while (std::next_permutation(p.begin(), p.end()));
    return best;
}

bool isPermutation(std::vector<int> p)
{
    std::sort(p.begin(), p.end());
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p[i] != int(i)) return false;
    return true;
}

// A random arrangement of every hidden layer: a permutation and, with flips, random signs.
NeuronMatching randomArrangement(const Network& net, bool flips, std::uint64_t seed)
{
    Rng rng = makeRng(seed, 11);
    NeuronMatching m;
    for (int h = 0; h < net.hiddenLayerCount(); ++h) {
        const int n = net.widths()[std::size_t(h) + 1];
        std::vector<int> p(static_cast<std::size_t>(n));
        std::iota(p.begin(), p.end(), 0);
        for (int i = n - 1; i > 0; --i) std::swap(p[std::size_t(i)], p[uniformIndex(rng, std::uint64_t(i) + 1)]);
        std::vector<double> s(std::size_t(n), 1.0);
        if (flips)
            for (double& v : s) v = uniform01(rng) < 0.5 ? -1.0 : 1.0;
        m.perms.push_back(p);
        m.signs.push_back(s);
    }
    return m;
}

double outputDifference(const Network& net, const Eigen::VectorXd& p, const Eigen::VectorXd& q, const Eigen::MatrixXd& X)
{
    Workspace wp, wq;
    return (forward(net, p, X, wp) - forward(net, q, X, wq)).cwiseAbs().maxCoeff();
}

} // namespace

class TestAlign : public QObject {
    Q_OBJECT
private slots:
    void assignmentMatchesBruteForce_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("ties");
        for (int n = 1; n <= 8; ++n) {
            QTest::addRow("n=%d continuous", n) << n << false;
            QTest::addRow("n=%d ties", n) << n << true;
        }
    }
    // Random scores in [-1, 1] and, for ties, integers in {0, 1, 2} (many optimal permutations):
    // the solver's permutation scores what the best of all n! permutations scores.
    void assignmentMatchesBruteForce()
    {
        QFETCH(int, n);
        QFETCH(bool, ties);
        for (std::uint64_t seed = 1; seed <= 6; ++seed) {
            Rng rng = makeRng(seed, std::uint64_t(n));
            Eigen::MatrixXd score(n, n);
            for (Eigen::Index i = 0; i < score.size(); ++i)
                score.data()[i] = ties ? double(uniformIndex(rng, 3)) : uniform(rng, -1, 1);
            const std::vector<int> p = maximumAssignment(score);
            QVERIFY(int(p.size()) == n);
            QVERIFY(isPermutation(p));
            const double best = bruteForceBest(score);
            QVERIFY2(std::abs(assignmentScore(score, p) - best) <= 1e-12 * n,
                     qPrintable(QString("seed %1: %2 against %3").arg(seed).arg(assignmentScore(score, p)).arg(best)));
            QCOMPARE(maximumAssignment(score), p);   // the same answer for the same matrix
        }
        // Every permutation ties on a constant matrix.
        QVERIFY(isPermutation(maximumAssignment(Eigen::MatrixXd::Constant(n, n, 3.5))));
    }

    // A planted permutation with score 1, every other entry at most 1/2: any other permutation
    // gives up at least two of the ones, so the planted one is the only optimum.
    void assignmentFindsAPlantedPermutation()
    {
        const int n = 120;
        Rng rng = makeRng(3, 1);
        Eigen::MatrixXd score(n, n);
        for (Eigen::Index i = 0; i < score.size(); ++i) score.data()[i] = uniform(rng, -0.5, 0.5);
        std::vector<int> planted(static_cast<std::size_t>(n));
        std::iota(planted.begin(), planted.end(), 0);
        for (int i = n - 1; i > 0; --i) std::swap(planted[std::size_t(i)], planted[uniformIndex(rng, std::uint64_t(i) + 1)]);
        for (int i = 0; i < n; ++i) score(i, planted[std::size_t(i)]) = 1;
        QCOMPARE(maximumAssignment(score), planted);
        QCOMPARE(maximumAssignment(-1e9 * score.array() + 5e8), maximumAssignment(-score));   // scale free
    }

    void assignmentRejectsBadMatrices()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, maximumAssignment(Eigen::MatrixXd::Zero(2, 3)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, maximumAssignment(Eigen::MatrixXd(0, 0)));
        Eigen::MatrixXd m = Eigen::MatrixXd::Ones(3, 3);
        m(1, 2) = std::numeric_limits<double>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, maximumAssignment(m));
        m(1, 2) = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, maximumAssignment(m));
        // Finite scores whose differences overflow end the solver: solved or refused, never
        // looped on (the ctest timeout is what fails).
        Eigen::MatrixXd huge(3, 3);
        huge << 1.7e308, -1.7e308, 1.7e308, -1.7e308, 1.7e308, -1.7e308, 1.7e308, 1.7e308, -1.7e308;
        try {
            const std::vector<int> p = maximumAssignment(huge);
            QCOMPARE(int(p.size()), 3);   // solved, if the sums stayed finite
        } catch (const std::invalid_argument& e) {
            QVERIFY(std::string(e.what()).find("too large") != std::string::npos);
        }
        try {
            maximumAssignment(Eigen::MatrixXd::Zero(2, 3));
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("square"), e.what());
        }
    }

    void recoversAKnownArrangement_data()
    {
        QTest::addColumn<std::vector<int>>("widths");
        QTest::addColumn<Activation>("activation");
        QTest::addColumn<bool>("flips");
        QTest::newRow("tanh 2-8-1, flips") << std::vector<int>{2, 8, 1} << Activation::Tanh << true;
        QTest::newRow("tanh 2-16-1, no flips") << std::vector<int>{2, 16, 1} << Activation::Tanh << false;
        QTest::newRow("tanh 2-6-5-1, flips") << std::vector<int>{2, 6, 5, 1} << Activation::Tanh << true;
        QTest::newRow("tanh 3-8-8-8-2, flips") << std::vector<int>{3, 8, 8, 8, 2} << Activation::Tanh << true;
        QTest::newRow("relu 2-7-1") << std::vector<int>{2, 7, 1} << Activation::ReLU << false;
        QTest::newRow("relu 2-6-6-1") << std::vector<int>{2, 6, 6, 1} << Activation::ReLU << false;
        QTest::newRow("sigmoid 2-5-4-1, flips") << std::vector<int>{2, 5, 4, 1} << Activation::Sigmoid << true;
    }
    // B is A with its neurons rearranged (and, for tanh and sigmoid, flipped): the matching
    // undoes it exactly, aligned B is A, and the straight line between them has no barrier.
    void recoversAKnownArrangement()
    {
        QFETCH(std::vector<int>, widths);
        QFETCH(Activation, activation);
        QFETCH(bool, flips);
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            const Network net = test::randomNetwork(widths, activation, seed);
            const NeuronMatching scramble = randomArrangement(net, flips, seed);
            const Eigen::VectorXd a = net.parameters();
            Eigen::VectorXd b(a.size());
            arrangeNeurons(net, a, scramble.perms, &scramble.signs, b);

            const NeuronMatching m = matchWeights(net, a, b, flips);
            QVERIFY(m.converged);
            for (int h = 0; h < net.hiddenLayerCount(); ++h)
                for (std::size_t i = 0; i < m.perms[std::size_t(h)].size(); ++i) {
                    // Aligned neuron i is B's neuron perms[h][i], which is A's neuron
                    // scramble.perms[h][perms[h][i]]: it must be i, with the signs cancelling.
                    const int j = m.perms[std::size_t(h)][i];
                    QCOMPARE(scramble.perms[std::size_t(h)][std::size_t(j)], int(i));
                    QCOMPARE(m.signs[std::size_t(h)][i] * scramble.signs[std::size_t(h)][std::size_t(j)], 1.0);
                }
            const Eigen::VectorXd aligned = applyMatching(net, b, m);
            QVERIFY2((aligned - a).cwiseAbs().maxCoeff() < 1e-12, qPrintable(QString("seed %1").arg(seed)));

            const Dataset data = makeDataset(widths.front() == 2 ? "moons" : "xor", 64, 0.1, seed);
            if (widths.front() != 2 || widths.back() != 1) continue;
            std::vector<double> alphas;
            for (int i = 0; i <= 20; ++i) alphas.push_back(i / 20.0);
            const auto losses = lossAlongLine(net, a, aligned, alphas, data.inputs, data.targets);
            const double top = *std::max_element(losses.begin(), losses.end());
            QVERIFY2(top - (losses.front() + losses.back()) / 2 < 1e-12, qPrintable(QString::number(top)));
        }
    }

    void applyingTheMatchingKeepsTheFunction_data()
    {
        QTest::addColumn<std::vector<int>>("widths");
        QTest::addColumn<Activation>("activation");
        QTest::addColumn<bool>("flips");
        QTest::newRow("tanh 2-12-1, flips") << std::vector<int>{2, 12, 1} << Activation::Tanh << true;
        QTest::newRow("tanh 2-8-8-1, flips") << std::vector<int>{2, 8, 8, 1} << Activation::Tanh << true;
        QTest::newRow("sigmoid 2-6-6-1, flips") << std::vector<int>{2, 6, 6, 1} << Activation::Sigmoid << true;
        QTest::newRow("sigmoid 2-6-6-1, no flips") << std::vector<int>{2, 6, 6, 1} << Activation::Sigmoid << false;
        QTest::newRow("relu 2-10-10-1") << std::vector<int>{2, 10, 10, 1} << Activation::ReLU << false;
        QTest::newRow("leaky relu 3-5-2") << std::vector<int>{3, 5, 2} << Activation::LeakyReLU << false;
    }
    // Two unrelated networks: whatever the matching, aligned B computes B's function, and it is
    // no farther from A than B was (each layer only changes for a larger <theta_A, theta_B'>).
    void applyingTheMatchingKeepsTheFunction()
    {
        QFETCH(std::vector<int>, widths);
        QFETCH(Activation, activation);
        QFETCH(bool, flips);
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            const Network A = test::randomNetwork(widths, activation, seed), B = test::randomNetwork(widths, activation, seed + 100);
            const NeuronMatching m = matchWeights(A, A.parameters(), B.parameters(), flips);
            QVERIFY(m.sweeps >= 1);
            QVERIFY(m.converged);
            const Eigen::VectorXd aligned = applyMatching(A, B.parameters(), m);
            const Eigen::MatrixXd X = test::randomInputs(widths.front(), 200, seed);
            const double change = outputDifference(A, B.parameters(), aligned, X);
            QVERIFY2(change < 1e-12, qPrintable(QString::number(change)));
            if (activation != Activation::Sigmoid || !flips) {
                QVERIFY(A.parameters().dot(aligned) >= A.parameters().dot(B.parameters()) - 1e-12);
                QVERIFY((aligned - A.parameters()).norm() <= (B.parameters() - A.parameters()).norm() + 1e-12);
            }
            // Matching aligned B again changes nothing.
            const NeuronMatching again = matchWeights(A, A.parameters(), aligned, flips);
            QVERIFY((applyMatching(A, aligned, again) - aligned).cwiseAbs().maxCoeff() < 1e-12);
        }
    }

    void matchingRejectsBadInputs()
    {
        const Network tanhNet = test::randomNetwork({2, 4, 1}, Activation::Tanh, 1);
        const Network reluNet = test::randomNetwork({2, 4, 1}, Activation::ReLU, 1);
        const Eigen::VectorXd a = tanhNet.parameters();
        auto message = [](auto f) {
            try {
                f();
            } catch (const std::invalid_argument& e) {
                return QString(e.what());
            }
            return QString();
        };
        // Layouts that differ: B of another network.
        const Network other = test::randomNetwork({2, 5, 1}, Activation::Tanh, 2);
        QVERIFY(message([&] { matchWeights(tanhNet, a, other.parameters(), true); }).contains("entries"));
        Eigen::VectorXd bad = a;
        bad(3) = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(message([&] { matchWeights(tanhNet, a, bad, true); }).contains("not finite"));
        QVERIFY(message([&] { matchWeights(tanhNet, bad, a, false); }).contains("not finite"));
        QVERIFY(message([&] { matchWeights(reluNet, reluNet.parameters(), reluNet.parameters(), true); })
                    .contains("relu, which has no sign-flip symmetry"));
        QVERIFY(message([&] { matchWeights(tanhNet, a, a, true, 0); }).contains("maxSweeps"));

        const NeuronMatching good = matchWeights(tanhNet, a, a, true);
        QCOMPARE(good.perms, (std::vector<std::vector<int>>{{0, 1, 2, 3}}));
        QVERIFY(message([&] { applyMatching(tanhNet, a, good); }).isEmpty());
        QVERIFY(message([&] { applyMatching(other, other.parameters(), good); }).contains("entries, the layer 5"));
        QVERIFY(message([&] { applyMatching(tanhNet, other.parameters(), good); }).contains("entries"));
        NeuronMatching m = good;
        m.perms[0] = {0, 1, 1, 3};
        QVERIFY(message([&] { applyMatching(tanhNet, a, m); }).contains("not a permutation"));
        m = good;
        m.perms.push_back({0});
        QVERIFY(message([&] { applyMatching(tanhNet, a, m); }).contains("hidden layers"));
        m = good;
        m.signs[0][2] = 0.5;
        QVERIFY(message([&] { applyMatching(tanhNet, a, m); }).contains("+1 or -1"));
        m = good;
        m.signs[0][2] = -1;
        QVERIFY(message([&] { applyMatching(tanhNet, a, m); }).isEmpty());
        QVERIFY(message([&] { applyMatching(reluNet, reluNet.parameters(), m); }).contains("no sign flip"));
    }

    // prod n_h! (times 2^n_h with flips), exactly: 10 tanh units give 2^10 10! = 3,715,891,200.
    void arrangementCount()
    {
        const Network one({2, 10, 1}, {Activation::Tanh});
        QCOMPARE(matchingArrangementCount(one, true), std::string("3715891200"));
        QCOMPARE(matchingArrangementCount(one, false), std::string("3628800"));
        const Network two({2, 3, 4, 1}, {Activation::ReLU});
        QCOMPARE(matchingArrangementCount(two, false), std::string("144"));
    }

    // The lab's default pair (width 16, seeds 1 and 2): both ends fit the moons (MSE about
    // 0.01 to 0.02), the straight line between them climbs about 0.6, and between A and
    // aligned B hardly at all; aligned B is B's function, nearer A.
    void defaultPairIsAlignedWithoutABarrier()
    {
        const AlignParams params;
        const AlignResult r = runAlign(params, Progress::none());
        QVERIFY(!r.cancelled && !r.diverged);
        QCOMPARE(r.widths, (std::vector<int>{2, 16, 1}));
        QCOMPARE(int(r.alphas.size()), params.points);
        QCOMPARE(r.alphas.front(), 0.0);
        QCOMPARE(r.alphas.back(), 1.0);
        QVERIFY2(r.lossA < 0.05 && r.lossB < 0.05, qPrintable(QString("%1 %2").arg(r.lossA).arg(r.lossB)));
        QVERIFY2(r.naiveBarrier > 0.2, qPrintable(QString::number(r.naiveBarrier)));
        QVERIFY2(r.alignedBarrier < r.naiveBarrier / 20, qPrintable(QString::number(r.alignedBarrier)));
        QVERIFY(r.alignedBarrier >= 0);
        QVERIFY2(r.functionChange < 1e-12, qPrintable(QString::number(r.functionChange)));
        QVERIFY(std::abs(r.alignedLosses.back() - r.lossB) < 1e-12);
        QCOMPARE(r.alignedLosses.front(), r.lossA);
        QVERIFY(r.alignedDistance < r.naiveDistance / 2);
        QCOMPARE(r.alignedDistance, (r.a - r.alignedB).norm());
        QVERIFY(r.matching.converged);
        QCOMPARE(r.matching.perms.size(), std::size_t(1));
        // The arrangement really moved neurons and flipped some.
        std::vector<int> identity(16);
        std::iota(identity.begin(), identity.end(), 0);
        QVERIFY(r.matching.perms[0] != identity);
        QVERIFY(std::count(r.matching.signs[0].begin(), r.matching.signs[0].end(), -1.0) > 0);
    }

    // Over several seed pairs: at the default width every pair's aligned barrier is below its
    // naive one, and the aligned mean at width 32 is below that at width 4 (where a barrier
    // remains). Measured with runAlignSweep's defaults otherwise.
    void sweepShowsTheBarrierGoing()
    {
        AlignSweepParams params;
        params.widths = {4, 16, 32};
        params.pairs = 4;
        const AlignSweepResult r = runAlignSweep(params, Progress::none());
        QVERIFY(!r.cancelled);
        QCOMPARE(r.rows.size(), std::size_t(3));
        for (const AlignSweepRow& row : r.rows) {
            QCOMPARE(row.pairs, 4);
            QVERIFY2(row.naiveMean > 0.1, qPrintable(QString("width %1: %2").arg(row.width).arg(row.naiveMean)));
            QVERIFY(row.alignedMean < row.naiveMean);
            QVERIFY(row.naiveLow <= row.naiveMean && row.naiveMean <= row.naiveHigh);
            QVERIFY(row.alignedLow <= row.alignedMean && row.alignedMean <= row.alignedHigh);
            QVERIFY2(row.endLossMean < 0.06, qPrintable(QString::number(row.endLossMean)));
        }
        QCOMPARE(r.rows[1].width, 16);
        QCOMPARE(r.rows[1].alignedLower, 4);
        QVERIFY2(r.rows[2].alignedMean < r.rows[0].alignedMean,
                 qPrintable(QString("%1 against %2").arg(r.rows[2].alignedMean).arg(r.rows[0].alignedMean)));
    }

    // The same rows whatever the number of threads.
    void sweepIsDeterministic()
    {
        AlignSweepParams params;
        params.widths = {3, 5};
        params.pairs = 3;
        params.epochs = 40;
        qputenv("MINIMA_THREADS", "1");
        const AlignSweepResult one = runAlignSweep(params, Progress::none());
        qputenv("MINIMA_THREADS", "3");
        const AlignSweepResult three = runAlignSweep(params, Progress::none());
        qunsetenv("MINIMA_THREADS");
        QCOMPARE(one.rows.size(), three.rows.size());
        for (std::size_t i = 0; i < one.rows.size(); ++i) {
            QCOMPARE(one.rows[i].naiveMean, three.rows[i].naiveMean);
            QCOMPARE(one.rows[i].alignedHigh, three.rows[i].alignedHigh);
        }
    }

    void cancelledRunsSaySo()
    {
        Progress cancelled;
        cancelled.cancel();
        QVERIFY(runAlign(AlignParams(), cancelled).cancelled);
        const AlignSweepResult sweep = runAlignSweep(AlignSweepParams(), cancelled);
        QVERIFY(sweep.cancelled);
        QVERIFY(sweep.rows.empty());
    }

    // ReLU networks have no flips: matched by permutations alone, B keeps its function.
    void reluIsMatchedByPermutationsAlone()
    {
        AlignParams params;
        params.activation = Activation::ReLU;
        params.signFlips = false;
        params.width = 8;
        params.epochs = 100;
        const AlignResult r = runAlign(params, Progress::none());
        QVERIFY(r.functionChange < 1e-12);
        for (double s : r.matching.signs[0]) QCOMPARE(s, 1.0);
        QVERIFY(r.alignedDistance <= r.naiveDistance);
    }

    void badParametersSayWhich_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("width") << "width" << "0" << "width must be";
        QTest::newRow("layers") << "layers" << "9" << "hiddenLayers must be";
        QTest::newRow("points") << "points" << "2" << "points must be";
        QTest::newRow("epochs") << "epochs" << "-1" << "epochs must be";
        QTest::newRow("lr") << "lr" << "0" << "learning rate must be";
        QTest::newRow("noise") << "noise" << "nan" << "noise must be";
        QTest::newRow("samples") << "samples" << "2" << "samples must be";
        QTest::newRow("relu flips") << "relu" << "" << "relu has no sign-flip symmetry";
        QTest::newRow("dataset") << "dataset" << "mnist" << "unknown dataset";
    }
    void badParametersSayWhich()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        AlignParams p;
        if (key == "width") p.width = value.toInt();
        if (key == "layers") p.hiddenLayers = value.toInt();
        if (key == "points") p.points = value.toInt();
        if (key == "epochs") p.epochs = value.toInt();
        if (key == "lr") p.learningRate = value.toDouble();
        if (key == "noise") p.noise = std::numeric_limits<double>::quiet_NaN();
        if (key == "samples") p.samples = value.toInt();
        if (key == "relu") p.activation = Activation::ReLU;
        if (key == "dataset") p.dataset = value.toStdString();
        try {
            runAlign(p, Progress::none());
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void badSweepParametersSayWhich()
    {
        auto message = [](AlignSweepParams p) {
            try {
                runAlignSweep(p, Progress::none());
            } catch (const std::invalid_argument& e) {
                return QString(e.what());
            }
            return QString();
        };
        AlignSweepParams p;
        p.pairs = 1;
        QVERIFY(message(p).contains("pairs must be"));
        p = AlignSweepParams();
        p.widths.clear();
        QVERIFY(message(p).contains("widths must"));
        p.widths = {4, 1000};
        QVERIFY(message(p).contains("width must be in [1, 512], not 1000"));
    }

    // `minima run align`: the keys of its declaration, the rows as JSON, bad values refused.
    void listedInTheCatalog()
    {
        const ExperimentInfo* info = findExperiment("align");
        QVERIFY(info);
        const std::string help = experimentHelp(*info);
        for (const char* key : {"widths", "pairs", "layers", "activation", "dataset", "epochs", "lr", "flips", "points"})
            QVERIFY2(help.find(std::string("  ") + key + " (default") != std::string::npos, key);
        QVERIFY(help.find("widths (default 4,8,16,32,64)") != std::string::npos);
        const std::string json = runExperiment(*info, {{"widths", "3,4"}, {"pairs", "2"}, {"epochs", "20"}}, 1, Progress::none());
        QVERIFY(json.find("\"experiment\":\"align\"") != std::string::npos);
        QVERIFY(json.find("\"rows\":[{\"width\":3,\"pairs\":2,") != std::string::npos);
        QVERIFY(json.find("{\"width\":4,") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*info, {{"pairs", "1"}}, 1, Progress::none()));
        QVERIFY_THROWS_EXCEPTION(ParameterError,
                                 runExperiment(*info, {{"activation", "relu"}, {"flips", "true"}}, 1, Progress::none()));
        QVERIFY(estimateExperimentWork(*info, {}) > 1e8);
        QVERIFY(estimateExperimentWork(*info, {}) < maxRunWork);
    }
};

QTEST_APPLESS_MAIN(TestAlign)
#include "tst_align.moc"
