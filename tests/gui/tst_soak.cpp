#include <QtTest>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include "app/mainwindow.h"
#include "app/progressstore.h"
#include "chartcheck.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/registry.h"
#include "common/testbudget.h"

using namespace minima;

// Thousands of random but valid actions across every lesson: clicks, slider moves, typed
// answers, lesson and tab switches, presentation and text-size toggles. Nothing may
// crash, no chart may show NaN, and at the end the progress store holds exactly the
// attempts the app said it recorded. MINIMA_SOAK_ACTIONS sets the number of actions.
class TestSoak : public QObject {
    Q_OBJECT
private:
    static bool safeToClick(QAbstractButton* b)
    {
        // Buttons that open file dialogs are left alone: this test must never block.
        const QString t = b->text();
        return !t.contains(QStringLiteral("…")) && !t.contains(QStringLiteral("...")) && !t.contains(QStringLiteral("Export"))
               && !t.contains(QStringLiteral("Save")) && !t.contains(QStringLiteral("Open"));
    }

    template <typename T>
    static QList<T*> usable(QWidget* root)
    {
        QList<T*> out;
        for (T* w : root->findChildren<T*>())
            if (w->isEnabled() && w->isVisible()) out << w;
        return out;
    }

private slots:
    void randomActions()
    {
        QTemporaryDir dir;
        // 2500 actions in the optimised build; under the sanitizers, where every action is about
        // eight times slower, 1000 drawn from the same random sequence.
        const int defaultActions = test::kSlowdown > 1 ? 1000 : 2500;
        const int actions = qEnvironmentVariableIsSet("MINIMA_SOAK_ACTIONS") ? qEnvironmentVariableIntValue("MINIMA_SOAK_ACTIONS") : defaultActions;
        QRandomGenerator rng(20261127);

        auto* closer = new QTimer(this);
        connect(closer, &QTimer::timeout, [] {
            if (QWidget* modal = QApplication::activeModalWidget()) modal->close();
        });
        closer->start(100);

        int recorded = 0;
        QString learner;
        QSet<QString> learners;
        {
            MainWindow w(shippedLessons(), dir.path());
            w.resize(1366, 768);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            learner = w.context().learner();
            connect(&w.store(), &ProgressSink::attemptRecorded, this, [&](const QString& who) {
                ++recorded;
                learners.insert(who);   // typing on the welcome page may change the learner
            });
            const int lessonCount = w.lessonList()->count();
            QMap<QString, int> done;

            for (int i = 0; i < actions; ++i) {
                const int kind = int(rng.bounded(100));
                auto* page = qobject_cast<LessonPage*>(w.currentPage());
                QWidget* lab = page ? page->tabs()->currentWidget() : w.currentPage();
                if (kind < 6) {
                    w.lessonList()->setCurrentRow(int(rng.bounded(lessonCount)));
                    done[QStringLiteral("switch lesson")]++;
                } else if (kind < 16 && page) {
                    page->tabs()->setCurrentIndex(int(rng.bounded(page->tabs()->count())));
                    done[QStringLiteral("switch tab")]++;
                } else if (kind < 36) {
                    QList<QAbstractButton*> buttons;
                    for (QAbstractButton* b : usable<QAbstractButton>(lab))
                        if (safeToClick(b)) buttons << b;
                    if (!buttons.isEmpty()) {
                        QAbstractButton* b = buttons[int(rng.bounded(buttons.size()))];
                        QTest::mouseClick(b, Qt::LeftButton);
                        done[QStringLiteral("click")]++;
                    }
                } else if (kind < 56) {
                    QList<QWidget*> numeric;
                    for (auto* s : usable<QSpinBox>(lab)) numeric << s;
                    for (auto* s : usable<QDoubleSpinBox>(lab)) numeric << s;
                    for (auto* s : usable<QAbstractSlider>(lab))
                        if (!qobject_cast<QScrollBar*>(s)) numeric << s;
                    if (!numeric.isEmpty()) {
                        QWidget* c = numeric[int(rng.bounded(numeric.size()))];
                        const double t = rng.generateDouble();
                        if (auto* s = qobject_cast<QSpinBox*>(c)) s->setValue(s->minimum() + int(t * (double(s->maximum()) - s->minimum())));
                        else if (auto* d = qobject_cast<QDoubleSpinBox*>(c)) d->setValue(d->minimum() + t * (d->maximum() - d->minimum()));
                        else if (auto* a = qobject_cast<QAbstractSlider*>(c)) a->setValue(a->minimum() + int(t * (double(a->maximum()) - a->minimum())));
                        done[QStringLiteral("numeric")]++;
                    }
                } else if (kind < 64) {
                    const auto combos = usable<QComboBox>(lab);
                    if (!combos.isEmpty()) {
                        QComboBox* c = combos[int(rng.bounded(combos.size()))];
                        if (c->count() > 0) c->setCurrentIndex(int(rng.bounded(c->count())));
                        done[QStringLiteral("combo")]++;
                    }
                } else if (kind < 80) {
                    const auto edits = usable<QLineEdit>(lab);
                    if (!edits.isEmpty()) {
                        static const QStringList answers = {QStringLiteral("n!^l"), QStringLiteral("36"), QStringLiteral("1/4"),
                                                            QStringLiteral("k > 0"), QStringLiteral("(("), QStringLiteral("10^10^10"),
                                                            QStringLiteral("0.5"), QStringLiteral("x^2 - y^2"), QString(),
                                                            QStringLiteral("factorial(10^9)"), QStringLiteral("2/(1+3)"), QStringLiteral("abc")};
                        QLineEdit* e = edits[int(rng.bounded(edits.size()))];
                        if (!e->isReadOnly()) {
                            e->setFocus();
                            e->selectAll();
                            QTest::keyClicks(e, answers[int(rng.bounded(answers.size()))]);
                            QTest::keyClick(e, Qt::Key_Return);
                            done[QStringLiteral("typed")]++;
                        }
                    }
                } else if (kind < 84) {
                    QTest::keyClick(&w, Qt::Key_F11);
                    done[QStringLiteral("presentation")]++;
                } else if (kind < 88) {
                    QTest::keyClick(&w, rng.bounded(2) ? Qt::Key_Plus : Qt::Key_Minus, Qt::ControlModifier);
                    done[QStringLiteral("text size")]++;
                } else {
                    // Let figures finish now and then, and look at them.
                    const bool settled = QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, test::waitMs(30000));
                    done[settled ? QStringLiteral("settle") : QStringLiteral("settle (still busy)")]++;
                }
                QCoreApplication::processEvents();
                if (i % 25 == 0) {
                    const QString problem = nonFiniteOnCharts(lab);
                    QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("after action %1: %2").arg(i).arg(problem)));
                }
            }
            QVERIFY(QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, test::waitMs(120000)));
            if (w.isPresenting()) w.setPresenting(false);
            w.setTextScale(1.0);
            QStringList summary;
            for (auto it = done.cbegin(); it != done.cend(); ++it) summary << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
            qInfo("%d actions: %s; %d attempts recorded", actions, qPrintable(summary.join(QStringLiteral(", "))), recorded);
        }
        // The store holds exactly what the app said it recorded.
        ProgressStore reopened(dir.path());
        QVERIFY(reopened.isOpen());
        QVERIFY(reopened.recoveryMessage().isEmpty());
        int stored = 0;
        for (const QString& who : learners) stored += int(reopened.attempts(who).size());
        QCOMPARE(stored, recorded);
        QVERIFY(recorded > 0);
    }
};

QTEST_MAIN(TestSoak)
#include "tst_soak.moc"
