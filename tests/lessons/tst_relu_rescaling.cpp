// The relu-rescaling lesson: its labs driven as a learner would, the claims its texts make
// checked against independent references, and its exercises against the answer checker.
#include <QtTest>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSlider>
#include <QThreadPool>

#include <cmath>

#include "engine/nn/activation.h"
#include "engine/symmetry/symmetry.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/relu-rescaling/factorcontrol.h"
#include "lessons/relu-rescaling/homogeneitylab.h"
#include "lessons/relu-rescaling/rescalelab.h"
#include "lessons/relu-rescaling/rescalingexample.h"
#include "lessons/relu-rescaling/sharpnesslab.h"
#include "lessons/relu-rescaling/valleylab.h"

using namespace minima;

namespace {

QXYSeries* seriesNamed(FigureChart* chart, const QString& objectName)
{
    for (QAbstractSeries* s : chart->chart()->series())
        if (s->objectName() == objectName) return qobject_cast<QXYSeries*>(s);
    return nullptr;
}

bool allFinite(FigureChart* chart)
{
    for (QAbstractSeries* s : chart->chart()->series())
        if (auto* xy = qobject_cast<QXYSeries*>(s))
            for (const QPointF& p : xy->points())
                if (!std::isfinite(p.x()) || !std::isfinite(p.y())) return false;
    return true;
}

double largestGap(const QXYSeries* a, const QXYSeries* b)
{
    if (a->count() != b->count()) return INFINITY;
    double gap = 0;
    for (int i = 0; i < a->count(); ++i) {
        if (a->at(i).x() != b->at(i).x()) return INFINITY;
        gap = std::max(gap, std::fabs(a->at(i).y() - b->at(i).y()));
    }
    return gap;
}

} // namespace

class TestReluRescaling : public QObject {
    Q_OBJECT
    QThreadPool pool_;

private slots:
    void rescaleLabOutputs_data()
    {
        QTest::addColumn<double>("k");
        QTest::addColumn<bool>("scaleBias");
        QTest::addColumn<bool>("same");
        QTest::newRow("k = 0.25") << 0.25 << true << true;
        QTest::newRow("k = 2") << 2.0 << true << true;
        QTest::newRow("k = 4") << 4.0 << true << true;
        QTest::newRow("k = -1 changes it") << -1.0 << true << false;
        QTest::newRow("k = -4 changes it") << -4.0 << true << false;
        QTest::newRow("bias forgotten, k = 2") << 2.0 << false << false;
        QTest::newRow("bias forgotten, k = 0.25") << 0.25 << false << false;
    }
    void rescaleLabOutputs()
    {
        QFETCH(double, k);
        QFETCH(bool, scaleBias);
        QFETCH(bool, same);
        LessonContext ctx(nullptr, nullptr, &pool_);
        RescaleLab lab(ctx);
        lab.resize(1000, 800);
        lab.show();
        for (int n = 0; n < lab.neuronBox()->count(); ++n) {
            lab.neuronBox()->setCurrentIndex(n);
            if (lab.scaleBiasBox()->isChecked() != scaleBias) QTest::mouseClick(lab.scaleBiasBox(), Qt::LeftButton, {}, QPoint(5, lab.scaleBiasBox()->height() / 2));
            QCOMPARE(lab.scaleBiasBox()->isChecked(), scaleBias);
            lab.factor()->spinBox()->setValue(k);
            auto* original = seriesNamed(lab.chart(), QStringLiteral("original"));
            auto* rescaled = seriesNamed(lab.chart(), QStringLiteral("rescaled"));
            QVERIFY(original && rescaled);
            QVERIFY(original->count() > 100);
            const double gap = largestGap(original, rescaled);
            const QString text = lab.verdict()->text();
            if (same) {
                QVERIFY2(gap <= 1e-12, qPrintable(QStringLiteral("neuron %1: gap %2").arg(n).arg(gap)));
                QVERIFY2(text.contains(QStringLiteral("Same function")), qPrintable(text));
            } else {
                QVERIFY2(gap > 1e-3, qPrintable(QStringLiteral("neuron %1: gap %2").arg(n).arg(gap)));
                QVERIFY2(text.contains(QStringLiteral("different function")), qPrintable(text));
            }
            QVERIFY(allFinite(lab.chart()));
        }
    }
};

QTEST_MAIN(TestReluRescaling)
#include "tst_relu_rescaling.moc"
