// The momentum lab of lesson 7, driven as a learner would: α and β changed, the optimum set
// by its button, Nesterov ticked, gradient descent at the same α, a diverging step; checked in
// the paths, the loss curves, the rate map's marks and the readout's measured and theoretical
// rates (Polyak 1964; Goh, "Why Momentum Really Works", Distill 2017).
#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLogValueAxis>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>

#include <cmath>
#include <memory>

#include "engine/experiments/heavyball.h"
#include "engine/surfaces/analytic.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/lab.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/momentum/heavyballlab.h"
#include "lessons/momentum/momentumlesson.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
}

bool everyChartFinite(HeavyBallLab& lab)
{
    return allFinite(lab.pathChart()) && allFinite(lab.lossChart()) && allFinite(lab.mapChart());
}

QString n4(double v) { return formatNumber(v, 4); }

} // namespace

class TestMomentumHeavyBall : public QObject {
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
            if (page->tabs()->tabText(i) == QStringLiteral("Momentum")) tab = i;
        QVERIFY(tab >= 0);
        const QString text = page->labText(tab)->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Polyak 1964")));
        QVERIFY(text.contains(QStringLiteral("(√κ − 1)/(√κ + 1)")));
        QVERIFY(text.contains(QStringLiteral("Best (α*, β*)")));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    }

    // The start, α = 1, β = 0.9 on κ = 100: both paths, the loss with its theory, the map's marks
    // and the readout's rates (√0.9 = 0.9487 against GD's best 99/101 = 0.9802, 2.63 times fewer steps).
    void theDefaults()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        HeavyBallLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QCOMPARE(lab.kappa()->value(), 100.0);
        QXYSeries* gd = seriesNamed(lab.pathChart(), QStringLiteral("gdPath"));
        QXYSeries* mom = seriesNamed(lab.pathChart(), QStringLiteral("momentumPath"));
        QCOMPARE(gd->count(), 151);
        QCOMPARE(mom->count(), 151);
        QCOMPARE(gd->at(0), HeavyBallLab::kStart);
        QCOMPARE(mom->at(0), HeavyBallLab::kStart);
        QCOMPARE(mom->name(), QStringLiteral("heavy ball"));
        // Heavy ball's path, written here: x_{t+1} = x_t − α∇f(x_t) + β(x_t − x_{t−1}).
        const QuadraticBowl bowl(0.01, 1.0, HeavyBallLab::kAngle);
        Eigen::Vector2d x(HeavyBallLab::kStart.x(), HeavyBallLab::kStart.y()), prev = x;
        for (int t = 1; t < mom->count(); ++t) {
            const Eigen::Vector2d next = x - 1.0 * bowl.gradient(x) + 0.9 * (x - prev);
            prev = x;
            x = next;
            QVERIFY(std::hypot(mom->at(t).x() - x.x(), mom->at(t).y() - x.y()) < 1e-12);
        }
        // Gradient descent at 2/(λmin + λmax): its error shrinks by 99/101 a step, so its loss
        // by (99/101)² in the long run, the dashed line's slope.
        QXYSeries* gdLoss = seriesNamed(lab.lossChart(), QStringLiteral("gdLoss"));
        QXYSeries* gdTheory = seriesNamed(lab.lossChart(), QStringLiteral("gdTheory"));
        QXYSeries* momTheory = seriesNamed(lab.lossChart(), QStringLiteral("momentumTheory"));
        QCOMPARE(gdLoss->count(), 151);
        QVERIFY(gdTheory->count() > 100);
        QVERIFY(std::abs(gdTheory->at(1).y() / gdTheory->at(0).y() - std::pow(99.0 / 101, 2)) < 1e-12);
        QVERIFY(std::abs(momTheory->at(1).y() / momTheory->at(0).y() - 0.9) < 1e-12);
        QVERIFY(std::abs(gdLoss->at(150).y() / gdLoss->at(149).y() - std::pow(99.0 / 101, 2)) < 1e-3);
        QVERIFY(lab.lossAxis()->min() <= gdLoss->at(150).y());
        // The map: the optimum (400/121, 81/121) and this run's (1, 0.9).
        QXYSeries* optimum = seriesNamed(lab.mapChart(), QStringLiteral("optimum"));
        QXYSeries* current = seriesNamed(lab.mapChart(), QStringLiteral("current"));
        QCOMPARE(optimum->count(), 1);
        QVERIFY(std::abs(optimum->at(0).x() - 400.0 / 121) < 1e-12);
        QVERIFY(std::abs(optimum->at(0).y() - 81.0 / 121) < 1e-12);
        QCOMPARE(current->at(0), QPointF(1.0, 0.9));
        QXYSeries* edge = seriesNamed(lab.mapChart(), QStringLiteral("edge"));
        QCOMPARE(edge->at(0), QPointF(2.0, 0.0));   // α = 2(1 + β) at β = 0
        // The readout.
        const QString r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("Heavy ball at α = 1, β = 0.9: rate 0.9487 per step measured, 0.9487 in theory")),
                 qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("Gradient descent at lr = 1.98: 0.9802 measured, 0.9802 in theory")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("Momentum needs 2.63 times fewer steps")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("α* = 3.306, β* = 0.6694, rate (√κ − 1)/(√κ + 1) = 0.8182 (GD's best 0.9802)")),
                 qPrintable(r));
        QVERIFY(std::abs(lab.momentumRun().measuredRate - std::sqrt(0.9)) < 1e-5);
        QVERIFY(everyChartFinite(lab));
    }

    // Best (α*, β*): both on the optimum, the run's mark on the star, rate 9/11, 10 times fewer
    // steps; then gradient descent at the same α diverges (α* > 2/λmax) and says at which step.
    void theOptimumAndTheSameAlpha()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        HeavyBallLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QTest::mouseClick(lab.bestButton(), Qt::LeftButton);
        QVERIFY(settled(lab));
        QVERIFY(std::abs(lab.alpha()->value() - 400.0 / 121) < 1e-5);
        QVERIFY(std::abs(lab.beta()->value() - 81.0 / 121) < 1e-5);
        QXYSeries* current = seriesNamed(lab.mapChart(), QStringLiteral("current"));
        QXYSeries* optimum = seriesNamed(lab.mapChart(), QStringLiteral("optimum"));
        QVERIFY(std::abs(current->at(0).x() - optimum->at(0).x()) < 1e-5);
        QVERIFY(std::abs(current->at(0).y() - optimum->at(0).y()) < 1e-5);
        QString r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("rate 0.8182 per step measured, 0.8182 in theory")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("Momentum needs 10 times fewer steps")), qPrintable(r));
        QVERIFY(std::abs(lab.momentumRun().theoryRate - 9.0 / 11) < 1e-4);

        lab.gdStep()->setCurrentIndex(lab.gdStep()->findData(QStringLiteral("same")));
        QVERIFY(settled(lab));
        const MomentumRun& gd = lab.gdRun();
        QVERIFY(gd.diverged);
        QVERIFY(gd.divergedAtStep > 0);
        r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("Gradient descent diverged at step %1").arg(gd.divergedAtStep)), qPrintable(r));
        QXYSeries* path = seriesNamed(lab.pathChart(), QStringLiteral("gdPath"));
        QCOMPARE(path->count(), gd.divergedAtStep);   // the start and the steps before the bad one
        QVERIFY(!r.contains(QStringLiteral("times fewer")));
        QVERIFY(everyChartFinite(lab));
    }

    // Nesterov: the look-ahead gradient, its path against the 1983 recurrence written here, its
    // radius in the readout; then a step size that diverges.
    void nesterovAndDivergence()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        HeavyBallLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        lab.alpha()->setValue(0.8);
        lab.beta()->setValue(0.7);
        lab.nesterov()->setChecked(true);
        QVERIFY(settled(lab));
        QXYSeries* mom = seriesNamed(lab.pathChart(), QStringLiteral("momentumPath"));
        QCOMPARE(mom->name(), QStringLiteral("Nesterov"));
        const QuadraticBowl bowl(0.01, 1.0, HeavyBallLab::kAngle);
        Eigen::Vector2d x(HeavyBallLab::kStart.x(), HeavyBallLab::kStart.y()), prev = x;
        for (int t = 1; t < mom->count(); ++t) {
            const Eigen::Vector2d y = x + 0.7 * (x - prev);
            prev = x;
            x = y - 0.8 * bowl.gradient(y);
            QVERIFY(std::hypot(mom->at(t).x() - x.x(), mom->at(t).y() - x.y()) < 1e-12);
        }
        const double theory = momentumRadius(MomentumMethod::Nesterov, 0.8, 0.7, 0.01, 1.0);
        QString r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("Nesterov at α = 0.8, β = 0.7: rate %1 per step measured, %1 in theory")
                                .arg(n4(theory))),
                 qPrintable(r));
        QXYSeries* edge = seriesNamed(lab.mapChart(), QStringLiteral("edge"));
        QCOMPARE(edge->at(0), QPointF(2.0, 0.0));   // α = 1 + 1/(1 + 2β) at β = 0
        QVERIFY(std::abs(edge->at(edge->count() - 1).x() - (1 + 1 / (1 + 2 * 0.999))) < 1e-12);

        // α = 4.2, β = 0: the steep direction grows by 3.2 a step; the run stops, never NaN.
        lab.nesterov()->setChecked(false);
        lab.beta()->setValue(0);
        lab.alpha()->setValue(4.2);
        QVERIFY(settled(lab));
        QVERIFY(lab.momentumRun().diverged);
        r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("Heavy ball diverged at step %1").arg(lab.momentumRun().divergedAtStep)),
                 qPrintable(r));
        QVERIFY(r.contains(QStringLiteral("rate 3.2 per step measured, 3.2 in theory")));
        QVERIFY(everyChartFinite(lab));
    }

    // The controls at their ends: nothing crashes, hangs or plots NaN.
    void extremes()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        HeavyBallLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        for (double kappa : {2.0, 1000.0})
            for (double beta : {0.0, 0.999})
                for (double alpha : {0.001, 4.2}) {
                    lab.kappa()->setValue(kappa);
                    lab.beta()->setValue(beta);
                    lab.alpha()->setValue(alpha);
                    lab.steps()->setValue(alpha < 1 ? 2000 : 1);
                    QVERIFY(settled(lab));
                    QVERIFY(everyChartFinite(lab));
                    QVERIFY(!lab.readout().isEmpty());
                    QVERIFY(!lab.readout().contains(QStringLiteral("nan")));
                    QVERIFY(!lab.readout().contains(QStringLiteral("inf")));
                }
    }
};

QTEST_MAIN(TestMomentumHeavyBall)
#include "tst_momentum_heavyball.moc"
