#pragma once
// One fuzz input for the exercise-pack reader: the bytes are a pack file. It is read by
// readExerciseFile; a pack it accepts must be sound (ids, kinds and answers as promised).
// Shared by the libFuzzer target fuzz_packs and the replay test.
#include <cstddef>
#include <cstdint>
#include <string>

namespace minima::fuzz {

// Empty when the reader kept its promises (accepted, or refused with one line naming the
// file), else what broke.
std::string runPackInput(const std::uint8_t* data, std::size_t size);

} // namespace minima::fuzz
