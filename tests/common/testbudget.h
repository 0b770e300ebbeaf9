#pragma once
// How long a test waits for background work before it calls the work hung. The sanitizer
// builds run the engine several times slower (and at -O1), so they wait longer. A wait here is
// a guard against hangs, never a claim about speed: speed is measured in tests/bench.

namespace minima::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr int kSlowdown = 8;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr int kSlowdown = 8;
#else
inline constexpr int kSlowdown = 1;
#endif
#else
inline constexpr int kSlowdown = 1;
#endif

// `ms` in an optimised build; longer under the sanitizers.
constexpr int waitMs(int ms) { return ms * kSlowdown; }

} // namespace minima::test
