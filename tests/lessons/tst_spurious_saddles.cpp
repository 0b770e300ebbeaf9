// The saddle lab of the spurious-minima lesson, driven as a learner would: a start clicked on
// the map, the four methods' paths and gradient norms, the escape-steps chart against its
// closed form, the surfaces switched, and the learning rate at its extremes.
#include <QtTest>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLegendMarker>
#include <QLogValueAxis>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>
#include <QValueAxis>

#include <cmath>
#include <memory>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/lab.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/spurious-minima/saddlelab.h"
#include "lessons/common/charts/contourmapchart.h"
#include "lessons/spurious-minima/spuriousminimalesson.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
}

QXYSeries* mapSeries(SaddleLab& lab, const QString& name)
{
    return seriesNamed(lab.map(), name);
}

bool everyChartFinite(SaddleLab& lab)
{
    return allFinite(lab.map()) && allFinite(lab.normChart()) && allFinite(lab.escapeChart());
}

// A click on the map at a data point, through the widget's own mouse handling.
void clickMap(SaddleLab& lab, const QPointF& at)
{
    QChart* c = lab.map()->chart();
    const QPointF scene = c->mapToPosition(at, c->series().first());
    QTest::mouseClick(lab.map()->viewport(), Qt::LeftButton, {}, lab.map()->mapFromScene(scene));
}

} // namespace

class TestSpuriousSaddles : public QObject {
    Q_OBJECT
    QThreadPool pool_;

private slots:
    // The lab's tab and its text are on the lesson page.
    void pageHasTheLab()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        SpuriousMinimaLesson lesson;
        std::unique_ptr<QWidget> widget(lesson.createPage(ctx, nullptr));
        auto* page = qobject_cast<LessonPage*>(widget.get());
        QVERIFY(page);
        int tab = -1;
        for (int i = 0; i < page->labCount(); ++i)
            if (page->tabs()->tabText(i) == QStringLiteral("Saddle points")) tab = i;
        QVERIFY(tab >= 0);
        const QString text = page->labText(tab)->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Dauphin et al. (2014")));
        QVERIFY(text.contains(QStringLiteral("log(R/|y₀|) / log(1 + 2η)")));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    }

    void fourMethodsOnTheSaddle()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        SaddleLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QCOMPARE(lab.surfaceBox()->currentData().toString(), QStringLiteral("saddle"));
        QVERIFY(lab.map()->imageShown());

        // A click chooses the start.
        clickMap(lab, QPointF(0.8, 0.05));
        QVERIFY(settled(lab));
        QVERIFY2(std::abs(lab.startX()->value() - 0.8) < 0.03, qPrintable(QString::number(lab.startX()->value())));
        QVERIFY2(std::abs(lab.startY()->value() - 0.05) < 0.03, qPrintable(QString::number(lab.startY()->value())));
        const QPointF start(lab.startX()->value(), lab.startY()->value());
        QXYSeries* marker = mapSeries(lab, QStringLiteral("start"));
        QCOMPARE(marker->count(), 1);
        QCOMPARE(marker->at(0), start);

        // Newton: from the start straight onto the saddle, one step (H⁻¹∇f = (x, y)).
        QXYSeries* newton = mapSeries(lab, QStringLiteral("path_newton"));
        QCOMPARE(newton->count(), 2);
        QCOMPARE(newton->at(0), start);
        QVERIFY(std::hypot(newton->at(1).x(), newton->at(1).y()) < 1e-12);
        // Saddle-free Newton: (x0, y0) -> (0, 2 y0), then doubling until it leaves R (and the map).
        QXYSeries* sfn = mapSeries(lab, QStringLiteral("path_sfn"));
        QVERIFY(sfn->count() >= 3);
        QVERIFY(std::abs(sfn->at(1).x()) < 1e-12);
        QVERIFY(std::abs(sfn->at(1).y() - 2 * start.y()) < 1e-12);
        QVERIFY(std::abs(sfn->at(2).y() - 4 * start.y()) < 1e-12);
        const QPointF last = sfn->at(sfn->count() - 1);
        QVERIFY(std::hypot(last.x(), last.y()) >= lab.radius()->value());
        QVERIFY(std::abs(last.y()) <= 2.0 + 1e-12);   // clipped at the map's edge
        // Gradient descent's norm per step: one point per step taken, |∇f| = |(10x, −2y)|.
        QXYSeries* gdNorm = seriesNamed(lab.normChart(), QStringLiteral("norm_gd"));
        QXYSeries* gdPath = mapSeries(lab, QStringLiteral("path_gd"));
        const SaddlePath& gd = lab.result().paths.front();
        QCOMPARE(gdNorm->count(), gd.steps + 1);
        for (int t = 0; t < gdPath->count() && t < gdNorm->count(); ++t) {
            const QPointF p = gdPath->at(t);
            if (std::abs(p.y()) >= 2.0) break;   // the clipped end
            QVERIFY(std::abs(gdNorm->at(t).y() - std::hypot(10 * p.x(), 2 * p.y())) < 1e-9 * gdNorm->at(t).y());
        }
        // Newton's norm falls to 0: drawn at the floor of the log axis, which shows it.
        QXYSeries* newtonNorm = seriesNamed(lab.normChart(), QStringLiteral("norm_newton"));
        QCOMPARE(newtonNorm->at(newtonNorm->count() - 1).y(), SaddleLab::kNormFloor);
        QVERIFY(lab.normAxis()->min() <= SaddleLab::kNormFloor);
        QVERIFY(lab.readout().contains(QStringLiteral("Newton never left R; stopped after 1 step")));

        // The escape chart: measured counts against ⌈log(R/|y0|)/log(1 + 2η)⌉, worked here
        // independently of the engine's formula.
        const double lr = lab.learningRate()->value(), radius = lab.radius()->value();
        QXYSeries* measured = seriesNamed(lab.escapeChart(), QStringLiteral("measuredEscape"));
        QXYSeries* closed = seriesNamed(lab.escapeChart(), QStringLiteral("closedForm"));
        QCOMPARE(measured->count(), 23);
        QCOMPARE(closed->count(), 23);
        for (int i = 0; i < measured->count(); ++i) {
            const double y0 = measured->at(i).x();
            const double l = std::log(radius / y0) / std::log(1 + 2 * lr);
            QVERIFY(std::abs(closed->at(i).y() - l) < 1e-9 * l);
            if (std::abs(l - std::round(l)) > 1e-9) QCOMPARE(measured->at(i).y(), std::ceil(l));
        }
        // Each point further left costs the same number of steps more: a straight line on the log axis.
        const double slope0 = (closed->at(1).y() - closed->at(0).y()) / std::log(closed->at(1).x() / closed->at(0).x());
        const double slope1 = (closed->at(22).y() - closed->at(21).y()) / std::log(closed->at(22).x() / closed->at(21).x());
        QVERIFY(std::abs(slope0 - slope1) < 1e-9 * std::abs(slope0));
        // The learner's own run sits at its |y0| and its escape step.
        QXYSeries* mine = seriesNamed(lab.escapeChart(), QStringLiteral("yourStart"));
        QCOMPARE(mine->count(), 1);
        QCOMPARE(mine->at(0).x(), std::abs(start.y()));
        QCOMPARE(int(mine->at(0).y()), gd.escapeStep);
        QVERIFY(lab.readout().contains(QStringLiteral("at 23 of 23 distances")));
        QVERIFY(everyChartFinite(lab));

        // The defaults' numbers of the text: from (1.5, 0.01) gradient descent leaves R at step 49,
        // saddle-free Newton at step 7.
        lab.startX()->setValue(1.5);
        lab.startY()->setValue(0.01);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("Gradient descent left R at step 49")), qPrintable(lab.readout()));
        QVERIFY(lab.readout().contains(QStringLiteral("Saddle-free Newton left R at step 7")));
        QCOMPARE(mine->at(0), QPointF(0.01, 49));
    }

    void surfacesSwitch()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        SaddleLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));

        // The monkey saddle: Newton halves its way into the degenerate saddle.
        lab.surfaceBox()->setCurrentIndex(lab.surfaceBox()->findData(QStringLiteral("monkey")));
        QVERIFY(settled(lab));
        QCOMPARE(lab.startX()->value(), 0.6);
        QCOMPARE(lab.startY()->value(), 0.01);
        QCOMPARE(lab.map()->axisX()->min(), -2.0);
        QXYSeries* newton = mapSeries(lab, QStringLiteral("path_newton"));
        QCOMPARE(newton->count(), 21);
        for (int t = 0; t < 10; ++t) {
            QVERIFY(std::abs(newton->at(t).x() - 0.6 / std::pow(2.0, t)) < 1e-14);
            QVERIFY(std::abs(newton->at(t).y() - 0.01 / std::pow(2.0, t)) < 1e-14);
        }
        QVERIFY(lab.radius()->isEnabled());
        QVERIFY(lab.readout().contains(QStringLiteral("Gradient descent left R at step 61")));
        QVERIFY(lab.readout().contains(QStringLiteral("Saddle-free Newton left R at step 9")));
        QVERIFY(everyChartFinite(lab));

        // The plateau: gradient descent's norm stays small, it never reaches the well.
        lab.surfaceBox()->setCurrentIndex(lab.surfaceBox()->findData(QStringLiteral("plateau")));
        QVERIFY(settled(lab));
        QVERIFY(!lab.radius()->isEnabled());
        QCOMPARE(mapSeries(lab, QStringLiteral("escapeBoundary"))->name(), QStringLiteral("f = −½: in the well"));
        QXYSeries* gdNorm = seriesNamed(lab.normChart(), QStringLiteral("norm_gd"));
        QCOMPARE(gdNorm->count(), 201);
        double low = INFINITY;
        for (const QPointF& p : gdNorm->points()) low = std::min(low, p.y());
        QVERIFY(low < 0.0033);
        QVERIFY(gdNorm->at(200).y() < 0.01);
        QVERIFY(lab.readout().contains(QStringLiteral("Gradient descent never reached the well")));
        QVERIFY(lab.readout().contains(QStringLiteral("Saddle-free Newton reached the well (f ≤ −½) at step 11")));
        // Newton ends on the far floor, away from the well, off the map: drawn to its edge.
        QXYSeries* pn = mapSeries(lab, QStringLiteral("path_newton"));
        QCOMPARE(pn->at(pn->count() - 1).x(), -2.0);
        QVERIFY(lab.result().paths[1].final.x() < -2.5);
        QXYSeries* boundary = mapSeries(lab, QStringLiteral("escapeBoundary"));
        QVERIFY(boundary->count() > 10);
        for (const QPointF& p : boundary->points()) {
            const double f = p.y() * p.y() / 2 - std::exp(-(p.x() - 1) * (p.x() - 1) / 0.5);
            QVERIFY(std::abs(f + 0.5) < 1e-9);
        }
        QVERIFY(everyChartFinite(lab));

        // Back to the saddle: its domain and its start again.
        lab.surfaceBox()->setCurrentIndex(lab.surfaceBox()->findData(QStringLiteral("saddle")));
        QVERIFY(settled(lab));
        QCOMPARE(lab.startX()->value(), 1.5);
        QCOMPARE(lab.map()->axisX()->max(), 2.0);
    }

    void learningRateExtremes()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        SaddleLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        // Past 2/10 the stable direction overshoots: a message, and nothing non-finite drawn.
        lab.learningRate()->setValue(lab.learningRate()->maximum());
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("Gradient descent never left R; diverged at step")) ||
                     lab.readout().contains(QStringLiteral("diverged at step")),
                 qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
        QXYSeries* gd = mapSeries(lab, QStringLiteral("path_gd"));
        for (const QPointF& p : gd->points()) QVERIFY(std::abs(p.x()) <= 2 + 1e-12 && std::abs(p.y()) <= 2 + 1e-12);
        QVERIFY(lab.readout().contains(QStringLiteral("at 23 of 23 distances")));
        for (QString name : {QStringLiteral("monkey"), QStringLiteral("plateau")}) {
            lab.surfaceBox()->setCurrentIndex(lab.surfaceBox()->findData(name));
            QVERIFY(settled(lab));
            QVERIFY(everyChartFinite(lab));
            QVERIFY(lab.runError().isEmpty());
        }
        // The smallest rate: the escape takes ~10⁵ steps per start, still measured exactly.
        lab.surfaceBox()->setCurrentIndex(0);
        lab.learningRate()->setValue(lab.learningRate()->minimum());
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("at 23 of 23 distances")), qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
        // Every numeric control at both ends: never an error, never a non-finite point.
        for (auto* box : {lab.noise(), lab.eigenFloor(), lab.radius(), lab.startX(), lab.startY()}) {
            for (double v : {box->minimum(), box->maximum()}) {
                box->setValue(v);
                QVERIFY(settled(lab));
                QVERIFY2(lab.runError().isEmpty(), qPrintable(lab.runError()));
                QVERIFY(everyChartFinite(lab));
            }
        }
        lab.steps()->setValue(lab.steps()->maximum());
        QVERIFY(settled(lab));
        QVERIFY(everyChartFinite(lab));
    }
};

QTEST_MAIN(TestSpuriousSaddles)
#include "tst_spurious_saddles.moc"
