#include <QtTest>

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include "app/mainwindow.h"
#include "chartcheck.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/registry.h"
#include "common/testbudget.h"

using namespace minima;

// Every numeric control of every lab, driven to its extremes: the figure finishes
// computing (no hang), and no chart shows NaN or infinity.
class TestExtremes : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;

    static bool settle(MainWindow& w)
    {
        // A learner waits at most a minute for a figure; longer is a hang.
        return QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, test::waitMs(60000));
    }

    static QString describe(QWidget* control)
    {
        QString name = control->objectName();
        if (name.isEmpty()) name = control->accessibleName();
        return QStringLiteral("%1 \"%2\"").arg(QString::fromLatin1(control->metaObject()->className()), name);
    }

private slots:
    void initTestCase()
    {
        // Any modal dialog a control might open is closed at once: this test must not block.
        auto* closer = new QTimer(this);
        connect(closer, &QTimer::timeout, [] {
            if (QWidget* modal = QApplication::activeModalWidget()) modal->close();
        });
        closer->start(200);
    }
    void init() { dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { dir.reset(); }

    void everyControlAtItsExtremes_data()
    {
        QTest::addColumn<QString>("lesson");
        for (const auto& l : shippedLessons()) QTest::newRow(qPrintable(l->id())) << l->id();
    }
    void everyControlAtItsExtremes()
    {
        QFETCH(QString, lesson);
        MainWindow w(shippedLessons(), dir->path());
        w.resize(1366, 768);
        w.show();
        QVERIFY(w.openLesson(lesson));
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        QVERIFY(page);
        QVERIFY2(settle(w), "the lesson's first figure never finished");
        int driven = 0;
        for (int tab = 0; tab < page->tabs()->count(); ++tab) {
            page->tabs()->setCurrentIndex(tab);
            QWidget* lab = page->tabs()->widget(tab);
            QVERIFY2(settle(w), qPrintable(QStringLiteral("tab %1 never finished").arg(tab)));
            const QString start = nonFiniteOnCharts(lab);
            QVERIFY2(start.isEmpty(), qPrintable(start));

            auto check = [&](QWidget* control, const QString& what) {
                const bool finished = settle(w);
                const QString problem = nonFiniteOnCharts(lab);
                const QString where = QStringLiteral("%1 tab %2, %3 at %4").arg(lesson).arg(tab).arg(describe(control), what);
                if (!finished) QTest::qFail(qPrintable(where + QStringLiteral(": still computing after %1 s").arg(test::waitMs(60000) / 1000)), __FILE__, __LINE__);
                if (!problem.isEmpty()) QTest::qFail(qPrintable(where + QStringLiteral(": ") + problem), __FILE__, __LINE__);
                return finished && problem.isEmpty();
            };

            for (QSpinBox* spin : lab->findChildren<QSpinBox*>()) {
                if (!spin->isEnabled() || !spin->isVisibleTo(lab)) continue;
                const int original = spin->value();
                for (int v : {spin->minimum(), spin->maximum()}) {
                    spin->setValue(v);
                    ++driven;
                    if (!check(spin, QString::number(v))) return;
                }
                spin->setValue(original);   // its figure was checked at the start; the next control's run supersedes it
            }
            for (QDoubleSpinBox* spin : lab->findChildren<QDoubleSpinBox*>()) {
                if (!spin->isEnabled() || !spin->isVisibleTo(lab)) continue;
                const double original = spin->value();
                for (double v : {spin->minimum(), spin->maximum()}) {
                    spin->setValue(v);
                    ++driven;
                    if (!check(spin, QString::number(v))) return;
                }
                spin->setValue(original);   // its figure was checked at the start; the next control's run supersedes it
            }
            for (QAbstractSlider* slider : lab->findChildren<QAbstractSlider*>()) {
                if (qobject_cast<QScrollBar*>(slider) || !slider->isEnabled() || !slider->isVisibleTo(lab)) continue;
                const int original = slider->value();
                for (int v : {slider->minimum(), slider->maximum()}) {
                    slider->setValue(v);
                    ++driven;
                    if (!check(slider, QString::number(v))) return;
                }
                slider->setValue(original);
            }
            for (QComboBox* combo : lab->findChildren<QComboBox*>()) {
                if (!combo->isEnabled() || !combo->isVisibleTo(lab)) continue;
                const int original = combo->currentIndex();
                for (int i = 0; i < combo->count(); ++i) {
                    combo->setCurrentIndex(i);
                    ++driven;
                    if (!check(combo, combo->itemText(i))) return;
                }
                combo->setCurrentIndex(original);
                if (!check(combo, combo->itemText(original))) return;
            }
            // Every control back at its original value: the tab's figure as it started.
            if (!check(page->tabs()->widget(tab), QStringLiteral("the original settings"))) return;
        }
        qInfo("%s: %d control settings driven", qPrintable(lesson), driven);
        QVERIFY(driven > 0);
    }
};

QTEST_MAIN(TestExtremes)
#include "tst_extremes.moc"
