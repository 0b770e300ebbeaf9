// Lesson 6, lab 1, "From the start to the solution": the lab driven as a learner would, and
// what it shows checked against the engine (engine/experiments/spuriousline.h).
#include <QtTest>

#include <QComboBox>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>
#include <QValueAxis>

#include <cmath>
#include <memory>

#include "engine/experiments/spuriousline.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/spurious-minima/digits.h"
#include "lessons/spurious-minima/interpolationlab.h"
#include "lessons/spurious-minima/spuriousminimalesson.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

// Waits until the lab has shown the line and the slice for its latest controls.
bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
}

// The bump counts the readout states (plain text), training first: "no bump" is 0, "N bump(s)" is N.
QList<int> bumpsInReadout(const QString& text)
{
    QList<int> counts;
    static const QRegularExpression phrase(QStringLiteral("(no|\\d+) bumps?\\b"));
    for (auto it = phrase.globalMatch(text); it.hasNext();) {
        const QString n = it.next().captured(1);
        counts.append(n == QLatin1String("no") ? 0 : n.toInt());
    }
    return counts;
}

} // namespace

class TestSpuriousInterpolation : public QObject {
    Q_OBJECT
    QThreadPool pool_;

private slots:
    void theDigitsShip()
    {
        const DigitsData& d = digitsData();
        QVERIFY2(d.ok, qPrintable(d.error));
        QCOMPARE(d.data.inputs.cols(), Eigen::Index(1797));
        QCOMPARE(d.data.classCount, 10);
        QCOMPARE(d.data.inputs.maxCoeff(), 1.0);
        // The first image of the file: the UCI test set's first row, pixel 3 is 5 and pixel 4 is 13.
        QCOMPARE(d.data.inputs(2, 0), 5.0 / 16);
        QCOMPARE(d.data.inputs(3, 0), 13.0 / 16);
        QCOMPARE(d.data.targets(0, 0), 0.0);
    }

    void aBrokenFileIsAMessage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("digits.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x1,x2,y\n1,2,0\n3,4,1\n");   // two pixels, two classes
        f.close();
        const DigitsData d = readDigits(path);
        QVERIFY(!d.ok);
        QVERIFY2(d.error.contains(QStringLiteral("64 pixel columns")), qPrintable(d.error));
        const DigitsData missing = readDigits(dir.filePath(QStringLiteral("none.csv")));
        QVERIFY(!missing.ok);
        QVERIFY(!missing.error.isEmpty());
    }

    void pageHasTheLabAndItsText()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        SpuriousMinimaLesson lesson;
        std::unique_ptr<QWidget> widget(lesson.createPage(ctx, nullptr));
        auto* page = qobject_cast<LessonPage*>(widget.get());
        QVERIFY(page);
        QVERIFY(page->labCount() >= 1);
        QCOMPARE(page->tabs()->tabText(0), QStringLiteral("From the start to the solution"));
        const QString text = page->labText(0)->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("without a bump on all 10 lines")));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    }

    void showsTheLineAndTheSlice()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        InterpolationLab lab(ctx);
        lab.resize(1200, 900);
        lab.show();
        QVERIFY(settled(lab));
        const StartToSolutionResult* line = lab.line();
        QVERIFY(line);
        QCOMPARE(line->parameterCount, 2410);   // 64-32-10, the text's "2,410 parameters"
        // The settings the lab opens with are the ones the text's measured claim is for
        // (tst_spuriousline measuredClaimOnTheDigits runs StartToSolutionParams' defaults).
        const StartToSolutionParams opened = lab.lineParams(), measured;
        QCOMPARE(opened.width, measured.width);
        QCOMPARE(opened.depth, measured.depth);
        QCOMPARE(int(opened.activation), int(measured.activation));
        QCOMPARE(opened.epochs, measured.epochs);
        QCOMPARE(opened.batchSize, measured.batchSize);
        QCOMPARE(opened.learningRate, measured.learningRate);
        QCOMPARE(opened.testFraction, measured.testFraction);
        QCOMPARE(opened.seed, std::uint64_t(1));
        // "four fifths to train on": 1,438 of the 1,797 images.
        QCOMPARE(line->trainX.cols(), Eigen::Index(1438));
        // "a grid you can make finer up to 101 x 101"
        QCOMPARE(lab.sliceSize()->maximum(), 101);
        // The square grid reads "31 × 31", and follows the value.
        QCOMPARE(lab.sliceSize()->text(), QStringLiteral("31 × 31"));

        // Two line series over alpha from -0.5 to 1.5, the engine's values point for point.
        QXYSeries* train = seriesNamed(lab.lineChart(), QStringLiteral("trainLoss"));
        QXYSeries* test = seriesNamed(lab.lineChart(), QStringLiteral("testLoss"));
        QVERIFY(train && test);
        QCOMPARE(train->count(), int(line->alphas.size()));
        QCOMPARE(test->count(), int(line->alphas.size()));
        QCOMPARE(train->at(0).x(), -0.5);
        QCOMPARE(train->at(train->count() - 1).x(), 1.5);
        QCOMPARE(test->at(0).x(), -0.5);
        QCOMPARE(test->at(test->count() - 1).x(), 1.5);
        for (int i = 0; i < train->count(); ++i) {
            QCOMPARE(train->at(i).y(), line->trainLosses[std::size_t(i)]);
            QCOMPARE(test->at(i).y(), line->testLosses[std::size_t(i)]);
        }
        QVERIFY(allFinite(lab.lineChart()));
        // The axis shows the whole line.
        auto* alphaAxis = qobject_cast<QValueAxis*>(lab.lineChart()->chart()->axes(Qt::Horizontal).first());
        QVERIFY(alphaAxis->min() <= -0.5 && alphaAxis->max() >= 1.5);

        // alpha = 0 and alpha = 1 marked: a vertical at each, and the ends on both curves.
        QXYSeries* zero = seriesNamed(lab.lineChart(), QStringLiteral("alphaZero"));
        QXYSeries* one = seriesNamed(lab.lineChart(), QStringLiteral("alphaOne"));
        QVERIFY(zero && one);
        QCOMPARE(zero->count(), 2);
        QCOMPARE(zero->at(0).x(), 0.0);
        QCOMPARE(zero->at(1).x(), 0.0);
        QCOMPARE(one->at(0).x(), 1.0);
        QCOMPARE(one->at(1).x(), 1.0);
        QXYSeries* ends = seriesNamed(lab.lineChart(), QStringLiteral("ends"));
        QVERIFY(ends);
        QCOMPARE(ends->count(), 4);
        QVERIFY(ends->points().contains(QPointF(0, line->initTrainLoss)));
        QVERIFY(ends->points().contains(QPointF(1, line->finalTrainLoss)));

        // The readout's bump counts are the engine's.
        const QList<int> bumps = bumpsInReadout(lab.readout());
        QCOMPARE(bumps.size(), 2);
        QCOMPARE(bumps[0], line->trainBumps);
        QCOMPARE(bumps[1], line->testBumps);
        QCOMPARE(line->trainBumps, 0);

        // The slice: finite values on the whole grid, theta_final marked at the centre.
        const SliceResult* slice = lab.slice();
        QVERIFY(slice);
        QCOMPARE(slice->losses.rows(), Eigen::Index(31));
        QCOMPARE(int(lab.heatValues().size()), 31 * 31);
        for (double v : lab.heatValues()) QVERIFY(std::isfinite(v));
        QVERIFY(!lab.heatMap()->image().isNull());
        QCOMPARE(lab.heatMap()->image().width(), 31);
        QXYSeries* solution = seriesNamed(lab.sliceChart(), QStringLiteral("solution"));
        QVERIFY(solution);
        QCOMPARE(solution->count(), 1);
        QCOMPARE(solution->at(0), QPointF(0, 0));
        // The slice's centre is the solution: its loss is the line's at alpha = 1.
        QVERIFY(std::abs(slice->centreLoss - line->finalTrainLoss) < 1e-9);
        // In a random plane the start's projection is a small part of the way to it, and the
        // readout says how small.
        QVERIFY(slice->inPlaneShare < 0.2);
        QVERIFY2(lab.readout().contains(QStringLiteral("almost entirely outside this plane")), qPrintable(lab.readout()));
        // The share the readout gives is the engine's, to a tenth of a per cent.
        QVERIFY2(lab.readout().contains(QStringLiteral("only %1").arg(QString::number(100 * slice->inPlaneShare, 'f', 1))),
                 qPrintable(lab.readout()));
        // Whether the solution is the slice's lowest point is said as measured.
        const bool lowest = slice->minLoss >= slice->centreLoss;
        QCOMPARE(lab.readout().contains(QStringLiteral("is the lowest point of the slice")), lowest);
        QVERIFY(allFinite(lab.sliceChart()));
    }

    void planeThroughTheLineHoldsTheStart()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        InterpolationLab lab(ctx);
        lab.resize(1200, 900);
        lab.show();
        lab.sliceSize()->setValue(11);   // a quick slice: this test is about the rest
        QVERIFY(settled(lab));
        lab.sliceSize()->setValue(21);
        QCOMPARE(lab.sliceSize()->text(), QStringLiteral("21 × 21"));
        QVERIFY(settled(lab));
        lab.sliceDirections()->setCurrentIndex(lab.sliceDirections()->findData(int(SliceDirections::ThroughLine)));
        QVERIFY(settled(lab));
        const SliceResult* slice = lab.slice();
        QVERIFY(slice);
        QCOMPARE(slice->losses.rows(), Eigen::Index(21));
        QXYSeries* start = seriesNamed(lab.sliceChart(), QStringLiteral("start"));
        QVERIFY(start);
        QCOMPARE(start->count(), 1);
        QVERIFY(std::abs(start->at(0).x() - 1.0) < 1e-12);
        QVERIFY(std::abs(start->at(0).y()) < 1e-12);
        // The projected line runs along b = 0 over the whole square (alpha = -0.5 at a = 1.5).
        QXYSeries* projected = seriesNamed(lab.sliceChart(), QStringLiteral("projectedLine"));
        QVERIFY(projected);
        QCOMPARE(projected->count(), 2);
        QVERIFY(std::abs(projected->at(0).x() + 0.5 * 1.0) < 1e-9 || std::abs(projected->at(0).x() + 1.5) < 1e-9);
        QVERIFY(std::abs(std::abs(projected->at(0).x() - projected->at(1).x()) - 2.0) < 1e-9);
        for (double v : lab.heatValues()) QVERIFY(std::isfinite(v));
        QVERIFY(lab.readout().contains(QStringLiteral("holds the start at (1, 0)")));
        if (lab.line()->lowestTrainAlpha > 1)
            QVERIFY2(lab.readout().contains(QStringLiteral("(α = %1)").arg(QString::number(lab.line()->lowestTrainAlpha, 'f', 2))),
                     qPrintable(lab.readout()));
    }

    void seedChangesTheResult()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        InterpolationLab lab(ctx);
        lab.resize(1200, 900);
        lab.show();
        lab.sliceSize()->setValue(11);   // a quick slice: this test is about the rest
        QVERIFY(settled(lab));
        const double first = lab.line()->initTrainLoss;
        const QList<QPointF> before = seriesNamed(lab.lineChart(), QStringLiteral("trainLoss"))->points();
        const std::vector<double> heatBefore = lab.heatValues();
        lab.seed()->setValue(2);
        QVERIFY(settled(lab));
        QVERIFY(lab.line()->initTrainLoss != first);
        QVERIFY(seriesNamed(lab.lineChart(), QStringLiteral("trainLoss"))->points() != before);
        QVERIFY(lab.heatValues() != heatBefore);
        QCOMPARE(bumpsInReadout(lab.readout()).value(0, -1), lab.line()->trainBumps);
    }

    // No control makes the training diverge (Adam's steps are bounded by its rate); the widest,
    // deepest and longest settings give finite figures with a readout, never NaN.
    void extremeSettingsStayFinite()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        InterpolationLab lab(ctx);
        lab.resize(1200, 900);
        lab.show();
        lab.sliceSize()->setValue(11);   // a quick slice: this test is about the rest
        QVERIFY(settled(lab));
        lab.sliceSize()->setValue(lab.sliceSize()->minimum());
        lab.width()->setValue(lab.width()->minimum());
        lab.epochs()->setValue(lab.epochs()->minimum());
        lab.activation()->setCurrentIndex(2);   // sigmoid
        QVERIFY(settled(lab));
        QVERIFY(lab.line());
        QVERIFY(allFinite(lab.lineChart()));
        QVERIFY(allFinite(lab.sliceChart()));
        for (double v : lab.heatValues()) QVERIFY(std::isfinite(v));
        QCOMPARE(bumpsInReadout(lab.readout()).size(), 2);
        lab.depth()->setValue(lab.depth()->maximum());
        lab.width()->setValue(lab.width()->maximum());
        QVERIFY(settled(lab));
        QVERIFY(lab.line());
        QCOMPARE(lab.line()->parameterCount, 64 * 64 + 64 + 2 * (64 * 64 + 64) + 64 * 10 + 10);
        QVERIFY(allFinite(lab.lineChart()));
        for (double v : lab.heatValues()) QVERIFY(std::isfinite(v));
    }
};

QTEST_MAIN(TestSpuriousInterpolation)
#include "tst_spurious_interpolation.moc"
