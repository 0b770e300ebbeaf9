#include "engine/symmetry/counting.h"

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace minima {

namespace {

// Unsigned big integer in base 10^9, least significant limb first; only "times a small
// number" is needed for products of factorials and powers of two.
class BigCount {
public:
    BigCount() : limbs_{1} {}
    void multiply(std::uint32_t k)
    {
        std::uint64_t carry = 0;
        for (auto& limb : limbs_) {
            const std::uint64_t v = std::uint64_t(limb) * k + carry;
            limb = std::uint32_t(v % kBase);
            carry = v / kBase;
        }
        while (carry) { limbs_.push_back(std::uint32_t(carry % kBase)); carry /= kBase; }
    }
    std::string decimal() const
    {
        std::string s = std::to_string(limbs_.back());
        for (std::size_t i = limbs_.size() - 1; i-- > 0;) {
            const std::string part = std::to_string(limbs_[i]);
            s += std::string(9 - part.size(), '0') + part;
        }
        return s;
    }

private:
    static constexpr std::uint64_t kBase = 1000000000ull;
    std::vector<std::uint32_t> limbs_;
};

} // namespace

bool signSymmetric(Activation f) { return hasSignFlip(f); }

SymmetryCount countEquivalentNetworks(const std::vector<int>& hiddenWidths, const std::vector<bool>& signFlips)
{
    if (signFlips.size() != hiddenWidths.size()) throw std::invalid_argument("one sign-flip flag per hidden layer expected");
    long long total = 0;
    for (int n : hiddenWidths) {
        if (n < 1) throw std::invalid_argument("hidden layer width " + std::to_string(n) + " must be >= 1");
        total += n;
    }
    if (total > 20000) throw std::invalid_argument("hidden widths sum to " + std::to_string(total) + ", more than 20000");
    BigCount count;
    SymmetryCount result;
    constexpr double kLn10 = 2.302585092994045684;
    for (std::size_t i = 0; i < hiddenWidths.size(); ++i) {
        const int n = hiddenWidths[i];
        for (int k = 2; k <= n; ++k) count.multiply(std::uint32_t(k));
        result.log10 += std::lgamma(double(n) + 1.0) / kLn10;   // log10 n!
        if (signFlips[i]) {
            for (int k = 0; k < n; k += 16) count.multiply(1u << std::min(16, n - k));
            result.log10 += n * 0.30102999566398119521;        // log10 2^n
        }
    }
    result.decimal = count.decimal();
    result.digits = result.decimal.size();
    return result;
}

SymmetryCount countEquivalentNetworks(const std::vector<int>& hiddenWidths, bool signFlips)
{
    return countEquivalentNetworks(hiddenWidths, std::vector<bool>(hiddenWidths.size(), signFlips));
}

SymmetryCount countEquivalentNetworks(const std::vector<int>& hiddenWidths, Activation f)
{
    return countEquivalentNetworks(hiddenWidths, hasSignFlip(f));
}

SymmetryCount countEquivalentNetworks(const Network& net)
{
    std::vector<int> widths;
    std::vector<bool> flips;
    for (int h = 0; h < net.hiddenLayerCount(); ++h) {
        widths.push_back(net.widths()[std::size_t(h) + 1]);
        flips.push_back(signSymmetric(net.hiddenActivation(h)));
    }
    return countEquivalentNetworks(widths, flips);
}

} // namespace minima
