#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QValueAxis>
#include <QThreadPool>

#include <cmath>
#include <memory>

#include "engine/experiments/align.h"
#include "engine/nn/network.h"
#include "engine/symmetry/symmetry.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/exercises/exercisedraw.h"
#include "lessons/common/exercises/exerciseformat.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/common/networkdiagram.h"
#include "lessons/identifiability/permutationgrid.h"
#include "lessons/common/jobstatus.h"
#include "lessons/identifiability/alignlab.h"
#include "lessons/identifiability/bruteforcelab.h"
#include "lessons/identifiability/countlab.h"
#include "lessons/identifiability/identifiabilitylesson.h"
#include "lessons/identifiability/parameterstrip.h"
#include "lessons/identifiability/rearrangelab.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {
QList<QPointF> points(QAbstractSeries* s)
{
    auto* xy = qobject_cast<QXYSeries*>(s);
    return xy ? xy->points() : QList<QPointF>{};
}

// log10 n! by the log-gamma function: an independent reference for digit counts.
double log10Factorial(int n) { return std::lgamma(n + 1.0) / std::log(10.0); }
} // namespace

class TestIdentifiability : public QObject {
    Q_OBJECT
private:
    QThreadPool pool;
    std::unique_ptr<LessonContext> ctx;

    bool idle() { return QTest::qWaitFor([&] { return ctx->pendingWork() == 0; }, test::waitMs(60000)); }

private slots:
    void init() { ctx = std::make_unique<LessonContext>(nullptr, nullptr, &pool); }
    void cleanup()
    {
        pool.waitForDone();
        QCoreApplication::processEvents();
        ctx.reset();
    }

    void lessonBuildsItsPage()
    {
        IdentifiabilityLesson lesson;
        QCOMPARE(lesson.id(), QStringLiteral("identifiability"));
        QVERIFY(!lesson.title().isEmpty());
        QVERIFY(!lesson.summary().isEmpty());
        std::unique_ptr<QWidget> page(lesson.createPage(*ctx, nullptr));
        auto* lp = qobject_cast<LessonPage*>(page.get());
        QVERIFY(lp);
        QCOMPARE(lp->labCount(), 4);
        for (int i = 0; i < 4; ++i) QVERIFY2(!lp->labText(i)->toPlainText().contains(QStringLiteral("missing")), qPrintable(QString::number(i)));
        QVERIFY(lp->labText(1)->toPlainText().contains(QStringLiteral("3 715 891 200")));
        QVERIFY(idle());
    }

    // Lab 1: dragging a neuron with the mouse permutes the weights (checked against the
    // engine's permutation of the original vector) and the output curve, recomputed from
    // the permuted weights, equals the original one to 1e-12.
    void dragKeepsTheOutput()
    {
        RearrangeLab lab(*ctx);
        lab.resize(1000, 700);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        QVERIFY(idle());
        QVERIFY(lab.ready());
        NetworkDiagram* d = lab.diagram();
        auto* original = seriesTitled(lab.outputChart(), QStringLiteral("original"));
        auto* rearranged = seriesTitled(lab.outputChart(), QStringLiteral("rearranged"));
        QVERIFY(original && rearranged);
        const QList<QPointF> before = original->points();
        QCOMPARE(before.size(), 121);
        QCOMPARE(rearranged->points().size(), 121);
        // The trained network fits sin x.
        for (const QPointF& p : before) QVERIFY2(std::abs(p.y() - std::sin(p.x())) < 0.3, qPrintable(QString::number(p.x())));

        const QPoint from = d->neuronCentre(1, 0).toPoint(), to = d->neuronCentre(1, 3).toPoint();
        QTest::mousePress(d, Qt::LeftButton, {}, from);
        QTest::mouseMove(d, (from + to) / 2);
        QTest::mouseMove(d, to);
        QTest::mouseRelease(d, Qt::LeftButton, {}, to);

        Eigen::VectorXd expected = lab.originalParameters();
        permuteHiddenLayer(lab.network(), expected, 0, {1, 2, 3, 0});
        QCOMPARE(lab.currentParameters(), expected);
        QVERIFY(lab.currentParameters() != lab.originalParameters());
        QCOMPARE(lab.arrangement(0), (std::vector<int>{1, 2, 3, 0}));
        QCOMPARE(d->neuronLabel(1, 3), QStringLiteral("a1"));   // the label travelled
        QCOMPARE(d->parameters(), expected);

        const QList<QPointF> after = rearranged->points();
        QCOMPARE(after.size(), before.size());
        double maxDiff = 0;
        for (int i = 0; i < after.size(); ++i) maxDiff = std::max(maxDiff, std::abs(after[i].y() - before[i].y()));
        QVERIFY2(maxDiff < 1e-12, qPrintable(QString::number(maxDiff)));
        // The rearranged curve really comes from the permuted weights: an independent
        // forward pass of the permuted vector gives the same numbers.
        Eigen::MatrixXd x(1, 1);
        x(0, 0) = after[17].x();
        Workspace ws;
        QVERIFY(std::abs(forward(lab.network(), expected, x, ws)(0, 0) - after[17].y()) < 1e-12);

        auto* distance = lab.findChild<QLabel*>(QStringLiteral("distanceLabel"));
        const double dist = distance->property("distance").toDouble();
        QCOMPARE(dist, (expected - lab.originalParameters()).norm());
        QVERIFY(dist > 0.1);
        QVERIFY(distance->text().contains(formatFixed(dist, 3)));
    }

    void keyboardShuffleAndRestore()
    {
        RearrangeLab lab(*ctx);
        lab.resize(1000, 700);
        lab.show();
        QVERIFY(idle());
        NetworkDiagram* d = lab.diagram();
        d->setFocus();
        QTest::keyClick(d, Qt::Key_Right);            // first key: hidden layer 1, place 1
        QTest::keyClick(d, Qt::Key_Right);            // hidden layer 2
        QCOMPARE(d->selectedLayer(), 2);
        QTest::keyClick(d, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(lab.arrangement(1), (std::vector<int>{1, 0, 2, 3}));
        Eigen::VectorXd expected = lab.originalParameters();
        permuteHiddenLayer(lab.network(), expected, 1, {1, 0, 2, 3});
        QCOMPARE(lab.currentParameters(), expected);
        auto* selection = lab.findChild<QLabel*>(QStringLiteral("selectionLabel"));
        QVERIFY(selection->text().contains(QStringLiteral("b1")));

        auto* choice = lab.findChild<QComboBox*>(QStringLiteral("shuffleLayerChoice"));
        choice->setCurrentIndex(0);
        QTest::mouseClick(lab.findChild<QPushButton*>(QStringLiteral("shuffleButton")), Qt::LeftButton);
        std::vector<int> a = lab.arrangement(0);
        QVERIFY(a != (std::vector<int>{0, 1, 2, 3}));
        std::sort(a.begin(), a.end());
        QCOMPARE(a, (std::vector<int>{0, 1, 2, 3}));
        auto* diff = lab.findChild<QLabel*>(QStringLiteral("differenceLabel"));
        QVERIFY(diff->property("maxDifference").toDouble() < 1e-12);

        QTest::mouseClick(lab.findChild<QPushButton*>(QStringLiteral("restoreButton")), Qt::LeftButton);
        QCOMPARE(lab.currentParameters(), lab.originalParameters());
        QCOMPARE(lab.findChild<QLabel*>(QStringLiteral("distanceLabel"))->property("distance").toDouble(), 0.0);
        QCOMPARE(d->neuronLabel(1, 0), QStringLiteral("a1"));
        QVERIFY(allFinite(lab.outputChart()));
    }

    // The θ strip marks the cells that moved and has a colour scale; the layer choice reads in
    // full; the data fit inside the axes; the key names every curve; the arrangement is state.
    void rearrangeFigureSaysWhatMoved()
    {
        RearrangeLab lab(*ctx);
        lab.resize(1200, 800);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        QVERIFY(idle());
        QVERIFY(lab.ready());
        for (int i = 0; i < lab.layerChoice()->count(); ++i) {
            const QString text = lab.layerChoice()->itemText(i);
            QVERIFY2(!text.contains(QChar(0x2026)) && !text.contains(QStringLiteral("...")), qPrintable(text));
            QCOMPARE(text, QStringLiteral("hidden layer %1 (%2–%3)").arg(i + 1).arg(QChar(u'a' + i) + QStringLiteral("1"),
                                                                             QChar(u'a' + i) + QStringLiteral("4")));
        }
        QCOMPARE(lab.strip()->movedCount(1), 0);
        lab.moveNeuron(0, 0, 2);
        int differing = 0;
        for (Eigen::Index i = 0; i < lab.currentParameters().size(); ++i)
            differing += lab.currentParameters()[i] != lab.originalParameters()[i];
        QVERIFY(differing > 0);
        QCOMPARE(lab.strip()->movedCount(1), differing);
        double scale = 0;
        for (const auto* v : {&lab.originalParameters(), &lab.currentParameters()}) scale = std::max(scale, v->cwiseAbs().maxCoeff());
        QCOMPARE(lab.strip()->scale(), scale);
        QVERIFY(lab.strip()->sizeHint().height() > 2 * 26 + 2 * lab.strip()->fontMetrics().height());   // rows, header and scale

        // Every data point lies strictly inside the axes (none cut at the edge).
        auto* data = qobject_cast<QXYSeries*>(lab.outputChart()->chart()->series().at(0));
        auto* ax = qobject_cast<QValueAxis*>(lab.outputChart()->chart()->axes(Qt::Horizontal).at(0));
        QCOMPARE(data->count(), 40);
        for (const QPointF& p : data->points()) QVERIFY2(p.x() > ax->min() && p.x() < ax->max(), qPrintable(QString::number(p.x())));
        QTRY_COMPARE_WITH_TIMEOUT(lab.outputChart()->key()->entries(),
                                  (QStringList{QStringLiteral("data"), QStringLiteral("original"), QStringLiteral("rearranged")}),
                                  test::waitMs(5000));

        // The arrangement is part of the lab's state.
        const QVariantMap state = lab.saveState();
        const Eigen::VectorXd moved = lab.currentParameters();
        lab.restoreOriginal();
        QCOMPARE(lab.strip()->movedCount(1), 0);
        lab.restoreState(state);
        QVERIFY(idle());
        QCOMPARE(lab.currentParameters(), moved);
        QCOMPARE(lab.strip()->movedCount(1), differing);
    }

    void count_data()
    {
        QTest::addColumn<QString>("widths");
        QTest::addColumn<QString>("activation");
        QTest::addColumn<QString>("count");
        QTest::newRow("relu [3,3]") << "3,3" << "relu" << "36";
        QTest::newRow("tanh [3,3]") << "3, 3" << "tanh" << "2304";
        QTest::newRow("sigmoid [3,3]: flips with the bias correction") << "3, 3" << "sigmoid" << "2304";
        QTest::newRow("single neuron") << "1" << "relu" << "1";
        QTest::newRow("unequal [2,4,2]") << "2 4 2" << "relu" << "96";
        QTest::newRow("tanh [10]") << "10" << "tanh" << "3715891200";
    }
    void count()
    {
        QFETCH(QString, widths);
        QFETCH(QString, activation);
        QFETCH(QString, count);
        CountLab lab(*ctx);
        const int index = lab.activationChoice()->findData(activation);
        QVERIFY(index >= 0);
        lab.activationChoice()->setCurrentIndex(index);
        lab.widthsEdit()->setText(widths);
        QVERIFY(idle());
        QCOMPARE(lab.countField()->toPlainText(), count);
        QVERIFY(lab.digitsLabel()->text().startsWith(QString::number(count.size()) + QStringLiteral(" digit")));
    }

    // 100!^3 has floor(3 log10 100!) + 1 = 474 digits; the spins fill the widths.
    void hugeCountHasAllItsDigits()
    {
        CountLab lab(*ctx);
        lab.layerSpin()->setValue(3);
        lab.widthSpin()->setValue(100);
        QVERIFY(idle());
        QCOMPARE(lab.widthsEdit()->text(), QStringLiteral("100, 100, 100"));
        const QString digits = lab.countField()->toPlainText();
        const int expected = int(std::floor(3 * log10Factorial(100))) + 1;
        QCOMPARE(expected, 474);
        QCOMPARE(digits.size(), expected);
        QVERIFY(digits.endsWith(QString(72, QLatin1Char('0'))));   // 100! ends in 24 zeros
        QVERIFY(lab.digitsLabel()->text().startsWith(QStringLiteral("474 digits")));
        // The widest the lab accepts still answers.
        lab.layerSpin()->setValue(10);
        lab.widthSpin()->setValue(2000);
        QVERIFY(idle());
        QCOMPARE(lab.countField()->toPlainText().size(), int(std::floor(10 * log10Factorial(2000))) + 1);
        QVERIFY(lab.status()->message().contains(QStringLiteral("off the chart")));
    }

    void badWidthsSayWhy_data()
    {
        QTest::addColumn<QString>("widths");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "" << "Type the widths";
        QTest::newRow("word") << "three" << "not a whole number";
        QTest::newRow("zero") << "3, 0" << "at least one neuron";
        QTest::newRow("negative") << "-2" << "at least one neuron";
        QTest::newRow("too many neurons") << "15000, 6000" << "up to 20000";
        QTest::newRow("overflowing number") << "99999999999999999999" << "not a whole number";
    }
    void badWidthsSayWhy()
    {
        QFETCH(QString, widths);
        QFETCH(QString, message);
        CountLab lab(*ctx);
        QVERIFY(idle());
        lab.widthsEdit()->setText(widths);
        QVERIFY(idle());
        QVERIFY(lab.countField()->toPlainText().isEmpty());
        QVERIFY2(lab.status()->message().contains(message), qPrintable(lab.status()->message()));
    }

    // The growth chart: log10 n!^l for l = 1..5 and n = 1..100; the l-layer curve is l times
    // the one-layer curve, and the learner's network is marked on it.
    void growthChart()
    {
        CountLab lab(*ctx);
        lab.layerSpin()->setValue(2);
        lab.widthSpin()->setValue(3);
        QVERIFY(idle());
        const auto series = lab.growthChart()->chart()->series();
        QCOMPARE(series.size(), 6);
        for (int l = 1; l <= 5; ++l) {
            const QList<QPointF> pts = points(series[l - 1]);
            QCOMPARE(pts.size(), 100);
            QCOMPARE(pts[9].x(), 10.0);
            QVERIFY(std::abs(pts[9].y() - l * log10Factorial(10)) < 1e-9);
        }
        const QList<QPointF> here = points(series[5]);
        QCOMPARE(here.size(), 1);
        QCOMPARE(here[0].x(), 3.0);
        QVERIFY(std::abs(here[0].y() - std::log10(36.0)) < 1e-9);
        // tanh: log10 (2^n n!)^l.
        lab.activationChoice()->setCurrentIndex(1);
        QVERIFY(idle());
        QVERIFY(std::abs(points(series[0])[9].y() - (log10Factorial(10) + 10 * std::log10(2.0))) < 1e-9);
        QVERIFY(allFinite(lab.growthChart()));
    }

    void bruteForce_data()
    {
        QTest::addColumn<QString>("widths");
        QTest::addColumn<QString>("activation");
        QTest::addColumn<bool>("flips");
        QTest::addColumn<int>("count");
        QTest::newRow("relu 2-3-3-1") << "2, 3, 3, 1" << "ReLU" << false << 36;
        QTest::newRow("tanh 2-3-3-1 with flips") << "2,3,3,1" << "tanh" << true << 2304;
        QTest::newRow("tanh 2-3-3-1 without flips") << "2,3,3,1" << "tanh" << false << 36;
        QTest::newRow("sigmoid 2-3-3-1 with flips") << "2,3,3,1" << "sigmoid" << true << 2304;
        QTest::newRow("unequal 2-4-2-1") << "2, 4, 2, 1" << "ReLU" << false << 48;
        QTest::newRow("width one") << "3, 1, 2" << "ReLU" << false << 1;
    }
    void bruteForce()
    {
        QFETCH(QString, widths);
        QFETCH(QString, activation);
        QFETCH(bool, flips);
        QFETCH(int, count);
        BruteForceLab lab(*ctx);
        QVERIFY(idle());
        lab.widthsEdit()->setText(widths);
        lab.activationChoice()->setCurrentIndex(lab.activationChoice()->findText(activation));
        QVERIFY(lab.activationChoice()->currentText() == activation);
        lab.signFlipsBox()->setChecked(flips);
        QTest::mouseClick(lab.runButton(), Qt::LeftButton);
        QVERIFY(idle());
        QCOMPARE(lab.enumeratedLabel()->text(), QStringLiteral("<b>%1</b>").arg(count));
        QCOMPARE(lab.distinctLabel()->text(), QStringLiteral("<b>%1</b>").arg(count));
        // The label reads as a person writes a number ("2.2·10⁻¹⁶"); the value itself is a property.
        bool ok = false;
        const double diff = lab.differenceLabel()->property("maxDifference").toDouble(&ok);
        QVERIFY(ok);
        QVERIFY(diff < 1e-12);
        QCOMPARE(lab.differenceLabel()->text(), QStringLiteral("<b>%1</b>").arg(diff == 0 ? QStringLiteral("0") : formatNumber(diff, 2)));
        QVERIFY(lab.formulaLabel()->text().contains(QStringLiteral("= %1 ").arg(count)));
        QVERIFY(lab.verdictLabel()->text().startsWith(QStringLiteral("✓")));
    }

    void bruteForceRefusesWhatItCannot_data()
    {
        QTest::addColumn<QString>("widths");
        QTest::addColumn<QString>("message");
        QTest::newRow("too many arrangements") << "2, 8, 8, 1" << "too many";
        QTest::newRow("no hidden layer") << "2, 1" << "at least one hidden";
        QTest::newRow("zero width") << "2, 0, 1" << "from 1 to 64";
        QTest::newRow("garbage") << "a, b, c" << "from 1 to 64";
    }
    void bruteForceRefusesWhatItCannot()
    {
        QFETCH(QString, widths);
        QFETCH(QString, message);
        BruteForceLab lab(*ctx);
        QVERIFY(idle());
        lab.widthsEdit()->setText(widths);
        QTest::keyClick(lab.widthsEdit(), Qt::Key_Return);
        QVERIFY(idle());
        QVERIFY(lab.distinctLabel()->text().isEmpty());
        QVERIFY2(lab.status()->message().contains(message), qPrintable(lab.status()->message()));
    }

    // Lab 4: the lab draws what the engine computes for its controls: both paths point by point,
    // each barrier's segment from the ends' mean to the path's top, the matching in the matrix and
    // in the diagrams' colours, and the readout's numbers; the aligned barrier is the lower one.
    void alignShowsTheEnginesPaths()
    {
        AlignLab lab(*ctx);
        lab.resize(1100, 800);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        QVERIFY(idle());
        const AlignResult r = runAlign(lab.params(), Progress::none());
        QVERIFY(!r.diverged);
        QCOMPARE(int(r.alphas.size()), AlignParams{}.points);
        const QList<QPointF> naive = lab.naiveSeries()->points(), aligned = lab.alignedSeries()->points();
        QCOMPARE(naive.size(), int(r.alphas.size()));
        QCOMPARE(aligned.size(), int(r.alphas.size()));
        for (int i = 0; i < naive.size(); ++i) {
            QCOMPARE(naive[i].x(), r.alphas[std::size_t(i)]);
            QCOMPARE(naive[i].y(), r.naiveLosses[std::size_t(i)]);
            QCOMPARE(aligned[i].y(), r.alignedLosses[std::size_t(i)]);
        }
        QCOMPARE(lab.alignedSeries()->name(), QStringLiteral("A → B aligned to A"));
        QVERIFY2(r.alignedBarrier < r.naiveBarrier, qPrintable(QStringLiteral("%1 %2").arg(r.alignedBarrier).arg(r.naiveBarrier)));

        // Each barrier: a vertical segment from the mean of the ends up to its path's top.
        const double mean = 0.5 * (r.lossA + r.lossB);
        for (const auto& [name, losses, barrier] :
             {std::tuple{QStringLiteral("naiveBarrier"), r.naiveLosses, r.naiveBarrier},
              std::tuple{QStringLiteral("alignedBarrier"), r.alignedLosses, r.alignedBarrier}}) {
            const QList<QPointF> seg = seriesNamed(lab.lossChart(), name)->points();
            QCOMPARE(seg.size(), 2);
            QCOMPARE(seg[0].y(), mean);
            QCOMPARE(seg[1].y(), *std::max_element(losses.begin(), losses.end()));
            QVERIFY(std::abs(seg[1].y() - seg[0].y() - barrier) < 1e-12);
        }
        QVERIFY(seriesTitled(lab.lossChart(), QStringLiteral("barrier: top of the path above that mean")));
        QVERIFY(lab.lossChart()->key()->entries().size() >= 4);
        QVERIFY(allFinite(lab.lossChart()));

        const QString readout = lab.readout();
        for (double v : {r.naiveBarrier, r.alignedBarrier, r.naiveDistance, r.alignedDistance})
            QVERIFY2(readout.contains(formatNumber(v, 3)), qPrintable(readout));
        QVERIFY2(readout.contains(QStringLiteral("arrangements")), qPrintable(readout));

        // The matrix marks B's neuron perms[h][i] in row i; the diagrams give a pair one colour.
        QCOMPARE(lab.matchingGrid()->layerCount(), 1);
        const auto& perm = r.matching.perms[0];
        for (int i = 0; i < int(perm.size()); ++i) {
            QCOMPARE(lab.matchingGrid()->matchedColumn(0, i), perm[std::size_t(i)]);
            QCOMPARE(lab.matchingGrid()->flipped(0, i), r.matching.signs[0][std::size_t(i)] < 0);
            QVERIFY(lab.diagramA()->neuronFill(1, i).isValid());
            QCOMPARE(lab.diagramB()->neuronFill(1, perm[std::size_t(i)]), lab.diagramA()->neuronFill(1, i));
        }
        QCOMPARE(lab.diagramA()->parameters(), r.a);
        QCOMPARE(lab.diagramB()->parameters(), r.b);
    }

    // Bad and extreme settings: one seed for both networks is refused with a sentence and empty
    // series; the widest, narrowest, two-layer and ReLU networks give finite charts.
    void alignControlsAtTheirExtremes()
    {
        AlignLab lab(*ctx);
        QVERIFY(idle());
        lab.seedBSpin()->setValue(lab.seedASpin()->value());
        QVERIFY(idle());
        QVERIFY(lab.naiveSeries()->points().isEmpty());
        QVERIFY(lab.alignedSeries()->points().isEmpty());
        QVERIFY2(lab.status()->message().contains(QStringLiteral("two different seeds")), qPrintable(lab.status()->message()));
        QCOMPARE(lab.matchingGrid()->layerCount(), 0);
        lab.seedBSpin()->setValue(9999);
        QVERIFY(idle());
        QCOMPARE(lab.naiveSeries()->points().size(), AlignParams{}.points);
        for (int width : {lab.widthSpin()->minimum(), lab.widthSpin()->maximum()}) {
            lab.widthSpin()->setValue(width);
            QVERIFY(idle());
            QVERIFY2(allFinite(lab.lossChart()), qPrintable(QString::number(width)));
            QCOMPARE(lab.alignedSeries()->points().size(), AlignParams{}.points);
            QCOMPARE(int(lab.result().matching.perms[0].size()), width);
        }
        lab.layersSpin()->setValue(2);
        lab.activationChoice()->setCurrentIndex(1);   // ReLU: no sign flips
        lab.datasetChoice()->setCurrentIndex(2);
        QVERIFY(idle());
        QVERIFY(allFinite(lab.lossChart()));
        QCOMPARE(lab.matchingGrid()->layerCount(), 2);
        for (const auto& signs : lab.result().matching.signs)
            for (double s : signs) QCOMPARE(s, 1.0);
        QVERIFY(!lab.params().signFlips);
        QVERIFY(!lab.readout().contains(QStringLiteral("nan"), Qt::CaseInsensitive));
    }

    // The lab's state holds its controls; a restored lab recomputes the same result.
    void alignStateRoundTrips()
    {
        QVariantMap state;
        AlignResult before;
        {
            AlignLab lab(*ctx);
            QVERIFY(idle());
            lab.widthSpin()->setValue(6);
            lab.seedASpin()->setValue(3);
            lab.seedBSpin()->setValue(8);
            lab.datasetChoice()->setCurrentIndex(1);
            QVERIFY(idle());
            state = lab.saveState();
            before = lab.result();
        }
        AlignLab again(*ctx);
        QVERIFY(idle());
        again.restoreState(state);
        QVERIFY(idle());
        QCOMPARE(again.widthSpin()->value(), 6);
        QCOMPARE(again.seedASpin()->value(), 3);
        QCOMPARE(again.seedBSpin()->value(), 8);
        QCOMPARE(again.params().dataset, std::string("circles"));
        QCOMPARE(again.result().naiveLosses, before.naiveLosses);
        QCOMPARE(again.result().alignedLosses, before.alignedLosses);
        QCOMPARE(again.result().matching.perms, before.matching.perms);
    }

    // The width chart is measured on opening, after the pair: never an empty chart to begin with.
    // Another setting supersedes a measurement under way, and the chart says it waits for Measure.
    void alignMeasuresOnOpening()
    {
        // The title as written, without the line breaks a narrow chart wraps it with.
        auto title = [](const AlignLab& l) { return l.sweepChart()->chart()->title().replace(QStringLiteral("<br>"), QStringLiteral(" ")); };
        {
            AlignLab lab(*ctx);
            QVERIFY(idle());
            QVERIFY(lab.sweepShown());
            QVERIFY(!lab.naiveSeries()->points().isEmpty());
            QCOMPARE(seriesNamed(lab.sweepChart(), QStringLiteral("sweepNaive"))->points().size(),
                     int(AlignLab::sweepWidths().size()));
            QVERIFY(!title(lab).contains(QStringLiteral("press Measure")));
        }
        AlignLab lab(*ctx);
        QVERIFY(idle());
        // A measurement under way for settings not measured before: a new seed of B supersedes it.
        lab.layersSpin()->setValue(3);
        QVERIFY(idle());
        QVERIFY(!lab.sweepShown());
        lab.measureButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(title(lab).contains(QStringLiteral("measuring")), test::waitMs(10000));
        lab.seedBSpin()->setValue(lab.seedBSpin()->value() + 1);
        QVERIFY(idle());
        QVERIFY(!lab.sweepShown());
        QVERIFY(seriesNamed(lab.sweepChart(), QStringLiteral("sweepNaive"))->points().isEmpty());
        QVERIFY2(title(lab).contains(QStringLiteral("press Measure")), qPrintable(title(lab)));
    }

    // Measure charts the engine's sweep: a point per width for each barrier, with its interval.
    void alignMeasureChartsTheSweep()
    {
        AlignLab lab(*ctx);
        QVERIFY(idle());
        lab.layersSpin()->setValue(2);   // other settings than the opening measurement's
        QVERIFY(idle());
        QVERIFY(!lab.sweepShown());
        lab.measureButton()->click();
        QVERIFY(idle());
        QVERIFY(lab.sweepShown());
        const AlignSweepResult& s = lab.sweep();
        QCOMPARE(s.rows.size(), AlignLab::sweepWidths().size());
        const QList<QPointF> naive = seriesNamed(lab.sweepChart(), QStringLiteral("sweepNaive"))->points();
        const QList<QPointF> aligned = seriesNamed(lab.sweepChart(), QStringLiteral("sweepAligned"))->points();
        QCOMPARE(naive.size(), int(s.rows.size()));
        for (std::size_t i = 0; i < s.rows.size(); ++i) {
            QCOMPARE(naive[int(i)], QPointF(AlignLab::sweepWidths()[i], s.rows[i].naiveMean));
            QCOMPARE(aligned[int(i)], QPointF(AlignLab::sweepWidths()[i], s.rows[i].alignedMean));
            const QList<QPointF> bar = seriesNamed(lab.sweepChart(), QStringLiteral("naiveInterval%1").arg(i + 1))->points();
            QCOMPARE(bar.size(), 6);
            QCOMPARE(bar[2].y(), std::max(0.0, s.rows[i].naiveLow));   // a mean barrier is never below 0
            QCOMPARE(bar[3].y(), s.rows[i].naiveHigh);
        }
        // The lab's rows are the engine's: the narrowest width measured again on its own.
        AlignSweepParams one = lab.sweepParams();
        one.widths = {AlignLab::sweepWidths().front()};
        const AlignSweepResult first = runAlignSweep(one, Progress::none());
        QCOMPARE(first.rows.size(), std::size_t(1));
        QCOMPARE(first.rows[0].naiveMean, s.rows[0].naiveMean);
        QCOMPARE(first.rows[0].alignedMean, s.rows[0].alignedMean);
        QVERIFY(allFinite(lab.sweepChart()));
        const AlignSweepRow& wide = s.rows.back();
        QVERIFY2(lab.readout().contains(QStringLiteral("in %1 of the %2 pairs").arg(wide.alignedLower).arg(wide.pairs)),
                 qPrintable(lab.readout()));
        // Other data: the sweep no longer applies and is cleared, with a note.
        lab.datasetChoice()->setCurrentIndex(1);
        QVERIFY(idle());
        QVERIFY(!lab.sweepShown());
        QVERIFY(seriesNamed(lab.sweepChart(), QStringLiteral("sweepNaive"))->points().isEmpty());
        QVERIFY2(lab.readout().contains(QStringLiteral("press Measure")), qPrintable(lab.readout()));
        // Measured while the seeds are refused: the refusal stays, with the measurement after it.
        lab.seedBSpin()->setValue(lab.seedASpin()->value());
        QVERIFY(idle());
        lab.measureButton()->click();
        QVERIFY(idle());
        QVERIFY(lab.sweepShown());
        QVERIFY2(lab.readout().contains(QStringLiteral("two different seeds")), qPrintable(lab.readout()));
        QVERIFY2(lab.readout().contains(QStringLiteral("aligning lowered it")), qPrintable(lab.readout()));
        QVERIFY(lab.naiveSeries()->points().isEmpty());
    }

    // What the text says for every setting, checked for several seed pairs, activations, data
    // and depths: aligned B computes B's function (the same loss), is no farther from A than B,
    // and the path to it starts at A and ends at B's loss.
    void alignClaimsHoldForEverySetting_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("activation");
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<int>("seedA");
        QTest::addColumn<int>("seedB");
        QTest::newRow("defaults") << 16 << 1 << int(Activation::Tanh) << "moons" << 1 << 2;
        QTest::newRow("seeds 3 4") << 16 << 1 << int(Activation::Tanh) << "moons" << 3 << 4;
        QTest::newRow("seeds 5 9") << 16 << 1 << int(Activation::Tanh) << "moons" << 5 << 9;
        QTest::newRow("seeds 40 7") << 16 << 1 << int(Activation::Tanh) << "moons" << 40 << 7;
        QTest::newRow("relu circles") << 8 << 1 << int(Activation::ReLU) << "circles" << 1 << 2;
        QTest::newRow("tanh xor 2 layers") << 8 << 2 << int(Activation::Tanh) << "xor" << 2 << 3;
        QTest::newRow("relu 2 layers") << 12 << 2 << int(Activation::ReLU) << "moons" << 6 << 1;
        QTest::newRow("narrow") << 2 << 1 << int(Activation::Tanh) << "circles" << 9998 << 9999;
        QTest::newRow("wide") << 32 << 1 << int(Activation::Tanh) << "moons" << 7 << 8;
    }
    void alignClaimsHoldForEverySetting()
    {
        QFETCH(int, width);
        QFETCH(int, layers);
        QFETCH(int, activation);
        QFETCH(QString, dataset);
        QFETCH(int, seedA);
        QFETCH(int, seedB);
        AlignParams p;
        p.width = width;
        p.hiddenLayers = layers;
        p.activation = Activation(activation);
        p.signFlips = p.activation == Activation::Tanh;
        p.dataset = dataset.toStdString();
        p.seedA = std::uint64_t(seedA);
        p.seedB = std::uint64_t(seedB);
        const AlignResult r = runAlign(p, Progress::none());
        QVERIFY(!r.diverged);
        QVERIFY2(r.functionChange < 1e-9, qPrintable(QString::number(r.functionChange)));
        QVERIFY2(r.alignedDistance <= r.naiveDistance + 1e-12,
                 qPrintable(QStringLiteral("%1 > %2").arg(r.alignedDistance).arg(r.naiveDistance)));
        QCOMPARE(r.naiveLosses.front(), r.lossA);
        QCOMPARE(r.alignedLosses.front(), r.lossA);
        QVERIFY(std::abs(r.naiveLosses.back() - r.lossB) < 1e-12);
        QVERIFY(std::abs(r.alignedLosses.back() - r.lossB) < 1e-9);
        QVERIFY(std::abs((r.alignedB - r.a).norm() - r.alignedDistance) < 1e-9);
    }

    // The numbers the text and the exercise quote for the settings the lab opens with.
    void alignDefaultsAsQuoted()
    {
        const AlignResult r = runAlign(AlignParams{}, Progress::none());
        QVERIFY(r.alignedBarrier < r.naiveBarrier);
        const QString naive = formatNumber(r.naiveBarrier, 3), aligned = formatNumber(r.alignedBarrier, 3);   // as the readout writes them
        QFile text(QStringLiteral(":/lessons/identifiability/align.md"));
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QString md = QString::fromUtf8(text.readAll());
        QVERIFY2(md.contains(QStringLiteral("drops from %1 as trained to %2 after matching").arg(naive, aligned)),
                 qPrintable(naive + QStringLiteral(" ") + aligned));
        // 2^16 · 16! for the 16 tanh neurons the lab opens with.
        const Network net({2, 16, 1}, {Activation::Tanh});
        QCOMPARE(matchingArrangementCount(net, true), std::string("1371195958099968000"));
        QVERIFY(md.contains(QStringLiteral("2¹⁶ · 16! ≈ %1").arg(formatNumber(1371195958099968000.0, 2))));
        QVERIFY(md.contains(QStringLiteral("the lab trains %1 pairs").arg(AlignSweepParams{}.pairs)));
        QCOMPARE(AlignLab::sweepWidths(), (std::vector<int>{4, 8, 16, 32}));
        QVERIFY(md.contains(QStringLiteral("at each of 4, 8, 16 and 32 hidden neurons")));

        ExerciseFile file;
        QString error;
        QVERIFY2(readExerciseFile(QStringLiteral(":/lessons/identifiability/exercises.json"), &file, &error), qPrintable(error));
        for (const auto& e : file.exercises) {
            if (e->id != QLatin1String("identifiability.align-barrier")) continue;
            const ExerciseInstance inst = instantiate(*e, QStringLiteral("Ada"), 0);
            QVERIFY(inst.ok);
            QVERIFY(inst.prompt.contains(QStringLiteral("<b>%1</b> and <b>%2</b>").arg(naive, aligned)));
            QCOMPARE(inst.options.at(0).label, naive);
            QCOMPARE(inst.options.at(1).label, aligned);
            QCOMPARE(checkInstance(inst, QStringLiteral("low")).verdict, answers::Verdict::Correct);
            const auto high = checkInstance(inst, QStringLiteral("high"));
            QCOMPARE(high.verdict, answers::Verdict::Wrong);
            QVERIFY(QString::fromStdString(high.feedback).contains(QStringLiteral("B as trained")));
            return;
        }
        QFAIL("identifiability.align-barrier is missing");
    }

    // Every exercise loads, and for several learners and variants its own expected answer
    // is marked correct and each anticipated mistake is marked wrong with its feedback.
    void exercisesCheck()
    {
        ExerciseFile file;
        QString error;
        QVERIFY2(readExerciseFile(QStringLiteral(":/lessons/identifiability/exercises.json"), &file, &error), qPrintable(error));
        QVERIFY(file.exercises.size() >= 5);
        QStringList ids;
        for (const auto& e : file.exercises) {
            QVERIFY(e->id.startsWith(QStringLiteral("identifiability.")));
            ids << e->id;
            for (const QString& learner : {QStringLiteral("Ada"), QStringLiteral("Grace"), QStringLiteral("Alan")})
                for (int variant = 0; variant < 3; ++variant) {
                    const ExerciseInstance inst = instantiate(*e, learner, variant);
                    QVERIFY2(inst.ok, qPrintable(e->id + QStringLiteral(": ") + inst.error));
                    QVERIFY2(answers::validateKey(inst.key).empty(), qPrintable(e->id));
                    const auto right = checkInstance(inst, inst.expected);
                    QVERIFY2(right.verdict == answers::Verdict::Correct,
                             qPrintable(e->id + QStringLiteral(": ") + inst.expected + QStringLiteral(": ") + QString::fromStdString(right.feedback)));
                    for (const auto& m : e->mistakes) {
                        // A number answer's mistakes are expressions over the parameters: the
                        // learner types their value.
                        std::string typed = m.answer.toStdString();
                        if (inst.key.kind == answers::CheckKind::Integer) {
                            std::string why;
                            QVERIFY2(answers::exactValue(m.answer.toStdString(), inst.key.parameters, &typed, &why), why.c_str());
                        }
                        const auto wrong = checkInstance(inst, QString::fromStdString(typed));
                        QVERIFY2(wrong.verdict == answers::Verdict::Wrong, qPrintable(e->id + QStringLiteral(": ") + m.answer));
                        QVERIFY2(QString::fromStdString(wrong.feedback).contains(substitute(m.feedback, inst.parameters).left(20)),
                                 qPrintable(e->id + QStringLiteral(": ") + QString::fromStdString(wrong.feedback)));
                    }
                }
        }
        for (const char* id : {"identifiability.count", "identifiability.formula", "identifiability.unequal",
                               "identifiability.tanh", "identifiability.hidden-only", "identifiability.align-search",
                               "identifiability.align-function", "identifiability.align-barrier"})
            QVERIFY2(ids.contains(QLatin1String(id)), id);
    }

    // Values worked out by hand.
    void exerciseAnswersByHand()
    {
        ExerciseFile file;
        QString error;
        QVERIFY(readExerciseFile(QStringLiteral(":/lessons/identifiability/exercises.json"), &file, &error));
        auto find = [&](const QString& id) {
            for (const auto& e : file.exercises)
                if (e->id == id) return e;
            return std::shared_ptr<const Exercise>{};
        };
        auto value = [](const ExerciseInstance& inst, const QString& name) {
            for (const auto& p : inst.parameters)
                if (p.first == name) return p.second.toInt();
            return -1;
        };
        auto factorial = [](int n) {
            qint64 f = 1;
            for (int k = 2; k <= n; ++k) f *= k;
            return f;
        };
        {
            const auto inst = instantiate(*find(QStringLiteral("identifiability.count")), QStringLiteral("Ada"), 0);
            qint64 expected = 1;
            for (int i = 0; i < value(inst, QStringLiteral("l")); ++i) expected *= factorial(value(inst, QStringLiteral("n")));
            if (value(inst, QStringLiteral("n")) <= 9 || value(inst, QStringLiteral("l")) <= 2)   // fits in 64 bits
                QCOMPARE(checkInstance(inst, QString::number(expected)).verdict, answers::Verdict::Correct);
            QCOMPARE(checkInstance(inst, QString::number(expected + 1)).verdict, answers::Verdict::Wrong);
        }
        {
            const auto inst = instantiate(*find(QStringLiteral("identifiability.hidden-only")), QStringLiteral("Grace"), 1);
            const qint64 expected = factorial(value(inst, QStringLiteral("a"))) * factorial(value(inst, QStringLiteral("b")));
            QCOMPARE(checkInstance(inst, QString::number(expected)).verdict, answers::Verdict::Correct);
        }
        {
            const auto inst = instantiate(*find(QStringLiteral("identifiability.tanh")), QStringLiteral("Alan"), 2);
            const int n = value(inst, QStringLiteral("n")), l = value(inst, QStringLiteral("l"));
            qint64 expected = 1;
            for (int i = 0; i < l; ++i) expected *= (qint64(1) << n) * factorial(n);
            QCOMPARE(checkInstance(inst, QString::number(expected)).verdict, answers::Verdict::Correct);
        }
        // The search space of weight matching: (2^n n!)^l for tanh; the layers' orders added
        // (n!·l) or one neuron picked per layer (n^l) get their own feedback.
        for (const QString& learner : {QStringLiteral("Ada"), QStringLiteral("Grace")}) {
            const auto inst = instantiate(*find(QStringLiteral("identifiability.align-search")), learner, 1);
            QVERIFY2(inst.ok, qPrintable(inst.error));
            const int n = value(inst, QStringLiteral("n")), l = value(inst, QStringLiteral("l"));
            std::vector<int> widths{2};
            for (int k = 0; k < l; ++k) widths.push_back(n);
            widths.push_back(1);
            const QString exact = QString::fromStdString(matchingArrangementCount(Network(widths, {Activation::Tanh}), true));
            QCOMPARE(checkInstance(inst, exact).verdict, answers::Verdict::Correct);
            QCOMPARE(checkInstance(inst, QStringLiteral("(2^%1*%1!)^%2").arg(n).arg(l)).verdict, answers::Verdict::Correct);
            const auto added = checkInstance(inst, QString::number(factorial(n) * l));
            QCOMPARE(added.verdict, answers::Verdict::Wrong);
            QVERIFY2(QString::fromStdString(added.feedback).contains(QStringLiteral("counts multiply")), added.feedback.c_str());
            qint64 power = 1;
            for (int k = 0; k < l; ++k) power *= n;
            const auto picked = checkInstance(inst, QString::number(power));
            QCOMPARE(picked.verdict, answers::Verdict::Wrong);
            QVERIFY2(QString::fromStdString(picked.feedback).contains(QStringLiteral("pick one neuron")), picked.feedback.c_str());
            const auto noFlips = checkInstance(inst, QStringLiteral("%1!^%2").arg(n).arg(l));
            QVERIFY2(QString::fromStdString(noFlips.feedback).contains(QStringLiteral("sign patterns")), noFlips.feedback.c_str());
        }
        {
            const auto inst = instantiate(*find(QStringLiteral("identifiability.align-function")), QStringLiteral("Alan"), 0);
            QCOMPARE(checkInstance(inst, QStringLiteral("unchanged")).verdict, answers::Verdict::Correct);
            const auto a = checkInstance(inst, QStringLiteral("becomes-a"));
            QCOMPARE(a.verdict, answers::Verdict::Wrong);
            QVERIFY(QString::fromStdString(a.feedback).contains(QStringLiteral("B keeps its function")));
            const auto loss = checkInstance(inst, QStringLiteral("new-loss"));
            QVERIFY(QString::fromStdString(loss.feedback).contains(QStringLiteral("aligned B has B's loss")));
        }
        {
            const auto inst = instantiate(*find(QStringLiteral("identifiability.formula")), QStringLiteral("Ada"), 0);
            for (const char* same : {"n!^l", "(n!)^l", "factorial(n)^l", "n!**l"})
                QVERIFY2(checkInstance(inst, QLatin1String(same)).verdict == answers::Verdict::Correct, same);
            for (const char* other : {"(n^l)!", "n^l", "n!*l", "l!^n"}) {
                const auto r = checkInstance(inst, QLatin1String(other));
                QVERIFY2(r.verdict == answers::Verdict::Wrong, other);
                QVERIFY2(QString::fromStdString(r.feedback).contains(QStringLiteral("count")), other);
            }
        }
    }
};

QTEST_MAIN(TestIdentifiability)
#include "tst_identifiability.moc"
