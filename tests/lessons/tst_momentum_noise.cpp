// The momentum lesson's lab "Momentum under noise", driven as a learner would: the step and
// weight charts against the engine's two runs (momentumTrace), the escape chart's points and
// interval bars against the measurement (runMomentumNoise), the readout's numbers; then β,
// the batch size and the rate moved, a slider held (a quick measurement), and a rate at which
// plain SGD diverges (a clear message, nothing non-finite drawn).
#include <QtTest>

#include <QComboBox>
#include <QFile>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSlider>
#include <QSpinBox>
#include <QThreadPool>

#include <cmath>

#include "engine/experiments/momentumnoise.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/momentum/momentumlesson.h"
#include "lessons/momentum/noiselab.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {
bool settled(Lab& lab, LessonContext& ctx)
{
    return QTest::qWaitFor([&] { return !lab.isBusy() && ctx.pendingWork() == 0; }, test::waitMs(60000));
}

QString percent(double share) { return formatNumber(100 * share, share < 0.1 ? 2 : 3) + QStringLiteral(" %"); }
QString shareWithInterval(const ProportionInterval& i)
{
    return QStringLiteral("%1 (%2–%3)").arg(percent(i.share), formatNumber(100 * i.low, 2), percent(i.high));
}

// The engine's two runs for the lab's controls as they are.
MomentumTrace expectedTrace(NoiseLab& lab)
{
    const ThreeMinimaLoss loss;
    const int start = lab.startBox()->currentData().toInt();
    const double w = loss.minima()[std::size_t(loss.minimumIndex(start == 0 ? "shallow" : "deep"))].w;
    return momentumTrace(loss, w, lab.batchSize(), NoiseLab::kSteps, lab.effectiveRate(), lab.momentum(),
                         std::uint64_t(lab.seedBox()->value()),
                         escapeRunStream(std::size_t(lab.batchSlider()->value()), std::size_t(start), 0,
                                         std::size_t(lab.runsBox()->value())));
}

// The step and weight charts hold exactly the engine's numbers.
void checkTrace(NoiseLab& lab)
{
    const MomentumTrace t = expectedTrace(lab);
    QXYSeries* plainSteps = seriesNamed(lab.stepChart(), QStringLiteral("plainSteps"));
    QXYSeries* momentumSteps = seriesNamed(lab.stepChart(), QStringLiteral("momentumSteps"));
    QXYSeries* plainPath = seriesNamed(lab.weightChart(), QStringLiteral("plainPath"));
    QXYSeries* momentumPath = seriesNamed(lab.weightChart(), QStringLiteral("momentumPath"));
    QVERIFY(plainSteps && momentumSteps && plainPath && momentumPath);
    const std::vector<double>* steps[2] = {&t.plainSteps, &t.momentumSteps};
    QXYSeries* stepSeries[2] = {plainSteps, momentumSteps};
    for (int k = 0; k < 2; ++k) {
        QCOMPARE(stepSeries[k]->count(), std::min<int>(int(steps[k]->size()), NoiseLab::kShownSteps));
        for (int i = 0; i < stepSeries[k]->count(); ++i) {
            QCOMPARE(stepSeries[k]->at(i).x(), double(i + 1));
            QCOMPARE(stepSeries[k]->at(i).y(), (*steps[k])[std::size_t(i)]);
        }
    }
    QCOMPARE(plainPath->count(), int(t.plainPath.size()));
    QCOMPARE(momentumPath->count(), int(t.momentumPath.size()));
    for (int i = 0; i < momentumPath->count(); i += 97) QCOMPARE(momentumPath->at(i).y(), t.momentumPath[std::size_t(i)]);
    QCOMPARE(plainPath->at(plainPath->count() - 1).y(), t.plainPath.back());
    // The legend names both settings: plain SGD's rate and momentum's α and β.
    QCOMPARE(plainSteps->name(), QStringLiteral("plain SGD, rate %1").arg(formatNumber(lab.effectiveRate())));
    QCOMPARE(momentumSteps->name(), QStringLiteral("momentum β = %1, rate %2")
                                        .arg(formatFixed(lab.momentum(), 2),
                                             formatNumber(momentumRate(lab.effectiveRate(), lab.momentum()))));
    // The readout's smoothness numbers are these runs'.
    QVERIFY2(lab.readout().contains(QStringLiteral("changed by %1 without momentum and by %2 with it")
                                        .arg(formatNumber(stepRoughness(t.plainSteps)), formatNumber(stepRoughness(t.momentumSteps)))),
             qPrintable(lab.readout()));
    QVERIFY(allFinite(lab.stepChart()));
    QVERIFY(allFinite(lab.weightChart()));
}

// The escape chart holds the measurement's shares and Wilson intervals, and the readout the
// chosen batch size's row.
void checkEscape(NoiseLab& lab, int runs)
{
    MomentumNoiseParams p = lab.measurementParams();
    p.runs = runs;
    const MomentumNoiseResult r = runMomentumNoise(p);
    const char* names[4] = {"plainShallow", "momentumShallow", "plainDeep", "momentumDeep"};
    for (int k = 0; k < 4; ++k) {
        const EscapeResult& e = k % 2 == 0 ? r.plain : r.withMomentum;
        QXYSeries* line = seriesNamed(lab.escapeChart(), QLatin1String(names[k]));
        QXYSeries* points = seriesNamed(lab.escapeChart(), QStringLiteral("%1Points").arg(QLatin1String(names[k])));
        QVERIFY(line && points);
        QCOMPARE(points->count(), int(NoiseLab::batchSizes().size()));
        for (int i = 0; i < points->count(); ++i) {
            const EscapeRow& row = e.rows[std::size_t(i)];
            const ProportionInterval& in = k >= 2 ? row.deepInterval : row.shallowInterval;
            QCOMPARE(points->at(i).y(), in.share);
            QCOMPARE(line->at(i).y(), in.share);
            QVERIFY(std::abs(points->at(i).x() / row.batchSize - 1) < 0.15);   // dodged about its batch size
            QXYSeries* bar = seriesNamed(lab.escapeChart(), QStringLiteral("%1Interval%2").arg(QLatin1String(names[k])).arg(i + 1));
            QVERIFY(bar);
            QCOMPARE(bar->count(), 6);
            double lo = INFINITY, hi = -INFINITY;
            for (const QPointF& q : bar->points()) {
                lo = std::min(lo, q.y());
                hi = std::max(hi, q.y());
            }
            QCOMPARE(lo, in.low);
            QCOMPARE(hi, in.high);
            QVERIFY(lo <= in.share && in.share <= hi);
        }
    }
    std::size_t b = 0;
    while (r.plain.rows[b].batchSize != lab.batchSize()) ++b;
    const QString expected = QStringLiteral("Measured at batch %1 over %2 runs each (95 % intervals): plain SGD left the shallow "
                                            "minimum in %3, momentum in %4; the deep one %5 and %6.")
                                 .arg(lab.batchSize())
                                 .arg(runs)
                                 .arg(shareWithInterval(r.plain.rows[b].shallowInterval),
                                      shareWithInterval(r.withMomentum.rows[b].shallowInterval),
                                      shareWithInterval(r.plain.rows[b].deepInterval),
                                      shareWithInterval(r.withMomentum.rows[b].deepInterval));
    QVERIFY2(lab.readout().contains(expected), qPrintable(lab.readout() + QStringLiteral("\nwanted: ") + expected));
    QCOMPARE(lab.escapeChart()->title(), QStringLiteral("Escapes, rate %1, β = %2").arg(formatNumber(lab.effectiveRate()), formatFixed(lab.momentum(), 2)));
    QVERIFY(allFinite(lab.escapeChart()));
}
} // namespace

class TestMomentumNoiseLab : public QObject {
    Q_OBJECT
private slots:
    void lessonListsTheLab()
    {
        const LessonDescriptor d = MomentumLesson().describe();
        bool found = false;
        for (const LabDescriptor& lab : d.labs)
            if (lab.id == QLatin1String("noise")) {
                found = true;
                QCOMPARE(lab.textFile, QStringLiteral("noise.md"));
                QFile text(QStringLiteral(":/lessons/momentum/noise.md"));
                QVERIFY(text.open(QIODevice::ReadOnly));
                QVERIFY(text.readAll().contains("effective rate"));
            }
        QVERIFY(found);
    }

    void opensWithBothRunsAndTheMeasurement()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        NoiseLab lab(ctx);
        lab.resize(1300, 900);
        lab.show();
        QVERIFY(settled(lab, ctx));
        QCOMPARE(lab.momentum(), 0.9);
        QCOMPARE(lab.effectiveRate(), 0.05);
        QCOMPARE(lab.batchSize(), 1);
        checkTrace(lab);
        checkEscape(lab, NoiseLab::kRuns);
        QVERIFY(lab.readout().contains(QStringLiteral("plain SGD at rate 0.05 against momentum β = 0.9 at α = 0.05 × (1 − β) = 0.005")));
        // The momentum steps are the smoother ones, by about (1 − β)/√(1 + β) (the text).
        const MomentumTrace t = expectedTrace(lab);
        QVERIFY(stepRoughness(t.momentumSteps) < 0.1 * stepRoughness(t.plainSteps));
    }

    void followsTheControls()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        NoiseLab lab(ctx);
        lab.resize(1300, 900);
        lab.show();
        QVERIFY(settled(lab, ctx));
        // β, batch size, start and seed: the runs and the measurement follow.
        lab.momentumSlider()->setValue(99);
        lab.batchSlider()->setValue(1);
        lab.startBox()->setCurrentIndex(1);
        lab.seedBox()->setValue(3);
        lab.runsBox()->setValue(100);
        QTest::qWait(20);
        QVERIFY(settled(lab, ctx));
        QCOMPARE(lab.momentum(), 0.99);
        QCOMPARE(lab.batchSize(), 2);
        checkTrace(lab);
        checkEscape(lab, 100);
        QVERIFY(lab.readout().contains(QStringLiteral("Batch 2 from the deep minimum, seed 3")));
        // The rate: plain SGD moves with it, momentum keeps α = rate × (1 − β).
        lab.rateSlider()->setValue(4);   // 0.1
        QTest::qWait(20);
        QVERIFY(settled(lab, ctx));
        QCOMPARE(lab.effectiveRate(), 0.1);
        checkTrace(lab);
        checkEscape(lab, 100);
        // A held slider measures with fewer runs and says so; letting go measures in full.
        lab.momentumSlider()->setSliderDown(true);
        lab.momentumSlider()->setValue(50);
        QTest::qWait(20);
        QVERIFY(settled(lab, ctx));
        checkEscape(lab, NoiseLab::kQuickRuns);
        QVERIFY(lab.readout().contains(QStringLiteral("quick measurement")));
        lab.momentumSlider()->setSliderDown(false);
        QTest::qWait(20);
        QVERIFY(settled(lab, ctx));
        checkEscape(lab, 100);
        QVERIFY(!lab.readout().contains(QStringLiteral("quick measurement")));
    }

    void divergingRateSaysSo()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        NoiseLab lab(ctx);
        lab.resize(1300, 900);
        lab.show();
        QVERIFY(settled(lab, ctx));
        lab.runsBox()->setValue(40);
        lab.rateSlider()->setValue(lab.rateSlider()->maximum());   // 100: above 2/0.04 = 50
        QTest::qWait(20);
        QVERIFY(settled(lab, ctx));
        QCOMPARE(lab.effectiveRate(), 100.0);
        const MomentumTrace t = expectedTrace(lab);
        QVERIFY(t.plain.diverged && !t.withMomentum.diverged);
        const QString readout = lab.readout();
        QVERIFY2(readout.contains(QStringLiteral("The plain SGD run diverged at step %1").arg(t.plain.steps + 1)), qPrintable(readout));
        QVERIFY2(readout.contains(QStringLiteral("Diverged (counted as leaving): %1 plain and 0 momentum runs")
                                      .arg(2 * 40 * int(NoiseLab::batchSizes().size()))),
                 qPrintable(readout));
        checkTrace(lab);   // the plain lines stop at the last finite point
        checkEscape(lab, 40);
        // β = 0.3 at 100: momentum diverges too (its bound, 50 (1 + β)/(1 − β) = 92.9, is below 100).
        lab.momentumSlider()->setValue(30);
        QTest::qWait(20);
        QVERIFY(settled(lab, ctx));
        QVERIFY(lab.readout().contains(QStringLiteral("The momentum run diverged at step")));
        checkTrace(lab);
        QVERIFY(allFinite(lab.escapeChart()));
    }

private:
    QThreadPool pool_;
};

QTEST_MAIN(TestMomentumNoiseLab)
#include "tst_momentum_noise.moc"
