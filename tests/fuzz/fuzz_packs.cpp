// libFuzzer target: bytes as an exercise-pack file, through the pack reader.
#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/packinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string broken = minima::fuzz::runPackInput(data, size);
    if (!broken.empty()) {
        std::fprintf(stderr, "fuzz_packs: %s\n", broken.c_str());
        std::abort();
    }
    return 0;
}
