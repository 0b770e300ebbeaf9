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
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QValueAxis>
#include <QThreadPool>

#include <memory>

#include <cmath>

#include <Eigen/Eigenvalues>

#include "engine/nn/activation.h"
#include "engine/nn/training.h"
#include "engine/symmetry/sharpness.h"
#include "engine/symmetry/symmetry.h"
#include "lessons/common/charts/heatmap.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisedraw.h"
#include "lessons/common/networkdiagram.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/common/lab.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/relu-rescaling/relurescalinglesson.h"
#include "lessons/relu-rescaling/factorcontrol.h"
#include "lessons/relu-rescaling/homogeneitylab.h"
#include "lessons/relu-rescaling/rescalelab.h"
#include "lessons/relu-rescaling/rescalingexample.h"
#include "lessons/relu-rescaling/sharpnesslab.h"
#include "lessons/relu-rescaling/valleylab.h"
#include "common/chartlookup.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

// The number a label shows, read back (labels write minus signs as U+2212).
double labelNumber(const QLabel* label)
{
    QString t = label->text();
    t.replace(QChar(0x2212), QLatin1Char('-'));
    bool ok = false;
    const double v = t.toDouble(&ok);
    return ok ? v : NAN;
}

QString parameter(const ExerciseInstance& inst, const QString& name)
{
    for (const auto& p : inst.parameters)
        if (p.first == name) return p.second;
    return {};
}

// Waits until the lab has shown the result of its latest controls.
bool settled(Lab& lab)
{
    return QTest::qWaitFor([&] { return !lab.isBusy(); }, test::waitMs(60000));
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
    // The page: four labs in the book's order, each with its text (none missing) beside its figure.
    void lessonPage()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        ReluRescalingLesson lesson;
        QCOMPARE(lesson.id(), QStringLiteral("relu-rescaling"));
        std::unique_ptr<QWidget> widget(lesson.createPage(ctx, nullptr));
        auto* page = qobject_cast<LessonPage*>(widget.get());
        QVERIFY(page);
        QCOMPARE(page->labCount(), 4);
        const QStringList titles = {QStringLiteral("Rescale a neuron"), QStringLiteral("The proof, visualised"),
                                    QStringLiteral("A valley of minima"), QStringLiteral("Same function, different sharpness")};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(page->tabs()->tabText(i), titles[i]);
            const QString text = page->labText(i)->toPlainText();
            QVERIFY2(!text.contains(QStringLiteral("missing from this build")), qPrintable(text));
            QVERIFY(text.size() > 400);
        }
        // The book's slip is named where it is shown (labs 1 and 2).
        QVERIFY(page->labText(0)->toPlainText().contains(QStringLiteral("wrong for negative k")));
        QVERIFY(page->labText(1)->toPlainText().contains(QStringLiteral("Why it fails for k < 0")));
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    }

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
            QVERIFY(settled(lab));
            auto* original = seriesNamed(lab.chart(), QStringLiteral("original"));
            auto* rescaled = seriesNamed(lab.chart(), QStringLiteral("rescaled"));
            QVERIFY(original && rescaled);
            QVERIFY(original->count() > 100);
            const double gap = largestGap(original, rescaled);
            const QString text = lab.readout();
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

    void rescaleLabRefusesZero()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        RescaleLab lab(ctx);
        lab.resize(1000, 800);
        lab.show();
        lab.factor()->spinBox()->setValue(0.0);
        QVERIFY(settled(lab));
        QVERIFY2(lab.readout().contains(QStringLiteral("k = 0 is refused")), qPrintable(lab.readout()));
        QCOMPARE(seriesNamed(lab.chart(), QStringLiteral("rescaled"))->count(), 0);
        QVERIFY(seriesNamed(lab.chart(), QStringLiteral("original"))->count() > 100);
        // The rescaled diagram falls back to the original network.
        QCOMPARE(lab.rescaledDiagram()->parameters(), rescalingExample().net.parameters());
        // Back to k = 2 from there: the rescaled curve returns.
        lab.factor()->spinBox()->setValue(2.0);
        QVERIFY(settled(lab));
        QVERIFY(seriesNamed(lab.chart(), QStringLiteral("rescaled"))->count() > 100);
    }

    // The slider is the learner's way in: every step from -4 to 4, by keyboard.
    void rescaleLabSliderSweep()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        RescaleLab lab(ctx);
        lab.resize(1000, 800);
        lab.show();
        QSlider* slider = lab.factor()->slider();
        slider->setFocus();
        QTest::keyClick(slider, Qt::Key_Home);
        QCOMPARE(lab.factor()->value(), -4.0);
        int refused = 0;
        for (int i = 0; i < slider->maximum(); ++i) {
            QVERIFY(settled(lab));
            QVERIFY(allFinite(lab.chart()));
            const double k = lab.factor()->value();
            const double gap = largestGap(seriesNamed(lab.chart(), QStringLiteral("original")),
                                          seriesNamed(lab.chart(), QStringLiteral("rescaled")));
            if (k > 0) QVERIFY2(gap <= 1e-12, qPrintable(QStringLiteral("k = %1: gap %2").arg(k).arg(gap)));
            else if (k < 0) QVERIFY2(gap > 1e-3 && std::isfinite(gap), qPrintable(QStringLiteral("k = %1: gap %2").arg(k).arg(gap)));
            else ++refused;
            QTest::keyClick(slider, Qt::Key_Right);
        }
        QCOMPARE(lab.factor()->value(), 4.0);
        QCOMPARE(refused, 1);
    }

    // Clicking a hidden neuron in a diagram chooses it; the rescaled diagram shows the new weights.
    void rescaleLabDiagram()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        RescaleLab lab(ctx);
        lab.resize(1100, 850);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        QVERIFY(settled(lab));
        NetworkDiagram* d = lab.originalDiagram();
        QTest::mouseClick(d, Qt::LeftButton, {}, d->neuronCentre(2, 3).toPoint());
        QCOMPARE(lab.neuronBox()->currentText(), QStringLiteral("Layer 2, neuron 4"));
        QCOMPARE(lab.rescaledDiagram()->selectedLayer(), 2);
        QCOMPARE(lab.rescaledDiagram()->selectedIndex(), 3);
        // An input cannot be rescaled: the choice stays.
        QTest::mouseClick(d, Qt::LeftButton, {}, d->neuronCentre(0, 0).toPoint());
        QCOMPARE(lab.neuronBox()->currentText(), QStringLiteral("Layer 2, neuron 4"));
        QCOMPARE(d->selectedLayer(), 2);

        lab.factor()->spinBox()->setValue(2.0);
        QVERIFY(settled(lab));
        const Network& net = rescalingExample().net;
        const Eigen::VectorXd& p = lab.rescaledDiagram()->parameters();
        // Incoming row and bias doubled, outgoing column halved, everything else as trained.
        for (int j = 0; j < 4; ++j) QCOMPARE(net.weightsIn(p.data(), 1)(3, j), 2.0 * net.weights(1)(3, j));
        QCOMPARE(net.biasIn(p.data(), 1)(3), 2.0 * net.bias(1)(3));
        QCOMPARE(net.weightsIn(p.data(), 2)(0, 3), 0.5 * net.weights(2)(0, 3));
        QCOMPARE(net.weightsIn(p.data(), 2)(0, 2), net.weights(2)(0, 2));
        QCOMPARE(net.weightsIn(p.data(), 0), net.weights(0));
    }

    void homogeneity_data()
    {
        QTest::addColumn<int>("activation");   // index in the lab's list
        QTest::addColumn<double>("k");
        QTest::addColumn<bool>("coincide");
        // ReLU, leaky ReLU: k >= 0 only.
        for (int a : {0, 1}) {
            const char* n = a == 0 ? "relu" : "leaky";
            QTest::newRow(qPrintable(QStringLiteral("%1, k = 0.25").arg(n))) << a << 0.25 << true;
            QTest::newRow(qPrintable(QStringLiteral("%1, k = 2").arg(n))) << a << 2.0 << true;
            QTest::newRow(qPrintable(QStringLiteral("%1, k = 4").arg(n))) << a << 4.0 << true;
            QTest::newRow(qPrintable(QStringLiteral("%1, k = 0").arg(n))) << a << 0.0 << true;
            QTest::newRow(qPrintable(QStringLiteral("%1, k = -1 splits").arg(n))) << a << -1.0 << false;
            QTest::newRow(qPrintable(QStringLiteral("%1, k = -4 splits").arg(n))) << a << -4.0 << false;
        }
        QTest::newRow("linear, k = -4") << 2 << -4.0 << true;
        QTest::newRow("linear, k = -0.25") << 2 << -0.25 << true;
        QTest::newRow("linear, k = 3") << 2 << 3.0 << true;
        QTest::newRow("tanh, k = 2 splits") << 3 << 2.0 << false;
        QTest::newRow("tanh, k = -1 (odd)") << 3 << -1.0 << true;
        QTest::newRow("sigmoid, k = 2 splits") << 4 << 2.0 << false;
        QTest::newRow("sigmoid, k = -1 splits") << 4 << -1.0 << false;
        QTest::newRow("sigmoid, k = 1") << 4 << 1.0 << true;
    }
    void homogeneity()
    {
        QFETCH(int, activation);
        QFETCH(double, k);
        QFETCH(bool, coincide);
        LessonContext ctx(nullptr, nullptr, &pool_);
        HomogeneityLab lab(ctx);
        lab.activationBox()->setCurrentIndex(activation);
        lab.factor()->spinBox()->setValue(k);
        QVERIFY(settled(lab));
        auto* left = seriesNamed(lab.chart(), QStringLiteral("scaledInput"));
        auto* right = seriesNamed(lab.chart(), QStringLiteral("scaledOutput"));
        QVERIFY(left && right && left->count() > 100);
        // Independent reference: the activations written out here.
        auto f = [activation](double z) {
            switch (activation) {
            case 0: return std::max(0.0, z);
            case 1: return z > 0 ? z : 0.01 * z;
            case 2: return z;
            case 3: return std::tanh(z);
            default: return 1.0 / (1.0 + std::exp(-z));
            }
        };
        for (int i = 0; i < left->count(); ++i) {
            const double z = left->at(i).x();
            QVERIFY(std::fabs(left->at(i).y() - f(k * z)) < 1e-12);
            QVERIFY(std::fabs(right->at(i).y() - k * f(z)) < 1e-12);
        }
        const double gap = largestGap(left, right);
        const QString text = lab.readout();
        if (coincide) {
            QVERIFY2(gap <= 1e-12, qPrintable(QString::number(gap)));
            QVERIFY2(text.contains(QStringLiteral("coincide")), qPrintable(text));
        } else {
            QVERIFY2(gap > 1e-3, qPrintable(QString::number(gap)));
            QVERIFY2(text.contains(QStringLiteral("split")), qPrintable(text));
        }
        QVERIFY(allFinite(lab.chart()));
    }

    void valleyLab()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        ValleyLab lab(ctx);
        lab.resize(1000, 800);
        lab.show();
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(20000));
        QVERIFY(!lab.heatMap()->image().isNull());
        QCOMPARE(lab.heatMap()->image().width(), 161);

        lab.factor()->spinBox()->setValue(2.0);
        QVERIFY(settled(lab));
        QCOMPARE(lab.rescaledPoint(), QPointF(2.0, 0.5));
        QVERIFY(lab.rescaledLoss() < 1e-30);
        auto* marker = seriesNamed(lab.chart(), QStringLiteral("rescaled"));
        QCOMPARE(marker->count(), 1);
        QCOMPARE(marker->at(0), QPointF(2.0, 0.5));
        auto* path = seriesNamed(lab.chart(), QStringLiteral("rescalingPath"));
        QVERIFY(path->count() > 10);
        for (const QPointF& q : path->points()) QVERIFY(std::fabs(q.x() * q.y() - 1.0) < 1e-12);

        // k < 0: the other branch, loss mean(x^2) over x = -1, -0.9, ..., 1, which is 11/30.
        lab.factor()->spinBox()->setValue(-2.0);
        QVERIFY(settled(lab));
        QCOMPARE(lab.rescaledPoint(), QPointF(-2.0, -0.5));
        QVERIFY2(std::fabs(lab.rescaledLoss() - 11.0 / 30.0) < 1e-12, qPrintable(QString::number(lab.rescaledLoss())));
        QVERIFY(lab.readout().contains(QStringLiteral("other branch")));
        QCOMPARE(path->count(), 0);

        lab.factor()->spinBox()->setValue(0.0);
        QVERIFY(settled(lab));
        QVERIFY(lab.readout().contains(QStringLiteral("k = 0 is refused")));
        QCOMPARE(marker->count(), 0);
        for (double k : {-4.0, 4.0, 0.25, -0.25}) {
            lab.factor()->spinBox()->setValue(k);
            QVERIFY(settled(lab));
            QVERIFY(allFinite(lab.chart()));
        }
    }

    // The valley's figure as a teacher shows it: round colour-bar ticks, weights written wᵢₙ and
    // wₒᵤₜ (no underscores anywhere), one key entry for the hyperbola's two branches.
    void valleyFigureIsReadable()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        ValleyLab lab(ctx);
        lab.resize(1366, 768);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        QVERIFY(settled(lab));
        const QList<ColourBar::Tick> ticks = lab.colourBar()->ticks();
        QVERIFY(ticks.size() >= 3);
        for (const ColourBar::Tick& t : ticks) {
            // log₁₀ loss from −3 to about 1.7: whole numbers, labelled without decimals.
            QVERIFY2(std::fabs(t.value - std::round(t.value)) < 1e-9, qPrintable(t.label));
            QVERIFY2(!t.label.contains(QLatin1Char('.')) && !t.label.contains(QLatin1Char('e')), qPrintable(t.label));
            QVERIFY(t.position >= 0 && t.position <= 1);
        }
        QCOMPARE(ticks.first().label, QStringLiteral("−3"));
        QStringList texts{lab.chart()->title()};
        for (QAbstractAxis* a : lab.chart()->chart()->axes()) texts << a->titleText();
        QTRY_VERIFY_WITH_TIMEOUT(lab.chart()->key()->entries().size() == 4, test::waitMs(5000));
        texts << lab.chart()->key()->entries() << lab.readout();
        for (const QString& t : texts) QVERIFY2(!t.contains(QLatin1Char('_')), qPrintable(t));
        QVERIFY(lab.chart()->title().contains(QStringLiteral("wᵢₙ")));
        QCOMPARE(lab.chart()->key()->entries(),
                 (QStringList{QStringLiteral("wᵢₙ·wₒᵤₜ = 1"), QStringLiteral("rescaling path"), QStringLiteral("a minimum: (1, 1)"),
                              QStringLiteral("rescaled: (2, 0.5)")}));
        QVERIFY(!lab.readout().contains(QStringLiteral("&gt;")));
    }

    // The proof's table of activations is a plain table, not a bordered grid.
    void proofTableHasNoGrid()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        ReluRescalingLesson lesson;
        std::unique_ptr<QWidget> widget(lesson.createPage(ctx, nullptr));
        auto* page = qobject_cast<LessonPage*>(widget.get());
        QVERIFY(page);
        QTextDocument* doc = page->labText(1)->document();
        QList<QTextTable*> tables;
        QList<QTextFrame*> frames{doc->rootFrame()};
        while (!frames.isEmpty()) {
            QTextFrame* f = frames.takeFirst();
            frames << f->childFrames();
            if (auto* t = qobject_cast<QTextTable*>(f)) tables << t;
        }
        QCOMPARE(tables.size(), 1);
        QCOMPARE(tables.first()->rows(), 6);   // the header and five activations
        QCOMPARE(tables.first()->format().border(), 0.0);
        QCOMPARE(tables.first()->format().borderStyle(), QTextFrameFormat::BorderStyle_None);
        QVERIFY(tables.first()->cellAt(0, 0).format().toTableCellFormat().bottomBorder() > 0);
        QCOMPARE(tables.first()->cellAt(1, 0).format().toTableCellFormat().bottomBorder(), 0.0);
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
    }

    // The valley text's claims: zero loss along w_in w_out = 1, w_in > 0; 11/30 on the other
    // branch; positive loss off the curve.
    void valleyClaims()
    {
        const ValleyProblem& v = valleyProblem();
        for (double t : {0.25, 0.5, 1.0, 1.7, 3.0, 4.0}) {
            QVERIFY(v.loss(t, 1 / t) < 1e-30);
            QVERIFY(std::fabs(v.loss(-t, -1 / t) - 11.0 / 30.0) < 1e-12);
            // Off the curve by a factor 1.1 in the product: loss (0.1)^2 mean(relu(x)^2) = 0.01 * 3.85 / 21.
            QVERIFY(std::fabs(v.loss(t, 1.1 / t) - 0.01 * 3.85 / 21.0) < 1e-12);
        }
    }

    void sharpnessLab()
    {
        LessonContext ctx(nullptr, nullptr, &pool_);
        SharpnessLab lab(ctx);
        lab.resize(1000, 800);
        lab.show();
        QTRY_VERIFY_WITH_TIMEOUT(ctx.pendingWork() == 0, test::waitMs(60000));
        QCOMPARE(lab.factor()->value(), 4.0);
        QCOMPARE(lab.neuronBox()->currentText(), QStringLiteral("Layer 1, neuron 2"));
        const double loss1 = labelNumber(lab.lossBefore()), loss4 = labelNumber(lab.lossAfter());
        const double sharp1 = labelNumber(lab.sharpnessBefore()), sharp4 = labelNumber(lab.sharpnessAfter());
        QVERIFY2(std::isfinite(loss1) && loss1 > 0, qPrintable(lab.lossBefore()->text()));
        QCOMPARE(loss4, loss1);   // to the digits shown
        QVERIFY2(std::fabs(sharp4 - sharp1) > 0.2 * sharp1, qPrintable(QStringLiteral("%1 vs %2").arg(sharp1).arg(sharp4)));

        lab.factor()->spinBox()->setValue(1.0);
        QVERIFY(settled(lab));
        QCOMPARE(labelNumber(lab.sharpnessAfter()), sharp1);
        QCOMPARE(labelNumber(lab.lossAfter()), loss1);

        auto* curve = seriesNamed(lab.chart(), QStringLiteral("sharpnessCurve"));
        auto* loss = seriesNamed(lab.chart(), QStringLiteral("lossCurve"));
        QCOMPARE(curve->count(), int(SharpnessLab::curveFactors().size()));
        QCOMPARE(loss->count(), curve->count());
        for (const QPointF& q : loss->points()) QVERIFY(std::fabs(q.y() - loss->at(0).y()) <= 1e-12 * loss->at(0).y());
        for (const QPointF& q : curve->points()) QVERIFY(q.y() > 0 && std::isfinite(q.y()));
        // The curve passes through the readings at k = 1 and k = 4.
        bool seen1 = false, seen4 = false;
        for (const QPointF& q : curve->points()) {
            // The readings show 3 significant digits.
            if (q.x() == 1.0) seen1 = std::fabs(q.y() - sharp1) <= 5e-3 * sharp1;
            if (q.x() == 4.0) seen4 = std::fabs(q.y() - sharp4) <= 5e-3 * sharp4;
        }
        QVERIFY(seen1 && seen4);
        // The extremes of the slider, and another neuron.
        lab.factor()->slider()->setValue(lab.factor()->slider()->minimum());
        QCOMPARE(lab.factor()->value(), 0.125);
        lab.neuronBox()->setCurrentIndex(lab.neuronBox()->count() - 1);
        lab.factor()->slider()->setValue(lab.factor()->slider()->maximum());
        QCOMPARE(lab.factor()->value(), 8.0);
        QVERIFY(settled(lab));
        QVERIFY(std::isfinite(labelNumber(lab.sharpnessAfter())));
        QVERIFY(allFinite(lab.chart()));
    }

    // The sharpness text's claim: rescaling by k multiplies the Hessian block of the neuron's
    // incoming weights (and bias) by 1/k^2 and of its outgoing weights by k^2 (chain rule).
    void hessianBlocksScale()
    {
        const RescalingExample& ex = rescalingExample();
        const int h = 0, i = 2;
        const double k = 3.0;
        Network scaled = ex.net;
        rescaleNeuron(scaled, scaled.parameters(), h, i, k);
        const Eigen::MatrixXd H = finiteDifferenceHessian(ex.net, ex.net.parameters(), ex.data.inputs, ex.data.targets, Loss::MeanSquaredError, 1e-6);
        const Eigen::MatrixXd Hk = finiteDifferenceHessian(scaled, scaled.parameters(), ex.data.inputs, ex.data.targets, Loss::MeanSquaredError, 1e-6);
        const Eigen::Index in = ex.net.weightOffset(h) + i;             // W_0(i, 0): one input
        const Eigen::Index bias = ex.net.biasOffset(h) + i;
        const Eigen::Index out = ex.net.weightOffset(h + 1) + Eigen::Index(i) * 4;   // W_1(0, i), column-major 4 x 4
        for (Eigen::Index o = out; o < out + 4; ++o) {
            QVERIFY2(std::fabs(Hk(o, o) - k * k * H(o, o)) <= 1e-4 * std::max(1.0, k * k * std::fabs(H(o, o))),
                     qPrintable(QStringLiteral("%1 vs %2").arg(Hk(o, o)).arg(k * k * H(o, o))));
        }
        for (Eigen::Index a : {in, bias})
            for (Eigen::Index b : {in, bias})
                QVERIFY2(std::fabs(Hk(a, b) - H(a, b) / (k * k)) <= 1e-4 * std::max(1.0, std::fabs(H(a, b))),
                         qPrintable(QStringLiteral("%1 vs %2").arg(Hk(a, b)).arg(H(a, b) / (k * k))));
    }

    // The sharpness text's claim: far enough from k = 1, in either direction, λmax grows without
    // bound for every neuron (λmax >= e'H e = k^2 H_oo for an outgoing weight o, 1/k^2 H_ii for an
    // incoming one).
    void sharpnessGrowsAtTheExtremes()
    {
        const RescalingExample& ex = rescalingExample();
        const double base = sharpness(ex.net, ex.net.parameters(), ex.data.inputs, ex.data.targets, Loss::MeanSquaredError).largestEigenvalue;
        for (int h = 0; h < 2; ++h)
            for (int i = 0; i < 4; ++i)
                for (double k : {1.0 / 64, 64.0}) {
                    Network scaled = ex.net;
                    rescaleNeuron(scaled, scaled.parameters(), h, i, k);
                    const double s = sharpness(scaled, scaled.parameters(), ex.data.inputs, ex.data.targets, Loss::MeanSquaredError).largestEigenvalue;
                    QVERIFY2(s > 3 * base, qPrintable(QStringLiteral("layer %1 neuron %2, k = %3: %4 vs %5").arg(h).arg(i).arg(k).arg(s).arg(base)));
                }
    }

    // The valley text's count: every hidden neuron rescales on its own, so independent k_i > 0
    // for all eight neurons still give the same function.
    void independentRescalings()
    {
        const RescalingExample& ex = rescalingExample();
        Network scaled = ex.net;
        const double ks[8] = {0.3, 2.0, 5.5, 0.7, 1.9, 0.125, 8.0, 3.3};
        for (int h = 0; h < 2; ++h)
            for (int i = 0; i < 4; ++i) rescaleNeuron(scaled, scaled.parameters(), h, i, ks[h * 4 + i]);
        const Eigen::MatrixXd X = sampleInputs(-5, 5, 401);
        const double dev = (predict(scaled, X) - predict(ex.net, X)).cwiseAbs().maxCoeff();
        QVERIFY2(dev < 1e-12, qPrintable(QString::number(dev)));
        QVERIFY((scaled.parameters() - ex.net.parameters()).norm() > 1.0);
    }

    // The lesson's exercises load, and each learner's expected answer (worked out here) is
    // accepted while the anticipated mistakes are caught with their feedback.
    void exercises()
    {
        ExerciseCatalog catalog;
        QStringList errors;
        catalog.loadBuiltIn(&errors);
        for (const QString& e : errors) QVERIFY2(!e.contains(QStringLiteral("relu-rescaling")), qPrintable(e));
        const auto list = catalog.exercisesFor(QStringLiteral("relu-rescaling"));
        QVERIFY(list.size() >= 5);
        for (const auto& e : list) QVERIFY(e->id.startsWith(QStringLiteral("relu-rescaling.")));
        for (const QString& learner : {QStringLiteral("Ada"), QStringLiteral("Grace"), QStringLiteral("Alan")})
            for (int variant = 0; variant < 3; ++variant)
                for (const auto& e : list) {
                    const ExerciseInstance inst = instantiate(*e, learner, variant);
                    QVERIFY2(inst.ok, qPrintable(e->id + QStringLiteral(": ") + inst.error));
                    const double v = parameter(inst, QStringLiteral("v")).toDouble(), k = parameter(inst, QStringLiteral("k")).toDouble();
                    const double b = parameter(inst, QStringLiteral("b")).toDouble(), a = parameter(inst, QStringLiteral("a")).toDouble();
                    const double c = parameter(inst, QStringLiteral("c")).toDouble();
                    QString right;
                    if (e->id.endsWith(QStringLiteral(".which-k"))) right = QStringLiteral("positive");
                    else if (e->id.endsWith(QStringLiteral(".homogeneity"))) right = QStringLiteral("k >= 0");
                    else if (e->id.endsWith(QStringLiteral(".new-outgoing"))) right = QString::number(v / k, 'g', 15);
                    else if (e->id.endsWith(QStringLiteral(".new-bias"))) right = QString::number(k * b, 'g', 15);
                    else if (e->id.endsWith(QStringLiteral(".activations"))) right = QStringLiteral("linear, relu, leaky");
                    else if (e->id.endsWith(QStringLiteral(".path-product"))) right = QString::number(a * c, 'g', 15);
                    else if (e->id.endsWith(QStringLiteral(".hessian-block"))) right = QStringLiteral("k*k");
                    QVERIFY2(!right.isEmpty(), qPrintable(QStringLiteral("no reference answer for ") + e->id));
                    const auto r = checkInstance(inst, right);
                    QVERIFY2(r.verdict == answers::Verdict::Correct,
                             qPrintable(e->id + QStringLiteral(" for ") + learner + QStringLiteral(": ") + right + QStringLiteral(" -> ")
                                        + QString::fromStdString(r.feedback)));
                    for (const ExerciseMistake& m : e->mistakes) {
                        // A learner types a number for a number exercise: the mistake's value.
                        QString typed = substitute(m.answer, inst.parameters);
                        if (e->kind == answers::CheckKind::Number) {
                            std::string value, why;
                            QVERIFY2(answers::exactValue(m.answer.toStdString(), inst.key.parameters, &value, &why), why.c_str());
                            typed = QString::fromStdString(value);
                        }
                        const auto w = checkInstance(inst, typed);
                        QVERIFY2(w.verdict == answers::Verdict::Wrong,
                                 qPrintable(e->id + QStringLiteral(": ") + m.answer + QStringLiteral(" with v = %1, k = %2: ").arg(v).arg(k)
                                            + QString::fromStdString(w.feedback)));
                        // Feedback reaches the learner as plain Unicode text (no entities, no tags).
                        QCOMPARE(QString::fromStdString(w.feedback), plainText(substitute(m.feedback, inst.parameters)));
                    }
                }
        // The book's slip gets its own feedback.
        const ExerciseInstance which = instantiate(*catalog.find(QStringLiteral("relu-rescaling.which-k")), QStringLiteral("Ada"), 0);
        const auto slip = checkInstance(which, QStringLiteral("nonzero"));
        QCOMPARE(slip.verdict, answers::Verdict::Wrong);
        QVERIFY2(QString::fromStdString(slip.feedback).contains(QStringLiteral("wrong for negative k")), slip.feedback.c_str());
        QCOMPARE(checkInstance(which, QStringLiteral("at-least-one")).verdict, answers::Verdict::Wrong);
    }
};

QTEST_MAIN(TestReluRescaling)
#include "tst_relu_rescaling.moc"
