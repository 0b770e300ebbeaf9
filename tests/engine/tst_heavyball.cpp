// The momentum lab's engine: the 2x2 iteration matrices of heavy ball (Polyak 1964) and
// Nesterov against the engine's Optimizer step, their spectral radii against closed forms
// (Goh, "Why Momentum Really Works", Distill 2017), the optimum alpha*, beta* and its rate for
// several condition numbers, measured rates of runs against the radii, Nesterov's and heavy
// ball's paths against recurrences written here independently, and the rate map.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <Eigen/Eigenvalues>

#include "engine/experiments/catalog.h"
#include "engine/experiments/contraction.h"
#include "engine/experiments/heavyball.h"
#include "engine/optim/run.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

namespace {

constexpr MomentumMethod kHeavy = MomentumMethod::HeavyBall;
constexpr MomentumMethod kNesterov = MomentumMethod::Nesterov;

// The largest |eigenvalue| of the matrix, by Eigen's general eigensolver (no closed form).
double eigenRadius(const Eigen::Matrix2d& m)
{
    Eigen::EigenSolver<Eigen::Matrix2d> es(m);
    return es.eigenvalues().cwiseAbs().maxCoeff();
}

OptimizerSettings settingsFor(MomentumMethod method, double alpha, double beta)
{
    OptimizerSettings s;
    s.kind = method == kHeavy ? OptimizerKind::Momentum : OptimizerKind::Nesterov;
    s.learningRate = alpha;
    s.momentum = beta;
    return s;
}

} // namespace

class TestHeavyBall : public QObject {
    Q_OBJECT

private slots:
    // k steps of the engine's Optimizer on an axis-aligned bowl (eigenvectors e1, e2) move each
    // coordinate's (v, x) by the k-th power of its iteration matrix.
    void iterationMatrixIsTheOptimizerStep()
    {
        for (MomentumMethod method : {kHeavy, kNesterov})
            for (double alpha : {0.3, 1.1, 2.5})
                for (double beta : {0.0, 0.5, 0.93}) {
                    const double l1 = 0.05, l2 = 0.8;
                    const QuadraticBowl bowl(l1, l2, 0.0);
                    Optimizer<Eigen::Vector2d> opt(settingsFor(method, alpha, beta), 2);
                    Eigen::Vector2d x(0.7, -1.3), prev = x, at;
                    Eigen::Vector2d s1(0.0, 0.7), s2(0.0, -1.3);   // (v, x) per coordinate
                    const Eigen::Matrix2d m1 = momentumIterationMatrix(method, alpha, beta, l1);
                    const Eigen::Matrix2d m2 = momentumIterationMatrix(method, alpha, beta, l2);
                    for (int k = 0; k < 25; ++k) {
                        prev = x;
                        opt.lookahead(x, at);
                        const Eigen::Vector2d g = bowl.gradient(at);
                        opt.step(x, g);
                        s1 = m1 * s1;
                        s2 = m2 * s2;
                        const double scale = 1e-12 * std::max(1.0, s1.norm() + s2.norm());
                        QVERIFY(std::abs(s1(1) - x(0)) < scale && std::abs(s2(1) - x(1)) < scale);
                        QVERIFY(std::abs(s1(0) - (x(0) - prev(0))) < scale);
                        QVERIFY(std::abs(s2(0) - (x(1) - prev(1))) < scale);
                    }
                }
    }

    // The radius from trace and determinant is the largest |eigenvalue| Eigen finds.
    void radiusIsTheLargestEigenvalue()
    {
        for (MomentumMethod method : {kHeavy, kNesterov})
            for (double lambda : {0.001, 0.01, 0.3, 1.0})
                for (int i = 1; i <= 40; ++i)
                    for (int j = 0; j <= 20; ++j) {
                        const double alpha = 4.2 * i / 40.0, beta = 0.999 * j / 20.0;
                        const double closed = momentumRadius(method, alpha, beta, lambda);
                        const double eig = eigenRadius(momentumIterationMatrix(method, alpha, beta, lambda));
                        QVERIFY2(std::abs(closed - eig) < 1e-7 * std::max(1.0, eig),
                                 qPrintable(QStringLiteral("%1 %2 %3: %4 vs %5").arg(alpha).arg(beta).arg(lambda).arg(closed).arg(eig)));
                    }
    }

    // beta = 0 is gradient descent, |1 - alpha lambda| (both methods); in the complex region
    // (T^2 < 4 beta) heavy ball's radius is sqrt(beta) whatever alpha.
    void closedForms()
    {
        for (double lambda : {0.01, 0.1, 1.0})
            for (double alpha : {0.1, 1.0, 2.0, 3.0}) {
                for (MomentumMethod method : {kHeavy, kNesterov})
                    QCOMPARE(momentumRadius(method, alpha, 0.0, lambda), std::abs(1 - alpha * lambda));
                for (double beta : {0.3, 0.6, 0.9, 0.99}) {
                    const double t = 1 + beta - alpha * lambda;
                    if (t * t < 4 * beta) QVERIFY(std::abs(momentumRadius(kHeavy, alpha, beta, lambda) - std::sqrt(beta)) < 1e-15);
                }
            }
        // Hand-worked: lambda 1, alpha 1, beta 0.9: T = 0.9, T^2 = 0.81 < 3.6, radius sqrt(0.9).
        QVERIFY(std::abs(momentumRadius(kHeavy, 1.0, 0.9, 0.01, 1.0) - 0.9486832980505138) < 1e-15);
        // alpha 0.54, beta 0.04, lambda 1: z^2 - 0.5 z + 0.04 = (z - 0.1)(z - 0.4), radius 0.4.
        QVERIFY(std::abs(momentumRadius(kHeavy, 0.54, 0.04, 1.0) - 0.4) < 1e-15);
        // Nesterov, alpha 0.5, beta 0.5, lambda 1: z^2 - 0.75 z + 0.25: complex, radius 0.5.
        QVERIFY(std::abs(momentumRadius(kNesterov, 0.5, 0.5, 1.0) - 0.5) < 1e-15);
        // GD's edge: alpha lambda = 2 (1 + beta) puts a root at -1.
        QVERIFY(std::abs(momentumRadius(kHeavy, 2 * 1.5, 0.5, 1.0) - 1.0) < 1e-15);
    }

    // At alpha* = (2/(sqrt(lmax) + sqrt(lmin)))^2, beta* = ((sqrt(k) - 1)/(sqrt(k) + 1))^2 both
    // eigenvalues sit on the double-root edge and the radius is exactly sqrt(beta*) =
    // (sqrt(k) - 1)/(sqrt(k) + 1); no nearby (alpha, beta) does better (Polyak 1964; Goh 2017).
    void optimumForSeveralKappas()
    {
        // Hand-worked, kappa = 100 (lambdas 0.01 and 1): alpha* = 4/1.1^2 = 400/121,
        // beta* = (9/11)^2 = 81/121, rate 9/11; GD's best 99/101 at lr = 2/1.01.
        const MomentumOptimum o = momentumOptimum(0.01, 1.0);
        QVERIFY(std::abs(o.alpha - 400.0 / 121) < 1e-13);
        QVERIFY(std::abs(o.beta - 81.0 / 121) < 1e-15);
        QVERIFY(std::abs(o.rate - 9.0 / 11) < 1e-15);
        QVERIFY(std::abs(o.gdRate - 99.0 / 101) < 1e-15);
        QVERIFY(std::abs(o.gdAlpha - 2.0 / 1.01) < 1e-15);
        // The lab's readout for kappa = 100: GD needs about 10 times as many steps per decade.
        QVERIFY(std::abs(std::log(o.rate) / std::log(o.gdRate) - 10.03) < 0.005);
        QVERIFY(std::abs(std::log(10.0) / -std::log(o.gdRate) - 115.1) < 0.05);   // steps per decade
        QVERIFY(std::abs(std::log(10.0) / -std::log(o.rate) - 11.47) < 0.005);
        // The start, alpha 1 and beta 0.9: rate sqrt(0.9), 2.63 times fewer steps than GD's best.
        QVERIFY(std::abs(std::log(std::sqrt(0.9)) / std::log(o.gdRate) - 2.634) < 0.0005);
        // The optimum is a sharp edge: at beta = 0.6694, a hair below beta*, the rate is 0.8244;
        // the lab's button puts beta 0.5 to 1.5 millionths above beta*: rate sqrt(beta).
        QVERIFY(std::abs(momentumRadius(kHeavy, o.alpha, 0.6694, 0.01, 1.0) - 0.8244) < 5e-5);
        for (double up : {0.5e-6, 1.5e-6})
            QVERIFY(std::abs(momentumRadius(kHeavy, std::round(o.alpha * 1e6) / 1e6, o.beta + up, 0.01, 1.0)
                             - std::sqrt(o.beta + up)) < 1e-15);
        // At alpha* GD alone diverges: alpha* > 2/lambda_max = 2.
        QVERIFY(o.alpha > 2 && contractionBound(0.01, 1.0, o.alpha) > 1);
        // For large kappa the speed-up approaches sqrt(kappa).
        const MomentumOptimum big = momentumOptimum(1e-6, 1.0);
        QVERIFY(std::abs(std::log(big.rate) / std::log(big.gdRate) / 1000.0 - 1) < 1e-3);
        for (double kappa : {2.0, 4.0, 10.0, 25.0, 100.0, 1000.0})
            for (double lmin : {1e-3, 0.1, 1.0}) {
                const double lmax = kappa * lmin;
                const MomentumOptimum p = momentumOptimum(lmin, lmax);
                const double sk = std::sqrt(kappa);
                QVERIFY(std::abs(p.rate - (sk - 1) / (sk + 1)) < 1e-14);
                QVERIFY(std::abs(p.beta - p.rate * p.rate) < 1e-15);
                QVERIFY(std::abs(p.gdRate - (kappa - 1) / (kappa + 1)) < 1e-14);
                const double r = momentumRadius(kHeavy, p.alpha, p.beta, lmin, lmax);
                QVERIFY2(std::abs(r - std::sqrt(p.beta)) < 1e-7, qPrintable(QString::number(r - std::sqrt(p.beta))));
                for (double l : {lmin, lmax}) {
                    const double t = 1 + p.beta - p.alpha * l;
                    QVERIFY(std::abs(t * t - 4 * p.beta) < 1e-12);   // a double root
                }
                // The optimum of a fine neighbourhood, radius never below the rate.
                for (int i = -10; i <= 10; ++i)
                    for (int j = -10; j <= 10; ++j) {
                        const double a = p.alpha * (1 + 0.01 * i), b = std::clamp(p.beta + 0.002 * j, 0.0, 0.999);
                        QVERIFY(momentumRadius(kHeavy, a, b, lmin, lmax) >= p.rate - 1e-12);
                    }
            }
    }

    // The measured rate of a run (power iteration on the engine's Optimizer) against the radius.
    void measuredRatesMatchTheory_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<double>("lmin");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<double>("alpha");
        QTest::addColumn<double>("beta");
        // Real distinct roots (small momentum), complex roots (the deep-learning default), near
        // the optimum (beta* (1 + 1%): complex, radius sqrt(beta)), Nesterov, and divergence.
        QTest::newRow("real kappa 10") << 0 << 0.1 << 10.0 << 0.5 << 0.1;
        QTest::newRow("complex kappa 100") << 0 << 0.01 << 100.0 << 1.0 << 0.9;
        QTest::newRow("near optimum kappa 25") << 0 << 0.04 << 25.0 << -1.0 << 1.01;
        QTest::newRow("near optimum kappa 100") << 0 << 0.01 << 100.0 << -1.0 << 1.01;
        QTest::newRow("near optimum kappa 1000") << 0 << 0.001 << 1000.0 << -1.0 << 1.01;
        QTest::newRow("nesterov real") << 1 << 0.01 << 100.0 << 0.9 << 0.5;
        QTest::newRow("nesterov complex") << 1 << 0.01 << 100.0 << 1.0 << 0.9;
        QTest::newRow("diverging") << 0 << 0.01 << 100.0 << 4.0 << 0.5;
    }
    void measuredRatesMatchTheory()
    {
        QFETCH(int, method);
        QFETCH(double, lmin);
        QFETCH(double, kappa);
        QFETCH(double, alpha);
        QFETCH(double, beta);
        const double lmax = kappa * lmin;
        if (alpha < 0) {   // a factor times the optimum's beta, at alpha*
            const MomentumOptimum o = momentumOptimum(lmin, lmax);
            alpha = o.alpha;
            beta = o.beta * beta;
        }
        const MomentumMethod m = method == 0 ? kHeavy : kNesterov;
        const double theory = momentumRadius(m, alpha, beta, lmin, lmax);
        for (double angle : {0.0, 0.5})
            for (std::uint64_t seed : {1u, 7u}) {
                const QuadraticBowl bowl(lmin, lmax, angle);
                const double measured = measuredMomentumRate(bowl, m, alpha, beta, 200000, seed);
                QVERIFY2(std::abs(measured - theory) < 1e-8 * std::max(1.0, theory),
                         qPrintable(QStringLiteral("measured %1, theory %2").arg(measured, 0, 'g', 12).arg(theory, 0, 'g', 12)));
            }
    }

    // At the exact optimum the matrix is defective (a double root): the error decays like
    // t r^t, and the estimate is r times the slope of log t between the windows, just above r.
    void measuredRateAtTheDefectiveOptimum()
    {
        const MomentumOptimum o = momentumOptimum(0.01, 1.0);
        const QuadraticBowl bowl(0.01, 1.0, 0.3);
        for (int steps : {20000, 200000}) {
            const double measured = measuredMomentumRate(bowl, kHeavy, o.alpha, o.beta, steps);
            // The estimator's window means of log t (heavyball.h), exactly.
            const int a0 = steps / 4, a1 = steps / 2, b0 = steps - (a1 - a0);
            double la = 0, lb = 0;
            for (int t = a0; t < a1; ++t) la += std::log(t + 1.0);
            for (int t = b0; t < steps; ++t) lb += std::log(t + 1.0);
            const double expected = o.rate * std::exp((lb - la) / (a1 - a0) / (b0 - a0));
            QVERIFY2(std::abs(measured - expected) < 0.2 * (expected - o.rate),
                     qPrintable(QStringLiteral("%1 vs %2").arg(measured, 0, 'g', 12).arg(expected, 0, 'g', 12)));
        }
    }

    // Nesterov's 1983 form, written here: y_t = x_t + beta (x_t - x_{t-1}),
    // x_{t+1} = y_t - alpha grad f(y_t), and Polyak's heavy ball x_{t+1} = x_t - alpha grad f(x_t)
    // + beta (x_t - x_{t-1}), both with x_{-1} = x_0, against the engine's runs (Sutskever et
    // al. 2013 show the two Nesterov forms give the same x_t).
    void pathsAgainstIndependentRecurrences()
    {
        const QuadraticBowl bowl(0.02, 1.0, 0.4);
        const Eigen::Matrix2d a = bowl.matrix();
        for (MomentumMethod method : {kHeavy, kNesterov})
            for (double beta : {0.5, 0.9})
                for (double alpha : {0.7, 1.6}) {
                    Optimizer<Eigen::Vector2d> opt(settingsFor(method, alpha, beta), 2);
                    RunSettings rs;
                    rs.maxSteps = 300;
                    rs.gradientTolerance = 0;
                    const Eigen::Vector2d start(-2.5, 2.0);
                    const auto run = runOptimizer(opt, [&](const Eigen::Vector2d& x) { return bowl.value(x); },
                                                  [&](const Eigen::Vector2d& x, Eigen::Vector2d& g) { g = bowl.gradient(x); },
                                                  start, rs);
                    if (run.status == RunStatus::Diverged) continue;
                    QCOMPARE(run.steps, 300);
                    Eigen::Vector2d x = start, prev = start;
                    for (int t = 1; t <= 300; ++t) {
                        Eigen::Vector2d next;
                        if (method == kNesterov) {
                            const Eigen::Vector2d y = x + beta * (x - prev);
                            next = y - alpha * (a * y);
                        } else {
                            next = x - alpha * (a * x) + beta * (x - prev);
                        }
                        prev = x;
                        x = next;
                        QVERIFY2((run.points[std::size_t(t)] - x).norm() < 1e-12 * std::max(1.0, x.norm()),
                                 qPrintable(QStringLiteral("step %1").arg(t)));
                    }
                }
    }

    // The map's cells are the radius at their centres; heavy ball's convergent region is
    // 0 < alpha lambda < 2 (1 + beta) for both eigenvalues; nothing beats the optimum.
    void rateMap()
    {
        const double l1 = 0.01, l2 = 1.0;
        const RateMap map = momentumRateMap(kHeavy, l1, l2, 4.2, 1.0, 120, 100);
        QCOMPARE(int(map.radius.size()), 120 * 100);
        const MomentumOptimum o = momentumOptimum(l1, l2);
        double best = 2;
        for (int r = 0; r < map.rows; ++r)
            for (int c = 0; c < map.cols; ++c) {
                const double a = map.alphaAt(c), b = map.betaAt(r);
                QCOMPARE(map.at(r, c), momentumRadius(kHeavy, a, b, l1, l2));
                const bool converges = a * l2 < 2 * (1 + b);   // lambda_max decides; l1 < l2
                QCOMPARE(map.at(r, c) < 1.0, converges);
                best = std::min(best, map.at(r, c));
            }
        QVERIFY(best >= o.rate - 1e-12);
        QVERIFY(best < o.rate + 0.03);
        // Nesterov converges only for alpha lambda_max < 1 + 1/(1 + 2 beta) (<= 2).
        const RateMap nest = momentumRateMap(kNesterov, l1, l2, 4.2, 1.0, 120, 100);
        for (int r = 0; r < nest.rows; ++r)
            for (int c = 0; c < nest.cols; ++c) {
                const double a = nest.alphaAt(c), b = nest.betaAt(r);
                if (std::abs(a * l2 - (1 + 1 / (1 + 2 * b))) < 1e-9) continue;
                QCOMPARE(nest.at(r, c) < 1.0, a * l2 < 1 + 1 / (1 + 2 * b));
            }
        Progress p;
        p.cancel();
        const RateMap cut = momentumRateMap(kHeavy, l1, l2, 4.2, 1.0, 10, 10, p);
        QVERIFY(std::isnan(cut.at(0, 0)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, momentumRateMap(kHeavy, l1, l2, 4.2, 1.0, 0, 10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, momentumRateMap(kHeavy, -1, l2, 4.2, 1.0, 10, 10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, measuredMomentumRate(QuadraticBowl(), kHeavy, 1.0, 1.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, measuredMomentumRate(QuadraticBowl(), kHeavy, 0.0, 0.5));
    }

    // `minima run heavy-ball`: the numbers the lab shows, as JSON.
    void experiment()
    {
        const ExperimentInfo* e = findExperiment("heavy-ball");
        QVERIFY(e);
        Progress progress;
        const std::string json = runExperiment(*e, {{"steps", "20000"}}, 1, progress);
        QVERIFY2(json.find("\"theoryRate\":0.948683298") != std::string::npos, json.c_str());
        QVERIFY2(json.find("\"rate\":0.818181818") != std::string::npos, json.c_str());
        QVERIFY(json.find("\"speedUp\":") != std::string::npos);
        const std::string best = runExperiment(*e, {{"alpha", "3.3"}, {"beta", "0.67"}}, 1, progress);
        QVERIFY(best.find("\"converges\":true") != std::string::npos);
        const std::string off = runExperiment(*e, {{"alpha", "5"}}, 1, progress);
        QVERIFY(off.find("\"converges\":false") != std::string::npos);
        QVERIFY(off.find("\"speedUp\":null") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"beta", "1"}}, 1, progress));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"lambda1", "0"}}, 1, progress));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"method", "adam"}}, 1, progress));
    }
};

QTEST_APPLESS_MAIN(TestHeavyBall)
#include "tst_heavyball.moc"
