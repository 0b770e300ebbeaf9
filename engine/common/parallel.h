#pragma once
// Split independent work items over threads. Each item must depend only on its index
// (and its own seeded stream), so results are identical whatever the thread count.
#include <cstddef>
#include <functional>

#include "engine/common/progress.h"

namespace minima {

// Number of worker threads to use: the hardware concurrency, or the value of the
// environment variable MINIMA_THREADS when set (tests use it to check determinism).
unsigned workerCount();

// Calls body(i) for i in [0, count) over up to `threads` threads (0 = workerCount()),
// in contiguous chunks. Stops handing out work once progress.cancelled(); updates
// progress.fraction() as items finish. Returns false if cancelled.
bool parallelFor(std::size_t count, const std::function<void(std::size_t)>& body,
                 Progress& progress, unsigned threads = 0);

} // namespace minima
