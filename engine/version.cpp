#include "engine/version.h"

#include <Eigen/Core>
#include <ginac/version.h>

namespace minima {

std::string eigenVersion()
{
    return std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "."
        + std::to_string(EIGEN_MINOR_VERSION);
}

std::string ginacVersion()
{
    return std::to_string(GINACLIB_MAJOR_VERSION) + "." + std::to_string(GINACLIB_MINOR_VERSION) + "."
        + std::to_string(GINACLIB_MICRO_VERSION);
}

} // namespace minima
