#pragma once
// Mini-batch SGD: any optimizer fed the gradient of the mean loss over a mini-batch of
// samples, drawn without replacement at every step (batch = N gives the full gradient).
#include <cstdint>
#include <functional>
#include <numeric>
#include <span>
#include <stdexcept>
#include <vector>

#include <Eigen/Core>

#include "engine/common/random.h"
#include "engine/optim/run.h"

namespace minima {

// Draws uniform random B-subsets of {0..N-1}: a partial Fisher-Yates shuffle of a kept
// permutation (Knuth, TAOCP vol. 2, 3.4.2), B random draws per batch, no allocation.
class MiniBatchSampler {
public:
    MiniBatchSampler(int sampleCount, int batchSize) : batch_(batchSize), idx_(std::size_t(std::max(sampleCount, 0)))
    {
        if (sampleCount < 1) throw std::invalid_argument("a mini-batch needs at least one sample");
        if (batchSize < 1 || batchSize > sampleCount)
            throw std::invalid_argument("batch size must be in [1, number of samples]");
        std::iota(idx_.begin(), idx_.end(), 0);
    }
    int batchSize() const { return batch_; }

    std::span<const int> next(Rng& rng)
    {
        const int n = int(idx_.size());
        if (batch_ < n) {
            for (int j = 0; j < batch_; ++j) {
                const int k = j + int(boundedIndex(std::uint32_t(n - j), rng));
                std::swap(idx_[std::size_t(j)], idx_[std::size_t(k)]);
            }
        }
        return {idx_.data(), std::size_t(batch_)};
    }

    // Uniform integer in [0, n) by Lemire's multiply-and-reject ("Fast random integer
    // generation in an interval", 2019): exact, and almost never divides.
    static std::uint32_t boundedIndex(Rng& rng, std::uint32_t n)
    {
        std::uint64_t m = std::uint64_t(std::uint32_t(rng() >> 32)) * n;
        if (std::uint32_t(m) < n) {
            const std::uint32_t threshold = std::uint32_t(-n) % n;
            while (std::uint32_t(m) < threshold) m = std::uint64_t(std::uint32_t(rng() >> 32)) * n;
        }
        return std::uint32_t(m >> 32);
    }

private:
    // 32 random bits; each 64-bit draw of the generator serves two calls (the generator
    // is the dominant cost of a small-batch SGD step).
    std::uint32_t word(Rng& rng)
    {
        if (haveSpare_) {
            haveSpare_ = false;
            return std::uint32_t(spare_ >> 32);
        }
        spare_ = rng();
        haveSpare_ = true;
        return std::uint32_t(spare_);
    }
    // As the static boundedIndex, on word().
    std::uint32_t boundedIndex(std::uint32_t n, Rng& rng)
    {
        std::uint64_t m = std::uint64_t(word(rng)) * n;
        if (std::uint32_t(m) < n) {
            const std::uint32_t threshold = std::uint32_t(-n) % n;
            while (std::uint32_t(m) < threshold) m = std::uint64_t(word(rng)) * n;
        }
        return std::uint32_t(m >> 32);
    }

private:
    int batch_;
    std::vector<int> idx_;
    std::uint64_t spare_ = 0;
    bool haveSpare_ = false;
};

// An objective that is a mean of per-sample losses: value is the full loss (recorded),
// batchGradient(x, batch, g) the gradient of the mean loss over `batch`.
struct MiniBatchObjective {
    int sampleCount = 0;
    std::function<double(const Eigen::VectorXd&)> value;
    std::function<void(const Eigen::VectorXd&, std::span<const int>, Eigen::VectorXd&)> batchGradient;
};

// Runs `optimizer` with a fresh mini-batch of batchSize samples at every step, drawn
// from makeRng(seed, stream).
RunResult<Eigen::VectorXd> runMiniBatch(Optimizer<Eigen::VectorXd>& optimizer, const MiniBatchObjective& objective,
                                        Eigen::VectorXd start, int batchSize, std::uint64_t seed,
                                        std::uint64_t stream, const RunSettings& settings,
                                        const RunObserver<Eigen::VectorXd>& observer = {},
                                        Progress& progress = Progress::none());

} // namespace minima
