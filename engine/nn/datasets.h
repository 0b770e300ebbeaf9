#pragma once
// Seeded toy datasets for the lessons: inputs d x N (columns = samples), targets 1 x N.
// Classification targets are labels 0 or 1; regression targets are values.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

namespace minima {

struct Dataset {
    std::string name;
    Eigen::MatrixXd inputs;    // d x N
    Eigen::MatrixXd targets;   // 1 x N
    bool classification = true;
};

// The four XOR corners (+-1, +-1), repeated in turn, plus N(0, noise^2) jitter;
// label 1 where the signs differ. samples = 4, noise = 0 is the classic XOR.
Dataset xorDataset(int samples, double noise, std::uint64_t seed);
// Two interleaved half circles (as in scikit-learn's make_moons), Gaussian noise.
Dataset twoMoons(int samples, double noise, std::uint64_t seed);
// Two concentric circles, radii 1 (label 0) and `factor` (label 1), Gaussian noise.
Dataset circles(int samples, double noise, std::uint64_t seed, double factor = 0.5);
// Two interleaved Archimedean spirals r = t, angle = 2 pi turns t, t in (0, 1]; the
// second arm is the first turned by pi.
Dataset spirals(int samples, double noise, std::uint64_t seed, double turns = 2.0);
// 1-D regression: x uniform in [-pi, pi], y = sin(x) + N(0, noise^2). Inputs 1 x N.
Dataset sineRegression(int samples, double noise, std::uint64_t seed);

// By name: "xor", "moons", "circles", "spirals", "sine". Throws std::invalid_argument
// for an unknown name, samples outside [1, 1000000] or a negative/non-finite noise.
Dataset makeDataset(std::string_view name, int samples, double noise, std::uint64_t seed);
const std::vector<std::string>& datasetNames();

} // namespace minima
