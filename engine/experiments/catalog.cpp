#include "engine/experiments/catalog.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace minima {

// Each experiment's adapter lives beside the experiment (engine/experiments/<name>.cpp)
// and is listed here once, in the order `minima run --help` shows them.
// The declarations below are defined in those files.
//   ExperimentInfo optimizeExperiment(); ...
ExperimentInfo depthExperiment(), pretrainingExperiment(), recipesExperiment();   // depth.cpp
ExperimentInfo optimizeExperiment();
ExperimentInfo basinsExperiment();
ExperimentInfo escapeExperiment();
ExperimentInfo convexityExperiment();
ExperimentInfo landscapeExperiment();
ExperimentInfo interpolateExperiment();
ExperimentInfo permutationsExperiment();
ExperimentInfo rescaleExperiment();
ExperimentInfo alignExperiment();
ExperimentInfo startToSolutionExperiment();   // spuriousline.cpp
ExperimentInfo saddlesExperiment();
ExperimentInfo goeExperiment();               // randomhessians.cpp
ExperimentInfo criticalPointsExperiment();    // networkcritical.cpp
ExperimentInfo steepestExperiment();
ExperimentInfo momentumNoiseExperiment();     // momentumnoise.cpp
ExperimentInfo heavyBallExperiment();         // heavyball.cpp
ExperimentInfo newtonStepExperiment();        // newtonstep.cpp
ExperimentInfo conjugateExperiment();         // conjugate.cpp
ExperimentInfo bfgsPathExperiment(), lbfgsMemoryExperiment(), fullBatchExperiment();   // quasinewton.cpp
ExperimentInfo perParameterExperimentInfo();  // perparameter.cpp
ExperimentInfo biasCorrectionExperiment();    // biascorrection.cpp
ExperimentInfo raceExperiment(), raceTableExperiment();   // race.cpp

static std::vector<ExperimentInfo> makeCatalog()
{
    std::vector<ExperimentInfo> list;
    for (auto* e : {depthExperiment, pretrainingExperiment, recipesExperiment}) list.push_back(e());
    list.push_back(optimizeExperiment());
    list.push_back(basinsExperiment());
    list.push_back(escapeExperiment());
    list.push_back(convexityExperiment());
    list.push_back(landscapeExperiment());
    list.push_back(interpolateExperiment());
    list.push_back(permutationsExperiment());
    list.push_back(rescaleExperiment());
    list.push_back(alignExperiment());
    list.push_back(startToSolutionExperiment());
    list.push_back(saddlesExperiment());
    list.push_back(goeExperiment());
    list.push_back(criticalPointsExperiment());
    list.push_back(steepestExperiment());
    list.push_back(momentumNoiseExperiment());
    list.push_back(heavyBallExperiment());
    list.push_back(newtonStepExperiment());
    list.push_back(conjugateExperiment());
    list.push_back(bfgsPathExperiment());
    list.push_back(lbfgsMemoryExperiment());
    list.push_back(fullBatchExperiment());
    list.push_back(perParameterExperimentInfo());
    list.push_back(biasCorrectionExperiment());
    list.push_back(raceExperiment());
    list.push_back(raceTableExperiment());
    return list;
}

const std::vector<ExperimentInfo>& experiments()
{
    static const std::vector<ExperimentInfo> catalog = makeCatalog();
    return catalog;
}

const ExperimentInfo* findExperiment(const std::string& name)
{
    for (const auto& e : experiments())
        if (e.name == name) return &e;
    return nullptr;
}

std::string experimentHelp(const ExperimentInfo& info)
{
    std::ostringstream out;
    out << "minima run " << info.name << " [--set key=value ...] [--seed N]\n" << info.summary << "\n\nKeys:\n";
    for (const auto& k : info.keys)
        out << "  " << k.name << " (default " << (k.defaultValue.empty() ? "none" : k.defaultValue) << "): " << k.help << "\n";
    return out.str();
}

static std::map<std::string, std::string> completed(const ExperimentInfo& info, const std::map<std::string, std::string>& settings)
{
    std::map<std::string, std::string> full;
    for (const auto& k : info.keys) full[k.name] = k.defaultValue;
    for (const auto& [key, value] : settings) {
        if (!full.count(key)) throw ParameterError("unknown key '" + key + "' for experiment '" + info.name + "'");
        full[key] = value;
    }
    return full;
}

static double number(const std::map<std::string, std::string>& s, const std::string& key, double fallback = 1.0)
{
    const auto it = s.find(key);
    if (it == s.end() || it->second.empty()) return fallback;
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    return std::isfinite(v) && v > 0 ? v : fallback;
}

// The numbers of a comma-separated list ("2,16,16,1"), each at least 1.
static std::vector<double> numberList(const std::string& text)
{
    std::vector<double> list;
    std::string cur;
    for (char c : text + ",") {
        if (c == ',') {
            if (!cur.empty()) list.push_back(std::max(1.0, std::strtod(cur.c_str(), nullptr)));
            cur.clear();
        } else if (c != ' ') {
            cur += c;
        }
    }
    return list;
}

// Weights of a network given as a widths list ("2,16,16,1"), or as width x depth.
static double weights(const std::map<std::string, std::string>& s)
{
    const auto it = s.find("widths");
    if (it == s.end()) {
        const double w = number(s, "width", 16);
        const double d = number(s, "depth", number(s, "max-depth", 1));
        return 2 * w + w * w * std::max(0.0, d - 1) + w;
    }
    const std::vector<double> widths = numberList(it->second);
    double total = 0;
    for (std::size_t i = 1; i < widths.size(); ++i) total += widths[i - 1] * widths[i] + widths[i];
    return std::max(1.0, total);
}

double estimateExperimentWork(const ExperimentInfo& info, const std::map<std::string, std::string>& settings)
{
    const auto s = completed(info, settings);
    const std::string& n = info.name;
    const double samples = number(s, "samples", 200);
    const double epochs = number(s, "epochs", 0) + 1;
    if (n == "depth") {
        const double lo = number(s, "min-depth", 1), hi = std::max(lo, number(s, "max-depth", 8));
        const double w = number(s, "width", 16);
        return samples * epochs * w * w * (hi * (hi + 1) - (lo - 1) * lo) / 2;
    }
    if (n == "pretraining") return samples * (epochs + number(s, "pretrain-epochs", 0) * number(s, "depth", 5)) * weights(s) * 2;
    if (n == "recipes") return samples * epochs * weights(s) * 4;
    if (n == "optimize") return number(s, "steps", 500) + 1;
    if (n == "basins") return number(s, "grid", 64) * number(s, "grid", 64) * (number(s, "steps", 1000) + 1);
    if (n == "escape") {
        double perStep = 0;
        for (double b : numberList(s.at("batches"))) perStep += std::min(b, samples);
        return 2 * std::max(1.0, perStep) * number(s, "runs", 200) * (number(s, "steps", 2000) + 1);
    }
    if (n == "momentum-noise") {
        // The escape measurement twice: plain SGD and momentum, on the same draws.
        double perStep = 0;
        for (double b : numberList(s.at("batches"))) perStep += std::min(b, samples);
        return 4 * std::max(1.0, perStep) * number(s, "runs", 200) * (number(s, "steps", 2000) + 1);
    }
    if (n == "convexity") return number(s, "chords", 20000);
    if (n == "landscape") return samples * weights(s) * (epochs + number(s, "grid", 51) * number(s, "grid", 51));
    if (n == "interpolate") return samples * weights(s) * (epochs * 2 + number(s, "points", 61));
    if (n == "rescale") return samples * weights(s) * epochs;
    if (n == "goe-minima") {
        // Per matrix d normal draws for its diagonal; only the 2^-d with a positive diagonal
        // draw the rest (d^2 / 2) and are factorised (d^3 / 6).
        double perSample = 0;
        for (double d = number(s, "min-d", 1); d <= number(s, "max-d", 12); ++d)
            perSample += 150 * d + std::exp2(-d) * (75 * d * d + d * d * d / 6);
        return number(s, "samples", 20000) * perSample;
    }
    if (n == "critical-points") {
        // Per Levenberg-Marquardt step one exact Hessian (P products on the data) and a P x P solve.
        const double P = 4 * number(s, "hidden", 3) + 1, points = s.at("dataset") == "moons" ? 8 : 4;
        return number(s, "starts", 300) * number(s, "iterations", 300) * (P * P * points * 4 + P * P * P);
    }
    if (n == "align") {
        // Two trainings and two paths per seed pair and width; inputs 2, output 1.
        const double layers = number(s, "layers", 1);
        double perPair = 0;
        for (double w : numberList(s.at("widths"))) perPair += 3 * w + (layers - 1) * (w * w + w) + w + 1;
        return samples * perPair * number(s, "pairs", 8) * (epochs * 2 + number(s, "points", 21) * 2);
    }
    if (n == "start-to-solution") {
        // The 1,797 digits through a 64-w-...-w-10 network: training (forward, backward and the
        // epoch's loss, about 4 passes), the line (train and test sets at each alpha) and the slice.
        const double w = number(s, "width", 32), d = number(s, "depth", 1), grid = number(s, "grid", 31);
        const double net = 64 * w + w + (d - 1) * (w * w + w) + 10 * w + 10;
        return 1797 * net * (4 * number(s, "epochs", 20) + number(s, "points", 101) + 0.8 * grid * grid);
    }
    if (n == "saddles") {
        // Four runs of `steps`, and gradient descent from each of `points` starts (0, y0) until
        // it leaves R: at most log(R/from)/log(1 + 2 lr) steps each.
        const double lr = number(s, "lr", 0.05), from = number(s, "from", 1e-12), radius = number(s, "radius", 1);
        return 4 * (number(s, "steps", 100) + 1)
               + number(s, "points", 23) * (std::max(0.0, std::log(radius / from)) / std::log1p(2 * lr) + 1);
    }
    if (n == "steepest") return number(s, "steps", 50) + 1;   // one line-search step each
    if (n == "per-parameter") return 3 * number(s, "steps", 2000) + 1;   // three methods' steps on a 2-D bowl
    // Newton's steps on a 2-D surface (a 2 x 2 solve each), the model's contours and the table.
    if (n == "newton-step") return number(s, "steps", 20) + 1;
    if (n == "heavy-ball") {
        // Two measured runs (momentum and gradient descent) of `steps` on a 2-D bowl.
        return 2 * number(s, "steps", 20000);
    }
    if (n == "conjugate") {
        // The n x n matrix (a QR of n^3 and a product of n^3), CG's and steepest descent's
        // matrix-vector products (n^2 each), and nonlinear CG's steps on Rosenbrock (a line search of a few trials each).
        const double d = number(s, "n", 100);
        return 2 * d * d * d + d * d * (10 * d + number(s, "sd-steps", 2000)) + 20 * number(s, "cg-steps", 5000);
    }
    if (n == "bfgs-path") return 20 * (number(s, "steps", 200) + 1);   // a 2-D step: a line search and a 2x2 update
    if (n == "lbfgs-memory") {
        // Per memory m a run of at most `steps`, each step a line search (a few gradients of n) and the two-loop
        // recursion (4 m n); full BFGS beside it (n^2 per step).
        const double dim = s.at("problem").find("rosenbrock-") == 0 || s.at("problem").find("-rosenbrock") != std::string::npos
                              ? number(s, "n", 100) : 2;
        const double lo = number(s, "min-memory", 1), hi = std::max(lo, number(s, "max-memory", 20));
        const double steps = std::min(number(s, "steps", 20000), 50 * dim + 200);
        return steps * ((hi - lo + 1) * dim * (10 + 2 * (lo + hi)) + dim * dim);
    }
    if (n == "full-batch") return 4 * 1797 * 4 * weights(s) * number(s, "evaluations", 300);   // four methods, a pass each way
    if (n == "bias-correction") return 2 * (number(s, "streams", 2000) + 1) * number(s, "steps", 50);   // two updates per step
    // The grid (6 optimizers at every rate, L-BFGS once, a few evaluations per iteration) of
    // `steps` each, per problem; the table adds every racer from every seed's start.
    if (n == "race" || n == "race-table") {
        const double decades = std::log10(std::max(1.0, number(s, "max-rate", 3) / number(s, "min-rate", 1e-4)));
        const double grid = (6 * (decades * number(s, "rates-per-decade", 4) + 1) + 5) * number(s, "steps", 1000);
        if (n == "race") return grid;
        return 6 * (grid + 12 * number(s, "seeds", 5) * number(s, "steps", 1000));
    }
    if (n == "permutations") {
        // Every arrangement (prod n_i!, times 2^n_i with flips, of the hidden layers; at most
        // 5,000,000 by its own check) on every input.
        double arrangements = 1;
        const std::vector<double> widths = numberList(s.at("widths"));
        for (std::size_t i = 1; i + 1 < widths.size() && arrangements < 5e6; ++i) {
            for (double k = 2; k <= widths[i] && arrangements < 5e6; ++k) arrangements *= k;
            if (s.at("flips") == "true") arrangements *= std::pow(2.0, std::min(widths[i], 64.0));
        }
        return number(s, "inputs", 256) * weights(s) * std::min(arrangements, 5e6);
    }
    return 0;
}

std::string runExperiment(const ExperimentInfo& info, const std::map<std::string, std::string>& settings,
                          std::uint64_t seed, Progress& progress)
{
    return info.run(completed(info, settings), seed, progress);
}

} // namespace minima
