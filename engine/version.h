#pragma once
// Versions of the libraries the engine is built on, for Help > About and --version.
#include <string>

namespace minima {
std::string eigenVersion();
std::string ginacVersion();
} // namespace minima
