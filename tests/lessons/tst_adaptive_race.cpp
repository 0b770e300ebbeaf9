// The race lab of the adaptive-rates lesson, driven as a learner would: the problem chosen, the
// start moved (by the boxes and by a click on the map), the steps, seeds and the step slider
// changed; the paths, the grid search's curves, the chosen rates, the diverged runs, the table's
// cells and the readout checked against the engine (engine/experiments/race.h) and against
// nothing NaN, at the defaults and at the controls' extremes.
#include <QtTest>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QThreadPool>

#include <cmath>
#include <memory>

#include "engine/experiments/race.h"
#include "lessons/adaptive-rates/adaptiverateslesson.h"
#include "lessons/adaptive-rates/racelab.h"
#include "lessons/common/charts/contourmapchart.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
}

bool everyChartFinite(RaceLab& lab) { return allFinite(lab.mapChart()) && allFinite(lab.gridChart()); }

// The text a table cell should hold, from the engine's cell.
QString cellText(const RaceCell& c, int seeds)
{
    QString t = std::isfinite(c.median) ? QString::number(c.median, 'g', 6) : QStringLiteral("—");
    t += QStringLiteral(" (%1/%2)").arg(c.reached).arg(seeds);
    return c.best ? QStringLiteral("★ ") + t : t;
}

} // namespace

class TestAdaptiveRace : public QObject {
    Q_OBJECT
    QThreadPool pool_;

private slots:
    void pageHasTheLab()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        AdaptiveRatesLesson lesson;
        std::unique_ptr<QWidget> widget(lesson.createPage(ctx, nullptr));
        auto* page = qobject_cast<LessonPage*>(widget.get());
        QVERIFY(page);
        int tab = -1;
        for (int i = 0; i < page->labCount(); ++i)
            if (page->tabs()->tabText(i) == QStringLiteral("The race")) tab = i;
        QVERIFY(tab >= 0);
        const QString text = page->labText(tab)->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Schaul")));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    }

    // The default view: Rosenbrock from (-1.2, 1), 1000 steps, the table over five seeds from seed 1.
    void defaults()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        RaceLab lab(ctx);
        lab.resize(1366, 768);
        lab.show();
        QVERIFY(settled(lab));
        QCOMPARE(lab.problem()->currentIndex(), int(RaceProblem::Rosenbrock));
        QCOMPARE(lab.startX()->value(), -1.2);
        QCOMPARE(lab.startY()->value(), 1.0);
        QVERIFY(everyChartFinite(lab));

        // Every path starts at the start; L-BFGS's ends at Rosenbrock's minimum (1, 1).
        const RaceResult race = runRace(RaceProblem::Rosenbrock, Point2(-1.2, 1), RaceSettings{});
        for (int r = 0; r < kRacers; ++r) {
            QXYSeries* p = lab.path(r);
            QVERIFY(p->count() > 1);
            QCOMPARE(p->at(0), QPointF(-1.2, 1.0));
            QCOMPARE(p->name().isEmpty(), false);
        }
        const QPointF end = lab.path(kLbfgs)->at(lab.path(kLbfgs)->count() - 1);
        QVERIFY(std::abs(end.x() - 1) < 1e-6 && std::abs(end.y() - 1) < 1e-6);
        QCOMPARE(lab.path(kLbfgs)->count(), int(race.runs[kLbfgs].points.size()));

        // The grid: 19 rates per first-order racer, L-BFGS a level line, the chosen rates marked.
        for (int r = 0; r < kLbfgs; ++r) {
            QCOMPARE(lab.curve(r)->count(), 19);
            const RaceCurve& c = race.curves[std::size_t(r)];
            for (int i = 0; i < 19; ++i) {
                QCOMPARE(lab.curve(r)->at(i).x(), race.rates[std::size_t(i)]);
                if (!c.diverged[std::size_t(i)])
                    QCOMPARE(lab.curve(r)->at(i).y(), std::max(kRaceLossFloor, c.finalLosses[std::size_t(i)]));
            }
        }
        QCOMPARE(lab.curve(kLbfgs)->count(), 2);
        QCOMPARE(lab.chosen()->count(), 6);
        QCOMPARE(lab.chosen()->at(5).x(), race.curves[5].bestRate);   // Adam's
        // Diverged runs sit together at the top, above every finite final loss.
        QVERIFY(lab.diverged()->count() > 0);
        double finiteTop = 0;
        for (int r = 0; r < kLbfgs; ++r)
            for (std::size_t i = 0; i < race.rates.size(); ++i)
                if (!race.curves[std::size_t(r)].diverged[i]) finiteTop = std::max(finiteTop, race.curves[std::size_t(r)].finalLosses[i]);
        for (int i = 0; i < lab.diverged()->count(); ++i) QVERIFY(lab.diverged()->at(i).y() > finiteTop);
        QVERIFY(seriesTitled(lab.gridChart(), QStringLiteral("diverged (drawn at the top)")));
        QVERIFY(seriesTitled(lab.gridChart(), QStringLiteral("chosen rate")));

        // The table, cell by cell, against the engine; L-BFGS's row starred on all six.
        const RaceTable table = runRaceTable(RaceTableSettings{}, 1);
        for (int r = 0; r < kRacers; ++r)
            for (int p = 0; p < kRaceProblems; ++p) {
                const RaceCell& c = table.cells[std::size_t(r)][std::size_t(p)];
                QTableWidgetItem* item = lab.table()->item(r, p);
                QCOMPARE(item->text(), cellText(c, 5));
                QCOMPARE(item->font().bold(), c.best || c.bestFirstOrder);
            }
        QCOMPARE(lab.table()->item(kLbfgs, int(RaceProblem::Rosenbrock))->text(), QStringLiteral("★ 34 (5/5)"));
        QCOMPARE(lab.table()->item(5, int(RaceProblem::Rosenbrock))->text(), QStringLiteral("627 (5/5)"));
        QVERIFY(lab.table()->item(5, int(RaceProblem::Rosenbrock))->font().bold());

        const QString readout = lab.readout();
        QVERIFY2(readout.contains(QStringLiteral("On the Rosenbrock from (−1.2, 1)")), qPrintable(readout));
        QVERIFY2(readout.contains(QStringLiteral("L-BFGS got f − f* below 10⁻⁶ first, at step 34")), qPrintable(readout));
        QVERIFY2(readout.contains(QStringLiteral("Adam %1").arg(formatNumber(race.curves[5].bestRate, 3))), qPrintable(readout));
        QVERIFY2(readout.contains(QStringLiteral("among the first-order methods, bowl: AdaGrad; rotated bowl: Nesterov; "
                                                 "Rosenbrock: Adam; Beale: Adam; Himmelblau: AdaGrad; saddle: AdaGrad")),
                 qPrintable(readout));
        QVERIFY(!readout.contains(QStringLiteral("nan"), Qt::CaseInsensitive));
    }

    void problemStartAndSlider()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        RaceLab lab(ctx);
        lab.resize(1366, 768);
        lab.show();
        QVERIFY(settled(lab));
        lab.problem()->setCurrentIndex(int(RaceProblem::Bowl));
        QCOMPARE(lab.startX()->value(), -2.5);
        QCOMPARE(lab.startY()->value(), 2.0);
        QVERIFY(settled(lab));
        QTRY_VERIFY_WITH_TIMEOUT(lab.readout().contains(QStringLiteral("On the bowl from (−2.5, 2)")), test::waitMs(60000));
        // Gradient descent's best rate on the bowl with eigenvalues 1 and 25: the grid's largest below 2/25.
        QVERIFY2(lab.readout().contains(QStringLiteral("gradient descent 0.0562")), qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));

        // The slider shows every path up to step t, without a new run.
        lab.showStep()->setValue(5);
        for (int r = 0; r < kRacers; ++r) QVERIFY(lab.path(r)->count() <= 6);
        QCOMPARE(lab.path(0)->count(), 6);
        lab.showStep()->setValue(lab.showStep()->maximum());
        QVERIFY(lab.path(0)->count() > 6);

        // A click on the map moves the start.
        emit lab.mapChart()->pointChosen(QPointF(1.0, -1.5));
        QCOMPARE(lab.startX()->value(), 1.0);
        QCOMPARE(lab.startY()->value(), -1.5);
        QVERIFY(settled(lab));
        QTRY_VERIFY_WITH_TIMEOUT(lab.readout().contains(QStringLiteral("from (1, −1.5)")), test::waitMs(60000));
        QCOMPARE(lab.path(0)->at(0), QPointF(1.0, -1.5));
        lab.resetStart()->click();
        QCOMPARE(lab.startX()->value(), -2.5);

        // Another seed count recomputes the table.
        lab.seeds()->setValue(3);
        QVERIFY(settled(lab));
        QTRY_VERIFY_WITH_TIMEOUT(lab.table()->item(kLbfgs, 0)->text().endsWith(QStringLiteral("/3)")), test::waitMs(60000));
    }

    void stateKeepsTheStart()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        QVariantMap state;
        {
            RaceLab lab(ctx);
            lab.problem()->setCurrentIndex(int(RaceProblem::Beale));
            lab.startX()->setValue(2.0);
            lab.startY()->setValue(-1.0);
            QVERIFY(settled(lab));
            state = lab.saveState();
        }
        RaceLab other(ctx);
        QVERIFY(settled(other));
        other.restoreState(state);
        QCOMPARE(other.problem()->currentIndex(), int(RaceProblem::Beale));
        QCOMPARE(other.startX()->value(), 2.0);
        QCOMPARE(other.startY()->value(), -1.0);
        QVERIFY(settled(other));
        QTRY_VERIFY_WITH_TIMEOUT(other.readout().contains(QStringLiteral("On the Beale from (2, −1)")), test::waitMs(60000));
    }

    void extremes()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        RaceLab lab(ctx);
        lab.resize(1366, 768);
        lab.show();
        QVERIFY(settled(lab));
        for (int p = 0; p < kRaceProblems; ++p) {
            lab.problem()->setCurrentIndex(p);
            for (int steps : {lab.steps()->minimum(), lab.steps()->maximum()}) {
                lab.steps()->setValue(steps);
                lab.startX()->setValue(lab.startX()->maximum());
                lab.startY()->setValue(lab.startY()->minimum());
                lab.seeds()->setValue(steps == lab.steps()->minimum() ? lab.seeds()->maximum() : 1);
                QVERIFY(settled(lab));
                QTest::qWait(50);
                QVERIFY(settled(lab));
                QVERIFY2(everyChartFinite(lab), qPrintable(lab.readout()));
                QVERIFY(!lab.readout().contains(QStringLiteral("nan"), Qt::CaseInsensitive));
                QVERIFY(!lab.readout().contains(QStringLiteral("inf"), Qt::CaseSensitive));
                for (int r = 0; r < kRacers; ++r) QVERIFY(lab.path(r)->count() >= 1);
            }
        }
        // At 10 steps nothing but L-BFGS on the bowl gets there, and the table says who did not.
        lab.problem()->setCurrentIndex(0);
        lab.steps()->setValue(10);
        lab.resetStart()->click();
        QVERIFY(settled(lab));
        QTRY_VERIFY_WITH_TIMEOUT(lab.readout().contains(QStringLiteral("after 10 steps")), test::waitMs(60000));
        QVERIFY(lab.table()->item(0, 2)->text().startsWith(QStringLiteral("—")));
    }
};

QTEST_MAIN(TestAdaptiveRace)
#include "tst_adaptive_race.moc"
