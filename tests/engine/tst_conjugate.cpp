// The conjugate-gradients lab's engine (engine/experiments/conjugate.h) against theory and an
// independent figure:
//  - on the 2-D bowl linear CG lands in at most n = 2 steps from any start (Nocedal & Wright,
//    "Numerical Optimization", 2nd ed., theorem 5.1), in one when kappa = 1, while steepest
//    descent with exact steps is still far off after as many steps, its steps zig-zagging
//    (consecutive steps orthogonal);
//  - on n-D quadratics with k distinct eigenvalues CG is done in k steps (N&W theorem 5.4), for
//    several seeds and sizes, and within 1.5 n on any spectrum the lab offers;
//  - CG's first directions are A-conjugate (N&W theorem 5.3): C = I up to rounding;
//  - nonlinear CG on Rosenbrock from (-1.2, 1): Polak-Ribiere+ within the band tst_secondorder
//    holds it to around SciPy 1.10.1's scipy.optimize.minimize(method="CG", gtol 1e-8), 37
//    iterations and 79 gradient evaluations; Fletcher-Reeves converges too, more slowly (N&W 5.2);
//  - bad parameters are rejected with a message naming the key.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <numbers>

#include <Eigen/Eigenvalues>

#include "engine/experiments/catalog.h"
#include "engine/experiments/conjugate.h"

using namespace minima;

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// H = R diag(1, kappa) R^T, written out here rather than taken from the engine.
Eigen::Matrix2d hessian(double kappa, double degrees)
{
    const double c = std::cos(degrees * kDeg), s = std::sin(degrees * kDeg);
    Eigen::Matrix2d h;
    h << c * c + kappa * s * s, (1 - kappa) * c * s, (1 - kappa) * c * s, s * s + kappa * c * c;
    return h;
}

ConjugateParams quick()
{
    ConjugateParams p;
    p.sdSteps = 50;
    p.cgSteps = 1;   // the Rosenbrock part is tested on its own
    return p;
}

} // namespace

class TestConjugate : public QObject {
    Q_OBJECT
private slots:
    // CG on the bowl: at most two steps to the minimum (to rounding), for every kappa, rotation
    // and start; one step when kappa = 1 (every direction an eigenvector).
    void mapInTwoSteps()
    {
        for (double kappa : {1.0, 2.0, 10.0, 100.0, 1000.0})
            for (double angle : {-90.0, 0.0, 30.0, 75.0})
                for (const Eigen::Vector2d& start : {Eigen::Vector2d(-2.5, -1), Eigen::Vector2d(3, 3), Eigen::Vector2d(0.1, -2.9)}) {
                    ConjugateParams p = quick();
                    p.kappa = kappa;
                    p.angle = angle;
                    p.x = start.x();
                    p.y = start.y();
                    const ConjugateResult r = runConjugate(p, 1);
                    QVERIFY((r.mapMatrix - hessian(kappa, angle)).norm() < 1e-12 * kappa);
                    QVERIFY(r.mapCg.converged);
                    QVERIFY(r.mapCg.iterations <= 2);
                    if (kappa == 1.0) QCOMPARE(r.mapCg.iterations, 1);
                    QCOMPARE(int(r.mapCg.points.size()), r.mapCg.iterations + 1);
                    QVERIFY2(r.mapCg.points.back().norm() < 1e-12 * start.norm() * kappa,
                             qPrintable(QString::number(r.mapCg.points.back().norm())));
                    // Steepest descent's consecutive steps are orthogonal: the zig-zag.
                    const auto& sd = r.mapSd.points;
                    for (std::size_t t = 2; t < std::min<std::size_t>(sd.size(), 10); ++t) {
                        const Eigen::VectorXd s1 = sd[t - 1] - sd[t - 2], s2 = sd[t] - sd[t - 1];
                        QVERIFY(std::abs(s1.dot(s2)) <= 1e-9 * s1.norm() * s2.norm());
                    }
                }
        // A start on an eigenvector: the gradient points at the minimum and CG's first step lands.
        for (double angle : {0.0, 30.0, -60.0}) {
            ConjugateParams p = quick();
            p.kappa = 50;
            p.angle = angle;
            for (double along : {0.0, 90.0}) {
                p.x = 2 * std::cos((angle + along) * kDeg);
                p.y = 2 * std::sin((angle + along) * kDeg);
                const ConjugateResult r = runConjugate(p, 1);
                QCOMPARE(r.mapCg.iterations, 1);
                QCOMPARE(r.mapSd.iterations, 1);
            }
        }
        // The default bowl (kappa 10, 30 degrees, from (-2.5, -1)): after two steps steepest
        // descent's residual is still a sizeable fraction of its start's; its 40 steps do not reach 1e-10.
        const ConjugateResult r = runConjugate(quick(), 1);
        QCOMPARE(r.mapCg.iterations, 2);
        QVERIFY(r.mapSd.residualNorms[2] > 0.1 * r.mapSd.residualNorms[0]);
        QCOMPARE(r.mapSd.iterations, 40);
        QVERIFY(!r.mapSd.converged);
    }

    // k distinct eigenvalues (spread 0): CG's residual falls below 1e-10 |r_0| in exactly k steps
    // for k <= 5 on the lab's default spectrum [1, 100], for several seeds and sizes (theorem 5.4
    // says k in exact arithmetic; rounding may add steps for larger k, never fewer than k).
    void clustersInKSteps()
    {
        for (int n : {20, 100, 200})
            for (int k : {1, 2, 3, 4, 5})
                for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
                    ConjugateParams p = quick();
                    p.n = n;
                    p.clusters = k;
                    const ConjugateResult r = runConjugate(p, seed);
                    QCOMPARE(r.distinctEigenvalues, k);
                    QVERIFY2(r.cgSteps == k, qPrintable(QStringLiteral("n %1 k %2 seed %3: %4").arg(n).arg(k).arg(seed).arg(r.cgSteps)));
                    // The eigenvalues are really A's.
                    if (n == 20 && seed == 1) {
                        // A from the same seed by the same functions, its spectrum by Eigen.
                        const Eigen::MatrixXd a = matrixWithEigenvalues(r.eigenvalues, seed);
                        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(a);
                        Eigen::VectorXd want = r.eigenvalues;
                        std::sort(want.data(), want.data() + want.size());
                        QVERIFY((es.eigenvalues() - want).norm() < 1e-10);
                    }
                }
        // More clusters on [1, 100] (n = 200, the lab's seeds): rounding adds steps, 20 distinct
        // eigenvalues take 25, and 200 distinct ones take 104 or 105, far under n: CG's residual
        // falls faster than the (sqrt(kappa) - 1)/(sqrt(kappa) + 1) per step of N&W (5.36).
        for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
            ConjugateParams p = quick();
            p.n = 200;
            p.clusters = 20;
            const ConjugateResult r20 = runConjugate(p, seed);
            QCOMPARE(r20.cgSteps, 25);
            p.clusters = 200;
            const ConjugateResult r200 = runConjugate(p, seed);
            QCOMPARE(r200.distinctEigenvalues, 200);
            QVERIFY2(r200.cgSteps >= 100 && r200.cgSteps <= 110, qPrintable(QString::number(r200.cgSteps)));
        }
        // Every spectrum, cluster count and spread the lab offers at n = 200: CG gets there within its
        // budget, at most 1.5 n steps.
        for (double spectrum : {10.0, 100.0, 1000.0})
            for (int k : {8, 20, 200})
                for (double spread : {0.0, 1e-8, 1e-4, 1e-2}) {
                    ConjugateParams p = quick();
                    p.n = 200;
                    p.clusters = k;
                    p.spread = spread;
                    p.spectrum = spectrum;
                    const ConjugateResult r = runConjugate(p, 3);
                    QVERIFY2(r.cgSteps > 0 && r.cgSteps <= 300, qPrintable(QString::number(r.cgSteps)));
                }
        // Tight clusters: with spread 1e-8 the two clusters of n = 100 take more than 2 steps but
        // far fewer than n (each cluster acts as one eigenvalue until the residual reaches its width).
        for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
            ConjugateParams p = quick();
            p.clusters = 2;
            p.spread = 1e-8;
            const ConjugateResult r = runConjugate(p, seed);
            QVERIFY(r.distinctEigenvalues > 90);   // distinct to 1e-12, so a chance pair may count as one
            QVERIFY2(r.cgSteps >= 3 && r.cgSteps <= 6, qPrintable(QString::number(r.cgSteps)));
        }
    }

    // Steepest descent on the same quadratic, from the same x_0: its residual after CG's steps
    // is far above CG's, and with one cluster (A = c I) both land in one step.
    void steepestDescentIsSlower()
    {
        ConjugateParams p = quick();
        p.sdSteps = 2000;
        for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
            const ConjugateResult r = runConjugate(p, seed);
            QCOMPARE(r.cgSteps, 5);
            QVERIFY(r.sd.residualNorms[5] > 1e-3 * r.sd.residualNorms[0]);
            QCOMPARE(r.sd.residualNorms.front(), r.cg.residualNorms.front());
            QVERIFY2(r.sdSteps >= 800 && r.sdSteps <= 1000, qPrintable(QString::number(r.sdSteps)));
            if (seed == 1) QCOMPARE(r.sdSteps, 926);
        }
        p.clusters = 1;
        const ConjugateResult one = runConjugate(p, 1);
        QCOMPARE(one.cgSteps, 1);
        QCOMPARE(one.sdSteps, 1);
    }

    // C_ij of CG's first directions: the identity to rounding (theorem 5.3).
    void directionsAreConjugate()
    {
        for (std::uint64_t seed : {1, 2, 3}) {
            ConjugateParams p = quick();
            p.clusters = 12;
            p.directions = 8;
            const ConjugateResult r = runConjugate(p, seed);
            QCOMPARE(int(r.conjugacy.rows()), 8);
            QVERIFY(r.largestDiagonalError < 1e-12);
            QVERIFY2(r.largestOffDiagonal < 1e-10, qPrintable(QString::number(r.largestOffDiagonal)));
            double off = 0;
            for (int i = 0; i < 8; ++i)
                for (int j = 0; j < 8; ++j)
                    if (i != j) off = std::max(off, std::abs(r.conjugacy(i, j)));
            QCOMPARE(off, r.largestOffDiagonal);
        }
        // At the default setting (5 distinct eigenvalues) CG takes 5 steps, so 5 directions,
        // conjugate below 1e-10 for every seed the lab offers.
        for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
            const ConjugateResult d = runConjugate(quick(), seed);
            QCOMPARE(int(d.conjugacy.rows()), 5);
            QVERIFY(d.largestOffDiagonal < 1e-10);
        }
        // The text's example of lost conjugacy: n = 10, 8 clusters on [1, 1000], seed 1: about 1e-5.
        {
            ConjugateParams lost = quick();
            lost.n = 10;
            lost.clusters = 8;
            lost.spectrum = 1000;
            const ConjugateResult l = runConjugate(lost, 1);
            QVERIFY2(l.largestOffDiagonal > 3e-6 && l.largestOffDiagonal < 3e-5, qPrintable(QString::number(l.largestOffDiagonal)));
        }
        // On the spectra [1, 10] and [1, 100] with n >= 50, every cluster count and spread the lab
        // offers: below 1e-7.
        for (double spectrum : {10.0, 100.0})
            for (int n : {50, 200})
                for (int k : {1, 3, 8, 50})
                    for (double spread : {0.0, 1e-8, 1e-6, 1e-4, 1e-2}) {
                        ConjugateParams q = quick();
                        q.n = n;
                        q.clusters = k;
                        q.spread = spread;
                        q.spectrum = spectrum;
                        const ConjugateResult c = runConjugate(q, 2);
                        QVERIFY2(c.largestOffDiagonal < 1e-7, qPrintable(QString::number(c.largestOffDiagonal)));
                    }
        // The directions kept are those made from a residual above kConjugateResidual |r_0|.
        ConjugateParams one = quick();
        one.clusters = 1;
        const ConjugateResult c1 = runConjugate(one, 1);
        QCOMPARE(int(c1.conjugacy.rows()), 1);
        QCOMPARE(c1.largestOffDiagonal, 0.0);
    }

    // Nonlinear CG on Rosenbrock from (-1.2, 1): both reach (1, 1) with |grad f| < 1e-8;
    // Polak-Ribiere+ within tst_secondorder's band around SciPy's CG (37 iterations, 79 gradient
    // evaluations), Fletcher-Reeves slower in both counts.
    void nonlinearOnRosenbrock()
    {
        ConjugateParams p = quick();
        p.cgSteps = 5000;
        const ConjugateResult r = runConjugate(p, 1);
        const SecondOrderRun& fr = r.fletcherReeves;
        const SecondOrderRun& pr = r.polakRibiere;
        for (const SecondOrderRun* run : {&fr, &pr}) {
            QCOMPARE(run->run.status, RunStatus::Converged);
            QVERIFY((run->run.final - Eigen::Vector2d(1, 1)).norm() < 1e-6);
            QVERIFY(run->gradientEvaluations >= run->run.steps + 1);
            QCOMPARE(int(run->run.points.size()), run->run.steps + 1);
            QCOMPARE(run->run.points.front(), Eigen::VectorXd(Eigen::Vector2d(-1.2, 1)));
            for (std::size_t t = 1; t < run->run.losses.size(); ++t) QVERIFY(run->run.losses[t] < run->run.losses[t - 1]);
        }
        QVERIFY(3 * pr.run.steps >= 37 && pr.run.steps <= 37);
        QVERIFY(2 * pr.gradientEvaluations <= 3 * 79 && 3 * pr.gradientEvaluations >= 2 * 79);
        QVERIFY(fr.run.steps > pr.run.steps);
        QVERIFY(fr.gradientEvaluations > pr.gradientEvaluations);
        qInfo("Fletcher-Reeves %d iterations, %d gradients; Polak-Ribiere+ %d, %d", fr.run.steps, fr.gradientEvaluations,
              pr.run.steps, pr.gradientEvaluations);
        // The figures the lab's text quotes.
        QCOMPARE(fr.run.steps, 66);
        QCOMPARE(fr.gradientEvaluations, 244);
        QCOMPARE(pr.run.steps, 23);
        QCOMPARE(pr.gradientEvaluations, 106);
    }

    void helpers()
    {
        Eigen::VectorXd v(6);
        v << 3, 1, 2, 1, 3 + 1e-14, 2.5;
        QCOMPARE(distinctValues(v), 4);
        QCOMPARE(stepsToTolerance({10, 1, 1e-9, 1e-12}, 1e-10), 2);
        QCOMPARE(stepsToTolerance({10, 1}, 1e-10), -1);
        QCOMPARE(stepsToTolerance({}, 1e-10), -1);
    }

    // `minima run conjugate`: the catalog entry, its JSON, and bad settings refused.
    void catalogEntry()
    {
        const ExperimentInfo* e = findExperiment("conjugate");
        QVERIFY(e);
        Progress& progress = Progress::none();
        const std::string json = runExperiment(*e, {{"n", "50"}, {"clusters", "3"}, {"sd-steps", "100"}}, 1, progress);
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
        QCOMPARE(o["experiment"].toString(), QStringLiteral("conjugate"));
        QCOMPARE(o["n"].toInt(), 50);
        QCOMPARE(o["quadratic"].toObject()["cgStepsToTolerance"].toInt(), 3);
        QCOMPARE(o["quadratic"].toObject()["distinctEigenvalues"].toInt(), 3);
        QCOMPARE(o["map"].toObject()["cgIterations"].toInt(), 2);
        QCOMPARE(o["polakRibiere"].toObject()["iterations"].toInt(), 23);
        QCOMPARE(o["fletcherReeves"].toObject()["status"].toString(), QStringLiteral("converged"));
        QVERIFY(estimateExperimentWork(*e, {}) > 0);
        for (const auto& bad : std::vector<std::map<std::string, std::string>>{
                 {{"kappa", "0.5"}}, {{"n", "1"}}, {{"clusters", "0"}}, {{"n", "10"}, {"clusters", "11"}},
                 {{"spread", "0.7"}}, {{"spread", "nan"}}, {{"tolerance", "0"}}, {{"spectrum", "0.5"}},
                 {{"x", "inf"}}, {{"directions", "17"}}, {{"start-x", "11"}}, {{"cg-steps", "0"}}, {{"gtol", "1"}},
                 {{"nokey", "1"}}})
            QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*e, bad, 1, progress));
        ConjugateParams p;
        p.angle = NAN;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runConjugate(p, 1));
    }
};

QTEST_GUILESS_MAIN(TestConjugate)
#include "tst_conjugate.moc"
