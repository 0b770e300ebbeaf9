// The wrong-direction lab of the momentum lesson, driven as a learner would: a point clicked and
// dragged on the map, the condition number and the rotation changed, the three arrows checked
// against directions worked here from H, the angle in the readout against its closed form, the
// parabola's minimum at eps* = g^T g / g^T H g, and the zig-zag's loss per step against
// ((kappa - 1)/(kappa + 1))^2 (Nocedal & Wright, "Numerical Optimization", theorem 3.3).
#include <QtTest>

#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>

#include <cmath>
#include <memory>
#include <numbers>

#include <Eigen/Core>

#include "lessons/common/charts/figurechart.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/common/charts/chartdrag.h"
#include "lessons/momentum/directionlab.h"
#include "lessons/momentum/momentumlesson.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
}

// H = R diag(1, kappa) R^T, written out here rather than taken from the engine.
Eigen::Matrix2d hessian(double kappa, double degrees)
{
    const double c = std::cos(degrees * kDeg), s = std::sin(degrees * kDeg);
    Eigen::Matrix2d h;
    h << c * c + kappa * s * s, (1 - kappa) * c * s, (1 - kappa) * c * s, s * s + kappa * c * c;
    return h;
}

Eigen::Vector2d vec(const QPointF& p) { return {p.x(), p.y()}; }

// The direction of an arrow series (tail, tip, barb, tip, barb).
Eigen::Vector2d arrowDirection(QXYSeries* s) { return (vec(s->at(1)) - vec(s->at(0))).normalized(); }

bool everyChartFinite(DirectionLab& lab)
{
    return allFinite(lab.mapChart()) && allFinite(lab.lineChart()) && allFinite(lab.lossChart());
}

void setPoint(DirectionLab& lab, double x, double y)
{
    lab.pointX()->setValue(x);
    lab.pointY()->setValue(y);
}

// The ratios of consecutive values of a series.
QList<double> ratios(QXYSeries* s)
{
    QList<double> out;
    for (int i = 0; i + 1 < s->count(); ++i) out.append(s->at(i + 1).y() / s->at(i).y());
    return out;
}

} // namespace

class TestMomentumDirection : public QObject {
    Q_OBJECT
    QThreadPool pool_;

private slots:
    void pageHasTheLab()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        MomentumLesson lesson;
        std::unique_ptr<QWidget> widget(lesson.createPage(ctx, nullptr));
        auto* page = qobject_cast<LessonPage*>(widget.get());
        QVERIFY(page);
        int tab = -1;
        for (int i = 0; i < page->labCount(); ++i)
            if (page->tabs()->tabText(i) == QStringLiteral("The gradient points the wrong way")) tab = i;
        QVERIFY(tab >= 0);
        const QString text = page->labText(tab)->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("ε* = gᵀg / gᵀHg")));
        QVERIFY(text.contains(QStringLiteral("((κ − 1)/(κ + 1))²")));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    }

    // The default view, as the text describes it: kappa = 10, rotation 30 degrees, (-2.5, -1).
    void defaultsAsTheTextSays()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        DirectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QCOMPARE(lab.kappa()->value(), 10.0);
        QCOMPARE(lab.angle()->value(), 30.0);
        const Eigen::Vector2d x(lab.pointX()->value(), lab.pointY()->value());
        QCOMPARE(x, Eigen::Vector2d(-2.5, -1.0));
        const Eigen::Matrix2d h = hessian(10, 30);
        const Eigen::Vector2d g = h * x;

        // The arrows: -g, Newton's -H^-1 g onto the minimum, the way to the minimum.
        QXYSeries* steep = seriesNamed(lab.mapChart(), QStringLiteral("negativeGradient"));
        QXYSeries* newton = seriesNamed(lab.mapChart(), QStringLiteral("newton"));
        QXYSeries* toMin = seriesNamed(lab.mapChart(), QStringLiteral("toMinimum"));
        QVERIFY(steep && newton && toMin);
        QCOMPARE(steep->count(), 5);
        QCOMPARE(vec(steep->at(0)), x);
        QVERIFY((arrowDirection(steep) + g.normalized()).norm() < 1e-12);
        QVERIFY(vec(newton->at(1)).norm() < 1e-12);   // Newton's arrow ends on the minimum
        QCOMPARE(toMin->count(), 2);
        QCOMPARE(vec(toMin->at(1)), Eigen::Vector2d(0, 0));
        const double angle = std::acos(g.dot(x) / (g.norm() * x.norm())) / kDeg;
        QVERIFY(std::abs(angle - 47.04) < 0.01);
        QVERIFY2(lab.readout().contains(QStringLiteral("−g is 47° off the way to the minimum (closed form 47°; at most 54.9°")),
                 qPrintable(lab.readout()));

        // The parabola: its minimum at eps* = g^T g / g^T H g = 0.141.
        const double eps = g.squaredNorm() / g.dot(h * g);
        QVERIFY(std::abs(eps - 0.1414) < 1e-4);
        QXYSeries* best = seriesNamed(lab.lineChart(), QStringLiteral("bestStep"));
        QCOMPARE(best->count(), 1);
        QVERIFY(std::abs(best->at(0).x() - eps) < 1e-12);
        QVERIFY(std::abs(best->at(0).y() + 0.5 * g.squaredNorm() * eps) < 1e-10);
        QXYSeries* model = seriesNamed(lab.lineChart(), QStringLiteral("model"));
        QVERIFY(model->count() > 50);
        for (const QPointF& p : model->points()) QVERIFY(p.y() >= best->at(0).y() - 1e-12);
        QXYSeries* exact = seriesNamed(lab.lineChart(), QStringLiteral("exact"));
        QVERIFY(exact->count() > 5);
        for (const QPointF& p : exact->points())
            QVERIFY(std::abs(p.y() - (-p.x() * g.squaredNorm() + 0.5 * p.x() * p.x() * g.dot(h * g))) < 1e-10);
        QVERIFY(lab.readout().contains(QStringLiteral("ε* = gᵀg/gᵀHg = 0.141")));

        // The zig-zag: 40 steps, each multiplying the loss by 1 - (g^T g)^2/((g^T H g)(g^T x)) = 0.640.
        const double rate = 1 - g.squaredNorm() * g.squaredNorm() / (g.dot(h * g) * g.dot(x));
        QVERIFY(std::abs(rate - 0.6399) < 1e-4);
        QXYSeries* path = seriesNamed(lab.mapChart(), QStringLiteral("zigzag"));
        QCOMPARE(path->count(), 41);
        QCOMPARE(vec(path->at(0)), x);
        QVERIFY((vec(path->at(1)) - (x - eps * g)).norm() < 1e-12);
        for (int t = 0; t + 2 < path->count(); ++t) {   // consecutive steps are perpendicular
            const Eigen::Vector2d a = vec(path->at(t + 1)) - vec(path->at(t)), b = vec(path->at(t + 2)) - vec(path->at(t + 1));
            QVERIFY(std::abs(a.dot(b)) < 1e-9 * a.norm() * b.norm() + 1e-300);
        }
        QXYSeries* loss = seriesNamed(lab.lossChart(), QStringLiteral("loss"));
        QCOMPARE(loss->count(), 41);
        for (double q : ratios(loss)) QVERIFY(std::abs(q - rate) < 1e-6);
        QXYSeries* bound = seriesNamed(lab.lossChart(), QStringLiteral("bound"));
        QVERIFY(bound->count() > 10);
        for (double q : ratios(bound)) QVERIFY(std::abs(q - 81.0 / 121.0) < 1e-9);
        QVERIFY2(lab.readout().contains(QStringLiteral("each step multiplies it by 0.64 (measured; theory from this start 0.64, "
                                                       "worst case ((κ − 1)/(κ + 1))² = 0.669)")),
                 qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
    }

    // A click on the map moves the point; a drag from the point moves it too.
    void clickAndDragThePoint()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        DirectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QTest::mouseClick(lab.mapChart()->viewport(), Qt::LeftButton, {}, lab.mapPosition(QPointF(1.0, 1.5)));
        QVERIFY(settled(lab));
        QVERIFY2(std::abs(lab.pointX()->value() - 1.0) < 0.03, qPrintable(QString::number(lab.pointX()->value())));
        QVERIFY(std::abs(lab.pointY()->value() - 1.5) < 0.03);
        const Eigen::Vector2d x(lab.pointX()->value(), lab.pointY()->value());
        QXYSeries* steep = seriesNamed(lab.mapChart(), QStringLiteral("negativeGradient"));
        QCOMPARE(vec(steep->at(0)), x);
        QVERIFY((arrowDirection(steep) + (hessian(10, 30) * x).normalized()).norm() < 1e-12);

        QWidget* vp = lab.mapChart()->viewport();
        const QPoint from = lab.mapPosition(QPointF(x.x(), x.y())), to = lab.mapPosition(QPointF(-1.0, 2.0));
        QTest::mousePress(vp, Qt::LeftButton, {}, from);
        QCOMPARE(lab.drag()->activeHandle(), 0);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), vp->mapToGlobal(QPointF(to)), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(vp, &move);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
        QVERIFY(settled(lab));
        QVERIFY(std::abs(lab.pointX()->value() + 1.0) < 0.03);
        QVERIFY(std::abs(lab.pointY()->value() - 2.0) < 0.03);
        QCOMPARE(vec(seriesNamed(lab.mapChart(), QStringLiteral("zigzag"))->at(0)),
                 Eigen::Vector2d(lab.pointX()->value(), lab.pointY()->value()));
    }

    // kappa and the rotation changed: kappa = 100, no rotation, (1, 1): g = (1, 100),
    // cos = 101/(sqrt(10001) sqrt(2)), eps* = 10001/1000001.
    void kappaAndRotation()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        DirectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        lab.kappa()->setValue(100);
        lab.angle()->setValue(0);
        setPoint(lab, 1, 1);
        QVERIFY(settled(lab));
        const double angle = std::acos(101 / (std::sqrt(10001.0) * std::sqrt(2.0))) / kDeg;   // 44.43 degrees
        QVERIFY(std::abs(angle - 44.43) < 0.01);
        QVERIFY2(lab.readout().contains(QStringLiteral("−g is 44.4° off the way to the minimum (closed form 44.4°; at most 78.6°")),
                 qPrintable(lab.readout()));
        QXYSeries* steep = seriesNamed(lab.mapChart(), QStringLiteral("negativeGradient"));
        QVERIFY((arrowDirection(steep) + Eigen::Vector2d(1, 100).normalized()).norm() < 1e-12);
        QXYSeries* best = seriesNamed(lab.lineChart(), QStringLiteral("bestStep"));
        QVERIFY(std::abs(best->at(0).x() - 10001.0 / 1000001.0) < 1e-14);
        QVERIFY(lab.readout().contains(QStringLiteral("ε* = gᵀg/gᵀHg = 0.01,")));

        // The rotation turns the arrows with the bowl: at 40 degrees, the same point turned by 40.
        lab.angle()->setValue(40);
        const double c = std::cos(40 * kDeg), s = std::sin(40 * kDeg);
        setPoint(lab, c - s, s + c);
        QVERIFY(settled(lab));
        const Eigen::Vector2d turned(c - 100 * s, s + 100 * c);
        const Eigen::Vector2d x(lab.pointX()->value(), lab.pointY()->value());   // rounded to the box's 3 decimals
        QVERIFY((arrowDirection(steep) + (hessian(100, 40) * x).normalized()).norm() < 1e-12);
        QVERIFY((arrowDirection(steep) + turned.normalized()).norm() < 0.01);
        QVERIFY(everyChartFinite(lab));
    }

    // The worst start: every step keeps ((kappa - 1)/(kappa + 1))^2 of the loss, 0.669 at kappa = 10
    // and 0.961 at kappa = 100, where a factor of a million takes over 300 steps.
    void worstStartAttainsTheBound()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        DirectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        for (double kappa : {10.0, 100.0}) {
            lab.kappa()->setValue(kappa);
            const int steps = kappa == 10 ? 100 : 400;   // at kappa = 10 the loss falls 10^30 by step 174
            lab.steps()->setValue(steps);
            QVERIFY(settled(lab));
            QTest::mouseClick(lab.worstButton(), Qt::LeftButton);
            QVERIFY(settled(lab));
            const double bound = std::pow((kappa - 1) / (kappa + 1), 2);
            QXYSeries* loss = seriesNamed(lab.lossChart(), QStringLiteral("loss"));
            QCOMPARE(loss->count(), steps + 1);
            // Measured against this start's closed form to 1e-6; the spin boxes round the start to 3
            // decimals, so that is the bound to within 10^-4.
            const Eigen::Matrix2d h = hessian(kappa, 30);
            const Eigen::Vector2d x(lab.pointX()->value(), lab.pointY()->value()), g = h * x;
            const double rate = 1 - g.squaredNorm() * g.squaredNorm() / (g.dot(h * g) * g.dot(x));
            QVERIFY(std::abs(rate - bound) < 1e-4);
            for (double q : ratios(loss)) QVERIFY2(std::abs(q - rate) < 1e-6, qPrintable(QString::number(q)));
            const QString worst = kappa == 10 ? QStringLiteral("0.669") : QStringLiteral("0.961");
            QVERIFY2(lab.readout().contains(QStringLiteral("worst case ((κ − 1)/(κ + 1))² = ") + worst), qPrintable(lab.readout()));
            QVERIFY(lab.readout().contains(QStringLiteral("multiplies it by ") + worst + QStringLiteral(" (measured")));
            if (kappa == 100) {
                int t = 0;
                while (t < loss->count() && loss->at(t).y() > 1e-6 * loss->at(0).y()) ++t;
                QVERIFY2(t > 300 && t < 400, qPrintable(QString::number(t)));
            }
        }
        QVERIFY(everyChartFinite(lab));
    }

    // kappa = 1: the round bowl. The gradient points at the minimum and one step lands.
    void roundBowl()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        DirectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        lab.kappa()->setValue(1);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("−g is 0° off the way to the minimum")), qPrintable(lab.readout()));
        QVERIFY(lab.readout().contains(QStringLiteral("Line search lands on the minimum in one step.")));
        QVERIFY(lab.readout().contains(QStringLiteral("ε* = gᵀg/gᵀHg = 1,")));
        QXYSeries* path = seriesNamed(lab.mapChart(), QStringLiteral("zigzag"));
        QCOMPARE(path->count(), 2);
        QVERIFY(vec(path->at(1)).norm() < 1e-14);
        // The landing is on the loss chart: exactly 0 is drawn at 10^-32 of the start's loss.
        QXYSeries* loss = seriesNamed(lab.lossChart(), QStringLiteral("loss"));
        QCOMPARE(loss->count(), 2);
        QVERIFY(loss->at(1).y() > 0 && loss->at(1).y() <= 1e-30 * loss->at(0).y());
        QVERIFY(everyChartFinite(lab));
    }

    // The minimum itself: a clear message, no arrows, nothing non-finite.
    void pointAtTheMinimum()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        DirectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        setPoint(lab, 0, 0);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("is the minimum: the gradient is zero there")), qPrintable(lab.readout()));
        QVERIFY(!lab.readout().contains(QStringLiteral("nan"), Qt::CaseInsensitive));
        QCOMPARE(seriesNamed(lab.mapChart(), QStringLiteral("negativeGradient"))->count(), 0);
        QCOMPARE(seriesNamed(lab.lineChart(), QStringLiteral("bestStep"))->count(), 0);
        QVERIFY(everyChartFinite(lab));
        // And away again: everything comes back.
        setPoint(lab, 2, 0.5);
        QVERIFY(settled(lab));
        QCOMPARE(seriesNamed(lab.mapChart(), QStringLiteral("negativeGradient"))->count(), 5);
    }

    // Every control at its extremes: nothing non-finite, a readout every time.
    void extremes()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        DirectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        for (double kappa : {1.0, 1.01, 1000.0}) {
            for (double angle : {-90.0, 90.0}) {
                lab.kappa()->setValue(kappa);
                lab.angle()->setValue(angle);
                lab.steps()->setValue(500);
                setPoint(lab, 3, -3);
                QVERIFY(settled(lab));
                QVERIFY(everyChartFinite(lab));
                QVERIFY(lab.readout().contains(QStringLiteral("−g is")));
            }
        }
        lab.steps()->setValue(1);
        QVERIFY(settled(lab));
        QCOMPARE(seriesNamed(lab.lossChart(), QStringLiteral("loss"))->count(), 2);
        QVERIFY(everyChartFinite(lab));
    }
};

QTEST_MAIN(TestMomentumDirection)
#include "tst_momentum_direction.moc"
