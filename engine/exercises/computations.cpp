#include "engine/exercises/computations.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <sstream>

#include <ginac/ginac.h>

#include "engine/answers/checker.h"
#include "engine/exercises/landscape_computations.h"
#include "engine/symmetry/counting.h"

namespace minima::exercises {

namespace {

const std::string& argument(const Arguments& args, const std::string& name)
{
    const auto it = args.find(name);
    if (it == args.end() || it->second.empty()) throw ComputationError("missing argument \"" + name + "\"");
    return it->second;
}

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : text + ",") {
        if (c == ',' || c == ' ') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    return out;
}

long wholeNumber(const std::string& name, const std::string& text, long lo, long hi)
{
    long v = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size() || v < lo || v > hi)
        throw ComputationError("argument \"" + name + "\" must be a whole number from " + std::to_string(lo)
                               + " to " + std::to_string(hi) + ", not \"" + text + "\"");
    return v;
}

// An exact rational from text such as "0.3" or "2/5".
GiNaC::numeric rational(const std::string& name, const std::string& text)
{
    std::string value, error;
    if (!answers::exactValue(text, {}, &value, &error) || value.find('.') != std::string::npos
        || value.find('e') != std::string::npos)
        throw ComputationError("argument \"" + name + "\" must be an exact number, not \"" + text + "\"");
    return GiNaC::numeric(value.c_str());
}

std::string text(const GiNaC::numeric& n)
{
    std::ostringstream s;
    s << n;
    return s.str();
}

// "widths": "3,4,5"; or "width" and "layers" for l layers of n.
std::vector<long> widthsFrom(const Arguments& args)
{
    std::vector<long> widths;
    if (args.count("widths")) {
        for (const std::string& w : splitList(argument(args, "widths")))
            widths.push_back(wholeNumber("widths", w, 1, 10000));
    } else {
        const long n = wholeNumber("width", argument(args, "width"), 1, 10000);
        const long l = wholeNumber("layers", argument(args, "layers"), 1, 100);
        widths.assign(std::size_t(l), n);
    }
    if (widths.empty() || widths.size() > 100) throw ComputationError("argument \"widths\" needs 1 to 100 layers");
    return widths;
}

Computed countEquivalentRun(const Arguments& args)
{
    const auto act = args.count("activation") ? argument(args, "activation") : std::string("relu");
    Computed c;
    c.exact = countEquivalent(widthsFrom(args), act);
    return c;
}

// Gradient descent on a quadratic with Hessian eigenvalues lambda_i multiplies the error along
// eigenvector i by 1 - lr lambda_i per step: it converges iff 0 < lr * lambda_i < 2 for every
// i; at lr * lambda_i = 2 exactly (and below 2 elsewhere) the factor is -1 and it bounces
// between two points for ever; above 2 it diverges (Goh, "Why Momentum Really Works", 2017).
Computed gdConvergesRun(const Arguments& args)
{
    const GiNaC::numeric lr = rational("lr", argument(args, "lr"));
    bool converges = true, bounces = false, diverges = false;
    for (const std::string& e : splitList(argument(args, "eigenvalues"))) {
        const GiNaC::numeric x = lr * rational("eigenvalues", e);
        if (!(x > 0 && x < 2)) converges = false;
        if (x == 2) bounces = true;
        else if (!(x > 0 && x < 2)) diverges = true;
    }
    Computed c;
    c.kind = Computed::Kind::Choices;
    c.choices = {converges ? "converges" : (bounces && !diverges ? "bounces" : "diverges")};
    return c;
}

// The best fixed learning rate on a quadratic: 2 / (lambda_min + lambda_max), with
// contraction (kappa - 1)/(kappa + 1) per step (Goh, "Why Momentum Really Works", 2017).
Computed bestRateRun(const Arguments& args)
{
    const GiNaC::numeric lo = rational("lambda_min", argument(args, "lambda_min"));
    const GiNaC::numeric hi = rational("lambda_max", argument(args, "lambda_max"));
    if (!(lo > 0) || hi < lo) throw ComputationError("need 0 < lambda_min <= lambda_max");
    Computed c;
    c.exact = text(GiNaC::numeric(2) / (lo + hi));
    return c;
}

Computed contractionRun(const Arguments& args)
{
    const GiNaC::numeric lo = rational("lambda_min", argument(args, "lambda_min"));
    const GiNaC::numeric hi = rational("lambda_max", argument(args, "lambda_max"));
    if (!(lo > 0) || hi < lo) throw ComputationError("need 0 < lambda_min <= lambda_max");
    Computed c;
    c.exact = text((hi - lo) / (hi + lo));   // (kappa - 1)/(kappa + 1) with kappa = hi/lo
    return c;
}

// The kind of a critical point from its Hessian [[a, b], [b, c]] by the second-derivative
// test, exactly: det = ac - b^2 > 0 with a > 0 is a minimum, with a < 0 a maximum; det < 0
// is a saddle (eigenvalues of opposite signs); det = 0 leaves the test undecided.
Computed criticalPointKind(const Arguments& args)
{
    const GiNaC::numeric a = rational("a", argument(args, "a"));
    const GiNaC::numeric b = rational("b", argument(args, "b"));
    const GiNaC::numeric c = rational("c", argument(args, "c"));
    const GiNaC::numeric det = a * c - b * b;
    Computed out;
    out.kind = Computed::Kind::Choices;
    if (det > 0) out.choices = {a > 0 ? "minimum" : "maximum"};
    else if (det < 0) out.choices = {"saddle"};
    else out.choices = {"undecided"};
    return out;
}

// The angle, in degrees, between the negative gradient -g = -(a x, c y) of
// f = 1/2 (a x^2 + c y^2) at (x, y) and the way to its minimum, -(x, y):
// cos theta = (a x^2 + c y^2) / (|g| |(x, y)|). On a stretched bowl (a != c) the gradient
// points at the minimum only along the axes (Nocedal & Wright, "Numerical Optimization", 3.3).
Computed descentAngle(const Arguments& args)
{
    const double a = rational("a", argument(args, "a")).to_double();
    const double c = rational("c", argument(args, "c")).to_double();
    const double x = rational("x", argument(args, "x")).to_double();
    const double y = rational("y", argument(args, "y")).to_double();
    if (!(a > 0) || !(c > 0)) throw ComputationError("need curvatures a > 0 and c > 0");
    if (x == 0 && y == 0) throw ComputationError("the point is the minimum itself: there is no gradient");
    const double gx = a * x, gy = c * y;
    const double cosine = (gx * x + gy * y) / (std::hypot(gx, gy) * std::hypot(x, y));
    Computed out;
    out.kind = Computed::Kind::Real;
    // To 10^-4 of a degree, so the answer key reads 23.1986, not 17 digits.
    out.real = std::round(std::acos(std::clamp(cosine, -1.0, 1.0)) * 180.0 / 3.14159265358979323846 * 1e4) / 1e4;
    return out;
}

// Which of heavy-ball momentum (v <- beta v - lr g, x <- x + v) and plain gradient descent at
// the same lr converge on a quadratic with these Hessian eigenvalues (all > 0), exactly. Per
// eigenvalue the heavy ball's error obeys z^2 - (1 + beta - lr lambda) z + beta = 0, whose roots
// lie inside the unit circle iff 0 <= beta < 1 and 0 < lr lambda < 2 (1 + beta) (the Jury
// conditions; Polyak 1964; Goh, "Why Momentum Really Works", 2017); gradient descent needs
// 0 < lr lambda < 2. On a boundary the error does not shrink: it does not converge.
Computed heavyBallConverges(const Arguments& args)
{
    const GiNaC::numeric lr = rational("lr", argument(args, "lr"));
    const GiNaC::numeric beta = rational("beta", argument(args, "beta"));
    if (!(lr > 0)) throw ComputationError("need lr > 0");
    if (beta < 0 || !(beta < 1)) throw ComputationError("need 0 <= beta < 1");
    bool momentum = true, descent = true;
    int count = 0;
    for (const std::string& e : splitList(argument(args, "eigenvalues"))) {
        const GiNaC::numeric lambda = rational("eigenvalues", e);
        if (!(lambda > 0)) throw ComputationError("every eigenvalue must be positive");
        const GiNaC::numeric x = lr * lambda;
        if (!(x < 2 * (1 + beta))) momentum = false;
        if (!(x < 2)) descent = false;
        ++count;
    }
    if (count == 0) throw ComputationError("argument \"eigenvalues\" lists no eigenvalue");
    Computed c;
    c.kind = Computed::Kind::Choices;
    if (momentum) c.choices.push_back("momentum");
    if (descent) c.choices.push_back("gradient-descent");
    if (c.choices.empty()) c.choices.push_back("neither");
    return c;
}

std::vector<Computation> makeComputations()
{
    return {
        {"count-equivalent",
         "prod n_i! (times 2^n_i for tanh and sigmoid): networks equivalent by permuting (and sign-flipping) hidden units",
         {"widths", "width", "layers", "activation"}, countEquivalentRun},
        {"gd-converges", "\"converges\" if 0 < lr * lambda < 2 for every eigenvalue, \"bounces\" if the largest is exactly 2, else \"diverges\"",
         {"lr", "eigenvalues"}, gdConvergesRun},
        {"best-fixed-rate", "2 / (lambda_min + lambda_max), the best fixed learning rate on a quadratic",
         {"lambda_min", "lambda_max"}, bestRateRun},
        {"best-contraction", "(kappa - 1)/(kappa + 1), the error factor per step at the best fixed rate",
         {"lambda_min", "lambda_max"}, contractionRun},
        {"critical-point-kind", "minimum, maximum, saddle or undecided: the second-derivative test on the Hessian [[a, b], [b, c]]",
         {"a", "b", "c"}, criticalPointKind},
        {"gd-destination", "option id of the minimum gradient descent reaches from (x, y): m1, m2, ..., diverged or none",
         {"surface", "x", "y", "lr", "steps"}, gdDestination},
        {"basin-share", "share of an N x N grid of starts whose gradient descent ends at the given (1-based) minimum",
         {"surface", "lr", "minimum", "grid", "steps"}, basinShare},
        {"loss-minima-count", "number of local minima of the three-minima loss with from <= w <= to",
         {"shallow", "deep", "global", "from", "to"}, lossMinimaCount},
        {"descent-angle", "degrees between -grad f and the way to the minimum of 1/2 (a x^2 + c y^2) at (x, y)",
         {"a", "c", "x", "y"}, descentAngle},
        {"heavy-ball-converges", "option ids among \"momentum\" and \"gradient-descent\" of the methods that converge at lr (and beta), else \"neither\"",
         {"lr", "beta", "eigenvalues"}, heavyBallConverges},
    };
}

} // namespace

std::string Computed::answerText() const
{
    switch (kind) {
    case Kind::Exact: return exact;
    case Kind::Real: return answers::shortestDecimal(real);
    case Kind::Choices: {
        std::string out;
        for (const std::string& c : choices) out += (out.empty() ? "" : ", ") + c;
        return out;
    }
    }
    return {};
}

const std::vector<Computation>& computations()
{
    static const std::vector<Computation> all = makeComputations();
    return all;
}

const Computation* findComputation(std::string_view name)
{
    for (const Computation& c : computations())
        if (c.name == name) return &c;
    return nullptr;
}

Computed compute(std::string_view name, const Arguments& args)
{
    const Computation* c = findComputation(name);
    if (!c) throw ComputationError("unknown computation \"" + std::string(name) + "\"");
    try {
        return c->run(args);
    } catch (const ComputationError&) {
        throw;
    } catch (const std::exception& e) {
        throw ComputationError(std::string(name) + ": " + e.what());
    }
}

std::string countEquivalent(const std::vector<long>& widths, std::string_view activation)
{
    const std::optional<Activation> f = activationFromName(activation);
    if (!f)
        throw ComputationError("argument \"activation\" must be relu, leaky-relu, tanh, sigmoid or linear, not \""
                               + std::string(activation) + "\"");
    std::vector<int> w;
    for (long n : widths) {
        if (n < 1 || n > 10000) throw ComputationError("a layer width must be from 1 to 10000");
        w.push_back(int(n));
    }
    // The symmetry part's group: sign flips for tanh and sigmoid.
    try {
        return countEquivalentNetworks(w, *f).decimal;
    } catch (const std::exception& e) {
        throw ComputationError(e.what());
    }
}

} // namespace minima::exercises
