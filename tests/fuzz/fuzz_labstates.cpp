// libFuzzer target: bytes as a lab-state file and as a pasted lab-state text.
#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/labstateinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string broken = minima::fuzz::runLabStateInput(data, size);
    if (!broken.empty()) {
        std::fprintf(stderr, "fuzz_labstates: %s\n", broken.c_str());
        std::abort();
    }
    return 0;
}
