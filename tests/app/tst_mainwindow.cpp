#include <QtTest>

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTableWidget>
#include <QTextBrowser>

#include "app/commandline.h"
#include "app/commands.h"
#include "app/mainwindow.h"
#include "app/progressstore.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/lessoncontext.h"
#include "lessons/common/lessonpage.h"
#include "testlesson.h"
#include "common/fileopenwatch.h"
#include "common/testbudget.h"
#include "lessons/common/labstate.h"

#include <QElapsedTimer>
#include <QLabel>
#include <sys/stat.h>

using namespace minima;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;

    static void clickRow(QListWidget* list, int row)
    {
        const QRect r = list->visualItemRect(list->item(row));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, r.center());
    }

    static bool waitForWork(MainWindow& w)
    {
        return QTest::qWaitFor([&] { return w.context().pendingWork() == 0; }, 10000);
    }

private slots:
    void init() { dir = std::make_unique<QTemporaryDir>(); QVERIFY(dir->isValid()); }
    void cleanup() { dir.reset(); }

    void startsOnWelcomePage()
    {
        MainWindow w(testLessons(), dir->path());
        w.show();
        QCOMPARE(w.lessonList()->count(), 3);   // Welcome + two lessons
        QCOMPARE(w.currentPage()->objectName(), QStringLiteral("welcomePage"));
        QVERIFY(w.currentLessonId().isEmpty());
        QVERIFY(w.notice().isEmpty());
    }

    void navigatesByClick()
    {
        MainWindow w(testLessons(), dir->path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        clickRow(w.lessonList(), 1);
        QCOMPARE(w.currentLessonId(), QStringLiteral("test-lesson"));
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        QVERIFY(page);
        QCOMPARE(page->labCount(), 2);
        QVERIFY(w.windowTitle().contains(QStringLiteral("A test lesson")));
        // The lab's text is the Markdown from the resources, beside its figure.
        QVERIFY(page->labText(0)->toPlainText().contains(QStringLiteral("every chord lies above")));
        // A missing text says so rather than showing an empty pane.
        QVERIFY(page->labText(1)->toPlainText().contains(QStringLiteral("missing")));
        // The figure computed in the background reaches the chart.
        QVERIFY(waitForWork(w));
        auto* chart = page->findChild<FigureChart*>(QStringLiteral("testChart"));
        QVERIFY(chart);
        auto* series = qobject_cast<QLineSeries*>(chart->chart()->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->count(), 41);
        QCOMPARE(series->at(40), QPointF(2.0, 4.0));
        // The chart's text alternative lists every point.
        std::unique_ptr<QTableWidget> table(chart->dataTable(nullptr));
        QCOMPARE(table->rowCount(), 41);
        QCOMPARE(table->item(40, 0)->text(), QStringLiteral("x squared"));
        QCOMPARE(table->item(40, 1)->text(), QStringLiteral("2"));
        QCOMPARE(table->item(40, 2)->text(), QStringLiteral("4"));
        clickRow(w.lessonList(), 2);
        QCOMPARE(w.currentLessonId(), QStringLiteral("other-lesson"));
        clickRow(w.lessonList(), 0);
        QCOMPARE(w.currentPage()->objectName(), QStringLiteral("welcomePage"));
    }

    void navigatesByKeyboard()
    {
        MainWindow w(testLessons(), dir->path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.lessonList()->setFocus();
        QTest::keyClick(w.lessonList(), Qt::Key_Down);
        QCOMPARE(w.currentLessonId(), QStringLiteral("test-lesson"));
        QTest::keyClick(w.lessonList(), Qt::Key_Down);
        QCOMPARE(w.currentLessonId(), QStringLiteral("other-lesson"));
        QTest::keyClick(w.lessonList(), Qt::Key_Up);
        QCOMPARE(w.currentLessonId(), QStringLiteral("test-lesson"));
        // Ctrl+PageDown / Ctrl+PageUp move between lessons from anywhere in the window.
        QTest::keyClick(&w, Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(w.currentLessonId(), QStringLiteral("other-lesson"));
        QTest::keyClick(&w, Qt::Key_PageUp, Qt::ControlModifier);
        QTest::keyClick(&w, Qt::Key_PageUp, Qt::ControlModifier);
        QVERIFY(w.currentLessonId().isEmpty());
        QVERIFY(waitForWork(w));
    }

    void remembersLastLessonAndSize()
    {
        {
            MainWindow w(testLessons(), dir->path());
            w.show();
            w.resize(1000, 700);
            QVERIFY(w.openLesson(QStringLiteral("other-lesson")));
            QVERIFY(waitForWork(w));
            w.close();
        }
        MainWindow again(testLessons(), dir->path());
        QCOMPARE(again.currentLessonId(), QStringLiteral("other-lesson"));
        QCOMPARE(again.size(), QSize(1000, 700));
        QVERIFY(waitForWork(again));
    }

    void learnerNameIsKept()
    {
        {
            MainWindow w(testLessons(), dir->path());
            w.show();
            QCOMPARE(w.context().learner(), QStringLiteral("Guest"));
            auto* name = w.findChild<QLineEdit*>(QStringLiteral("learnerName"));
            QVERIFY(name);
            QSignalSpy changed(&w.context(), &LessonContext::learnerChanged);
            name->clear();
            QTest::keyClicks(name, QStringLiteral("Ada Lovelace"));
            QTest::keyClick(name, Qt::Key_Return);
            QCOMPARE(changed.count(), 1);
            QCOMPARE(w.context().learner(), QStringLiteral("Ada Lovelace"));
            QCOMPARE(w.store().learners(), QStringList{QStringLiteral("Ada Lovelace")});
            w.close();
        }
        MainWindow again(testLessons(), dir->path());
        QCOMPARE(again.context().learner(), QStringLiteral("Ada Lovelace"));
    }

    void textSizeShortcuts()
    {
        MainWindow w(testLessons(), dir->path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const double before = QApplication::font().pointSizeF();
        QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(QApplication::font().pointSizeF() > before);
        QTest::keyClick(&w, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(QApplication::font().pointSizeF(), before);
        QTest::keyClick(&w, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(QApplication::font().pointSizeF() < before);
        // Clamped: many presses never make text unreadably small.
        for (int i = 0; i < 30; ++i) QTest::keyClick(&w, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(QApplication::font().pointSizeF() >= before * 0.69);
        QTest::keyClick(&w, Qt::Key_0, Qt::ControlModifier);
    }

    void presentationModeHidesListAndScalesText()
    {
        MainWindow w(testLessons(), dir->path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const double before = QApplication::font().pointSizeF();
        QTest::keyClick(&w, Qt::Key_F11);
        QVERIFY(w.isPresenting());
        QVERIFY(!w.lessonList()->isVisible());
        QVERIFY(QApplication::font().pointSizeF() > before * 1.4);
        QTest::keyClick(&w, Qt::Key_F11);
        QVERIFY(!w.isPresenting());
        QVERIFY(w.lessonList()->isVisible());
        QCOMPARE(QApplication::font().pointSizeF(), before);
    }

    // F9 hides every lab's text so the figure takes the width, in lessons opened before and after.
    void oneKeyHidesTheLessonText()
    {
        MainWindow w(testLessons(), dir->path());
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openLesson(QStringLiteral("test-lesson")));
        auto* page = qobject_cast<LessonPage*>(w.currentPage());
        QVERIFY(page);
        QVERIFY(waitForWork(w));
        QWidget* figure = page->figure(0);
        QTRY_VERIFY(page->labText(0)->isVisible());
        const int narrow = figure->width();
        QTest::keyClick(&w, Qt::Key_F9);
        QVERIFY(!w.lessonTextShown());
        QVERIFY(!page->labText(0)->isVisible());
        QTRY_VERIFY(figure->width() > narrow * 1.3);
        QVERIFY(!w.findChild<QAction*>(QStringLiteral("lessonTextAction"))->isChecked());
        QTest::keyClick(&w, Qt::Key_F9);
        QTRY_VERIFY(page->labText(0)->isVisible());
        QTRY_COMPARE(figure->width(), narrow);
    }

    void damagedStoreIsReportedInOneSentence()
    {
        QFile f(dir->filePath(QStringLiteral("progress.sqlite")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, '\x07'));
        f.close();
        MainWindow w(testLessons(), dir->path());
        w.show();
        QVERIFY(w.notice().contains(QStringLiteral("damaged")));
        QVERIFY(w.store().isOpen());
    }

    void opensExercisePacks()
    {
        MainWindow w(testLessons(), dir->path());
        w.show();
        const int before = int(w.catalog().exercises().size());
        QVERIFY(w.openPack(QStringLiteral(SAMPLE_PACK)));
        QVERIFY(w.catalog().exercises().size() > before);
        QVERIFY(w.notice().isEmpty());

        // A malformed pack is refused, named, and loses nothing already loaded.
        const QString bad = dir->filePath(QStringLiteral("broken-pack.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "minima-exercises", "version": 1, "exercises": [{"id": "x.y", "prompt": 5}]})");
        f.close();
        const int loaded = int(w.catalog().exercises().size());
        QVERIFY(!w.openPack(bad));
        QVERIFY2(w.notice().contains(QStringLiteral("broken-pack.json")), qPrintable(w.notice()));
        QCOMPARE(int(w.catalog().exercises().size()), loaded);
    }

    // Text quoted from a file is shown as plain text: an <img src> in a pack's key, in an
    // exercise id or in a lab state's lesson makes nothing open the image (a sentinel file
    // watched by the kernel), and the notice shows the markup as written.
    void quotedMarkupOpensNoFile_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("pack key") << "key";
        QTest::newRow("pack exercise id") << "id";
        QTest::newRow("lab state lesson") << "lesson";
    }
    void quotedMarkupOpensNoFile()
    {
        QFETCH(QString, kind);
        QTemporaryDir sentinelDir;
        QVERIFY(sentinelDir.isValid());
        const QString sentinel = sentinelDir.filePath(QStringLiteral("m.png"));
        {
            QImage img(4, 4, QImage::Format_RGB32);
            img.fill(Qt::red);
            QVERIFY(img.save(sentinel));
        }
        const QString markup = QStringLiteral("<img src=\"%1\" width=\"400\" height=\"400\">").arg(sentinel);
        test::FileOpenWatch watch(sentinelDir.path());
        QVERIFY(watch.isValid());
        {
            // The hook sees an image that rich text loads.
            QLabel control;
            control.setTextFormat(Qt::RichText);
            control.setText(markup);
            control.show();
            control.grab();
            QVERIFY2(watch.opened().contains(QStringLiteral("m.png")), "the file-open hook saw nothing");
        }
        QVERIFY(watch.opened().isEmpty());

        MainWindow w(testLessons(), dir->path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString file = dir->filePath(QStringLiteral("hostile.json"));
        QJsonObject exercise{{"id", "identifiability.x"}, {"prompt", "p"},
                             {"answer", QJsonObject{{"kind", "integer"}, {"expected", "1"}}}};
        QByteArray bytes;
        if (kind == QLatin1String("key")) {
            bytes = QJsonDocument(QJsonObject{{"exercises", QJsonArray{exercise}}, {markup, 1}}).toJson();
        } else if (kind == QLatin1String("id")) {
            exercise[QStringLiteral("id")] = markup;
            bytes = QJsonDocument(QJsonObject{{"exercises", QJsonArray{exercise}}}).toJson();
        } else {
            bytes = QJsonDocument(QJsonObject{{"format", "minima-lab"}, {"version", 1}, {"lesson", markup}, {"lab", 0},
                                              {"controls", QJsonObject()}}).toJson();
        }
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        }
        if (kind == QLatin1String("lesson")) QVERIFY(!w.openLabStateFile(file));
        else QVERIFY(!w.openPack(file));
        QVERIFY2(w.notice().contains(markup), qPrintable(w.notice()));
        w.grab();
        QApplication::processEvents();
        auto* banner = w.findChild<QLabel*>(QStringLiteral("noticeBanner"));
        QVERIFY(banner);
        QCOMPARE(banner->textFormat(), Qt::PlainText);
        QVERIFY2(watch.opened().isEmpty(), "showing the notice opened the sentinel file");
    }

    // A device, a FIFO with no writer and a folder are refused at once, with what they are.
    void specialFilesAreRefused_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("said");
        QTest::newRow("/dev/zero as lab state") << "zero-lab" << "device";
        QTest::newRow("FIFO as lab state") << "fifo-lab" << "pipe";
        QTest::newRow("folder as lab state") << "folder-lab" << "folder";
        QTest::newRow("/dev/zero as pack") << "zero-pack" << "device";
        QTest::newRow("FIFO as pack") << "fifo-pack" << "pipe";
    }
    void specialFilesAreRefused()
    {
        QFETCH(QString, what);
        QFETCH(QString, said);
        QString path = QStringLiteral("/dev/zero");
        if (what.startsWith(QLatin1String("fifo"))) {
            path = dir->filePath(QStringLiteral("fifo"));
            QCOMPARE(mkfifo(path.toLocal8Bit().constData(), 0600), 0);
        } else if (what.startsWith(QLatin1String("folder"))) {
            path = dir->path();
        }
        MainWindow w(testLessons(), dir->path());
        w.show();
        const bool ok = what.endsWith(QLatin1String("lab")) ? w.openLabStateFile(path) : w.openPack(path);
        QVERIFY(!ok);
        QVERIFY2(w.notice().contains(said), qPrintable(w.notice()));
    }

    // A short text that claims 1,000 bytes but inflates far past the limit is refused.
    void labStateBombIsRefused()
    {
        QByteArray json = QByteArray("{\"format\":\"minima-lab\",\"version\":1,\"lesson\":\"") + QByteArray(8 << 20, 'a') + "\"}";
        QByteArray packed = qCompress(json, 9);
        packed[0] = 0; packed[1] = 0; packed[2] = 0x03; packed[3] = char(0xE8);   // claims 1,000 bytes
        const QString text = QStringLiteral("minima-lab:1:")
                             + QString::fromLatin1(packed.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QVERIFY(text.size() < 256 * 1024);
        LabState state;
        QString error;
        QVERIFY(!decodeLabState(text, &state, &error));
        QVERIFY2(error.contains(QStringLiteral("too long")), qPrintable(error));
        // And a faithful one still opens.
        LabState good;
        good.lesson = QStringLiteral("test-lesson");
        QVERIFY2(decodeLabState(encodeLabState(good), &state, &error), qPrintable(error));
        QCOMPARE(state.lesson, good.lesson);
    }

    void renderWritesNonBlankPngOfRequestedSize_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("laptop") << QSize(1366, 768);
        QTest::newRow("projector") << QSize(1920, 1080);
    }
    void renderWritesNonBlankPngOfRequestedSize()
    {
        QFETCH(QSize, size);
        CommandLine cl;
        cl.command = CommandLine::Command::Render;
        cl.lesson = QStringLiteral("test-lesson");
        cl.output = dir->filePath(QStringLiteral("page.png"));
        cl.size = size;
        QString errText;
        QTextStream err(&errText);
        QCOMPARE(runRenderCommand(cl, testLessons(), dir->path(), err), 0);
        QImage img(cl.output);
        QVERIFY(!img.isNull());
        QCOMPARE(img.size(), size);
        // Not blank: many colours, and the chart's line drawn (blue series colour present).
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 3)
            for (int x = 0; x < img.width(); x += 3) colours.insert(img.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
    }

    void renderRefusesUnknownLab()
    {
        CommandLine cl;
        cl.lesson = QStringLiteral("test-lesson");
        cl.output = dir->filePath(QStringLiteral("page.png"));
        cl.lab = 7;
        QString errText;
        QTextStream err(&errText);
        QCOMPARE(runRenderCommand(cl, testLessons(), dir->path(), err), 2);
        err.flush();
        QVERIFY(errText.contains(QStringLiteral("--lab 8")));
        QVERIFY(!QFile::exists(cl.output));
    }

    // The test lesson has no Exercises tab: --exercises says so and writes nothing.
    void renderRefusesExercisesWhereThereAreNone()
    {
        CommandLine cl;
        cl.lesson = QStringLiteral("test-lesson");
        cl.output = dir->filePath(QStringLiteral("page.png"));
        cl.exercises = true;
        QString errText;
        QTextStream err(&errText);
        QCOMPARE(runRenderCommand(cl, testLessons(), dir->path(), err), 2);
        err.flush();
        QVERIFY2(errText.contains(QStringLiteral("lesson 'test-lesson' has no exercises tab")), qPrintable(errText));
        QVERIFY(!QFile::exists(cl.output));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
