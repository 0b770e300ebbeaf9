// The Newton lab of the second-order lesson, driven as a learner would: the surface chosen, the
// point clicked on the map and typed in, the step fraction moved. Checked against values worked
// here: the model's contour through the point is a level set of the model built from the
// surface's own formulas, Newton's step ends where H d = -g, one step lands on the bowl's
// minimum, damped Newton shrinks the distance by 1 - alpha per step, the run goes to
// Himmelblau's maximum and the double well's saddle, and the Hessian chart's points are 8n² bytes.
#include <QtTest>

#include <QComboBox>
#include <QLabel>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>

#include <cmath>
#include <memory>

#include <Eigen/Dense>

#include "lessons/common/charts/contourmapchart.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/second-order/newtonlab.h"
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

bool everyChartFinite(NewtonLab& lab)
{
    return allFinite(lab.map()) && allFinite(lab.normChart()) && allFinite(lab.costChart());
}

void chooseSurface(NewtonLab& lab, const QString& key)
{
    const int i = lab.surfaceBox()->findData(key);
    QVERIFY(i >= 0);
    lab.surfaceBox()->setCurrentIndex(i);
}

void setPoint(NewtonLab& lab, double x, double y)
{
    lab.pointX()->setValue(x);
    lab.pointY()->setValue(y);
}

void clickMap(NewtonLab& lab, const QPointF& at)
{
    QChart* c = lab.map()->chart();
    const QPointF scene = c->mapToPosition(at, c->series().first());
    QTest::mouseClick(lab.map()->viewport(), Qt::LeftButton, {}, lab.map()->mapFromScene(scene));
}

Eigen::Vector2d vec(const QPointF& p) { return {p.x(), p.y()}; }

// Rosenbrock's gradient and Hessian, written out here rather than taken from the engine.
Eigen::Vector2d rosenbrockGradient(double x, double y) { return {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)}; }
Eigen::Matrix2d rosenbrockHessian(double x, double y)
{
    Eigen::Matrix2d h;
    h << 2 - 400 * y + 1200 * x * x, -400 * x, -400 * x, 200;
    return h;
}

} // namespace

class TestSecondOrderNewton : public QObject {
    Q_OBJECT
    QThreadPool pool_;

private slots:
    void pageHasTheLab()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        const QString text = test::labTextOnPage(SecondOrderLesson(), ctx, QStringLiteral("Newton's step"));
        QVERIFY(!text.isEmpty());
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("x − H⁻¹∇f")));
    }

    // Rosenbrock at (-1.2, 1), the default: the step goes to x - H^-1 g, the model's contour
    // through the point is its level set, and the run reaches (1, 1) in seven steps.
    void rosenbrockDefault()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        NewtonLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QCOMPARE(lab.surfaceBox()->currentData().toString(), QStringLiteral("rosenbrock"));
        const Eigen::Vector2d x(-1.2, 1.0);
        QCOMPARE(Eigen::Vector2d(lab.pointX()->value(), lab.pointY()->value()), x);
        const Eigen::Matrix2d h = rosenbrockHessian(-1.2, 1.0);
        const Eigen::Vector2d d = -h.ldlt().solve(rosenbrockGradient(-1.2, 1.0));
        QXYSeries* step = seriesNamed(lab.map(), QStringLiteral("newtonStep"));
        QXYSeries* critical = seriesNamed(lab.map(), QStringLiteral("modelCritical"));
        QVERIFY(step && critical);
        QCOMPARE(step->count(), 2);
        QVERIFY((vec(step->at(0)) - x).norm() < 1e-12);
        QVERIFY((vec(step->at(1)) - (x + d)).norm() < 1e-9);
        QVERIFY((vec(critical->at(0)) - (x + d)).norm() < 1e-9);
        // Every drawn point of the model's contour has (p - x_N)^T H (p - x_N) = d^T H d.
        QXYSeries* model = seriesNamed(lab.map(), QStringLiteral("model0"));
        QVERIFY(model && model->count() > 20);
        const double k = d.dot(h * d);
        for (const QPointF& p : model->points()) {
            const Eigen::Vector2d e = vec(p) - (x + d);
            QVERIFY(std::abs(e.dot(h * e) - k) < 1e-6 * k);
        }
        QXYSeries* path = seriesNamed(lab.map(), QStringLiteral("newtonPath"));
        QVERIFY(path);
        QCOMPARE(path->count(), 8);
        QVERIFY((vec(path->at(7)) - Eigen::Vector2d(1, 1)).norm() < 1e-9);
        QXYSeries* norms = seriesNamed(lab.normChart(), QStringLiteral("gradientNorm"));
        QVERIFY(norms);
        QCOMPARE(norms->count(), 8);
        QVERIFY(norms->at(7).y() < 1e-10);
        const QString r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("the model is a bowl")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("Newton's method reached a minimum at (1, 1) in 7 steps")), qPrintable(r));
        QVERIFY(everyChartFinite(lab));
    }

    // On the bowl one step lands on the minimum from wherever the learner clicks; damped Newton
    // takes the distance down by 1 - alpha per step.
    void bowlOneStepAndDamped()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        NewtonLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        chooseSurface(lab, QStringLiteral("bowl"));
        QVERIFY(settled(lab));
        clickMap(lab, QPointF(1.5, -2.0));
        QVERIFY(settled(lab));
        QVERIFY(std::abs(lab.pointX()->value() - 1.5) < 0.05 && std::abs(lab.pointY()->value() + 2.0) < 0.05);
        QXYSeries* path = seriesNamed(lab.map(), QStringLiteral("newtonPath"));
        QCOMPARE(path->count(), 2);
        QVERIFY(vec(path->at(1)).norm() < 1e-12);
        QVERIFY2(lab.readout().contains(QStringLiteral("reached a minimum at (0, 0) in 1 step")), qPrintable(lab.readout()));

        lab.stepSize()->setValue(0.5);
        QVERIFY(settled(lab));
        QCOMPARE(path->count(), 21);   // never within 10^-10 in 20 steps: 3.6 * 0.5^20 = 3.4e-6
        for (int t = 1; t < path->count(); ++t)
            QVERIFY(std::abs(vec(path->at(t)).norm() / vec(path->at(t - 1)).norm() - 0.5) < 1e-9);
        QVERIFY2(lab.readout().contains(QStringLiteral("Damped Newton (α = 0.5) has not converged after 20 steps")),
                 qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
    }

    // Himmelblau near its maximum: the model is a cap and the run climbs to the maximum. The
    // double well between its minima: the model is a saddle and the run ends on the saddle.
    void drawnToMaximaAndSaddles()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        NewtonLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        chooseSurface(lab, QStringLiteral("himmelblau"));
        QVERIFY(settled(lab));
        setPoint(lab, -0.5, -0.5);
        QVERIFY(settled(lab));
        QString r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("the model is a cap")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("reached a maximum at (−0.2708, −0.923)")), qPrintable(r));

        chooseSurface(lab, QStringLiteral("double-well"));
        QVERIFY(settled(lab));
        setPoint(lab, 1.5, 0.3);
        QVERIFY(settled(lab));
        r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("the model is a saddle")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("reached a saddle point at (0, 0)")), qPrintable(r));
        // A saddle's model contour is a hyperbola: two branches, both drawn.
        QVERIFY(seriesNamed(lab.map(), QStringLiteral("model0"))->count() > 5);
        QVERIFY(seriesNamed(lab.map(), QStringLiteral("model1"))->count() > 5);
        QVERIFY(everyChartFinite(lab));
    }

    // The point at the extremes. On Rosenbrock's curve y = x² + 1/200 the Hessian is singular
    // (det H = 80000 (x² - y) + 400): at (0, 0.005) no step is drawn and the readout warns. Just
    // off the double well's singular line y = 1/sqrt(3) the step is enormous and the run
    // diverges: the readout says so. At the map's corners everything stays finite.
    void singularAndCorners()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        NewtonLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        setPoint(lab, 0, 0.005);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("the Hessian is singular")), qPrintable(lab.readout()));
        QVERIFY2(lab.readout().contains(QStringLiteral("Newton's method stopped after 0 steps")), qPrintable(lab.readout()));
        QCOMPARE(seriesNamed(lab.map(), QStringLiteral("newtonStep"))->count(), 0);
        QCOMPARE(seriesNamed(lab.map(), QStringLiteral("modelCritical"))->count(), 0);
        QVERIFY(everyChartFinite(lab));
        chooseSurface(lab, QStringLiteral("double-well"));
        QVERIFY(settled(lab));
        setPoint(lab, 0.5, 0.577);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("Newton's method diverged at step 1")), qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
        for (const QString& key : {QStringLiteral("bowl"), QStringLiteral("rosenbrock"), QStringLiteral("himmelblau"),
                                   QStringLiteral("double-well")}) {
            chooseSurface(lab, key);
            QVERIFY(settled(lab));
            for (double sx : {0.0, 1.0}) {
                for (double sy : {0.0, 1.0}) {
                    setPoint(lab, sx ? lab.pointX()->maximum() : lab.pointX()->minimum(),
                             sy ? lab.pointY()->maximum() : lab.pointY()->minimum());
                    lab.stepSize()->setValue(sx ? 1.0 : 0.05);
                    QVERIFY(settled(lab));
                    QVERIFY2(everyChartFinite(lab), qPrintable(key));
                    QVERIFY(!lab.readout().isEmpty());
                }
            }
        }
    }

    // The Hessian chart: each network's point at (n, 8n²) and its legend entry in exact bytes.
    void hessianCostChart()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        NewtonLab lab(ctx);
        QVERIFY(settled(lab));
        const struct {
            double n;
            QString legend;
        } rows[] = {{2, QStringLiteral("n = 2: 32 bytes")},
                    {1210, QStringLiteral("n = 1,210: 11.7 MB")},
                    {2410, QStringLiteral("n = 2,410: 46.5 MB")},
                    {79510, QStringLiteral("n = 79,510: 50.6 GB")},
                    {1e6, QStringLiteral("n = 1,000,000: 8 TB")},
                    {1e8, QStringLiteral("n = 100,000,000: 80 PB")}};
        for (int i = 0; i < 6; ++i) {
            QXYSeries* s = seriesNamed(lab.costChart(), QStringLiteral("network%1").arg(i));
            QVERIFY(s);
            QCOMPARE(s->count(), 1);
            QCOMPARE(s->at(0).x(), rows[i].n);
            QCOMPARE(s->at(0).y(), 8 * rows[i].n * rows[i].n);
            QCOMPARE(s->name(), rows[i].legend);
        }
        // The exact sizes under the figures.
        const QString note = lab.costNote()->text();
        for (const char* exact : {"the 64-16-10 digits network of lab 3 (n = 1,210), 11,712,800 bytes (11.7 MB)",
                                  "the 64-32-10 digits network of lesson 6 (n = 2,410), 46,464,800 bytes (46.5 MB)",
                                  "a 784-100-10 MNIST network (n = 79,510), 50,574,720,800 bytes (50.6 GB)",
                                  "a network of 10⁶ (n = 1,000,000), 8,000,000,000,000 bytes (8 TB)",
                                  "a network of 10⁸ (n = 100,000,000), 80,000,000,000,000,000 bytes (80 PB)",
                                  "3.33·10¹⁷ for n = 10⁶"})
            QVERIFY2(note.contains(QString::fromUtf8(exact)), qPrintable(note));
        QCOMPARE(NewtonLab::bytesText(999), QStringLiteral("999 bytes"));
        QCOMPARE(NewtonLab::bytesText(1000), QStringLiteral("1,000 bytes (1 kB)"));
    }
};

QTEST_MAIN(TestSecondOrderNewton)
#include "tst_second_order_newton.moc"
