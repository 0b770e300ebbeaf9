// What leaves the app about a lesson page, for every shipped lesson: File > Print lesson page
// to PDF gives a PDF whose document title is "<lesson title> — <tab>", for a lab and for the
// exercises; `minima render --exercises` shows the lesson's Exercises tab.
#include <QtTest>

#include <QFile>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>

#include "app/commandline.h"
#include "app/commands.h"
#include "app/mainwindow.h"
#include "lessons/common/exercises/exercisepanel.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "lessons/registry.h"
#include "common/testbudget.h"

using namespace minima;

namespace {

// The /Title of a PDF's document information dictionary: a literal string, (…) with its
// escapes, or a hex string, <FEFF…> in UTF-16BE or bytes in PDFDocEncoding. Empty when none.
QString pdfTitle(const QByteArray& pdf)
{
    const qsizetype at = pdf.indexOf("/Title");
    if (at < 0) return {};
    qsizetype i = at + 6;
    while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\n' || pdf[i] == '\r')) ++i;
    if (i >= pdf.size()) return {};
    QByteArray bytes;
    if (pdf[i] == '<') {
        const qsizetype end = pdf.indexOf('>', i);
        if (end < 0) return {};
        bytes = QByteArray::fromHex(pdf.mid(i + 1, end - i - 1));
    } else if (pdf[i] == '(') {
        int depth = 1;
        for (++i; i < pdf.size() && depth > 0; ++i) {
            const char c = pdf[i];
            if (c == '\\' && i + 1 < pdf.size()) {
                const char e = pdf[++i];
                if (e >= '0' && e <= '7') {
                    int v = 0, n = 0;
                    while (n < 3 && i < pdf.size() && pdf[i] >= '0' && pdf[i] <= '7') v = v * 8 + (pdf[i++] - '0'), ++n;
                    --i;
                    bytes += char(v);
                } else {
                    bytes += e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
                }
                continue;
            }
            if (c == '(') ++depth;
            if (c == ')' && --depth == 0) break;
            bytes += c;
        }
    } else {
        return {};
    }
    if (bytes.startsWith("\xFE\xFF")) {
        QString s;
        for (qsizetype k = 2; k + 1 < bytes.size(); k += 2) s += QChar(char16_t((uchar(bytes[k]) << 8) | uchar(bytes[k + 1])));
        return s;
    }
    return QString::fromLatin1(bytes);
}

} // namespace

class TestPageOutput : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

    static bool settle(MainWindow& w)
    {
        return QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, test::waitMs(60000));
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void printedPdfIsTitledWithTheLesson()
    {
        MainWindow w(shippedLessons(), dir_.path());
        w.resize(1366, 768);
        w.show();
        for (const auto& lesson : shippedLessons()) {
            QVERIFY(w.openLesson(lesson->id()));
            QCOMPARE(w.currentLessonTitle(), lesson->title());
            auto* page = qobject_cast<LessonPage*>(w.currentPage());
            QVERIFY(page);
            for (int tab : {0, page->tabs()->count() - 1}) {   // the first lab and the exercises
                page->tabs()->setCurrentIndex(tab);
                QVERIFY(settle(w));
                QTest::qWait(20);
                const QString path = dir_.filePath(QStringLiteral("%1-%2.pdf").arg(lesson->id()).arg(tab));
                QString error;
                QVERIFY2(w.printPage(path, &error), qPrintable(error));
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray pdf = f.readAll();
                QVERIFY(pdf.startsWith("%PDF-"));
                const QString tabText = page->tabs()->tabText(tab).remove(QLatin1Char('&'));
                QCOMPARE(pdfTitle(pdf), QStringLiteral("%1 \u2014 %2").arg(lesson->title(), tabText));
            }
        }
        // The welcome page has nothing to print, and says so.
        w.openWelcome();
        QString error;
        QVERIFY(!w.printPage(dir_.filePath(QStringLiteral("welcome.pdf")), &error));
        QCOMPARE(error, QStringLiteral("Open a lesson to print its page."));
    }

    void renderShowsTheExercisesTab()
    {
        for (const auto& lesson : shippedLessons()) {
            MainWindow w(shippedLessons(), dir_.path());
            CommandLine cl;
            cl.command = CommandLine::Command::Render;
            cl.lesson = lesson->id();
            cl.exercises = true;
            cl.size = QSize(1366, 768);
            const QImage image = grabForRender(w, cl);
            QCOMPARE(image.size(), cl.size);
            auto* page = qobject_cast<LessonPage*>(w.currentPage());
            QVERIFY(page);
            auto* panel = qobject_cast<ExercisePanel*>(page->tabs()->currentWidget());
            QVERIFY2(panel, qPrintable(lesson->id()));
            QVERIFY(panel->isVisible());
            QVERIFY(panel->exerciseCount() > 0);
            QVERIFY(panel->columnsSideBySide());   // at 1366 × 768 the question and feedback stand side by side
        }
    }
};

QTEST_MAIN(TestPageOutput)
#include "tst_pageoutput.moc"
