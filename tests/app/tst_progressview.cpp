// The progress view: a learner's attempts, hints and time per exercise, their CSV and PDF
// exports, and the class table a teacher builds from several learners' CSV files. The
// expected rows are worked out by hand from the attempts each test makes.
#include <QtTest>

#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSettings>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>

#include <memory>

#include "app/mainwindow.h"
#include "app/progressstore.h"
#include "app/lessonprogress.h"
#include "app/progressview.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisepanel.h"
#include "lessons/common/lessoncontext.h"
#include "common/exercisepack.h"
#include "testlesson.h"

using namespace minima;

namespace {

const QByteArray kPack = testpack::pack(QStringLiteral("Progress test pack"), {
    testpack::layersExercise(QStringLiteral("identifiability.layers"), QStringLiteral("Layers"),
                             QStringLiteral("<p>{l} layers of {n} units. How many equivalent networks?</p>"),
                             testpack::exercise(R"({
      "hints": ["One layer first.", "The layers multiply."],
      "solution": "<p>({n}!)^{l}</p>"
    })")),
    testpack::exercise(R"({
      "id": "identifiability.formula",
      "title": "The general count, n and l",
      "prompt": "<p>Write the count as a formula in n and l.</p>",
      "answer": {"kind": "expression", "expected": "n!^l",
                 "variables": [{"name": "n", "kind": "count", "min": 1, "max": 6},
                               {"name": "l", "kind": "count", "min": 1, "max": 3}]}
    })"),
    testpack::exercise(R"({
      "id": "relu-rescaling.k",
      "title": "Which \u0022k\u0022?",
      "prompt": "<p>For which k?</p>",
      "answer": {"kind": "condition", "expected": "k > 0", "variables": [{"name": "k", "kind": "real"}]}
    })")});

const QString csvHeaderLine = QStringLiteral(
    "learner,lesson,lesson_title,exercise,exercise_title,solved,attempts,hints,solution_shown,seconds");

LessonList lessonsOfPack()
{
    return {std::make_shared<TestLesson>(QStringLiteral("identifiability"), QStringLiteral("Identifiability")),
            std::make_shared<TestLesson>(QStringLiteral("relu-rescaling"), QStringLiteral("ReLU rescaling"))};
}

AttemptRecord attempt(const QString& learner, const QString& id, AttemptRecord::Verdict v, const QDateTime& when,
                      const QString& input = QString())
{
    AttemptRecord a;
    a.learner = learner;
    a.exerciseId = id;
    a.verdict = v;
    a.when = when;
    a.input = input;
    return a;
}

bool writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ExerciseReport row(const QString& learner, const QString& id, bool solved, int attempts, int hints, qint64 seconds)
{
    ExerciseReport r;
    r.learner = learner;
    r.lessonId = id.section(QLatin1Char('.'), 0, 0);
    r.lessonTitle = r.lessonId;
    r.exerciseId = id;
    r.exerciseTitle = id.section(QLatin1Char('.'), 1);
    r.solved = solved;
    r.attempts = attempts;
    r.hintsShown = hints;
    r.seconds = seconds;
    return r;
}

} // namespace

class TestProgressView : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<ProgressStore> store;
    std::unique_ptr<ExerciseCatalog> catalog;
    QDateTime t0 = QDateTime(QDate(2026, 3, 2), QTime(9, 0, 0), Qt::UTC);

    QString path(const QString& name) const { return dir->filePath(name); }

    // Ada: on "layers" wrong, hint, wrong, unreadable, correct over 100 s; on "formula" only
    // the solution shown. Bob's attempts must not leak into Ada's report.
    void recordAda()
    {
        using V = AttemptRecord::Verdict;
        QString error;
        const QString layers = QStringLiteral("identifiability.layers");
        for (const AttemptRecord& a :
             {attempt(QStringLiteral("Ada"), layers, V::Wrong, t0, QStringLiteral("(n*l)!")),
              attempt(QStringLiteral("Ada"), layers, V::HintShown, t0.addSecs(30)),
              attempt(QStringLiteral("Ada"), layers, V::Wrong, t0.addSecs(60), QStringLiteral("n^l")),
              attempt(QStringLiteral("Ada"), layers, V::Unreadable, t0.addSecs(70), QStringLiteral("((")),
              attempt(QStringLiteral("Ada"), layers, V::Correct, t0.addSecs(100), QStringLiteral("1728")),
              attempt(QStringLiteral("Ada"), QStringLiteral("identifiability.formula"), V::SolutionShown, t0.addSecs(500)),
              attempt(QStringLiteral("Bob"), layers, V::Wrong, t0.addSecs(-4000), QStringLiteral("1")),
              attempt(QStringLiteral("Bob"), QStringLiteral("relu-rescaling.k"), V::Correct, t0, QStringLiteral("k>0"))})
            QVERIFY2(store->recordAttempt(a, &error), qPrintable(error));
    }

private slots:
    void init()
    {
        dir = std::make_unique<QTemporaryDir>();
        QVERIFY(dir->isValid());
        store = std::make_unique<ProgressStore>(dir->filePath(QStringLiteral("data")));
        QVERIFY(store->isOpen());
        catalog = std::make_unique<ExerciseCatalog>();
        QVERIFY(writeText(path(QStringLiteral("pack.json")), kPack));
        QString error;
        QVERIFY2(catalog->loadPack(path(QStringLiteral("pack.json")), &error), qPrintable(error));
    }
    void cleanup()
    {
        catalog.reset();
        store.reset();
        dir.reset();
    }

    void reportCountsAttemptsHintsAndTime()
    {
        recordAda();
        const QList<ExerciseReport> rows = progressReport(*catalog, *store, lessonsOfPack(), QStringLiteral("Ada"));
        QCOMPARE(rows.size(), 3);   // lesson order, then file order
        QCOMPARE(rows[0].exerciseId, QStringLiteral("identifiability.layers"));
        QCOMPARE(rows[0].lessonTitle, QStringLiteral("Identifiability"));
        QCOMPARE(rows[0].solved, true);
        QCOMPARE(rows[0].attempts, 3);      // two wrong and one correct; "could not read" does not count
        QCOMPARE(rows[0].hintsShown, 1);
        QCOMPARE(rows[0].solutionShown, false);
        QCOMPARE(rows[0].seconds, qint64(100));   // 09:00:00 to 09:01:40
        QCOMPARE(rows[1].exerciseId, QStringLiteral("identifiability.formula"));
        QCOMPARE(rows[1].solved, false);
        QCOMPARE(rows[1].attempts, 0);
        QCOMPARE(rows[1].solutionShown, true);
        QCOMPARE(rows[1].seconds, qint64(0));     // a single record spans no time
        QCOMPARE(rows[2].exerciseId, QStringLiteral("relu-rescaling.k"));
        QCOMPARE(rows[2].lessonTitle, QStringLiteral("ReLU rescaling"));
        QCOMPARE(rows[2].attempts, 0);            // Bob's correct answer is not Ada's
        QCOMPARE(rows[2].solved, false);
        for (const ExerciseReport& r : rows) QCOMPARE(r.learner, QStringLiteral("Ada"));
    }

    void viewSumsUpEachLessonAndCloses()
    {
        recordAda();
        auto* view = new ProgressView(*catalog, *store, lessonsOfPack(), QStringLiteral("Ada"));
        QPointer<ProgressView> alive(view);
        view->setAttribute(Qt::WA_DeleteOnClose);
        view->resize(1000, 600);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view));
        // One line per lesson above the table: its bar and its numbers.
        const QList<QLabel*> titles = view->lessonSummary()->findChildren<QLabel*>(QStringLiteral("lessonTitle"));
        const QList<QLabel*> numbers = view->lessonSummary()->findChildren<QLabel*>(QStringLiteral("lessonNumbers"));
        const QList<QProgressBar*> bars = view->lessonSummary()->findChildren<QProgressBar*>(QStringLiteral("lessonBar"));
        QCOMPARE(titles.size(), 2);
        QCOMPARE(titles[0]->text(), QStringLiteral("Identifiability"));
        QCOMPARE(numbers[0]->text(), QStringLiteral("1 of 2 solved \u00b7 3 attempts \u00b7 1 hints \u00b7 1 min 40 s"));
        QCOMPARE(bars[0]->value(), 1);
        QCOMPARE(bars[0]->maximum(), 2);
        QCOMPARE(titles[1]->text(), QStringLiteral("ReLU rescaling"));
        QCOMPARE(numbers[1]->text(), QStringLiteral("0 of 1 solved \u00b7 0 attempts \u00b7 0 hints \u00b7 \u2013"));
        QVERIFY(view->lessonSummary()->isVisible());
        // A new attempt shows at once.
        QString error;
        QVERIFY(store->recordAttempt(attempt(QStringLiteral("Ada"), QStringLiteral("relu-rescaling.k"), AttemptRecord::Verdict::Correct,
                                             t0.addSecs(900), QStringLiteral("k>0")), &error));
        QCOMPARE(view->lessonSummary()->findChildren<QLabel*>(QStringLiteral("lessonNumbers"))[1]->text(),
                 QStringLiteral("1 of 1 solved \u00b7 1 attempts \u00b7 0 hints \u00b7 \u2013"));
        // Escape closes it.
        view->activateWindow();
        QTest::keyClick(view, Qt::Key_Escape);
        QTRY_VERIFY(alive.isNull());
        // And so does its Close button.
        auto* again = new ProgressView(*catalog, *store, lessonsOfPack(), QStringLiteral("Ada"));
        QPointer<ProgressView> second(again);
        again->setAttribute(Qt::WA_DeleteOnClose);
        again->show();
        auto* close = again->findChild<QPushButton*>(QStringLiteral("closeButton"));
        QVERIFY(close && close->isVisible());
        QTest::mouseClick(close, Qt::LeftButton);
        QTRY_VERIFY(second.isNull());
    }

    void reportOfANewLearnerIsAllUntried()
    {
        const QList<ExerciseReport> rows = progressReport(*catalog, *store, lessonsOfPack(), QStringLiteral("Nobody"));
        QCOMPARE(rows.size(), 3);
        for (const ExerciseReport& r : rows) {
            QVERIFY(!r.solved);
            QCOMPARE(r.attempts, 0);
            QCOMPARE(r.hintsShown, 0);
            QCOMPARE(r.seconds, qint64(0));
        }
        // No lessons, no rows.
        QVERIFY(progressReport(*catalog, *store, {}, QStringLiteral("Ada")).isEmpty());
    }

    void csvIsWrittenAsWorkedOut()
    {
        recordAda();
        const QList<ExerciseReport> rows = progressReport(*catalog, *store, lessonsOfPack(), QStringLiteral("Ada"));
        const QString expected = csvHeaderLine + QStringLiteral("\n")
            + QStringLiteral("Ada,identifiability,Identifiability,identifiability.layers,Layers,1,3,1,0,100\n"
                             "Ada,identifiability,Identifiability,identifiability.formula,\"The general count, n and l\",0,0,0,1,0\n"
                             "Ada,relu-rescaling,ReLU rescaling,relu-rescaling.k,\"Which \"\"k\"\"?\",0,0,0,0,0\n");
        QCOMPARE(progressCsv(rows), expected);
        QString error;
        QVERIFY2(writeProgressCsv(rows, path(QStringLiteral("ada.csv")), &error), qPrintable(error));
        QCOMPARE(QString::fromUtf8(readAll(path(QStringLiteral("ada.csv")))), expected);
    }

    void csvRoundTrips_data()
    {
        QTest::addColumn<QString>("learner");
        QTest::addColumn<QString>("title");
        QTest::newRow("plain") << QStringLiteral("Ada") << QStringLiteral("Layers");
        QTest::newRow("comma") << QStringLiteral("Lovelace, Ada") << QStringLiteral("n, l");
        QTest::newRow("quotes") << QStringLiteral("\"Ada\"") << QStringLiteral("say \"k\"");
        QTest::newRow("line break") << QStringLiteral("Ada") << QStringLiteral("two\nlines");
        QTest::newRow("unicode") << QStringLiteral("Zoë Ωmega") << QStringLiteral("n!ˡ — λ");
        QTest::newRow("empty title") << QStringLiteral("Ada") << QString();
    }
    void csvRoundTrips()
    {
        QFETCH(QString, learner);
        QFETCH(QString, title);
        ExerciseReport r = row(learner, QStringLiteral("identifiability.layers"), true, 7, 2, 3725);
        r.exerciseTitle = title;
        r.solutionShown = true;
        QString error;
        QVERIFY2(writeProgressCsv({r, row(learner, QStringLiteral("convexity.x"), false, 0, 0, 0)},
                                  path(QStringLiteral("r.csv")), &error),
                 qPrintable(error));
        QList<ExerciseReport> back;
        QVERIFY2(readProgressCsv(path(QStringLiteral("r.csv")), &back, &error), qPrintable(error));
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[0].learner, learner);
        QCOMPARE(back[0].exerciseTitle, title);
        QCOMPARE(back[0].exerciseId, QStringLiteral("identifiability.layers"));
        QCOMPARE(back[0].solved, true);
        QCOMPARE(back[0].attempts, 7);
        QCOMPARE(back[0].hintsShown, 2);
        QCOMPARE(back[0].solutionShown, true);
        QCOMPARE(back[0].seconds, qint64(3725));
        QCOMPARE(back[1].exerciseId, QStringLiteral("convexity.x"));
        QCOMPARE(back[1].solved, false);
    }

    void csvFromASpreadsheetReads()
    {
        // Saved again by a spreadsheet: a byte-order mark, CRLF line ends, no final newline.
        const QByteArray text = "\xEF\xBB\xBF" + csvHeaderLine.toUtf8() + "\r\nBob,convexity,Convexity,convexity.chord,Chord,1,2,0,0,42";
        QVERIFY(writeText(path(QStringLiteral("bob.csv")), text));
        QList<ExerciseReport> rows;
        QString error;
        QVERIFY2(readProgressCsv(path(QStringLiteral("bob.csv")), &rows, &error), qPrintable(error));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].learner, QStringLiteral("Bob"));
        QCOMPARE(rows[0].attempts, 2);
        QCOMPARE(rows[0].seconds, qint64(42));
    }

    void csvMalformedIsRefused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("says");
        const QByteArray head = csvHeaderLine.toUtf8() + "\n";
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("not a Minima progress file");
        QTest::newRow("other header") << QByteArray("a,b,c\n1,2,3\n") << QStringLiteral("not a Minima progress file");
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff", 4) << QStringLiteral("not a Minima progress file");
        QTest::newRow("too few fields") << head + "Ada,x,X,x.y,Y,1,2\n" << QStringLiteral("line 2");
        QTest::newRow("too many fields") << head + "Ada,x,X,x.y,Y,1,2,0,0,5,extra\n" << QStringLiteral("line 2");
        QTest::newRow("solved not 0 or 1") << head + "Ada,x,X,x.y,Y,2,2,0,0,5\n" << QStringLiteral("solved");
        QTest::newRow("negative attempts") << head + "Ada,x,X,x.y,Y,1,-2,0,0,5\n" << QStringLiteral("attempts");
        QTest::newRow("word for seconds") << head + "Ada,x,X,x.y,Y,1,2,0,0,long\n" << QStringLiteral("seconds");
        QTest::newRow("empty learner") << head + ",x,X,x.y,Y,1,2,0,0,5\n" << QStringLiteral("learner");
        QTest::newRow("open quote") << head + "Ada,x,X,x.y,\"Y,1,2,0,0,5\n" << QStringLiteral("never closed");
        QTest::newRow("bad third line") << head + "Ada,x,X,x.y,Y,1,2,0,0,5\nAda,x,X,x.z,Z,1,2,0,0\n"
                                        << QStringLiteral("line 3");
    }
    void csvMalformedIsRefused()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, says);
        QVERIFY(writeText(path(QStringLiteral("bad.csv")), text));
        QList<ExerciseReport> rows{row(QStringLiteral("Kept"), QStringLiteral("a.b"), true, 1, 0, 0)};
        QString error;
        QVERIFY(!readProgressCsv(path(QStringLiteral("bad.csv")), &rows, &error));
        QVERIFY2(error.contains(QStringLiteral("bad.csv")), qPrintable(error));
        QVERIFY2(error.contains(says), qPrintable(error));
        QCOMPARE(rows.size(), 1);   // nothing of a refused file is added
        QVERIFY(!readProgressCsv(path(QStringLiteral("missing.csv")), &rows, &error));
        QVERIFY(error.contains(QStringLiteral("missing.csv")));
    }

    void classTableJoinsLearners()
    {
        const QList<ExerciseReport> rows = {
            row(QStringLiteral("Ada"), QStringLiteral("a.one"), true, 2, 0, 10),
            row(QStringLiteral("Ada"), QStringLiteral("a.two"), false, 4, 1, 80),
            row(QStringLiteral("Bob"), QStringLiteral("a.one"), false, 1, 0, 0),
            row(QStringLiteral("Bob"), QStringLiteral("b.three"), true, 1, 0, 5),
            // Ada exported again later, having solved a.two: the later row counts.
            row(QStringLiteral("Ada"), QStringLiteral("a.two"), true, 5, 1, 95),
        };
        const ClassTable t = classTable(rows);
        QCOMPARE(t.learners, (QStringList{QStringLiteral("Ada"), QStringLiteral("Bob")}));
        QCOMPARE(t.exerciseIds, (QStringList{QStringLiteral("a.one"), QStringLiteral("a.two"), QStringLiteral("b.three")}));
        QCOMPARE(t.solvedBy(QStringLiteral("Ada")), 2);
        QCOMPARE(t.solvedBy(QStringLiteral("Bob")), 1);
        QCOMPARE(t.solvedBy(QStringLiteral("Carol")), 0);
        QVERIFY(t.cell(QStringLiteral("Ada"), QStringLiteral("a.two")));
        QCOMPARE(t.cell(QStringLiteral("Ada"), QStringLiteral("a.two"))->attempts, 5);
        QVERIFY(!t.cell(QStringLiteral("Ada"), QStringLiteral("b.three")));
        QVERIFY(!t.cell(QStringLiteral("Carol"), QStringLiteral("a.one")));
        const ClassTable empty = classTable({});
        QVERIFY(empty.learners.isEmpty());
        QVERIFY(empty.exerciseIds.isEmpty());
    }

    void durationReads_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("none") << qint64(0) << QStringLiteral("\u2013");
        QTest::newRow("negative") << qint64(-5) << QStringLiteral("\u2013");
        QTest::newRow("seconds") << qint64(45) << QStringLiteral("45 s");
        QTest::newRow("minute and seconds") << qint64(100) << QStringLiteral("1 min 40 s");
        QTest::newRow("whole minutes") << qint64(120) << QStringLiteral("2 min");
        QTest::newRow("hour") << qint64(3600) << QStringLiteral("1 h");
        QTest::newRow("hours and minutes") << qint64(7500) << QStringLiteral("2 h 5 min");
    }
    void durationReads()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(durationText(seconds), text);
    }

    void pdfIsWritten()
    {
        recordAda();
        const QList<ExerciseReport> rows = progressReport(*catalog, *store, lessonsOfPack(), QStringLiteral("Ada"));
        QString error;
        QVERIFY2(writeProgressPdf(rows, path(QStringLiteral("ada.pdf")), &error), qPrintable(error));
        const QByteArray pdf = readAll(path(QStringLiteral("ada.pdf")));
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QVERIFY(pdf.contains("/Type /Page") || pdf.contains("/Type/Page"));
        QVERIFY(pdf.size() > 2000);   // a page with a table, not an empty document
        // A folder that does not exist: refused with the path, no crash.
        QVERIFY(!writeProgressPdf(rows, path(QStringLiteral("no/such/dir/ada.pdf")), &error));
        QVERIFY2(error.contains(QStringLiteral("ada.pdf")), qPrintable(error));
        QVERIFY(!writeProgressCsv(rows, path(QStringLiteral("no/such/dir/ada.csv")), &error));
        QVERIFY2(error.contains(QStringLiteral("ada.csv")), qPrintable(error));
    }

    // The end-to-end path: a learner answers in the exercise panel; the progress window
    // follows, and its CSV export lists exactly those attempts.
    void attemptsInThePanelReachTheExport()
    {
        MainWindow w(lessonsOfPack(), dir->filePath(QStringLiteral("app")));
        QVERIFY(w.openPack(path(QStringLiteral("pack.json"))));
        w.context().setLearner(QStringLiteral("Carol"));
        ProgressView view(w.catalog(), w.store(), lessonsOfPack(), QStringLiteral("Carol"));
        ExercisePanel panel(w.context(), QStringLiteral("identifiability"));
        QVERIFY(panel.selectExercise(QStringLiteral("identifiability.formula")));
        auto* input = panel.findChild<QLineEdit*>(QStringLiteral("answerInput"));
        QVERIFY(input);
        for (const char* answer : {"(n*l)!", "n^l", "((", "n!^l"}) {
            input->setText(QString::fromLatin1(answer));
            panel.check();
        }
        // Two wrong, one unreadable (not counted), one correct.
        const QList<ExerciseReport> rows = view.report();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[1].exerciseId, QStringLiteral("identifiability.formula"));
        QCOMPARE(rows[1].attempts, 3);
        QCOMPARE(rows[1].solved, true);
        QCOMPARE(rows[0].attempts, 0);
        QVERIFY(rows[1].seconds >= 0 && rows[1].seconds < 60);
        QCOMPARE(view.learnerTable()->rowCount(), 3);
        QCOMPARE(view.learnerTable()->item(1, 3)->text(), QStringLiteral("3"));
        QVERIFY(view.learnerTable()->item(1, 2)->text().contains(QStringLiteral("solved")));

        QString error;
        QVERIFY2(writeProgressCsv(view.report(), path(QStringLiteral("carol.csv")), &error), qPrintable(error));
        const QStringList lines = QString::fromUtf8(readAll(path(QStringLiteral("carol.csv")))).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[2].startsWith(QStringLiteral(
                     "Carol,identifiability,Identifiability,identifiability.formula,\"The general count, n and l\",1,3,0,0,")),
                 qPrintable(lines[2]));
    }

    // `minima render progress`: the window drawn without a display, for the data directory's learner.
    void rendersFromTheCommandLine()
    {
        const QString data = dir->filePath(QStringLiteral("render"));
        {
            ProgressStore renderStore(data);
            QString error;
            QVERIFY2(renderStore.recordAttempt(attempt(QStringLiteral("Ada"), QStringLiteral("identifiability.count"),
                                                       AttemptRecord::Verdict::Correct, t0, QStringLiteral("1728")),
                                               &error),
                     qPrintable(error));
        }
        QSettings settings(data + QStringLiteral("/settings.ini"), QSettings::IniFormat);
        settings.setValue(QStringLiteral("learner"), QStringLiteral("Ada"));
        settings.sync();
        QProcess minima;
        minima.start(QStringLiteral(MINIMA_EXECUTABLE),
                     {QStringLiteral("render"), QStringLiteral("progress"), QStringLiteral("--data-dir"), data,
                      QStringLiteral("-o"), path(QStringLiteral("progress.png")), QStringLiteral("--size"),
                      QStringLiteral("1000x600")});
        QVERIFY(minima.waitForFinished(60000));
        QVERIFY2(minima.exitCode() == 0, minima.readAllStandardError().constData());
        const QImage image(path(QStringLiteral("progress.png")));
        QCOMPARE(image.size(), QSize(1000, 600));
        // A bad argument still exits 2, as for a lesson.
        minima.start(QStringLiteral(MINIMA_EXECUTABLE), {QStringLiteral("render"), QStringLiteral("progress")});
        QVERIFY(minima.waitForFinished(60000));
        QCOMPARE(minima.exitCode(), 2);
    }

    void viewShowsTheClass()
    {
        recordAda();
        QString error;
        const LessonList lessons = lessonsOfPack();
        QVERIFY(writeProgressCsv(progressReport(*catalog, *store, lessons, QStringLiteral("Ada")), path(QStringLiteral("ada.csv")), &error));
        QVERIFY(writeProgressCsv(progressReport(*catalog, *store, lessons, QStringLiteral("Bob")), path(QStringLiteral("bob.csv")), &error));
        QVERIFY(writeText(path(QStringLiteral("junk.csv")), "not,a,progress,file\n"));

        ProgressView view(*catalog, *store, lessons, QStringLiteral("Ada"));
        view.resize(1000, 600);
        QVERIFY(!view.openClassFiles({path(QStringLiteral("ada.csv")), path(QStringLiteral("junk.csv")),
                                      path(QStringLiteral("bob.csv"))},
                                     &error));
        QVERIFY2(error.contains(QStringLiteral("junk.csv")), qPrintable(error));
        QTableWidget* t = view.classTableWidget();
        QCOMPARE(t->rowCount(), 2);                 // Ada and Bob; the junk file added nothing
        QCOMPARE(t->columnCount(), 4);              // "Solved" and three exercises
        QCOMPARE(t->verticalHeaderItem(0)->text(), QStringLiteral("Ada"));
        QCOMPARE(t->verticalHeaderItem(1)->text(), QStringLiteral("Bob"));
        QCOMPARE(t->item(0, 0)->text(), QStringLiteral("1 of 3"));
        QCOMPARE(t->item(1, 0)->text(), QStringLiteral("1 of 3"));
        QCOMPARE(t->item(0, 1)->text(), QStringLiteral("\u2713 3"));   // Ada, layers: solved in 3
        QCOMPARE(t->item(1, 1)->text(), QStringLiteral("\u2717 1"));   // Bob, layers: one wrong
        QCOMPARE(t->item(1, 3)->text(), QStringLiteral("\u2713 1"));   // Bob, k: solved at once
        QCOMPARE(t->item(0, 3)->text(), QStringLiteral("\u2013"));     // Ada never tried k
        QCOMPARE(view.tabs()->currentIndex(), 1);

        // Screenshots for a person to look at, when asked for.
        const QString shots = qEnvironmentVariable("MINIMA_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            view.show();
            QVERIFY(view.grab().save(shots + QStringLiteral("/progress-class.png")));
            view.tabs()->setCurrentIndex(0);
            QVERIFY(view.grab().save(shots + QStringLiteral("/progress-learner.png")));
        }
    }
};

QTEST_MAIN(TestProgressView)
#include "tst_progressview.moc"
