// Classroom comfort: presentation mode's keys step through the labs, a solution needs a
// second click while the class watches, the themes recolour the app and its charts and are
// remembered, and a decimal comma is read as a decimal point where the locale writes one.
#include <QtTest>

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <cmath>
#include <memory>

#include "app/commandline.h"
#include "app/commands.h"
#include "app/mainwindow.h"
#include "app/presentation.h"
#include "app/progressstore.h"
#include "app/theme.h"
#include "lessons/common/charts/figurechart.h"
#include "lessons/common/charts/palette.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisepanel.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/common/progresssink.h"
#include "common/fsguards.h"
#include "testlesson.h"

using namespace minima;

namespace {

const char* kPack = R"({
  "format": "minima-exercises", "version": 1, "title": "Classroom test pack",
  "exercises": [
    {
      "id": "test-lesson.fraction",
      "title": "A fraction",
      "prompt": "<p>Three quarters as a decimal?</p>",
      "answer": {"kind": "number", "expected": "3/4", "tolerance": {"relative": 0.000001}},
      "solution": "<p>SOLUTION-TEXT</p>"
    },
    {
      "id": "test-lesson.big",
      "title": "A big count",
      "prompt": "<p>10 tanh units: how many equivalent configurations?</p>",
      "answer": {"kind": "integer", "expected": "3715891200"},
      "solution": "<p>OTHER-SOLUTION</p>"
    }
  ]
})";

// WCAG 2.1 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
double luminance(const QColor& c)
{
    auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
}
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestClassroom : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;
    QLocale savedLocale;
    QPalette savedPalette;

    int labIndex(MainWindow& w)
    {
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        return page ? page->tabs()->currentIndex() : -1;
    }

    bool packLoaded(MainWindow& w)
    {
        QFile f(dir->filePath(QStringLiteral("pack.json")));
        if (!f.open(QIODevice::WriteOnly) || f.write(kPack) < 0) return false;
        f.close();
        return w.openPack(f.fileName());
    }

private slots:
    void initTestCase()
    {
        savedLocale = QLocale();
        savedPalette = QApplication::palette();
    }
    void init()
    {
        dir = std::make_unique<QTemporaryDir>();
        QVERIFY(dir->isValid());
    }
    void cleanup()
    {
        QLocale::setDefault(savedLocale);
        applyTheme(Theme::System);
        dir.reset();
    }

    void presentationKeysStepThroughLabs()
    {
        MainWindow w(testLessons(), dir->path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openLesson(QStringLiteral("test-lesson")));
        QCOMPARE(labIndex(w), 0);
        // Outside presentation mode PageDown belongs to the text panes, not to the labs.
        QTest::keyClick(&w, Qt::Key_PageDown);
        QCOMPARE(labIndex(w), 0);

        w.setPresenting(true);
        QVERIFY(!w.lessonList()->isVisible());
        QTest::keyClick(&w, Qt::Key_PageDown);
        QCOMPARE(labIndex(w), 1);
        // Past the lesson's last lab: the next lesson's first.
        QTest::keyClick(&w, Qt::Key_PageDown);
        QCOMPARE(w.currentLessonId(), QStringLiteral("other-lesson"));
        QCOMPARE(labIndex(w), 0);
        // And back: the previous lesson's last lab.
        QTest::keyClick(&w, Qt::Key_PageUp);
        QCOMPARE(w.currentLessonId(), QStringLiteral("test-lesson"));
        QCOMPARE(labIndex(w), 1);
        QTest::keyClick(&w, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(w.currentLessonId(), QStringLiteral("other-lesson"));
        QCOMPARE(labIndex(w), 0);
        QTest::keyClick(&w, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(w.currentLessonId(), QStringLiteral("test-lesson"));
        QCOMPARE(labIndex(w), 1);
        // The ends of the course stay put.
        QVERIFY(w.openLesson(QStringLiteral("other-lesson")));
        qobject_cast<LessonPage*>(w.currentPage())->tabs()->setCurrentIndex(1);
        QVERIFY(!stepLab(w, +1));
        QCOMPARE(w.currentLessonId(), QStringLiteral("other-lesson"));
        QCOMPARE(labIndex(w), 1);
        w.openWelcome();
        QVERIFY(!stepLab(w, -1));
        QVERIFY(stepLab(w, +1));   // from the welcome page into the first lesson
        QCOMPARE(w.currentLessonId(), QStringLiteral("test-lesson"));
        QCOMPARE(labIndex(w), 0);

        w.setPresenting(false);
        QTest::keyClick(&w, Qt::Key_PageDown);
        QCOMPARE(labIndex(w), 0);
        QVERIFY(QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, 10000));
    }

    // The text beside each lab keeps its share of the width (a larger figure share when
    // presenting), follows the window's size until the learner drags the handle, and gets its
    // share back when the fonts change.
    void labTextKeepsItsShareOfTheWidth()
    {
        MainWindow w(testLessons(), dir->path());
        w.resize(1600, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openLesson(QStringLiteral("test-lesson")));
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        QVERIFY(page);
        auto* splitter = qobject_cast<QSplitter*>(page->tabs()->widget(0));
        QVERIFY(splitter);
        auto share = [&] {
            const QList<int> s = splitter->sizes();
            return double(s[0]) / double(s[0] + s[1]);
        };
        auto near = [&](double want) { return std::abs(share() - want) < 0.02; };
        QTRY_VERIFY2(near(LessonPage::textShare(false)), qPrintable(QString::number(share())));

        w.setPresenting(true);
        QTRY_VERIFY2(near(LessonPage::textShare(true)), qPrintable(QString::number(share())));
        QVERIFY(LessonPage::textShare(true) < LessonPage::textShare(false));
        w.setPresenting(false);
        QTRY_VERIFY2(near(LessonPage::textShare(false)), qPrintable(QString::number(share())));

        // A larger window: the same share.
        const int narrow = splitter->width();
        w.resize(w.width() + 300, w.height());
        QTRY_VERIFY(splitter->width() > narrow + 200);
        QTRY_VERIFY2(near(LessonPage::textShare(false)), qPrintable(QString::number(share())));

        // The learner drags the handle: their share stands when the window changes size.
        QSplitterHandle* handle = splitter->handle(1);
        const QPoint mid(handle->width() / 2, handle->height() / 2);
        QTest::mousePress(handle, Qt::LeftButton, {}, mid);
        QTest::mouseMove(handle, mid + QPoint(200, 0));
        QTest::mouseRelease(handle, Qt::LeftButton, {}, mid + QPoint(200, 0));
        const double dragged = share();
        QVERIFY2(dragged > LessonPage::textShare(false) + 0.05, qPrintable(QString::number(dragged)));
        const int wide = splitter->width();
        w.resize(w.width() - 150, w.height());
        QTRY_VERIFY(splitter->width() < wide - 100);
        QTRY_VERIFY2(near(dragged), qPrintable(QString::number(share())));

        // A change of text size shares the width out again.
        QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
        QTRY_VERIFY2(near(LessonPage::textShare(false)), qPrintable(QString::number(share())));
        QTest::keyClick(&w, Qt::Key_0, Qt::ControlModifier);
    }

    // `minima render --present` draws the window at the size asked for: presentation mode's
    // full screen must not decide the size (the image would be a scaled-up small window).
    void presentationRenderIsTheRequestedSize()
    {
        MainWindow w(testLessons(), dir->path());
        CommandLine cl;
        cl.command = CommandLine::Command::Render;
        cl.lesson = QStringLiteral("test-lesson");
        cl.present = true;
        cl.size = QSize(1920, 1080);
        cl.lab = 1;
        const QImage image = grabForRender(w, cl);
        QVERIFY(w.isPresenting());
        QVERIFY(!w.lessonList()->isVisible());
        QCOMPARE(image.size(), cl.size);
        QCOMPARE(w.size(), cl.size);
        QCOMPARE(qobject_cast<LessonPage*>(w.currentPage())->tabs()->currentIndex(), 1);
    }

    // A full disk at the moment a learner checks an answer: the verdict is shown as always, the
    // panel says the attempt was not saved and why, and the next check once there is room is saved.
    void fullDiskShowsTheVerdictAndSaysWhy()
    {
        MainWindow w(testLessons(), dir->path());
        QVERIFY(packLoaded(w));
        ExercisePanel shown(w.context(), QStringLiteral("test-lesson"));
        ExercisePanel* panel = &shown;
        QVERIFY(panel->selectExercise(QStringLiteral("test-lesson.fraction")));
        auto* input = panel->findChild<QLineEdit*>(QStringLiteral("answerInput"));
        auto* check = panel->findChild<QPushButton*>(QStringLiteral("checkButton"));
        auto* verdict = panel->findChild<QLabel*>(QStringLiteral("verdictLabel"));
        auto* status = panel->findChild<QLabel*>(QStringLiteral("statusLabel"));
        QVERIFY(input && check && verdict && status);
        panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel));
        const QString learner = w.context().learner();
        {
            test::FileSizeLimit full(1024);
            QVERIFY(full.ok());
            QTest::keyClicks(input, QStringLiteral("0.75"));
            QTest::mouseClick(check, Qt::LeftButton);
            QVERIFY2(verdict->text().contains(QStringLiteral("Correct")), qPrintable(verdict->text()));
            QVERIFY2(status->text().contains(QStringLiteral("could not be saved")) && status->text().contains(QStringLiteral("full")),
                     qPrintable(status->text()));
        }
        QCOMPARE(w.store().progress(learner, QStringLiteral("test-lesson.fraction")).attempts, 0);
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY2(status->text().contains(QStringLiteral("Attempts: 1")), qPrintable(status->text()));
        QCOMPARE(w.store().progress(learner, QStringLiteral("test-lesson.fraction")).attempts, 1);
        QVERIFY(w.store().progress(learner, QStringLiteral("test-lesson.fraction")).solved);
    }

    void solutionNeedsASecondClickWhenPresenting()
    {
        MainWindow w(testLessons(), dir->path());
        QVERIFY(packLoaded(w));
        auto* panel = new ExercisePanel(w.context(), QStringLiteral("test-lesson"), &w);
        auto* button = panel->findChild<QPushButton*>(QStringLiteral("solutionButton"));
        auto* solution = panel->findChild<QLabel*>(QStringLiteral("solutionLabel"));
        QVERIFY(button && solution);
        QVERIFY(panel->selectExercise(QStringLiteral("test-lesson.fraction")));

        w.setPresenting(true);
        panel->showSolution();
        QVERIFY(solution->text().isEmpty());
        QVERIFY2(button->text().contains(QStringLiteral("again")), qPrintable(button->text()));
        QCOMPARE(w.store().progress(w.context().learner(), QStringLiteral("test-lesson.fraction")).solutionShown, false);
        // Moving to another exercise disarms it.
        QVERIFY(panel->selectExercise(QStringLiteral("test-lesson.big")));
        panel->showSolution();
        QVERIFY(solution->text().isEmpty());
        panel->showSolution();
        QVERIFY2(solution->text().contains(QStringLiteral("OTHER-SOLUTION")), qPrintable(solution->text()));
        QCOMPARE(w.store().progress(w.context().learner(), QStringLiteral("test-lesson.big")).solutionShown, true);
        QVERIFY(!button->text().contains(QStringLiteral("again")));

        // Outside presentation mode one click shows it.
        w.setPresenting(false);
        QVERIFY(panel->selectExercise(QStringLiteral("test-lesson.fraction")));
        panel->showSolution();
        QVERIFY2(solution->text().contains(QStringLiteral("SOLUTION-TEXT")), qPrintable(solution->text()));
    }

    void decimalCommaFollowsTheLocale_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("exercise");
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("verdict");
        const QLocale german(QLocale::German, QLocale::Germany);
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        const int correct = int(AttemptRecord::Verdict::Correct);
        const int wrong = int(AttemptRecord::Verdict::Wrong);
        const QString fraction = QStringLiteral("test-lesson.fraction");
        const QString big = QStringLiteral("test-lesson.big");
        QTest::newRow("de: 0,75") << german << fraction << QStringLiteral("0,75") << correct;
        QTest::newRow("de: ,75") << german << fraction << QStringLiteral(" ,75 ") << correct;
        QTest::newRow("de: 7,5e-1") << german << fraction << QStringLiteral("7,5e-1") << correct;
        QTest::newRow("de: 1,5/2") << german << fraction << QStringLiteral("1,5/2") << correct;
        QTest::newRow("de: 0.75 still") << german << fraction << QStringLiteral("0.75") << correct;
        QTest::newRow("de: 0,76") << german << fraction << QStringLiteral("0,76") << wrong;
        QTest::newRow("de: thousands kept") << german << big << QStringLiteral("3,715,891,200") << correct;
        QTest::newRow("en: thousands") << english << big << QStringLiteral("3,715,891,200") << correct;
        QTest::newRow("en: 0,75 is no decimal") << english << fraction << QStringLiteral("0,75") << -1;
    }
    void decimalCommaFollowsTheLocale()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, exercise);
        QFETCH(QString, input);
        QFETCH(int, verdict);
        QLocale::setDefault(locale);
        MainWindow w(testLessons(), dir->path());
        QVERIFY(packLoaded(w));
        ExercisePanel panel(w.context(), QStringLiteral("test-lesson"));
        QVERIFY(panel.selectExercise(exercise));
        QSignalSpy spy(&panel, &ExercisePanel::checked);
        panel.findChild<QLineEdit*>(QStringLiteral("answerInput"))->setText(input);
        panel.check();
        QCOMPARE(spy.size(), 1);
        const int got = spy.first().at(1).toInt();
        if (verdict >= 0) QCOMPARE(got, verdict);
        else QVERIFY(got != int(AttemptRecord::Verdict::Correct));
        // What the learner typed is what is recorded.
        const QList<AttemptRecord> attempts = w.store().attempts(w.context().learner());
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().input, input);
    }

    void themesRecolourAndAreRemembered()
    {
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        {
            MainWindow w(testLessons(), dir->path());
            w.show();
            QVERIFY(w.openLesson(QStringLiteral("test-lesson")));
            QVERIFY(QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, 10000));
            auto* chart = w.currentPage()->findChild<FigureChart*>(QStringLiteral("testChart"));
            QVERIFY(chart);
            auto* dark = w.findChild<QAction*>(QStringLiteral("theme-dark"));
            QVERIFY(dark);
            dark->trigger();
            QVERIFY(darkPalette());
            QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() < 0.25);
            // The chart restyled itself: its background is the new base colour.
            QCOMPARE(chart->chart()->backgroundBrush().color(), QApplication::palette().color(QPalette::Base));
            QVERIFY(chart->chart()->backgroundBrush().color().lightnessF() < 0.25);
            QVERIFY(contrast(QApplication::palette().color(QPalette::Text), QApplication::palette().color(QPalette::Base)) >= 7.0);

            w.findChild<QAction*>(QStringLiteral("theme-high-contrast"))->trigger();
            const QPalette hc = QApplication::palette();
            QCOMPARE(contrast(hc.color(QPalette::WindowText), hc.color(QPalette::Window)), 21.0);
            QCOMPARE(contrast(hc.color(QPalette::Text), hc.color(QPalette::Base)), 21.0);
            QVERIFY(contrast(hc.color(QPalette::HighlightedText), hc.color(QPalette::Highlight)) >= 7.0);
            QCOMPARE(chart->chart()->backgroundBrush().color(), QColor(Qt::black));

            w.findChild<QAction*>(QStringLiteral("theme-light"))->trigger();
            QVERIFY(!darkPalette());
            QVERIFY(contrast(QApplication::palette().color(QPalette::Text), QApplication::palette().color(QPalette::Base)) >= 7.0);
            w.findChild<QAction*>(QStringLiteral("theme-dark"))->trigger();
            w.close();
        }
        // A new window (the next start) comes up dark, with Dark ticked.
        applyTheme(Theme::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
        MainWindow again(testLessons(), dir->path());
        QVERIFY(darkPalette());
        QVERIFY(again.findChild<QAction*>(QStringLiteral("theme-dark"))->isChecked());
        again.findChild<QAction*>(QStringLiteral("theme-system"))->trigger();
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
        QVERIFY(QTest::qWaitFor([&] { return again.context().pendingWork() == 0; }, 10000));
    }

    void themeKeysRoundTrip()
    {
        for (Theme t : {Theme::System, Theme::Light, Theme::Dark, Theme::HighContrast}) {
            Theme back = Theme::System;
            QVERIFY(themeFromKey(themeKey(t), &back));
            QCOMPARE(int(back), int(t));
        }
        Theme unchanged = Theme::Dark;
        QVERIFY(!themeFromKey(QStringLiteral("purple"), &unchanged));
        QVERIFY(!themeFromKey(QString(), &unchanged));
        QCOMPARE(int(unchanged), int(Theme::Dark));
    }

    void translationTemplateListsTheStrings()
    {
        QFile ts(QStringLiteral(MINIMA_TRANSLATION_TEMPLATE));
        if (!ts.exists()) QSKIP("the template is made by the minima_lupdate target");
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        QStringList sources;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("source"))
                sources << xml.readElementText();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sources.size() > 100);
        for (const char* s : {"&Print lesson page to PDF…", "&High contrast", "Export as &CSV…", "&Presentation mode"})
            QVERIFY2(sources.contains(QString::fromUtf8(s)), s);
    }
};

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"
