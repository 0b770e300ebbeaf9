// The class folder: two seats write their learners' snapshots after every attempt, the
// teacher's side reads and sums them up (solved, stuck, median attempts, the wrong answers
// most of the room gave), files that are not snapshots are skipped and counted, and a folder
// a seat cannot write is reported once.
#include <QtTest>

#include <QBarSet>
#include <QDir>
#include <QFileSystemWatcher>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QValueAxis>
#include <QTableWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>

#include <unistd.h>

#include "app/classfolder.h"
#include "app/classsnapshot.h"
#include "app/classview.h"
#include "app/mainwindow.h"
#include "app/progressstore.h"
#include "engine/answers/checker.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisedraw.h"
#include "lessons/common/exercises/exercisepanel.h"
#include "common/exercisepack.h"
#include "testlesson.h"

using namespace minima;

namespace {

const QByteArray kPack = testpack::pack(QString(), {
    testpack::layersExercise(QStringLiteral("test-lesson.layers"), QStringLiteral("Rearranging hidden units"),
                             QStringLiteral("<p>{l} hidden layers of {n} ReLU units: how many equivalent configurations?</p>"),
                             testpack::exercise(R"({
      "mistakes": [
        {"answer": "n^l", "feedback": "n^l counts ways to pick one unit per layer, not orderings."},
        {"answer": "(n*l)!", "feedback": "Units are rearranged only within their own layer."}
      ]
    })")),
    testpack::exercise(R"({
      "id": "test-lesson.quarter",
      "title": "A quarter",
      "prompt": "<p>One quarter as a decimal?</p>",
      "answer": {"kind": "number", "expected": "1/4"}
    })")});

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// One seat: its own data folder and progress store, writing to the shared class folder.
struct Seat {
    QTemporaryDir data;
    std::unique_ptr<ProgressStore> store;
    std::unique_ptr<ClassFolderWriter> writer;
    Seat(const QString& folder, const ExerciseCatalog& catalog, const QString& seat)
    {
        store = std::make_unique<ProgressStore>(data.path());
        writer = std::make_unique<ClassFolderWriter>(folder, *store, catalog, seat);
    }
    bool answer(const QString& learner, const QString& exerciseId, const QString& input, bool correct)
    {
        AttemptRecord a;
        a.learner = learner;
        a.exerciseId = exerciseId;
        a.input = input;
        a.verdict = correct ? AttemptRecord::Verdict::Correct : AttemptRecord::Verdict::Wrong;
        a.when = QDateTime::currentDateTimeUtc();
        QString error;
        return store->recordAttempt(a, &error);
    }
};

// The value of an expression over a learner's parameters of an exercise ("n^l" for Ada).
QString valueFor(const ExerciseCatalog& catalog, const QString& learner, const QString& expression)
{
    const ExerciseInstance inst = instantiate(*catalog.find(QStringLiteral("test-lesson.layers")), learner, 0);
    std::string value, error;
    if (!answers::exactValue(expression.toStdString(), inst.key.parameters, &value, &error)) return {};
    return QString::fromStdString(value);
}

} // namespace

class TestClassFolder : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<ExerciseCatalog> catalog;
    QString folder;

private slots:
    void init()
    {
        dir = std::make_unique<QTemporaryDir>();
        QVERIFY(dir->isValid());
        folder = dir->filePath(QStringLiteral("class"));
        QVERIFY(QDir().mkpath(folder));
        catalog = std::make_unique<ExerciseCatalog>();
        QVERIFY(writeBytes(dir->filePath(QStringLiteral("pack.json")), kPack));
        QString error;
        QVERIFY2(catalog->loadPack(dir->filePath(QStringLiteral("pack.json")), &error), qPrintable(error));
    }
    void cleanup()
    {
        catalog.reset();
        dir.reset();
    }

    void twoSeatsWriteAndTheFolderSumsUp()
    {
        Seat one(folder, *catalog, QStringLiteral("pc-1"));
        Seat two(folder, *catalog, QStringLiteral("pc-2"));
        const QString layers = QStringLiteral("test-lesson.layers");
        // Ada gives the anticipated n^l, then the answer; Grace gives n^l and then a guess.
        QVERIFY(one.answer(QStringLiteral("Ada"), layers, valueFor(*catalog, QStringLiteral("Ada"), QStringLiteral("n^l")), false));
        QVERIFY(one.answer(QStringLiteral("Ada"), layers, valueFor(*catalog, QStringLiteral("Ada"), QStringLiteral("n!^l")), true));
        QVERIFY(two.answer(QStringLiteral("Grace"), layers, valueFor(*catalog, QStringLiteral("Grace"), QStringLiteral("n^l")), false));
        QVERIFY(two.answer(QStringLiteral("Grace"), layers, QStringLiteral("7"), false));
        QVERIFY(two.answer(QStringLiteral("Grace"), layers, QStringLiteral(" 7 "), false));
        QCOMPARE(one.writer->writes(), 2);
        QCOMPARE(two.writer->writes(), 3);

        // One file per learner and seat, and nothing else (QSaveFile left no temporary file).
        QStringList files = QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
        QCOMPARE(files.size(), 2);
        QVERIFY(files.contains(classSnapshotFileName(QStringLiteral("Ada"), QStringLiteral("pc-1"))));
        QVERIFY(files.contains(classSnapshotFileName(QStringLiteral("Grace"), QStringLiteral("pc-2"))));

        ClassSnapshot ada;
        QString why;
        QCOMPARE(readClassSnapshot(one.writer->filePath(QStringLiteral("Ada")), &ada, &why), SnapshotProblem::None);
        QCOMPARE(ada.learner, QStringLiteral("Ada"));
        QCOMPARE(ada.seat, QStringLiteral("pc-1"));
        QCOMPARE(ada.exercises.size(), 1);
        QCOMPARE(ada.exercises[0].attemptCount, 2);
        QVERIFY(ada.exercises[0].solved);
        QCOMPARE(ada.exercises[0].attempts.size(), 2);
        QCOMPARE(ada.exercises[0].attempts[0].mistake, QStringLiteral("n^l"));
        QCOMPARE(ada.exercises[0].attempts[0].feedback,
                 QStringLiteral("n^l counts ways to pick one unit per layer, not orderings."));
        QVERIFY(ada.exercises[0].attempts[1].correct);

        const ClassFolderScan scan = scanClassFolder(folder);
        QVERIFY(scan.folderError.isEmpty());
        QCOMPARE(scan.snapshots.size(), 2);
        QCOMPARE(scan.skippedCount(), 0);
        const ClassSummary summary = summarizeClass(scan.snapshots, testLessons(), catalog.get());
        QCOMPARE(summary.lessons[0].title, QStringLiteral("A test lesson"));
        QCOMPARE(summary.learners, 2);
        QCOMPARE(summary.lessons.size(), 1);
        QCOMPARE(summary.lessons[0].exercises.size(), 2);
        const ExerciseSummary& x = summary.lessons[0].exercises[0];
        QCOMPARE(x.id, layers);
        QCOMPARE(x.solved, 1);
        QCOMPARE(x.triedNotSolved, 1);
        QCOMPARE(x.solvedBy, QStringList{QStringLiteral("Ada")});
        QCOMPARE(x.stuck, QStringList{QStringLiteral("Grace")});
        QCOMPARE(x.medianAttempts, 2.5);   // Ada 2, Grace 3
        QCOMPARE(x.wrongAnswers.size(), 2);
        QCOMPARE(x.wrongAnswers[0].answer, QStringLiteral("n^l"));
        QVERIFY(x.wrongAnswers[0].anticipated);
        QCOMPARE(x.wrongAnswers[0].learners, 2);
        QCOMPARE(x.wrongAnswers[0].feedback, QStringLiteral("n^l counts ways to pick one unit per layer, not orderings."));
        QCOMPARE(x.wrongAnswers[1].answer, QStringLiteral("7"));   // " 7 " and "7" are one answer
        QVERIFY(!x.wrongAnswers[1].anticipated);
        QCOMPARE(x.wrongAnswers[1].learners, 1);
        QCOMPARE(x.wrongAnswers[1].times, 2);
        // Nobody tried the quarter.
        QCOMPARE(summary.lessons[0].exercises[1].solved + summary.lessons[0].exercises[1].triedNotSolved, 0);

        const QJsonObject json = classSummaryJson(scan, summary, false);
        const QJsonObject first = json[QStringLiteral("lessons")].toArray()[0].toObject()[QStringLiteral("exercises")].toArray()[0].toObject();
        QCOMPARE(first[QStringLiteral("solved")].toInt(), 1);
        QVERIFY(!first.contains(QStringLiteral("solved_by")));   // no names
        QCOMPARE(first[QStringLiteral("wrong_answers")].toArray()[0].toObject()[QStringLiteral("learners")].toInt(), 2);
    }

    void badFilesAreSkippedAndCounted()
    {
        Seat one(folder, *catalog, QStringLiteral("pc-1"));
        QVERIFY(one.answer(QStringLiteral("Ada"), QStringLiteral("test-lesson.quarter"), QStringLiteral("0.3"), false));
        const QString suffix = QLatin1String(classsnapshot::suffix);
        // Damaged: cut short.
        QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("cut") + suffix),
                           R"({"format": "minima-class-snapshot", "version": 1, "learner": "Bob", "exercises": [{"id": )"));
        // Huge: past the cap (and not read to its end).
        QByteArray huge = "{\"format\": \"minima-class-snapshot\", \"version\": 1, \"learner\": \"Big\", \"exercises\": [], \"pad\": \"";
        huge += QByteArray(int(classsnapshot::maxFileBytes), 'x') + "\"}";
        QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("huge") + suffix), huge));
        // Hostile: well-formed JSON with out-of-range numbers, markup and wrong types.
        QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("hostile") + suffix),
                           R"({"format": "minima-class-snapshot", "version": 1, "learner": "<img src=x><b>Mallory</b>",
                               "exercises": [{"id": "test-lesson.layers", "attempt_count": 1e300, "solved": "yes",
                                              "attempts": [{"verdict": "<script>", "answer": {"a": [[[[1]]]]}}]}]})"));
        // Hostile: a snapshot's name on a device that never ends.
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), QDir(folder).filePath(QStringLiteral("zero") + suffix)));
        // Another version, and a file that is no snapshot at all.
        QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("future") + suffix),
                           R"({"format": "minima-class-snapshot", "version": 7, "learner": "Ann", "exercises": []})"));
        QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("notes.txt")), "seating plan"));

        ClassFolderCache cache;
        const ClassFolderScan scan = scanClassFolder(folder, &cache);
        QCOMPARE(scan.snapshots.size(), 1);
        QCOMPARE(scan.snapshots[0].learner, QStringLiteral("Ada"));
        QCOMPARE(scan.damaged, 2);
        QCOMPARE(scan.tooLarge, 1);
        QCOMPARE(scan.unreadable, 1);
        QCOMPARE(scan.otherVersion, 1);
        QCOMPARE(scan.notSnapshot, 1);
        QCOMPARE(scan.skippedCount(), 6);
        QCOMPARE(scan.skipped.size(), 6);
        QCOMPARE(skippedText(scan), QStringLiteral("2 damaged, 1 too large, 1 from another version, 1 not a snapshot, 1 unreadable"));
        // A second look reads from the cache and finds the same.
        const ClassFolderScan again = scanClassFolder(folder, &cache);
        QCOMPARE(again.snapshots.size(), 1);
        QCOMPARE(again.skippedCount(), 6);
    }

    void aFolderIsReadWithinLimits()
    {
        // More snapshot files than a class has: the first ones are read, the rest counted.
        const QString suffix = QLatin1String(classsnapshot::suffix);
        for (int i = 0; i < maxClassSnapshots + 3; ++i)
            QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("s%1").arg(i, 4, 10, QLatin1Char('0')) + suffix), "{"));
        const ClassFolderScan scan = scanClassFolder(folder);
        QCOMPARE(scan.damaged, maxClassSnapshots);
        QCOMPARE(scan.tooMany, 3);
        // A snapshot naming a thousand exercises the catalog lacks adds at most maxUnknownExercises.
        ClassSnapshot many;
        many.learner = QStringLiteral("Ann");
        for (int i = 0; i < classsnapshot::maxExercises; ++i) {
            SnapshotExercise e;
            e.id = QStringLiteral("elsewhere.x%1").arg(i);
            e.lesson = QStringLiteral("elsewhere");
            e.title = e.id;
            e.attemptCount = 1;
            many.exercises << e;
        }
        ClassSnapshot read;
        QString why;
        QCOMPARE(parseClassSnapshot(classSnapshotJson(many), &read, &why), SnapshotProblem::None);
        const ClassSummary summary = summarizeClass({read}, testLessons(), catalog.get());
        int shown = 0;
        for (const LessonSummary& l : summary.lessons) shown += int(l.exercises.size());
        QCOMPARE(shown, 2 + maxUnknownExercises);
    }

    void aFolderThatCannotBeWrittenIsReportedOnce()
    {
        // Root may write anywhere, so the folder is a file here; as an ordinary user a
        // read-only folder is tried too.
        const QString notAFolder = dir->filePath(QStringLiteral("not-a-folder"));
        QVERIFY(writeBytes(notAFolder, "x"));
        QList<QString> folders{notAFolder};
        const QString readOnly = dir->filePath(QStringLiteral("read-only"));
        if (geteuid() != 0) {
            QVERIFY(QDir().mkpath(readOnly));
            QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::ExeOwner));
            folders << readOnly;
        }
        for (const QString& f : folders) {
            Seat seat(f, *catalog, QStringLiteral("pc-1"));
            QSignalSpy problems(seat.writer.get(), &ClassFolderWriter::problem);
            for (int i = 0; i < 3; ++i)
                QVERIFY(seat.answer(QStringLiteral("Ada"), QStringLiteral("test-lesson.quarter"), QStringLiteral("0.3"), false));
            QCOMPARE(problems.size(), 1);
            QVERIFY(problems[0][0].toString().contains(QDir::toNativeSeparators(f)));
            QCOMPARE(seat.writer->writes(), 0);
            // The attempts themselves were saved.
            QCOMPARE(seat.store->progress(QStringLiteral("Ada"), QStringLiteral("test-lesson.quarter")).attempts, 3);
        }
        if (geteuid() != 0) QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void classViewWatchesTheSeats()
    {
        ClassView view(folder, testLessons(), catalog.get());
        view.resize(1100, 760);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.summary().learners, 0);
        const QString layers = QStringLiteral("test-lesson.layers");
        Seat one(folder, *catalog, QStringLiteral("pc-1"));
        Seat two(folder, *catalog, QStringLiteral("pc-2"));
        QVERIFY(one.answer(QStringLiteral("Ada"), layers, valueFor(*catalog, QStringLiteral("Ada"), QStringLiteral("n^l")), false));
        // The watcher sees the new file (well before the periodic rescan).
        QTRY_COMPARE_WITH_TIMEOUT(view.summary().learners, 1, ClassView::rescanIntervalMs - 1000);
        QVERIFY(two.answer(QStringLiteral("Grace"), layers, valueFor(*catalog, QStringLiteral("Grace"), QStringLiteral("n^l")), false));
        QVERIFY(one.answer(QStringLiteral("Ada"), layers, valueFor(*catalog, QStringLiteral("Ada"), QStringLiteral("n!^l")), true));
        QTRY_COMPARE_WITH_TIMEOUT(view.summary().learners, 2, ClassView::rescanIntervalMs - 1000);
        QTRY_COMPARE_WITH_TIMEOUT(view.summary().lessons.value(0).exercises.value(0).solved, 1, ClassView::rescanIntervalMs - 1000);

        // What the teacher reads in the table.
        QTableWidget* table = view.exerciseTable();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Rearranging hidden units"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("1"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("1"));
        QCOMPARE(table->item(0, 4)->text(), QStringLiteral("1.5"));
        QVERIFY2(table->item(0, 5)->text().startsWith(QStringLiteral("n^l \u2014 2 of 2 learners: n^l counts ways")),
                 qPrintable(table->item(0, 5)->text()));
        QCOMPARE(table->item(0, 6)->text(), QStringLiteral("Grace"));
        QCOMPARE(table->item(1, 4)->text(), QStringLiteral("\u2013"));

        // The projector: one chart per lesson, bars from the bottom up.
        QCOMPARE(view.summaryCharts().size(), 1);
        auto* series = qobject_cast<QHorizontalStackedBarSeries*>(view.summaryCharts()[0]->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->barSets().size(), 3);
        QCOMPARE(series->barSets()[0]->label(), QStringLiteral("Solved"));
        QCOMPARE(series->barSets()[0]->at(1), 1.0);   // Rearranging hidden units
        QCOMPARE(series->barSets()[1]->at(1), 1.0);
        QCOMPARE(series->barSets()[2]->at(0), 2.0);   // nobody tried the quarter
        auto* learnersAxis = qobject_cast<QValueAxis*>(view.summaryCharts()[0]->axes(Qt::Horizontal).value(0));
        QVERIFY(learnersAxis);
        QCOMPARE(learnersAxis->min(), 0.0);
        QCOMPARE(learnersAxis->max(), 2.0);
        auto summaryText = [&] {
            QStringList all;
            for (QLabel* l : view.summaryPage()->findChildren<QLabel*>()) {
                if (l->textFormat() != Qt::PlainText) return QStringLiteral("RICH TEXT LABEL");
                all << l->text();
            }
            return all.join(QLatin1Char('\n'));
        };
        QVERIFY(summaryText().contains(QStringLiteral("most answered n^l \u2014 2 of 2 learners")));
        QVERIFY(summaryText().contains(QStringLiteral("Still trying: Grace")));
        view.setNamesHidden(true);
        QVERIFY(!summaryText().contains(QStringLiteral("Grace")));
        QCOMPARE(table->columnCount(), 6);
        view.setNamesHidden(false);

        // Damaged, huge and hostile files are skipped, counted and named as plain text.
        const QString suffix = QLatin1String(classsnapshot::suffix);
        QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("cut") + suffix), "{\"format\": \"minima-class-snapshot\", "));
        QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("huge") + suffix), QByteArray(int(classsnapshot::maxFileBytes) + 10, ' ')));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), QDir(folder).filePath(QStringLiteral("<b>zero<i>") + suffix)));
        // And a well-formed snapshot whose name is markup: shown as the characters it is.
        ClassSnapshot mallory;
        mallory.learner = QStringLiteral("<img src=\"x.png\"><b>Mallory</b>");
        mallory.seat = QStringLiteral("pc-3");
        SnapshotExercise tried;
        tried.id = layers;
        tried.attemptCount = 1;
        tried.attempts.append(SnapshotAttempt{false, 0, QDateTime::currentDateTimeUtc(), QStringLiteral("<i>9</i>"), {}, {}});
        mallory.exercises.append(tried);
        QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("mallory") + suffix), classSnapshotJson(mallory)));
        QTRY_COMPARE_WITH_TIMEOUT(view.scan().skippedCount(), 3, ClassView::rescanIntervalMs - 1000);
        QTRY_COMPARE_WITH_TIMEOUT(view.summary().learners, 3, ClassView::rescanIntervalMs - 1000);
        auto* skipped = view.findChild<QLabel*>(QStringLiteral("classSkipped"));
        QVERIFY(skipped->isVisible());
        QCOMPARE(skipped->textFormat(), Qt::PlainText);
        QVERIFY(skipped->text().startsWith(QStringLiteral("Files skipped: 1 damaged, 1 too large, 1 unreadable.")));
        QVERIFY(skipped->text().contains(QStringLiteral("<b>zero<i>")));
        QVERIFY(table->item(0, 6)->text().contains(QStringLiteral("<img src=\"x.png\"><b>Mallory</b>")));
        QVERIFY(summaryText().contains(QStringLiteral("<img src=\"x.png\"><b>Mallory</b>")));

        // Without the watcher, the periodic rescan still sees what changed.
        view.watcher()->removePaths(view.watcher()->directories() + view.watcher()->files());
        QVERIFY(QFile::remove(QDir(folder).filePath(QStringLiteral("mallory") + suffix)));
        QTRY_COMPARE_WITH_TIMEOUT(view.summary().learners, 2, ClassView::rescanIntervalMs + 3000);

        // Escape closes the window.
        view.activateWindow();
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(!view.isVisible());
    }

    void aSeatWritesAfterEveryAnswerInThePanel()
    {
        MainWindow w(testLessons(), dir->filePath(QStringLiteral("seat")));
        QVERIFY(w.openPack(dir->filePath(QStringLiteral("pack.json"))));
        ClassFolderWriter* writer = attachClassFolder(w, folder, QStringLiteral("pc-7"));
        w.show();
        // The lesson's Exercises tab, on the window's context (the test lesson has no tab of its own).
        ExercisePanel shown(w.context(), QStringLiteral("test-lesson"));
        ExercisePanel* panel = &shown;
        QVERIFY(panel->selectExercise(QStringLiteral("test-lesson.quarter")));
        auto* input = panel->findChild<QLineEdit*>(QStringLiteral("answerInput"));
        input->setText(QStringLiteral("0.3"));
        panel->findChild<QPushButton*>(QStringLiteral("checkButton"))->click();
        input->setText(QStringLiteral("1/4"));
        panel->findChild<QPushButton*>(QStringLiteral("checkButton"))->click();
        QCOMPARE(writer->writes(), 2);
        ClassSnapshot s;
        QString why;
        QCOMPARE(readClassSnapshot(writer->filePath(QStringLiteral("Guest")), &s, &why), SnapshotProblem::None);
        QCOMPARE(s.seat, QStringLiteral("pc-7"));
        QCOMPARE(s.exercises.size(), 1);
        QCOMPARE(s.exercises[0].attemptCount, 2);
        QVERIFY(s.exercises[0].solved);
        QCOMPARE(s.exercises[0].attempts[0].answer, QStringLiteral("0.3"));
        QVERIFY(w.notice().isEmpty());

        // A class folder that is a file: the banner says so once, and answers are still saved.
        const QString notAFolder = dir->filePath(QStringLiteral("not-a-folder"));
        QVERIFY(writeBytes(notAFolder, "x"));
        MainWindow other(testLessons(), dir->filePath(QStringLiteral("seat2")));
        QVERIFY(other.openPack(dir->filePath(QStringLiteral("pack.json"))));
        ClassFolderWriter* failing = attachClassFolder(other, notAFolder, QStringLiteral("pc-8"));
        other.show();
        QVERIFY(other.notice().isEmpty());
        QSignalSpy problems(failing, &ClassFolderWriter::problem);
        ExercisePanel otherShown(other.context(), QStringLiteral("test-lesson"));
        ExercisePanel* otherPanel = &otherShown;
        QVERIFY(otherPanel->selectExercise(QStringLiteral("test-lesson.quarter")));
        for (const char* answer : {"0.3", "0.2", "0.1"}) {
            otherPanel->findChild<QLineEdit*>(QStringLiteral("answerInput"))->setText(QString::fromLatin1(answer));
            otherPanel->findChild<QPushButton*>(QStringLiteral("checkButton"))->click();
        }
        QCOMPARE(problems.size(), 1);
        QVERIFY2(other.notice().contains(QStringLiteral("it is a file, not a folder")), qPrintable(other.notice()));
        QCOMPARE(other.store().progress(QStringLiteral("Guest"), QStringLiteral("test-lesson.quarter")).attempts, 3);
    }

    void commandPrintsTheSummary()
    {
        Seat one(folder, *catalog, QStringLiteral("pc-1"));
        // An exercise the app ships: it is summed up in its lesson.
        QVERIFY(one.answer(QStringLiteral("Ada"), QStringLiteral("identifiability.formula"), QStringLiteral("n^l"), false));
        QVERIFY(writeBytes(QDir(folder).filePath(QStringLiteral("cut") + QLatin1String(classsnapshot::suffix)), "{\"format\":"));
        QProcess minima;
        minima.start(QStringLiteral(MINIMA_EXECUTABLE), {QStringLiteral("class"), folder});
        QVERIFY(minima.waitForFinished(60000));
        QVERIFY2(minima.exitCode() == 0, minima.readAllStandardError().constData());
        const QJsonObject json = QJsonDocument::fromJson(minima.readAllStandardOutput()).object();
        QCOMPARE(json[QStringLiteral("learners")].toInt(), 1);
        QCOMPARE(json[QStringLiteral("skipped")].toObject()[QStringLiteral("damaged")].toInt(), 1);
        bool found = false;
        for (const QJsonValue& l : json[QStringLiteral("lessons")].toArray())
            for (const QJsonValue& e : l.toObject()[QStringLiteral("exercises")].toArray())
                if (e.toObject()[QStringLiteral("id")].toString() == QLatin1String("identifiability.formula")) {
                    found = true;
                    QCOMPARE(e.toObject()[QStringLiteral("tried_not_solved")].toInt(), 1);
                    QCOMPARE(e.toObject()[QStringLiteral("stuck")].toArray()[0].toString(), QStringLiteral("Ada"));
                }
        QVERIFY(found);
        // Bad usage exits 2: no folder, a file for a folder, an unknown option.
        for (const QStringList& args : {QStringList{QStringLiteral("class")},
                                        QStringList{QStringLiteral("class"), dir->filePath(QStringLiteral("pack.json"))},
                                        QStringList{QStringLiteral("class"), folder, QStringLiteral("--frobnicate")}}) {
            minima.start(QStringLiteral(MINIMA_EXECUTABLE), args);
            QVERIFY(minima.waitForFinished(60000));
            QCOMPARE(minima.exitCode(), 2);
        }
    }
};

QTEST_MAIN(TestClassFolder)
#include "tst_classfolder.moc"
