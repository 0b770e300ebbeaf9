#pragma once
// One fuzz input for the lab-state reader: the bytes are a lab-state file (its JSON or the
// short "minima-lab:1:" text) and, separately, a pasted text. A state it accepts names a
// lesson and a lab in range; a refusal is one sentence. The inflating guard holds: nothing
// decodes to more than the cap, whatever the size header claims.
// Shared by the libFuzzer target fuzz_labstates and the replay test.
#include <cstddef>
#include <cstdint>
#include <string>

namespace minima::fuzz {

// Empty when the reader kept its promises, else what broke.
std::string runLabStateInput(const std::uint8_t* data, std::size_t size);

} // namespace minima::fuzz
