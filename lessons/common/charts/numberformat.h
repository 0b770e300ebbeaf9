#pragma once
// Numbers as a person writes them, for axes, readouts and labels: "100", "0.0115",
// "3.1·10⁻⁵", "−2" with a true minus sign; never "1e+02" or "0.01148451363".
// Every lab formats through these functions (docs/ARCHITECTURE.md, "Figures").
#include <QString>

namespace minima {

// x to `significant` significant digits, trailing zeros dropped. Plain decimals from 10⁻³
// up to 10⁵; outside that, a mantissa times a power of ten with a superscript exponent
// ("10⁻⁵" when the mantissa is 1). Not-a-number and infinities read as words.
QString formatNumber(double x, int significant = 3);

// x with at most `decimals` decimals, trailing zeros dropped ("0.5", "3", "−1.25").
QString formatFixed(double x, int decimals);

// "(3, 2)" with true minus signs and `decimals` decimals at most.
QString formatPoint(double x, double y, int decimals = 2);

// 10 to the power e as "10⁻⁵", "10³"; "1" and "10" for e = 0 and 1.
QString powerOfTen(int e);

// An integer's digits as superscripts ("⁻¹²").
QString superscript(int e);

// The tick label of value v on an axis whose ticks are `step` apart: as many decimals as the
// step needs, powers of ten for ticks on a decade scale, never "-0".
QString formatTick(double v, double step);

// The decimals a tick step needs: 0 for 5, 1 for 0.5, 2 for 0.25.
int decimalsForStep(double step);

} // namespace minima
