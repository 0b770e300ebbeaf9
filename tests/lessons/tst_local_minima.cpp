// The local-minima lesson: its labs driven as a learner would (controls, clicks, keys), the
// claims its texts make checked against independent references (literature minima, finite
// differences, brute-force scans), and its exercises against the answer checker.
#include <QtTest>

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarSet>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QScatterSeries>
#include <QSlider>
#include <QSpinBox>
#include <QThreadPool>
#include <QWindow>
#include <QtDataVisualization/QAbstract3DGraph>

#include <cmath>

#include "engine/exercises/computations.h"
#include "engine/surfaces/analytic.h"
#include "engine/surfaces/terrain.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/charts/surface3d.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/exercises/exercisedraw.h"
#include "lessons/common/exercises/exerciseformat.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/local-minima/antlab.h"
#include "lessons/local-minima/descentlab.h"
#include "lessons/local-minima/escapelab.h"
#include "lessons/common/jobstatus.h"
#include "lessons/common/lab.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/local-minima/localminimalesson.h"
#include "lessons/local-minima/surfacemap.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

// Lowest point of f on a fine grid: a reference that knows nothing of the engine's minima.
QPointF bruteForceLowest(const Surface& s, double step)
{
    const Domain d = s.domain();
    QPointF best;
    double low = INFINITY;
    for (double x = d.xMin; x <= d.xMax; x += step)
        for (double y = d.yMin; y <= d.yMax; y += step) {
            const double v = s.value(Point2(x, y));
            if (v < low) {
                low = v;
                best = QPointF(x, y);
            }
        }
    return best;
}

} // namespace

class TestLocalMinima : public QObject {
    Q_OBJECT

private:
    QThreadPool pool_;
    std::unique_ptr<LessonContext> ctx_;

    void waitIdle() { QTRY_VERIFY_WITH_TIMEOUT(ctx_->pendingWork() == 0, test::waitMs(60000)); }
    // Until the lab's debounced recomputation and its job are done.
    void waitLab(const Lab& lab) { QTRY_VERIFY_WITH_TIMEOUT(!lab.isBusy() && ctx_->pendingWork() == 0, test::waitMs(60000)); }

private slots:
    void init()
    {
        pool_.setMaxThreadCount(2);
        ctx_ = std::make_unique<LessonContext>(nullptr, nullptr, &pool_);
    }
    void cleanup()
    {
        pool_.waitForDone();
        ctx_.reset();
    }

    // ---------- Lab 1: the ant's view ----------

    void antProbeShowsHeightAndDownhill()
    {
        AntLab lab(*ctx_);
        lab.resize(900, 650);
        lab.terrainNumber()->setValue(3);
        lab.xBox()->setValue(1.5);
        lab.yBox()->setValue(-2.0);
        QTest::mouseClick(lab.probeButton(), Qt::LeftButton);
        QCOMPARE(lab.probesLeft(), AntLab::kProbes - 1);
        auto* probes = seriesNamed(lab.map(), QStringLiteral("probes"));
        QVERIFY(probes);
        QCOMPARE(probes->count(), 1);
        QCOMPARE(probes->at(0), QPointF(1.5, -2.0));
        // The arrow points along -grad f, checked by central differences of the height.
        const Terrain t(3, 6);
        const double h = 1e-6;
        const double gx = (t.value(Point2(1.5 + h, -2)) - t.value(Point2(1.5 - h, -2))) / (2 * h);
        const double gy = (t.value(Point2(1.5, -2 + h)) - t.value(Point2(1.5, -2 - h))) / (2 * h);
        auto* arrow = seriesNamed(lab.map(), QStringLiteral("arrow1"));
        QVERIFY(arrow && arrow->count() == 5);
        const QPointF dir = arrow->at(1) - arrow->at(0);
        const double n = std::hypot(gx, gy);
        QVERIFY(std::abs(dir.x() / std::hypot(dir.x(), dir.y()) + gx / n) < 1e-5);
        QVERIFY(std::abs(dir.y() / std::hypot(dir.x(), dir.y()) + gy / n) < 1e-5);
        // The readout names the height.
        QString shown = QString::number(t.value(Point2(1.5, -2.0)), 'f', 3);
        while (shown.endsWith(QLatin1Char('0'))) shown.chop(1);
        QVERIFY2(lab.readout().contains(shown.replace(QLatin1Char('-'), QChar(0x2212))),
                 qPrintable(lab.readout()));
        QVERIFY(!lab.map()->pictureShown());   // still hidden
    }

    void antKeyboardProbesAndBudget()
    {
        AntLab lab(*ctx_);
        lab.resize(900, 650);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        lab.map()->setFocus();
        const QPointF before = lab.map()->cursor();
        QTest::keyClick(lab.map(), Qt::Key_Right);
        QTest::keyClick(lab.map(), Qt::Key_Up);
        QVERIFY(lab.map()->cursor().x() > before.x());
        QVERIFY(lab.map()->cursor().y() > before.y());
        QCOMPARE(lab.xBox()->value(), lab.map()->cursor().x());
        for (int i = 0; i < AntLab::kProbes + 3; ++i) {
            QTest::keyClick(lab.map(), Qt::Key_Left);
            QTest::keyClick(lab.map(), Qt::Key_Return);
        }
        QCOMPARE(lab.probesLeft(), 0);
        QVERIFY(!lab.probeButton()->isEnabled());
        QCOMPARE(seriesNamed(lab.map(), QStringLiteral("probes"))->count(), AntLab::kProbes);
        QVERIFY(lab.map()->title().contains(QStringLiteral("0 of")));
        // With the budget spent, a click marks the guess instead.
        QTest::keyClick(lab.map(), Qt::Key_Return);
        QVERIFY(lab.guess().has_value());
        QVERIFY(allFinite(lab.map()));
    }

    void antMouseClickProbesWhereClicked()
    {
        AntLab lab(*ctx_);
        lab.resize(900, 650);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        QChart* c = lab.map()->chart();
        const QPointF scene = c->mapToPosition(QPointF(2.0, 1.0), c->series().first());
        QTest::mouseClick(lab.map()->viewport(), Qt::LeftButton, {}, lab.map()->mapFromScene(scene));
        QCOMPARE(lab.probesLeft(), AntLab::kProbes - 1);
        const QPointF at = seriesNamed(lab.map(), QStringLiteral("probes"))->at(0);
        QVERIFY2(std::abs(at.x() - 2.0) < 0.05 && std::abs(at.y() - 1.0) < 0.05, qPrintable(QStringLiteral("%1 %2").arg(at.x()).arg(at.y())));
    }

    void antRevealShowsTheLowestPointAndDistance_data()
    {
        QTest::addColumn<int>("terrain");
        QTest::newRow("terrain 1") << 1;
        QTest::newRow("terrain 7") << 7;
        QTest::newRow("terrain 42") << 42;
    }
    void antRevealShowsTheLowestPointAndDistance()
    {
        QFETCH(int, terrain);
        AntLab lab(*ctx_);
        lab.terrainNumber()->setValue(terrain);
        const QPointF lowest = bruteForceLowest(Terrain(std::uint64_t(terrain), 6), 0.01);
        lab.clickMode()->setCurrentIndex(1);
        lab.xBox()->setValue(lowest.x());
        lab.yBox()->setValue(lowest.y());
        QTest::mouseClick(lab.guessButton(), Qt::LeftButton);
        QTest::mouseClick(lab.revealButton(), Qt::LeftButton);
        waitLab(lab);
        QVERIFY(lab.revealed());
        QVERIFY(lab.map()->pictureShown());
        QVERIFY(!lab.map()->colourBar()->isHidden());   // the heat map's key comes with it
        auto* global = seriesNamed(lab.map(), QStringLiteral("globalMinimum"));
        QCOMPARE(global->count(), 1);
        // The star sits at the brute-force lowest point, and the guess there is ~0 away.
        QVERIFY(std::hypot(global->at(0).x() - lowest.x(), global->at(0).y() - lowest.y()) < 0.02);
        QVERIFY2(lab.guessDistance() >= 0 && lab.guessDistance() < 0.02, qPrintable(QString::number(lab.guessDistance())));
        QVERIFY(lab.readout().contains(QStringLiteral("lowest point's valley")));
        QVERIFY(allFinite(lab.map()));
        // A far guess is reported as far.
        lab.xBox()->setValue(-lowest.x() > 0 ? 4.9 : -4.9);
        lab.yBox()->setValue(-lowest.y() > 0 ? 4.9 : -4.9);
        QTest::mouseClick(lab.guessButton(), Qt::LeftButton);
        waitLab(lab);
        QVERIFY(lab.guessDistance() > 2.0);
        // A new terrain hides everything again.
        QTest::mouseClick(lab.newTerrainButton(), Qt::LeftButton);
        QCOMPARE(lab.terrainNumber()->value(), terrain + 1);
        QVERIFY(!lab.revealed());
        QVERIFY(!lab.map()->pictureShown());
        QVERIFY(lab.map()->colourBar()->isHidden());
        QCOMPARE(lab.probesLeft(), AntLab::kProbes);
        QCOMPARE(seriesNamed(lab.map(), QStringLiteral("globalMinimum"))->count(), 0);
    }

    // Probes are numbered on the map as in the readout; the "hidden terrain" overlay goes with
    // the first probe; after the reveal the star, the dots and the distance line are in the key.
    void antProbesNumberedAndRevealKeyed()
    {
        AntLab lab(*ctx_);
        lab.resize(900, 650);
        waitLab(lab);
        QGraphicsSimpleTextItem* overlay = nullptr;
        for (QGraphicsItem* item : lab.map()->scene()->items())
            if (auto* t = dynamic_cast<QGraphicsSimpleTextItem*>(item); t && t->text().startsWith(QStringLiteral("Hidden")))
                overlay = t;
        QVERIFY(overlay && overlay->isVisible());
        // On a narrow map (beside a 3-D view, or a small window) the sentence wraps inside the plot.
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        for (int width : {900, 420}) {
            lab.resize(width, 650);
            waitLab(lab);
            QTRY_VERIFY2(lab.map()->chart()->plotArea().contains(overlay->sceneBoundingRect()),
                         qPrintable(QStringLiteral("%1: text %2 at %3,%4 %5x%6 in a plot at %7,%8 %9x%10").arg(width).arg(overlay->text())
                                        .arg(overlay->sceneBoundingRect().x()).arg(overlay->sceneBoundingRect().y())
                                        .arg(overlay->sceneBoundingRect().width()).arg(overlay->sceneBoundingRect().height())
                                        .arg(lab.map()->chart()->plotArea().x()).arg(lab.map()->chart()->plotArea().y())
                                        .arg(lab.map()->chart()->plotArea().width()).arg(lab.map()->chart()->plotArea().height())));
        }
        QVERIFY(overlay->text().contains(QLatin1Char('\n')));
        QCOMPARE(overlay->text().replace(QLatin1Char('\n'), QLatin1Char(' ')), QStringLiteral("Hidden terrain: probe it to learn its height and slope"));
        QVERIFY(lab.probe(QPointF(1, 1)));
        QVERIFY(overlay->text().isEmpty() || !overlay->isVisible());
        QVERIFY(lab.probe(QPointF(-2, 0.5)));
        auto* second = qobject_cast<QScatterSeries*>(seriesNamed(lab.map(), QStringLiteral("probeNumber2")));
        QVERIFY(second);
        QCOMPARE(second->count(), 1);
        QCOMPARE(second->at(0), QPointF(-2, 0.5));
        QCOMPARE(second->pointLabelsFormat(), QStringLiteral("2"));
        QVERIFY(second->pointLabelsVisible());
        QVERIFY(lab.readout().contains(QStringLiteral("2. at (−2, 0.5)")));
        QCOMPARE(seriesNamed(lab.map(), QStringLiteral("probeNumber3"))->count(), 0);
        lab.markGuess(QPointF(0, 0));
        FigureKey* key = lab.map()->key();
        key->follow(lab.map()->chart());
        QVERIFY(!key->entries().contains(QStringLiteral("lowest point (global minimum)")));
        lab.reveal();
        waitLab(lab);
        key->follow(lab.map()->chart());
        const QStringList entries = key->entries();
        for (const char* name : {"lowest point (global minimum)", "local minima", "guess to lowest point", "your guess",
                                 "probes (numbered), with the downhill direction"})
            QVERIFY2(entries.contains(QString::fromUtf8(name)), qPrintable(entries.join(QStringLiteral(" | "))));
        // The terrain's state (probes, guess, reveal) survives a save and restore.
        const QVariantMap state = lab.saveState();
        AntLab copy(*ctx_);
        copy.restoreState(state);
        waitLab(copy);
        QCOMPARE(copy.probesLeft(), AntLab::kProbes - 2);
        QVERIFY(copy.revealed());
        QCOMPARE(copy.guess().value(), QPointF(0, 0));
        QCOMPARE(copy.guessDistance(), lab.guessDistance());
    }

    // ---------- Lab 2: where gradient descent ends ----------

    void descentFromOriginReachesHimmelblauA()
    {
        DescentLab lab(*ctx_);
        waitLab(lab);
        QCOMPARE(lab.surfaceBox()->currentData().toString(), QStringLiteral("himmelblau"));
        lab.startX()->setValue(0);
        lab.startY()->setValue(0);
        QTest::mouseClick(lab.runButton(), Qt::LeftButton);
        QVERIFY(lab.animating());
        QTest::mouseClick(lab.skipButton(), Qt::LeftButton);
        waitLab(lab);
        auto* path = seriesNamed(lab.map(), QStringLiteral("trajectory"));
        QVERIFY(path && path->count() > 10);
        QCOMPARE(path->at(0), QPointF(0, 0));
        // Himmelblau's minimum (3, 2) (Himmelblau 1972), from the literature, not the engine.
        const QPointF end = path->at(path->count() - 1);
        QVERIFY2(std::hypot(end.x() - 3.0, end.y() - 2.0) < 1e-3, qPrintable(QStringLiteral("%1 %2").arg(end.x()).arg(end.y())));
        QCOMPARE(seriesNamed(lab.map(), QStringLiteral("end"))->at(0), end);
        QVERIFY2(lab.readout().contains(QStringLiteral("minimum A")), qPrintable(lab.readout()));   // plain text, no markup
        QVERIFY(!lab.readout().contains(QLatin1Char('<')));
        // The loss chart has one point per step, falling to ~0.
        auto* loss = seriesNamed(lab.lossChart(), QStringLiteral("loss"));
        QCOMPARE(loss->count(), path->count());
        QCOMPARE(loss->at(0).y(), 170.0);   // f(0, 0) = 121 + 49
        QVERIFY(loss->at(loss->count() - 1).y() < 1e-6);
    }

    // Under the offscreen platform no OpenGL context can be made: the lab shows the map alone,
    // makes no 3-D object at all (Qt Data Visualization would crash), and says why in one line.
    void descentWithout3DShowsTheMapAndWhy()
    {
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
        QString why;
        QVERIFY(!surface3DAvailable(&why));
        QVERIFY(!why.isEmpty());
        DescentLab lab(*ctx_);
        lab.resize(1000, 700);
        lab.show();
        waitLab(lab);
        QVERIFY(!lab.view3d());
        QVERIFY(lab.findChildren<SurfaceView3D*>().isEmpty());
        for (QWindow* w : QGuiApplication::allWindows()) QVERIFY(!qobject_cast<QAbstract3DGraph*>(w));
        QVERIFY(lab.map()->isVisible());
        auto* note = lab.findChild<QLabel*>(QStringLiteral("surface3dUnavailable"));
        QVERIFY(note);
        QCOMPARE(note->text(), why);
        QVERIFY(note->isVisible());
        QVERIFY(!note->text().contains(QLatin1Char('\n')));
        QVERIFY(!lab.figureArea()->isAncestorOf(note));   // not part of the exported figure
        QVERIFY(!lab.controls()->control(QStringLiteral("logHeight")));
    }

    void descentClickOnMapRunsFromThere()
    {
        DescentLab lab(*ctx_);
        lab.resize(1000, 700);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        waitLab(lab);
        QChart* c = lab.map()->chart();
        const QPointF scene = c->mapToPosition(QPointF(-3.0, -3.0), c->series().first());
        QTest::mouseClick(lab.map()->viewport(), Qt::LeftButton, {}, lab.map()->mapFromScene(scene));
        QVERIFY(std::abs(lab.startX()->value() + 3.0) < 0.06);
        QVERIFY(lab.animating());
        QTest::mouseClick(lab.skipButton(), Qt::LeftButton);
        waitLab(lab);
        auto* path = seriesNamed(lab.map(), QStringLiteral("trajectory"));
        const QPointF end = path->at(path->count() - 1);
        // (-3.779310, -3.283186), Himmelblau's third minimum.
        QVERIFY2(std::hypot(end.x() + 3.779310, end.y() + 3.283186) < 1e-2, qPrintable(QStringLiteral("%1 %2").arg(end.x()).arg(end.y())));
    }

    void basinSharesSumToOne_data()
    {
        QTest::addColumn<QString>("surface");
        QTest::addColumn<int>("basins");
        QTest::newRow("bowl: one basin") << QStringLiteral("bowl") << 1;
        QTest::newRow("himmelblau: four") << QStringLiteral("himmelblau") << 4;
        QTest::newRow("camel: six") << QStringLiteral("camel") << 6;
        QTest::newRow("terrain") << QStringLiteral("terrain") << -1;
    }
    void basinSharesSumToOne()
    {
        QFETCH(QString, surface);
        QFETCH(int, basins);
        DescentLab lab(*ctx_);
        lab.surfaceBox()->setCurrentIndex(lab.surfaceBox()->findData(surface));
        lab.basinsBox()->click();
        waitLab(lab);
        QVERIFY(lab.basinsShown());
        QList<QAbstractSeries*> all = lab.shareChart()->chart()->series();
        QCOMPARE(all.size(), 1);
        auto* bars = qobject_cast<QAbstractBarSeries*>(all.first());
        double sum = 0;
        int reached = 0;
        for (QBarSet* set : bars->barSets()) {
            double share = 0;
            for (int i = 0; i < set->count(); ++i) share += set->at(i);
            sum += share;
            reached += share > 0 && set->label() != QLatin1String("none") && set->label() != QLatin1String("diverged");
        }
        QVERIFY2(std::abs(sum - 1.0) < 1e-12, qPrintable(QString::number(sum, 'g', 17)));
        if (basins > 0) QCOMPARE(reached, basins);
        if (surface == QLatin1String("bowl")) {
            // Convex: every start reaches the one minimum.
            QCOMPARE(bars->barSets().size(), 1);
            QCOMPARE(bars->barSets().first()->at(0), 1.0);
            QCOMPARE(bars->barSets().first()->label(), QStringLiteral("A"));
            QVERIFY(lab.shareChart()->title().startsWith(QStringLiteral("One basin")));
        }
        QVERIFY(allFinite(lab.shareChart()));
        QVERIFY(!lab.map()->heatMap()->image().isNull());
        // Unticking goes back to the heat map.
        lab.basinsBox()->click();
        waitLab(lab);
        QVERIFY(lab.map()->pictureShown());
    }

    void learningRateExtremes_data()
    {
        QTest::addColumn<QString>("surface");
        QTest::addColumn<double>("rate");
        QTest::addColumn<bool>("diverges");
        QTest::newRow("bowl, 0.25 > 2/10") << QStringLiteral("bowl") << 0.25 << true;
        QTest::newRow("bowl, 0.19 < 2/10") << QStringLiteral("bowl") << 0.19 << false;
        QTest::newRow("bowl, largest") << QStringLiteral("bowl") << 2.0 << true;
        QTest::newRow("himmelblau, largest") << QStringLiteral("himmelblau") << 2.0 << true;
        QTest::newRow("camel, smallest") << QStringLiteral("camel") << 0.0001 << false;
        QTest::newRow("terrain, largest") << QStringLiteral("terrain") << 2.0 << false;
    }
    void learningRateExtremes()
    {
        QFETCH(QString, surface);
        QFETCH(double, rate);
        QFETCH(bool, diverges);
        DescentLab lab(*ctx_);
        lab.surfaceBox()->setCurrentIndex(lab.surfaceBox()->findData(surface));
        lab.learningRate()->setValue(rate);
        QTest::mouseClick(lab.skipButton(), Qt::LeftButton);
        waitLab(lab);
        QVERIFY(allFinite(lab.map()));
        QVERIFY(allFinite(lab.lossChart()));
        QCOMPARE(lab.readout().contains(QStringLiteral("Diverged at step")), diverges);
        if (diverges) QVERIFY(lab.result().divergedAtStep > 0);
        lab.steps()->setValue(lab.steps()->maximum());
        lab.basinsBox()->click();
        waitLab(lab);
        QVERIFY(allFinite(lab.shareChart()));
        QCOMPARE(lab.basins().grid, DescentLab::kBasinGrid / 2);   // 5,000 steps a start: the coarser map
        lab.steps()->setValue(lab.steps()->minimum());
        QTest::mouseClick(lab.skipButton(), Qt::LeftButton);
        waitLab(lab);
        waitLab(lab);
        QVERIFY(allFinite(lab.map()));
        QVERIFY(allFinite(lab.lossChart()));
        QVERIFY(!lab.readout().isEmpty());
    }


    // The path has a colour no basin has, the basin map is fine-grained, the bars' labels are
    // whole, and the colour bar keeps its place when the basins replace the heat map.
    void descentPathBasinsAndColourBar()
    {
        DescentLab lab(*ctx_);
        lab.resize(1200, 760);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        waitLab(lab);
        auto* path = seriesNamed(lab.map(), QStringLiteral("trajectory"));
        const QColor pathColour = path->pen().color();
        for (int k = 0; k < 8; ++k) QVERIFY(pathColour != seriesColor(k));
        QCOMPARE(lab.basins().grid, DescentLab::kBasinGrid);
        QVERIFY(DescentLab::kBasinGrid >= 128);
        const int barWidth = lab.map()->colourBar()->width();
        QVERIFY(lab.map()->colourBar()->isVisible());
        lab.basinsBox()->click();
        waitLab(lab);
        QVERIFY(lab.basinsShown());
        QCOMPARE(lab.map()->heatMap()->image().width(), DescentLab::kBasinGrid);
        QVERIFY(!lab.map()->colourBar()->isVisible());
        QVERIFY(lab.map()->colourBar()->sizePolicy().retainSizeWhenHidden());
        QCOMPARE(lab.map()->colourBar()->width(), barWidth);
        // Camel: six minima, every category a whole letter; the shares are in the readout.
        lab.surfaceBox()->setCurrentIndex(lab.surfaceBox()->findData(QStringLiteral("camel")));
        waitLab(lab);
        auto* bars = qobject_cast<QAbstractBarSeries*>(lab.shareChart()->chart()->series().first());
        for (QBarSet* set : bars->barSets()) QVERIFY2(set->label().size() <= 8 && !set->label().contains(QChar(0x2026)), qPrintable(set->label()));
        QVERIFY2(lab.readout().contains(QStringLiteral("A ")) && lab.readout().contains(QStringLiteral(" %")), qPrintable(lab.readout()));
        // The map's key names the path and its ends.
        FigureKey* key = lab.map()->key();
        key->follow(lab.map()->chart());
        QVERIFY(key->entries().contains(QStringLiteral("gradient descent")));
        QVERIFY(key->entries().contains(QStringLiteral("start")));
    }

    // ---------- Lab 3: Figure 4-1, measured ----------

    void escapeChartShowsShallowAboveDeep()
    {
        EscapeLab lab(*ctx_);
        QElapsedTimer clock;
        clock.start();
        waitIdle();
        qInfo("escape measurement with the lab's defaults: %lld ms", clock.elapsed());
        auto* shallow = seriesNamed(lab.escapeChart(), QStringLiteral("shallowEscape"));
        auto* deep = seriesNamed(lab.escapeChart(), QStringLiteral("deepEscape"));
        const auto& sizes = EscapeLab::measuredBatchSizes();
        QCOMPARE(shallow->count(), int(sizes.size()));
        QCOMPARE(deep->count(), int(sizes.size()));
        for (int i = 0; i < shallow->count(); ++i) {
            QCOMPARE(shallow->at(i).x(), double(sizes[std::size_t(i)]));
            QCOMPARE(deep->at(i).x(), double(sizes[std::size_t(i)]));
        }
        // What escape.md states: batch 1 leaves the shallow minimum in > 80% of runs and the
        // deep one in < 5%; batch 2 beats batch 8; the full batch never leaves. Batches 1, 2
        // and 4 (the exercise's) leave the shallow minimum more often than the deep one.
        QVERIFY2(shallow->at(0).y() > 0.8, qPrintable(QString::number(shallow->at(0).y())));
        QVERIFY2(deep->at(0).y() < 0.05, qPrintable(QString::number(deep->at(0).y())));
        QVERIFY(shallow->at(1).y() > shallow->at(3).y());
        for (int i = 0; i < 3; ++i) QVERIFY2(shallow->at(i).y() > deep->at(i).y(), qPrintable(QString::number(i)));
        QCOMPARE(shallow->at(shallow->count() - 1).y(), 0.0);
        QCOMPARE(deep->at(deep->count() - 1).y(), 0.0);
        QVERIFY(allFinite(lab.escapeChart()));
        QVERIFY2(lab.readout().contains(QStringLiteral("Batch 1")), qPrintable(lab.readout()));
    }

    void fullBatchSgdIsGradientDescent()
    {
        EscapeLab lab(*ctx_);
        waitIdle();
        lab.batchSlider()->setValue(lab.batchSlider()->maximum());   // N, the full batch
        waitLab(lab);
        QCOMPARE(lab.batchSize(), 256);
        QCOMPARE(lab.batchSize(), lab.loss()->sampleCount());
        const auto& ends = lab.runEnds();
        QCOMPARE(int(ends.size()), 1 + lab.runCount()->value());
        for (std::size_t i = 1; i < ends.size(); ++i) QVERIFY(std::abs(ends[i] - ends[0]) < 1e-9);
        // Full-batch GD from the shallow minimum stays there.
        QVERIFY(std::abs(ends[0] - lab.startPoint()) < 1e-3);
        QVERIFY(lab.readout().contains(QStringLiteral("0 of")));
    }

    // The animated runs are the measurement's SGD (sgdOnLoss): GD is its full batch, and SGD
    // run i is the measurement's run i at the slider's batch size and start, so the balls and
    // the escape chart cannot disagree.
    void escapeRunsAreTheMeasurementsRuns_data()
    {
        QTest::addColumn<int>("sizeIndex");
        QTest::addColumn<int>("startWell");
        QTest::newRow("batch 1, shallow") << 0 << 0;
        QTest::newRow("batch 4, deep") << 2 << 1;
        QTest::newRow("batch 2, shallow") << 1 << 0;
    }
    void escapeRunsAreTheMeasurementsRuns()
    {
        QFETCH(int, sizeIndex);
        QFETCH(int, startWell);
        EscapeLab lab(*ctx_);
        waitIdle();
        lab.batchSlider()->setValue(sizeIndex);
        lab.startBox()->setCurrentIndex(startWell);
        lab.runCount()->setValue(EscapeLab::kMaxShownRuns);
        waitLab(lab);
        const ThreeMinimaLoss* loss = lab.loss();
        QVERIFY(loss);
        const EscapeParams defaults;
        const int batch = EscapeLab::measuredBatchSizes()[std::size_t(sizeIndex)];
        QCOMPARE(lab.batchSize(), batch);
        const std::vector<double> ends = lab.runEnds();   // a copy: New draws below replaces them
        QCOMPARE(int(ends.size()), 1 + EscapeLab::kMaxShownRuns);
        Rng none = makeRng(1, 0);
        QCOMPARE(ends[0], sgdOnLoss(*loss, lab.startPoint(), loss->sampleCount(), defaults.steps, defaults.learningRate, none).w);
        const int start = loss->minimumIndex(startWell == 0 ? "shallow" : "deep");
        int left = 0;
        for (int i = 0; i < EscapeLab::kMaxShownRuns; ++i) {
            Rng rng = makeRng(defaults.seed, escapeRunStream(std::size_t(sizeIndex), std::size_t(startWell), std::size_t(i),
                                                             std::size_t(defaults.runs)));
            const LossSgdRun r = sgdOnLoss(*loss, lab.startPoint(), batch, defaults.steps, defaults.learningRate, rng);
            QCOMPARE(ends[std::size_t(i) + 1], r.w);
            left += r.diverged || loss->basinOf(r.w) != start;
        }
        // The readout counts these very runs.
        QVERIFY2(lab.readout().contains(QStringLiteral(", %1 of %2 SGD runs left").arg(left).arg(EscapeLab::kMaxShownRuns)),
                 qPrintable(lab.readout()));
        // New draws: other streams, no longer the measurement's first runs.
        QPushButton* redraw = lab.findChild<QPushButton*>(QStringLiteral("newDraws"));
        QVERIFY(redraw);
        QTest::mouseClick(redraw, Qt::LeftButton);
        QTest::mouseClick(lab.skipButton(), Qt::LeftButton);
        waitLab(lab);
        bool differs = false;
        for (std::size_t i = 1; i < lab.runEnds().size(); ++i) differs |= lab.runEnds()[i] != ends[i];
        QVERIFY(differs);
    }

    // Every size comes from the loss: the slider ends at the full batch N, labelled "(full)",
    // and the escape chart's axis names N.
    void escapeSizesComeFromTheLoss()
    {
        EscapeLab lab(*ctx_);
        waitLab(lab);
        const int n = lab.loss()->sampleCount();
        QCOMPARE(lab.fullBatch(), n);
        QCOMPARE(EscapeLab::batchSizes().back(), n);
        for (std::size_t i = 0; i + 1 < EscapeLab::batchSizes().size(); ++i) {
            QCOMPARE(EscapeLab::batchSizes()[i], 1 << i);
            QVERIFY(EscapeLab::batchSizes()[i] < n);
        }
        lab.batchSlider()->setValue(lab.batchSlider()->maximum());
        waitLab(lab);
        bool labelled = false;
        for (QLabel* l : lab.findChildren<QLabel*>()) labelled |= l->text() == QStringLiteral("%1 (full)").arg(n);
        QVERIFY(labelled);
        QVERIFY(seriesNamed(lab.pathChart(), QStringLiteral("sgdPath1"))->name() == QStringLiteral("SGD, full batch"));
        auto* x = qobject_cast<QLogValueAxis*>(lab.escapeChart()->chart()->axes(Qt::Horizontal).first());
        QVERIFY(x);
        const QString title = x->titleText().replace(QStringLiteral("<br>"), QStringLiteral(" "));   // wrapped to fit
        QVERIFY2(title.contains(QStringLiteral("(%1 = full batch)").arg(n)), qPrintable(title));
        QVERIFY(x->max() > n);
        // The lab's constants are the experiment's defaults.
        QCOMPARE(EscapeLab::kSteps, EscapeParams{}.steps);
        QCOMPARE(EscapeLab::kRuns, EscapeParams{}.runs);
        QCOMPARE(EscapeLab::kLearningRate, EscapeParams{}.learningRate);
    }

    void batchOneShowsRunsLeaving()
    {
        EscapeLab lab(*ctx_);
        waitIdle();
        lab.batchSlider()->setValue(0);
        lab.runCount()->setValue(EscapeLab::kMaxShownRuns);
        QTest::mouseClick(lab.runButton(), Qt::LeftButton);
        QVERIFY(lab.animating());
        QTest::mouseClick(lab.skipButton(), Qt::LeftButton);
        QVERIFY(!lab.animating());
        waitLab(lab);
        QVERIFY(!lab.animating());
        const auto& ends = lab.runEnds();
        QCOMPARE(int(ends.size()), 1 + EscapeLab::kMaxShownRuns);
        const ThreeMinimaLoss* loss = lab.loss();
        const int shallow = loss->minimumIndex("shallow");
        int left = 0;
        for (std::size_t i = 1; i < ends.size(); ++i) left += loss->basinOf(ends[i]) != shallow;
        QVERIFY2(left >= EscapeLab::kMaxShownRuns / 2, qPrintable(QString::number(left)));
        // The whole run is drawn, from step 0 to the last, thinned to the plot's pixel columns.
        auto* path = seriesNamed(lab.pathChart(), QStringLiteral("sgdPath1"));
        const double columns = lab.pathChart()->chart()->plotArea().width();
        QVERIFY(path->count() >= 2);
        const bool thinned = EscapeLab::kSteps + 1 > 2 * columns + 2;
        QVERIFY2(thinned ? path->count() <= 2 * int(std::ceil(columns)) + 4 : path->count() == EscapeLab::kSteps + 1,
                 qPrintable(QStringLiteral("%1 points on %2 columns").arg(path->count()).arg(columns)));
        QCOMPARE(path->at(0).x(), 0.0);
        QCOMPARE(path->at(path->count() - 1).x(), double(EscapeLab::kSteps));
        QCOMPARE(path->at(path->count() - 1).y(), ends[1]);
        QCOMPARE(seriesNamed(lab.lossChart(), QStringLiteral("sgdBalls"))->count(), EscapeLab::kMaxShownRuns);
        QVERIFY(allFinite(lab.pathChart()));
        QVERIFY(allFinite(lab.lossChart()));
        // From the deep minimum, the same noise holds: runs started there, played to the end.
        lab.startBox()->setCurrentIndex(1);
        waitLab(lab);
        QTest::mouseClick(lab.runButton(), Qt::LeftButton);
        QTest::mouseClick(lab.skipButton(), Qt::LeftButton);
        waitLab(lab);
        QVERIFY(!lab.animating());
        QVERIFY(lab.loss() && lab.loss()->minimumIndex("deep") >= 0);
        QCOMPARE(lab.startPoint(), lab.loss()->minima()[std::size_t(lab.loss()->minimumIndex("deep"))].w);
        QVERIFY(lab.loss());
        const int deep = lab.loss()->minimumIndex("deep");   // the loss of the new result (the old one is gone)
        left = 0;
        for (std::size_t i = 1; i < lab.runEnds().size(); ++i) left += lab.loss()->basinOf(lab.runEnds()[i]) != deep;
        QVERIFY2(left <= 1, qPrintable(QString::number(left)));
    }

    void depthExtremesGiveAClearState_data()
    {
        QTest::addColumn<int>("well");
        QTest::addColumn<int>("value");
        QTest::newRow("shallow 0") << 0 << 0;
        QTest::newRow("deep 0") << 1 << 0;
        QTest::newRow("global 0") << 2 << 0;
        QTest::newRow("shallow 0.05") << 0 << 1;
        QTest::newRow("shallow 5") << 0 << 100;
        QTest::newRow("global 5") << 2 << 100;
    }
    void depthExtremesGiveAClearState()
    {
        QFETCH(int, well);
        QFETCH(int, value);
        EscapeLab lab(*ctx_);
        waitIdle();
        lab.depthSlider(well)->setValue(value);
        waitLab(lab);
        QVERIFY(allFinite(lab.lossChart()));
        QVERIFY(allFinite(lab.pathChart()));
        QVERIFY(!lab.readout().isEmpty());
        if (value == 0) {
            QVERIFY(!lab.loss());
            QVERIFY(lab.readout().contains(QStringLiteral("depth 0")));
            QCOMPARE(seriesNamed(lab.lossChart(), QStringLiteral("loss"))->count(), 0);
            QVERIFY(!lab.measureButton()->isEnabled());
            QVERIFY(!lab.runButton()->isEnabled());
            QVERIFY(lab.lossChart()->title().contains(QStringLiteral("depth 0")));
        } else {
            QVERIFY(lab.loss());
            if (lab.measureButton()->isEnabled()) {
                QTest::mouseClick(lab.measureButton(), Qt::LeftButton);
                waitLab(lab);
                QVERIFY(allFinite(lab.escapeChart()));
                QCOMPARE(seriesNamed(lab.escapeChart(), QStringLiteral("shallowEscape"))->count(),
                         int(EscapeLab::measuredBatchSizes().size()));
            } else {
                QVERIFY(lab.readout().contains(QStringLiteral("no shallow minimum")));
            }
        }
        // Back to a valid loss: everything works again.
        lab.depthSlider(well)->setValue(40);
        waitLab(lab);
        QVERIFY(lab.loss());
        QVERIFY(lab.runButton()->isEnabled());
        QVERIFY(seriesNamed(lab.lossChart(), QStringLiteral("loss"))->count() > 100);
    }


    // Issue 15/17: every batch size the slider offers is measured, each share with its 95 %
    // Wilson interval drawn as an error bar and written in the readout.
    void escapeMeasuresEverySliderSizeWithIntervals()
    {
        EscapeLab lab(*ctx_);
        waitLab(lab);
        QCOMPARE(EscapeLab::measuredBatchSizes(), EscapeLab::batchSizes());
        auto* shallow = seriesNamed(lab.escapeChart(), QStringLiteral("shallowEscape"));
        QCOMPARE(shallow->count(), lab.batchSlider()->maximum() + 1);
        for (int v = 0; v <= lab.batchSlider()->maximum(); ++v) {
            lab.batchSlider()->setValue(v);
            QCOMPARE(shallow->at(v).x(), double(lab.batchSize()));   // 16, 64 and 128 included
        }
        waitLab(lab);
        // The full batch never leaves: 0 of 200, whose Wilson interval is [0, z²/(n + z²)] = [0, 0.01885].
        const int last = int(EscapeLab::batchSizes().size());
        auto* bar = seriesNamed(lab.escapeChart(), QStringLiteral("shallowInterval%1").arg(last));
        QVERIFY(bar);
        double lo = INFINITY, hi = -INFINITY;
        for (const QPointF& p : bar->points()) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        QCOMPARE(lo, 0.0);
        QVERIFY2(std::abs(hi - 0.0188453) < 1e-6, qPrintable(QString::number(hi)));
        // Batch 1 leaves the shallow minimum often: its bar spans the point, and is narrower than ±10 %.
        auto* first = seriesNamed(lab.escapeChart(), QStringLiteral("shallowInterval1"));
        double flo = INFINITY, fhi = -INFINITY;
        for (const QPointF& p : first->points()) {
            flo = std::min(flo, p.y());
            fhi = std::max(fhi, p.y());
        }
        QVERIFY(flo < shallow->at(0).y() && shallow->at(0).y() < fhi && fhi - flo < 0.2);
        // The readout of the slider's batch (256) gives the share and its interval.
        QVERIFY2(lab.readout().contains(QStringLiteral("95 % intervals")), qPrintable(lab.readout()));
        QVERIFY2(lab.readout().contains(QStringLiteral("0 % (0–1.9 %)")), qPrintable(lab.readout()));
        // Key: both lines and both intervals.
        FigureKey* key = lab.escapeChart()->key();
        key->follow(lab.escapeChart()->chart());
        const QStringList entries = key->entries();
        for (const char* name : {"from shallow", "from deep", "95 % interval (Wilson)"})
            QVERIFY2(entries.contains(QString::fromUtf8(name)), qPrintable(entries.join(QStringLiteral(" | "))));
    }

    // Where both shares are 0 (large batches) the "from deep" markers no longer hide the
    // "from shallow" ones: a large ring around a small square.
    void escapeMarkersBothVisibleWhereTheyCoincide()
    {
        EscapeLab lab(*ctx_);
        waitLab(lab);
        auto* ring = qobject_cast<QScatterSeries*>(seriesNamed(lab.escapeChart(), QStringLiteral("shallowPoints")));
        auto* square = qobject_cast<QScatterSeries*>(seriesNamed(lab.escapeChart(), QStringLiteral("deepPoints")));
        QVERIFY(ring && square);
        const int n = ring->count();
        QCOMPARE(square->count(), n);
        QCOMPARE(ring->at(n - 1), square->at(n - 1));   // both at (256, 0)
        QVERIFY(ring->markerSize() >= square->markerSize() + 6);
        QCOMPARE(ring->brush().color().alpha(), 0);     // hollow: the square shows through
        QVERIFY(ring->color() != square->color());
    }

    // The SGD traces are drawn above the full-batch GD line, the boundaries above both; the
    // balls on the loss curve are in its key.
    void escapeDrawingOrderAndKeys()
    {
        EscapeLab lab(*ctx_);
        waitLab(lab);
        const QList<QAbstractSeries*> order = lab.pathChart()->chart()->series();
        const int gd = int(order.indexOf(seriesNamed(lab.pathChart(), QStringLiteral("gdPath"))));
        const int sgd = int(order.indexOf(seriesNamed(lab.pathChart(), QStringLiteral("sgdPath1"))));
        const int barrier = int(order.indexOf(seriesNamed(lab.pathChart(), QStringLiteral("barrier1"))));
        QVERIFY(gd >= 0 && gd < sgd && sgd < barrier);
        auto* gdLine = seriesNamed(lab.pathChart(), QStringLiteral("gdPath"));
        QVERIFY(gdLine->pen().widthF() <= 3);
        FigureKey* lossKey = lab.lossChart()->key();
        lossKey->follow(lab.lossChart()->chart());
        QVERIFY2(lossKey->entries().contains(QStringLiteral("full-batch GD")), qPrintable(lossKey->entries().join(QLatin1Char('|'))));
        QVERIFY(lossKey->entries().contains(QStringLiteral("SGD runs")));
        QCOMPARE(seriesNamed(lab.lossChart(), QStringLiteral("gdBall"))->count(), 1);
        FigureKey* pathKey = lab.pathChart()->key();
        pathKey->follow(lab.pathChart()->chart());
        QVERIFY(pathKey->entries().contains(QStringLiteral("full-batch GD")));
        QVERIFY(pathKey->entries().contains(QStringLiteral("SGD, batch 1")));
        QVERIFY(pathKey->entries().contains(QStringLiteral("basin boundaries")));
    }

    // Measure with unchanged depths says the chart is current; after a depth change the old
    // measurement is cleared and the readout says so, until Measure measures the new depths.
    void escapeMeasurementKnowsWhetherItIsCurrent()
    {
        EscapeLab lab(*ctx_);
        waitLab(lab);
        QVERIFY(lab.measurementCurrent());
        QVERIFY(!lab.measureButton()->isEnabled());
        QCOMPARE(lab.measureButton()->text(), QStringLiteral("Measured for these depths"));
        lab.measure();
        QVERIFY(!lab.isBusy());   // nothing recomputed
        QVERIFY2(lab.readout().contains(QStringLiteral("is current")), qPrintable(lab.readout()));
        const double before = seriesNamed(lab.escapeChart(), QStringLiteral("shallowEscape"))->at(1).y();
        lab.depthSlider(0)->setValue(10);   // shallow 0.5
        waitLab(lab);
        QVERIFY(!lab.measurementCurrent());
        QCOMPARE(seriesNamed(lab.escapeChart(), QStringLiteral("shallowEscape"))->count(), 0);
        QCOMPARE(seriesNamed(lab.escapeChart(), QStringLiteral("shallowInterval1"))->count(), 0);
        QVERIFY2(lab.readout().contains(QStringLiteral("cleared")), qPrintable(lab.readout()));
        QVERIFY(lab.escapeChart()->title().contains(QStringLiteral("not measured")));
        QVERIFY(lab.measureButton()->isEnabled());
        QTest::mouseClick(lab.measureButton(), Qt::LeftButton);
        waitLab(lab);
        QVERIFY(lab.measurementCurrent());
        QVERIFY(lab.escapeChart()->title().contains(QStringLiteral("0.5, 3, 4")));
        // A shallower shallow well is left more often at batch 2.
        QVERIFY(seriesNamed(lab.escapeChart(), QStringLiteral("shallowEscape"))->at(1).y() > before);
        QVERIFY(!lab.readout().contains(QStringLiteral("cleared")));
    }

    // ---------- The page and the exercises ----------

    void pageHasThreeLabsWithTexts()
    {
        LocalMinimaLesson lesson;
        QCOMPARE(lesson.id(), QStringLiteral("local-minima"));
        std::unique_ptr<QWidget> w(lesson.createPage(*ctx_, nullptr));
        auto* page = qobject_cast<LessonPage*>(w.get());
        QVERIFY(page);
        QCOMPARE(page->labCount(), 3);
        for (const char* r : {":/lessons/local-minima/ant.md", ":/lessons/local-minima/descent.md", ":/lessons/local-minima/escape.md"}) {
            QFile f(QString::fromLatin1(r));
            QVERIFY2(f.open(QIODevice::ReadOnly), r);
            QVERIFY(f.size() > 500);
        }
        waitIdle();
    }

    void exercisesLoadAndAcceptTheirAnswers_data()
    {
        QTest::addColumn<QString>("learner");
        for (const char* l : {"Ada", "Grace", "Emmy", "Alan"}) QTest::newRow(l) << QString::fromLatin1(l);
    }
    void exercisesLoadAndAcceptTheirAnswers()
    {
        QFETCH(QString, learner);
        ExerciseFile file;
        QString error;
        QVERIFY2(readExerciseFile(QStringLiteral(":/lessons/local-minima/exercises.json"), &file, &error), qPrintable(error));
        QVERIFY(file.exercises.size() >= 5);
        for (const auto& e : file.exercises) {
            QVERIFY(e->id.startsWith(QStringLiteral("local-minima.")));
            const ExerciseInstance inst = instantiate(*e, learner, 0);
            QVERIFY2(inst.ok, qPrintable(e->id + QStringLiteral(": ") + inst.error));
            QVERIFY2(QString::fromStdString(answers::validateKey(inst.key)).isEmpty(), qPrintable(e->id));
            // What a learner types: the value of the expected expression, or the option ids.
            std::string typed = inst.key.expected, why;
            if (inst.key.kind == answers::CheckKind::Number || inst.key.kind == answers::CheckKind::Integer)
                QVERIFY2(answers::exactValue(inst.key.expected, inst.key.parameters, &typed, &why), why.c_str());
            const auto r = checkInstance(inst, QString::fromStdString(typed));
            QVERIFY2(r.verdict == answers::Verdict::Correct, qPrintable(e->id + QStringLiteral(": ") + QString::fromStdString(r.feedback)));
        }
    }

    // The named computations against independent references.
    void computationsAgreeWithReferences()
    {
        using exercises::compute;
        // From (0, 0) gradient descent reaches (3, 2) = m1 (the lab test above shows the path).
        QCOMPARE(compute("gd-destination", {{"surface", "himmelblau"}, {"x", "0"}, {"y", "0"}, {"lr", "0.01"}}).choices,
                 std::vector<std::string>{"m1"});
        // Started on a minimum, it stays: each of Himmelblau's four literature minima.
        const char* xs[4] = {"3", "-2.805118", "-3.779310", "3.584428"};
        const char* ys[4] = {"2", "3.131312", "-3.283186", "-1.848126"};
        const char* const ids[4] = {"m1", "m2", "m3", "m4"};
        for (int k = 0; k < 4; ++k)
            QCOMPARE(compute("gd-destination", {{"surface", "himmelblau"}, {"x", xs[k]}, {"y", ys[k]}, {"lr", "0.005"}}).choices,
                     std::vector<std::string>{ids[k]});
        // On the bowl with lambda_max = 10, lr 0.25 > 2/10 diverges.
        QCOMPARE(compute("gd-destination", {{"surface", "bowl"}, {"x", "1"}, {"y", "1"}, {"lr", "0.25"}}).choices,
                 std::vector<std::string>{"diverged"});
        // Convex bowl: all starts reach its one minimum.
        QCOMPARE(compute("basin-share", {{"surface", "bowl"}, {"lr", "0.05"}, {"minimum", "A"}, {"grid", "16"}}).real, 1.0);
        // Himmelblau: the four shares (by number and by letter) and the starts that reached none add to 1.
        double sum = 0;
        for (const char* m : {"1", "2", "C", "D"})
            sum += compute("basin-share", {{"surface", "himmelblau"}, {"lr", "0.01"}, {"minimum", m}, {"grid", "32"}}).real;
        QVERIFY(sum > 0.95 && sum <= 1.0 + 1e-12);
        // The default loss has its three minima near the well centres -3.5, 0 and 5.
        QCOMPARE(compute("loss-minima-count", {{"shallow", "1"}, {"deep", "3"}, {"global", "4"}, {"from", "-8"}, {"to", "10"}}).exact,
                 std::string("3"));
        QCOMPARE(compute("loss-minima-count", {{"shallow", "1"}, {"deep", "3"}, {"global", "4"}, {"from", "-2"}, {"to", "2"}}).exact,
                 std::string("1"));
        QCOMPARE(compute("loss-minima-count", {{"shallow", "1"}, {"deep", "3"}, {"global", "4"}, {"from", "-6"}, {"to", "-1"}}).exact,
                 std::string("1"));
        // A plain check rather than QVERIFY_THROWS_EXCEPTION, whose message building trips GCC 12's -Wrestrict at -O3.
        const auto refused = [](const auto& call) {
            try {
                call();
            } catch (const exercises::ComputationError&) {
                return true;
            }
            return false;
        };
        QVERIFY(refused([] { compute("loss-minima-count", {{"shallow", "0"}, {"deep", "3"}, {"global", "4"}, {"from", "-8"}, {"to", "10"}}); }));
        QVERIFY(refused([] { compute("gd-destination", {{"surface", "terrain"}, {"x", "0"}, {"y", "0"}, {"lr", "0.1"}}); }));
        QVERIFY(refused([] { compute("basin-share", {{"surface", "himmelblau"}, {"lr", "0.01"}, {"minimum", "E"}}); }));
    }

    // The ant-gradient exercise's formula against central differences of the engine's Himmelblau.
    void antGradientFormulaMatchesFiniteDifferences()
    {
        const Himmelblau h;
        for (int x = -2; x <= 2; ++x)
            for (int y = -3; y <= 3; ++y) {
                const double formula = 4.0 * x * (x * x + y - 11) + 2.0 * (x + y * y - 7);
                const double e = 1e-6;
                const double fd = (h.value(Point2(x + e, y)) - h.value(Point2(x - e, y))) / (2 * e);
                QVERIFY(std::abs(formula - fd) < 1e-4);
                QVERIFY(formula != 0.0);   // so "the downhill direction" is never also right
            }
    }
};

QTEST_MAIN(TestLocalMinima)
#include "tst_local_minima.moc"
