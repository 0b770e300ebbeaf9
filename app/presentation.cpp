#include "app/presentation.h"

#include <QAction>
#include <QDynamicPropertyChangeEvent>
#include <QListWidget>
#include <QMenu>
#include <QTabWidget>

#include <utility>

#include "lessons/common/lessonpage.h"

namespace minima {

namespace {

// Turns the lab keys on and off with the window's "minimaPresenting" property, so they
// never take PageDown/PageUp from a text pane outside presentation mode.
class PresentingWatch : public QObject {
public:
    PresentingWatch(QObject* window, QList<QAction*> actions) : QObject(window), actions_(std::move(actions)) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::DynamicPropertyChange
            && static_cast<QDynamicPropertyChangeEvent*>(event)->propertyName() == "minimaPresenting") {
            const bool on = watched->property("minimaPresenting").toBool();
            for (QAction* a : actions_) a->setEnabled(on);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QList<QAction*> actions_;
};

} // namespace

bool stepLab(PresentationHost& window, int direction)
{
    QListWidget* list = window.lessonList();
    auto* page = qobject_cast<LessonPage*>(window.currentPage());
    if (page) {
        QTabWidget* tabs = page->tabs();
        const int next = tabs->currentIndex() + direction;
        if (next >= 0 && next < tabs->count()) {
            tabs->setCurrentIndex(next);
            return true;
        }
    }
    // Past the ends of this lesson: the neighbouring lesson (row 0 is the welcome page).
    const int row = list->currentRow() + direction;
    if (row < 0 || row >= list->count()) return false;
    list->setCurrentRow(row);
    if (direction < 0) {
        if (auto* previous = qobject_cast<LessonPage*>(window.currentPage()))
            previous->tabs()->setCurrentIndex(previous->tabs()->count() - 1);
    } else if (auto* following = qobject_cast<LessonPage*>(window.currentPage())) {
        following->tabs()->setCurrentIndex(0);
    }
    return true;
}

void addPresentationActions(PresentationHost& window, QMenu* view)
{
    QWidget* host = window.presentingWindow();
    QAction* next = view->addAction(QObject::tr("Next la&b (presentation)"));
    next->setObjectName(QStringLiteral("nextLabAction"));
    next->setShortcuts({QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::CTRL | Qt::Key_Tab)});
    QAction* previous = view->addAction(QObject::tr("Previous lab (presentation)"));
    previous->setObjectName(QStringLiteral("previousLabAction"));
    // Shift+Tab arrives as Backtab, with or without Shift in the modifiers.
    previous->setShortcuts({QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                            QKeySequence(Qt::CTRL | Qt::Key_Backtab)});
    for (QAction* a : {next, previous}) {
        a->setShortcutContext(Qt::WindowShortcut);
        a->setEnabled(window.isPresenting());
    }
    QObject::connect(next, &QAction::triggered, host, [&window] { stepLab(window, +1); });
    QObject::connect(previous, &QAction::triggered, host, [&window] { stepLab(window, -1); });
    // MainWindow::setPresenting sets the window's "minimaPresenting" property.
    auto* watch = new PresentingWatch(host, {next, previous});
    host->installEventFilter(watch);
}

} // namespace minima
