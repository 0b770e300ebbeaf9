// The saddle lab's engine: the three surfaces' derivatives, the four methods' steps against
// steps worked by hand, and gradient descent's escape time against its closed form.
#include <QtTest>

#include <algorithm>
#include <cmath>

#include <Eigen/LU>

#include "engine/experiments/catalog.h"
#include "engine/experiments/saddles.h"

using namespace minima;

namespace {

// Central differences of the value alone, independent of gradient() and hessian().
Point2 numericGradient(const Surface& s, const Point2& p, double h)
{
    return {(s.value(p + Point2(h, 0)) - s.value(p - Point2(h, 0))) / (2 * h),
            (s.value(p + Point2(0, h)) - s.value(p - Point2(0, h))) / (2 * h)};
}

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

SaddleSettings settings(double lr = 0.05, int steps = 100)
{
    SaddleSettings s;
    s.learningRate = lr;
    s.steps = steps;
    return s;
}

bool allFinite(const SaddlePath& p)
{
    for (const Point2& q : p.points)
        if (!q.allFinite()) return false;
    for (double g : p.gradNorms)
        if (!std::isfinite(g)) return false;
    return true;
}

} // namespace

class TestSaddles : public QObject {
    Q_OBJECT
private slots:
    // Hessians worked by hand from the formulas:
    //   5x^2 - y^2:   f_xx = 10, f_xy = 0, f_yy = -2 everywhere;
    //   x^3 - 3xy^2:  f_xx = 6x, f_xy = -6y, f_yy = -6x, so at (0.7, -0.3): [[4.2, 1.8], [1.8, -4.2]];
    //   y^2/2 - exp(-(x - 1)^2 / 0.5): f_xx = (1 - u^2/s^2) E / s^2 with u = x - 1, s = 0.5:
    //     at x = 1 it is 4 (the well's bottom), at x = 0.5 it is 0 (u^2 = s^2, the inflection),
    //     at x = 0 it is (1 - 4) e^-2 / 0.25 = -12 e^-2; f_yy = 1, f_xy = 0.
    void hessiansWorkedByHand()
    {
        const SteepSaddle saddle;
        for (const Point2& p : {Point2(0, 0), Point2(1.3, -0.4), Point2(-2, 2)}) {
            const Eigen::Matrix2d h = saddle.hessian(p);
            QCOMPARE(h(0, 0), 10.0);
            QCOMPARE(h(0, 1), 0.0);
            QCOMPARE(h(1, 0), 0.0);
            QCOMPARE(h(1, 1), -2.0);
        }
        const MonkeySaddle monkey;
        const Eigen::Matrix2d m = monkey.hessian(Point2(0.7, -0.3));
        QVERIFY(std::abs(m(0, 0) - 4.2) < 1e-14);
        QVERIFY(std::abs(m(0, 1) - 1.8) < 1e-14);
        QVERIFY(std::abs(m(1, 0) - 1.8) < 1e-14);
        QVERIFY(std::abs(m(1, 1) + 4.2) < 1e-14);
        // At the centre the whole Hessian vanishes: the second-derivative test says nothing.
        QCOMPARE(monkey.hessian(Point2(0, 0)), Eigen::Matrix2d::Zero().eval());
        QCOMPARE(monkey.gradient(Point2(0, 0)), Point2(0, 0));
        QCOMPARE(classifyHessian(monkey.hessian(Point2(0, 0))), PointKind::Degenerate);
        // Its eigenvalues are +-6|p| (trace 0, determinant -36 |p|^2).
        const Eigen::Matrix2d m2 = monkey.hessian(Point2(0.3, 0.4));
        QVERIFY(std::abs(m2.trace()) < 1e-15);
        QVERIFY(std::abs(m2.determinant() + 36 * 0.25) < 1e-13);

        const GaussianPlateau plateau;
        QVERIFY(std::abs(plateau.hessian(Point2(1.0, 0.3))(0, 0) - 4.0) < 1e-14);
        QVERIFY(std::abs(plateau.hessian(Point2(0.5, 0.0))(0, 0)) < 1e-15);
        QVERIFY(std::abs(plateau.hessian(Point2(0.0, -1.0))(0, 0) + 12.0 * std::exp(-2.0)) < 1e-14);
        QCOMPARE(plateau.hessian(Point2(0.0, -1.0))(1, 1), 1.0);
        QCOMPARE(plateau.hessian(Point2(0.0, -1.0))(0, 1), 0.0);
        // The plateau: at (-2, 0) the slope is 3/0.25 e^-18 = 1.8e-7 and f is within 2e-8 of 0,
        // four units of f above the minimum's -1, and the minimum is the well's bottom alone.
        QVERIFY(std::abs(plateau.gradient(Point2(-2, 0)).norm() / 1.8e-7 - 1) < 0.02);
        QVERIFY(std::abs(plateau.value(Point2(-2, 0))) < 2e-8);
        QCOMPARE(plateau.value(Point2(1, 0)), -1.0);
        QCOMPARE(classifyHessian(plateau.hessian(Point2(1, 0))), PointKind::Minimum);
    }

    void derivativesMatchFiniteDifferences()
    {
        for (const std::string& key : saddleSurfaceKeys()) {
            const auto s = makeSaddleSurface(key);
            for (const Point2& p : {Point2(0.3, -0.7), Point2(-1.1, 0.4), Point2(1.2, 1.0)}) {
                const Point2 g = s->gradient(p), ng = numericGradient(*s, p, 1e-5);
                QVERIFY2((g - ng).norm() < 1e-6 * std::max(1.0, g.norm()), key.c_str());
                const Eigen::Matrix2d h = s->hessian(p), nh = numericHessian(*s, p, 1e-4);
                QVERIFY2((h - nh).norm() < 1e-5 * std::max(1.0, h.norm()), key.c_str());
            }
        }
    }

    // Newton on 5x^2 - y^2: H^-1 g = (10x/10, -2y/-2) = (x, y), so x - H^-1 g = (0, 0) from
    // every start: one step lands on the saddle (to the rounding of 10x / 10), and the run
    // stops there, on a critical point.
    void newtonLandsOnTheSaddleInOneStep()
    {
        const SteepSaddle s;
        for (const Point2& start : {Point2(1.5, 0.01), Point2(-0.3, 1.7), Point2(0.7, -0.2), Point2(-1.9, -1.9)}) {
            const SaddlePath p = runSaddleMethod("saddle", s, SaddleMethod::Newton, start, settings());
            QCOMPARE(p.steps, 1);
            QVERIFY(p.points.size() == 2);
            QVERIFY2(p.points[1].norm() <= 1e-15 * start.norm(), qPrintable(QString::number(p.points[1].norm())));
            QCOMPARE(p.end, SaddleEnd::Critical);
            QCOMPARE(p.escapeStep, -1);   // it never leaves: it sits on the saddle
        }
    }

    // Saddle-free Newton: |H| = diag(10, 2), |H|^-1 g = (x, -y), so (x0, y0) -> (0, 2 y0):
    // the stable coordinate is solved as Newton would, the unstable one pushed away, doubling.
    void saddleFreeNewtonDoublesTheUnstableCoordinate()
    {
        const SteepSaddle s;
        for (const Point2& start : {Point2(1.5, 0.01), Point2(-0.3, 0.2), Point2(0.7, -0.05)}) {
            const SaddlePath p = runSaddleMethod("saddle", s, SaddleMethod::SaddleFreeNewton, start, settings(0.05, 3));
            QVERIFY(p.points.size() >= 2);
            QVERIFY(std::abs(p.points[1].x()) < 1e-15);
            QVERIFY(std::abs(p.points[1].y() - 2 * start.y()) < 1e-15);
            if (p.points.size() > 2) QVERIFY(std::abs(p.points[2].y() - 4 * start.y()) < 1e-15);
        }
        // From (1.5, 0.01) it doubles to 0.64 in 6 steps and 1.28 in 7: radius 1 is left at step 7.
        const SaddlePath p = runSaddleMethod("saddle", s, SaddleMethod::SaddleFreeNewton, Point2(1.5, 0.01), settings());
        QCOMPARE(p.escapeStep, 7);
    }

    // The monkey saddle is a homogeneous cubic, so H(p) p = 2 g(p) (Euler's theorem on the
    // gradient, homogeneous of degree 2): Newton's step is p/2, and it halves its way into the
    // degenerate saddle instead of leaving it; at the centre H = 0 and Newton cannot step.
    void newtonHalvesTowardsTheMonkeySaddle()
    {
        const MonkeySaddle s;
        const Point2 start(1.0, 0.05);
        const SaddlePath p = runSaddleMethod("monkey", s, SaddleMethod::Newton, start, settings(0.05, 10));
        QCOMPARE(p.steps, 10);
        for (int t = 1; t <= 10; ++t) QVERIFY((p.points[std::size_t(t)] - start / std::pow(2.0, t)).norm() < 1e-14);
        const SaddlePath centre = runSaddleMethod("monkey", s, SaddleMethod::Newton, Point2(0, 0), settings());
        QCOMPARE(centre.end, SaddleEnd::Critical);   // the gradient is 0 there first
        // Just off the centre the gradient is below 1e-12 too; further off, a Hessian of
        // eigenvalues +-6e-13 is singular by the tolerance: reported, not divided by.
        SaddleSettings few = settings(0.05, 5);
        const SaddlePath tiny = runSaddleMethod("monkey", s, SaddleMethod::Newton, Point2(1e-13, 0), few);
        QCOMPARE(tiny.end, SaddleEnd::Critical);
        QVERIFY(allFinite(tiny));
        // On the plateau's far floor, at x = -3.5, the curvature along x is -8e-16: singular, stopped at once.
        const GaussianPlateau plateau;
        const SaddlePath far = runSaddleMethod("plateau", plateau, SaddleMethod::Newton, Point2(-3.5, 0.5), settings());
        QCOMPARE(far.end, SaddleEnd::Singular);
        QCOMPARE(far.steps, 0);
        QCOMPARE(far.points.size(), std::size_t(1));
        // Saddle-free Newton's floor makes the monkey saddle's centre a fixed point, not 0/0.
        const SaddlePath sfn = runSaddleMethod("monkey", s, SaddleMethod::SaddleFreeNewton, Point2(0, 0), settings());
        QCOMPARE(sfn.end, SaddleEnd::Critical);
        QVERIFY(allFinite(sfn));
    }

    // Gradient descent from (x0, y0) on 5x^2 - y^2: x_t = x0 (1 - 10 lr)^t, y_t = y0 (1 + 2 lr)^t.
    void gradientDescentFollowsTheLinearMap()
    {
        const SteepSaddle s;
        const Point2 start(1.5, 0.01);
        const SaddlePath p = runSaddleMethod("saddle", s, SaddleMethod::GradientDescent, start, settings(0.05, 30));
        for (int t = 0; t <= 30; ++t) {
            QVERIFY(std::abs(p.points[std::size_t(t)].x() - 1.5 * std::pow(0.5, t)) < 1e-12);
            QVERIFY(std::abs(p.points[std::size_t(t)].y() / (0.01 * std::pow(1.1, t)) - 1) < 1e-12);
        }
        // Just above lr = 2/10 the stable direction overshoots: |x| grows by 1.1 a step.
        const SaddlePath over = runSaddleMethod("saddle", s, SaddleMethod::GradientDescent, start, settings(0.21, 10));
        for (int t = 1; t <= 10; ++t)
            QVERIFY(std::abs(std::abs(over.points[std::size_t(t)].x()) / std::abs(over.points[std::size_t(t - 1)].x()) - 1.1) < 1e-12);
        // At 0.5 it is uphill off the map in a few steps, reported as diverged.
        const SaddlePath fast = runSaddleMethod("saddle", s, SaddleMethod::GradientDescent, start, settings(0.5, 500));
        QCOMPARE(fast.end, SaddleEnd::Diverged);
        QVERIFY(allFinite(fast));
        QVERIFY(fast.steps < 10);
        // Below it, the unstable direction carries it off the map downhill: ran off, not diverged.
        const SaddlePath slow = runSaddleMethod("saddle", s, SaddleMethod::GradientDescent, start, settings(0.05, 500));
        QCOMPARE(slow.end, SaddleEnd::RanOff);
        QVERIFY(allFinite(slow));
    }

    // The measured escape: the steps to reach |y| >= R from (0, y0) are exactly the ceiling of
    // log(R/|y0|) / log(1 + 2 lr) (distances whose ratio is within 1e-9 of an integer, where
    // rounding may move the count by one, are skipped).
    void escapeStepsMatchTheClosedForm()
    {
        int compared = 0;
        for (double lr : {0.001, 0.01, 0.05, 0.1, 0.3, 1.0}) {
            for (double radius : {1.0, 0.5}) {
                EscapeSweepParams p;
                p.learningRate = lr;
                p.radius = radius;
                p.from = 1e-10;
                p.to = 0.1;
                p.points = 12;
                const auto samples = escapeSweep(p);
                QCOMPARE(int(samples.size()), 12);
                for (const EscapeSample& e : samples) {
                    const double l = escapeStepsClosedForm(e.distance, lr, radius);
                    QVERIFY(std::abs(l - std::log(radius / e.distance) / std::log(1 + 2 * lr)) < 1e-9 * l);
                    if (std::abs(l - std::round(l)) < 1e-9) continue;
                    QCOMPARE(e.measured, (long long)std::ceil(l));
                    ++compared;
                }
            }
        }
        QVERIFY(compared > 140);
        // Hand-worked: lr = 0.05, R = 1, y0 = 0.01: log(100)/log(1.1) = 48.3, so 49 steps.
        QCOMPARE(escapeStepsCeiling(0.01, 0.05, 1.0), 49LL);
        const SteepSaddle s;
        QCOMPARE(runSaddleMethod("saddle", s, SaddleMethod::GradientDescent, Point2(0, 0.01), settings(0.05, 1000), true).escapeStep, 49);
        // Each factor of ten closer to the stable direction costs log(10)/log(1 + 2 lr) more steps.
        QVERIFY(std::abs(escapeStepsClosedForm(1e-6, 0.05, 1) - escapeStepsClosedForm(1e-5, 0.05, 1) - std::log(10) / std::log(1.1)) < 1e-9);
        QCOMPARE(std::round(std::log(10) / std::log(1.1)), 24.0);
        // On the stable direction itself it never leaves.
        QVERIFY(std::isinf(escapeStepsClosedForm(0.0, 0.05, 1.0)));
        QCOMPARE(escapeStepsCeiling(0.0, 0.05, 1.0), -1LL);
        QCOMPARE(runSaddleMethod("saddle", s, SaddleMethod::GradientDescent, Point2(0.5, 0), settings(0.05, 1000)).escapeStep, -1);
    }

    // The lab's defaults (rate 0.05, 200 steps, floor 0.1, R = 1) from each surface's default
    // start, as the lab's text tells them.
    void theDefaultRunsAsTheTextTellsThem()
    {
        const SaddleSettings d;
        QCOMPARE(d.steps, 200);
        QCOMPARE(d.learningRate, 0.05);
        QCOMPARE(d.eigenFloor, 0.1);
        QCOMPARE(d.radius, 1.0);
        auto run = [&](const std::string& key, SaddleMethod m) {
            const auto s = makeSaddleSurface(key);
            return runSaddleMethod(key, *s, m, s->defaultStart(), d);
        };
        // 5x^2 - y^2 from (1.5, 0.01): gradient descent leaves R at step 49, on the closed form
        // for y0 = 0.01 (the x part has shrunk by 2^-49 by then); saddle-free Newton at step 7.
        QCOMPARE(run("saddle", SaddleMethod::GradientDescent).escapeStep, 49);
        QCOMPARE(escapeStepsCeiling(0.01, 0.05, 1.0), 49LL);
        QCOMPARE(run("saddle", SaddleMethod::SaddleFreeNewton).escapeStep, 7);
        QCOMPARE(run("saddle", SaddleMethod::Newton).end, SaddleEnd::Critical);
        // The monkey saddle from (0.6, 0.01): Newton halves into it (20 steps to |grad f| < 1e-12);
        // gradient descent leaves R at step 61, saddle-free Newton at step 9.
        const SaddlePath mn = run("monkey", SaddleMethod::Newton);
        QCOMPARE(mn.end, SaddleEnd::Critical);
        QCOMPARE(mn.steps, 20);
        const SaddlePath mg = run("monkey", SaddleMethod::GradientDescent);
        QCOMPARE(mg.escapeStep, 61);
        // It slows down near the centre: |grad f| falls from 3 * 0.6^2 = 1.08 below 0.15 on the way.
        QVERIFY(std::abs(mg.gradNorms.front() - 1.08) < 1e-3);
        QVERIFY(*std::min_element(mg.gradNorms.begin(), mg.gradNorms.end()) < 0.15);
        QCOMPARE(run("monkey", SaddleMethod::SaddleFreeNewton).escapeStep, 9);
        // The plateau from (-1, 1.5): gradient descent is still on the flat floor after 200
        // steps (|grad f| down to 0.0032, f above -0.001); Newton walks away from the well, up the
        // floor's concave slope, and stops where |grad f| < 1e-12, at x < -2.5 (off the map) with f within 1e-10
        // of 0: a critical point by any test of the gradient, and no minimum; saddle-free Newton
        // turns that slope round and is in the well (f <= -1/2) at step 11, at its bottom by 14.
        const SaddlePath pg = run("plateau", SaddleMethod::GradientDescent);
        QCOMPARE(pg.escapeStep, -1);
        QCOMPARE(pg.end, SaddleEnd::Budget);
        QVERIFY(*std::min_element(pg.gradNorms.begin(), pg.gradNorms.end()) < 0.0033);
        QVERIFY(GaussianPlateau().value(pg.final) > -0.001);
        const SaddlePath pn = run("plateau", SaddleMethod::Newton);
        QCOMPARE(pn.end, SaddleEnd::Critical);
        QVERIFY(pn.final.x() < -2.5);
        QVERIFY(std::abs(GaussianPlateau().value(pn.final)) < 1e-10);
        const SaddlePath ps = run("plateau", SaddleMethod::SaddleFreeNewton);
        QCOMPARE(ps.escapeStep, 11);
        QCOMPARE(ps.end, SaddleEnd::Critical);
        QVERIFY(ps.steps <= 14);
        QVERIFY((ps.final - Point2(1, 0)).norm() < 1e-9);
    }

    // Where |lambda| is below the floor, saddle-free Newton's step along that eigenvector is a
    // gradient step of rate 1/floor: on the plateau's floor at x = -1.5 the curvature along x is
    // (1 - 2.5^2/0.25) e^-12.5 / 0.25 = -3.6e-4, below the floor 0.1, so dx = -g_x/0.1; along y
    // (curvature 1, above it) the step is Newton's, dy = -y.
    void theFloorMakesFlatStepsGradientSteps()
    {
        const GaussianPlateau plateau;
        const Point2 p(-1.5, 0.4);
        const double curvature = plateau.hessian(p)(0, 0);
        QVERIFY(std::abs(curvature) < 0.1);
        SaddleSettings one = settings(0.05, 1);
        const SaddlePath r = runSaddleMethod("plateau", plateau, SaddleMethod::SaddleFreeNewton, p, one);
        const Point2 g = plateau.gradient(p);
        QVERIFY(std::abs(r.points[1].x() - (p.x() - g.x() / 0.1)) < 1e-15);
        QVERIFY(std::abs(r.points[1].y()) < 1e-15);
        // A floor above the curvature 1 along y makes that a gradient step of rate 1/floor too.
        one.eigenFloor = 4.0;
        const SaddlePath big = runSaddleMethod("plateau", plateau, SaddleMethod::SaddleFreeNewton, p, one);
        QVERIFY(std::abs(big.points[1].y() - (p.y() - g.y() / 4.0)) < 1e-15);
    }

    void noisyGradientIsDeterministicForASeed()
    {
        const SteepSaddle s;
        SaddleSettings a = settings(0.05, 200);
        a.seed = 7;
        const SaddlePath p1 = runSaddleMethod("saddle", s, SaddleMethod::NoisyGradient, Point2(1.5, 0.01), a);
        const SaddlePath p2 = runSaddleMethod("saddle", s, SaddleMethod::NoisyGradient, Point2(1.5, 0.01), a);
        QCOMPARE(p1.points.size(), p2.points.size());
        for (std::size_t i = 0; i < p1.points.size(); ++i) QCOMPARE(p1.points[i], p2.points[i]);
        a.seed = 8;
        const SaddlePath p3 = runSaddleMethod("saddle", s, SaddleMethod::NoisyGradient, Point2(1.5, 0.01), a);
        QVERIFY(p3.points[1] != p1.points[1]);
        // Noise 0 is gradient descent, step for step.
        a.noise = 0;
        const SaddlePath quiet = runSaddleMethod("saddle", s, SaddleMethod::NoisyGradient, Point2(1.5, 0.01), a);
        const SaddlePath gd = runSaddleMethod("saddle", s, SaddleMethod::GradientDescent, Point2(1.5, 0.01), a);
        QCOMPARE(quiet.points.size(), gd.points.size());
        for (std::size_t i = 0; i < gd.points.size(); ++i) QCOMPARE(quiet.points[i], gd.points[i]);
    }

    // Started on the saddle itself, the gradient is 0: gradient descent, Newton and saddle-free
    // Newton stay forever; only the noise moves the noisy run off, and it leaves R with the lab's
    // rate and noise for every seed checked (1..50, within 1000 steps: after the noise has put
    // it a distance z off the stable direction, it needs log(R/z)/log(1.1) more steps).
    void onlyNoiseLeavesTheSaddleItself()
    {
        const SteepSaddle s;
        for (SaddleMethod m : {SaddleMethod::GradientDescent, SaddleMethod::Newton, SaddleMethod::SaddleFreeNewton}) {
            const SaddlePath p = runSaddleMethod("saddle", s, m, Point2(0, 0), settings());
            QCOMPARE(p.end, SaddleEnd::Critical);
            QCOMPARE(p.escapeStep, -1);
        }
        for (std::uint64_t seed = 1; seed <= 50; ++seed) {
            SaddleSettings n = settings(0.05, 1000);
            n.seed = seed;
            const SaddlePath p = runSaddleMethod("saddle", s, SaddleMethod::NoisyGradient, Point2(0, 0), n);
            QVERIFY2(p.escapeStep > 0, qPrintable(QStringLiteral("seed %1: escape %2, end %3").arg(seed).arg(p.escapeStep).arg(QString::fromStdString(saddleEndName(p.end)))));
        }
    }

    void pathsAreClippedToTheMap()
    {
        const Domain d{-2, 2, -2, 2};
        // (1, 1) -> (3, 2): leaves through x = 2 at t = 1/2, at (2, 1.5).
        const auto c = clipToDomain({Point2(0, 0), Point2(1, 1), Point2(3, 2), Point2(0, 0)}, d);
        QCOMPARE(c.size(), std::size_t(3));
        QCOMPARE(c[2], Point2(2, 1.5));
        // Through a corner's side: (0, 1) -> (1, 5) leaves through y = 2 at t = 1/4, at (0.25, 2).
        const auto e = clipToDomain({Point2(0, 1), Point2(1, 5)}, d);
        QCOMPARE(e.back(), Point2(0.25, 2));
        QVERIFY(clipToDomain({Point2(5, 5)}, d).empty());
    }

    void badSettingsAreRefused()
    {
        const SteepSaddle s;
        for (double lr : {0.0, -1.0, double(NAN), double(INFINITY), 11.0}) {
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                     runSaddleMethod("saddle", s, SaddleMethod::GradientDescent, Point2(1, 0), settings(lr)));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 runSaddleMethod("saddle", s, SaddleMethod::GradientDescent, Point2(NAN, 0), settings()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeSaddleSurface("bowl"));
    }

    void theExperimentRunsAndValidates()
    {
        const ExperimentInfo* e = findExperiment("saddles");
        QVERIFY(e);
        Progress progress;
        const std::string json = runExperiment(*e, {{"points", "10"}}, 1, progress);
        QVERIFY(json.find("\"experiment\":\"saddles\"") != std::string::npos);
        QVERIFY2(json.find("\"sweepAgreeing\":10") != std::string::npos, json.c_str());
        QVERIFY(json.find("\"method\":\"newton\",\"end\":\"critical\",\"steps\":1") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"lr", "0"}}, 1, progress));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"to", "0.9"}}, 1, progress));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"surface", "bowl"}}, 1, progress));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"start", "1"}}, 1, progress));
        QVERIFY(estimateExperimentWork(*e, {}) > 4 * 100);
    }
};

QTEST_APPLESS_MAIN(TestSaddles)
#include "tst_saddles.moc"
