#pragma once
// The class view (File > Class view): the class folder watched live, summed up per lesson
// and exercise. "Exercises" is the teacher's table (solved, stuck, median attempts, the most
// common wrong answers with the feedback they triggered); "Summary" is for the projector,
// one chart per lesson and the mistake most of the room made, with or without names.
// Everything a snapshot says is shown as plain text.
#include <QWidget>

#include "app/classfolder.h"
#include "lessons/registry.h"

class QChart;
class QCheckBox;
class QFileSystemWatcher;
class QLabel;
class QTabWidget;
class QTableWidget;
class QTimer;
class QVBoxLayout;

namespace minima {

class ExerciseCatalog;

class ClassView : public QWidget {
    Q_OBJECT
public:
    // How often the folder is read again when nothing says it changed (network file
    // systems send no notifications).
    static constexpr int rescanIntervalMs = 5000;

    ClassView(const QString& folder, LessonList lessons, const ExerciseCatalog* catalog, QWidget* parent = nullptr);

    QString folder() const { return folder_; }
    const ClassFolderScan& scan() const { return scan_; }
    const ClassSummary& summary() const { return summary_; }

    QTableWidget* exerciseTable() const { return table_; }
    QLabel* statusLabel() const { return status_; }
    QTabWidget* tabs() const { return tabs_; }
    QWidget* summaryPage() const { return summaryPage_; }
    QList<QChart*> summaryCharts() const { return charts_; }
    QFileSystemWatcher* watcher() const { return watcher_; }

    bool namesHidden() const;
    void setNamesHidden(bool hidden);

public slots:
    // Reads the folder again and shows what it holds now.
    void rescan();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void rebuild();
    void rebuildTable();
    void rebuildSummary();
    void watchFiles();

    QString folder_;
    LessonList lessons_;
    const ExerciseCatalog* catalog_;
    ClassFolderCache cache_;
    ClassFolderScan scan_;
    ClassSummary summary_;

    QLabel* status_;
    QLabel* skipped_;
    QCheckBox* hideNames_;
    QTabWidget* tabs_;
    QTableWidget* table_;
    QWidget* summaryPage_;
    QVBoxLayout* summaryLayout_;
    QList<QChart*> charts_;
    QFileSystemWatcher* watcher_;
    QTimer* debounce_;
    QTimer* periodic_;
};

// "n^l — 12 of 28 learners" (and the feedback, when `withFeedback`).
QString wrongAnswerText(const WrongAnswer& w, int learners, bool withFeedback);

class MainWindow;
// A seat of the class: the window's learner's snapshot goes to `folder` after every attempt,
// and a folder that cannot be written is said once in the window's notice banner. The writer
// belongs to the window.
ClassFolderWriter* attachClassFolder(MainWindow& window, const QString& folder, const QString& seat = defaultSeatName());

// Opens the class view of `folder` as its own window (deleted when closed).
ClassView* openClassWindow(const QString& folder, LessonList lessons, const ExerciseCatalog* catalog, QWidget* parent);
// File > Class view: asks for the folder (starting at `suggested`) and opens it.
void openClassWindowInteractively(const QString& suggested, LessonList lessons, const ExerciseCatalog* catalog,
                                  QWidget* parent);

// `minima render class DIR -o x.png [--size WxH] [--no-names]`: the class view's summary drawn
// without a display. Makes its own QApplication; returns the exit code.
struct CommandLine;
int runRenderClassCommand(int& argc, char** argv, const CommandLine& cl, const LessonList& lessons);

} // namespace minima
