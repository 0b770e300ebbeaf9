// The methods that use curvature (engine/optim/secondorder.h, linesearch.h, linearcg.h)
// against independent figures and exact answers:
//  - the strong Wolfe line search on 1-D functions whose accepted steps are known;
//  - BFGS, nonlinear CG (Polak-Ribiere+) and L-BFGS on Rosenbrock from (-1.2, 1) and on Beale
//    from (1, 1) against SciPy 1.10.1's scipy.optimize.minimize (methods "BFGS", "CG" and
//    "L-BFGS-B", gtol 1e-8), which reports on Rosenbrock 34, 37 and 38 iterations, on Beale 16,
//    27 and 16, all ending at the minimum. The methods differ in details (SciPy's BFGS starts
//    from H0 = I without the scaling N&W 6.20, its line search is MINPACK-2's dcsrch), so the
//    counts are compared within a band and the final points exactly;
//  - pure Newton on Rosenbrock from (-1.2, 1): 6 steps to |grad f| < 1e-8, as a 6-line NumPy
//    Newton iteration with numpy.linalg.solve and scipy.optimize.rosen_hess also takes;
//    Newton from (-0.5, -0.5) on Himmelblau runs to the local maximum (-0.270845, -0.923039)
//    in 4 steps (the same NumPy iteration), and Newton with the modified Hessian does not;
//  - one Newton step solves a quadratic; BFGS's secant condition H_{k+1} y_k = s_k after every
//    update; L-BFGS with memory 1 is not BFGS but with memory >= steps on a quadratic matches it;
//  - linear CG on n x n quadratics in at most n steps, in k with k distinct eigenvalues, its
//    directions A-conjugate, and steepest descent's worst-case rate (kappa - 1)/(kappa + 1).
#include <QtTest>

#include <cmath>

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include "engine/optim/linearcg.h"
#include "engine/optim/linesearch.h"
#include "engine/optim/secondorder.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

namespace {

SecondOrderRun runOn(const Surface& surface, SecondOrderMethod method, Eigen::Vector2d start, int memory = 10,
                     bool curvature = false, int maxSteps = 500)
{
    SecondOrderSettings s;
    s.method = method;
    s.memory = memory;
    s.recordCurvature = curvature;
    RunSettings run;
    run.maxSteps = maxSteps;
    run.gradientTolerance = 1e-8;
    Eigen::VectorXd x(2);
    x << start.x(), start.y();
    return runSecondOrder(s, surfaceObjective(surface), x, run);
}

// A quadratic 1/2 x^T A x - b^T x as an objective.
SmoothObjective quadratic(const Eigen::MatrixXd& a, const Eigen::VectorXd& b)
{
    SmoothObjective o;
    o.value = [a, b](const Eigen::VectorXd& x) { return 0.5 * x.dot(a * x) - b.dot(x); };
    o.gradient = [a, b](const Eigen::VectorXd& x, Eigen::VectorXd& g) { g = a * x - b; };
    o.hessian = [a](const Eigen::VectorXd&, Eigen::MatrixXd& h) { h = a; };
    return o;
}

} // namespace

class TestSecondOrder : public QObject {
    Q_OBJECT

private slots:
    // phi(a) = (a - 2)^2 - 4 from slope -4: a = 2 is exact, and the first trial 1 already meets
    // both conditions for c2 = 0.9 (|phi'(1)| = 2 <= 3.6), but not for c2 = 0.1 (the zoom then
    // ends within 0.1 * 4 / 2 = 0.2 of 2).
    void lineSearchMeetsStrongWolfe()
    {
        auto phi = [](double a) { return LinePoint{(a - 2) * (a - 2) - 4, 2 * (a - 2)}; };
        const LinePoint at0{0, -4};
        WolfeSettings loose;
        const LineSearchResult r = strongWolfeSearch(phi, at0, 1.0, loose);
        QVERIFY(r.ok);
        QCOMPARE(r.step, 1.0);
        QCOMPARE(r.evaluations, 1);
        WolfeSettings tight;
        tight.c2 = 0.1;
        const LineSearchResult t = strongWolfeSearch(phi, at0, 1.0, tight);
        QVERIFY(t.ok);
        QVERIFY2(std::fabs(t.step - 2) <= 0.2, qPrintable(QString::number(t.step)));
        QVERIFY(satisfiesStrongWolfe(at0, t.step, phi(t.step), tight));
        // A first trial far too long (100) is cut back into the bracket.
        const LineSearchResult far = strongWolfeSearch(phi, at0, 100.0, tight);
        QVERIFY(far.ok);
        QVERIFY(satisfiesStrongWolfe(at0, far.step, phi(far.step), tight));
        // Too short (1e-3) expands by doubling.
        const LineSearchResult near = strongWolfeSearch(phi, at0, 1e-3, tight);
        QVERIFY(near.ok);
        QVERIFY(satisfiesStrongWolfe(at0, near.step, phi(near.step), tight));
        // Uphill is refused, and a loss that is NaN past a = 1 is bracketed, never accepted.
        QVERIFY(!strongWolfeSearch(phi, LinePoint{0, 1}, 1.0).ok);
        auto cliff = [&](double a) { return a > 1 ? LinePoint{NAN, NAN} : phi(a); };
        const LineSearchResult c = strongWolfeSearch(cliff, at0, 4.0, tight);
        QVERIFY(c.step > 0 && c.step <= 1);
        QVERIFY(std::isfinite(c.at.value));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, strongWolfeSearch(phi, at0, 1.0, WolfeSettings{0.5, 0.4}));
    }

    void quasiNewtonAgainstScipy_data()
    {
        QTest::addColumn<QString>("surface");
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("scipyIterations");
        QTest::addColumn<int>("scipyGradients");   // SciPy's njev
        QTest::newRow("rosenbrock bfgs") << "rosenbrock" << int(SecondOrderMethod::Bfgs) << 34 << 41;
        QTest::newRow("rosenbrock cg-pr") << "rosenbrock" << int(SecondOrderMethod::PolakRibiere) << 37 << 79;
        QTest::newRow("rosenbrock lbfgs") << "rosenbrock" << int(SecondOrderMethod::Lbfgs) << 38 << 46;
        QTest::newRow("beale bfgs") << "beale" << int(SecondOrderMethod::Bfgs) << 16 << 18;
        QTest::newRow("beale cg-pr") << "beale" << int(SecondOrderMethod::PolakRibiere) << 27 << 66;
        QTest::newRow("beale lbfgs") << "beale" << int(SecondOrderMethod::Lbfgs) << 16 << 17;
    }
    void quasiNewtonAgainstScipy()
    {
        QFETCH(QString, surface);
        QFETCH(int, method);
        QFETCH(int, scipyIterations);
        QFETCH(int, scipyGradients);
        const Rosenbrock rosenbrock;
        const Beale beale;
        const bool isRosenbrock = surface == QLatin1String("rosenbrock");
        const Surface& s = isRosenbrock ? static_cast<const Surface&>(rosenbrock) : beale;
        const Eigen::Vector2d start = isRosenbrock ? Eigen::Vector2d(-1.2, 1) : Eigen::Vector2d(1, 1);
        const Eigen::Vector2d minimum = isRosenbrock ? Eigen::Vector2d(1, 1) : Eigen::Vector2d(3, 0.5);
        const SecondOrderRun r = runOn(s, SecondOrderMethod(method), start);
        QCOMPARE(r.run.status, RunStatus::Converged);
        QVERIFY2((r.run.final - Eigen::VectorXd(minimum)).norm() < 1e-6, qPrintable(QString::fromStdString(r.stopReason)));
        qInfo("%s %s: %d iterations, %d gradient evaluations (SciPy: %d and %d)", qPrintable(surface),
              secondOrderName(SecondOrderMethod(method)).c_str(), r.run.steps, r.gradientEvaluations, scipyIterations,
              scipyGradients);
        // The quasi-Newton methods within a fifth of SciPy's counts. Nonlinear CG with its
        // stricter line search (c2 = 0.1, N&W 5.2; SciPy's CG uses 0.4) takes fewer, longer
        // steps that cost more trials each: its iterations from a third to the same, its
        // gradient evaluations within a factor 1.5.
        if (SecondOrderMethod(method) == SecondOrderMethod::PolakRibiere) {
            QVERIFY2(3 * r.run.steps >= scipyIterations && r.run.steps <= scipyIterations, qPrintable(QString::number(r.run.steps)));
            QVERIFY2(2 * r.gradientEvaluations <= 3 * scipyGradients && 3 * r.gradientEvaluations >= 2 * scipyGradients,
                     qPrintable(QString::number(r.gradientEvaluations)));
        } else {
            QVERIFY2(std::abs(r.run.steps - scipyIterations) * 5 <= scipyIterations, qPrintable(QString::number(r.run.steps)));
            QVERIFY2(std::abs(r.gradientEvaluations - scipyGradients) * 5 <= scipyGradients,
                     qPrintable(QString::number(r.gradientEvaluations)));
        }
        // Every accepted step meets the strong Wolfe conditions: the loss never rises.
        for (std::size_t t = 1; t < r.run.losses.size(); ++t) QVERIFY(r.run.losses[t] < r.run.losses[t - 1]);
        QCOMPARE(int(r.stepLengths.size()), r.run.steps);
        QCOMPARE(int(r.run.points.size()), r.run.steps + 1);
        QVERIFY(r.gradientEvaluations >= r.run.steps + 1);
    }

    // Fletcher-Reeves needs no restarts to converge with c2 < 1/2 (N&W theorem 5.7), though
    // on Rosenbrock it is far slower than Polak-Ribiere+ (N&W 5.2: FR can take tiny steps for
    // many iterations): both reach (1, 1).
    void fletcherReeves()
    {
        const Rosenbrock s;
        const SecondOrderRun fr = runOn(s, SecondOrderMethod::FletcherReeves, {-1.2, 1}, 10, false, 5000);
        const SecondOrderRun pr = runOn(s, SecondOrderMethod::PolakRibiere, {-1.2, 1}, 10, false, 5000);
        QCOMPARE(fr.run.status, RunStatus::Converged);
        QVERIFY((fr.run.final - Eigen::Vector2d(1, 1)).norm() < 1e-6);
        qInfo("Fletcher-Reeves: %d iterations, Polak-Ribiere+: %d", fr.run.steps, pr.run.steps);
        QVERIFY(fr.run.steps > pr.run.steps);
    }

    // BFGS's update makes the new estimate map y_k to s_k (N&W 6.17: the secant equation).
    void bfgsSecantCondition()
    {
        const Rosenbrock s;
        const SecondOrderRun r = runOn(s, SecondOrderMethod::Bfgs, {-1.2, 1}, 10, true);
        QCOMPARE(int(r.inverseHessians.size()), r.run.steps + 1);
        int checked = 0;
        for (int t = 0; t < r.run.steps; ++t) {
            const Eigen::VectorXd sk = r.run.points[std::size_t(t + 1)] - r.run.points[std::size_t(t)];
            const Eigen::Vector2d g0 = s.gradient(Point2(r.run.points[std::size_t(t)][0], r.run.points[std::size_t(t)][1]));
            const Eigen::Vector2d g1 = s.gradient(Point2(r.run.points[std::size_t(t + 1)][0], r.run.points[std::size_t(t + 1)][1]));
            const Eigen::VectorXd yk = Eigen::VectorXd(g1 - g0);
            if (!(yk.dot(sk) > 0)) continue;
            const Eigen::VectorXd mapped = r.inverseHessians[std::size_t(t + 1)] * yk;
            QVERIFY2((mapped - sk).norm() <= 1e-8 * std::max(sk.norm(), 1e-12) + 1e-14, qPrintable(QString::number(t)));
            // and stays symmetric positive definite
            const Eigen::MatrixXd& h = r.inverseHessians[std::size_t(t + 1)];
            QVERIFY((h - h.transpose()).norm() <= 1e-10 * h.norm());
            QCOMPARE(Eigen::LLT<Eigen::MatrixXd>(h).info(), Eigen::Success);
            ++checked;
        }
        QVERIFY(checked >= 20);
        // The estimate ends near the true inverse Hessian at the minimum.
        const Eigen::Matrix2d trueInverse = s.hessian(Point2(1, 1)).inverse();
        QVERIFY2((r.inverseHessians.back() - Eigen::MatrixXd(trueInverse)).norm() < 0.1 * trueInverse.norm(),
                 qPrintable(QString::number((r.inverseHessians.back() - Eigen::MatrixXd(trueInverse)).norm())));
    }

    void newton()
    {
        // Rosenbrock from (-1.2, 1): 6 pure Newton steps (the NumPy iteration of the header).
        const Rosenbrock rosenbrock;
        const SecondOrderRun r = runOn(rosenbrock, SecondOrderMethod::Newton, {-1.2, 1});
        QCOMPARE(r.run.status, RunStatus::Converged);
        QCOMPARE(r.run.steps, 6);
        QVERIFY((r.run.final - Eigen::Vector2d(1, 1)).norm() < 1e-10);
        // Himmelblau from (-0.5, -0.5): pure Newton climbs to the local maximum in 4 steps; the
        // modified Hessian turns it downhill, to one of the four minima (f = 0).
        const Himmelblau himmelblau;
        const SecondOrderRun up = runOn(himmelblau, SecondOrderMethod::Newton, {-0.5, -0.5});
        QCOMPARE(up.run.status, RunStatus::Converged);
        QCOMPARE(up.run.steps, 4);
        QVERIFY((up.run.final - Eigen::Vector2d(-0.270845, -0.923039)).norm() < 1e-5);
        QVERIFY(up.run.finalLoss > up.run.losses.front());
        const SecondOrderRun down = runOn(himmelblau, SecondOrderMethod::ModifiedNewton, {-0.5, -0.5});
        QCOMPARE(down.run.status, RunStatus::Converged);
        QVERIFY(down.run.finalLoss < 1e-12);
        // One Newton step solves a quadratic exactly, from anywhere; half a step (damped) goes halfway.
        Eigen::MatrixXd a(3, 3);
        a << 4, 1, 0, 1, 3, 1, 0, 1, 2;
        const Eigen::VectorXd b = Eigen::Vector3d(1, -2, 3);
        const Eigen::VectorXd solution = a.ldlt().solve(b);
        SecondOrderSettings s;
        s.method = SecondOrderMethod::Newton;
        RunSettings run;
        run.maxSteps = 1;
        run.gradientTolerance = 0;
        const Eigen::VectorXd start = Eigen::Vector3d(5, 5, -5);
        QVERIFY((runSecondOrder(s, quadratic(a, b), start, run).run.final - solution).norm() < 1e-12);
        s.newtonStep = 0.5;
        QVERIFY((runSecondOrder(s, quadratic(a, b), start, run).run.final - 0.5 * (start + solution)).norm() < 1e-12);
        // A singular Hessian stops the run with a reason, not a NaN.
        Eigen::MatrixXd singular = Eigen::MatrixXd::Zero(3, 3);
        singular(0, 0) = 1;
        s.newtonStep = 1;
        const SecondOrderRun stuck = runSecondOrder(s, quadratic(singular, b), start, run);
        QCOMPARE(stuck.run.status, RunStatus::Stopped);
        QVERIFY(QString::fromStdString(stuck.stopReason).contains(QStringLiteral("singular")));
        QVERIFY(stuck.run.final.allFinite());
    }

    // On an n-dimensional quadratic L-BFGS with memory >= the steps taken keeps every pair, and
    // its directions are BFGS's (N&W 7.2, with the same scaled H0); all reach the minimum.
    void lbfgsOnAQuadratic()
    {
        const Eigen::VectorXd eigenvalues = clusteredEigenvalues(20, 20, 1, 100, 0, 3);
        const Eigen::MatrixXd a = matrixWithEigenvalues(eigenvalues, 4);
        const Eigen::VectorXd b = Eigen::VectorXd::Ones(20);
        RunSettings run;
        run.maxSteps = 200;
        // f is about -10 here: at |g| near 1e-7 a step lowers f by about |g|^2 / (2 lambda), at
        // the rounding of f, and a line search on f values can go no further (SciPy reports
        // "precision loss" there); 1e-6 is within reach for every memory.
        run.gradientTolerance = 1e-6;
        SecondOrderSettings s;
        int steps[3] = {0, 0, 0}, i = 0;
        for (int memory : {1, 5, 100}) {
            s.method = SecondOrderMethod::Lbfgs;
            s.memory = memory;
            const SecondOrderRun r = runSecondOrder(s, quadratic(a, b), Eigen::VectorXd::Zero(20), run);
            QCOMPARE(r.run.status, RunStatus::Converged);
            QVERIFY((a * r.run.final - b).norm() < 1e-6);
            steps[i++] = r.run.steps;
        }
        // More memory, fewer steps.
        QVERIFY2(steps[2] < steps[0], qPrintable(QStringLiteral("%1 %2 %3").arg(steps[0]).arg(steps[1]).arg(steps[2])));
        // Asked for more than rounding allows (|g| < 1e-13 where f is about 1), the run stops
        // with a reason instead of spending its budget on steps that change nothing.
        run.gradientTolerance = 1e-13;
        const SecondOrderRun flat = runSecondOrder(s, quadratic(a, b), Eigen::VectorXd::Zero(20), run);
        QCOMPARE(flat.run.status, RunStatus::Stopped);
        QVERIFY(flat.run.steps < 100);
        QVERIFY(QString::fromStdString(flat.stopReason).contains(QStringLiteral("rounding")));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, [&] {
            s.memory = 0;
            runSecondOrder(s, quadratic(a, b), Eigen::VectorXd::Zero(20), run);
        }());
    }

    // Linear CG: at most n steps on an n x n quadratic; at most k with k distinct eigenvalues;
    // directions A-conjugate to rounding (N&W theorems 5.1-5.4).
    void linearCg()
    {
        for (int n : {2, 10, 50}) {
            const Eigen::MatrixXd a = matrixWithEigenvalues(clusteredEigenvalues(n, n, 1, 10, 0, 1), 2);
            const Eigen::VectorXd b = Eigen::VectorXd::LinSpaced(n, -1, 1);
            const QuadraticRun r = linearConjugateGradient(a, b, Eigen::VectorXd::Zero(n), n, 1e-10);
            QVERIFY2(r.converged, qPrintable(QString::number(n)));
            QVERIFY(r.iterations <= n);
            // Conjugate to rounding; over many steps rounding builds up (2e-6 at n = 50), as
            // N&W 5.1 warn: CG loses conjugacy in floating point.
            const Eigen::MatrixXd c = conjugacy(r.directions, a);
            QVERIFY((c - Eigen::MatrixXd::Identity(c.rows(), c.cols())).cwiseAbs().maxCoeff() < (n <= 10 ? 1e-10 : 1e-4));
        }
        // 200 eigenvalues in 3 exact values: 3 steps, to rounding.
        const Eigen::MatrixXd three = matrixWithEigenvalues(clusteredEigenvalues(200, 3, 1, 1000, 0, 5), 6);
        const Eigen::VectorXd b = Eigen::VectorXd::Ones(200);
        const QuadraticRun r3 = linearConjugateGradient(three, b, Eigen::VectorXd::Zero(200), 200, 1e-9);
        QVERIFY(r3.converged);
        QCOMPARE(r3.iterations, 3);
        // Steepest descent on the same matrix needs far more.
        const QuadraticRun sd = steepestDescentExact(three, b, Eigen::VectorXd::Zero(200), 5000, 1e-9);
        QVERIFY(sd.iterations > 100);
        // Two clusters 1 % wide: close after about 2 steps (relative residual 1e-2 by step 4).
        const Eigen::MatrixXd two = matrixWithEigenvalues(clusteredEigenvalues(100, 2, 1, 100, 0.01, 7), 8);
        const QuadraticRun r2 = linearConjugateGradient(two, Eigen::VectorXd::Ones(100), Eigen::VectorXd::Zero(100), 4, 0);
        QVERIFY(r2.residualNorms[4] < 1e-2 * r2.residualNorms[0]);
        // By hand: A = diag(1, 2), b = (1, 1) from 0: CG lands on (1, 1/2) in 2 steps, the first
        // step along b to x = (2/3)(1, 1) (alpha = 2 / 3).
        Eigen::MatrixXd d(2, 2);
        d << 1, 0, 0, 2;
        const QuadraticRun hand = linearConjugateGradient(d, Eigen::Vector2d(1, 1), Eigen::VectorXd::Zero(2), 5, 1e-14);
        QCOMPARE(hand.iterations, 2);
        QVERIFY((hand.points[1] - Eigen::Vector2d(2.0 / 3, 2.0 / 3)).norm() < 1e-15);
        QVERIFY((hand.points[2] - Eigen::Vector2d(1, 0.5)).norm() < 1e-15);
    }

    // Steepest descent with exact steps from the worst start x0 = (1/l1, 1/l2) (in the
    // eigenbasis, minimum at 0) shrinks the A-norm error by exactly (kappa - 1)/(kappa + 1) per
    // step (N&W theorem 3.3 is attained there), for several kappa.
    void steepestDescentWorstCase()
    {
        for (double kappa : {2.0, 10.0, 100.0}) {
            Eigen::MatrixXd a(2, 2);
            a << 1, 0, 0, kappa;
            Eigen::Vector2d x0(1.0, 1.0 / kappa);
            const QuadraticRun r = steepestDescentExact(a, Eigen::Vector2d::Zero(), x0, 30, 0);
            const double rate = (kappa - 1) / (kappa + 1);
            for (std::size_t t = 1; t < r.points.size(); ++t) {
                auto energy = [&](const Eigen::VectorXd& x) { return std::sqrt(x.dot(a * x)); };
                QVERIFY(std::fabs(energy(r.points[t]) / energy(r.points[t - 1]) - rate) < 1e-9);
            }
        }
    }

    void badSettings()
    {
        const Rosenbrock s;
        SecondOrderSettings settings;
        settings.newtonStep = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSecondOrder(settings, surfaceObjective(s), Eigen::Vector2d(0, 0), RunSettings{}));
        settings = {};
        SmoothObjective noHessian = surfaceObjective(s);
        noHessian.hessian = {};
        settings.method = SecondOrderMethod::Newton;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSecondOrder(settings, noHessian, Eigen::Vector2d(0, 0), RunSettings{}));
        QCOMPARE(secondOrderFromKey("lbfgs"), SecondOrderMethod::Lbfgs);
        for (const std::string& k : secondOrderKeys()) QCOMPARE(secondOrderKey(secondOrderFromKey(k)), k);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, secondOrderFromKey("adam"));
        // A start where the loss is NaN: diverged at step 0, nothing recorded past the start.
        settings.method = SecondOrderMethod::Bfgs;
        const SecondOrderRun r = runSecondOrder(settings, surfaceObjective(s), Eigen::Vector2d(NAN, 0), RunSettings{});
        QCOMPARE(r.run.status, RunStatus::Diverged);
        QCOMPARE(r.run.divergedAtStep, 0);
    }
};

QTEST_MAIN(TestSecondOrder)
#include "tst_secondorder.moc"
