#pragma once
// The Progress window: a learner's progress exercise by exercise, exportable as CSV and PDF,
// and a class table built from several learners' CSV files.
#include <QList>
#include <QString>
#include <QWidget>

#include "app/progresscsv.h"
#include "app/progresspdf.h"
#include "app/progressreport.h"
#include "app/progresstable.h"
#include "lessons/registry.h"

class QLabel;
class QTableWidget;
class QTabWidget;

namespace minima {

class ExerciseCatalog;
class LessonProgressSummary;
class ProgressSink;

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
