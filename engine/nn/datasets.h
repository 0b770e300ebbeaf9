#pragma once
// Seeded toy datasets for the lessons: inputs d x N (columns = samples), targets 1 x N.
// Classification targets are labels 0 or 1; regression targets are values; a multi-class
// set (classCount = K > 2) holds labels 0..K-1, turned into K x N targets by oneHot().
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
    bool classification = true;   // labels 0 or 1
    int classCount = 0;            // K > 2 when the targets are labels 0..K-1; 0 otherwise
};

// The labels of a multi-class set (classCount = K) as K x N one-hot columns: column n has
// a 1 in row targets(0, n). Throws std::invalid_argument if the set is not multi-class or
// a label is not an integer in [0, K).
Eigen::MatrixXd oneHot(const Dataset& data);

// The labels 0..K-1 of a set of integer labels when there are more than two of them (the
// largest is at least 2 and every label is a whole number >= 0): K = largest + 1; else 0.
int multiClassCount(const Eigen::Ref<const Eigen::MatrixXd>& targets);

struct DatasetSplit {
    Dataset train, test;
};

// A seeded random split: round(testFraction N) samples (at least 1 and at most N - 1) go to
// the test set, the rest to the training set, each in the order of a Fisher-Yates shuffle
// drawn from `seed`. The same seed gives the same split. Throws std::invalid_argument for
// fewer than 2 samples or a fraction outside (0, 1).
DatasetSplit splitDataset(const Dataset& data, double testFraction, std::uint64_t seed);

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
