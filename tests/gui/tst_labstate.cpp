#include <QtTest>

#include <QApplication>
#include <QChartView>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXYSeries>

#include "app/mainwindow.h"
#include "lessons/common/labstate.h"
#include "lessons/common/lesson.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/registry.h"
#include "common/testbudget.h"

using namespace minima;

// A lab's state, copied as text and opened in another window, gives the same figure.
class TestLabState : public QObject {
    Q_OBJECT
private:
    static bool settle(MainWindow& w)
    {
        return QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, test::waitMs(60000));
    }

    // Every point of every XY series on the lab, chart by chart.
    static QList<QList<QPointF>> figure(QWidget* lab)
    {
        QList<QList<QPointF>> out;
        for (QChartView* view : lab->findChildren<QChartView*>())
            for (QAbstractSeries* s : view->chart()->series())
                if (auto* xy = qobject_cast<QXYSeries*>(s)) out << xy->points();
        return out;
    }

    static void scramble(QWidget* lab, QRandomGenerator& rng)
    {
        for (QComboBox* c : lab->findChildren<QComboBox*>())
            if (!c->objectName().isEmpty() && c->isEnabled() && c->count() > 0 && rng.bounded(2))
                c->setCurrentIndex(int(rng.bounded(c->count())));
        for (QSpinBox* s : lab->findChildren<QSpinBox*>())
            if (!s->objectName().isEmpty() && s->isEnabled() && rng.bounded(2))
                s->setValue(s->minimum() + int(rng.generateDouble() * 0.5 * (double(s->maximum()) - s->minimum())));
        for (QDoubleSpinBox* s : lab->findChildren<QDoubleSpinBox*>())
            if (!s->objectName().isEmpty() && s->isEnabled() && rng.bounded(2))
                s->setValue(s->minimum() + rng.generateDouble() * 0.5 * (s->maximum() - s->minimum()));
        for (QAbstractSlider* s : lab->findChildren<QAbstractSlider*>())
            if (!qobject_cast<QScrollBar*>(s) && !s->objectName().isEmpty() && s->isEnabled() && rng.bounded(2))
                s->setValue(s->minimum() + int(rng.generateDouble() * (double(s->maximum()) - s->minimum())));
    }

private slots:
    void roundTripsEveryLab_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<int>("lab");
        for (const auto& l : shippedLessons()) {
            // The lesson's labs as its descriptor lists them (a page is built in the test itself).
            const auto* described = dynamic_cast<const DescribedLesson*>(l.get());
            QVERIFY2(described, qPrintable(l->id()));
            const auto labs = described->describe().labs.size();
            QVERIFY2(labs > 0, qPrintable(l->id()));
            for (qsizetype i = 0; i < labs; ++i)
                QTest::newRow(qPrintable(QStringLiteral("%1 lab %2").arg(l->id()).arg(i + 1))) << l->id() << int(i);
        }
    }
    void roundTripsEveryLab()
    {
        QFETCH(QString, lesson);
        QFETCH(int, lab);
        QTemporaryDir first, second;
        QString text;
        QList<QList<QPointF>> expected;
        {
            MainWindow w(shippedLessons(), first.path());
            w.resize(1366, 768);
            w.show();
            QVERIFY(w.openLesson(lesson));
            auto* page = qobject_cast<LessonPage*>(w.currentPage());
            page->tabs()->setCurrentIndex(lab);
            QVERIFY(settle(w));
            QRandomGenerator rng(quint32(qHash(lesson) + uint(lab)));
            scramble(page->tabs()->widget(lab), rng);
            QVERIFY(settle(w));
            QTest::qWait(50);
            QVERIFY(settle(w));
            expected = figure(page->tabs()->widget(lab));
            const LabState state = w.currentLabState();
            QCOMPARE(state.lesson, lesson);
            QCOMPARE(state.lab, lab);
            QVERIFY(!state.controls.isEmpty());
            text = encodeLabState(state);
            QVERIFY(text.startsWith(QStringLiteral("minima-lab:1:")));
            QVERIFY2(text.size() < 2000, qPrintable(QString::number(text.size())));
        }
        MainWindow w(shippedLessons(), second.path());
        w.resize(1366, 768);
        w.show();
        LabState state;
        QString error;
        QVERIFY2(decodeLabState(text, &state, &error), qPrintable(error));
        QVERIFY2(w.openLabState(state, &error), qPrintable(error));
        QCOMPARE(w.currentLessonId(), lesson);
        QVERIFY(settle(w));
        QTest::qWait(50);
        QVERIFY(settle(w));
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        QCOMPARE(page->tabs()->currentIndex(), lab);
        const auto got = figure(page->tabs()->widget(lab));
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i) QCOMPARE(got[i], expected[i]);
    }

    void refusesDamagedState_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("no prefix") << QStringLiteral("hello");
        QTest::newRow("not base64") << QStringLiteral("minima-lab:1:!!!!");
        QTest::newRow("cut short") << QStringLiteral("minima-lab:1:AAAAeHic");
        QTest::newRow("huge size claim") << QStringLiteral("minima-lab:1:f____3icAwAAAAAB");
    }
    void refusesDamagedState()
    {
        QFETCH(QString, text);
        // Inflated with its own capped reader: a damaged stream is refused without a Qt warning.
        LabState state;
        QString error;
        QVERIFY(!decodeLabState(text, &state, &error));
        QVERIFY(!error.isEmpty());
    }

    void unknownLessonIsRefused()
    {
        QTemporaryDir dir;
        MainWindow w(shippedLessons(), dir.path());
        LabState state;
        state.lesson = QStringLiteral("no-such-lesson");
        QString error;
        QVERIFY(!w.openLabState(state, &error));
        QVERIFY(error.contains(QStringLiteral("no-such-lesson")));
    }

    void savedFileReopens()
    {
        QTemporaryDir dir;
        LabState state;
        state.lesson = shippedLessons().front()->id();
        state.lab = 0;
        state.controls[QStringLiteral("seed")] = 7;
        const QString path = dir.filePath(QStringLiteral("x.minima-lab"));
        QString error;
        QVERIFY(saveLabStateFile(state, path, &error));
        LabState back;
        QVERIFY2(loadLabStateFile(path, &back, &error), qPrintable(error));
        QCOMPARE(back.lesson, state.lesson);
        QCOMPARE(back.controls.value(QStringLiteral("seed")).toInt(), 7);
    }
};

QTEST_MAIN(TestLabState)
#include "tst_labstate.moc"
