#pragma once
// Colours for figures: the Okabe-Ito palette (colour-blind safe; Okabe & Ito 2008,
// "Color Universal Design") for series, and viridis (van der Walt & Smith 2015,
// perceptually uniform) for heat maps. Series colours follow the application palette:
// on a dark background the palette's black becomes a light grey.
#include <QColor>
#include <QPalette>

class QChart;

namespace minima {

enum class Hue { Orange, SkyBlue, BluishGreen, Yellow, Blue, Vermillion, ReddishPurple, Ink };

// The i-th series colour (cycles through the eight), readable on the current palette.
QColor seriesColor(int index);
QColor hueColor(Hue hue);

// True when the application's window colour is dark.
bool darkPalette();

// viridis at t in [0, 1] (clamped).
QColor viridis(double t);

// Applies the application palette and font to a chart: background, plot area, axes,
// labels, legend and title (title and axis labels slightly larger than body text).
void styleChart(QChart* chart);

} // namespace minima
