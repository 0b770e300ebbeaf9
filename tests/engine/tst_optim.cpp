#include <QtTest>

#include <cmath>
#include <set>

#include "engine/optim/minibatch.h"
#include "engine/optim/optimizer.h"
#include "engine/optim/run.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

namespace {

RunResult<Point2> runOn(const Surface& s, const OptimizerSettings& o, Point2 start, int steps, double tol = 0.0)
{
    Optimizer<Point2> opt(o, 2);
    RunSettings rs;
    rs.maxSteps = steps;
    rs.gradientTolerance = tol;
    return runOptimizer(opt, [&](const Point2& p) { return s.value(p); },
                        [&](const Point2& p, Point2& g) { g = s.gradient(p); }, start, rs);
}

OptimizerSettings settingsFor(OptimizerKind kind, double lr, double momentum = 0.9)
{
    OptimizerSettings o;
    o.kind = kind;
    o.learningRate = lr;
    o.momentum = momentum;
    return o;
}

} // namespace

class TestOptim : public QObject {
    Q_OBJECT
private slots:
    // GD on f = 1/2 x^T A x: the error along eigenvector i scales by (1 - lr lambda_i) per step.
    // At lr = 2/(lmin + lmax) both factors have modulus (kappa - 1)/(kappa + 1), so the
    // distance to the minimum shrinks by exactly that ratio at every step.
    void gradientDescentContraction_data()
    {
        QTest::addColumn<double>("lmin");
        QTest::addColumn<double>("lmax");
        QTest::addColumn<double>("angle");
        QTest::newRow("kappa 10") << 1.0 << 10.0 << 0.3;
        QTest::newRow("kappa 100, rotated") << 0.5 << 50.0 << 1.1;
        QTest::newRow("kappa 2") << 3.0 << 6.0 << 0.0;
        QTest::newRow("kappa 1 (round bowl: one step)") << 2.0 << 2.0 << 0.7;
    }
    void gradientDescentContraction()
    {
        QFETCH(double, lmin);
        QFETCH(double, lmax);
        QFETCH(double, angle);
        const QuadraticBowl bowl(lmin, lmax, angle);
        const double kappa = lmax / lmin, rho = (kappa - 1) / (kappa + 1);
        const auto r = runOn(bowl, settingsFor(OptimizerKind::GradientDescent, 2.0 / (lmin + lmax)), {2.0, -1.3}, 30);
        QCOMPARE(r.status, RunStatus::BudgetSpent);
        if (kappa == 1.0) {
            QVERIFY(r.points[1].norm() < 1e-15);
            return;
        }
        for (int t = 1; t < 30; ++t) {
            const double ratio = r.points[std::size_t(t)].norm() / r.points[std::size_t(t - 1)].norm();
            QVERIFY2(std::abs(ratio - rho) < 1e-9, qPrintable(QString("step %1: %2 vs %3").arg(t).arg(ratio).arg(rho)));
        }
    }

    // Heavy ball at Goh's optimum (Distill 2017): lr = (2/(sqrt lmax + sqrt lmin))^2,
    // beta = ((sqrt kappa - 1)/(sqrt kappa + 1))^2 converges like t rho^t with
    // rho = (sqrt kappa - 1)/(sqrt kappa + 1): the t-th root of the distance tends to rho.
    void momentumContraction_data()
    {
        QTest::addColumn<double>("lmin");
        QTest::addColumn<double>("lmax");
        QTest::newRow("kappa 100") << 1.0 << 100.0;
        QTest::newRow("kappa 25") << 0.2 << 5.0;
        QTest::newRow("kappa 1000") << 0.01 << 10.0;
    }
    void momentumContraction()
    {
        QFETCH(double, lmin);
        QFETCH(double, lmax);
        const double kappa = lmax / lmin, sk = std::sqrt(kappa);
        const double rho = (sk - 1) / (sk + 1);
        const double lr = std::pow(2.0 / (std::sqrt(lmax) + std::sqrt(lmin)), 2);
        const QuadraticBowl bowl(lmin, lmax, 0.4);
        // Far enough for the asymptotics, not so far that |x|^2 underflows (rho^T ~ e^-300).
        const int T = int(-300.0 / std::log(rho)), S = T / 2;
        const auto r = runOn(bowl, settingsFor(OptimizerKind::Momentum, lr, rho * rho), {2.0, -1.3}, T);
        QCOMPARE(r.status, RunStatus::BudgetSpent);
        // d_t ~ (a + b t) rho^t: divide out the linear factor's growth (T/S).
        const double rate = std::pow(r.points[T].norm() / r.points[S].norm() / (double(T) / S), 1.0 / (T - S));
        QVERIFY2(std::abs(rate - rho) < 2e-3 * rho, qPrintable(QString("rate %1 vs %2").arg(rate).arg(rho)));
        // Much faster than the best plain GD, (kappa - 1)/(kappa + 1).
        QVERIFY(rate < (kappa - 1) / (kappa + 1) - 1e-3);
    }

    void divergenceIsReportedWithItsStep_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("lr");
        QTest::newRow("gd just above 2/lmax") << int(OptimizerKind::GradientDescent) << 0.21;
        QTest::newRow("gd far above 2/lmax") << int(OptimizerKind::GradientDescent) << 1e3;
        QTest::newRow("momentum too fast") << int(OptimizerKind::Momentum) << 0.5;
        QTest::newRow("nesterov too fast") << int(OptimizerKind::Nesterov) << 0.5;
    }
    void divergenceIsReportedWithItsStep()
    {
        QFETCH(int, kind);
        QFETCH(double, lr);
        const QuadraticBowl bowl(1.0, 10.0, 0.2);   // 2 / lmax = 0.2
        const auto r = runOn(bowl, settingsFor(OptimizerKind(kind), lr), {1.0, 1.0}, 100000);
        QCOMPARE(r.status, RunStatus::Diverged);
        QVERIFY(r.divergedAtStep >= 1);
        QCOMPARE(r.steps, r.divergedAtStep - 1);
        QCOMPARE(int(r.points.size()), r.divergedAtStep);
        for (std::size_t t = 0; t < r.points.size(); ++t) {
            QVERIFY(r.points[t].allFinite());
            QVERIFY(std::isfinite(r.losses[t]));
        }
        QVERIFY(std::isfinite(r.finalLoss));
        // The last recorded loss stays under the explosion limit.
        QVERIFY(r.losses.back() <= 1e6 * std::max(1.0, r.losses.front()));
    }

    void gradientDescentJustBelowTheLimitConverges()
    {
        const QuadraticBowl bowl(1.0, 10.0, 0.2);
        const auto r = runOn(bowl, settingsFor(OptimizerKind::GradientDescent, 0.19), {1.0, 1.0}, 100000, 1e-10);
        QCOMPARE(r.status, RunStatus::Converged);
        QVERIFY(r.final.norm() < 1e-9);
    }

    void nonFiniteStartIsDivergedAtStepZero()
    {
        const QuadraticBowl bowl;
        const auto r = runOn(bowl, settingsFor(OptimizerKind::GradientDescent, 0.1), {NAN, 1.0}, 10);
        QCOMPARE(r.status, RunStatus::Diverged);
        QCOMPARE(r.divergedAtStep, 0);
        QVERIFY(r.points.empty());
    }

    void adamDefaultsAndFirstSteps()
    {
        const OptimizerSettings a = adamDefaults();
        QCOMPARE(a.kind, OptimizerKind::Adam);
        QCOMPARE(a.learningRate, 0.001);
        QCOMPARE(a.beta1, 0.9);
        QCOMPARE(a.beta2, 0.999);
        QCOMPARE(a.epsilon, 1e-8);
        // Kingma & Ba: the first bias-corrected step is lr * g / (|g| + eps) per coordinate.
        Eigen::VectorXd x(3), g(3);
        x << 1.0, -2.0, 0.5;
        g << 4.0, -0.25, 1e3;
        Optimizer<Eigen::VectorXd> adam(a, 3);
        Eigen::VectorXd y = x;
        adam.step(y, g);
        for (int k = 0; k < 3; ++k) QVERIFY(std::abs(y(k) - (x(k) - 0.001 * g(k) / (std::abs(g(k)) + 1e-8))) < 1e-15);
        // Second step with the same gradient: m, v unchanged in ratio, the step is again lr.
        Eigen::VectorXd z = y;
        adam.step(z, g);
        for (int k = 0; k < 3; ++k) QVERIFY(std::abs((y(k) - z(k)) - 0.001 * (g(k) > 0 ? 1 : -1)) < 1e-10);
    }

    void firstStepsByHand()
    {
        // f = 1/2 x^2 at x0 = 2: g0 = 2.
        const Eigen::Vector2d g0(2.0, 2.0);
        auto step = [&](OptimizerKind kind, double lr) {
            OptimizerSettings o = settingsFor(kind, lr, 0.5);
            Optimizer<Eigen::Vector2d> opt(o, 2);
            Eigen::Vector2d x(2.0, 2.0);
            opt.step(x, g0);
            const Eigen::Vector2d x1 = x;
            Eigen::Vector2d at;
            opt.lookahead(x, at);
            opt.step(x, at);   // gradient of 1/2 x^2 at the lookahead point is the point
            return std::pair(x1(0), x(0));
        };
        // GD: x1 = 2 - 0.1 * 2 = 1.8; x2 = 1.8 - 0.18 = 1.62
        auto [gd1, gd2] = step(OptimizerKind::GradientDescent, 0.1);
        QVERIFY(std::abs(gd1 - 1.8) < 1e-15 && std::abs(gd2 - 1.62) < 1e-15);
        // Heavy ball, beta 0.5: v1 = -0.2, x1 = 1.8; v2 = 0.5(-0.2) - 0.1(1.8) = -0.28, x2 = 1.52
        auto [hb1, hb2] = step(OptimizerKind::Momentum, 0.1);
        QVERIFY(std::abs(hb1 - 1.8) < 1e-15 && std::abs(hb2 - 1.52) < 1e-15);
        // Nesterov: lookahead 1.8 + 0.5(-0.2) = 1.7; v2 = -0.1 - 0.17 = -0.27, x2 = 1.53
        auto [ne1, ne2] = step(OptimizerKind::Nesterov, 0.1);
        QVERIFY(std::abs(ne1 - 1.8) < 1e-15 && std::abs(ne2 - 1.53) < 1e-15);
        // AdaGrad: G = 4, x1 = 2 - 0.1 * 2 / (2 + 1e-8)
        auto [ag1, ag2] = step(OptimizerKind::AdaGrad, 0.1);
        QVERIFY(std::abs(ag1 - (2 - 0.2 / (2 + 1e-8))) < 1e-15);
        // then G = 4 + x1^2, x2 = x1 - 0.1 x1 / (sqrt(G) + eps)
        QVERIFY(std::abs(ag2 - (ag1 - 0.1 * ag1 / (std::sqrt(4 + ag1 * ag1) + 1e-8))) < 1e-15);
        // RMSProp, rho 0.9: E = 0.1 * 4, x1 = 2 - 0.1 * 2 / (sqrt(0.4) + eps)
        auto [rp1, rp2] = step(OptimizerKind::RMSProp, 0.1);
        QVERIFY(std::abs(rp1 - (2 - 0.2 / (std::sqrt(0.4) + 1e-8))) < 1e-14);
        Q_UNUSED(rp2);
    }

    void observerStopsTheRun()
    {
        const Himmelblau h;
        Optimizer<Point2> opt(settingsFor(OptimizerKind::GradientDescent, 0.001), 2);
        RunSettings rs;
        rs.maxSteps = 1000;
        int calls = 0;
        const auto r = runOptimizer(
            opt, [&](const Point2& p) { return h.value(p); }, [&](const Point2& p, Point2& g) { g = h.gradient(p); },
            Point2(0, 0), rs, [&](int step, const Point2&, double) { ++calls; return step == 5; });
        QCOMPARE(r.status, RunStatus::Stopped);
        QCOMPARE(r.steps, 5);
        QCOMPARE(calls, 5);
        QCOMPARE(r.points.size(), std::size_t(6));
    }

    void cancelledProgressEndsTheRun()
    {
        const Himmelblau h;
        Progress progress;
        progress.cancel();
        Optimizer<Point2> opt(settingsFor(OptimizerKind::Adam, 0.01), 2);
        RunSettings rs;
        const auto r = runOptimizer(
            opt, [&](const Point2& p) { return h.value(p); }, [&](const Point2& p, Point2& g) { g = h.gradient(p); },
            Point2(0, 0), rs, {}, progress);
        QCOMPARE(r.status, RunStatus::Cancelled);
        QCOMPARE(r.steps, 0);
    }

    void badSettingsAreRefused_data()
    {
        QTest::addColumn<double>("lr");
        QTest::addColumn<double>("momentum");
        QTest::newRow("zero rate") << 0.0 << 0.9;
        QTest::newRow("negative rate") << -0.1 << 0.9;
        QTest::newRow("infinite rate") << double(INFINITY) << 0.9;
        QTest::newRow("NaN rate") << double(NAN) << 0.9;
        QTest::newRow("momentum 1") << 0.1 << 1.0;
        QTest::newRow("negative momentum") << 0.1 << -0.5;
    }
    void badSettingsAreRefused()
    {
        QFETCH(double, lr);
        QFETCH(double, momentum);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, settingsFor(OptimizerKind::Momentum, lr, momentum).validate());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, optimizerFromKey("lbfgs"));
    }

    void everyOptimizerDescendsTheBowl_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("lr");
        QTest::newRow("gd") << "gd" << 0.1;
        QTest::newRow("momentum") << "momentum" << 0.02;
        QTest::newRow("nesterov") << "nesterov" << 0.02;
        QTest::newRow("adagrad") << "adagrad" << 0.5;
        QTest::newRow("rmsprop") << "rmsprop" << 0.01;
        QTest::newRow("adam") << "adam" << 0.05;
    }
    void everyOptimizerDescendsTheBowl()
    {
        QFETCH(QString, key);
        QFETCH(double, lr);
        OptimizerSettings o = settingsFor(optimizerFromKey(key.toStdString()), lr);
        QCOMPARE(optimizerKey(o.kind), key.toStdString());
        const QuadraticBowl bowl(1.0, 10.0, 0.5);
        const auto r = runOn(bowl, o, {-2.5, 2.0}, 5000);
        QVERIFY2(r.final.norm() < 1e-2, qPrintable(QString("ended at distance %1").arg(r.final.norm())));
    }

    // Networks call the optimizers with std::function objectives on dynamic vectors,
    // and with mini-batch gradients: least squares y_i = a . x_i as the stand-in.
    void dynamicObjectiveAndMiniBatches()
    {
        const int n = 64, d = 5;
        Eigen::MatrixXd X = Eigen::MatrixXd::Zero(n, d);
        Rng rng = makeRng(5, 0);
        for (int i = 0; i < n; ++i)
            for (int k = 0; k < d; ++k) X(i, k) = normal01(rng);
        Eigen::VectorXd truth(d);
        truth << 1, -2, 0.5, 3, -1;
        const Eigen::VectorXd y = X * truth;
        // L(w) = 1/(2n) |X w - y|^2, grad = X^T (X w - y) / n
        Objective full;
        full.value = [&](const Eigen::VectorXd& w) { return 0.5 * (X * w - y).squaredNorm() / n; };
        full.gradient = [&](const Eigen::VectorXd& w, Eigen::VectorXd& g) { g = X.transpose() * (X * w - y) / n; };
        Optimizer<Eigen::VectorXd> gd(settingsFor(OptimizerKind::GradientDescent, 0.1), d);
        RunSettings rs;
        rs.maxSteps = 5000;
        rs.gradientTolerance = 1e-12;
        const auto r = runOptimizer(gd, full, Eigen::VectorXd::Zero(d), rs);
        QCOMPARE(r.status, RunStatus::Converged);
        QVERIFY((r.final - truth).norm() < 1e-9);

        MiniBatchObjective mb;
        mb.sampleCount = n;
        mb.value = full.value;
        mb.batchGradient = [&](const Eigen::VectorXd& w, std::span<const int> batch, Eigen::VectorXd& g) {
            g.setZero(d);
            for (int i : batch) g += X.row(i).transpose() * (X.row(i).dot(w) - y(i));
            g /= double(batch.size());
        };
        // Full batch through the mini-batch path is plain GD, step for step.
        Optimizer<Eigen::VectorXd> gd2(settingsFor(OptimizerKind::GradientDescent, 0.1), d);
        RunSettings few;
        few.maxSteps = 20;
        few.gradientTolerance = 0;
        const auto a = runMiniBatch(gd2, mb, Eigen::VectorXd::Zero(d), n, 1, 0, few);
        const auto b = runOptimizer(gd2, full, Eigen::VectorXd::Zero(d), few);
        QCOMPARE(a.points.size(), b.points.size());
        for (std::size_t t = 0; t < a.points.size(); ++t) QVERIFY((a.points[t] - b.points[t]).norm() < 1e-12);
        // Small batches still find the exact solution of a consistent system.
        Optimizer<Eigen::VectorXd> sgd(settingsFor(OptimizerKind::GradientDescent, 0.05), d);
        RunSettings many;
        many.maxSteps = 20000;
        many.gradientTolerance = 0;
        const auto c = runMiniBatch(sgd, mb, Eigen::VectorXd::Zero(d), 4, 1, 0, many);
        QVERIFY((c.final - truth).norm() < 1e-6);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runMiniBatch(sgd, mb, Eigen::VectorXd::Zero(d), n + 1, 1, 0, few));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runMiniBatch(sgd, mb, Eigen::VectorXd::Zero(d), 0, 1, 0, few));
    }

    void samplerDrawsDistinctUniformIndices()
    {
        MiniBatchSampler sampler(10, 4);
        Rng rng = makeRng(3, 0);
        std::vector<int> counts(10, 0);
        const int draws = 20000;
        for (int t = 0; t < draws; ++t) {
            const auto b = sampler.next(rng);
            QCOMPARE(b.size(), std::size_t(4));
            const std::set<int> distinct(b.begin(), b.end());
            QCOMPARE(distinct.size(), std::size_t(4));
            for (int i : b) {
                QVERIFY(i >= 0 && i < 10);
                ++counts[std::size_t(i)];
            }
        }
        // Each index is in a batch with probability 4/10: 8000 expected, sd ~ 69.
        for (int c : counts) QVERIFY(std::abs(c - 8000) < 400);
        for (std::uint32_t n : {1u, 2u, 3u, 7u, 1000u}) {
            for (int t = 0; t < 1000; ++t) QVERIFY(MiniBatchSampler::boundedIndex(rng, n) < n);
        }
    }
};

QTEST_APPLESS_MAIN(TestOptim)
#include "tst_optim.moc"
