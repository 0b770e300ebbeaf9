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

// What the series are drawn on: a light or dark window, or high contrast (black and white).
enum class Backdrop { Light, Dark, HighContrast };
Backdrop currentBackdrop();   // from the application palette's window and text colours

// The i-th series colour (cycles through the eight), readable on the current palette.
QColor seriesColor(int index);
QColor hueColor(Hue hue);
QColor hueColor(Hue hue, Backdrop backdrop);
// The hue drawn on `backdrop` in the red, green and blue of `color` (its alpha aside);
// false when no hue is.
bool hueOf(const QColor& color, Backdrop backdrop, Hue* hue);
// `color` as it is on `to` when it is a hue's colour on `from` (alpha kept), else itself.
QColor recoloured(const QColor& color, Backdrop from, Backdrop to);

// True when the application's window colour is dark.
bool darkPalette();

// viridis at t in [0, 1] (clamped).
QColor viridis(double t);

// Applies the application palette and font to a chart: background, plot area, axes,
// labels, legend and title (title and axis labels slightly larger than body text).
void styleChart(QChart* chart);

// A theme change without recomputation: every colour of the chart's series (pens, brushes,
// scatter borders, bar sets, point labels) that is a hue's colour on `from` becomes that
// hue's colour on `to`, alpha kept; any other colour stays as the lab set it.
void recolourSeries(QChart* chart, Backdrop from, Backdrop to);

} // namespace minima
