#pragma once
// The main window: the lesson list down the side, the current page beside it, menus.
#include <QMainWindow>
#include <QPointer>

#include <memory>

#include "app/presentation.h"
#include "lessons/common/labstate.h"
#include "lessons/registry.h"

class QLabel;
class QListWidget;
class QSettings;
class QStackedWidget;
class QThreadPool;

namespace minima {

class ExerciseCatalog;
class LessonContext;
class ProgressStore;
class WelcomePage;

class MainWindow : public QMainWindow, public PresentationHost {
    Q_OBJECT
public:
    // dataDir holds progress.sqlite and settings.ini.
    MainWindow(LessonList lessons, const QString& dataDir, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a lesson by id; false if there is none.
    bool openLesson(const QString& id);
    void openWelcome();
    QString currentLessonId() const;   // empty on the welcome page
    QString currentLessonTitle() const;   // empty on the welcome page
    // File > Print lesson page to PDF without the file dialog: the tab on show under the
    // heading "<lesson title> — <tab>", which is also the PDF's title. False with *error.
    bool printPage(const QString& path, QString* error) const;
    QWidget* currentPage() const override;

    LessonContext& context() const { return *context_; }
    ExerciseCatalog& catalog() const { return *catalog_; }

    // Opens a teacher's exercise pack beside the built-in exercises; a malformed pack is
    // refused with the file, exercise and field named in the notice banner.
    bool openPack(const QString& path);

    // The lab on show as a shareable state (lesson, lab, every control), and back.
    // openLabState refuses a state for a lesson this app does not show, with *error.
    LabState currentLabState() const;
    bool openLabState(const LabState& state, QString* error);
    bool openLabStateFile(const QString& path);
    ProgressStore& store() const { return *store_; }
    QListWidget* lessonList() const override { return list_; }

    bool isPresenting() const override { return presenting_; }
    QWidget* presentingWindow() override { return this; }
    void setPresenting(bool on);
    double textScale() const { return textScale_; }
    // Every lab's text beside its figure (View > Lesson text, F9); hidden, the figure has the width.
    bool lessonTextShown() const { return lessonTextShown_; }
    void setLessonTextShown(bool shown);
    void setTextScale(double scale);

    // The banner text shown above the page (recovery notices, save failures).
    QString notice() const;
    void showNotice(const QString& text);

    // Saves geometry and the last lesson now (also done on close).
    void saveState();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void refreshProgress();
    void showIndex(int row);
    void exportFigure();
    void about();
    void applyFonts();

    LessonList lessons_;
    QString dataDir_;
    std::unique_ptr<QSettings> settings_;
    ProgressStore* store_;
    ExerciseCatalog* catalog_;
    QThreadPool* pool_;
    LessonContext* context_;
    QListWidget* list_;
    QStackedWidget* stack_;
    WelcomePage* welcome_;
    QLabel* banner_;
    QList<QPointer<QWidget>> pages_;   // one per lesson, built on first visit
    bool presenting_ = false;
    bool lessonTextShown_ = true;
    double textScale_ = 1.0;
    double baseFontPoints_ = 10.0;
};

} // namespace minima
