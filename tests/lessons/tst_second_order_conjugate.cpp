// The conjugate-gradients lab of the second-order lesson, driven as a learner would: the start
// clicked and dragged on the bowl, the condition number, dimension, clusters, spread, spectrum
// and seed changed; the paths, residual series, conjugacy heat map, Rosenbrock paths and the
// readout checked against what is worked here (the bowl's Hessian, CG in <= 2 steps: Nocedal &
// Wright, "Numerical Optimization", theorem 5.1; k distinct eigenvalues in k steps: theorem 5.4)
// and against the figures the lab's text quotes; the extremes n = 200 and clusters = n.
#include <QtTest>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLogValueAxis>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>

#include <cmath>
#include <memory>
#include <numbers>

#include <Eigen/Core>

#include "lessons/common/charts/chartdrag.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/second-order/conjugatelab.h"
#include "lessons/second-order/secondorderlesson.h"
#include "common/chartlookup.h"
#include "common/labtext.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
}

// H = R diag(1, kappa) R^T, written out here.
Eigen::Matrix2d hessian(double kappa, double degrees)
{
    const double c = std::cos(degrees * kDeg), s = std::sin(degrees * kDeg);
    Eigen::Matrix2d h;
    h << c * c + kappa * s * s, (1 - kappa) * c * s, (1 - kappa) * c * s, s * s + kappa * c * c;
    return h;
}

Eigen::Vector2d vec(const QPointF& p) { return {p.x(), p.y()}; }

bool everyChartFinite(ConjugateLab& lab)
{
    return allFinite(lab.mapChart()) && allFinite(lab.residualChart()) && allFinite(lab.conjugacyChart())
           && allFinite(lab.rosenbrockChart());
}

// The last point of a series whose y is at or below `level`, by x; -1 when none.
int firstAtOrBelow(QXYSeries* s, double level)
{
    for (const QPointF& p : s->points())
        if (p.y() <= level) return int(std::lround(p.x()));
    return -1;
}

void setChoice(QComboBox* box, double value)
{
    for (int i = 0; i < box->count(); ++i)
        if (box->itemData(i).toDouble() == value) box->setCurrentIndex(i);
}

} // namespace

class TestSecondOrderConjugate : public QObject {
    Q_OBJECT
    QThreadPool pool_;

private slots:
    void pageHasTheLab()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        const QString text = test::labTextOnPage(SecondOrderLesson(), ctx, QStringLiteral("Conjugate gradients"));
        QVERIFY(!text.isEmpty());
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("at most 2 steps")));
        QVERIFY(text.contains(QStringLiteral("66 iterations, 244 gradient evaluations")));
        QVERIFY(text.contains(QStringLiteral("23 iterations, 106 gradient evaluations")));
    }

    // The default view, as the text describes it.
    void defaultsAsTheTextSays()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        ConjugateLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QCOMPARE(lab.kappa()->value(), 10.0);
        QCOMPARE(lab.angle()->value(), 30.0);
        QCOMPARE(lab.dimension()->value(), 100);
        QCOMPARE(lab.clusters()->value(), 5);
        QCOMPARE(lab.spread()->currentData().toDouble(), 0.0);
        QCOMPARE(lab.spectrum()->currentData().toDouble(), 100.0);
        QCOMPARE(lab.seed()->value(), 1);

        // The bowl: CG's path is the start and two steps, ending on the minimum; steepest
        // descent's 40 steps zig-zag (consecutive steps orthogonal) and end far from it.
        const Eigen::Vector2d x0(-2.5, -1.0);
        QXYSeries* cg = seriesNamed(lab.mapChart(), QStringLiteral("cgPath"));
        QXYSeries* sd = seriesNamed(lab.mapChart(), QStringLiteral("sdPath"));
        QVERIFY(cg && sd);
        QCOMPARE(cg->count(), 3);
        QCOMPARE(vec(cg->at(0)), x0);
        QVERIFY(vec(cg->at(2)).norm() < 1e-12);
        // CG's first step is steepest descent's: along -Hx0, by the exact step.
        const Eigen::Matrix2d h = hessian(10, 30);
        const Eigen::Vector2d g = h * x0;
        const Eigen::Vector2d first = x0 - (g.squaredNorm() / g.dot(h * g)) * g;
        QVERIFY((vec(cg->at(1)) - first).norm() < 1e-12);
        QVERIFY((vec(sd->at(1)) - first).norm() < 1e-12);
        // The second CG direction is H-conjugate to the first.
        const Eigen::Vector2d p0 = vec(cg->at(1)) - vec(cg->at(0)), p1 = vec(cg->at(2)) - vec(cg->at(1));
        QVERIFY(std::abs(p0.dot(h * p1)) < 1e-12 * p0.norm() * p1.norm() * 10);
        QCOMPARE(sd->count(), 41);
        for (int t = 2; t < sd->count(); ++t) {
            const Eigen::Vector2d s1 = vec(sd->at(t - 1)) - vec(sd->at(t - 2)), s2 = vec(sd->at(t)) - vec(sd->at(t - 1));
            QVERIFY(std::abs(s1.dot(s2)) <= 1e-9 * s1.norm() * s2.norm());
        }
        QVERIFY(vec(sd->at(40)).norm() > 1e-4);
        const QString text = lab.readout();
        QVERIFY2(text.contains(QStringLiteral("CG landed on the bowl's minimum in 2 steps")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("steepest descent, after 40 zig-zag steps, is at 1.3·10⁻⁴")), qPrintable(text));

        // The residuals: CG's reaches 1e-10 at t = 5 = clusters; steepest descent's is above 1e-3 there.
        QXYSeries* cgr = seriesNamed(lab.residualChart(), QStringLiteral("cgResidual"));
        QXYSeries* sdr = seriesNamed(lab.residualChart(), QStringLiteral("sdResidual"));
        QXYSeries* line = seriesNamed(lab.residualChart(), QStringLiteral("clusterLine"));
        QVERIFY(cgr && sdr && line);
        QCOMPARE(cgr->count(), 6);
        QCOMPARE(cgr->at(0).y(), 1.0);
        QCOMPARE(firstAtOrBelow(cgr, 1e-10), 5);
        QVERIFY(cgr->at(4).y() > 1e-10);
        QVERIFY(sdr->count() > 5);
        QVERIFY(sdr->at(5).y() > 1e-3);
        QCOMPARE(line->at(0).x(), 5.0);
        QVERIFY2(text.contains(QStringLiteral("5 distinct eigenvalues")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("below 10⁻¹⁰ of the start's in 5 steps, against 5 clusters and n = 100")));
        QVERIFY2(text.contains(QStringLiteral("steepest descent needed 926")), qPrintable(text));

        // The conjugacy matrix: 5 directions, 1 on the diagonal, below 1e-10 off it, as the readout says.
        QCOMPARE(lab.conjugacySize(), 5);
        double off = 0;
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 5; ++j) {
                const double c = lab.conjugacyShown()[i * 5 + j];
                if (i == j) QVERIFY(std::abs(c - 1) < 1e-12);
                else off = std::max(off, std::abs(c));
            }
        QVERIFY(off < 1e-10);
        QVERIFY(!lab.conjugacyLayer()->image().isNull());
        QCOMPARE(lab.conjugacyLayer()->image().width(), 5);
        QVERIFY2(text.contains(QStringLiteral("CG's first 5 directions: largest |Cᵢⱼ| off the diagonal")), qPrintable(text));

        // Rosenbrock: both paths from (-1.2, 1) to (1, 1), with the counts the text quotes.
        QXYSeries* fr = seriesNamed(lab.rosenbrockChart(), QStringLiteral("frPath"));
        QXYSeries* pr = seriesNamed(lab.rosenbrockChart(), QStringLiteral("prPath"));
        QVERIFY(fr && pr);
        QCOMPARE(fr->count(), 67);
        QCOMPARE(pr->count(), 24);
        for (QXYSeries* s : {fr, pr}) {
            QCOMPARE(vec(s->at(0)), Eigen::Vector2d(-1.2, 1));
            QVERIFY((vec(s->at(s->count() - 1)) - Eigen::Vector2d(1, 1)).norm() < 1e-6);
        }
        QVERIFY2(text.contains(QStringLiteral("Fletcher–Reeves took 66 iterations and 244 gradient evaluations, "
                                              "Polak–Ribière+ 23 iterations and 106 gradient evaluations; both reached (1, 1)")),
                 qPrintable(text));

        // Legends complete.
        QCOMPARE(lab.mapChart()->key()->entries(),
                 QStringList({QStringLiteral("steepest descent, exact steps"), QStringLiteral("conjugate gradients"),
                              QStringLiteral("start"), QStringLiteral("minimum")}));
        QVERIFY(lab.residualChart()->key()->entries().contains(QStringLiteral("t = clusters")));
        QVERIFY(lab.residualChart()->key()->entries().contains(QStringLiteral("tolerance 10⁻¹⁰")));
        QVERIFY(lab.rosenbrockChart()->key()->entries().contains(QStringLiteral("Polak–Ribière+")));
        QVERIFY(lab.rosenbrockChart()->key()->entries().contains(QStringLiteral("Fletcher–Reeves")));
        QVERIFY(everyChartFinite(lab));
    }

    // A click on the bowl moves the start; a drag from it moves it too; CG still lands in <= 2.
    void clickAndDragTheStart()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        ConjugateLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QTest::mouseClick(lab.mapChart()->viewport(), Qt::LeftButton, {}, lab.mapPosition(QPointF(1.0, 1.5)));
        QVERIFY(settled(lab));
        QVERIFY2(std::abs(lab.pointX()->value() - 1.0) < 0.05, qPrintable(QString::number(lab.pointX()->value())));
        QVERIFY(std::abs(lab.pointY()->value() - 1.5) < 0.05);
        QXYSeries* cg = seriesNamed(lab.mapChart(), QStringLiteral("cgPath"));
        QCOMPARE(vec(cg->at(0)), Eigen::Vector2d(lab.pointX()->value(), lab.pointY()->value()));
        QVERIFY(cg->count() <= 3);
        QVERIFY(vec(cg->at(cg->count() - 1)).norm() < 1e-12);

        QWidget* vp = lab.mapChart()->viewport();
        const QPoint from = lab.mapPosition(QPointF(lab.pointX()->value(), lab.pointY()->value()));
        const QPoint to = lab.mapPosition(QPointF(-1.0, 2.0));
        QTest::mousePress(vp, Qt::LeftButton, {}, from);
        QCOMPARE(lab.drag()->activeHandle(), 0);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), vp->mapToGlobal(QPointF(to)), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(vp, &move);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
        QVERIFY(settled(lab));
        QVERIFY(std::abs(lab.pointX()->value() + 1.0) < 0.05);
        QVERIFY(std::abs(lab.pointY()->value() - 2.0) < 0.05);
        QCOMPARE(vec(seriesNamed(lab.mapChart(), QStringLiteral("sdPath"))->at(0)),
                 Eigen::Vector2d(lab.pointX()->value(), lab.pointY()->value()));
    }

    // kappa = 1: one CG step; the start at the minimum: no step, said so.
    void roundBowlAndMinimum()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        ConjugateLab lab(ctx);
        lab.show();
        QVERIFY(settled(lab));
        lab.kappa()->setValue(1);
        QVERIFY(settled(lab));
        QCOMPARE(seriesNamed(lab.mapChart(), QStringLiteral("cgPath"))->count(), 2);
        QVERIFY2(lab.readout().contains(QStringLiteral("CG landed on the bowl's minimum in 1 step")), qPrintable(lab.readout()));
        lab.kappa()->setValue(1000);
        lab.pointX()->setValue(0);
        lab.pointY()->setValue(0);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("The start is the bowl's minimum")), qPrintable(lab.readout()));
        QCOMPARE(seriesNamed(lab.mapChart(), QStringLiteral("cgPath"))->count(), 1);
        QVERIFY(everyChartFinite(lab));
    }

    // k distinct eigenvalues, k = 1 .. 5, every seed: the readout and the series say k steps.
    void clustersInKSteps()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        ConjugateLab lab(ctx);
        lab.show();
        QVERIFY(settled(lab));
        for (int seed : {1, 3, 5})
            for (int k : {1, 2, 3, 4, 5}) {
                lab.seed()->setValue(seed);
                lab.clusters()->setValue(k);
                QVERIFY(settled(lab));
                QXYSeries* cgr = seriesNamed(lab.residualChart(), QStringLiteral("cgResidual"));
                QCOMPARE(firstAtOrBelow(cgr, 1e-10), k);
                QVERIFY2(lab.readout().contains(QStringLiteral("in %1 steps, against %1 clusters").arg(k)),
                         qPrintable(lab.readout()));
                QVERIFY(everyChartFinite(lab));
            }
    }

    // The extremes: n = 200 with clusters = n (200 distinct eigenvalues), every spread and
    // spectrum; n = 2; the cluster count follows n.
    void extremes()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        ConjugateLab lab(ctx);
        lab.show();
        QVERIFY(settled(lab));
        lab.dimension()->setValue(200);
        QCOMPARE(lab.clusters()->maximum(), 200);
        lab.clusters()->setValue(200);
        QVERIFY(settled(lab));
        QString text = lab.readout();
        QVERIFY2(text.contains(QStringLiteral("n = 200, clusters 200 over [1, 100], 200 distinct eigenvalues")), qPrintable(text));
        QXYSeries* cgr = seriesNamed(lab.residualChart(), QStringLiteral("cgResidual"));
        const int steps = firstAtOrBelow(cgr, 1e-10);
        QVERIFY2(steps >= 100 && steps <= 110, qPrintable(QString::number(steps)));   // the text's "about 105"
        QVERIFY(everyChartFinite(lab));
        for (double spectrum : {10.0, 1000.0})
            for (double spread : {1e-8, 1e-2}) {
                setChoice(lab.spectrum(), spectrum);
                setChoice(lab.spread(), spread);
                QVERIFY(settled(lab));
                QVERIFY(everyChartFinite(lab));
                QVERIFY(!lab.readout().contains(QStringLiteral("nan"), Qt::CaseInsensitive));
                QVERIFY(!lab.readout().contains(QStringLiteral("inf"), Qt::CaseInsensitive));
                QVERIFY(lab.conjugacySize() >= 1 && lab.conjugacySize() <= 8);
                for (double c : lab.conjugacyShown()) QVERIFY(std::isfinite(c));
            }
        lab.dimension()->setValue(2);
        QVERIFY(settled(lab));
        QCOMPARE(lab.clusters()->value(), 2);
        QVERIFY(lab.readout().contains(QStringLiteral("n = 2, clusters 2")));
        lab.clusters()->setValue(1);
        setChoice(lab.spread(), 0.0);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("only 1 direction")), qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
        // The residual axis is a log axis and every point on it is positive.
        for (QXYSeries* s : {seriesNamed(lab.residualChart(), QStringLiteral("cgResidual")),
                             seriesNamed(lab.residualChart(), QStringLiteral("sdResidual"))})
            for (const QPointF& p : s->points()) QVERIFY(p.y() > 0);
    }
};

QTEST_MAIN(TestSecondOrderConjugate)
#include "tst_second_order_conjugate.moc"
