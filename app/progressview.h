#pragma once
// A learner's progress, exercise by exercise (solved, attempts, hints used, time spent),
// exportable as CSV and PDF; and a class table built from several learners' CSV files,
// so a teacher can see the whole class at once.
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QWidget>

#include "lessons/registry.h"

class QLabel;
class QTableWidget;
class QTabWidget;

namespace minima {

class ExerciseCatalog;
class LessonProgressSummary;
class ProgressSink;

// One exercise of one learner.
struct ExerciseReport {
    QString learner;
    QString lessonId;
    QString lessonTitle;
    QString exerciseId;
    QString exerciseTitle;
    bool solved = false;
    int attempts = 0;            // correct or wrong ("could not read" does not count)
    int hintsShown = 0;
    bool solutionShown = false;
    qint64 seconds = 0;          // from the first to the last recorded attempt (0 if fewer than two)
};

// Every exercise of every lesson in `lessons` (lesson order, then file order), for one learner.
QList<ExerciseReport> progressReport(const ExerciseCatalog& catalog, const ProgressSink& progress,
                                     const LessonList& lessons, const QString& learner);

// "1 min 40 s", "2 h 5 min", "45 s"; a dash for no time.
QString durationText(qint64 seconds);

// CSV with a header row; fields holding a comma, quote or line break are quoted (RFC 4180).
QString progressCsv(const QList<ExerciseReport>& rows);
bool writeProgressCsv(const QList<ExerciseReport>& rows, const QString& path, QString* error);
// Reads a file written by writeProgressCsv. A file that is not one is refused with its name,
// the line and what is wrong; rows are appended to *rows only when the whole file reads.
bool readProgressCsv(const QString& path, QList<ExerciseReport>* rows, QString* error);

// A printable page (A4) with the learner's table, as PDF.
bool writeProgressPdf(const QList<ExerciseReport>& rows, const QString& path, QString* error);

// One row per learner, one column per exercise, from several learners' reports. When a
// learner's exercise appears twice (the same learner exported twice), the later one counts.
struct ClassTable {
    QStringList learners;          // in the order first seen
    QStringList exerciseIds;       // in the order first seen
    QStringList exerciseTitles;
    QMap<QString, QMap<QString, ExerciseReport>> cells;   // learner -> exercise id -> report

    const ExerciseReport* cell(const QString& learner, const QString& exerciseId) const;
    int solvedBy(const QString& learner) const;
};
ClassTable classTable(const QList<ExerciseReport>& rows);

// The Progress window: "Learner" (this learner's table, Export CSV/PDF) and "Class"
// (learners' CSV files opened together into one table).
class ProgressView : public QWidget {
    Q_OBJECT
public:
    ProgressView(const ExerciseCatalog& catalog, const ProgressSink& progress, LessonList lessons,
                 const QString& learner, QWidget* parent = nullptr);

    QList<ExerciseReport> report() const { return report_; }
    QTableWidget* learnerTable() const { return learnerTable_; }
    QTableWidget* classTableWidget() const { return classTable_; }
    QTabWidget* tabs() const { return tabs_; }
    LessonProgressSummary* lessonSummary() const { return lessonSummary_; }

    // Adds learners' exported CSV files to the class table; false (and the first problem in
    // *error) if any file could not be read; the readable ones are still shown.
    bool openClassFiles(const QStringList& paths, QString* error);

public slots:
    void refresh();

private:
    void exportCsvInteractively();
    void exportPdfInteractively();
    void openClassFilesInteractively();
    void showClass();

    const ExerciseCatalog& catalog_;
    const ProgressSink& progress_;
    LessonList lessons_;
    QString learner_;
    QList<ExerciseReport> report_;
    QList<ExerciseReport> classRows_;

    QTabWidget* tabs_;
    QLabel* summary_;
    LessonProgressSummary* lessonSummary_;
    QTableWidget* learnerTable_;
    QLabel* classSummary_;
    QTableWidget* classTable_;
};

// Opens the Progress window for `learner` beside `parent` (deleted when closed).
ProgressView* openProgressWindow(const ExerciseCatalog& catalog, const ProgressSink& progress, LessonList lessons,
                                 const QString& learner, QWidget* parent);

// `minima render progress -o x.png [--size WxH]`: the Progress window of the data
// directory's learner (progressrender.cpp). Makes its own QApplication; returns the exit code.
struct CommandLine;
int runRenderProgressCommand(int& argc, char** argv, const CommandLine& cl, const LessonList& lessons);

} // namespace minima
