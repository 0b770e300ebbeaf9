// The spurious-minima lesson's lab "Most critical points are saddles", driven as a learner
// would: the GOE chart's curves and measured points against the engine and the closed forms,
// the network's scatter against its critical points, and the readout's numbers.
#include <QtTest>

#include <QComboBox>
#include <QFile>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSpinBox>
#include <QThreadPool>

#include <cmath>

#include "engine/experiments/networkcritical.h"
#include "engine/experiments/randomhessians.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/spurious-minima/criticallab.h"
#include "lessons/spurious-minima/spuriousminimalesson.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {
bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
}

// The chart's GOE series against the engine's result for the lab's settings.
void checkGoe(CriticalLab& lab)
{
    Progress progress;
    const GoeResult goe = runGoe(lab.goeParams(), progress);
    QCOMPARE(int(goe.rows.size()), 12);
    FigureChart* chart = lab.goeChart();
    QXYSeries* coin = seriesNamed(chart, QStringLiteral("coinFlip"));
    QXYSeries* dean = seriesNamed(chart, QStringLiteral("deanMajumdar"));
    QXYSeries* measured = seriesNamed(chart, QStringLiteral("measured"));
    QXYSeries* bounds = seriesNamed(chart, QStringLiteral("upperBounds"));
    QVERIFY(coin && dean && measured && bounds);
    // 2^-d, exactly, at d = 1..12.
    QCOMPARE(coin->count(), 12);
    for (int d = 1; d <= 12; ++d) {
        QCOMPARE(coin->at(d - 1).x(), double(d));
        QCOMPARE(coin->at(d - 1).y(), std::ldexp(1.0, -d));
    }
    // exp(-(ln 3 / 4) d^2) = 3^(-d^2/4) from d = 1 to 12: 1/3 at d = 2, 3^-36 at d = 12.
    QVERIFY(dean->count() >= 12);
    QCOMPARE(dean->at(0).x(), 1.0);
    QCOMPARE(dean->at(dean->count() - 1).x(), 12.0);
    for (const QPointF& p : dean->points())
        QVERIFY(std::fabs(p.y() / std::pow(3.0, -p.x() * p.x() / 4) - 1) < 1e-12);
    // Twelve measurements: a point where some matrix was positive definite, an upper bound
    // where none was, and an interval bar each from the Wilson interval's ends.
    QCOMPARE(measured->count() + bounds->count(), 12);
    int m = 0, b = 0;
    for (const GoeRow& row : goe.rows) {
        const double d = row.dimension;
        if (row.positiveDefinite > 0) {
            QCOMPARE(measured->at(m).x(), d);
            QCOMPARE(measured->at(m).y(), row.share.share);
            ++m;
        } else {
            QCOMPARE(bounds->at(b).x(), d);
            QCOMPARE(bounds->at(b).y(), row.share.high);
            // With the lab's default 20,000 matrices a zero is significantly below 2^-d (the text).
            if (row.samples >= 20000) QVERIFY(row.share.high < row.coinFlip);
            ++b;
        }
        QXYSeries* bar = seriesNamed(chart, QStringLiteral("interval%1").arg(row.dimension));
        QVERIFY(bar);
        QCOMPARE(bar->count(), 6);
        double lo = INFINITY, hi = 0;
        for (const QPointF& p : bar->points()) {
            QVERIFY(std::fabs(p.x() - d) < 0.2);
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        QCOMPARE(hi, row.share.high);
        if (row.share.low > 0) QCOMPARE(lo, row.share.low);
        else QVERIFY(lo > 0 && lo <= 1e-17);   // down to the log axis's floor
    }
    QVERIFY(allFinite(chart));
}

// The scatter against the engine's critical points for the lab's settings; the readout's numbers.
void checkNetwork(CriticalLab& lab)
{
    Progress progress;
    const CriticalResult net = runCriticalPoints(lab.criticalParams(), progress);
    const QList<CriticalSpot> spots = criticalSpots(net);
    FigureChart* chart = lab.criticalChart();
    QXYSeries* minima = seriesNamed(chart, QStringLiteral("minima"));
    QXYSeries* saddles = seriesNamed(chart, QStringLiteral("saddles"));
    QVERIFY(minima && saddles);
    QCOMPARE(minima->count() + saddles->count(), int(spots.size()));
    QVERIFY(!spots.isEmpty());
    int total = 0;
    for (const CriticalSpot& s : spots) total += s.points;
    QCOMPARE(total, int(net.points.size()));
    for (QXYSeries* series : {minima, saddles})
        for (const QPointF& p : series->points()) {
            QVERIFY2(p.x() >= 0 && p.x() <= 1, qPrintable(QString::number(p.x())));
            QVERIFY(std::isfinite(p.y()) && p.y() >= 0);
            bool found = false;
            for (const CriticalPoint& c : net.points)
                found = found || (c.index.index == p.x() && std::fabs(c.loss - p.y()) <= 1e-9 * std::max(1.0, c.loss));
            QVERIFY(found);
        }
    for (const QPointF& p : minima->points()) QCOMPARE(p.x(), 0.0);
    for (const QPointF& p : saddles->points()) QVERIFY(p.x() > 0);
    // Every marker's tooltip names how many points it stands for and their ‖∇L‖.
    QCOMPARE(lab.spots().size(), spots.size());
    for (int i = 0; i < lab.spots().size(); ++i) {
        QCOMPARE(lab.spots()[i].points, spots[i].points);
        const QString tip = lab.spotText(i);
        QVERIFY2(tip.contains(QStringLiteral("‖∇L‖ ") + formatNumber(spots[i].largestGradientNorm, 3)), qPrintable(tip));
        QVERIFY(spots[i].largestGradientNorm <= 1e-8);
    }
    const QString readout = lab.readout();
    QVERIFY2(readout.contains(QStringLiteral("%1 of %2 starts").arg(net.critical).arg(net.starts)), qPrintable(readout));
    QVERIFY(readout.contains(QStringLiteral("%1 distinct points").arg(net.points.size())));
    QVERIFY(readout.contains(spots.size() == 1 ? QStringLiteral("drawn as one marker")
                                               : QStringLiteral("drawn as %1 markers").arg(spots.size())));
    QVERIFY(readout.contains(QStringLiteral("largest kept %1").arg(formatNumber(net.largestGradientNorm, 4))));
    if (std::isfinite(net.spearman))
        QVERIFY2(readout.contains(QStringLiteral("index and loss: %1.").arg(formatNumber(net.spearman, 2))), qPrintable(readout));
    else
        QVERIFY(readout.contains(QStringLiteral("Too few distinct points")));
    QVERIFY(allFinite(chart));
}
} // namespace

class TestSpuriousCritical : public QObject {
    Q_OBJECT
private slots:
    void lessonListsTheLab()
    {
        const LessonDescriptor d = SpuriousMinimaLesson().describe();
        bool found = false;
        for (const LabDescriptor& lab : d.labs)
            if (lab.id == QLatin1String("critical-points")) {
                found = true;
                QCOMPARE(lab.textFile, QStringLiteral("critical-points.md"));
                QFile text(QStringLiteral(":/lessons/spurious-minima/critical-points.md"));
                QVERIFY(text.open(QIODevice::ReadOnly));
                QVERIFY(text.readAll().contains("Dean & Majumdar (2006)"));
            }
        QVERIFY(found);
    }

    void opensWithMeasuredSeries()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        CriticalLab lab(ctx);
        lab.resize(1100, 900);
        lab.show();
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
        QVERIFY(settled(lab));
        QCOMPARE(lab.samplesBox()->value(), 20000);
        QCOMPARE(lab.startsBox()->value(), 300);
        QCOMPARE(lab.seedBox()->value(), 1);
        checkGoe(lab);
        checkNetwork(lab);
        // The GOE part of the readout: d = 2 against its closed form, the first size with no hit.
        Progress progress;
        const GoeResult goe = runGoe(lab.goeParams(), progress);
        const GoeRow& two = goe.rows[1];
        const QString readout = lab.readout();
        QVERIFY2(readout.contains(QStringLiteral("At d = 2, %1 of %2 random matrices").arg(two.positiveDefinite).arg(two.samples)),
                 qPrintable(readout));
        QVERIFY(readout.contains(QStringLiteral("(%1, 95 %: %2 to %3;")
                                     .arg(formatNumber(two.share.share), formatNumber(two.share.low), formatNumber(two.share.high))));
        QVERIFY(readout.contains(QStringLiteral("From d = 6 none of 20000 was: the share is below %1 there")
                                     .arg(formatNumber(goe.rows[5].share.high, 2))));
        // Seed 1 on XOR: a rank correlation the text's range holds (0.6 to 0.8).
        QVERIFY(lab.lastRun().network.spearman > 0.6 && lab.lastRun().network.spearman < 0.8);
    }

    void otherSettings()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        CriticalLab lab(ctx);
        lab.resize(1100, 900);
        lab.show();
        QVERIFY(settled(lab));
        lab.datasetBox()->setCurrentIndex(1);
        lab.seedBox()->setValue(3);
        lab.startsBox()->setValue(100);
        lab.samplesBox()->setValue(5000);
        QTest::qWait(20);
        QVERIFY(settled(lab));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
        QCOMPARE(lab.criticalParams().dataset, std::string("moons"));
        QCOMPARE(lab.goeParams().samples, 5000);
        QVERIFY(lab.criticalChart()->title().contains(QStringLiteral("moons")));
        checkGoe(lab);
        checkNetwork(lab);
        // The extremes of the controls.
        lab.samplesBox()->setValue(lab.samplesBox()->minimum());
        lab.startsBox()->setValue(lab.startsBox()->minimum());
        lab.seedBox()->setValue(lab.seedBox()->maximum());
        QTest::qWait(20);
        QVERIFY(settled(lab));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
        checkGoe(lab);
        checkNetwork(lab);
    }

private:
    QThreadPool pool_;
};

QTEST_MAIN(TestSpuriousCritical)
#include "tst_spurious_critical.moc"
