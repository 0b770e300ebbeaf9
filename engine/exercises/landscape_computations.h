#pragma once
// Named computations for the local-minima lesson's exercises (listed in makeComputations()
// in computations.cpp): where gradient descent ends on a 2-D surface, the share of a grid of
// starts each minimum captures, and how many minima the three-minima loss has on an interval.
#include "engine/exercises/computations.h"

namespace minima::exercises {

// "gd-destination": surface, x, y, lr [, steps = 1000]. Gradient descent from (x, y); the
// option id of the known minimum it ends within 1e-2 of ("m1" for the surface's first
// minimum, "m2", ...), "diverged" when the run diverged, "none" when it reached no minimum.
Computed gdDestination(const Arguments& args);

// "basin-share": surface, lr, minimum (1-based index into the surface's minima, or its letter A, B, ...) [, grid = 64,
// steps = 1000]. The share of an N x N grid of starts over the surface's plotting domain
// whose gradient-descent run ends at that minimum (basinsOfAttraction).
Computed basinShare(const Arguments& args);

// "loss-minima-count": shallow, deep, global (well depths > 0), from, to. The number of local
// minima of the three-minima loss (engine/surfaces/three_minima_loss.h, data seed 1, 256
// samples) with from <= w <= to.
Computed lossMinimaCount(const Arguments& args);

} // namespace minima::exercises
