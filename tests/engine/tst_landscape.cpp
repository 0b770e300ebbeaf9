#include <QtTest>

#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

#include "engine/common/random.h"
#include "engine/experiments/landscape.h"
#include "engine/landscape/basins.h"
#include "engine/landscape/contours.h"
#include "engine/landscape/critical_points.h"
#include "engine/landscape/grid.h"
#include "engine/nn/network.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

namespace {

// Inputs d x N uniform in [0, 1] (like 8x8 digit intensities / 16) and one-hot targets of
// random labels, K x N; or, for K = 1, a regression target in [-1, 1].
struct Samples {
    Eigen::MatrixXd X, Y;
};
Samples randomSamples(int d, int K, int N, std::uint64_t seed)
{
    Rng rng = makeRng(seed, 7);
    Samples s{Eigen::MatrixXd(d, N), Eigen::MatrixXd::Zero(K, N)};
    for (Eigen::Index i = 0; i < s.X.size(); ++i) s.X.data()[i] = uniform01(rng);
    for (int n = 0; n < N; ++n) {
        if (K == 1) s.Y(0, n) = uniform(rng, -1, 1);
        else s.Y(int(rng() % std::uint64_t(K)), n) = 1.0;
    }
    return s;
}

Eigen::VectorXd randomVector(Eigen::Index size, std::uint64_t seed, std::uint64_t stream)
{
    Rng rng = makeRng(seed, stream);
    Eigen::VectorXd v(size);
    for (Eigen::Index i = 0; i < size; ++i) v[i] = normal01(rng);
    return v;
}

} // namespace

class TestLandscape : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { qunsetenv("MINIMA_THREADS"); }

    void filterNormalisedSoftmaxNetwork()
    {
        // A 64-12-10 softmax network as for the digits: each neuron's row of the direction
        // is the random row rescaled to the norm of that neuron's weights; biases get zero.
        Network net({64, 12, 10}, {Activation::Tanh}, OutputActivation::Softmax);
        net.initialise(Initialisation::Xavier, 5);
        net.bias(0).setConstant(0.3);
        const Eigen::VectorXd random = randomVector(net.parameterCount(), 5, 1);
        const Eigen::VectorXd d = filterNormalised(net, net.parameters(), random);
        for (int l = 0; l < net.layerCount(); ++l) {
            QCOMPARE(net.biasIn(d.data(), l).norm(), 0.0);
            for (Eigen::Index i = 0; i < net.weights(l).rows(); ++i) {
                const auto row = net.weightsIn(d.data(), l).row(i);
                const auto rrow = net.weightsIn(random.data(), l).row(i);
                QVERIFY(std::fabs(row.norm() - net.weights(l).row(i).norm()) < 1e-12 * row.norm());
                QVERIFY(std::fabs(row.dot(rrow) - row.norm() * rrow.norm()) < 1e-12 * row.norm() * rrow.norm());
            }
        }
        // By hand: output neuron 0's weights (3, 4, 0, ...) have norm 5, its random row
        // (1, 0, ..., 0) norm 1, so its direction row is (5, 0, ..., 0); a neuron whose
        // weights are all zero gets a zero row whatever the random one.
        Network small({12, 10}, {}, OutputActivation::Softmax);
        small.weights(0)(0, 0) = 3;
        small.weights(0)(0, 1) = 4;
        Eigen::VectorXd r = Eigen::VectorXd::Ones(small.parameterCount());
        small.weightsIn(r.data(), 0).row(0).setZero();
        small.weightsIn(r.data(), 0)(0, 0) = 1;
        const Eigen::VectorXd e = filterNormalised(small, small.parameters(), r);
        QCOMPARE(small.weightsIn(e.data(), 0)(0, 0), 5.0);
        QCOMPARE(small.weightsIn(e.data(), 0).row(0).tail(11).norm(), 0.0);
        QCOMPARE(small.weightsIn(e.data(), 0).bottomRows(9).norm(), 0.0);
    }

    void softmaxGridIsTheCrossEntropy()
    {
        // A 64-16-10 softmax network on digit-like inputs with one-hot targets, the loss
        // the filter-normalised slice shows (Li et al. 2018, section 4).
        Network net({64, 16, 10}, {Activation::Tanh}, OutputActivation::Softmax);
        net.initialise(Initialisation::Xavier, 2);
        const Samples s = randomSamples(64, 10, 150, 2);
        const Eigen::VectorXd d1 = filterNormalised(net, net.parameters(), randomVector(net.parameterCount(), 2, 1));
        const Eigen::VectorXd d2 = filterNormalised(net, net.parameters(), randomVector(net.parameterCount(), 2, 2));
        const std::vector<double> coords{-1.0, -0.25, 0.0, 0.5, 1.0};
        const Eigen::MatrixXd grid = networkLossGrid(net, net.parameters(), d1, d2, s.X, s.Y, coords, Progress::none(),
                                                     Loss::SoftmaxCrossEntropy);
        QCOMPARE(grid.rows(), 5);
        QCOMPARE(grid.cols(), 5);
        Workspace ws;
        for (int j = 0; j < 5; ++j)
            for (int i = 0; i < 5; ++i) {
                const Eigen::VectorXd theta = net.parameters() + coords[std::size_t(i)] * d1 + coords[std::size_t(j)] * d2;
                const double expected = evaluateLoss(net, theta, s.X, s.Y, Loss::SoftmaxCrossEntropy, ws);
                QVERIFY2(std::fabs(grid(j, i) - expected) <= 1e-12 * expected,
                         qPrintable(QString("cell (%1, %2): %3 vs %4").arg(j).arg(i).arg(grid(j, i), 0, 'g', 17).arg(expected, 0, 'g', 17)));
            }
        // The centre cell by hand: the mean over samples of -log p(label) from predict().
        const Eigen::MatrixXd p = predict(net, s.X);
        double ce = 0;
        for (Eigen::Index n = 0; n < p.cols(); ++n) {
            Eigen::Index label = 0;
            s.Y.col(n).maxCoeff(&label);
            ce -= std::log(p(label, n));
        }
        ce /= double(p.cols());
        QVERIFY(std::fabs(grid(2, 2) - ce) < 1e-12 * ce);
        // Near-uniform outputs of an untrained net: close to log 10.
        QVERIFY(std::fabs(ce - std::log(10.0)) < 0.5);
        // Away from the centre the slice is not flat.
        QVERIFY(grid.maxCoeff() - grid.minCoeff() > 1e-3);
        // A loss that does not fit the output is refused, as evaluateLoss refuses it.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 networkLossGrid(net, net.parameters(), d1, d2, s.X, s.Y, coords, Progress::none()));
        Network linear({64, 16, 10}, {Activation::Tanh});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 networkLossGrid(linear, linear.parameters(), d1, d2, s.X, s.Y, coords, Progress::none(),
                                                 Loss::SoftmaxCrossEntropy));
    }

    void networkGridMatchesEvaluateLoss_data()
    {
        QTest::addColumn<QString>("widths");
        QTest::addColumn<int>("activation");
        QTest::addColumn<int>("loss");
        QTest::addColumn<int>("samples");
        const auto mse = int(Loss::MeanSquaredError), ce = int(Loss::SoftmaxCrossEntropy), bce = int(Loss::BinaryCrossEntropy);
        const auto th = int(Activation::Tanh), rl = int(Activation::ReLU);
        // Sample counts that are not a multiple of the kernels' blocks (130 = 128 + 2, 37 < 128).
        QTest::newRow("2-16-16-1 tanh mse") << "2,16,16,1" << th << mse << 130;
        QTest::newRow("2-16-1 tanh mse") << "2,16,1" << th << mse << 37;
        QTest::newRow("2-9-7-1 relu mse") << "2,9,7,1" << rl << mse << 300;
        QTest::newRow("2-5-1 relu mse") << "2,5,1" << rl << mse << 64;
        QTest::newRow("64-12-10 tanh softmax-ce") << "64,12,10" << th << ce << 130;
        QTest::newRow("64-12-10 relu softmax-ce") << "64,12,10" << rl << ce << 77;
        QTest::newRow("8-6-5-3 tanh softmax-ce") << "8,6,5,3" << th << ce << 260;
        QTest::newRow("8-6-5-3 relu softmax-ce") << "8,6,5,3" << rl << ce << 31;
        QTest::newRow("2-8-1 tanh sigmoid bce") << "2,8,1" << th << bce << 129;
        QTest::newRow("2-8-6-1 relu sigmoid mse") << "2,8,6,1" << rl << -1 << 129;   // -1: mse on a sigmoid output
    }
    void networkGridMatchesEvaluateLoss()
    {
        QFETCH(QString, widths);
        QFETCH(int, activation);
        QFETCH(int, loss);
        QFETCH(int, samples);
        std::vector<int> w;
        for (const QString& part : widths.split(',')) w.push_back(part.toInt());
        const bool sigmoidOut = loss == int(Loss::BinaryCrossEntropy) || loss < 0;
        const Loss kind = loss < 0 ? Loss::MeanSquaredError : Loss(loss);
        const OutputActivation out = kind == Loss::SoftmaxCrossEntropy ? OutputActivation::Softmax
            : sigmoidOut                                              ? OutputActivation::Sigmoid
                                                                      : OutputActivation::Linear;
        Network net(w, {Activation(activation)}, out);
        net.initialise(Initialisation::He, 11);
        // Non-zero biases, and directions that move them too (random, not filter-normalised).
        Eigen::VectorXd centre = net.parameters() + 0.2 * randomVector(net.parameterCount(), 11, 3);
        const Eigen::VectorXd d1 = 0.5 * randomVector(net.parameterCount(), 11, 1);
        const Eigen::VectorXd d2 = 0.5 * randomVector(net.parameterCount(), 11, 2);
        Samples s = randomSamples(w.front(), w.back(), samples, 11);
        if (out == OutputActivation::Sigmoid) s.Y = (s.Y.array() > 0).cast<double>().matrix();   // labels 0 / 1
        std::vector<double> coords;
        for (int i = 0; i < 9; ++i) coords.push_back(-2.0 + 0.5 * i);
        qputenv("MINIMA_THREADS", "1");
        const Eigen::MatrixXd one = networkLossGrid(net, centre, d1, d2, s.X, s.Y, coords, Progress::none(), kind);
        qputenv("MINIMA_THREADS", "2");
        const Eigen::MatrixXd two = networkLossGrid(net, centre, d1, d2, s.X, s.Y, coords, Progress::none(), kind);
        QCOMPARE(one.rows(), 9);
        QCOMPARE(one.cols(), 9);
        // Bit for bit the same whatever the thread count.
        QVERIFY(std::memcmp(one.data(), two.data(), sizeof(double) * std::size_t(one.size())) == 0);
        // Every cell against a straightforward forward pass at its own parameters.
        Workspace ws;
        for (int j = 0; j < 9; ++j)
            for (int i = 0; i < 9; ++i) {
                const Eigen::VectorXd theta = centre + coords[std::size_t(i)] * d1 + coords[std::size_t(j)] * d2;
                const double expected = evaluateLoss(net, theta, s.X, s.Y, kind, ws);
                QVERIFY(std::isfinite(expected) && expected > 0);
                QVERIFY2(std::fabs(one(j, i) - expected) <= 1e-12 * expected,
                         qPrintable(QString("cell (%1, %2): %3 vs %4").arg(j).arg(i).arg(one(j, i), 0, 'g', 17).arg(expected, 0, 'g', 17)));
            }
    }

    void networkGridCellDoesNotDependOnItsNeighbours()
    {
        // A cell computed alone (a 1 x 1 grid, as runNetworkLandscape computes the centre's
        // loss) has the same bits as in a 37 x 37 grid, whose tiles put it elsewhere.
        Network net({2, 16, 16, 1}, {Activation::Tanh});
        net.initialise(Initialisation::Xavier, 4);
        const Samples s = randomSamples(2, 1, 200, 4);
        const Eigen::VectorXd d1 = filterNormalised(net, net.parameters(), randomVector(net.parameterCount(), 4, 1));
        const Eigen::VectorXd d2 = filterNormalised(net, net.parameters(), randomVector(net.parameterCount(), 4, 2));
        std::vector<double> coords;
        for (int i = 0; i < 37; ++i) coords.push_back(-1.0 + i / 18.0);
        const Eigen::MatrixXd grid = networkLossGrid(net, net.parameters(), d1, d2, s.X, s.Y, coords, Progress::none());
        for (const auto& [j, i] : {std::pair{18, 18}, std::pair{0, 36}, std::pair{17, 33}, std::pair{36, 0}, std::pair{5, 5}}) {
            const double a = coords[std::size_t(i)], b = coords[std::size_t(j)];
            if (a == b) {
                const std::vector<double> cell{a};
                QCOMPARE(networkLossGrid(net, net.parameters(), d1, d2, s.X, s.Y, cell, Progress::none())(0, 0), grid(j, i));
            }
            // A 2 x 2 grid of the cell's two coordinates holds it too.
            const std::vector<double> pair{std::min(a, b), std::max(a, b)};
            const Eigen::MatrixXd two = networkLossGrid(net, net.parameters(), d1, d2, s.X, s.Y, pair, Progress::none());
            QCOMPARE(two(b == pair[0] ? 0 : 1, a == pair[0] ? 0 : 1), grid(j, i));
        }
    }

    void networkGridFarFromTheCentre()
    {
        // Spans so wide that the first layer's exponentials leave the double range: those
        // points are computed the direct way, and every cell still matches evaluateLoss.
        Network net({2, 8, 8, 1}, {Activation::Tanh});
        net.initialise(Initialisation::Xavier, 6);
        const Samples s = randomSamples(2, 1, 150, 6);
        const Eigen::VectorXd d1 = randomVector(net.parameterCount(), 6, 1), d2 = randomVector(net.parameterCount(), 6, 2);
        const std::vector<double> coords{-2000.0, -300.0, -1.0, 0.0, 0.5, 150.0, 1000.0};
        const Eigen::MatrixXd grid = networkLossGrid(net, net.parameters(), d1, d2, s.X, s.Y, coords, Progress::none());
        Workspace ws;
        for (int j = 0; j < 7; ++j)
            for (int i = 0; i < 7; ++i) {
                const Eigen::VectorXd theta = net.parameters() + coords[std::size_t(i)] * d1 + coords[std::size_t(j)] * d2;
                const double expected = evaluateLoss(net, theta, s.X, s.Y, Loss::MeanSquaredError, ws);
                QVERIFY(std::isfinite(grid(j, i)));
                // Pre-activations in the thousands carry rounding errors of ~1e-13 either way.
                QVERIFY2(std::fabs(grid(j, i) - expected) <= 1e-9 * expected,
                         qPrintable(QString("cell (%1, %2): %3 vs %4").arg(j).arg(i).arg(grid(j, i), 0, 'g', 17).arg(expected, 0, 'g', 17)));
            }
    }

    void networkGridStopsWhenCancelled()
    {
        Network net({2, 16, 16, 1}, {Activation::Tanh});
        net.initialise(Initialisation::Xavier, 8);
        const Samples s = randomSamples(2, 1, 512, 8);
        const Eigen::VectorXd d1 = randomVector(net.parameterCount(), 8, 1), d2 = randomVector(net.parameterCount(), 8, 2);
        std::vector<double> coords;
        for (int i = 0; i < 301; ++i) coords.push_back(-1.0 + i / 150.0);
        Progress before;
        before.cancel();
        QCOMPARE(networkLossGrid(net, net.parameters(), d1, d2, s.X, s.Y, coords, before).size(), Eigen::Index(0));
        // Cancelled from another thread once the first tiles are done: an empty result, and
        // the progress stops short of the end.
        Progress progress;
        Eigen::MatrixXd result(1, 1);
        std::thread run([&] { result = networkLossGrid(net, net.parameters(), d1, d2, s.X, s.Y, coords, progress); });
        while (progress.fraction() == 0.0) std::this_thread::yield();
        progress.cancel();
        run.join();
        QCOMPARE(result.size(), Eigen::Index(0));
        QVERIFY(progress.fraction() < 1.0);
    }

    void gridSamplesTheFunction()
    {
        const Domain d{-1, 3, -2, 2};
        const Grid2D g = evaluateGrid([](const Point2& p) { return p.x() * 10 + p.y(); }, d, 5, 9);
        QCOMPARE(g.rows, 5);
        QCOMPARE(g.cols, 9);
        QCOMPARE(g.at(0, 0), -10.0 - 2.0);     // (xMin, yMin)
        QCOMPARE(g.at(4, 8), 30.0 + 2.0);      // (xMax, yMax)
        QCOMPARE(g.at(2, 4), 10.0 + 0.0);      // centre (1, 0)
        QCOMPARE(g.minValue(), -12.0);
        QCOMPARE(g.maxValue(), 32.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluateGrid([](const Point2&) { return 0.0; }, d, 1, 5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 evaluateGrid([](const Point2&) { return 0.0; }, Domain{1, 1, 0, 1}, 5, 5));
    }

    void circleGivesOneClosedContour_data()
    {
        QTest::addColumn<double>("radius");
        QTest::addColumn<int>("n");
        QTest::newRow("radius 2, fine grid") << 2.0 << 201;
        QTest::newRow("radius 1, coarse grid") << 1.0 << 41;
        QTest::newRow("radius 0.3, five cells across") << 0.3 << 101;
    }
    void circleGivesOneClosedContour()
    {
        QFETCH(double, radius);
        QFETCH(int, n);
        const Grid2D g = evaluateGrid([](const Point2& p) { return p.squaredNorm(); }, {-3, 3, -3, 3}, n, n);
        const auto lines = marchingSquares(g, radius * radius);
        QCOMPARE(lines.size(), std::size_t(1));
        QVERIFY(lines[0].closed);
        QCOMPARE(lines[0].points.front(), lines[0].points.back());
        const double h = 6.0 / (n - 1);
        // Linear interpolation of r^2 along an edge puts points within O(h^2 / r) of the circle.
        for (const Point2& p : lines[0].points) QVERIFY(std::abs(p.norm() - radius) < 0.5 * h * h / radius + 1e-12);
        // The polygon's area is close to pi r^2 (shoelace formula).
        double area = 0;
        for (std::size_t k = 0; k + 1 < lines[0].points.size(); ++k)
            area += lines[0].points[k].x() * lines[0].points[k + 1].y() - lines[0].points[k + 1].x() * lines[0].points[k].y();
        area = std::abs(area) / 2;
        QVERIFY(std::abs(area - M_PI * radius * radius) < 0.05 * M_PI * radius * radius);
    }

    void levelsOutsideTheRangeGiveNothing()
    {
        const Grid2D g = evaluateGrid([](const Point2& p) { return p.squaredNorm(); }, {-1, 1, -1, 1}, 11, 11);
        QVERIFY(marchingSquares(g, -1.0).empty());
        QVERIFY(marchingSquares(g, 5.0).empty());
        QVERIFY(marchingSquares(g, NAN).empty());
    }

    void twoWellsAndTheirSaddle()
    {
        // f = (x^2 - 1)^2 + y^2: wells at (+-1, 0), saddle at the origin with f = 1.
        const Grid2D g = evaluateGrid([](const Point2& p) { return std::pow(p.x() * p.x() - 1, 2) + p.y() * p.y(); },
                                      {-2, 2, -2, 2}, 101, 101);
        const auto below = marchingSquares(g, 0.5);
        QCOMPARE(below.size(), std::size_t(2));
        QVERIFY(below[0].closed && below[1].closed);
        const auto above = marchingSquares(g, 1.5);
        QCOMPARE(above.size(), std::size_t(1));
        QVERIFY(above[0].closed);
    }

    void saddleCellIsResolvedByItsCentre_data()
    {
        QTest::addColumn<double>("centre");
        QTest::addColumn<bool>("joinsHighCorners");
        QTest::newRow("centre above: high corners joined") << 0.9 << true;
        QTest::newRow("centre below: low corners joined") << 0.1 << false;
    }
    void saddleCellIsResolvedByItsCentre()
    {
        QFETCH(double, centre);
        QFETCH(bool, joinsHighCorners);
        // One cell with high corners (0,0) and (1,1), low ones (1,0) and (0,1); the mean of
        // the corners is 0.5 + (centre - 0.5) / 2 by choosing the high value.
        Grid2D g;
        g.domain = {0, 1, 0, 1};
        g.rows = g.cols = 2;
        const double hi = 1.0, lo = 0.0;
        const double level = 0.5 - (centre - 0.5) / 2;   // the corner mean 0.5 is above or below it
        g.values = {hi, lo, lo, hi};   // (r0,c0) (r0,c1) (r1,c0) (r1,c1)
        const auto lines = marchingSquares(g, level);
        QCOMPARE(lines.size(), std::size_t(2));
        for (const auto& l : lines) {
            QVERIFY(!l.closed);
            QCOMPARE(l.points.size(), std::size_t(2));
            // Joining the high corners means each segment cuts off a low corner.
            const Point2 mid = 0.5 * (l.points[0] + l.points[1]);
            const bool nearLowCorner = (mid - Point2(1, 0)).norm() < 0.5 || (mid - Point2(0, 1)).norm() < 0.5;
            QCOMPARE(nearLowCorner, joinsHighCorners);
        }
    }

    void contourLevelsSpanTheRange()
    {
        const Rosenbrock r;
        const Grid2D g = evaluateGrid(r, r.domain(), 60, 60);
        const auto levels = contourLevels(g, 10);
        QVERIFY(levels.size() >= 5);
        for (std::size_t k = 1; k < levels.size(); ++k) QVERIFY(levels[k] > levels[k - 1]);
        QVERIFY(levels.front() > g.minValue() && levels.back() < g.maxValue());
        const auto lines = contourLines(g, levels);
        QCOMPARE(lines.size(), levels.size());
        for (const auto& l : lines) QVERIFY(!l.lines.empty());
    }

    void himmelblauCriticalPoints()
    {
        const Himmelblau h;
        const auto points = findCriticalPoints(h, h.domain(), 24);
        int minima = 0, maxima = 0, saddles = 0;
        for (const auto& c : points) {
            QVERIFY(h.gradient(c.at).norm() < 1e-8);
            minima += c.kind == PointKind::Minimum;
            maxima += c.kind == PointKind::Maximum;
            saddles += c.kind == PointKind::Saddle;
        }
        QCOMPARE(minima, 4);
        QCOMPARE(maxima, 1);
        QCOMPARE(saddles, 4);
        QCOMPARE(int(points.size()), 9);
        // Literature minima (f = 0) come first.
        const Point2 expected[4] = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        for (int k = 0; k < 4; ++k) {
            QCOMPARE(points[std::size_t(k)].kind, PointKind::Minimum);
            QVERIFY(std::any_of(expected, expected + 4, [&](const Point2& e) { return (e - points[std::size_t(k)].at).norm() < 1e-5; }));
        }
        // The maximum f = 181.617 near (-0.2708, -0.9230), both eigenvalues negative.
        QCOMPARE(points.back().kind, PointKind::Maximum);
        QVERIFY(std::abs(points.back().value - 181.617) < 1e-3);
        QVERIFY(points.back().eigenvalues(1) < 0);
    }

    void degenerateAndSimpleCriticalPoints()
    {
        QCOMPARE(classifyHessian(Eigen::Vector2d(2, 3).asDiagonal()), PointKind::Minimum);
        QCOMPARE(classifyHessian(Eigen::Vector2d(-2, -3).asDiagonal()), PointKind::Maximum);
        QCOMPARE(classifyHessian(Eigen::Vector2d(2, -3).asDiagonal()), PointKind::Saddle);
        QCOMPARE(classifyHessian(Eigen::Vector2d(2, 0).asDiagonal()), PointKind::Degenerate);
        QCOMPARE(classifyHessian(Eigen::Matrix2d::Zero()), PointKind::Degenerate);
        const QuadraticBowl saddle(1.0, -2.0, 0.3);
        const auto pts = findCriticalPoints(saddle, saddle.domain(), 5);
        QCOMPARE(pts.size(), std::size_t(1));
        QCOMPARE(pts[0].kind, PointKind::Saddle);
        QVERIFY(pts[0].at.norm() < 1e-9);
    }

    void bowlHasOneBasin()
    {
        const QuadraticBowl bowl(1.0, 4.0, 0.3);
        BasinSettings s;
        s.optimizer.learningRate = 0.1;
        s.grid = 20;
        s.domain = bowl.domain();
        const auto r = basinsOfAttraction(bowl, s);
        QCOMPARE(r.basins.size(), std::size_t(1));
        QCOMPARE(r.basins[0].share, 1.0);
        QCOMPARE(r.basins[0].starts, 400);
        QCOMPARE(r.unconvergedShare, 0.0);
        for (int label : r.labels) QCOMPARE(label, 0);
    }

    void himmelblauBasinsShareTheStarts()
    {
        const Himmelblau h;
        BasinSettings s;
        s.optimizer.learningRate = 0.005;
        s.grid = 48;
        s.domain = h.domain();
        const auto r = basinsOfAttraction(h, s);
        QCOMPARE(r.basins.size(), std::size_t(4));
        double total = r.unconvergedShare + r.divergedShare;
        for (const auto& b : r.basins) {
            QVERIFY(b.share > 0.1);   // every minimum drains a good part of the square
            total += b.share;
        }
        QVERIFY(std::abs(total - 1.0) < 1e-12);
        // A start by each minimum ends in that minimum's basin (checked against the
        // literature coordinates, not the code's own list).
        const Point2 expected[4] = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        for (const Point2& e : expected) {
            const int c = int((e.x() - s.domain.xMin) / 10.0 * s.grid), row = int((e.y() - s.domain.yMin) / 10.0 * s.grid);
            const int label = r.labels[std::size_t(row * s.grid + c)];
            QVERIFY(label >= 0);
            QVERIFY((r.basins[std::size_t(label)].minimum.at - e).norm() < 1e-5);
        }
    }

    void divergedStartsAreLabelled()
    {
        const QuadraticBowl bowl(1.0, 10.0, 0.0);
        BasinSettings s;
        s.optimizer.learningRate = 0.5;   // above 2 / lmax = 0.2
        s.grid = 8;
        s.domain = bowl.domain();
        const auto r = basinsOfAttraction(bowl, s);
        QCOMPARE(r.divergedShare, 1.0);
        for (int label : r.labels) QCOMPARE(label, kDiverged);
        s.maxSteps = 3;
        s.optimizer.learningRate = 1e-4;
        const auto slow = basinsOfAttraction(bowl, s);
        QCOMPARE(slow.unconvergedShare, 1.0);
        s.grid = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, basinsOfAttraction(bowl, s));
    }

    void basinsDoNotDependOnThreads_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("gd") << int(OptimizerKind::GradientDescent);
        QTest::newRow("nesterov") << int(OptimizerKind::Nesterov);
        QTest::newRow("adam") << int(OptimizerKind::Adam);
    }
    void basinsDoNotDependOnThreads()
    {
        QFETCH(int, kind);
        const SixHumpCamel camel;
        BasinSettings s;
        s.optimizer.kind = OptimizerKind(kind);
        s.optimizer.learningRate = 0.01;
        s.grid = 40;
        s.domain = camel.domain();
        qputenv("MINIMA_THREADS", "1");
        const auto one = basinsOfAttraction(camel, s);
        qputenv("MINIMA_THREADS", "2");
        const auto two = basinsOfAttraction(camel, s);
        QVERIFY(one.labels == two.labels);
    }
};

QTEST_APPLESS_MAIN(TestLandscape)
#include "tst_landscape.moc"
