#pragma once
// One fuzz input for the answer checker: the bytes are what a learner typed. They are read
// (readExpression, readCondition), previewed and marked against a few fixed answer keys that
// cover every kind of check. Shared by the libFuzzer target fuzz_answers and the replay test.
#include <cstddef>
#include <cstdint>
#include <string>

namespace minima::fuzz {

// Runs the input through every entry point. Returns an empty string when every answer kept
// its promises (a verdict, a reading for what was read, a reason for what was not), else what
// broke.
std::string runAnswerInput(const std::uint8_t* data, std::size_t size);

} // namespace minima::fuzz
