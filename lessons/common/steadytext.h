#pragma once
// A wrapped label under a figure whose sentence changes with every result: at an unchanged
// width it keeps the tallest height it has had, so a shorter sentence does not move the figures
// above it (each move lays out and redraws every chart, and a figure jumping up and down with
// each result is hard to watch). A new width starts afresh.
#include <QString>

class QLabel;

namespace minima {

void setSteadyText(QLabel* label, const QString& text);

} // namespace minima
