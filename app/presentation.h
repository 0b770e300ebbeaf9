#pragma once
// Presentation mode's keys: PageDown / PageUp (what a presenter's clicker sends) and
// Ctrl+Tab / Ctrl+Shift+Tab step through the labs; past a lesson's last tab they go on
// to the next lesson's first (and back). Active only while presenting.
class QMenu;

namespace minima {

class MainWindow;

// Moves one lab forwards (+1) or backwards (-1). Returns false at either end of the course.
bool stepLab(MainWindow& window, int direction);

// Adds "Next lab" / "Previous lab" to `view`, enabled only in presentation mode.
void addPresentationActions(MainWindow& window, QMenu* view);

} // namespace minima
