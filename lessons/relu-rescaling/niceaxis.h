#pragma once
// Axis ranges a reader can read: ends and ticks on multiples of 1, 2 or 5 times a power of ten.
class QValueAxis;

namespace minima {

// Sets axis to the smallest range of whole steps covering [lo, hi], about `ticks` intervals,
// with a tick at every step. Non-finite or empty input leaves a range around the finite end.
void setNiceRange(QValueAxis* axis, double lo, double hi, int ticks = 5);

} // namespace minima
