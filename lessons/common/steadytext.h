#pragma once
// A wrapped label under a figure whose sentence changes with every result: at an unchanged
// width it keeps the tallest height it has had, so a shorter sentence does not move the figures
// above it (each move lays out and redraws every chart, and a figure jumping up and down with
// each result is hard to watch). A new width starts afresh.
#include <QString>

class QLabel;
class QWidget;

namespace minima {

// Call after `widget`'s content changed: at the width of the last call it keeps the tallest
// height it has had; at a new width it takes its own height.
void keepSteadyHeight(QWidget* widget);

// Sets the label's text, then keepSteadyHeight().
void setSteadyText(QLabel* label, const QString& text);

} // namespace minima
