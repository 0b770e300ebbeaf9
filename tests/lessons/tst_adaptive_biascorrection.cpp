// The bias-correction lab of lesson 9, driven as a learner would: the defaults' steps against the
// closed forms written here (Kingma & Ba 2015, section 3), other betas, the noisy stream with its
// seed and noise, the bias factors and the Monte-Carlo means, the readout's numbers, and the
// controls at their ends (beta1 = 0, beta2 = 0.99999, the smallest and largest alpha, g and sigma).
#include <QtTest>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>

#include <cmath>
#include <memory>

#include "engine/experiments/biascorrection.h"
#include "lessons/adaptive-rates/adaptiverateslesson.h"
#include "lessons/adaptive-rates/biascorrectionlab.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/numberformat.h"
#include "lessons/common/lab.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
}

bool everyChartFinite(BiasCorrectionLab& lab) { return allFinite(lab.stepChart()) && allFinite(lab.biasChart()); }

// The uncorrected constant-gradient step over alpha, written here (eps = 1e-8).
double closedOverAlpha(double b1, double b2, double g, int t)
{
    return (1 - std::pow(b1, t)) * g / (std::sqrt(1 - std::pow(b2, t)) * g + 1e-8);
}

void selectStream(BiasCorrectionLab& lab, const char* key)
{
    lab.stream()->setCurrentIndex(lab.stream()->findData(QString::fromLatin1(key)));
}

} // namespace

class TestAdaptiveBiasCorrection : public QObject {
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
        int tab = -1;
        for (int i = 0; i < page->labCount(); ++i)
            if (page->tabs()->tabText(i) == QStringLiteral("Adam's bias correction")) tab = i;
        QVERIFY(tab >= 0);
        const QString text = page->labText(tab)->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("(1 − β₁ᵗ) E[g]")));
        QVERIFY(text.contains(QStringLiteral("3.16 α")));
        QVERIFY(text.contains(QStringLiteral("6.57 α at")));
        QVERIFY(text.contains(QStringLiteral("4.50 α")));
        QVERIFY(text.contains(QStringLiteral("step 69,315")));
        QVERIFY(text.contains(QStringLiteral("step 50 is 0.71 α")));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    }

    // Constant g = 1, beta1 0.9, beta2 0.999: 50 corrected steps of 1 alpha, the uncorrected ones on
    // the closed form (3.162 at step 1, 6.569 at step 12, 4.504 at step 50), the bias factors, and
    // the readout saying so.
    void theDefaults()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        BiasCorrectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        QXYSeries* c = seriesNamed(lab.stepChart(), QStringLiteral("corrected"));
        QXYSeries* u = seriesNamed(lab.stepChart(), QStringLiteral("uncorrected"));
        QXYSeries* cu = seriesNamed(lab.stepChart(), QStringLiteral("closedUncorrected"));
        QXYSeries* cc = seriesNamed(lab.stepChart(), QStringLiteral("closedCorrected"));
        QCOMPARE(c->count(), 50);
        QCOMPARE(u->count(), 50);
        QCOMPARE(cu->count(), 50);
        QCOMPARE(cc->count(), 50);
        QCOMPARE(c->name(), QStringLiteral("with correction (Adam)"));
        QCOMPARE(u->name(), QStringLiteral("without correction, m/√v"));
        QCOMPARE(cu->name(), QStringLiteral("closed form without: α(1 − β₁ᵗ)/√(1 − β₂ᵗ)"));
        for (int i = 0; i < 50; ++i) {
            const int t = i + 1;
            QCOMPARE(c->at(i).x(), double(t));
            QVERIFY(std::abs(c->at(i).y() - 1 / (1 + 1e-8)) < 1e-10);
            QVERIFY(std::abs(u->at(i).y() - closedOverAlpha(0.9, 0.999, 1, t)) < 1e-10);
            QVERIFY(std::abs(cu->at(i).y() - closedOverAlpha(0.9, 0.999, 1, t)) < 1e-10);
        }
        QVERIFY(std::abs(u->at(0).y() - 0.1 / std::sqrt(0.001)) < 1e-6);
        QXYSeries* b1 = seriesNamed(lab.biasChart(), QStringLiteral("bias1"));
        QXYSeries* b2 = seriesNamed(lab.biasChart(), QStringLiteral("bias2"));
        QXYSeries* m = seriesNamed(lab.biasChart(), QStringLiteral("meanM"));
        QXYSeries* v = seriesNamed(lab.biasChart(), QStringLiteral("meanV"));
        QCOMPARE(b1->count(), 50);
        QCOMPARE(m->count(), 50);
        QVERIFY(std::abs(b1->at(0).y() - 0.1) < 1e-12);
        QVERIFY(std::abs(b2->at(9).y() - (1 - std::pow(0.999, 10))) < 1e-12);
        QVERIFY(std::abs(m->at(9).y() - (1 - std::pow(0.9, 10))) < 1e-12);   // constant: exactly the factor
        QVERIFY(std::abs(v->at(49).y() - (1 - std::pow(0.999, 50))) < 1e-12);
        QCOMPARE(v->name(), QStringLiteral("mean vₜ / (g² + σ²)"));
        const QString r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("with the correction every step is 1 α")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("Without it step 1 is 3.162 α, the largest 6.569 α at step 12, step 50 4.504 α")),
                 qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("m₁ = 0.1 against g = 1")), qPrintable(r));
        QVERIFY(!lab.noise()->isEnabled());
        QVERIFY(everyChartFinite(lab));
    }

    // Other betas and steps: beta1 = 0.5, beta2 = 0.5, step 2 is sqrt(0.75) alpha without the
    // correction; 200 steps draw 200 points.
    void otherBetas()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        BiasCorrectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        lab.beta1()->setValue(0.5);
        lab.beta2()->setValue(0.5);
        lab.steps()->setValue(200);
        lab.gradient()->setValue(2.5);
        QVERIFY(settled(lab));
        QXYSeries* u = seriesNamed(lab.stepChart(), QStringLiteral("uncorrected"));
        QCOMPARE(u->count(), 200);
        QVERIFY(std::abs(u->at(1).y() - std::sqrt(0.75)) < 1e-8);
        for (int i = 0; i < 200; ++i) QVERIFY(std::abs(u->at(i).y() - closedOverAlpha(0.5, 0.5, 2.5, i + 1)) < 1e-10);
        QVERIFY2(lab.readout().contains(QStringLiteral("Constant g = 2.5, β₁ = 0.5, β₂ = 0.5")), qPrintable(lab.readout()));
        QVERIFY(everyChartFinite(lab));
    }

    // The noisy stream: the drawn steps are the engine's (same seed), a new seed changes them,
    // the readout counts the steps whose mean lies in its interval; the mean corrected step at
    // step 50 falls below alpha.
    void noisyStream()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        BiasCorrectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        selectStream(lab, "noisy");
        QVERIFY(settled(lab));
        QVERIFY(lab.noise()->isEnabled());
        QVERIFY(lab.seed()->isEnabled());
        BiasCorrectionParams p;
        p.sigma = 1;
        p.seed = 1;
        const BiasCorrectionResult expected = runBiasCorrection(p);
        QXYSeries* c = seriesNamed(lab.stepChart(), QStringLiteral("corrected"));
        QCOMPARE(c->count(), 50);
        for (int i = 0; i < 50; ++i) QVERIFY(std::abs(c->at(i).y() - expected.corrected[std::size_t(i)] / p.alpha) < 1e-12);
        QVERIFY(expected.meanCorrected[49] < p.alpha);
        QCOMPARE(QString::number(expected.meanCorrected[49] / p.alpha, 'f', 2), QStringLiteral("0.71"));   // the text's figure
        QXYSeries* m = seriesNamed(lab.biasChart(), QStringLiteral("meanM"));
        for (int i = 0; i < 50; ++i) QVERIFY(std::abs(m->at(i).y() - expected.meanM[std::size_t(i)]) < 1e-12);
        QString r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("Noisy g = 1 + 1·N(0, 1), β₁ = 0.9, β₂ = 0.999, seed 1")), qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("Mean step over 2000 streams at step 50: %1 α with")
                                .arg(formatNumber(expected.meanCorrected[49] / p.alpha, 4))),
                 qPrintable(r));
        QVERIFY2(r.contains(QStringLiteral("Over 2000 streams the mean mₜ is within the 95 % interval of (1 − β₁ᵗ)g at")),
                 qPrintable(r));
        int inside = 0;
        for (std::size_t i = 0; i < 50; ++i)
            if (std::abs(expected.meanM[i] - expected.expectedM[i]) <= 1.96 * expected.seM[i]) ++inside;
        QVERIFY(inside >= 40);
        QVERIFY2(r.contains(QStringLiteral("at %1 of 50 steps").arg(inside)), qPrintable(r));
        const double first = c->at(0).y();
        lab.seed()->setValue(2);
        lab.noise()->setValue(3);
        QVERIFY(settled(lab));
        QVERIFY(c->at(0).y() != first);
        r = lab.readout();
        QVERIFY2(r.contains(QStringLiteral("Noisy g = 1 + 3·N(0, 1), β₁ = 0.9, β₂ = 0.999, seed 2")), qPrintable(r));
        QVERIFY(everyChartFinite(lab));
    }

    // The controls at their ends: nothing crashes, hangs or plots NaN; beta1 = 0 makes every
    // uncorrected step 1/sqrt(1 - beta2^t); beta2 = 0.99999 then starts it at 316 alpha.
    void extremes()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        BiasCorrectionLab lab(ctx);
        lab.resize(1300, 850);
        lab.show();
        QVERIFY(settled(lab));
        lab.beta1()->setValue(0);
        lab.beta2()->setValue(0.99999);
        QVERIFY(settled(lab));
        QXYSeries* u = seriesNamed(lab.stepChart(), QStringLiteral("uncorrected"));
        QVERIFY(std::abs(u->at(0).y() - closedOverAlpha(0, 0.99999, 1, 1)) < 1e-9);
        QVERIFY(std::abs(u->at(0).y() - 316.2) < 0.05);   // 1/sqrt(1e-5), less eps's 3e-6
        for (const char* stream : {"constant", "noisy"})
            for (double b1 : {0.0, 0.999})
                for (double b2 : {0.0, 0.99999})
                    for (double alpha : {0.0001, 1.0}) {
                        selectStream(lab, stream);
                        lab.beta1()->setValue(b1);
                        lab.beta2()->setValue(b2);
                        lab.alpha()->setValue(alpha);
                        lab.gradient()->setValue(alpha < 1 ? 0.01 : 10);
                        lab.noise()->setValue(alpha < 1 ? 0 : 10);
                        lab.steps()->setValue(alpha < 1 ? 5 : 500);
                        QVERIFY(settled(lab));
                        QVERIFY(everyChartFinite(lab));
                        const QString r = lab.readout();
                        QVERIFY(!r.isEmpty());
                        QVERIFY2(!r.contains(QStringLiteral("nan")) && !r.contains(QStringLiteral("inf")), qPrintable(r));
                        QVERIFY(!r.contains(QStringLiteral("non-finite")));
                    }
    }
};

QTEST_MAIN(TestAdaptiveBiasCorrection)
#include "tst_adaptive_biascorrection.moc"
