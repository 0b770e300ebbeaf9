#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "engine/common/random.h"
#include "engine/optim/minibatch.h"
#include "engine/optim/run.h"
#include "engine/surfaces/analytic.h"
#include "engine/surfaces/terrain.h"
#include "engine/surfaces/three_minima_loss.h"

using namespace minima;

Q_DECLARE_METATYPE(minima::Point2)

namespace {

// Central differences: f'(x) ~ (f(x + h) - f(x - h)) / 2h, error O(h^2).
Point2 numericGradient(const Surface& s, const Point2& p, double h)
{
    return {(s.value(p + Point2(h, 0)) - s.value(p - Point2(h, 0))) / (2 * h),
            (s.value(p + Point2(0, h)) - s.value(p - Point2(0, h))) / (2 * h)};
}

// Second derivatives from second differences of the value alone (independent of gradient()):
// f_xx ~ (f(x+h) - 2f(x) + f(x-h)) / h^2, f_xy ~ (f(+,+) - f(+,-) - f(-,+) + f(-,-)) / 4h^2.
Eigen::Matrix2d numericHessian(const Surface& s, const Point2& p, double h)
{
    const double f0 = s.value(p);
    const Point2 ex(h, 0), ey(0, h);
    Eigen::Matrix2d m;
    m(0, 0) = (s.value(p + ex) - 2 * f0 + s.value(p - ex)) / (h * h);
    m(1, 1) = (s.value(p + ey) - 2 * f0 + s.value(p - ey)) / (h * h);
    m(0, 1) = m(1, 0) = (s.value(p + ex + ey) - s.value(p + ex - ey) - s.value(p - ex + ey) + s.value(p - ex - ey)) / (4 * h * h);
    return m;
}

std::unique_ptr<Surface> surfaceFor(const QString& key)
{
    SurfaceOptions o;
    o.bowlLambda1 = 2.0;
    o.bowlLambda2 = 7.0;
    o.bowlAngle = 0.6;
    o.terrainSeed = 3;
    return makeSurface(key.toStdString(), o);
}

} // namespace

class TestSurfaces : public QObject {
    Q_OBJECT
private slots:
    void derivativesMatchFiniteDifferences_data()
    {
        QTest::addColumn<QString>("surface");
        QTest::addColumn<Point2>("point");
        const QList<QPair<const char*, QList<Point2>>> rows = {
            {"bowl", {{0, 0}, {1.5, -0.7}, {-2.9, 2.9}}},
            {"himmelblau", {{0, 0}, {3, 2}, {-4.5, 1.3}, {2.2, -3.9}}},
            {"camel", {{0, 0}, {0.0898, -0.7126}, {-1.9, 1.1}, {2.4, -1.4}}},
            {"rosenbrock", {{-1.2, 1}, {1, 1}, {0.3, -0.8}, {1.9, 2.9}}},
            {"beale", {{1, 1}, {3, 0.5}, {-2.1, 1.7}, {0.4, -1.3}}},
            {"rastrigin", {{0, 0}, {0.25, -0.5}, {2.6, 2.3}, {-4.9, 1.1}}},
            {"terrain", {{0, 0}, {-3.2, 2.1}, {4.4, -1.9}, {1.1, 3.7}}},
        };
        for (const auto& [key, points] : rows)
            for (const Point2& p : points)
                QTest::addRow("%s at (%g, %g)", key, p.x(), p.y()) << QString(key) << p;
    }
    void derivativesMatchFiniteDifferences()
    {
        QFETCH(QString, surface);
        QFETCH(Point2, point);
        const auto s = surfaceFor(surface);
        const Point2 g = s->gradient(point);
        const Point2 gNum = numericGradient(*s, point, 1e-6);
        const double scale = 1.0 + g.norm();
        QVERIFY2((g - gNum).norm() < 1e-6 * scale * std::max(1.0, std::abs(s->value(point))),
                 qPrintable(QString("gradient (%1, %2) vs (%3, %4)").arg(g.x()).arg(g.y()).arg(gNum.x()).arg(gNum.y())));
        const Eigen::Matrix2d h = s->hessian(point);
        const Eigen::Matrix2d hNum = numericHessian(*s, point, 1e-4);
        QVERIFY2((h - hNum).norm() < 1e-4 * (1.0 + h.norm()) * std::max(1.0, std::abs(s->value(point)) * 1e-2),
                 qPrintable(QString("hessian differs by %1").arg((h - hNum).norm())));
        QVERIFY((h - h.transpose()).norm() <= 1e-14 * (1.0 + h.norm()));
    }

    void knownPointsAreStationaryOfTheirKind_data()
    {
        QTest::addColumn<QString>("surface");
        for (const char* key : {"bowl", "himmelblau", "camel", "rosenbrock", "beale", "rastrigin", "terrain"})
            QTest::newRow(key) << QString(key);
    }
    void knownPointsAreStationaryOfTheirKind()
    {
        QFETCH(QString, surface);
        const auto s = surfaceFor(surface);
        const auto points = s->knownPoints();
        QVERIFY(!points.empty());
        QVERIFY(points.front().kind == PointKind::Minimum && points.front().global);
        for (const auto& k : points) {
            // Literature coordinates have 6 decimals: the gradient is small, not zero.
            QVERIFY2(s->gradient(k.at).norm() < 2e-4 * (1.0 + s->hessian(k.at).norm()),
                     qPrintable(QString("(%1, %2)").arg(k.at.x()).arg(k.at.y())));
            QCOMPARE(classifyHessian(s->hessian(k.at)), k.kind);
            QVERIFY(std::abs(s->value(k.at) - k.value) < 1e-3 * (1.0 + std::abs(k.value)));
            QVERIFY(s->domain().contains(k.at));
        }
        QVERIFY(s->domain().contains(s->defaultStart()));
    }

    void literatureValues()
    {
        // Himmelblau's four minima (Himmelblau 1972) and the camel's global pair.
        const Himmelblau h;
        const auto hm = h.minima();
        QCOMPARE(hm.size(), std::size_t(4));
        const Point2 expected[4] = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        for (const Point2& e : expected) {
            QVERIFY(h.value(e) < 1e-9);
            QVERIFY(std::any_of(hm.begin(), hm.end(), [&](const KnownPoint& k) { return (k.at - e).norm() < 1e-6; }));
        }
        const SixHumpCamel c;
        QVERIFY(std::abs(c.value({0.0898, -0.7126}) - (-1.0316)) < 1e-4);
        QVERIFY(std::abs(c.value({-0.0898, 0.7126}) - (-1.0316)) < 1e-4);
        QCOMPARE(Rosenbrock().value({1, 1}), 0.0);
        QCOMPARE(Beale().value({3, 0.5}), 0.0);
        QCOMPARE(Rastrigin().value({0, 0}), 0.0);
        // Bowl: f = 1/2 x^T A x along an eigenvector is lambda/2 |x|^2.
        const QuadraticBowl b(2.0, 8.0, 0.5);
        const Point2 v1(std::cos(0.5), std::sin(0.5)), v2(-std::sin(0.5), std::cos(0.5));
        QVERIFY(std::abs(b.value(3 * v1) - 9.0) < 1e-12);
        QVERIFY(std::abs(b.value(3 * v2) - 36.0) < 1e-12);
        QCOMPARE(QuadraticBowl(1, -1, 0).knownPoints().front().kind, PointKind::Saddle);
        QCOMPARE(QuadraticBowl(1, 0, 0).knownPoints().front().kind, PointKind::Degenerate);
    }

    void knownMinimaReachedFromNearbyStarts_data()
    {
        QTest::addColumn<QString>("surface");
        QTest::addColumn<Point2>("start");
        QTest::addColumn<Point2>("minimum");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("lr");
        QTest::addColumn<int>("steps");
        QTest::newRow("himmelblau (3, 2)") << "himmelblau" << Point2(3.4, 2.4) << Point2(3, 2) << 0.0 << 0.005 << 5000;
        QTest::newRow("himmelblau (-2.805, 3.131)") << "himmelblau" << Point2(-2.5, 3.5) << Point2(-2.805118, 3.131312) << 0.0 << 0.005 << 5000;
        QTest::newRow("himmelblau (-3.779, -3.283)") << "himmelblau" << Point2(-3.4, -3.6) << Point2(-3.779310, -3.283186) << 0.0 << 0.005 << 5000;
        QTest::newRow("himmelblau (3.584, -1.848)") << "himmelblau" << Point2(3.9, -1.5) << Point2(3.584428, -1.848126) << 0.0 << 0.005 << 5000;
        QTest::newRow("camel global (0.0898, -0.7126)") << "camel" << Point2(0.3, -0.5) << Point2(0.0898, -0.7126) << -1.0316 << 0.01 << 20000;
        QTest::newRow("camel global (-0.0898, 0.7126)") << "camel" << Point2(-0.3, 0.5) << Point2(-0.0898, 0.7126) << -1.0316 << 0.01 << 20000;
        QTest::newRow("rosenbrock (1, 1)") << "rosenbrock" << Point2(1.2, 1.2) << Point2(1, 1) << 0.0 << 0.001 << 200000;
        QTest::newRow("beale (3, 0.5)") << "beale" << Point2(2.6, 0.3) << Point2(3, 0.5) << 0.0 << 0.01 << 200000;
    }
    void knownMinimaReachedFromNearbyStarts()
    {
        QFETCH(QString, surface);
        QFETCH(Point2, start);
        QFETCH(Point2, minimum);
        QFETCH(double, value);
        QFETCH(double, lr);
        QFETCH(int, steps);
        const auto s = surfaceFor(surface);
        OptimizerSettings o;
        o.learningRate = lr;
        Optimizer<Point2> gd(o, 2);
        RunSettings rs;
        rs.maxSteps = steps;
        rs.gradientTolerance = 1e-10;
        rs.record = false;
        const auto r = runOptimizer(gd, [&](const Point2& p) { return s->value(p); },
                                    [&](const Point2& p, Point2& g) { g = s->gradient(p); }, start, rs);
        QCOMPARE(r.status, RunStatus::Converged);
        QVERIFY2((r.final - minimum).norm() < 1e-4,
                 qPrintable(QString("ended at (%1, %2)").arg(r.final.x(), 0, 'g', 10).arg(r.final.y(), 0, 'g', 10)));
        QVERIFY(std::abs(r.finalLoss - value) < 1e-4);
    }

    void terrainMinimaAreTheGrid_data()
    {
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("wells");
        QTest::newRow("seed 1, 6 wells") << 1 << 6;
        QTest::newRow("seed 7, 10 wells") << 7 << 10;
        QTest::newRow("one well") << 3 << 1;
    }
    void terrainMinimaAreTheGrid()
    {
        QFETCH(int, seed);
        QFETCH(int, wells);
        const Terrain t(std::uint64_t(seed), wells);
        QCOMPARE(int(t.wells().size()), wells);
        const auto m = t.minima();
        QVERIFY(!m.empty());
        for (std::size_t k = 0; k + 1 < m.size(); ++k) QVERIFY(m[k].value <= m[k + 1].value);
        for (const auto& k : m) {
            QVERIFY(t.gradient(k.at).norm() < 1e-8);
            QCOMPARE(classifyHessian(t.hessian(k.at)), PointKind::Minimum);
        }
        // Brute force over a fine grid: nothing lower than the global minimum, and the
        // grid's lowest point lies next to it.
        double best = INFINITY;
        Point2 arg = Point2::Zero();
        for (int i = 0; i <= 500; ++i)
            for (int j = 0; j <= 500; ++j) {
                const Point2 p(-5 + 0.02 * i, -5 + 0.02 * j);
                if (t.value(p) < best) { best = t.value(p); arg = p; }
            }
        QVERIFY(m.front().value <= best + 1e-12);
        QVERIFY((arg - m.front().at).norm() < 0.05);
        // Same seed, same terrain; another seed, another one.
        QCOMPARE(Terrain(std::uint64_t(seed), wells).value({0.3, 0.2}), t.value({0.3, 0.2}));
        QVERIFY(Terrain(std::uint64_t(seed) + 1, wells).value({0.3, 0.2}) != t.value({0.3, 0.2}));
    }

    void lossIsTheMeanOfSampleLosses()
    {
        const ThreeMinimaLoss loss;
        const int n = loss.sampleCount();
        QCOMPARE(n, 256);
        for (double w : {-5.0, -3.5, -3.1, -1.0, 0.0, 0.7, 3.3, 5.0, 6.5}) {
            double sum = 0, gsum = 0;
            for (int i = 0; i < n; ++i) {
                const int one[1] = {i};
                sum += loss.batchValue(w, one);
                gsum += loss.batchGradient(w, one);
            }
            QVERIFY(std::abs(sum / n - loss.value(w)) < 1e-12 * (1 + std::abs(sum)));
            QVERIFY(std::abs(gsum / n - loss.gradient(w)) < 1e-12 * (1 + std::abs(gsum)));
            // Derivatives against central differences of the values.
            const double h = 1e-5;
            QVERIFY(std::abs((loss.value(w + h) - loss.value(w - h)) / (2 * h) - loss.gradient(w)) < 1e-6);
            QVERIFY(std::abs((loss.gradient(w + h) - loss.gradient(w - h)) / (2 * h) - loss.secondDerivative(w)) < 1e-5);
            const int batch[3] = {5, 17, 200};
            QVERIFY(std::abs((loss.batchValue(w + h, batch) - loss.batchValue(w - h, batch)) / (2 * h)
                             - loss.batchGradient(w, batch)) < 1e-6);
            QVERIFY(std::abs((loss.batchGradient(w + h, batch) - loss.batchGradient(w - h, batch)) / (2 * h)
                             - loss.batchSecondDerivative(w, batch)) < 1e-4);
            QCOMPARE(loss.batchGradientTrusted(w, batch, 3), loss.batchGradient(w, batch));
        }
        // Samples disagree: per-sample gradients at the shallow minimum are not all zero.
        const double w0 = loss.minima()[std::size_t(loss.minimumIndex("shallow"))].w;
        double spread = 0;
        for (int i = 0; i < n; ++i) {
            const int one[1] = {i};
            spread += std::abs(loss.batchGradient(w0, one));
        }
        QVERIFY(spread / n > 0.5);
        const int bad[1] = {n};
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, loss.batchGradient(0.0, bad));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loss.batchGradient(0.0, std::span<const int>()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ThreeMinimaLoss({0.0, 3.0, 4.0, 256, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ThreeMinimaLoss({1.0, 3.0, 4.0, 0, 1}));
    }

    void lossHasShallowDeepAndGlobalMinima_data()
    {
        QTest::addColumn<double>("shallow");
        QTest::addColumn<double>("deep");
        QTest::addColumn<double>("global");
        QTest::newRow("defaults") << 1.0 << 3.0 << 4.0;
        QTest::newRow("very shallow") << 0.3 << 3.0 << 4.0;
        QTest::newRow("deeper all round") << 2.0 << 5.0 << 8.0;
    }
    void lossHasShallowDeepAndGlobalMinima()
    {
        QFETCH(double, shallow);
        QFETCH(double, deep);
        QFETCH(double, global);
        const ThreeMinimaLoss loss({shallow, deep, global, 256, 1});
        const auto& m = loss.minima();
        QCOMPARE(m.size(), std::size_t(3));
        QCOMPARE(m[0].role, std::string("shallow"));
        QCOMPARE(m[1].role, std::string("deep"));
        QCOMPARE(m[2].role, std::string("global"));
        QVERIFY(m[0].value > m[1].value && m[1].value > m[2].value);
        QCOMPARE(loss.barriers().size(), std::size_t(2));
        for (std::size_t k = 0; k < 3; ++k) {
            QVERIFY(std::abs(loss.gradient(m[k].w)) < 1e-9);
            QVERIFY(loss.secondDerivative(m[k].w) > 0);
            QCOMPARE(loss.basinOf(m[k].w), int(k));
        }
        // The barriers are maxima between the minima, and higher than both neighbours.
        for (std::size_t k = 0; k < 2; ++k) {
            const double b = loss.barriers()[k];
            QVERIFY(m[k].w < b && b < m[k + 1].w);
            QVERIFY(loss.secondDerivative(b) < 0);
            QVERIFY(loss.value(b) > m[k].value && loss.value(b) > m[k + 1].value);
        }
        // A brute-force scan finds nothing lower than the global minimum.
        for (double w = ThreeMinimaLoss::kDomainMin; w <= ThreeMinimaLoss::kDomainMax; w += 1e-3)
            QVERIFY(loss.value(w) >= m[2].value - 1e-12);
    }

    void smallBatchesLeaveTheShallowMinimumOnly()
    {
        // SGD from each minimum, 200 runs of 2000 steps at lr 0.05 (the escape defaults).
        const ThreeMinimaLoss loss;
        const int shallow = loss.minimumIndex("shallow"), deep = loss.minimumIndex("deep");
        auto escapes = [&](int start, int batch) {
            int count = 0;
            for (int run = 0; run < 200; ++run) {
                Rng rng = makeRng(11, std::uint64_t(run));
                MiniBatchSampler sampler(loss.sampleCount(), batch);
                double w = loss.minima()[std::size_t(start)].w;
                for (int t = 0; t < 2000; ++t) {
                    const auto b = sampler.next(rng);
                    w -= 0.05 * loss.batchGradient(w, b);
                }
                count += loss.basinOf(w) != start;
            }
            return count / 200.0;
        };
        const double shallowSmall = escapes(shallow, 1), deepSmall = escapes(deep, 1);
        qInfo("batch 1: shallow escapes %.3f, deep %.3f", shallowSmall, deepSmall);
        QVERIFY(shallowSmall > 0.8);
        QVERIFY(deepSmall < 0.05);
        QVERIFY(escapes(shallow, 2) > escapes(shallow, 8));
        QCOMPARE(escapes(shallow, loss.sampleCount()), 0.0);
        QCOMPARE(escapes(deep, loss.sampleCount()), 0.0);
    }

    void unknownSurfaceIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeSurface("plateau"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Terrain(1, 0));
        QCOMPARE(surfaceKeys().size(), std::size_t(7));
        for (const auto& key : surfaceKeys()) QCOMPARE(makeSurface(key)->name(), key);
    }

    // escape.md: what separates the wells is the barrier, not the curvature. With the
    // defaults the curvatures L'' at the shallow, deep and global minima are close (about
    // 5.8, 4.1, 5.5), while the barrier of the shallow well (0.54) is a fraction of the deep
    // one's (about 3.0).
    void wellsDifferInBarrierNotCurvature()
    {
        const ThreeMinimaLoss loss;
        const auto& m = loss.minima();
        QCOMPARE(m.size(), std::size_t(3));
        double lo = 1e9, hi = 0;
        for (const LossMinimum& x : m) {
            lo = std::min(lo, loss.secondDerivative(x.w));
            hi = std::max(hi, loss.secondDerivative(x.w));
        }
        QVERIFY2(hi < 1.6 * lo, qPrintable(QString("%1 %2").arg(lo).arg(hi)));
        const double curvature[] = {5.79, 4.14, 5.52};   // the figures escape.md quotes
        for (std::size_t k = 0; k < 3; ++k)
            QVERIFY2(std::fabs(loss.secondDerivative(m[k].w) - curvature[k]) < 0.05,
                     qPrintable(QString::number(loss.secondDerivative(m[k].w))));
        const double shallowBarrier = loss.value(loss.barriers()[0]) - m[0].value;
        const double deepBarrier = std::min(loss.value(loss.barriers()[0]), loss.value(loss.barriers()[1])) - m[1].value;
        QVERIFY2(std::fabs(shallowBarrier - 0.54) < 0.03, qPrintable(QString::number(shallowBarrier)));
        QVERIFY2(std::fabs(deepBarrier - 3.0) < 0.2, qPrintable(QString::number(deepBarrier)));
        QVERIFY(deepBarrier > 5 * shallowBarrier);
    }

    // escape.md: a batch of B samples drawn without replacement from N = 256 has a gradient
    // whose standard deviation is sigma sqrt((N - B) / (B (N - 1))) (the finite-population
    // correction; Cochran, Sampling Techniques, 1977, thm. 2.2), sigma the spread of the
    // per-sample gradients: about sigma/sqrt(B) for small B, and 0 at B = N.
    void batchGradientSpreadFollowsTheFinitePopulationLaw_data()
    {
        QTest::addColumn<int>("batch");
        for (int b : {1, 4, 32, 128, 255, 256}) QTest::addRow("B = %d", b) << b;
    }
    void batchGradientSpreadFollowsTheFinitePopulationLaw()
    {
        QFETCH(int, batch);
        const ThreeMinimaLoss loss;
        const int N = loss.sampleCount();
        const double w = loss.minima()[0].w + 0.1;
        std::vector<double> g(static_cast<std::size_t>(N));
        for (int i = 0; i < N; ++i) {
            const int one[] = {i};
            g[std::size_t(i)] = loss.batchGradient(w, one);
        }
        const double mean = std::accumulate(g.begin(), g.end(), 0.0) / N;
        double var = 0;
        for (double x : g) var += (x - mean) * (x - mean);
        var /= N;
        const double expected = std::sqrt(var * (N - batch) / (double(batch) * (N - 1)));
        MiniBatchSampler sampler(N, batch);
        Rng rng = makeRng(7, 1);
        const int draws = 20000;
        double sum = 0, sum2 = 0;
        for (int k = 0; k < draws; ++k) {
            const double x = loss.batchGradient(w, sampler.next(rng));
            sum += x;
            sum2 += x * x;
        }
        const double sd = std::sqrt(std::max(0.0, sum2 / draws - (sum / draws) * (sum / draws)));
        if (batch == N) {
            QVERIFY(sd < 1e-6 * (1 + std::fabs(sum / draws)));   // rounding only: every batch is the full set
            return;
        }
        // Monte-Carlo error of an SD from 20000 draws: about 1 %.
        QVERIFY2(std::fabs(sd - expected) < 0.05 * expected, qPrintable(QString("%1 vs %2").arg(sd).arg(expected)));
        // With replacement the law would be sigma/sqrt(B): measurably different at B = 128.
        if (batch == 128) QVERIFY(std::fabs(sd - std::sqrt(var / batch)) > 0.2 * expected);
    }
};

QTEST_APPLESS_MAIN(TestSurfaces)
#include "tst_surfaces.moc"
