#pragma once
// A wrapped label under a figure whose sentence changes with every result: at an unchanged
// width it keeps the tallest height it has had, so a shorter sentence does not move the figures
// above it (each move lays out and redraws every chart, and a figure jumping up and down with
// each result is hard to watch). A new width starts from the height of what was shown before.
#include <QString>

#include <functional>

class QLabel;
class QWidget;

namespace minima {

// Runs `change` (which sets the widget's content), then holds the widget's height: at the width
// of the last call, the tallest it has had; at a new width, no less than what the content before
// the change needed there (the height it is shown at), so that the first sentence after the
// lab is laid out does not move the figures either.
void changeSteadily(QWidget* widget, const std::function<void()>& change);

// Sets the label's text through changeSteadily().
void setSteadyText(QLabel* label, const QString& text);

} // namespace minima
