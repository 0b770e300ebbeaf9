#pragma once
// Axis ranges that end on round numbers, and ticks that fit the axis's pixel length.
//
// setNiceRange() remembers the data range on the axis; FigureChart calls refitAxis() whenever
// the chart's size or font changes, so the tick count always follows the space there is and
// the labels are never truncated (docs/ARCHITECTURE.md, "Figures").
#include <QList>
#include <QStringList>

#include <vector>

class QCategoryAxis;
class QLogValueAxis;
class QValueAxis;

namespace minima {

struct NiceTicks {
    double from = 0;
    double to = 1;
    double step = 1;
    std::vector<double> values() const;
};

// [lo, hi] widened to whole multiples of a 1-2-5 step, with at most maxTicks ticks (at least
// two). Ticks are anchored at 0, so a tick reads exactly 0, never 5.55·10⁻¹⁷.
NiceTicks niceTicks(double lo, double hi, int maxTicks);

// For an axis that shows exactly [lo, hi]: the smallest 1-2-5 step of at least
// (hi - lo)/maxTicks with at most maxTicks of its multiples inside [lo, hi] (from = lo, to = hi). niceTicks() counts the ticks of the widened
// range instead, which on a range such as [-0.013, 0.258] with 3 ticks picks the step 0.5 and
// leaves a single tick, 0, inside.
NiceTicks niceTicksInside(double lo, double hi, int maxTicks);

// Sets the axis to a nice range around [lo, hi] and labels its ticks with formatTick().
// A QCategoryAxis made by makeValueAxis() gets labels such as "10⁻⁵"; a plain QValueAxis
// gets a printf format with the decimals the step needs. Non-finite bounds leave the axis
// as it was.
void setNiceRange(QValueAxis* axis, double lo, double hi, int maxTicks = 6);

// Like setNiceRange(), but the axis shows exactly [lo, hi] (a map's domain, an image's edge):
// only the ticks are nice multiples inside it, as many as the axis's length holds.
void setExactRange(QValueAxis* axis, double lo, double hi, int maxTicks = 11);

// Gives a category axis these labels, label i ending at values[i], from `start`; labels that are
// already there stay (each change lays the axis out again).
void setCategoryLabels(QCategoryAxis* axis, double start, const QStringList& labels, const QList<double>& values);

// Recomputes the ticks of an axis set by setNiceRange() for `pixels` of axis length, with
// labels `labelExtent` pixels long along the axis (their width on a horizontal axis, a
// line's height on a vertical one). Returns false for an axis setNiceRange() never set.
bool refitAxis(QValueAxis* axis, double pixels, double labelExtent);

// A log axis over whole decades around [lo, hi] (lo > 0), labelled as powers of ten
// ("10⁻⁵", "1", "100"): FigureChart writes the labels itself, so they are never "1e-05".
void setLogRange(QLogValueAxis* axis, double lo, double hi);
// Sets a log axis set by setLogRange() to a label every `decadesPerLabel` decades (base
// 10^decadesPerLabel), so a long range on a short axis keeps legible labels; returns the
// number of labels. FigureChart calls it for the pixels there are.
int applyLogRange(QLogValueAxis* axis, int decadesPerLabel);

// A linear axis whose tick labels Minima writes itself (formatTick). Use it in place of
// `new QValueAxis`; setNiceRange() fills its labels.
QValueAxis* makeValueAxis();

} // namespace minima
