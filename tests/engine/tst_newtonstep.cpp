// The Newton lab's engine: the quadratic model at a point (worked by hand), its contours (level
// sets of the model, checked point by point), Newton's and damped Newton's runs on the bowl
// (one step; the distance times 1 - alpha per step), on Rosenbrock from (-1.2, 1), to
// Himmelblau's maximum and to the double well's saddle, and the Hessian's cost in entries and
// bytes (exact integers).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

#include "engine/experiments/catalog.h"
#include "engine/experiments/newtonstep.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

namespace {

NewtonStepResult newton(const std::string& surface, double x, double y, double step = 1.0, int steps = 50)
{
    NewtonStepParams p;
    p.surface = surface;
    p.x = x;
    p.y = y;
    p.step = step;
    p.steps = steps;
    return runNewtonStep(p);
}

Point2 endOf(const NewtonStepResult& r) { return {r.run.run.final(0), r.run.run.final(1)}; }

} // namespace

class TestNewtonStep : public QObject {
    Q_OBJECT
private slots:
    // Rosenbrock at (-1.2, 1), by hand: g = (-215.6, -88), H = [[1330, 480], [480, 200]],
    // det H = 35600, H^-1 g = (1/35600)(200 (-215.6) - 480 (-88), -480 (-215.6) + 1330 (-88))
    // = (-0.024719..., -3.380674...)... so the Newton point is (-1.2 + 0.0247191, 1 + 3.3806742).
    void modelWorkedByHand()
    {
        const Rosenbrock r;
        const QuadraticModel m = quadraticModel(r, {-1.2, 1.0});
        QCOMPARE(m.value, 24.2);
        QVERIFY(std::abs(m.gradient.x() + 215.6) < 1e-12 && std::abs(m.gradient.y() + 88.0) < 1e-12);
        QCOMPARE(m.hessian(0, 0), 1330.0);
        QCOMPARE(m.hessian(0, 1), 480.0);
        QCOMPARE(m.hessian(1, 1), 200.0);
        QCOMPARE(m.shape, ModelShape::Minimum);
        const double dx = -(200 * -215.6 - 480 * -88.0) / 35600.0, dy = -(-480 * -215.6 + 1330 * -88.0) / 35600.0;
        QVERIFY(std::abs(m.newtonStep.x() - dx) < 1e-12 && std::abs(m.newtonStep.y() - dy) < 1e-12);
        // m* = f + 1/2 g^T d.
        QVERIFY(std::abs(m.modelAtNewton - (24.2 + 0.5 * (-215.6 * dx - 88.0 * dy))) < 1e-10);
        QCOMPARE(m.valueAtNewton, r.value(m.newtonPoint));
        // The model agrees with f to second order: the error shrinks like |d|^3.
        const Point2 d(1e-3, -2e-3);
        QVERIFY(std::abs(m.model(d) - r.value(m.point + d)) < 1e-6);
    }

    // The shapes: the double well's saddle region, Himmelblau's maximum, a singular Hessian.
    void shapes()
    {
        const DoubleWell w;
        QCOMPARE(quadraticModel(w, {0.3, 0.2}).shape, ModelShape::Saddle);
        QCOMPARE(quadraticModel(w, {0.3, 0.9}).shape, ModelShape::Minimum);
        QCOMPARE(quadraticModel(w, {0.3, 1.0 / std::sqrt(3.0)}).shape, ModelShape::Singular);
        const Himmelblau h;
        QCOMPARE(quadraticModel(h, {-0.27, -0.92}).shape, ModelShape::Maximum);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, quadraticModel(h, {NAN, 0}));
        // A saddle's Newton point is the model's saddle: the gradient of the model is zero there.
        const QuadraticModel m = quadraticModel(w, {0.4, 0.3});
        const Point2 gm = m.gradient + m.hessian * m.newtonStep;
        QVERIFY(gm.norm() < 1e-14);
    }

    // Every point of a drawn contour lies on the level set (p - x_N)^T H (p - x_N) = k, for the
    // ellipse, both hyperbola cases and the asymptotes; the contour through the point contains it.
    void contoursAreLevelSets()
    {
        const DoubleWell w;
        const Domain box{-2, 2, -2, 2};
        for (const Point2& at : {Point2(1.5, 0.3), Point2(0.4, 1.2), Point2(-0.8, -0.1)}) {
            const QuadraticModel m = quadraticModel(w, at);
            const double through = m.newtonStep.dot(m.hessian * m.newtonStep);
            for (double k : {through, -through, through / 16, 0.0}) {
                const auto parts = modelContour(m, k, box);
                if (m.shape == ModelShape::Minimum && !(k > 0)) {
                    QVERIFY(parts.empty());
                    continue;
                }
                QVERIFY2(!parts.empty(), qPrintable(QStringLiteral("k = %1").arg(k)));
                for (const auto& line : parts) {
                    QVERIFY(line.size() >= 2);
                    for (const Point2& p : line) {
                        const Point2 e = p - m.newtonPoint;
                        QVERIFY(std::abs(e.dot(m.hessian * e) - k) < 1e-9 * std::max(1.0, std::abs(through)));
                        QVERIFY(p.x() >= -2 - 1e-6 && p.x() <= 2 + 1e-6 && p.y() >= -2 - 1e-6 && p.y() <= 2 + 1e-6);
                    }
                }
            }
            // The contour through the point passes through it (to the sampling).
            double nearest = INFINITY;
            for (const auto& line : modelContour(m, through, box, 2000))
                for (const Point2& p : line) nearest = std::min(nearest, (p - at).norm());
            QVERIFY2(nearest < 0.01, qPrintable(QString::number(nearest)));
        }
        QVERIFY(modelContour(quadraticModel(w, {0, 1.0 / std::sqrt(3.0)}), 1.0, box).empty());
    }

    // On the bowl one Newton step lands on the minimum, from anywhere.
    void oneStepOnTheBowl()
    {
        for (const Point2& s : {Point2(-2.5, 2.0), Point2(3, -3), Point2(0.1, 0.0), Point2(-1, -2.7)}) {
            const NewtonStepResult r = newton("bowl", s.x(), s.y());
            QVERIFY(r.converged);
            QCOMPARE(r.run.run.steps, 1);
            QVERIFY(endOf(r).norm() < 1e-14);
            QCOMPARE(r.endKind, PointKind::Minimum);
            QCOMPARE(r.model.shape, ModelShape::Minimum);
            QVERIFY(r.model.newtonPoint.norm() < 1e-14);
        }
    }

    // Damped Newton on the bowl: x_t = (1 - alpha)^t x_0 exactly (to rounding).
    void dampedNewtonShrinksByOneMinusAlpha()
    {
        for (double alpha : {0.05, 0.25, 0.5, 0.9}) {
            const NewtonStepResult r = newton("bowl", -2.5, 2.0, alpha, 20);
            const auto& pts = r.run.run.points;
            QVERIFY(pts.size() >= 3);
            for (std::size_t t = 1; t < pts.size(); ++t)
                QVERIFY(std::abs(pts[t].norm() / pts[t - 1].norm() - (1 - alpha)) < 1e-12);
        }
    }

    // Rosenbrock from (-1.2, 1): pure Newton is not a descent method. Its second step climbs
    // from f = 4.73 to f = 1411.8 (the iterates: Nocedal & Wright's exercise 3.1 setting; the
    // values recomputed here by hand from the formulas of the step), and it still reaches (1, 1)
    // in 7 steps, the last ones quadratically.
    void rosenbrockFromTheClassicStart()
    {
        const NewtonStepResult r = newton("rosenbrock", -1.2, 1.0);
        QVERIFY(r.converged);
        QCOMPARE(r.endKind, PointKind::Minimum);
        QVERIFY((endOf(r) - Point2(1, 1)).norm() < 1e-10);
        QCOMPARE(r.run.run.steps, 7);
        const auto& f = r.run.run.losses;
        QVERIFY(std::abs(f[1] - 4.7319) < 1e-3);
        QVERIFY(std::abs(f[2] - 1411.85) < 0.01);
        // Quadratic convergence: once within 0.1 of (1, 1) each step squares the distance or
        // better (0.056, then 9.6e-6, then 1.9e-11, then 0).
        std::vector<double> e;
        for (const Eigen::VectorXd& p : r.run.run.points) e.push_back((Point2(p(0), p(1)) - Point2(1, 1)).norm());
        QVERIFY(std::abs(e[4] - 0.05597) < 1e-4);
        QVERIFY(std::abs(e[5] - 9.625e-6) < 1e-8);
        QVERIFY(std::abs(e[6] - 1.853e-11) < 1e-13);
        for (std::size_t t = 4; t + 1 < e.size(); ++t) QVERIFY2(e[t + 1] <= e[t] * e[t], qPrintable(QString::number(t)));
    }

    // Newton goes where the model's critical point is: to Himmelblau's maximum from near it,
    // and to the double well's saddle from every start with |y| <= 0.4 (its y-map sends such y
    // to |y'| <= 0.62 |y|), to a minimum from every start with |y| > 1/sqrt(3).
    void attractedToMaximaAndSaddles()
    {
        const NewtonStepResult top = newton("himmelblau", -0.5, -0.5);
        QVERIFY(top.converged);
        QCOMPARE(top.endKind, PointKind::Maximum);
        QVERIFY((endOf(top) - Point2(-0.270845, -0.923039)).norm() < 1e-5);
        for (double x : {-1.9, -0.5, 0.0, 1.2, 2.0}) {
            for (double y : {-0.4, -0.25, -0.01, 0.0, 0.13, 0.3, 0.4}) {
                const NewtonStepResult r = newton("double-well", x, y);
                QVERIFY(r.converged);
                QCOMPARE(r.endKind, PointKind::Saddle);
                QVERIFY(endOf(r).norm() < 1e-10);
            }
            for (double y : {-2.0, -1.0, -0.6, 0.58, 0.9, 1.7}) {
                const NewtonStepResult r = newton("double-well", x, y);
                QVERIFY(r.converged);
                QCOMPARE(r.endKind, PointKind::Minimum);
                QVERIFY((endOf(r) - Point2(0, y > 0 ? 1 : -1)).norm() < 1e-10);
            }
        }
    }

    // On the double well's line y = 1/sqrt(3) the Hessian is singular: the run stops and says so.
    void singularHessianStops()
    {
        const NewtonStepResult r = newton("double-well", 0.5, 1.0 / std::sqrt(3.0));
        QCOMPARE(r.model.shape, ModelShape::Singular);
        QVERIFY(!r.converged);
        QCOMPARE(r.run.run.status, RunStatus::Stopped);
        QVERIFY(!r.run.stopReason.empty());
        for (double f : r.run.run.losses) QVERIFY(std::isfinite(f));
    }

    // n^2 entries, n(n + 1)/2 distinct, 8 n^2 bytes, n^3/3 operations; the lesson's networks.
    void hessianCosts()
    {
        QCOMPARE(denseParameterCount({64, 32, 10}), std::uint64_t(2410));      // 64*32 + 32 + 32*10 + 10
        QCOMPARE(denseParameterCount({784, 100, 10}), std::uint64_t(79510));   // 78400 + 100 + 1000 + 10
        const HessianCost d = hessianCost(2410);
        QCOMPARE(d.entries, std::uint64_t(5808100));
        QCOMPARE(d.distinctEntries, std::uint64_t(2905255));
        QCOMPARE(d.bytes, std::uint64_t(46464800));
        const HessianCost m = hessianCost(79510);
        QCOMPARE(m.bytes, std::uint64_t(50574720800ULL));
        QCOMPARE(hessianCost(1000000).bytes, std::uint64_t(8000000000000ULL));          // 8 TB
        QCOMPARE(hessianCost(100000000).bytes, std::uint64_t(80000000000000000ULL));    // 80 PB
        QCOMPARE(hessianCost(1000000).solveOperations, 1e18 / 3);
        QCOMPARE(hessianCost(1000000000).entries, std::uint64_t(1000000000000000000ULL));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, hessianCost(0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, hessianCost(1000000001));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, denseParameterCount({64}));
        const auto table = lessonHessianCosts();
        QCOMPARE(int(table.size()), 6);
        QCOMPARE(table[0].parameters, std::uint64_t(2));
        QCOMPARE(table[0].bytes, std::uint64_t(32));
        QCOMPARE(table[1].parameters, std::uint64_t(1210));   // 64*16 + 16 + 16*10 + 10
        QCOMPARE(table[1].bytes, std::uint64_t(11712800));
        QCOMPARE(table[2].parameters, std::uint64_t(2410));
        QCOMPARE(table[5].parameters, std::uint64_t(100000000));
    }

    void badSettingsAreRefused()
    {
        NewtonStepParams p;
        p.surface = "camel";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runNewtonStep(p));
        p = {};
        p.step = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runNewtonStep(p));
        p.step = 1.5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runNewtonStep(p));
        p = {};
        p.x = INFINITY;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runNewtonStep(p));
        p = {};
        p.steps = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runNewtonStep(p));
    }

    // `minima run newton-step`: the numbers the lab shows, as JSON; a bad key is refused.
    void experimentWritesJson()
    {
        const ExperimentInfo* e = findExperiment("newton-step");
        QVERIFY(e);
        const std::string json = runExperiment(*e, {{"surface", "bowl"}, {"x", "1"}, {"y", "-2"}}, 1, Progress::none());
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
        QCOMPARE(o.value("modelShape").toString(), QStringLiteral("minimum"));
        QCOMPARE(o.value("steps").toInt(), 1);
        QCOMPARE(o.value("endsAt").toString(), QStringLiteral("minimum"));
        QCOMPARE(o.value("path").toArray().size(), 2);
        const QJsonArray costs = o.value("hessianCosts").toArray();
        QCOMPARE(costs.size(), 6);
        QCOMPARE(costs.at(2).toObject().value("bytes").toDouble(), 46464800.0);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"step", "2"}}, 1, Progress::none()));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"surface", "moon"}}, 1, Progress::none()));
    }
};

QTEST_APPLESS_MAIN(TestNewtonStep)
#include "tst_newtonstep.moc"
