#include "engine/experiments/randomhessians.h"

#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include "engine/common/json.h"
#include "engine/common/parallel.h"
#include "engine/common/random.h"
#include "engine/experiments/params.h"

namespace minima {

double deanMajumdarAsymptote(int d)
{
    return std::exp(-(std::log(3.0) / 4.0) * double(d) * double(d));
}

double goePositiveDefiniteExact(int d)
{
    if (d == 1) return 0.5;
    if (d == 2) return 0.5 - std::sqrt(2.0) / 4.0;
    return std::numeric_limits<double>::quiet_NaN();
}

namespace {
void checkGoe(const GoeParams& p)
{
    if (p.minDimension < 1 || p.maxDimension > kGoeMaxDimension || p.minDimension > p.maxDimension)
        throw std::invalid_argument("dimensions must satisfy 1 <= min-d <= max-d <= " + std::to_string(kGoeMaxDimension));
    if (p.samples < 1 || p.samples > 100000000) throw std::invalid_argument("samples must be in [1, 100000000]");
}
} // namespace

GoeResult runGoe(const GoeParams& params, Progress& progress, unsigned threads)
{
    checkGoe(params);
    const int dims = params.maxDimension - params.minDimension + 1;
    const std::size_t blocksPerDim = std::size_t((params.samples + kGoeBlock - 1) / kGoeBlock);
    // Work items: (dimension, block); larger dimensions first, so the long items start early.
    const std::size_t items = std::size_t(dims) * blocksPerDim;
    std::vector<long long> hits(items, 0);
    const double offDiagonal = std::sqrt(0.5);
    const bool done = parallelFor(
        items,
        [&](std::size_t item) {
            const int d = params.maxDimension - int(item / blocksPerDim);
            const std::size_t block = item % blocksPerDim;
            const long long first = (long long)block * kGoeBlock;
            const long long count = std::min<long long>(kGoeBlock, params.samples - first);
            Rng rng = makeRng(params.seed, (std::uint64_t(d) << 40) + block);
            Eigen::MatrixXd A(d, d);
            Eigen::LLT<Eigen::MatrixXd> llt(d);
            long long positive = 0;
            for (long long s = 0; s < count; ++s) {
                // A positive definite matrix has a positive diagonal (e_i^T A e_i > 0): the diagonal
                // is drawn first, and a matrix with a diagonal entry <= 0 is not positive definite
                // whatever its other entries (all but 2^-d of them), so those are not drawn.
                bool diagonalPositive = true;
                for (int j = 0; j < d; ++j) {
                    A(j, j) = normal01(rng);
                    diagonalPositive = diagonalPositive && A(j, j) > 0;
                }
                if (!diagonalPositive) continue;
                // The lower triangle is all LLT reads: N(0, 1/2) below the diagonal.
                for (int j = 0; j < d; ++j)
                    for (int i = j + 1; i < d; ++i) A(i, j) = offDiagonal * normal01(rng);
                llt.compute(A);
                if (llt.info() == Eigen::Success) ++positive;
            }
            hits[item] = positive;
        },
        progress, threads);
    GoeResult result;
    result.cancelled = !done;
    if (!done) return result;
    for (int d = params.minDimension; d <= params.maxDimension; ++d) {
        GoeRow row;
        row.dimension = d;
        row.samples = params.samples;
        const std::size_t base = std::size_t(params.maxDimension - d) * blocksPerDim;
        for (std::size_t b = 0; b < blocksPerDim; ++b) row.positiveDefinite += hits[base + b];
        row.share = wilsonInterval(int(row.positiveDefinite), int(row.samples));
        row.coinFlip = std::ldexp(1.0, -d);
        row.deanMajumdar = deanMajumdarAsymptote(d);
        result.rows.push_back(row);
    }
    return result;
}

ExperimentInfo goeExperiment()
{
    ParamList<GoeParams> params;
    params.integer("min-d", &GoeParams::minDimension, 1, kGoeMaxDimension, "smallest matrix size d, 1..40")
        .integer("max-d", &GoeParams::maxDimension, 1, kGoeMaxDimension, "largest matrix size d, 1..40, >= min-d")
        .integer("samples", &GoeParams::samples, 1, 100000000, "random matrices per size, 1..100000000");
    return declareExperiment(
        "goe-minima",
        "How often a random symmetric d x d matrix (GOE) is positive definite, beside 2^-d and exp(-(ln 3/4) d^2)",
        std::move(params), {"min-d", "max-d", "samples"},
        [](JsonWriter& j, GoeParams& p, std::uint64_t seed, Progress& progress) {
            p.seed = seed;
            const GoeResult r = asParameterError([&] { return runGoe(p, progress); });
            j.key("seed").value((unsigned long long)seed);
            j.key("cancelled").value(r.cancelled);
            j.key("rows").beginArray();
            for (const GoeRow& row : r.rows) {
                j.beginObject();
                j.key("d").value(row.dimension);
                j.key("samples").value(row.samples);
                j.key("positiveDefinite").value(row.positiveDefinite);
                j.key("share").value(row.share.share);
                j.key("low95").value(row.share.low);
                j.key("high95").value(row.share.high);
                j.key("coinFlip").value(row.coinFlip);
                j.key("deanMajumdar").value(row.deanMajumdar);
                const double exact = goePositiveDefiniteExact(row.dimension);
                if (std::isfinite(exact)) j.key("exact").value(exact);
                j.endObject();
            }
            j.endArray();
        });
}

} // namespace minima
