// libFuzzer target: bytes as a typed answer, through the reader and the checker.
#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/answerinput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string broken = minima::fuzz::runAnswerInput(data, size);
    if (!broken.empty()) {
        std::fprintf(stderr, "fuzz_answers: %s\n", broken.c_str());
        std::abort();
    }
    return 0;
}
