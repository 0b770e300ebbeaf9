#pragma once
// Presentation mode's keys: PageDown / PageUp (what a presenter's clicker sends) and
// Ctrl+Tab / Ctrl+Shift+Tab step through the labs; past a lesson's last tab they go on
// to the next lesson's first (and back). Active only while presenting.
class QListWidget;
class QMenu;
class QWidget;

namespace minima {

// What presentation mode needs of the window it steps through (the main window is one).
class PresentationHost {
public:
    // The lesson list down the side (row 0 is the welcome page) and the page on show.
    virtual QListWidget* lessonList() const = 0;
    virtual QWidget* currentPage() const = 0;
    virtual bool isPresenting() const = 0;
    // The window itself: the actions' shortcuts and its "minimaPresenting" property live there.
    virtual QWidget* presentingWindow() = 0;

protected:
    ~PresentationHost() = default;
};

// Moves one lab forwards (+1) or backwards (-1). Returns false at either end of the course.
bool stepLab(PresentationHost& window, int direction);

// Adds "Next lab" / "Previous lab" to `view`, enabled only in presentation mode.
void addPresentationActions(PresentationHost& window, QMenu* view);

} // namespace minima
