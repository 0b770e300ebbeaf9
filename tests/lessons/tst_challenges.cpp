// The lesson "challenges", driven as a learner would: its three labs (controls, charts,
// status, Stop), its page, and its exercises against the answer checker.
#include <QtTest>

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>

#include <cmath>
#include <memory>

#include "lessons/challenges/challengeslesson.h"
#include "lessons/challenges/curvechart.h"
#include "lessons/challenges/depthlab.h"
#include "lessons/challenges/pretraininglab.h"
#include "lessons/challenges/recipeslab.h"
#include "lessons/common/exercises/exercisedraw.h"
#include "lessons/common/exercises/exerciseformat.h"
#include "lessons/common/controlstrip.h"
#include "lessons/common/figurejob.h"
#include "lessons/common/lab.h"
#include "lessons/common/charts/figurekey.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/common/jobstatus.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

QList<QLineSeries*> curves(FigureChart* chart, const QString& prefix = {})
{
    QList<QLineSeries*> out;
    for (QAbstractSeries* s : chart->chart()->series()) {
        auto* line = qobject_cast<QLineSeries*>(s);
        if (line && line->name().startsWith(prefix)) out << line;
    }
    return out;
}

QLineSeries* curve(FigureChart* chart, const QString& name)
{
    for (QLineSeries* s : curves(chart))
        if (s->name() == name) return s;
    return nullptr;
}

// Every point finite, and positive (log axis).
bool allDrawable(FigureChart* chart)
{
    for (QLineSeries* s : curves(chart))
        for (const QPointF& p : s->points())
            if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || p.y() <= 0) return false;
    return true;
}

QString statusText(JobStatus* status) { return status->message(); }

} // namespace

class TestChallenges : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        pool_ = std::make_unique<QThreadPool>();
        pool_->setMaxThreadCount(2);
        context_ = std::make_unique<LessonContext>(nullptr, nullptr, pool_.get());
    }
    void cleanup()
    {
        pool_->waitForDone();
        context_.reset();
        pool_.reset();
    }

    // ---- Lab 1 ----------------------------------------------------------------------

    void depthLabShowsOneCurvePerDepth()
    {
        DepthLab lab(*context_);
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(20000));
        const QList<QLineSeries*> losses = curves(lab.lossChart(), QStringLiteral("depth "));
        QCOMPARE(losses.size(), 8);
        for (int d = 1; d <= 8; ++d) {
            QLineSeries* s = curve(lab.lossChart(), QStringLiteral("depth %1").arg(d));
            QVERIFY2(s, qPrintable(QString::number(d)));
            QCOMPARE(s->count(), lab.epochsSpin()->value() + 1);
        }
        QVERIFY(curve(lab.lossChart(), QStringLiteral("ln 2: guessing ½")));
        QVERIFY(qobject_cast<QLogValueAxis*>(lab.lossChart()->chart()->axes(Qt::Vertical).first()));
        QVERIFY(allDrawable(lab.lossChart()));

        // The learner sees the deep networks stuck and the shallow one learning.
        const double shallow = curve(lab.lossChart(), QStringLiteral("depth 1"))->points().last().y();
        const double deep = curve(lab.lossChart(), QStringLiteral("depth 8"))->points().last().y();
        QVERIFY(shallow < 0.5);
        QVERIFY(deep > std::log(2.0) - 0.01);

        // Gradient norms: one curve per depth, rising from the input side to the output side.
        const QList<QLineSeries*> norms = curves(lab.gradientChart(), QStringLiteral("depth "));
        QCOMPARE(norms.size(), 8);
        for (QLineSeries* s : norms) {
            const int depth = s->name().section(QLatin1Char(' '), 1).toInt();
            QCOMPARE(s->count(), depth + 1);
            QCOMPARE(s->points().first().x(), 1.0);
            for (int i = 1; i < s->count(); ++i) QVERIFY(s->at(i - 1).y() < s->at(i).y());
        }
        QVERIFY(allDrawable(lab.gradientChart()));
        QVERIFY(statusText(lab.status()).contains(QStringLiteral("depth 8 at")));
    }

    // The ln 2 plateau is drawn above the curves that sit on it; every depth has its own colour
    // (no two alike); the gradient chart has a key of its own, one entry per depth.
    void depthLabFigureIsReadable()
    {
        DepthLab lab(*context_);
        lab.resize(1366, 768);
        lab.show();
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0 && !lab.isBusy(), test::waitMs(20000));
        const QList<QAbstractSeries*> series = lab.lossChart()->chart()->series();
        QVERIFY(!series.isEmpty());
        QCOMPARE(series.last()->name(), QStringLiteral("ln 2: guessing ½"));
        QList<QColor> colours;
        for (QLineSeries* s : curves(lab.lossChart(), QStringLiteral("depth "))) {
            QVERIFY2(!colours.contains(s->pen().color()), qPrintable(s->name()));
            colours << s->pen().color();
        }
        QCOMPARE(colours.size(), 8);
        QVERIFY(!colours.contains(curve(lab.lossChart(), QStringLiteral("ln 2: guessing ½"))->pen().color()));
        // The same colour for a depth in both charts.
        for (int d = 1; d <= 8; ++d)
            QCOMPARE(curve(lab.gradientChart(), QStringLiteral("depth %1").arg(d))->pen().color(),
                     curve(lab.lossChart(), QStringLiteral("depth %1").arg(d))->pen().color());
        QStringList expected;
        for (int d = 1; d <= 8; ++d) expected << QStringLiteral("depth %1").arg(d);
        // The key follows the chart on the next turns of the event loop.
        QTRY_COMPARE_WITH_TIMEOUT(lab.gradientChart()->key()->entries(), expected, test::waitMs(5000));
        QVERIFY(lab.gradientChart()->key()->isVisibleTo(&lab));
        QTRY_COMPARE_WITH_TIMEOUT(lab.lossChart()->key()->entries().size(), 9, test::waitMs(5000));
        QVERIFY(lab.lossChart()->key()->entries().contains(QStringLiteral("ln 2: guessing ½")));
        // Each entry's swatch is drawn in its curve's colour.
        const QList<QWidget*> swatches = lab.gradientChart()->key()->findChildren<QWidget*>(QStringLiteral("keyEntry"));
        QCOMPARE(swatches.size(), 8);
        for (int d = 1; d <= 8; ++d) {
            const QLabel* icon = swatches[d - 1]->findChild<QLabel*>();
            QVERIFY(icon);
            const QImage image = icon->pixmap().toImage();
            const QColor mid = image.pixelColor(image.width() / 2, image.height() / 2);
            QCOMPARE(mid.rgb(), DepthLab::depthColor(d).rgb());
        }
    }

    // The shared controls are in the same place in every lab, under the same keys.
    void sharedControlsAreTheSameInEveryLab()
    {
        DepthLab a(*context_);
        PretrainingLab b(*context_);
        RecipesLab c(*context_);
        for (Lab* lab : {static_cast<Lab*>(&a), static_cast<Lab*>(&b), static_cast<Lab*>(&c)}) {
            const QStringList keys = lab->controls()->keys();
            QVERIFY(keys.size() >= 5);
            QCOMPARE(keys.mid(0, 3), (QStringList{QStringLiteral("datasetBox"), QStringLiteral("epochsSpin"), QStringLiteral("seedSpin")}));
            QVERIFY(lab->controls()->labelOf(QStringLiteral("datasetBox")));
        }
        // A saved state sets them back.
        QVariantMap state = b.saveState();
        QVariantMap controls = state.value(QStringLiteral("controls")).toMap();
        QCOMPARE(controls.value(QStringLiteral("datasetBox")).toString(), QStringLiteral("two moons"));
        controls.insert(QStringLiteral("datasetBox"), QStringLiteral("circles"));
        controls.insert(QStringLiteral("seedSpin"), 7);
        state.insert(QStringLiteral("controls"), controls);
        c.restoreState(state);
        QCOMPARE(c.datasetBox()->currentText(), QStringLiteral("circles"));
        QCOMPARE(c.seedSpin()->value(), 7);
        QCOMPARE(c.params().task.dataset, std::string("circles"));
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(30000));
    }

    void depthLabFollowsItsControls_data()
    {
        QTest::addColumn<QString>("control");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("expectedCurves");
        QTest::newRow("one depth") << "maxDepthSpin" << 1.0 << 1;
        QTest::newRow("three depths") << "maxDepthSpin" << 3.0 << 3;
        QTest::newRow("one epoch") << "epochsSpin" << 1.0 << 8;
        QTest::newRow("smallest rate") << "learningRateSpin" << 0.001 << 8;
        QTest::newRow("largest rate") << "learningRateSpin" << 20.0 << 8;
        QTest::newRow("smallest weights") << "initScaleSpin" << 0.01 << 8;
        QTest::newRow("largest weights") << "initScaleSpin" << 5.0 << 8;
        QTest::newRow("last seed") << "seedSpin" << 9999.0 << 8;
    }
    void depthLabFollowsItsControls()
    {
        QFETCH(QString, control);
        QFETCH(double, value);
        QFETCH(int, expectedCurves);
        DepthLab lab(*context_);
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(20000));
        QSignalSpy shown(&lab, &DepthLab::resultShown);
        if (auto* spin = lab.findChild<QSpinBox*>(control)) spin->setValue(int(value));
        else lab.findChild<QDoubleSpinBox*>(control)->setValue(value);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 20000);
        QCOMPARE(curves(lab.lossChart(), QStringLiteral("depth ")).size(), expectedCurves);
        QCOMPARE(curves(lab.gradientChart(), QStringLiteral("depth ")).size(), expectedCurves);
        QVERIFY(allDrawable(lab.lossChart()));
        QVERIFY(allDrawable(lab.gradientChart()));
        QVERIFY(!statusText(lab.status()).isEmpty());
        if (control == QLatin1String("epochsSpin"))
            QCOMPARE(curves(lab.lossChart(), QStringLiteral("depth ")).first()->count(), 2);
    }

    void depthLabDatasetsAndKeyboard()
    {
        DepthLab lab(*context_);
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(20000));
        QSignalSpy shown(&lab, &DepthLab::resultShown);
        // Keyboard: Down on the depth box, then the dataset box.
        lab.maxDepthSpin()->setFocus();
        QTest::keyClick(lab.maxDepthSpin(), Qt::Key_Down);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 20000);
        QCOMPARE(curves(lab.lossChart(), QStringLiteral("depth ")).size(), 7);
        for (int i = 1; i < lab.datasetBox()->count(); ++i) {
            lab.datasetBox()->setCurrentIndex(i);
            QTRY_VERIFY_WITH_TIMEOUT(shown.count() == i + 1, 20000);
            QCOMPARE(curves(lab.lossChart(), QStringLiteral("depth ")).size(), 7);
            QVERIFY(allDrawable(lab.lossChart()));
        }
    }

    void depthLabCanBeStopped()
    {
        DepthLab lab(*context_);
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(20000));
        const int before = curves(lab.lossChart()).size();
        lab.epochsSpin()->setValue(2000);
        QTRY_VERIFY_WITH_TIMEOUT(lab.job()->isRunning(), 5000);
        auto* stop = lab.status()->findChild<QPushButton*>(QStringLiteral("stopButton"));
        QVERIFY(stop);
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(!lab.job()->isRunning());
        QCOMPARE(context_->pendingWork(), 0);
        QCOMPARE(statusText(lab.status()), QStringLiteral("Stopped."));
        QCOMPARE(curves(lab.lossChart()).size(), before);   // the last finished figure stays
    }

    // ---- Lab 2 ----------------------------------------------------------------------

    void pretrainedCurveEndsBelowRandom()
    {
        PretrainingLab lab(*context_);
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(20000));
        QLineSeries* random = curve(lab.lossChart(), QStringLiteral("random initialisation"));
        QLineSeries* pretrained = curve(lab.lossChart(), QStringLiteral("greedy pre-training"));
        QVERIFY(random && pretrained);
        QCOMPARE(random->count(), lab.epochsSpin()->value() + 1);
        QCOMPARE(pretrained->count(), random->count());
        QVERIFY(pretrained->points().last().y() < random->points().last().y());
        QVERIFY(pretrained->points().last().y() * 10 < random->points().last().y());
        QCOMPARE(curves(lab.reconstructionChart(), QStringLiteral("hidden layer ")).size(), lab.depthSpin()->value());
        for (QLineSeries* s : curves(lab.reconstructionChart())) {
            QCOMPARE(s->count(), lab.pretrainEpochsSpin()->value() + 1);
            QVERIFY(s->points().last().y() < s->points().first().y());
        }
        QVERIFY(allDrawable(lab.lossChart()) && allDrawable(lab.reconstructionChart()));
        QVERIFY(statusText(lab.status()).contains(QStringLiteral("Pre-training wins")));
    }

    void pretrainingLabFollowsItsControls_data()
    {
        QTest::addColumn<QString>("control");
        QTest::addColumn<double>("value");
        QTest::newRow("depth 1") << "depthSpin" << 1.0;
        QTest::newRow("depth 8") << "depthSpin" << 8.0;
        QTest::newRow("one pre-training epoch") << "pretrainEpochsSpin" << 1.0;
        QTest::newRow("one SGD epoch") << "epochsSpin" << 1.0;
        QTest::newRow("smallest rate") << "learningRateSpin" << 0.001;
        QTest::newRow("largest rate") << "learningRateSpin" << 20.0;
        QTest::newRow("seed 2") << "seedSpin" << 2.0;
    }
    void pretrainingLabFollowsItsControls()
    {
        QFETCH(QString, control);
        QFETCH(double, value);
        PretrainingLab lab(*context_);
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(20000));
        QSignalSpy shown(&lab, &PretrainingLab::resultShown);
        if (auto* spin = lab.findChild<QSpinBox*>(control)) spin->setValue(int(value));
        else lab.findChild<QDoubleSpinBox*>(control)->setValue(value);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 30000);
        QCOMPARE(curves(lab.reconstructionChart(), QStringLiteral("hidden layer ")).size(), lab.depthSpin()->value());
        QVERIFY(curve(lab.lossChart(), QStringLiteral("random initialisation"))
                || curves(lab.lossChart(), QStringLiteral("random initialisation (diverged")).size() == 1);
        QVERIFY(allDrawable(lab.lossChart()) && allDrawable(lab.reconstructionChart()));
        QVERIFY(!statusText(lab.status()).isEmpty());
    }

    // ---- Lab 3 ----------------------------------------------------------------------

    void recipesLabShowsEveryRecipe()
    {
        RecipesLab lab(*context_);
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(20000));
        QLineSeries* sigmoid = curve(lab.lossChart(), QStringLiteral("sigmoid, naive init, SGD"));
        QVERIFY(sigmoid);
        for (const char* name : {"ReLU, He init, SGD", "ReLU, He init, momentum", "ReLU, He init, Adam"}) {
            QLineSeries* s = curve(lab.lossChart(), QString::fromUtf8(name));
            QVERIFY2(s, name);
            QVERIFY(s->points().last().y() * 100 < sigmoid->points().last().y());
        }
        QCOMPARE(curves(lab.gradientChart()).size(), 2);
        QLineSeries* he = curve(lab.gradientChart(), QStringLiteral("ReLU, He init"));
        QLineSeries* naive = curve(lab.gradientChart(), QStringLiteral("sigmoid, naive init"));
        QVERIFY(he && naive);
        QCOMPARE(he->count(), lab.depthSpin()->value() + 1);
        QVERIFY(naive->points().first().y() / naive->points().last().y() < 1e-3);
        QVERIFY(allDrawable(lab.lossChart()) && allDrawable(lab.gradientChart()));
    }

    void recipesLabCheckBoxes()
    {
        RecipesLab lab(*context_);
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(20000));
        QSignalSpy shown(&lab, &RecipesLab::resultShown);
        QCOMPARE(lab.recipeBoxes().size(), 4);
        for (QCheckBox* box : lab.recipeBoxes()) box->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 20000);
        QVERIFY(curves(lab.lossChart()).isEmpty());
        QVERIFY(statusText(lab.status()).contains(QStringLiteral("Tick at least one")));
        // Space on a focused check box ticks it.
        QCheckBox* adam = lab.recipeBoxes().last();
        adam->setFocus();
        QTest::keyClick(adam, Qt::Key_Space);
        QVERIFY(adam->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 2, 20000);
        QCOMPARE(curves(lab.lossChart(), QStringLiteral("ReLU")).size(), 1);
        QVERIFY(curve(lab.gradientChart(), QStringLiteral("ReLU, He init")));
    }

    void recipesLabExtremes_data()
    {
        QTest::addColumn<QString>("control");
        QTest::addColumn<double>("value");
        QTest::newRow("depth 1") << "depthSpin" << 1.0;
        QTest::newRow("depth 8") << "depthSpin" << 8.0;
        QTest::newRow("one epoch") << "epochsSpin" << 1.0;
        QTest::newRow("smallest ReLU rate") << "reluRateSpin" << 0.0001;
        QTest::newRow("largest ReLU rate") << "reluRateSpin" << 5.0;
        QTest::newRow("smallest Adam rate") << "adamRateSpin" << 0.0001;
        QTest::newRow("largest Adam rate") << "adamRateSpin" << 1.0;
    }
    void recipesLabExtremes()
    {
        QFETCH(QString, control);
        QFETCH(double, value);
        RecipesLab lab(*context_);
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(20000));
        QSignalSpy shown(&lab, &RecipesLab::resultShown);
        if (auto* spin = lab.findChild<QSpinBox*>(control)) spin->setValue(int(value));
        else lab.findChild<QDoubleSpinBox*>(control)->setValue(value);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 20000);
        QCOMPARE(curves(lab.lossChart()).size(), 5);   // four recipes and the ln 2 line
        QVERIFY(allDrawable(lab.lossChart()) && allDrawable(lab.gradientChart()));
        QVERIFY(statusText(lab.status()).startsWith(QStringLiteral("Loss after"))
                || statusText(lab.status()).startsWith(QStringLiteral("Diverged")));
    }

    // ---- Page, controls, exercises ---------------------------------------------------

    void pageHasThreeLabsWithTheirTexts()
    {
        ChallengesLesson lesson;
        QCOMPARE(lesson.id(), QStringLiteral("challenges"));
        std::unique_ptr<QWidget> w(lesson.createPage(*context_, nullptr));
        auto* page = qobject_cast<LessonPage*>(w.get());
        QVERIFY(page);
        QCOMPARE(page->labCount(), 3);
        for (int i = 0; i < 3; ++i) {
            const QString text = page->labText(i)->toPlainText();
            QVERIFY2(!text.contains(QStringLiteral("missing")), qPrintable(text.left(80)));
            QVERIFY(text.size() > 500);
        }
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(30000));
    }

    void everyControlIsNamedAndFocusable()
    {
        DepthLab a(*context_);
        PretrainingLab b(*context_);
        RecipesLab c(*context_);
        for (QWidget* lab : {static_cast<QWidget*>(&a), static_cast<QWidget*>(&b), static_cast<QWidget*>(&c)}) {
            QList<QWidget*> controls;
            for (auto* w : lab->findChildren<QAbstractSpinBox*>()) controls << w;
            for (auto* w : lab->findChildren<QComboBox*>()) controls << w;
            for (auto* w : lab->findChildren<QCheckBox*>()) controls << w;
            for (auto* w : lab->findChildren<QPushButton*>()) controls << w;
            QVERIFY(controls.size() >= 6);
            for (QWidget* w : controls) {
                QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
                QVERIFY2(w->focusPolicy() & Qt::TabFocus, qPrintable(w->objectName()));
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(context_->pendingWork() == 0, test::waitMs(30000));
    }

    void exercisesLoadAndAcceptTheirAnswers()
    {
        ExerciseFile file;
        QString error;
        QVERIFY2(readExerciseFile(QStringLiteral(":/lessons/challenges/exercises.json"), &file, &error), qPrintable(error));
        QVERIFY(file.exercises.size() >= 4);
        QStringList ids;
        for (const auto& e : file.exercises) {
            ids << e->id;
            QVERIFY(e->id.startsWith(QStringLiteral("challenges.")));
            QVERIFY(!e->hints.isEmpty());
            for (const QString& learner : {QString(), QStringLiteral("Ada"), QStringLiteral("Grace"), QStringLiteral("Lin")}) {
                for (int variant = 0; variant < 3; ++variant) {
                    const ExerciseInstance inst = instantiate(*e, learner, variant);
                    QVERIFY2(inst.ok, qPrintable(e->id + ": " + inst.error));
                    // What a learner would type: the exact value of the expected expression.
                    std::string typed = inst.key.expected, why;
                    if (inst.key.kind == answers::CheckKind::Number)
                        QVERIFY2(answers::exactValue(inst.key.expected, inst.key.parameters, &typed, &why), why.c_str());
                    const answers::CheckResult r = checkInstance(inst, QString::fromStdString(typed));
                    QVERIFY2(r.verdict == answers::Verdict::Correct, qPrintable(e->id + ": " + QString::fromStdString(r.feedback)));
                }
            }
        }
        for (const char* id : {"challenges.sigmoid-slope", "challenges.shrink-bound", "challenges.smallest-gradient",
                               "challenges.pretraining-objective"})
            QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
    }

    void exercisesCatchTheAnticipatedMistakes()
    {
        ExerciseFile file;
        QString error;
        QVERIFY(readExerciseFile(QStringLiteral(":/lessons/challenges/exercises.json"), &file, &error));
        auto find = [&](const QString& id) {
            for (const auto& e : file.exercises)
                if (e->id == id) return e;
            return std::shared_ptr<const Exercise>();
        };
        auto value = [](const ExerciseInstance& inst, const QString& name) {
            for (const auto& [k, v] : inst.parameters)
                if (k == name) return v;
            return QString();
        };

        const ExerciseInstance slope = instantiate(*find(QStringLiteral("challenges.sigmoid-slope")), QStringLiteral("Ada"), 0);
        QCOMPARE(checkInstance(slope, QStringLiteral("0.25")).verdict, answers::Verdict::Correct);
        const answers::CheckResult half = checkInstance(slope, QStringLiteral("1/2"));
        QCOMPARE(half.verdict, answers::Verdict::Wrong);
        QVERIFY(QString::fromStdString(half.feedback).contains(QStringLiteral("σ(0)")));

        const ExerciseInstance bound = instantiate(*find(QStringLiteral("challenges.shrink-bound")), QStringLiteral("Ada"), 0);
        const QString d = value(bound, QStringLiteral("d")), w = value(bound, QStringLiteral("w"));
        QCOMPARE(checkInstance(bound, QStringLiteral("(%1/4)^%2").arg(w, d)).verdict, answers::Verdict::Correct);
        const double exact = std::pow(w.toDouble() / 4, d.toInt());
        QCOMPARE(checkInstance(bound, QString::number(exact, 'g', 8)).verdict, answers::Verdict::Correct);
        const answers::CheckResult weightsOnly = checkInstance(bound, QStringLiteral("%1^%2").arg(w, d));
        QCOMPARE(weightsOnly.verdict, answers::Verdict::Wrong);
        QVERIFY(QString::fromStdString(weightsOnly.feedback).contains(QStringLiteral("weights only")));

        // The claim the choice rests on is proved in tst_engine_depth
        // (gradientNormsDecreaseTowardsTheInput): the first layer's gradient is the smallest.
        const ExerciseInstance smallest = instantiate(*find(QStringLiteral("challenges.smallest-gradient")), {}, 0);
        QCOMPARE(checkInstance(smallest, QStringLiteral("first")).verdict, answers::Verdict::Correct);
        QCOMPARE(checkInstance(smallest, QStringLiteral("last")).verdict, answers::Verdict::Wrong);
        const ExerciseInstance stage = instantiate(*find(QStringLiteral("challenges.pretraining-objective")), {}, 0);
        QCOMPARE(checkInstance(stage, QStringLiteral("reconstruct")).verdict, answers::Verdict::Correct);
        QCOMPARE(checkInstance(stage, QStringLiteral("labels")).verdict, answers::Verdict::Wrong);

        const ExerciseInstance momentum = instantiate(*find(QStringLiteral("challenges.momentum-steps")), QStringLiteral("Lin"), 1);
        const double b = value(momentum, QStringLiteral("b")).toDouble();
        QCOMPARE(checkInstance(momentum, QString::number(1 / (1 - b), 'g', 10)).verdict, answers::Verdict::Correct);
        QCOMPARE(checkInstance(momentum, QString::number(1 / b, 'g', 10)).verdict, answers::Verdict::Wrong);
    }

private:
    std::unique_ptr<QThreadPool> pool_;
    std::unique_ptr<LessonContext> context_;
};

QTEST_MAIN(TestChallenges)
#include "tst_challenges.moc"
