// The BFGS and L-BFGS lab of the second-order lesson, driven as a learner would: the surface
// chosen, the start typed and clicked, the step slider scrubbed through the run. Checked: the
// path, the two ellipses at the chosen step against the level sets of the true Hessian (worked
// here from Rosenbrock's formula) and of BFGS's estimate, the error chart, the memory chart and
// the readout's numbers; nothing non-finite at the controls' extremes.
#include <QtTest>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSlider>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>

#include <cmath>
#include <memory>

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include "engine/experiments/quasinewton.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/second-order/quasinewtonlab.h"
#include "lessons/second-order/secondorderlesson.h"
#include "common/chartlookup.h"
#include "common/labtext.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
}

// Rosenbrock's Hessian by hand: f_xx = 2 - 400 y + 1200 x^2, f_xy = -400 x, f_yy = 200.
Eigen::Matrix2d rosenbrockHessian(const Eigen::Vector2d& p)
{
    Eigen::Matrix2d h;
    h << 2 - 400 * p.y() + 1200 * p.x() * p.x(), -400 * p.x(), -400 * p.x(), 200;
    return h;
}

Eigen::Vector2d vec(const QPointF& p) { return {p.x(), p.y()}; }

bool everyChartFinite(QuasiNewtonLab& lab)
{
    return allFinite(lab.mapChart()) && allFinite(lab.errorChart()) && allFinite(lab.memoryChart()) && allFinite(lab.trainingChart());
}

void setStart(QuasiNewtonLab& lab, double x, double y)
{
    lab.startX()->setValue(x);
    lab.startY()->setValue(y);
}

void choose(QComboBox* box, const QString& data)
{
    const int i = box->findData(data);
    QVERIFY(i >= 0);
    box->setCurrentIndex(i);
}

// The range of d^T A d over an ellipse's points around `centre`.
std::pair<double, double> formRange(QXYSeries* s, const Eigen::Matrix2d& a, const Eigen::Vector2d& centre)
{
    double lo = INFINITY, hi = -INFINITY;
    for (const QPointF& p : s->points()) {
        const Eigen::Vector2d d = vec(p) - centre;
        lo = std::min(lo, d.dot(a * d));
        hi = std::max(hi, d.dot(a * d));
    }
    return {lo, hi};
}

} // namespace

class TestSecondOrderQuasiNewton : public QObject {
    Q_OBJECT
    QThreadPool pool_;

private slots:
    void pageHasTheLab()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        const QString text = test::labTextOnPage(SecondOrderLesson(), ctx, QStringLiteral("BFGS and L-BFGS"));
        QVERIFY(!text.isEmpty());
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Hₖ₊₁yₖ = sₖ")));
        QVERIFY(text.contains(QStringLiteral("1.4 to 1.8 times")));
    }

    // The default view: Rosenbrock from (-1.2, 1), |grad f| < 1e-6, the slider at the last step.
    void defaultsAsTheTextSays()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        QuasiNewtonLab lab(ctx);
        lab.resize(1366, 800);
        lab.show();
        QVERIFY(settled(lab));
        QCOMPARE(lab.surface()->currentData().toString(), QStringLiteral("rosenbrock"));
        QCOMPARE(lab.tolerance()->currentData().toDouble(), 1e-6);
        const Eigen::Vector2d x0(lab.startX()->value(), lab.startY()->value());
        QCOMPARE(x0, Eigen::Vector2d(-1.2, 1.0));

        QXYSeries* path = seriesNamed(lab.mapChart(), QStringLiteral("path"));
        QVERIFY(path);
        const int steps = path->count() - 1;
        QVERIFY2(steps >= 30 && steps <= 45, qPrintable(QString::number(steps)));
        QCOMPARE(vec(path->at(0)), x0);
        QVERIFY((vec(path->at(steps)) - Eigen::Vector2d(1, 1)).norm() < 1e-5);
        QCOMPARE(lab.step()->maximum(), steps);
        QCOMPARE(lab.step()->value(), steps);
        QVERIFY2(lab.readout().contains(QStringLiteral("reached |∇f| < 10⁻⁶ in %1 steps").arg(steps)), qPrintable(lab.readout()));

        // The true ellipse at the last point: a level set of Rosenbrock's Hessian there, its longer
        // semi-axis 0.09 of the map's width (4): c = lambda_min 0.36^2.
        const Eigen::Vector2d x = vec(path->at(steps));
        QCOMPARE(vec(seriesNamed(lab.mapChart(), QStringLiteral("current"))->at(0)), x);
        const Eigen::Matrix2d h = rosenbrockHessian(x);
        const double c = Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(h).eigenvalues().minCoeff() * 0.36 * 0.36;
        QXYSeries* truth = seriesNamed(lab.mapChart(), QStringLiteral("trueEllipse"));
        QVERIFY(truth->count() > 50);
        const auto [tlo, thi] = formRange(truth, h, x);
        QVERIFY2(std::abs(tlo - c) < 1e-6 * c && std::abs(thi - c) < 1e-6 * c, qPrintable(QStringLiteral("%1 %2 %3").arg(tlo).arg(thi).arg(c)));
        // The estimate's: a level set of H_k^-1 for the same c, with H_k from the same run.
        BfgsPathParams p;
        p.tolerance = 1e-6;
        const BfgsPathResult r = runBfgsPath(p);
        QCOMPARE(int(r.steps.size()), steps + 1);
        const Eigen::Matrix2d hk = r.steps.back().estimate;
        QXYSeries* estimate = seriesNamed(lab.mapChart(), QStringLiteral("estimateEllipse"));
        QVERIFY(estimate->count() > 50);
        const auto [elo, ehi] = formRange(estimate, hk.inverse(), x);
        QVERIFY(std::abs(elo - c) < 1e-6 * c && std::abs(ehi - c) < 1e-6 * c);

        // The error chart: one point per step (no Hessian is singular on this run), the start's
        // above 0.9, the last below 0.05 and marked.
        QXYSeries* errors = seriesNamed(lab.errorChart(), QStringLiteral("relativeError"));
        QCOMPARE(errors->count(), steps + 1);
        QVERIFY(errors->at(0).y() > 0.9);
        const double last = errors->at(steps).y();
        QVERIFY(last < 0.05);
        QVERIFY(std::abs(last - (hk - h.inverse()).norm() / h.inverse().norm()) < 1e-9);
        QCOMPARE(seriesNamed(lab.errorChart(), QStringLiteral("errorNow"))->at(0), errors->at(steps));
        QVERIFY2(lab.readout().contains(QStringLiteral("%1 at the start").arg(QStringLiteral("3270 %"))), qPrintable(lab.readout()));

        // The memory chart: m = 1 .. 20 on the chained Rosenbrock function, every run converged.
        QXYSeries* its = seriesNamed(lab.memoryChart(), QStringLiteral("iterations"));
        QXYSeries* grads = seriesNamed(lab.memoryChart(), QStringLiteral("gradientEvaluations"));
        QCOMPARE(its->count(), 20);
        QCOMPARE(grads->count(), 20);
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(its->at(i).x(), double(i + 1));
            QVERIFY(grads->at(i).y() >= its->at(i).y() + 1);
        }
        const double ratio = its->at(0).y() / its->at(19).y();
        QVERIFY(ratio > 1.4 && ratio < 1.8);
        QCOMPARE(seriesNamed(lab.memoryChart(), QStringLiteral("unconverged"))->count(), 0);
        QXYSeries* bfgs = seriesNamed(lab.memoryChart(), QStringLiteral("bfgsIterations"));
        QCOMPARE(bfgs->count(), 2);
        QCOMPARE(bfgs->at(0).y(), bfgs->at(1).y());
        QVERIFY(its->at(19).y() < bfgs->at(0).y());
        QVERIFY2(lab.readout().contains(QStringLiteral("L-BFGS on the chained Rosenbrock function in 100 dimensions: m = 1 takes %1 iterations")
                                            .arg(int(its->at(0).y()))),
                 qPrintable(lab.readout()));
        // The keys name every series the learner sees.
        for (const QString& name : {QStringLiteral("BFGS path"), QStringLiteral("dᵀ∇²f d = c (true Hessian)"),
                                    QStringLiteral("dᵀHₖ⁻¹d = c (BFGS's model)"), QStringLiteral("start"), QStringLiteral("minimum")})
            QVERIFY2(seriesTitled(lab.mapChart(), name), qPrintable(name));
        for (const QString& name : {QStringLiteral("L-BFGS iterations"), QStringLiteral("L-BFGS gradient evaluations"),
                                    QStringLiteral("BFGS iterations"), QStringLiteral("BFGS gradient evaluations")})
            QVERIFY2(seriesTitled(lab.memoryChart(), name), qPrintable(name));
        // The network on the digits: four curves from the same loss at 0 evaluations; after 100
        // evaluations each, L-BFGS ends below 10^-3, BFGS below 10^-2, Adam above 0.1 and gradient descent
        // above Adam, as the text says.
        auto lossAt = [&lab](const QString& name, double evaluations) {
            QXYSeries* curve = seriesNamed(lab.trainingChart(), name);
            double f = NAN;
            for (const QPointF& q : curve->points())
                if (q.x() <= evaluations) f = q.y();
            return f;
        };
        QStringList names{QStringLiteral("trainGd"), QStringLiteral("trainAdam"), QStringLiteral("trainBfgs"), QStringLiteral("trainLbfgs")};
        for (const QString& n : names) {
            QXYSeries* curve = seriesNamed(lab.trainingChart(), n);
            QVERIFY2(curve && curve->count() > 10, qPrintable(n));
            QCOMPARE(curve->at(0).x(), 0.0);
            QCOMPARE(curve->at(0).y(), seriesNamed(lab.trainingChart(), names.front())->at(0).y());
            QVERIFY(curve->at(curve->count() - 1).x() <= 100 + 30);
        }
        QVERIFY(lossAt(names[3], 1e9) < 1e-3);
        QVERIFY(lossAt(names[2], 1e9) < 1e-2);
        QVERIFY(lossAt(names[1], 1e9) > 0.1);
        QVERIFY(lossAt(names[0], 1e9) > lossAt(names[1], 1e9));
        for (const QString& name : {QStringLiteral("gradient descent (0.5)"), QStringLiteral("Adam (0.01)"), QStringLiteral("BFGS"),
                                    QStringLiteral("L-BFGS (m = 10)")})
            QVERIFY2(seriesTitled(lab.trainingChart(), name), qPrintable(name));
        QVERIFY2(lab.readout().contains(QStringLiteral("The 1210-parameter network on the 1797 digits, given 100 gradient evaluations each")),
                 qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
    }

    // The slider scrubs through the computed run without a new job: at step 0 H_0 = I, so the
    // estimate's ellipse is a circle around the start.
    void scrubTheSteps()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        QuasiNewtonLab lab(ctx);
        lab.resize(1366, 800);
        lab.show();
        QVERIFY(settled(lab));
        lab.step()->setValue(0);
        QVERIFY(!lab.isBusy());
        const Eigen::Vector2d x0(-1.2, 1.0);
        QCOMPARE(vec(seriesNamed(lab.mapChart(), QStringLiteral("current"))->at(0)), x0);
        QXYSeries* estimate = seriesNamed(lab.mapChart(), QStringLiteral("estimateEllipse"));
        const auto [lo, hi] = formRange(estimate, Eigen::Matrix2d::Identity(), x0);
        QVERIFY(lo > 0 && std::abs(hi - lo) < 1e-9 * hi);
        QCOMPARE(seriesNamed(lab.errorChart(), QStringLiteral("errorNow"))->at(0).x(), 0.0);
        QVERIFY2(lab.readout().contains(QStringLiteral("At step 0, (−1.2, 1)")), qPrintable(lab.readout()));
        lab.step()->setValue(10);
        QVERIFY(!lab.isBusy());
        QXYSeries* path = seriesNamed(lab.mapChart(), QStringLiteral("path"));
        QCOMPARE(seriesNamed(lab.mapChart(), QStringLiteral("current"))->at(0), path->at(10));
        QVERIFY(lab.readout().contains(QStringLiteral("At step 10,")));
        // A new start keeps a slider that is not at the end where it was.
        setStart(lab, -1.0, 2.0);
        QVERIFY(settled(lab));
        QCOMPARE(lab.step()->value(), 10);
        QCOMPARE(vec(seriesNamed(lab.mapChart(), QStringLiteral("path"))->at(0)), Eigen::Vector2d(-1.0, 2.0));
    }

    // A click on the map starts the run there.
    void clickToStart()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        QuasiNewtonLab lab(ctx);
        lab.resize(1366, 800);
        lab.show();
        QVERIFY(settled(lab));
        QTest::mouseClick(lab.mapChart()->viewport(), Qt::LeftButton, {}, lab.mapPosition(QPointF(0.5, 2.0)));
        QVERIFY(settled(lab));
        QVERIFY2(std::abs(lab.startX()->value() - 0.5) < 0.03, qPrintable(QString::number(lab.startX()->value())));
        QVERIFY(std::abs(lab.startY()->value() - 2.0) < 0.03);
        QCOMPARE(vec(seriesNamed(lab.mapChart(), QStringLiteral("path"))->at(0)),
                 Eigen::Vector2d(lab.startX()->value(), lab.startY()->value()));
    }

    // Beale: the start boxes take its domain and its usual start (1, 1); under 20 steps to (3, 0.5).
    void bealeAndTheSurfaceMemoryTest()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        QuasiNewtonLab lab(ctx);
        lab.resize(1366, 800);
        lab.show();
        QVERIFY(settled(lab));
        choose(lab.surface(), QStringLiteral("beale"));
        choose(lab.problem(), QStringLiteral("surface"));
        QVERIFY(settled(lab));
        QCOMPARE(lab.startX()->maximum(), 4.5);
        QCOMPARE(lab.startY()->minimum(), -4.5);
        QCOMPARE(Eigen::Vector2d(lab.startX()->value(), lab.startY()->value()), Eigen::Vector2d(1, 1));
        QXYSeries* path = seriesNamed(lab.mapChart(), QStringLiteral("path"));
        QVERIFY(path->count() - 1 < 20);
        QVERIFY((vec(path->at(path->count() - 1)) - Eigen::Vector2d(3, 0.5)).norm() < 1e-5);
        QCOMPARE(vec(seriesNamed(lab.mapChart(), QStringLiteral("minimum"))->at(0)), Eigen::Vector2d(3, 0.5));
        QVERIFY2(lab.readout().contains(QStringLiteral("BFGS on Beale from (1, 1) reached")), qPrintable(lab.readout()));
        QVERIFY(lab.readout().contains(QStringLiteral("L-BFGS on Beale from the start: m = 1")));
        QCOMPARE(seriesNamed(lab.memoryChart(), QStringLiteral("iterations"))->count(), 20);
        QCOMPARE(seriesNamed(lab.memoryChart(), QStringLiteral("unconverged"))->count(), 0);
        QVERIFY(everyChartFinite(lab));
    }

    // Where Rosenbrock's Hessian is indefinite (at (0, 1), f_xx = -398) the true ellipse is not
    // drawn and the readout says why; the estimate's still is.
    void indefiniteHessian()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        QuasiNewtonLab lab(ctx);
        lab.resize(1366, 800);
        lab.show();
        QVERIFY(settled(lab));
        lab.step()->setValue(0);
        setStart(lab, 0, 1);
        QVERIFY(settled(lab));
        QCOMPARE(lab.step()->value(), 0);
        QVERIFY(rosenbrockHessian({0, 1})(0, 0) < 0);
        QCOMPARE(seriesNamed(lab.mapChart(), QStringLiteral("trueEllipse"))->count(), 0);
        QVERIFY(seriesNamed(lab.mapChart(), QStringLiteral("estimateEllipse"))->count() > 50);
        QVERIFY2(lab.readout().contains(QStringLiteral("The true Hessian is not positive definite here")), qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
    }

    // Every control at its extremes: the corners of both maps, every tolerance and memory test,
    // the start on the minimum itself; nothing non-finite, a readout every time.
    void extremes()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        QuasiNewtonLab lab(ctx);
        lab.resize(1366, 800);
        lab.show();
        QVERIFY(settled(lab));
        for (const QString& surface : {QStringLiteral("rosenbrock"), QStringLiteral("beale")}) {
            choose(lab.surface(), surface);
            for (int t = 0; t < lab.tolerance()->count(); ++t) {
                lab.tolerance()->setCurrentIndex(t);
                for (int pr = 0; pr < lab.problem()->count(); ++pr) {
                    lab.problem()->setCurrentIndex(pr);
                    for (const QPointF& corner : {QPointF(lab.startX()->minimum(), lab.startY()->minimum()),
                                                  QPointF(lab.startX()->maximum(), lab.startY()->maximum()),
                                                  QPointF(lab.startX()->minimum(), lab.startY()->maximum())}) {
                        setStart(lab, corner.x(), corner.y());
                        QVERIFY(settled(lab));
                        QVERIFY(everyChartFinite(lab));
                        QVERIFY2(lab.readout().startsWith(QStringLiteral("BFGS on")), qPrintable(lab.readout()));
                        QVERIFY(!lab.readout().contains(QStringLiteral("nan"), Qt::CaseInsensitive));
                        QVERIFY(!lab.readout().contains(QStringLiteral("inf"), Qt::CaseSensitive));
                        lab.step()->setValue(0);
                        QVERIFY(everyChartFinite(lab));
                        lab.step()->setValue(lab.step()->maximum());
                    }
                }
            }
        }
        // The start on the minimum: no step is taken, the slider has one position.
        choose(lab.surface(), QStringLiteral("rosenbrock"));
        setStart(lab, 1, 1);
        QVERIFY(settled(lab));
        QCOMPARE(lab.step()->maximum(), 0);
        QCOMPARE(seriesNamed(lab.mapChart(), QStringLiteral("path"))->count(), 1);
        QVERIFY2(lab.readout().contains(QStringLiteral("in 0 steps")), qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
    }
};

QTEST_MAIN(TestSecondOrderQuasiNewton)
#include "tst_second_order_quasinewton.moc"
