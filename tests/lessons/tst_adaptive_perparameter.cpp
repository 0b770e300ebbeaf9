// The per-parameter lab of the adaptive-rates lesson, driven as a learner would: the condition
// number, rotation, steps and rates changed, the three paths, losses and effective rates checked
// against AdaGrad's and RMSProp's formulas worked here, the readout's steps to the tolerance and
// slopes, nothing non-finite at the controls' extremes, and gradient descent diverging.
#include <QtTest>

#include <QDoubleSpinBox>
#include <QLegendMarker>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>

#include <cmath>
#include <memory>
#include <numbers>

#include <Eigen/Core>

#include "lessons/adaptive-rates/adaptiverateslesson.h"
#include "lessons/adaptive-rates/perparameterlab.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
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

bool everyChartFinite(PerParameterLab& lab)
{
    return allFinite(lab.mapChart()) && allFinite(lab.lossChart()) && allFinite(lab.rateChart());
}

QStringList legendNames(FigureChart* chart)
{
    QStringList out;
    for (QLegendMarker* m : chart->chart()->legend()->markers())
        if (m->isVisible() && !m->label().isEmpty()) out << m->label();
    return out;
}

} // namespace

class TestAdaptivePerParameter : public QObject {
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
        QVERIFY(page->labCount() >= 1);
        QCOMPARE(page->tabs()->tabText(0), QStringLiteral("A learning rate per parameter"));
        const QString text = page->labText(0)->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("ε/(δ + √rᵢ)")));
        QVERIFY(text.contains(QStringLiteral("1/√t")));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    }

    // The defaults as the text gives them: kappa 100, 0 degrees, (-2.5, 2), every rate 0.01, 2000 steps.
    void defaultsAsTheTextSays()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        PerParameterLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QCOMPARE(lab.kappa()->value(), 100.0);
        QCOMPARE(lab.angle()->value(), 0.0);
        QCOMPARE(lab.steps()->value(), 2000);
        QVERIFY(everyChartFinite(lab));

        // The paths: each starts at the start; GD's first step is x - 0.01 H x.
        const Eigen::Matrix2d h = hessian(100, 0);
        const Eigen::Vector2d x0(-2.5, 2.0);
        for (const char* name : {"gdPath", "adagradPath", "rmspropPath"}) {
            QXYSeries* s = seriesNamed(lab.mapChart(), QString::fromLatin1(name));
            QVERIFY(s);
            QCOMPARE(s->count(), 2001);
            QCOMPARE(s->at(0), QPointF(-2.5, 2.0));
        }
        const Eigen::Vector2d gd1 = x0 - 0.01 * (h * x0);
        QXYSeries* gdPath = seriesNamed(lab.mapChart(), QStringLiteral("gdPath"));
        QVERIFY(std::abs(gdPath->at(1).x() - gd1.x()) < 1e-12 && std::abs(gdPath->at(1).y() - gd1.y()) < 1e-12);

        // The rates at step 1: GD's eps; AdaGrad's and RMSProp's eps/(delta + sqrt(r)) with r = g^2 and
        // r = (1 - rho) g^2, g = H x0 = (-2.5, 200).
        const Eigen::Vector2d g = h * x0;
        auto firstY = [&](const char* name) { return seriesNamed(lab.rateChart(), QString::fromLatin1(name))->at(0).y(); };
        QCOMPARE(seriesNamed(lab.rateChart(), QStringLiteral("gdRate"))->at(0), QPointF(1, 0.01));
        QVERIFY(std::abs(firstY("adagradRate1") - 0.01 / (1e-8 + std::abs(g.x()))) < 1e-15);
        QVERIFY(std::abs(firstY("adagradRate2") - 0.01 / (1e-8 + std::abs(g.y()))) < 1e-15);
        QVERIFY(std::abs(firstY("rmspropRate1") - 0.01 / (1e-8 + std::sqrt(0.1) * std::abs(g.x()))) < 1e-15);
        QVERIFY(std::abs(firstY("rmspropRate2") - 0.01 / (1e-8 + std::sqrt(0.1) * std::abs(g.y()))) < 1e-15);
        // AdaGrad's rates never rise; the guide falls as 1/sqrt(t).
        for (const char* name : {"adagradRate1", "adagradRate2"}) {
            QXYSeries* s = seriesNamed(lab.rateChart(), QString::fromLatin1(name));
            QVERIFY(s->count() > 100);
            for (int i = 1; i < s->count(); ++i) QVERIFY(s->at(i).y() <= s->at(i - 1).y() * (1 + 1e-12));
            QVERIFY(s->at(s->count() - 1).x() == 2000.0);
        }
        QXYSeries* guide = seriesNamed(lab.rateChart(), QStringLiteral("sqrtGuide"));
        QVERIFY(guide->count() > 10);
        const QPointF a = guide->at(0), b = guide->at(guide->count() - 1);
        QVERIFY(std::abs(std::log(b.y() / a.y()) / std::log(b.x() / a.x()) + 0.5) < 1e-9);
        // The losses start at f(x0) = 0.5 (6.25 + 400).
        QVERIFY(std::abs(seriesNamed(lab.lossChart(), QStringLiteral("gdLoss"))->at(0).y() - 203.125) < 1e-9);

        const QString r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("gradient descent in 550")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("AdaGrad not within 2000")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("RMSProp in 280")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("slope −0.419 (x₁) and −0.397 (x₂)")), qPrintable(r));
        QVERIFY(!r.contains(QStringLiteral("nan"), Qt::CaseInsensitive));

        QVERIFY(legendNames(lab.mapChart()).contains(QStringLiteral("AdaGrad")));
        QVERIFY(legendNames(lab.mapChart()).contains(QStringLiteral("start")));
        const QStringList rateKeys = legendNames(lab.rateChart());
        for (const char* k : {"GD, both", "AdaGrad x₁", "AdaGrad x₂", "RMSProp x₁", "RMSProp x₂", "∝ 1/√t"})
            QVERIFY2(rateKeys.contains(QString::fromUtf8(k)), k);
        QCOMPARE(legendNames(lab.lossChart()).size(), 3);
    }

    // Rotating to 45 degrees: the readout's steps change as the engine test measures.
    void rotationAndAdagradRate()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        PerParameterLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        lab.angle()->setValue(45);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("at 45° with κ = 100: gradient descent in 355")), qPrintable(lab.readout()));
        QVERIFY2(lab.readout().contains(QStringLiteral("RMSProp in 446")), qPrintable(lab.readout()));
        lab.angle()->setValue(0);
        lab.adagradRate()->setValue(1.0);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("AdaGrad in 15")), qPrintable(lab.readout()));
        // A longer run: the steps reach the rate chart's last point.
        lab.steps()->setValue(5000);
        QVERIFY(settled(lab));
        QCOMPARE(seriesNamed(lab.rateChart(), QStringLiteral("gdRate"))->points().last().x(), 5000.0);
        QVERIFY(everyChartFinite(lab));
    }

    // Gradient descent above 2/kappa diverges: said in the readout, nothing non-finite drawn.
    void divergingGradientDescent()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        PerParameterLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        lab.kappa()->setValue(1000);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("gradient descent diverged at step")), qPrintable(lab.readout()));
        QVERIFY(lab.readout().contains(QStringLiteral("above 2/κ = 0.002")));
        QVERIFY(everyChartFinite(lab));
        QXYSeries* gd = seriesNamed(lab.mapChart(), QStringLiteral("gdPath"));
        QVERIFY(gd->count() > 1 && gd->count() < 2001);
        lab.gdRate()->setValue(10);
        QVERIFY(settled(lab));
        QVERIFY(lab.readout().contains(QStringLiteral("diverged")));
        QVERIFY(everyChartFinite(lab));
    }

    // Every control at its extremes: nothing crashes, nothing non-finite is drawn, the readout reads.
    void extremes()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        PerParameterLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QList<QDoubleSpinBox*> boxes{lab.kappa(), lab.angle(), lab.gdRate(), lab.adagradRate(), lab.rmspropRate(),
                                     lab.rho(), lab.startX(), lab.startY()};
        for (QDoubleSpinBox* b : boxes)
            for (double v : {b->minimum(), b->maximum()}) {
                const double old = b->value();
                b->setValue(v);
                QVERIFY(settled(lab));
                QVERIFY2(everyChartFinite(lab), qPrintable(b->objectName()));
                QVERIFY(!lab.readout().isEmpty());
                QVERIFY(!lab.readout().contains(QStringLiteral("nan"), Qt::CaseInsensitive));
                b->setValue(old);
            }
        lab.steps()->setValue(1);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("needs at least 20 steps")), qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
        // The start on the minimum itself.
        lab.startX()->setValue(0);
        lab.startY()->setValue(0);
        QVERIFY(settled(lab));
        QVERIFY(everyChartFinite(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("gradient descent in 0")), qPrintable(lab.readout()));
    }
};

QTEST_MAIN(TestAdaptivePerParameter)
#include "tst_adaptive_perparameter.moc"
