// The convexity lesson: its labs driven as a learner would, the claims its texts make checked
// against values worked out by hand, and its exercises against the answer checker.
#include <QtTest>

#include <QApplication>
#include <QChart>
#include <QCategoryAxis>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QThreadPool>

#include <cmath>

#include "engine/experiments/contraction.h"
#include "engine/experiments/convexity.h"
#include "engine/surfaces/analytic.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/exercises/exercisedraw.h"
#include "lessons/common/exercises/exerciseformat.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/convexity/bowllab.h"
#include "lessons/common/charts/chartdrag.h"
#include "lessons/convexity/chordlab.h"
#include "lessons/convexity/convexitylesson.h"
#include "lessons/convexity/twinlab.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

// max_i |1 - lr lambda_i|, written out here rather than taken from the engine.
double handContraction(double l1, double l2, double lr)
{
    return std::max(std::fabs(1 - lr * l1), std::fabs(1 - lr * l2));
}

// Waits for the lab's debounced recomputation and its job to finish.
bool settled(Lab& lab, LessonContext& ctx)
{
    return QTest::qWaitFor([&] { return !lab.isBusy() && ctx.pendingWork() == 0; }, test::waitMs(20000));
}

void selectFunction(ChordLab& lab, const QString& key)
{
    lab.functionBox()->setCurrentIndex(lab.functionBox()->findData(key));
}

void typeFunction(ChordLab& lab, const QString& text)
{
    selectFunction(lab, QStringLiteral("typed"));
    lab.typedEdit()->clear();
    QTest::keyClicks(lab.typedEdit(), text);
    QTest::keyClick(lab.typedEdit(), Qt::Key_Return);
}

} // namespace

class TestConvexity : public QObject {
    Q_OBJECT
private slots:
    // Engine: the measured contraction and the thresholds.
    void thresholdsByHand();
    void measuredContractionMatchesFormula_data();
    void measuredContractionMatchesFormula();
    void contractionIgnoresRotation();

    // Lab 1.
    void verdicts_data();
    void verdicts();
    void saddleCounterexample();
    void himmelblauChordBetweenMinima();
    void typedFunctions_data();
    void typedFunctions();
    void unreadableTypedFunction();
    void typedFunctionUndefined();
    void chordReadout();
    void dragMovesPoint();
    void pointsAtTheirExtremes();
    void typedFunctionReadAfterPause();
    void typedMapHasEqualUnits();
    void badFunctionClearsTheFigure();
    void contoursInThePalettesInk();

    // Lab 2.
    void bowlContractionAtRates_data();
    void bowlContractionAtRates();
    void bowlSweepOnTheory();
    void bowlDiverges();
    void bowlEdgeOfDivergence();
    void roundBowlOneStep();
    void bowlExtremes();
    void dragStart();
    void bowlKeyAndAxes();

    // Lab 3.
    void twinBarrier_data();
    void twinBarrier();
    void twinSameNeuronRefused();
    void twinKeyIsComplete();

    // Exercises and the page.
    void exercisesLoadAndAccept();
    void exerciseMistakes();
    void pageHasThreeLabs();

private:
    QThreadPool pool_;
};

void TestConvexity::thresholdsByHand()
{
    const LearningRateThresholds t = learningRateThresholds(1, 10);
    QCOMPARE(t.exact1, 1.0);
    QCOMPARE(t.exact2, 0.1);
    QVERIFY(std::fabs(t.best - 2.0 / 11) < 1e-15);
    QCOMPARE(t.divergence, 0.2);
    QVERIFY(std::fabs(t.bestContraction - 9.0 / 11) < 1e-15);   // the text's κ = 10 example
    // The text's narrow bowl: λ = 1 and 50, best 2/51, factor 49/51.
    const LearningRateThresholds n = learningRateThresholds(1, 50);
    QVERIFY(std::fabs(n.best - 2.0 / 51) < 1e-15);
    QVERIFY(std::fabs(n.bestContraction - 49.0 / 51) < 1e-15);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, learningRateThresholds(0, 1));
}

void TestConvexity::measuredContractionMatchesFormula_data()
{
    QTest::addColumn<double>("l1");
    QTest::addColumn<double>("l2");
    QTest::addColumn<double>("lr");
    QTest::newRow("small rate: shallow axis decides") << 1.0 << 10.0 << 0.05;
    QTest::newRow("1/lambda2: steep axis exact") << 1.0 << 10.0 << 0.1;
    QTest::newRow("best rate") << 1.0 << 10.0 << 2.0 / 11;
    QTest::newRow("between best and bound") << 1.0 << 10.0 << 0.19;
    QTest::newRow("above 2/lmax: grows") << 1.0 << 10.0 << 0.25;
    QTest::newRow("round bowl") << 3.0 << 3.0 << 0.2;
    QTest::newRow("round bowl, exact step") << 2.0 << 2.0 << 0.5;
    QTest::newRow("narrow bowl") << 0.1 << 50.0 << 0.03;
}

void TestConvexity::measuredContractionMatchesFormula()
{
    QFETCH(double, l1);
    QFETCH(double, l2);
    QFETCH(double, lr);
    const QuadraticBowl bowl(l1, l2, 0.4);
    const double measured = measuredContraction(bowl, lr);
    QVERIFY2(std::fabs(measured - handContraction(l1, l2, lr)) < 1e-6,
             qPrintable(QStringLiteral("measured %1, formula %2").arg(measured, 0, 'g', 17).arg(handContraction(l1, l2, lr), 0, 'g', 17)));
}

void TestConvexity::contractionIgnoresRotation()
{
    for (double lr : {0.05, 0.15, 0.19})
        QVERIFY(std::fabs(measuredContraction(QuadraticBowl(1, 10, 0.0), lr) - measuredContraction(QuadraticBowl(1, 10, 1.2), lr))
                < 1e-9);
}

void TestConvexity::verdicts_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("convex");
    QTest::newRow("x^2") << "x2" << true;
    QTest::newRow("|x|") << "abs" << true;
    QTest::newRow("e^x") << "exp" << true;
    QTest::newRow("max(0, x)") << "relu" << true;
    QTest::newRow("sin x") << "sin" << false;
    QTest::newRow("x^4 - x^2") << "quartic" << false;
    QTest::newRow("x^2 - y^2") << "saddle" << false;
    QTest::newRow("bowl") << "bowl" << true;
    QTest::newRow("Himmelblau") << "himmelblau" << false;
}

void TestConvexity::verdicts()
{
    QFETCH(QString, key);
    QFETCH(bool, convex);
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    selectFunction(lab, key);
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0 && lab.hasVerdict(), test::waitMs(20000));
    const QString text = lab.verdictLabel()->text();
    QCOMPARE(text.contains(QStringLiteral("Not convex")), !convex);
    QCOMPARE(text.contains(QStringLiteral("<b>Convex</b>")), convex);
    QCOMPARE(lab.counterexampleButton()->isEnabled(), !convex);
    QVERIFY(allFinite(lab.chart()));
    QVERIFY(allFinite(lab.sliceChart()));
    if (!convex) {
        // The counterexample really is one: check it against the formula, not the engine.
        const ConvexityVerdict& v = lab.verdict();
        QVERIFY(v.hasChord);
        const auto& f = lab.current().f;
        const Eigen::VectorXd a = v.chordA, b = v.chordB, m = 0.5 * (a + b);
        auto at = [&](const Eigen::VectorXd& p) { return f(p(0), p.size() > 1 ? p(1) : 0.0); };
        QVERIFY(at(m) > 0.5 * (at(a) + at(b)));
    }
}

void TestConvexity::saddleCounterexample()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    selectFunction(lab, QStringLiteral("saddle"));
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0 && lab.hasVerdict(), test::waitMs(20000));
    QVERIFY(lab.verdictLabel()->text().contains(QStringLiteral("Not convex")));
    // The Hessian of x² − y² is diag(2, −2) everywhere.
    QVERIFY(lab.verdict().hasNegativeCurvature);
    QVERIFY(std::fabs(lab.verdict().eigenvalue + 2) < 1e-12);
    QVERIFY(lab.verdictLabel()->text().contains(QStringLiteral("\u22122")));
    QTest::mouseClick(lab.counterexampleButton(), Qt::LeftButton);
    const Eigen::VectorXd& a = lab.verdict().chordA;
    QVERIFY(std::fabs(lab.pointSpin(0, 0)->value() - a(0)) <= 0.005);
    QVERIFY(std::fabs(lab.pointSpin(0, 1)->value() - a(1)) <= 0.005);
    // A and B (rounded to the spin boxes' 0.01) still give a chord below the surface: by
    // hand, f(mid) − chord(mid) = ((ay − by)² − (ax − bx)²)/4 for f = x² − y².
    const double ax = lab.pointSpin(0, 0)->value(), ay = lab.pointSpin(0, 1)->value();
    const double bx = lab.pointSpin(1, 0)->value(), by = lab.pointSpin(1, 1)->value();
    QVERIFY((ay - by) * (ay - by) > (ax - bx) * (ax - bx));
    QVERIFY(lab.chordReadout()->text().contains(QStringLiteral("rises above")));
    QXYSeries* worst = seriesNamed(lab.sliceChart(), QStringLiteral("sliceWorst"));
    QVERIFY(worst && worst->count() == 1);
    QVERIFY(allFinite(lab.sliceChart()));
}

void TestConvexity::himmelblauChordBetweenMinima()
{
    // The text: a chord from one of Himmelblau's minima to another passes under the ridge.
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    selectFunction(lab, QStringLiteral("himmelblau"));
    lab.setChord(QPointF(3, 2), QPointF(-2.805118, 3.131312));
    QVERIFY(lab.chordReadout()->text().contains(QStringLiteral("rises above")));
    const Himmelblau h;
    QVERIFY(h.value(Point2(0.5 * (3 - 2.805118), 0.5 * (2 + 3.131312))) > 1.0);
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(20000));
}

void TestConvexity::typedFunctions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("dimension");
    QTest::addColumn<bool>("convex");
    QTest::newRow("x^4 - 3x^2 + y^2") << "x^4 - 3x^2 + y^2" << 2 << false;
    QTest::newRow("abs(x) + y^2") << "abs(x) + y^2" << 2 << true;
    QTest::newRow("sqrt(x^2 + 1)") << "sqrt(x^2 + 1)" << 1 << true;
    QTest::newRow("-x^2") << "-x^2" << 1 << false;
    QTest::newRow("log(x): undefined for x <= 0") << "log(x)" << 1 << false;
    QTest::newRow("constant") << "3" << 1 << true;
    QTest::newRow("x y") << "x y" << 2 << false;
}

void TestConvexity::typedFunctions()
{
    QFETCH(QString, text);
    QFETCH(int, dimension);
    QFETCH(bool, convex);
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    typeFunction(lab, text);
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0 && lab.hasVerdict(), test::waitMs(20000));
    QCOMPARE(lab.current().dimension, dimension);
    QVERIFY(lab.readingLabel()->text().startsWith(QStringLiteral("Read as")));
    QCOMPARE(lab.verdict().convex, convex);
    QCOMPARE(lab.sliceChart()->isVisibleTo(&lab), dimension == 2);
    QVERIFY(allFinite(lab.chart()));
    QVERIFY(allFinite(lab.sliceChart()));
}

void TestConvexity::unreadableTypedFunction()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(20000));
    typeFunction(lab, QStringLiteral("sin(x"));
    QVERIFY(lab.readingLabel()->text().startsWith(QStringLiteral("Could not read")));
    QVERIFY(!lab.hasVerdict());
    QVERIFY(!lab.counterexampleButton()->isEnabled());
    typeFunction(lab, QString());
    QVERIFY(lab.readingLabel()->text().startsWith(QStringLiteral("Could not read")));
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(20000));
}

void TestConvexity::typedFunctionUndefined()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    // Nowhere defined: no verdict, a clear state, no NaN anywhere.
    typeFunction(lab, QStringLiteral("sqrt(-1 - x^2)"));
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(20000));
    QVERIFY(!lab.hasVerdict());
    QVERIFY(lab.verdictLabel()->text().contains(QStringLiteral("not defined anywhere")));
    QVERIFY(allFinite(lab.chart()));
    QCOMPARE(seriesNamed(lab.chart(), QStringLiteral("curve"))->count(), 0);
    typeFunction(lab, QStringLiteral("sqrt(-1 - x^2 - y^2)"));
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(20000));
    QVERIFY(lab.verdictLabel()->text().contains(QStringLiteral("not defined anywhere")));
    QVERIFY(allFinite(lab.chart()) && allFinite(lab.sliceChart()));
    // Defined on half the box: -sqrt(x) is convex where it is defined, and the verdict says where.
    typeFunction(lab, QStringLiteral("-sqrt(x)"));
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0 && lab.hasVerdict(), test::waitMs(20000));
    QVERIFY(lab.verdict().convex);
    QVERIFY(lab.verdictLabel()->text().contains(QStringLiteral("undefined on part of the box")));
    QVERIFY(allFinite(lab.chart()));
}

void TestConvexity::chordReadout()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    selectFunction(lab, QStringLiteral("x2"));
    lab.setChord(QPointF(-2, 0), QPointF(1, 0));
    QVERIFY(lab.chordReadout()->text().contains(QStringLiteral("on or above")));
    // The chord from (−2, 4) to (1, 1) is drawn; its midpoint −0.5 is at 2.5, the graph at 0.25.
    QXYSeries* chord = seriesNamed(lab.chart(), QStringLiteral("chord"));
    QCOMPARE(chord->count(), 2);
    QCOMPARE(chord->at(0), QPointF(-2, 4));
    QCOMPARE(chord->at(1), QPointF(1, 1));
    QXYSeries* mids = seriesNamed(lab.chart(), QStringLiteral("midpoints"));
    QCOMPARE(mids->count(), 2);
    QCOMPARE(mids->at(0), QPointF(-0.5, 0.25));
    QCOMPARE(mids->at(1), QPointF(-0.5, 2.5));
    // sin x between −1.5 and 1.5... a hump: from 0.2 to 2.9 the graph is above the chord.
    selectFunction(lab, QStringLiteral("sin"));
    lab.setChord(QPointF(0.2, 0), QPointF(2.9, 0));
    QVERIFY(lab.chordReadout()->text().contains(QStringLiteral("rises above")));
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(20000));
}

void TestConvexity::dragMovesPoint()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    lab.resize(1000, 800);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    selectFunction(lab, QStringLiteral("saddle"));
    lab.setChord(QPointF(-1, -1), QPointF(1, 1));
    QApplication::processEvents();
    ChartDrag* drag = lab.drag();
    QWidget* viewport = lab.chart()->viewport();
    const QPoint from = drag->positionOf(QPointF(-1, -1));
    const QPoint to = drag->positionOf(QPointF(0.5, -1.5));
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QCOMPARE(drag->activeHandle(), 0);
    QMouseEvent move(QEvent::MouseMove, to, viewport->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
    QVERIFY(std::fabs(lab.pointSpin(0, 0)->value() - 0.5) < 0.03);
    QVERIFY(std::fabs(lab.pointSpin(0, 1)->value() + 1.5) < 0.03);
    // B did not move.
    QCOMPARE(lab.pointSpin(1, 0)->value(), 1.0);
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(20000));
}

void TestConvexity::pointsAtTheirExtremes()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    for (const char* key : {"exp", "himmelblau", "saddle"}) {
        selectFunction(lab, QString::fromLatin1(key));
        for (int p = 0; p < 2; ++p)
            for (int c = 0; c < 2; ++c) {
                QDoubleSpinBox* s = lab.pointSpin(p, c);
                s->setValue(p == 0 ? s->minimum() : s->maximum());
            }
        QVERIFY(allFinite(lab.chart()));
        QVERIFY(allFinite(lab.sliceChart()));
        // A = B: a chord of length zero.
        lab.setChord(QPointF(0.5, 0.5), QPointF(0.5, 0.5));
        QVERIFY(allFinite(lab.chart()));
        QVERIFY(allFinite(lab.sliceChart()));
        QVERIFY(lab.chordReadout()->text().contains(QStringLiteral("on or above")));
    }
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(20000));
}


void TestConvexity::typedFunctionReadAfterPause()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    selectFunction(lab, QStringLiteral("typed"));
    lab.typedEdit()->clear();
    QTest::keyClicks(lab.typedEdit(), QStringLiteral("x^4 - 3*x^2 + y^2"));   // no Enter
    QVERIFY(settled(lab, ctx));
    QVERIFY(lab.hasVerdict());
    QCOMPARE(lab.current().dimension, 2);
    QCOMPARE(lab.current().source, QStringLiteral("x^4 - 3*x^2 + y^2"));
    // Typeset for display: superscripts, a true minus, no caret.
    QVERIFY2(lab.current().label.contains(QStringLiteral("x⁴")), qPrintable(lab.current().label));
    QVERIFY(lab.current().label.contains(QStringLiteral("y²")));
    QVERIFY(lab.current().label.contains(QChar(0x2212)));
    QVERIFY(!lab.current().label.contains(QLatin1Char('^')));
    QVERIFY(lab.chart()->title().contains(QStringLiteral("x⁴")));
    QVERIFY(lab.readingLabel()->text().contains(QStringLiteral("x⁴")));
    QCOMPARE(typesetFunction(QStringLiteral("x^(-1) + 2^x - pi")), QStringLiteral("x⁻¹ + 2ˣ − π"));
    QCOMPARE(typesetFunction(QStringLiteral("x^(y+1)")), QStringLiteral("x^(y+1)"));   // no superscript "+": left as typed
}

void TestConvexity::typedMapHasEqualUnits()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    lab.resize(1300, 650);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    typeFunction(lab, QStringLiteral("x^4 - 3x^2 + y^2"));
    QVERIFY(settled(lab, ctx));
    QChart* c = lab.chart()->chart();
    auto unitsEqual = [&] {
        const QRectF plot = c->plotArea();
        auto* x = qobject_cast<QValueAxis*>(c->axes(Qt::Horizontal).at(0));
        auto* y = qobject_cast<QValueAxis*>(c->axes(Qt::Vertical).at(0));
        const double ux = (x->max() - x->min()) / plot.width(), uy = (y->max() - y->min()) / plot.height();
        // The whole box [−3, 3]² is on show.
        return std::fabs(ux - uy) < 0.03 * ux && x->min() <= -3 && x->max() >= 3 && y->min() <= -3 && y->max() >= 3;
    };
    QTRY_VERIFY_WITH_TIMEOUT(unitsEqual(), test::waitMs(5000));
    lab.resize(900, 800);   // another shape: still equal units
    QTRY_VERIFY_WITH_TIMEOUT(unitsEqual(), test::waitMs(5000));
}

void TestConvexity::badFunctionClearsTheFigure()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    typeFunction(lab, QStringLiteral("x^2 + y^2"));
    QVERIFY(settled(lab, ctx));
    QVERIFY(lab.hasVerdict());
    QVERIFY(seriesNamed(lab.chart(), QStringLiteral("contour")));
    typeFunction(lab, QStringLiteral("x^2 + z"));
    QVERIFY(settled(lab, ctx));
    QVERIFY(!lab.hasFunction());
    QVERIFY(!lab.hasVerdict());
    // No old figure under the new text.
    for (QAbstractSeries* s : lab.chart()->chart()->series()) QCOMPARE(qobject_cast<QXYSeries*>(s)->count(), 0);
    for (QAbstractSeries* s : lab.sliceChart()->chart()->series()) QCOMPARE(qobject_cast<QXYSeries*>(s)->count(), 0);
    // The contour lines are gone (their series are kept, empty, for the next map).
    for (QAbstractSeries* s : lab.chart()->chart()->series())
        if (s->objectName() == QLatin1String("contour")) QCOMPARE(qobject_cast<QXYSeries*>(s)->count(), 0);
    QCOMPARE(lab.chart()->title(), QStringLiteral("No function to show"));
    // The message speaks of the function, not of an answer.
    QVERIFY2(lab.readingLabel()->text().startsWith(QStringLiteral("Could not read the function")), qPrintable(lab.readingLabel()->text()));
    QVERIFY(lab.readingLabel()->text().contains(QStringLiteral("\"z\"")));
    QVERIFY(!lab.readingLabel()->text().contains(QStringLiteral("answer")));
    QVERIFY(!lab.readout().contains(QStringLiteral("answer")));
    QVERIFY(!lab.chordReadout()->text().contains(QStringLiteral("chord")));
    // Readable again: the figure comes back.
    typeFunction(lab, QStringLiteral("x^2 + y^2"));
    QVERIFY(settled(lab, ctx));
    QVERIFY(lab.hasVerdict() && lab.verdict().convex);
    QCOMPARE(seriesNamed(lab.chart(), QStringLiteral("chord"))->count(), 2);
}

void TestConvexity::contoursInThePalettesInk()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ChordLab lab(ctx);
    selectFunction(lab, QStringLiteral("saddle"));
    QVERIFY(settled(lab, ctx));
    int contours = 0;
    for (QAbstractSeries* s : lab.chart()->chart()->series())
        if (s->objectName() == QLatin1String("contour")) {
            ++contours;
            QCOMPARE(qobject_cast<QXYSeries*>(s)->pen().color().rgb(), hueColor(Hue::Ink).rgb());
        }
    QVERIFY(contours > 5);
    // Drawn under the chord and its ends.
    const auto series = lab.chart()->chart()->series();
    QVERIFY(series.indexOf(seriesNamed(lab.chart(), QStringLiteral("chord"))) > series.indexOf(seriesNamed(lab.chart(), QStringLiteral("contour"))));
}

void TestConvexity::bowlContractionAtRates_data()
{
    QTest::addColumn<double>("lr");
    for (double lr : {0.02, 0.05, 0.1, 0.15, 0.17, 0.19, 0.199})
        QTest::newRow(qPrintable(QStringLiteral("lr %1").arg(lr))) << lr;
}

void TestConvexity::bowlContractionAtRates()
{
    QFETCH(double, lr);
    LessonContext ctx(nullptr, nullptr, &pool_);
    BowlLab lab(ctx);
    lab.lambda1()->setValue(1);
    lab.lambda2()->setValue(10);
    lab.angle()->setValue(30);
    lab.learningRate()->setValue(lr);
    QVERIFY(settled(lab, ctx));
    QXYSeries* current = seriesNamed(lab.contractionChart(), QStringLiteral("currentRate"));
    QVERIFY(current && current->count() == 1);
    QCOMPARE(current->at(0).x(), lr);
    QVERIFY2(std::fabs(current->at(0).y() - handContraction(1, 10, lr)) < 1e-6,
             qPrintable(QStringLiteral("measured %1").arg(current->at(0).y(), 0, 'g', 17)));
    QVERIFY(!lab.descent().diverged);
    QVERIFY(allFinite(lab.contourChart()) && allFinite(lab.lossChart()) && allFinite(lab.contractionChart()));
}

void TestConvexity::bowlSweepOnTheory()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    BowlLab lab(ctx);
    lab.lambda1()->setValue(2);
    lab.lambda2()->setValue(7);
    QVERIFY(settled(lab, ctx));
    QXYSeries* measured = seriesNamed(lab.contractionChart(), QStringLiteral("measured"));
    QVERIFY(measured->count() > 20);
    int within = 0;
    for (const QPointF& p : measured->points()) {
        const double gap = std::fabs(p.y() - handContraction(2, 7, p.x()));
        QVERIFY2(gap < 1e-3, qPrintable(QStringLiteral("lr %1: gap %2").arg(p.x()).arg(gap)));
        within += gap < 1e-6;
    }
    // Only rates where both axes shrink almost equally converge slower than 1e-6.
    QVERIFY(within >= measured->count() - 3);
    // The threshold lines sit at 1/λ1, 1/λ2, 2/(λ1+λ2), 2/λmax.
    QCOMPARE(seriesNamed(lab.contractionChart(), QStringLiteral("threshold_exact1"))->at(0).x(), 0.5);
    QCOMPARE(seriesNamed(lab.contractionChart(), QStringLiteral("threshold_divergence"))->at(0).x(), 2.0 / 7);
    QVERIFY(std::fabs(seriesNamed(lab.contractionChart(), QStringLiteral("threshold_best"))->at(0).x() - 2.0 / 9) < 1e-15);
}

void TestConvexity::bowlDiverges()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    BowlLab lab(ctx);
    lab.lambda1()->setValue(1);
    lab.lambda2()->setValue(10);
    lab.steps()->setValue(500);
    lab.learningRate()->setValue(0.25);   // above 2/λmax = 0.2
    QVERIFY(settled(lab, ctx));
    QVERIFY(lab.descent().diverged);
    QVERIFY(lab.descent().divergedAtStep > 0);
    QVERIFY(lab.readout().startsWith(QStringLiteral("Diverged at step %1").arg(lab.descent().divergedAtStep)));
    QVERIFY(allFinite(lab.contourChart()) && allFinite(lab.lossChart()) && allFinite(lab.contractionChart()));
    for (const Eigen::Vector2d& p : lab.descent().points) QVERIFY(p.allFinite());
    // Measured factor 1.5 = |1 − 0.25·10|.
    QXYSeries* current = seriesNamed(lab.contractionChart(), QStringLiteral("currentRate"));
    QVERIFY(std::fabs(current->at(0).y() - 1.5) < 1e-6);
    // The largest rate the spin box allows: still no NaN.
    lab.learningRate()->setValue(lab.learningRate()->maximum());
    QVERIFY(settled(lab, ctx));
    QVERIFY(lab.descent().diverged);
    QVERIFY(lab.readout().startsWith(QStringLiteral("Diverged")));
    QVERIFY(allFinite(lab.contourChart()) && allFinite(lab.lossChart()) && allFinite(lab.contractionChart()));
}

void TestConvexity::bowlEdgeOfDivergence()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    BowlLab lab(ctx);
    lab.lambda1()->setValue(1);
    lab.lambda2()->setValue(10);
    QTest::mouseClick(lab.thresholdButton(3), Qt::LeftButton);
    QCOMPARE(lab.learningRate()->value(), 0.2);
    QVERIFY(settled(lab, ctx));
    QVERIFY(!lab.descent().diverged);
    QVERIFY(!lab.descent().converged);
    QVERIFY(lab.readout().contains(QStringLiteral("never shrinks")));
    QTest::mouseClick(lab.thresholdButton(2), Qt::LeftButton);
    QCOMPARE(lab.learningRate()->value(), 0.1818);   // 2/11 to the spin box's 4 decimals
    QTest::mouseClick(lab.thresholdButton(1), Qt::LeftButton);
    QCOMPARE(lab.learningRate()->value(), 0.1);
    QTest::mouseClick(lab.thresholdButton(0), Qt::LeftButton);
    QCOMPARE(lab.learningRate()->value(), 1.0);
    QVERIFY(settled(lab, ctx));
    QVERIFY(lab.descent().diverged);   // exact along λ1, explosive along λ2
}

void TestConvexity::roundBowlOneStep()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    BowlLab lab(ctx);
    lab.lambda1()->setValue(2);
    lab.lambda2()->setValue(2);
    lab.learningRate()->setValue(0.5);
    QVERIFY(settled(lab, ctx));
    QVERIFY(lab.descent().converged);
    QCOMPARE(lab.descent().steps, 1);
    QVERIFY(lab.descent().points[1].norm() == 0.0);
    QVERIFY(lab.readout().startsWith(QStringLiteral("Converged in 1 steps")));
    QVERIFY(allFinite(lab.lossChart()));
}

void TestConvexity::bowlExtremes()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    BowlLab lab(ctx);
    for (QDoubleSpinBox* s : {lab.lambda1(), lab.lambda2(), lab.angle(), lab.learningRate(), lab.startX(), lab.startY()})
        for (double v : {s->minimum(), s->maximum()}) {
            s->setValue(v);
            QVERIFY(settled(lab, ctx));
            QVERIFY(allFinite(lab.contourChart()) && allFinite(lab.lossChart()) && allFinite(lab.contractionChart()));
            QVERIFY(!lab.readout().isEmpty());
        }
    for (int v : {lab.steps()->minimum(), lab.steps()->maximum()}) {
        lab.steps()->setValue(v);
        QVERIFY(settled(lab, ctx));
        QVERIFY(allFinite(lab.lossChart()));
    }
    // Start at the minimum: the gradient is 0, converged at once.
    lab.startX()->setValue(0);
    lab.startY()->setValue(0);
    lab.learningRate()->setValue(0.01);
    QVERIFY(settled(lab, ctx));
    QVERIFY(lab.descent().converged);
    QVERIFY(allFinite(lab.lossChart()));
}

void TestConvexity::dragStart()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    BowlLab lab(ctx);
    lab.resize(1100, 800);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    QVERIFY(settled(lab, ctx));
    QApplication::processEvents();
    QWidget* viewport = lab.contourChart()->viewport();
    const QPoint from = lab.drag()->positionOf(QPointF(lab.startX()->value(), lab.startY()->value()));
    const QPoint to = lab.drag()->positionOf(QPointF(1.0, -2.0));
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, to, viewport->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
    QVERIFY(std::fabs(lab.startX()->value() - 1.0) < 0.05);
    QVERIFY(std::fabs(lab.startY()->value() + 2.0) < 0.05);
    QXYSeries* start = seriesNamed(lab.contourChart(), QStringLiteral("start"));
    QCOMPARE(start->at(0), QPointF(lab.startX()->value(), lab.startY()->value()));
    // The run that follows starts there.
    QVERIFY(settled(lab, ctx));
    QCOMPARE(lab.descent().points.front(), Eigen::Vector2d(lab.startX()->value(), lab.startY()->value()));
}


void TestConvexity::bowlKeyAndAxes()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    BowlLab lab(ctx);
    lab.resize(1100, 700);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    QVERIFY(settled(lab, ctx));
    // Six entries on the contraction chart: 1/λ₁ and 1/λ₂ share one.
    QTRY_COMPARE_WITH_TIMEOUT(lab.contractionChart()->key()->entries(),
                              (QStringList{QStringLiteral("measured"), QStringLiteral("theory"), QStringLiteral("1/λ₁, 1/λ₂"),
                                           QStringLiteral("best rate"), QStringLiteral("2/λmax"), QStringLiteral("this lr")}),
                              test::waitMs(5000));
    QTRY_COMPARE_WITH_TIMEOUT(lab.contourChart()->key()->entries(),
                              (QStringList{QStringLiteral("GD path"), QStringLiteral("start (drag)"), QStringLiteral("end"),
                                           QStringLiteral("minimum")}),
                              test::waitMs(5000));
    // "this lr" and 2/λmax in clearly different colours.
    const QColor current = qobject_cast<QScatterSeries*>(seriesNamed(lab.contractionChart(), QStringLiteral("currentRate")))->color();
    const QColor bound = seriesNamed(lab.contractionChart(), QStringLiteral("threshold_divergence"))->pen().color();
    QVERIFY(std::abs(current.lightness() - bound.lightness()) > 60 || std::abs(current.hue() - bound.hue()) > 40);
    // Reference lines drawn above the measured dots and the theory.
    const auto series = lab.contractionChart()->chart()->series();
    QVERIFY(series.indexOf(seriesNamed(lab.contractionChart(), QStringLiteral("threshold_divergence")))
            > series.indexOf(seriesNamed(lab.contractionChart(), QStringLiteral("theory"))));
    // The loss axis reads in powers of ten, never "1e-10" or an elided label.
    auto* lossAxis = qobject_cast<QCategoryAxis*>(lab.lossChart()->chart()->axes(Qt::Vertical).at(0));
    QVERIFY(lossAxis);
    QTRY_VERIFY_WITH_TIMEOUT(lossAxis->categoriesLabels().size() >= 2, test::waitMs(5000));
    for (const QString& label : lossAxis->categoriesLabels()) {
        QVERIFY2(label == QLatin1String("1") || label == QLatin1String("10") || label.startsWith(QStringLiteral("10")), qPrintable(label));
        QVERIFY(!label.contains(QLatin1Char('e')));
    }
    QVERIFY(lossAxis->categoriesLabels().contains(QStringLiteral("10⁻¹⁰")) || lossAxis->categoriesLabels().contains(QStringLiteral("10⁻⁵")));
    // The loss curve is log₁₀ of the run's losses.
    QXYSeries* loss = seriesNamed(lab.lossChart(), QStringLiteral("loss"));
    QVERIFY(std::fabs(loss->at(10).y() - std::log10(lab.descent().losses[10])) < 1e-12);
}

void TestConvexity::twinBarrier_data()
{
    QTest::addColumn<int>("activation");
    QTest::addColumn<int>("ends");
    QTest::addColumn<int>("neuronB");
    QTest::addColumn<int>("seed");
    QTest::newRow("tanh twin 1-2") << 0 << 0 << 2 << 1;
    QTest::newRow("tanh twin 1-5, seed 7") << 0 << 0 << 5 << 7;
    QTest::newRow("ReLU twin") << 1 << 0 << 2 << 1;
    QTest::newRow("independent runs") << 0 << 1 << 2 << 1;
}

void TestConvexity::twinBarrier()
{
    QFETCH(int, activation);
    QFETCH(int, ends);
    QFETCH(int, neuronB);
    QFETCH(int, seed);
    LessonContext ctx(nullptr, nullptr, &pool_);
    TwinLab lab(ctx);
    lab.activation()->setCurrentIndex(activation);
    lab.ends()->setCurrentIndex(ends);
    lab.neuronB()->setValue(neuronB);
    lab.seed()->setValue(seed);
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0 && lab.hasResult(), test::waitMs(60000));
    const InterpolationResult& r = lab.result();
    QVERIFY(!r.trainingDiverged);
    if (ends == 0) {
        // The twin computes the same function: equal loss at both ends.
        QVERIFY(r.endpointOutputDeviation < 1e-12);
        QVERIFY(std::fabs(r.lossA - r.lossB) <= 1e-12 * std::max(1.0, r.lossA));
        QVERIFY(r.parameterDistance > 0.1);
    }
    // What the learner sees: the line's highest point in [0, 1] is above both ends, and
    // the chord lies below it.
    QXYSeries* line = seriesNamed(lab.chart(), QStringLiteral("lossAlongLine"));
    QXYSeries* chord = seriesNamed(lab.chart(), QStringLiteral("chord"));
    QVERIFY(line && line->count() == 61);
    QCOMPARE(chord->count(), 2);
    double top = -INFINITY;
    for (const QPointF& p : line->points())
        if (p.x() >= 0 && p.x() <= 1) top = std::max(top, p.y());
    QVERIFY(top > chord->at(0).y());
    QVERIFY(top > chord->at(1).y());
    QVERIFY(r.midpointLoss > 0.5 * (r.lossA + r.lossB));
    QVERIFY(r.barrier > 0);
    QVERIFY(lab.readout().contains(QStringLiteral("below")));
    QVERIFY(allFinite(lab.chart()));
}

void TestConvexity::twinSameNeuronRefused()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    TwinLab lab(ctx);
    lab.neuronB()->setValue(1);
    QVERIFY(settled(lab, ctx));
    QCOMPARE(lab.neuronA()->value(), 1);
    QVERIFY(lab.readout().contains(QStringLiteral("different")));
    QVERIFY(!lab.hasResult());
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    QVERIFY(!lab.hasResult());
    // Width at its extremes keeps the neuron choices in range.
    lab.width()->setValue(2);
    QCOMPARE(lab.neuronB()->maximum(), 2);
    lab.neuronB()->setValue(2);
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0 && lab.hasResult(), test::waitMs(60000));
    QVERIFY(allFinite(lab.chart()));
    // The other extremes: the widest layer, the last neuron, the largest seed, every data set.
    lab.width()->setValue(lab.width()->maximum());
    lab.neuronB()->setValue(lab.neuronB()->maximum());
    lab.seed()->setValue(lab.seed()->maximum());
    for (int d = 0; d < lab.dataset()->count(); ++d) {
        lab.dataset()->setCurrentIndex(d);
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0 && lab.hasResult(), test::waitMs(60000));
        QVERIFY(allFinite(lab.chart()));
        QVERIFY(!lab.readout().isEmpty());
        QVERIFY(lab.result().endpointOutputDeviation < 1e-12);
    }
}

void TestConvexity::twinKeyIsComplete()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    TwinLab lab(ctx);
    lab.resize(1000, 700);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    QVERIFY(settled(lab, ctx));
    FigureKey* key = lab.chart()->key();
    QTRY_COMPARE_WITH_TIMEOUT(key->entries(), (QStringList{QStringLiteral("loss along the line"), QStringLiteral("chord between the ends"),
                                                           QStringLiteral("A and B: equal loss"), QStringLiteral("midpoint α = ½")}),
                              test::waitMs(5000));
    QVERIFY(key->isVisibleTo(&lab));
}

void TestConvexity::exercisesLoadAndAccept()
{
    QFile file(QStringLiteral(":/lessons/convexity/exercises.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    ExerciseFile ex;
    QString error;
    QVERIFY2(readExerciseFile(file.readAll(), file.fileName(), &ex, &error), qPrintable(error));
    QVERIFY(ex.exercises.size() >= 5);
    QStringList ids;
    for (const auto& e : ex.exercises) {
        QVERIFY(e->id.startsWith(QStringLiteral("convexity.")));
        ids << e->id;
        for (const QString& learner : {QStringLiteral("Ada"), QStringLiteral("Grace"), QStringLiteral("Alan")})
            for (int variant = 0; variant < 3; ++variant) {
                const ExerciseInstance inst = instantiate(*e, learner, variant);
                QVERIFY2(inst.ok, qPrintable(e->id + QStringLiteral(": ") + inst.error));
                QMap<QString, double> p;
                for (const auto& kv : inst.parameters) p[kv.first] = kv.second.toDouble();
                // The answers worked out by hand from the learner's numbers.
                QStringList right;
                const QString id = e->id;
                if (id == QLatin1String("convexity.divergence-rate"))
                    right << QStringLiteral("1/%1").arg(p["a"]) << QString::number(1.0 / p["a"], 'g', 6);
                else if (id == QLatin1String("convexity.best-rate"))
                    right << QStringLiteral("2/(%1+%2)").arg(p["lo"]).arg(p["hi"])
                          << QString::number(2.0 / (p["lo"] + p["hi"]), 'g', 6);
                else if (id == QLatin1String("convexity.kappa-rate"))
                    right << QStringLiteral("%1/%2").arg(p["kappa"] - 1).arg(p["kappa"] + 1)
                          << QString::number((p["kappa"] - 1) / (p["kappa"] + 1), 'g', 6);
                else if (id == QLatin1String("convexity.kappa-formula"))
                    right << QStringLiteral("(kappa-1)/(kappa+1)") << QStringLiteral("1 - 2/(kappa + 1)");
                else if (id == QLatin1String("convexity.which-convex"))
                    right << QStringLiteral("square, abs, exp, relu") << QStringLiteral("relu,exp,abs,square");
                else if (id == QLatin1String("convexity.hessian-eigenvalue"))
                    right << QString::number(p["a"] - p["b"]);
                else if (id == QLatin1String("convexity.hessian-kind"))
                    right << QStringLiteral("%1/%2").arg(p["b"] * p["b"]).arg(p["a"])
                          << QString::number(p["b"] * p["b"] / p["a"], 'g', 6);
                else if (id == QLatin1String("convexity.critical-point")) {
                    // Eigenvalues of [[a, b], [b, c]]: (a + c)/2 +- sqrt(((a - c)/2)^2 + b^2).
                    const double mid = (p["a"] + p["c"]) / 2, rad = std::sqrt(std::pow((p["a"] - p["c"]) / 2, 2) + p["b"] * p["b"]);
                    const double l1 = mid - rad, l2 = mid + rad;
                    const double tiny = 1e-12;
                    right << (std::abs(l1) < tiny || std::abs(l2) < tiny ? QStringLiteral("undecided")
                              : l1 > 0                                    ? QStringLiteral("minimum")
                              : l2 < 0                                    ? QStringLiteral("maximum")
                                                                          : QStringLiteral("saddle"));
                } else
                    QFAIL(qPrintable(QStringLiteral("no hand answer for ") + id));
                for (const QString& answer : right) {
                    const answers::CheckResult res = checkInstance(inst, answer);
                    QVERIFY2(res.verdict == answers::Verdict::Correct,
                             qPrintable(id + QStringLiteral(" ") + answer + QStringLiteral(": ") + QString::fromStdString(res.feedback)));
                }
            }
    }
    for (const char* id : {"convexity.divergence-rate", "convexity.best-rate", "convexity.kappa-rate",
                           "convexity.which-convex", "convexity.hessian-eigenvalue", "convexity.hessian-kind"})
        QVERIFY(ids.contains(QString::fromLatin1(id)));
}

void TestConvexity::exerciseMistakes()
{
    QFile file(QStringLiteral(":/lessons/convexity/exercises.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    ExerciseFile ex;
    QString error;
    QVERIFY(readExerciseFile(file.readAll(), file.fileName(), &ex, &error));
    auto find = [&](const QString& id) {
        for (const auto& e : ex.exercises)
            if (e->id == id) return e;
        return std::shared_ptr<const Exercise>();
    };
    // 2/a (the bound for λ = a) is wrong for f = a x²: λ = 2a.
    const ExerciseInstance rate = instantiate(*find(QStringLiteral("convexity.divergence-rate")), QStringLiteral("Ada"), 0);
    const double a = rate.parameters.front().second.toDouble();
    answers::CheckResult r = checkInstance(rate, QStringLiteral("2/%1").arg(a));
    QCOMPARE(r.verdict, answers::Verdict::Wrong);
    QVERIFY(QString::fromStdString(r.feedback).contains(QStringLiteral("curvature")));
    r = checkInstance(rate, QStringLiteral("1/(2*%1)").arg(a));
    QCOMPARE(r.verdict, answers::Verdict::Wrong);
    // The momentum rate is not plain gradient descent's.
    const ExerciseInstance formula = instantiate(*find(QStringLiteral("convexity.kappa-formula")), QStringLiteral("Ada"), 0);
    r = checkInstance(formula, QStringLiteral("(sqrt(kappa)-1)/(sqrt(kappa)+1)"));
    QCOMPARE(r.verdict, answers::Verdict::Wrong);
    QVERIFY(QString::fromStdString(r.feedback).contains(QStringLiteral("momentum")));
    const ExerciseInstance which = instantiate(*find(QStringLiteral("convexity.which-convex")), QStringLiteral("Ada"), 0);
    QCOMPARE(checkInstance(which, QStringLiteral("square, abs, exp, relu, quartic")).verdict, answers::Verdict::Wrong);
    QCOMPARE(checkInstance(which, QStringLiteral("square, exp")).verdict, answers::Verdict::Wrong);
    const ExerciseInstance kind = instantiate(*find(QStringLiteral("convexity.hessian-kind")), QStringLiteral("Ada"), 0);
    QCOMPARE(checkInstance(kind, QStringLiteral("0")).verdict, answers::Verdict::Wrong);
    QVERIFY(QString::fromStdString(checkInstance(kind, QStringLiteral("0")).feedback).contains(QStringLiteral("determinant")));
}

void TestConvexity::pageHasThreeLabs()
{
    LessonContext ctx(nullptr, nullptr, &pool_);
    ConvexityLesson lesson;
    QCOMPARE(lesson.id(), QStringLiteral("convexity"));
    std::unique_ptr<QWidget> page(lesson.createPage(ctx, nullptr));
    QVERIFY(page->findChild<ChordLab*>());
    QVERIFY(page->findChild<BowlLab*>());
    QVERIFY(page->findChild<TwinLab*>());
    for (const char* r : {":/lessons/convexity/chords.md", ":/lessons/convexity/bowl.md", ":/lessons/convexity/twins.md"})
        QVERIFY(QFile::exists(QString::fromLatin1(r)));
    QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
}

QTEST_MAIN(TestConvexity)
#include "tst_convexity.moc"
