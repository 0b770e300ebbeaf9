// The BFGS and L-BFGS lab's engine (engine/experiments/quasinewton.h): every recorded BFGS
// estimate satisfies the secant equation H_{k+1} y_k = s_k (Nocedal & Wright, "Numerical
// Optimization", 2nd ed., (6.6) and (6.17)); near the minimum of Rosenbrock the estimate comes
// close to the true inverse Hessian (N&W 6.4: superlinear convergence goes with the Dennis-More
// condition (3.36), and on this run the whole matrix converges); the ellipses are the level sets
// they claim to be; the memory sweep's properties that hold on the lab's problems; bad
// parameters are refused.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <map>

#include <Eigen/LU>

#include "engine/experiments/catalog.h"
#include "engine/experiments/quasinewton.h"
#include "engine/common/random.h"
#include "engine/surfaces/analytic.h"
#include "lessons/common/networkfiles.h"

using namespace minima;

namespace {

// The 1,797 digits, pixels scaled to [0, 1] as the lab scales them.
const Dataset& digits()
{
    static const Dataset d = [] {
        Dataset data;
        QString error;
        if (!loadDataset(QStringLiteral(MINIMA_DIGITS_CSV), &data, &error)) qFatal("%s", qPrintable(error));
        data.inputs /= 16.0;
        return data;
    }();
    return d;
}

} // namespace

class TestQuasiNewton : public QObject {
    Q_OBJECT
private slots:
    // Every estimate after a step satisfies H_{k+1} y_k = s_k, on both surfaces and from
    // several starts (the strong Wolfe search keeps y^T s > 0, so every step updates).
    void everyEstimateSatisfiesTheSecantEquation()
    {
        for (const std::string& key : quasiNewtonSurfaceKeys()) {
            const auto surface = quasiNewtonSurface(key);
            for (const Eigen::Vector2d& start : {Eigen::Vector2d(-1.2, 1.0), Eigen::Vector2d(1.5, -0.5), Eigen::Vector2d(0.2, 2.5)}) {
                BfgsPathParams p;
                p.surface = key;
                p.x = start.x();
                p.y = start.y();
                const BfgsPathResult r = runBfgsPath(p);
                const auto& pts = r.run.run.points;
                QCOMPARE(r.steps.size(), pts.size());
                QCOMPARE(r.run.inverseHessians.size(), pts.size());
                QVERIFY(pts.size() > 3);
                QVERIFY(r.steps.front().estimate.isApprox(Eigen::Matrix2d::Identity()));
                for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
                    const Eigen::Vector2d s = pts[k + 1] - pts[k];
                    const Eigen::Vector2d y = surface->gradient(pts[k + 1]) - surface->gradient(pts[k]);
                    QVERIFY(y.dot(s) > 0);
                    const Eigen::Vector2d residual = r.steps[k + 1].estimate * y - s;
                    QVERIFY2(residual.norm() <= 1e-8 * s.norm() + 1e-300,
                             qPrintable(QString::fromStdString(key) + QStringLiteral(" step %1: %2").arg(k).arg(residual.norm() / s.norm())));
                    // Each estimate stays symmetric positive definite (N&W 6.1).
                    const Eigen::Matrix2d h = r.steps[k + 1].estimate;
                    QVERIFY(std::abs(h(0, 1) - h(1, 0)) <= 1e-12 * h.norm());
                    QVERIFY(h(0, 0) > 0 && h.determinant() > 0);
                }
            }
        }
    }

    // From N&W's start (-1.2, 1) BFGS reaches |g| < 1e-8 on Rosenbrock; there the estimate is
    // within 5% of the true inverse Hessian [[0.5, 1], [1, 2.005]] (inverse of [[802, -400],
    // [-400, 200]] at (1, 1)), while at the start (H_0 = I) it is off by more than 90%.
    void estimateApproachesTheTrueInverseNearTheMinimum()
    {
        const BfgsPathResult r = runBfgsPath({});
        QCOMPARE(r.run.run.status, RunStatus::Converged);
        QVERIFY((r.run.run.final - Eigen::Vector2d(1, 1)).norm() < 1e-6);
        QVERIFY(r.steps.front().relativeError > 0.9);
        const double last = r.steps.back().relativeError;
        QVERIFY2(last < 0.05, qPrintable(QString::number(last)));
        // The true Hessian at (1, 1) by hand: f_xx = 2 - 400 + 1200 = 802, f_xy = -400, f_yy = 200.
        const Eigen::Matrix2d h = Rosenbrock().hessian({1, 1});
        QCOMPARE(h(0, 0), 802.0);
        QCOMPARE(h(0, 1), -400.0);
        Eigen::Matrix2d inv;
        inv << 0.5, 1.0, 1.0, 2.005;
        QVERIFY((h.inverse() - inv).norm() < 1e-12);
        QVERIFY(relativeInverseError(inv, h) < 1e-12);
        QVERIFY(std::isnan(relativeInverseError(inv, Eigen::Matrix2d::Zero())));
    }

    // What the lab's text claims for the usual starts, at every tolerance the lab offers: BFGS
    // converges, from (-1.2, 1) on Rosenbrock in 30 to 45 steps and from (1, 1) on Beale in under
    // 20; H_0 = I is more than 90% off the true inverse Hessian and the last estimate within 5%.
    void usualStartsAsTheTextSays()
    {
        for (const std::string& key : quasiNewtonSurfaceKeys())
            for (double tol : {1e-4, 1e-6, 1e-8}) {
                BfgsPathParams p;
                p.surface = key;
                const Point2 s = quasiNewtonSurface(key)->defaultStart();
                p.x = s.x();
                p.y = s.y();
                p.tolerance = tol;
                const BfgsPathResult r = runBfgsPath(p);
                const QString what = QString::fromStdString(key) + QStringLiteral(" %1: %2 steps, last error %3")
                                                                       .arg(tol)
                                                                       .arg(r.run.run.steps)
                                                                       .arg(r.steps.back().relativeError);
                QVERIFY2(r.run.run.status == RunStatus::Converged, qPrintable(what));
                if (key == "rosenbrock") QVERIFY2(r.run.run.steps >= 30 && r.run.run.steps <= 45, qPrintable(what));
                else QVERIFY2(r.run.run.steps < 20, qPrintable(what));
                QVERIFY2(r.steps.front().relativeError > 0.9, qPrintable(what));
                QVERIFY2(r.steps.back().relativeError < 0.05, qPrintable(what));
            }
    }

    // The ellipses are the level sets they claim: d^T A d = c for the true Hessian's, and
    // d^T H^-1 d = c for the estimate's; their longer semi-axis is the radius asked for.
    void ellipsesAreLevelSets()
    {
        Eigen::Matrix2d a;
        a << 802, -400, -400, 200;
        const Eigen::Vector2d c0(1, 1);
        const auto e = quadraticEllipse(a, c0, 0.3, 64);
        QCOMPARE(int(e.size()), 65);
        for (const Eigen::Vector2d& p : e) QVERIFY(std::abs((p - c0).dot(a * (p - c0)) - 0.3) < 1e-9);
        const Eigen::Matrix2d h = a.inverse();
        const auto f = inverseQuadraticEllipse(h, c0, 0.3, 64);
        for (const Eigen::Vector2d& p : f) QVERIFY(std::abs((p - c0).dot(a * (p - c0)) - 0.3) < 1e-9);
        Eigen::Matrix2d indefinite;
        indefinite << 1, 0, 0, -1;
        QVERIFY(quadraticEllipse(indefinite, c0, 1).empty());
        QVERIFY(inverseQuadraticEllipse(indefinite, c0, 1).empty());
        QVERIFY(quadraticEllipse(a, c0, 0).empty());
        QVERIFY(quadraticEllipse(a * NAN, c0, 1).empty());

        const BfgsPathResult r = runBfgsPath({}, 0.35);
        for (const BfgsStepCurvature& s : r.steps) {
            if (!s.truePositiveDefinite) continue;
            QVERIFY(!s.trueEllipse.empty());
            double longest = 0;
            const Eigen::Vector2d centre = r.run.run.points[std::size_t(&s - r.steps.data())];
            for (const Eigen::Vector2d& p : s.trueEllipse) longest = std::max(longest, (p - centre).norm());
            QVERIFY(longest <= 0.35 + 1e-9);
            QVERIFY(longest >= 0.35 * std::cos(3.15 / 96));   // within the polyline's sampling
        }
    }

    // Rosenbrock's Hessian is indefinite at (0, 1): f_xx = 2 - 400 = -398, f_yy = 200, so the
    // true ellipse does not exist; the estimate's (H_0 = I) still does.
    void indefiniteTruthHasNoEllipse()
    {
        BfgsPathParams p;
        p.x = 0;
        p.y = 1;
        const BfgsPathResult r = runBfgsPath(p);
        QVERIFY(!r.steps.front().truePositiveDefinite);
        QVERIFY(r.steps.front().trueEllipse.empty());
        QVERIFY(!r.steps.front().estimateEllipse.empty());
        QVERIFY(std::isfinite(r.steps.front().relativeError));
    }

    // The extended Rosenbrock function and its gradient against central differences.
    void extendedRosenbrockGradient()
    {
        const SmoothObjective o = extendedRosenbrock(10);
        Eigen::VectorXd x = extendedRosenbrockStart(10);
        QCOMPARE(o.value(x), 5 * 24.2);   // each pair: (2.2)^2 + 100 (1 - 1.44)^2 = 4.84 + 19.36
        x[3] = 0.3;
        x[6] = 0.7;
        Eigen::VectorXd g;
        o.gradient(x, g);
        for (int i = 0; i < 10; ++i) {
            Eigen::VectorXd a = x, b = x;
            a[i] += 1e-6;
            b[i] -= 1e-6;
            QVERIFY(std::abs((o.value(a) - o.value(b)) / 2e-6 - g[i]) < 1e-5 * std::max(1.0, std::abs(g[i])));
        }
        QCOMPARE(o.value(Eigen::VectorXd::Ones(10)), 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, extendedRosenbrock(7));
    }

    // The chained Rosenbrock function in 100 dimensions, at every tolerance the lab offers: every
    // run reaches the global minimum (f < 1e-5; the other local minimum has f near 4); m = 1 needs between 1.4 and 1.8 times the
    // iterations of m = 20; from m = 3 on every memory needs at most 0.8 times m = 1's; m = 20
    // needs fewer iterations than full BFGS. Each iteration costs at least one gradient.
    void memoryPaysOnTheChainedRosenbrock()
    {
        for (double tol : {1e-4, 1e-6, 1e-8}) {
            LbfgsMemoryParams p;
            p.tolerance = tol;
            const LbfgsMemoryResult r = runLbfgsMemory(p);
            QCOMPARE(r.dimension, 100);
            QCOMPARE(int(r.points.size()), 20);
            for (const LbfgsMemoryPoint& q : r.points) {
                QVERIFY2(q.converged, q.stopReason.c_str());
                QVERIFY2(q.finalLoss < 1e-5, qPrintable(QString::number(q.finalLoss)));   // the other minimum has f ≈ 3.98
                QVERIFY(q.finalGradientNorm < tol);
                QVERIFY(q.gradientEvaluations >= q.iterations + 1);
                if (q.memory >= 3) QVERIFY(q.iterations <= 0.8 * r.points.front().iterations);
            }
            const double ratio = double(r.points.front().iterations) / r.points.back().iterations;
            QVERIFY2(ratio > 1.4 && ratio < 1.8, qPrintable(QString::number(ratio)));
            QVERIFY(r.bfgs.converged);
            QVERIFY(r.points.back().iterations < r.bfgs.iterations);
        }
    }

    // The extended Rosenbrock function is 50 uncoupled copies of the 2-D valley: whatever the
    // memory, L-BFGS's iterations stay within 25% of each other and of full BFGS's.
    void memoryHardlyMattersOnUncoupledPairs()
    {
        for (double tol : {1e-4, 1e-6, 1e-8}) {
            LbfgsMemoryParams p;
            p.problem = "extended-rosenbrock";
            p.tolerance = tol;
            const LbfgsMemoryResult r = runLbfgsMemory(p);
            int lo = r.bfgs.iterations, hi = r.bfgs.iterations;
            for (const LbfgsMemoryPoint& q : r.points) {
                QVERIFY(q.converged);
                lo = std::min(lo, q.iterations);
                hi = std::max(hi, q.iterations);
            }
            QVERIFY2(hi <= 1.25 * lo, qPrintable(QStringLiteral("%1..%2").arg(lo).arg(hi)));
        }
    }

    // On the 2-D surfaces from their usual starts every memory converges, at every tolerance the lab offers.
    void everyMemoryConvergesOnTheSurfaces()
    {
        for (const std::string& key : quasiNewtonSurfaceKeys()) {
            LbfgsMemoryParams p;
            p.problem = key;
            const Point2 s = quasiNewtonSurface(key)->defaultStart();
            p.x = s.x();
            p.y = s.y();
            for (double tol : {1e-4, 1e-6, 1e-8}) {
                p.tolerance = tol;
                const LbfgsMemoryResult r = runLbfgsMemory(p);
                QCOMPARE(r.dimension, 2);
                for (const LbfgsMemoryPoint& q : r.points) QVERIFY(q.converged);
                QVERIFY(r.bfgs.converged);
            }
        }
    }

    void badParametersAreRefused()
    {
        BfgsPathParams b;
        b.surface = "himmelblau";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b.validate());
        b = {};
        b.x = NAN;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b.validate());
        b = {};
        b.maxSteps = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b.validate());
        b = {};
        b.tolerance = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b.validate());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runBfgsPath({}, 0.0));
        LbfgsMemoryParams m;
        m.minMemory = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.validate());
        m = {};
        m.minMemory = 5;
        m.maxMemory = 4;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.validate());
        m = {};
        m.n = 7;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.validate());
        m = {};
        m.problem = "sphere";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.validate());
        // The command line names the bad key.
        const ExperimentInfo* e = findExperiment("lbfgs-memory");
        QVERIFY(e);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, {{"min-memory", "9"}, {"max-memory", "3"}}, 1, Progress::none()));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*findExperiment("bfgs-path"), {{"surface", "x"}}, 1, Progress::none()));
    }

    // `minima run bfgs-path` and `minima run lbfgs-memory` write what the lab draws.
    void experimentsWriteTheirResults()
    {
        const ExperimentInfo* path = findExperiment("bfgs-path");
        QVERIFY(path);
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(runExperiment(*path, {}, 1, Progress::none()))).object();
        QCOMPARE(o.value("experiment").toString(), QStringLiteral("bfgs-path"));
        QVERIFY(o.value("converged").toBool());
        const QJsonArray steps = o.value("path").toArray();
        QCOMPARE(o.value("steps").toInt(), 200);   // the budget echoed
        QCOMPARE(steps.size(), o.value("stepsTaken").toInt() + 1);
        for (int k = 1; k < steps.size(); ++k) QVERIFY(steps[k].toObject().value("secantResidual").toDouble() < 1e-8);
        QVERIFY(steps.last().toObject().value("relativeInverseError").toDouble() < 0.05);
        const ExperimentInfo* memory = findExperiment("lbfgs-memory");
        QVERIFY(memory);
        const QJsonObject m = QJsonDocument::fromJson(
            QByteArray::fromStdString(runExperiment(*memory, {{"max-memory", "5"}}, 1, Progress::none()))).object();
        QCOMPARE(m.value("dimension").toInt(), 100);
        QCOMPARE(m.value("lbfgs").toArray().size(), 5);
        QVERIFY(m.value("bfgs").toObject().value("converged").toBool());
        QVERIFY(estimateExperimentWork(*memory, {}) > 0);
        QVERIFY(estimateExperimentWork(*path, {}) > 0);
    }

    // The network objective's gradient (backpropagation) against central differences of its
    // value, at a Xavier start of 64-16-10 on the digits, on 40 coordinates of every layer.
    void networkGradientMatchesFiniteDifferences()
    {
        Network net({64, 16, 10}, {Activation::Tanh}, OutputActivation::Softmax);
        net.initialise(Initialisation::Xavier, 7);
        const Eigen::MatrixXd y = oneHot(digits());
        const SmoothObjective o = networkObjective(net, digits(), y);
        const Eigen::VectorXd p = net.parameters();
        Eigen::VectorXd g;
        o.gradient(p, g);
        QCOMPARE(g.size(), Eigen::Index(64 * 16 + 16 + 16 * 10 + 10));
        QVERIFY(std::abs(o.value(p) - evaluateLoss(net, p, digits().inputs, y, Loss::SoftmaxCrossEntropy, *std::make_unique<Workspace>())) < 1e-14);
        for (Eigen::Index i = 0; i < p.size(); i += p.size() / 40) {
            Eigen::VectorXd a = p, b = p;
            const double h = 1e-5;
            a[i] += h;
            b[i] -= h;
            const double fd = (o.value(a) - o.value(b)) / (2 * h);
            QVERIFY2(std::abs(fd - g[i]) < 1e-7 + 1e-5 * std::abs(g[i]), qPrintable(QStringLiteral("%1: %2 vs %3").arg(i).arg(fd).arg(g[i])));
        }
        Network wrong({64, 16, 3}, {Activation::Tanh}, OutputActivation::Softmax);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, networkObjective(wrong, digits(), y));
    }

    // 64-16-10 (tanh, softmax) on the 1,797 digits, full batch, from the same Xavier start, seeds 1
    // and 2, 100 gradient evaluations each: L-BFGS (m = 10) ends below 10^-3, BFGS below 10^-2,
    // Adam (0.01) and gradient descent (0.5) above 0.1, gradient descent above Adam. The curves
    // start at the same loss with 0 evaluations, and their counts never fall.
    void fullBatchOnTheDigits()
    {
        for (std::uint64_t seed : {1, 2}) {
            FullBatchParams p;
            p.seed = seed;
            p.evaluations = 100;
            const FullBatchResult r = runFullBatch(p, digits());
            QCOMPARE(r.parameters, 1210);
            QCOMPARE(r.samples, 1797);
            QCOMPARE(int(r.curves.size()), 4);
            std::map<std::string, double> last;
            for (const FullBatchCurve& c : r.curves) {
                QCOMPARE(c.evaluations.front(), 0);
                QCOMPARE(c.losses.front(), r.curves.front().losses.front());
                QCOMPARE(c.evaluations.size(), c.losses.size());
                for (std::size_t k = 1; k < c.evaluations.size(); ++k) QVERIFY(c.evaluations[k] >= c.evaluations[k - 1]);
                QVERIFY(c.evaluations.back() <= 100 + 30);   // a line search may finish past the budget
                for (double f : c.losses) QVERIFY(std::isfinite(f) && f >= 0);
                QCOMPARE(c.finalLoss, c.losses.back());
                QVERIFY(c.finalLoss > 1e-20);
                last[c.method] = c.finalLoss;
            }
            const QString all = QStringLiteral("gd %1 adam %2 bfgs %3 lbfgs %4").arg(last["gd"]).arg(last["adam"]).arg(last["bfgs"]).arg(last["lbfgs"]);
            QVERIFY2(last["lbfgs"] < 1e-3 && last["bfgs"] < 1e-2 && last["adam"] > 0.1 && last["gd"] > last["adam"], qPrintable(all));
        }
        FullBatchParams bad;
        bad.evaluations = 1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runFullBatch(bad, digits()));
        bad = {};
        bad.widths = {64, 16, 3};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runFullBatch(bad, digits()));
    }
};

QTEST_GUILESS_MAIN(TestQuasiNewton)
#include "tst_quasinewton.moc"
