// The wrong-direction lab's engine: the directions at a point and their angle against the
// closed form and hand-worked values, the best step eps* = g^T g / g^T H g, and steepest
// descent with exact line search, whose loss ratio per step is measured against
// ((kappa - 1)/(kappa + 1))^2 (the Kantorovich bound: Nocedal & Wright, "Numerical
// Optimization", theorem 3.3; Luenberger, "Linear and Nonlinear Programming", 8.2).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <numbers>

#include "engine/common/random.h"
#include "engine/experiments/catalog.h"
#include "engine/experiments/steepest.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// The point with eigen-coordinates (u, v) on a bowl rotated by theta.
Eigen::Vector2d fromEigen(double theta, double u, double v)
{
    return u * Eigen::Vector2d(std::cos(theta), std::sin(theta)) + v * Eigen::Vector2d(-std::sin(theta), std::cos(theta));
}

} // namespace

class TestSteepest : public QObject {
    Q_OBJECT
private slots:
    void bowlHasEigenvaluesOneAndKappa()
    {
        const QuadraticBowl b = conditionedBowl(25, 30 * kDeg);
        QCOMPARE(b.lambda1(), 1.0);
        QCOMPARE(b.lambda2(), 25.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, conditionedBowl(0.5, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, conditionedBowl(10, NAN));
    }

    // The drawn contours are level sets: f = level at every point of the ellipse.
    void ellipsesAreLevelSets()
    {
        const QuadraticBowl b = conditionedBowl(40, 25 * kDeg);
        for (double level : {0.01, 0.5, 7.0}) {
            const auto pts = bowlEllipse(40, 25 * kDeg, level, 64);
            QCOMPARE(int(pts.size()), 65);
            QVERIFY((pts.front() - pts.back()).norm() < 1e-15);
            for (const Eigen::Vector2d& p : pts) QVERIFY(std::abs(b.value(p) - level) < 1e-12 * std::max(1.0, level));
        }
        QVERIFY(bowlEllipse(40, 0, 0).empty());
    }

    // kappa = 10, x = (1, 1) in the eigenbasis: g = (1, 10), cos phi = 11/(sqrt(101) sqrt(2)),
    // phi = 39.2894 degrees, whatever the rotation; Newton's direction is -x.
    void directionsWorkedByHand()
    {
        for (double deg : {0.0, 30.0, -75.0}) {
            const double theta = deg * kDeg;
            const QuadraticBowl b = conditionedBowl(10, theta);
            const Eigen::Vector2d x = fromEigen(theta, 1, 1);
            const BowlDirections d = bowlDirections(b, x);
            QVERIFY(!d.atMinimum);
            QVERIFY((d.steepest + fromEigen(theta, 1, 10)).norm() < 1e-12);
            QVERIFY((d.newton + x).norm() < 1e-12);
            QVERIFY((d.toMinimum + x).norm() < 1e-15);
            QVERIFY(std::abs(d.newtonAngle) < 1e-12);
            QVERIFY2(std::abs(d.angle / kDeg - 39.28940686250036) < 1e-9, qPrintable(QString::number(d.angle / kDeg)));
            QVERIFY(std::abs(gradientAngleClosedForm(1, 10, 1, 1) / kDeg - 39.28940686250036) < 1e-9);
        }
        // kappa = 4, x = (2, 1): g = (2, 4), cos phi = 8/(sqrt(20) sqrt(5)) = 0.8, phi = 36.8699 degrees.
        const BowlDirections d = bowlDirections(conditionedBowl(4, 0), {2, 1});
        QVERIFY(std::abs(d.angle / kDeg - 36.86989764584404) < 1e-9);
    }

    // The angle against the closed form at many points, never above the largest angle
    // acos(2 sqrt(kappa)/(kappa + 1)) (54.9032 degrees at kappa = 10), which (1/sqrt(l1), 1/sqrt(l2)) attains;
    // on the eigenvectors the angle is 0.
    void angleMatchesClosedForm()
    {
        QVERIFY(std::abs(largestGradientAngle(10) / kDeg - 54.9031987724154) < 1e-9);
        QCOMPARE(largestGradientAngle(1), 0.0);
        Rng rng = makeRng(7, 0);
        for (double kappa : {1.0, 2.0, 10.0, 100.0, 1000.0}) {
            const double theta = 20 * kDeg;
            const QuadraticBowl b = conditionedBowl(kappa, theta);
            for (int i = 0; i < 200; ++i) {
                const double u = 6 * uniform01(rng) - 3, v = 6 * uniform01(rng) - 3;
                const BowlDirections d = bowlDirections(b, fromEigen(theta, u, v));
                QVERIFY(std::abs(d.angle - gradientAngleClosedForm(1, kappa, u, v)) < 1e-7);
                QVERIFY(d.angle <= largestGradientAngle(kappa) + 1e-12);
            }
            const BowlDirections worst = bowlDirections(b, fromEigen(theta, 1, 1 / std::sqrt(kappa)));
            QVERIFY(std::abs(worst.angle - largestGradientAngle(kappa)) < 1e-7);
            QVERIFY(bowlDirections(b, fromEigen(theta, 2, 0)).angle < 1e-12);
            QVERIFY(bowlDirections(b, fromEigen(theta, 0, -1)).angle < 1e-12);
        }
    }

    // At the minimum g = 0: no direction, no angle, no NaN.
    void minimumHasNoDirection()
    {
        const QuadraticBowl b = conditionedBowl(10, 0.3);
        const BowlDirections d = bowlDirections(b, {0, 0});
        QVERIFY(d.atMinimum);
        QCOMPARE(d.angle, 0.0);
        const LineModel m = lineModel(b, {0, 0});
        QVERIFY(m.flat);
        QCOMPARE(m.bestStep, 0.0);
        const LineSearchRun r = steepestDescent(b, {0, 0}, 10);
        QVERIFY(r.atMinimum && r.landed);
        QCOMPARE(r.steps, 0);
        QCOMPARE(r.measuredRate, 0.0);
        QCOMPARE(zigzagRateFromStart(b, {0, 0}), 0.0);
        QCOMPARE(measuredZigzagRate(b, {0, 0}, 10), 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bowlDirections(b, {NAN, 0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, steepestDescent(b, {1, 1}, 0));
    }

    // eps* = g^T g / g^T H g worked by hand: kappa = 10, x = (1, 1): 101/1001, change
    // -1/2 101^2/1001 = -5.0954; kappa = 4, x = (2, 1): g = (2, 4), 20/68 = 5/17; kappa = 1: 1/lambda = 1.
    void bestStepWorkedByHand()
    {
        const LineModel a = lineModel(conditionedBowl(10, 30 * kDeg), fromEigen(30 * kDeg, 1, 1));
        QVERIFY(std::abs(a.gg - 101) < 1e-12 && std::abs(a.gHg - 1001) < 1e-10);
        QVERIFY(std::abs(a.bestStep - 101.0 / 1001.0) < 1e-14);
        QVERIFY(std::abs(a.bestChange + 0.5 * 101 * 101 / 1001.0) < 1e-12);
        QVERIFY(std::abs(a.bestChange - -5.095404595404595) < 1e-12);
        const LineModel b = lineModel(conditionedBowl(4, 0), {2, 1});
        QVERIFY(std::abs(b.bestStep - 5.0 / 17.0) < 1e-15);
        const LineModel c = lineModel(conditionedBowl(1, 0.4), {-2, 0.7});
        QVERIFY(std::abs(c.bestStep - 1.0) < 1e-15);
        // The model is the parabola's minimum: q'(eps*) = 0 and q(eps*) = bestChange.
        QVERIFY(std::abs(a.change(a.bestStep) - a.bestChange) < 1e-12);
        QVERIFY(a.change(a.bestStep * 0.9) > a.bestChange && a.change(a.bestStep * 1.1) > a.bestChange);
        // Where g^T H g is large the step is tiny: along the steep eigenvector eps* = 1/kappa.
        QVERIFY(std::abs(lineModel(conditionedBowl(1000, 0), {0, 1}).bestStep - 1e-3) < 1e-15);
    }

    // On a quadratic the second-order model is the loss itself: f(x - eps g) - f(x) = q(eps).
    void modelIsExactOnAQuadratic()
    {
        const QuadraticBowl b = conditionedBowl(50, -40 * kDeg);
        const Eigen::Vector2d x(-2.5, 1.0);
        const LineModel m = lineModel(b, x);
        for (double s : {0.0, 0.3, 1.0, 1.7, 2.0, 2.5}) {
            const double eps = s * m.bestStep;
            QVERIFY(std::abs(changeAlongGradient(b, x, eps) - m.change(eps)) < 1e-12 * std::max(1.0, std::abs(m.bestChange)));
        }
        QVERIFY(std::abs(changeAlongGradient(b, x, 2 * m.bestStep)) < 1e-10);   // twice eps*: back to the start's loss
    }

    // From x0 proportional to (1/l1, 1/l2) every step's ratio is ((kappa - 1)/(kappa + 1))^2:
    // measured to 1e-6, for several kappas and rotations, over 400 renormalised steps, and along
    // the lab's own run.
    void worstStartAttainsTheBound()
    {
        for (double kappa : {2.0, 10.0, 100.0, 1000.0}) {
            for (double deg : {0.0, 30.0, -60.0}) {
                const double theta = deg * kDeg;
                const QuadraticBowl b = conditionedBowl(kappa, theta);
                const double bound = zigzagRateBound(kappa);
                for (const Eigen::Vector2d& x0 : {worstStart(kappa, theta, 2.0), fromEigen(theta, 1, -1 / kappa)}) {
                    QVERIFY(std::abs(measuredZigzagRate(b, x0, 400) - bound) < 1e-6);
                    QVERIFY(std::abs(zigzagRateFromStart(b, x0) - bound) < 1e-12);
                    const LineSearchRun r = steepestDescent(b, x0, 60);
                    QVERIFY(!r.ratios.empty());
                    for (double q : r.ratios) QVERIFY2(std::abs(q - bound) < 1e-6, qPrintable(QString::number(q)));
                    QVERIFY(std::abs(r.measuredRate - bound) < 1e-6);
                }
                // The iterate is (kappa - 1)/(kappa + 1) times the start's mirror image (1/l1, -1/l2).
                const Eigen::Vector2d x0 = fromEigen(theta, 1, 1 / kappa);
                const LineSearchRun r = steepestDescent(b, x0, 1);
                const Eigen::Vector2d mirror = fromEigen(theta, 1, -1 / kappa) * ((kappa - 1) / (kappa + 1));
                QVERIFY((r.points[1] + mirror).norm() < 1e-12 * x0.norm() || (r.points[1] - mirror).norm() < 1e-12);
            }
        }
        QVERIFY(std::abs(zigzagRateBound(10) - 81.0 / 121.0) < 1e-15);
    }

    // From any other start the ratio is the same at every step (2-D: consecutive gradients are
    // orthogonal) and at most the bound; kappa = 10, x = (1, 1): 1 - 101^2/(1001 * 11) = 810/11011.
    void otherStartsAreAtMostTheBound()
    {
        const QuadraticBowl hand = conditionedBowl(10, 0);
        QVERIFY(std::abs(zigzagRateFromStart(hand, {1, 1}) - 810.0 / 11011.0) < 1e-14);
        QVERIFY(std::abs(measuredZigzagRate(hand, {1, 1}, 300) - 810.0 / 11011.0) < 1e-6);
        for (std::uint64_t seed : {1u, 2u, 3u}) {
            Rng rng = makeRng(seed, 0);
            for (double kappa : {3.0, 10.0, 100.0}) {
                const double theta = (180 * uniform01(rng) - 90) * kDeg;
                const QuadraticBowl b = conditionedBowl(kappa, theta);
                for (int i = 0; i < 20; ++i) {
                    const Eigen::Vector2d x0(6 * uniform01(rng) - 3, 6 * uniform01(rng) - 3);
                    const double theory = zigzagRateFromStart(b, x0);
                    QVERIFY(theory <= zigzagRateBound(kappa) + 1e-12);
                    QVERIFY2(std::abs(measuredZigzagRate(b, x0, 300) - theory) < 1e-6, qPrintable(QString::number(theory)));
                    const LineSearchRun r = steepestDescent(b, x0, 40);
                    for (double q : r.ratios) {
                        QVERIFY(q <= zigzagRateBound(kappa) + 1e-9);
                        QVERIFY(std::abs(q - theory) < 1e-6);
                    }
                    // Consecutive steps are perpendicular: the zig-zag.
                    for (std::size_t t = 0; t + 2 < r.points.size(); ++t) {
                        const Eigen::Vector2d s1 = r.points[t + 1] - r.points[t], s2 = r.points[t + 2] - r.points[t + 1];
                        QVERIFY(std::abs(s1.dot(s2)) <= 1e-9 * s1.norm() * s2.norm() + 1e-300);
                    }
                }
            }
        }
    }

    // kappa = 1 (a round bowl): the gradient points at the minimum and one step lands.
    void roundBowlLandsInOneStep()
    {
        const QuadraticBowl b = conditionedBowl(1, 0.7);
        const Eigen::Vector2d x0(-2.5, 1.0);
        QVERIFY(bowlDirections(b, x0).angle < 1e-12);
        const LineSearchRun r = steepestDescent(b, x0, 50);
        QVERIFY(r.landed);
        QCOMPARE(r.steps, 1);
        QVERIFY(r.points[1].norm() < 1e-14);
        QVERIFY(r.measuredRate < 1e-6);
        QCOMPARE(zigzagRateBound(1), 0.0);
        QVERIFY(measuredZigzagRate(b, x0, 10) < 1e-6);
    }

    // A long ill-conditioned run neither underflows nor stalls: kappa = 1000 from the worst start,
    // 2000 steps, loss ratio 0.996 per step, and the measured rate still the bound.
    void longRunStaysFinite()
    {
        const QuadraticBowl b = conditionedBowl(1000, 0.2);
        const LineSearchRun r = steepestDescent(b, worstStart(1000, 0.2, 3), 2000);
        QCOMPARE(r.steps, 2000);
        for (double f : r.losses) QVERIFY(std::isfinite(f) && f >= 0);
        QVERIFY(std::abs(r.measuredRate - zigzagRateBound(1000)) < 1e-6);
        // A short-lived conditioning (kappa = 1.5) lands before the budget: the loss falls 10^30.
        const LineSearchRun s = steepestDescent(conditionedBowl(1.5, 0), worstStart(1.5, 0, 2), 500);
        QVERIFY(s.landed && s.steps < 500);
        QVERIFY(s.losses.back() <= 1e-30 * s.losses.front());
        QVERIFY(s.losses[s.losses.size() - 2] > 1e-30 * s.losses.front());
        QVERIFY(std::abs(s.measuredRate - zigzagRateBound(1.5)) < 1e-6);
    }

    // The lab text's numbers: the bound 0.669 at kappa = 10 and 0.961 at kappa = 100, where from
    // the worst start a factor of 10^6 takes over 300 steps (346: log 10^-6 / log 0.9608 = 345.4);
    // the largest angle 54.9 degrees at kappa = 10 and 78.6 at kappa = 100; the default point
    // (-2.5, -1) at kappa = 10 rotated 30 degrees: 47.0 degrees, eps* = 0.141, rate 0.640.
    void theTextsNumbers()
    {
        QVERIFY(std::abs(zigzagRateBound(10) - 0.669) < 5e-4);
        QVERIFY(std::abs(zigzagRateBound(100) - 0.961) < 5e-4);
        QVERIFY(std::abs(largestGradientAngle(10) / kDeg - 54.9) < 0.05);
        QVERIFY(std::abs(largestGradientAngle(100) / kDeg - 78.6) < 0.05);
        const QuadraticBowl b100 = conditionedBowl(100, 0.5);
        const LineSearchRun r = steepestDescent(b100, worstStart(100, 0.5, 2.5), 400);
        int t = 0;
        while (r.losses[std::size_t(t)] > 1e-6 * r.losses[0]) ++t;
        QCOMPARE(t, 346);
        const QuadraticBowl b = conditionedBowl(10, 30 * kDeg);
        const Eigen::Vector2d x(-2.5, -1.0);
        QVERIFY(std::abs(bowlDirections(b, x).angle / kDeg - 47.04) < 0.005);
        QVERIFY(std::abs(lineModel(b, x).bestStep - 0.141) < 5e-4);
        QVERIFY(std::abs(zigzagRateFromStart(b, x) - 0.640) < 5e-4);
        QVERIFY(std::abs(measuredZigzagRate(b, x, 200) - zigzagRateFromStart(b, x)) < 1e-6);
    }

    void experimentRuns()
    {
        const ExperimentInfo* e = findExperiment("steepest");
        QVERIFY(e);
        Progress progress;
        const std::string json = runExperiment(*e, {{"kappa", "10"}, {"worst", "true"}, {"steps", "100"}}, 1, progress);
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
        QCOMPARE(o.value("experiment").toString(), QStringLiteral("steepest"));
        QCOMPARE(o.value("steps").toInt(), 100);        // the setting echoed
        QCOMPARE(o.value("stepsTaken").toInt(), 100);   // and the steps taken: one key each
        QCOMPARE(QByteArray::fromStdString(json).count("\"steps\":"), 1);
        QCOMPARE(o.value("losses").toArray().size(), 101);
        QVERIFY(std::abs(o.value("measuredRate").toDouble() - 81.0 / 121.0) < 1e-6);
        QVERIFY(std::abs(o.value("rateBound").toDouble() - 81.0 / 121.0) < 1e-12);
        QVERIFY(std::abs(o.value("angleDegrees").toDouble() - o.value("angleClosedFormDegrees").toDouble()) < 1e-6);
        const std::string hand = runExperiment(*e, {{"kappa", "10"}, {"angle", "0"}, {"x", "1"}, {"y", "1"}}, 1, progress);
        const QJsonObject h = QJsonDocument::fromJson(QByteArray::fromStdString(hand)).object();
        QVERIFY(std::abs(h.value("bestStep").toDouble() - 101.0 / 1001.0) < 1e-12);
        QVERIFY(std::abs(h.value("rateFromStart").toDouble() - 810.0 / 11011.0) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"kappa", "0.5"}}, 1, progress));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"steps", "0"}}, 1, progress));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"x", "nan"}}, 1, progress));
    }
};

QTEST_APPLESS_MAIN(TestSteepest)
#include "tst_steepest.moc"
