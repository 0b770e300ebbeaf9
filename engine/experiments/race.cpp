#include "engine/experiments/race.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include "engine/common/json.h"
#include "engine/common/parallel.h"
#include "engine/common/random.h"
#include "engine/experiments/params.h"
#include "engine/optim/optimizer.h"
#include "engine/optim/secondorder.h"
#include "engine/surfaces/analytic.h"

namespace minima {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kBowlSteep = 25.0;            // the bowls' eigenvalues are 1 and 25
constexpr double kRotation = kPi / 4;          // the rotated bowl's eigenvectors, 45 degrees
constexpr double kLbfgsGradientTolerance = 1e-12;

const std::array<RaceProblem, kRaceProblems> kProblems = {RaceProblem::Bowl,       RaceProblem::RotatedBowl,
                                                          RaceProblem::Rosenbrock, RaceProblem::Beale,
                                                          RaceProblem::Himmelblau, RaceProblem::Saddle};

double floored(double loss) { return std::max(loss, kRaceLossFloor); }

// Steps to the tolerance as a sortable number: not reached is +inf.
double stepsKey(int steps) { return steps < 0 ? std::numeric_limits<double>::infinity() : double(steps); }

} // namespace

std::vector<KnownPoint> SaddleWells::knownPoints() const
{
    const double r = std::sqrt(2.0);
    return {{Point2(0, r), 0.0, PointKind::Minimum, true},
            {Point2(0, -r), 0.0, PointKind::Minimum, true},
            {Point2::Zero(), 1.0, PointKind::Saddle, false}};
}

const std::vector<std::string>& raceProblemKeys()
{
    static const std::vector<std::string> keys = {"bowl", "rotated-bowl", "rosenbrock", "beale", "himmelblau", "saddle"};
    return keys;
}

RaceProblem raceProblemFromKey(const std::string& key)
{
    const auto& keys = raceProblemKeys();
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return kProblems[i];
    throw std::invalid_argument("unknown problem '" + key + "'");
}

std::string raceProblemKey(RaceProblem problem) { return raceProblemKeys()[std::size_t(problem)]; }

std::string raceProblemName(RaceProblem problem)
{
    static const char* names[] = {"bowl", "rotated bowl", "Rosenbrock", "Beale", "Himmelblau", "saddle"};
    return names[int(problem)];
}

std::unique_ptr<Surface> raceSurface(RaceProblem problem)
{
    switch (problem) {
    case RaceProblem::Bowl: return std::make_unique<QuadraticBowl>(1.0, kBowlSteep, 0.0);
    case RaceProblem::RotatedBowl: return std::make_unique<QuadraticBowl>(1.0, kBowlSteep, kRotation);
    case RaceProblem::Rosenbrock: return std::make_unique<Rosenbrock>();
    case RaceProblem::Beale: return std::make_unique<Beale>();
    case RaceProblem::Himmelblau: return std::make_unique<Himmelblau>();
    case RaceProblem::Saddle: return std::make_unique<SaddleWells>();
    }
    throw std::invalid_argument("unknown problem");
}

Point2 raceStart(RaceProblem problem) { return raceSurface(problem)->defaultStart(); }

std::string racerName(int racer)
{
    static const char* names[] = {"gradient descent", "momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "L-BFGS"};
    if (racer < 0 || racer >= kRacers) throw std::invalid_argument("no such racer");
    return names[racer];
}

std::string racerKey(int racer)
{
    if (racer == kLbfgs) return "lbfgs";
    if (racer < 0 || racer >= kRacers) throw std::invalid_argument("no such racer");
    return optimizerKeys()[std::size_t(racer)];
}

void RaceSettings::validate() const
{
    if (steps < 1 || steps > 100000) throw std::invalid_argument("steps must be in [1, 100000]");
    if (!(minRate >= 1e-8 && minRate <= 100)) throw std::invalid_argument("min-rate must be in [1e-8, 100]");
    if (!(maxRate >= minRate && maxRate <= 100)) throw std::invalid_argument("max-rate must be in [min-rate, 100]");
    if (ratesPerDecade < 1 || ratesPerDecade > 20) throw std::invalid_argument("rates-per-decade must be in [1, 20]");
    if (!(tolerance > 0 && tolerance < 1)) throw std::invalid_argument("tolerance must be in (0, 1)");
    if (!(momentum >= 0 && momentum < 1)) throw std::invalid_argument("momentum must be in [0, 1)");
    if (std::log10(maxRate / minRate) * ratesPerDecade > 399)
        throw std::invalid_argument("the grid holds at most 400 rates: narrow the range or take fewer per decade");
}

std::vector<double> raceRates(const RaceSettings& settings)
{
    settings.validate();
    const int last = int(std::lround(std::log10(settings.maxRate / settings.minRate) * settings.ratesPerDecade));
    std::vector<double> rates;
    rates.reserve(std::size_t(last) + 1);
    for (int k = 0; k <= last; ++k) rates.push_back(settings.minRate * std::pow(10.0, double(k) / settings.ratesPerDecade));
    return rates;
}

RacerRun runRacer(const Surface& surface, int racer, double rate, const Point2& start, const RaceSettings& settings,
                  bool record, bool stopAtTolerance, Progress& progress)
{
    settings.validate();
    if (racer < 0 || racer >= kRacers) throw std::invalid_argument("no such racer");
    if (!start.allFinite()) throw std::invalid_argument("the start must be finite");
    RacerRun out;
    out.racer = racer;
    out.rate = racer == kLbfgs ? 0.0 : rate;
    RunSettings rs;
    rs.maxSteps = settings.steps;
    rs.record = record;
    const double tol = settings.tolerance;
    int reachedAt = surface.value(start) < tol ? 0 : -1;
    if (racer == kLbfgs) {
        rs.gradientTolerance = kLbfgsGradientTolerance;
        SecondOrderSettings so;
        so.method = SecondOrderMethod::Lbfgs;
        RunObserver<Eigen::VectorXd> observer = [&](int step, const Eigen::VectorXd&, double loss) {
            if (reachedAt < 0 && loss < tol) reachedAt = step;
            return stopAtTolerance && reachedAt >= 0;
        };
        if (stopAtTolerance && reachedAt == 0) rs.maxSteps = 0;
        SecondOrderRun r = runSecondOrder(so, surfaceObjective(surface), Eigen::VectorXd(start), rs, observer, progress);
        out.status = r.run.status;
        out.steps = r.run.steps;
        out.divergedAtStep = r.run.divergedAtStep;
        out.finalLoss = r.run.finalLoss;
        out.evaluations = r.gradientEvaluations;
        if (record) {
            out.points.reserve(r.run.points.size());
            for (const Eigen::VectorXd& p : r.run.points) out.points.emplace_back(p.x(), p.y());
            out.losses = r.run.losses;
        }
    } else {
        if (!(rate > 0 && std::isfinite(rate))) throw std::invalid_argument("the learning rate must be positive");
        rs.gradientTolerance = 0;   // the whole budget: the loss, not the gradient, says when it is done
        OptimizerSettings os;
        os.kind = OptimizerKind(racer);
        os.learningRate = rate;
        os.momentum = settings.momentum;
        Optimizer<Eigen::Vector2d> opt(os, 2);
        RunObserver<Eigen::Vector2d> observer = [&](int step, const Eigen::Vector2d&, double loss) {
            if (reachedAt < 0 && loss < tol) reachedAt = step;
            return stopAtTolerance && reachedAt >= 0;
        };
        if (stopAtTolerance && reachedAt == 0) rs.maxSteps = 0;
        auto value = [&surface](const Eigen::Vector2d& x) { return surface.value(x); };
        auto gradient = [&surface](const Eigen::Vector2d& x, Eigen::Vector2d& g) { g = surface.gradient(x); };
        RunResult<Eigen::Vector2d> r = runOptimizer(opt, value, gradient, Eigen::Vector2d(start), rs, observer, progress);
        out.status = r.status;
        out.steps = r.steps;
        out.divergedAtStep = r.divergedAtStep;
        out.finalLoss = r.finalLoss;
        out.evaluations = r.steps + (r.status == RunStatus::Diverged ? 1 : 0);
        if (record) {
            out.points = std::move(r.points);
            out.losses = std::move(r.losses);
        }
    }
    out.diverged = out.status == RunStatus::Diverged;
    out.stepsToTolerance = reachedAt;
    if (!std::isfinite(out.finalLoss)) {   // a start where f is not finite: nothing to compare
        out.diverged = true;
        out.finalLoss = 0;
    }
    return out;
}

bool raceBetter(const RacerRun& a, const RacerRun& b)
{
    if (a.diverged != b.diverged) return !a.diverged;
    const double fa = floored(a.finalLoss), fb = floored(b.finalLoss);
    if (fa != fb) return fa < fb;
    return stepsKey(a.stepsToTolerance) < stepsKey(b.stepsToTolerance);
}

namespace {

// The grid for one problem from one start: every first-order racer at every rate, and L-BFGS once.
// Item i < 6 n is racer i / n at rate i % n; item 6 n is L-BFGS.
struct Grid {
    std::vector<RacerRun> runs;
};

void pickBest(const std::vector<double>& rates, const std::vector<RacerRun>& runs, std::array<RaceCurve, kRacers>& curves)
{
    const std::size_t n = rates.size();
    for (int r = 0; r < kRacers; ++r) {
        RaceCurve& c = curves[std::size_t(r)];
        c = RaceCurve{};
        c.racer = r;
        const std::size_t count = r == kLbfgs ? 1 : n;
        const std::size_t base = std::size_t(r) * n;
        for (std::size_t k = 0; k < count; ++k) {
            const RacerRun& run = runs[base + k];
            c.finalLosses.push_back(run.finalLoss);
            c.diverged.push_back(run.diverged ? 1 : 0);
            c.stepsToTolerance.push_back(run.stepsToTolerance);
            if (run.diverged) continue;
            // Strictly better only: a tie keeps the smaller rate.
            if (c.best < 0 || raceBetter(run, runs[base + std::size_t(c.best)])) c.best = int(k);
        }
        c.bestRate = r == kLbfgs ? 0.0 : (c.best >= 0 ? rates[std::size_t(c.best)] : 0.0);
    }
}

// Runs the grid of one problem into `runs` (6 n + 1 entries), items [from, from + 6n + 1) of a
// parallelFor that the caller splits.
void gridItem(const Surface& surface, const Point2& start, const RaceSettings& settings, const std::vector<double>& rates,
              std::size_t item, RacerRun& out)
{
    const std::size_t n = rates.size();
    const int racer = item >= 6 * n ? kLbfgs : int(item / n);
    const double rate = racer == kLbfgs ? 0.0 : rates[item % n];
    out = runRacer(surface, racer, rate, start, settings, false, false);
}

} // namespace

RaceResult runRace(RaceProblem problem, const Point2& start, const RaceSettings& settings, Progress& progress,
                   unsigned threads, double from, double to)
{
    auto part = [&](double a, double b) { progress.setPart(from + (to - from) * a, from + (to - from) * b); };
    settings.validate();
    if (!start.allFinite()) throw std::invalid_argument("the start must be finite");
    const std::unique_ptr<Surface> surface = raceSurface(problem);
    RaceResult result;
    result.problem = problem;
    result.start = start;
    result.rates = raceRates(settings);
    const std::size_t n = result.rates.size(), items = 6 * n + 1;
    std::vector<RacerRun> runs(kRacers * n);   // L-BFGS's one run sits at 6 n
    part(0.0, 0.9);
    const bool done = parallelFor(
        items, [&](std::size_t i) { gridItem(*surface, start, settings, result.rates, i, runs[i]); }, progress, threads);
    if (!done) {
        result.cancelled = true;
        return result;
    }
    pickBest(result.rates, runs, result.curves);
    part(0.9, 1.0);
    const bool recorded = parallelFor(
        kRacers,
        [&](std::size_t r) {
            const RaceCurve& c = result.curves[r];
            const double rate = int(r) == kLbfgs ? 0.0 : (c.best >= 0 ? c.bestRate : result.rates.front());
            result.runs[r] = runRacer(*surface, int(r), rate, start, settings, true, false);
        },
        progress, threads);
    result.cancelled = !recorded;
    part(1.0, 1.0);
    return result;
}

void RaceTableSettings::validate() const
{
    race.validate();
    if (seeds < 1 || seeds > 100) throw std::invalid_argument("seeds must be in [1, 100]");
    if (!(spread >= 0 && spread <= 2)) throw std::invalid_argument("spread must be in [0, 2]");
}

Point2 raceSeedStart(RaceProblem problem, std::uint64_t seed, int s, double spread)
{
    Rng rng = makeRng(seed, std::uint64_t(int(problem)) * 1000 + std::uint64_t(s));
    const double dx = normal01(rng), dy = normal01(rng);
    return raceStart(problem) + spread * Point2(dx, dy);
}

RaceTable runRaceTable(const RaceTableSettings& settings, std::uint64_t seed, Progress& progress, unsigned threads,
                       double from, double to)
{
    auto part = [&](double a, double b) { progress.setPart(from + (to - from) * a, from + (to - from) * b); };
    settings.validate();
    RaceTable table;
    table.seeds = settings.seeds;
    const std::vector<double> rates = raceRates(settings.race);
    const std::size_t n = rates.size(), perGrid = 6 * n + 1;
    std::array<std::unique_ptr<Surface>, kRaceProblems> surfaces;
    std::array<Point2, kRaceProblems> origins;
    for (int p = 0; p < kRaceProblems; ++p) {
        surfaces[std::size_t(p)] = raceSurface(kProblems[std::size_t(p)]);
        origins[std::size_t(p)] = surfaces[std::size_t(p)]->defaultStart();
        for (int s = 0; s < settings.seeds; ++s)
            table.starts[std::size_t(p)].push_back(raceSeedStart(kProblems[std::size_t(p)], seed, s, settings.spread));
    }

    // 1. The grid of every problem from its own start.
    std::vector<RacerRun> gridRuns(std::size_t(kRaceProblems) * kRacers * n);
    part(0.0, 0.5);
    if (!parallelFor(
            std::size_t(kRaceProblems) * perGrid,
            [&](std::size_t i) {
                const std::size_t p = i / perGrid, item = i % perGrid;
                gridItem(*surfaces[p], origins[p], settings.race, rates, item, gridRuns[p * kRacers * n + item]);
            },
            progress, threads)) {
        table.cancelled = true;
        return table;
    }
    std::array<std::array<RaceCurve, kRacers>, kRaceProblems> curves;
    for (std::size_t p = 0; p < kRaceProblems; ++p) {
        const std::vector<RacerRun> runs(gridRuns.begin() + std::ptrdiff_t(p * kRacers * n),
                                         gridRuns.begin() + std::ptrdiff_t((p + 1) * kRacers * n));
        pickBest(rates, runs, curves[p]);
    }

    // 2. Every racer at its rate from every seed's start, stopping at the tolerance.
    const std::size_t seeds = std::size_t(settings.seeds);
    std::vector<int> steps(std::size_t(kRaceProblems) * kRacers * seeds, -1);
    part(0.5, 1.0);
    if (!parallelFor(
            steps.size(),
            [&](std::size_t i) {
                const std::size_t p = i / (kRacers * seeds), r = (i / seeds) % kRacers, s = i % seeds;
                const RaceCurve& c = curves[p][r];
                if (int(r) != kLbfgs && c.best < 0) return;   // no rate: not reached
                const RacerRun run = runRacer(*surfaces[p], int(r), c.bestRate, table.starts[p][s], settings.race, false, true);
                steps[i] = run.diverged ? -1 : run.stepsToTolerance;
            },
            progress, threads)) {
        table.cancelled = true;
        return table;
    }
    for (std::size_t p = 0; p < kRaceProblems; ++p) {
        double bestMedian = std::numeric_limits<double>::infinity();
        for (std::size_t r = 0; r < kRacers; ++r) {
            RaceCell& cell = table.cells[r][p];
            cell.rate = curves[p][r].bestRate;
            cell.noRate = int(r) != kLbfgs && curves[p][r].best < 0;
            std::vector<double> keys;
            for (std::size_t s = 0; s < seeds; ++s) {
                const int v = steps[(p * kRacers + r) * seeds + s];
                cell.steps.push_back(v);
                if (v >= 0) ++cell.reached;
                keys.push_back(stepsKey(v));
            }
            std::sort(keys.begin(), keys.end());
            const std::size_t m = keys.size();
            cell.median = m % 2 ? keys[m / 2] : 0.5 * (keys[m / 2 - 1] + keys[m / 2]);
            bestMedian = std::min(bestMedian, cell.median);
        }
        double bestFirst = std::numeric_limits<double>::infinity();
        for (std::size_t r = 0; r < kLbfgs; ++r) bestFirst = std::min(bestFirst, table.cells[r][p].median);
        if (std::isfinite(bestFirst))
            for (std::size_t r = 0; r < kLbfgs; ++r)
                if (table.cells[r][p].median == bestFirst) {
                    table.cells[r][p].bestFirstOrder = true;
                    table.firstOrderWinners[p].push_back(int(r));
                }
        if (std::isfinite(bestMedian))
            for (std::size_t r = 0; r < kRacers; ++r)
                if (table.cells[r][p].median == bestMedian) {
                    table.cells[r][p].best = true;
                    table.winners[p].push_back(int(r));
                }
    }
    part(1.0, 1.0);
    return table;
}

void RaceParams::validate() const
{
    race.validate();
    raceProblemFromKey(problem);
    if (ownStart && (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 100 || std::abs(y) > 100))
        throw std::invalid_argument("x and y must be finite, at most 100 in size");
}

namespace {

template <typename P, typename Member>
ParamList<P>& raceKeys(ParamList<P>& list, Member race)
{
    list.integer("steps", [race](auto& p) -> auto& { return std::invoke(race, p).steps; }, 1, 100000,
                 "steps per run (iterations for L-BFGS), 1..100000")
        .real("min-rate", [race](auto& p) -> auto& { return std::invoke(race, p).minRate; },
              "the grid's smallest learning rate, in [1e-8, 100]")
        .real("max-rate", [race](auto& p) -> auto& { return std::invoke(race, p).maxRate; },
              "the grid's largest learning rate, in [min-rate, 100]")
        .integer("rates-per-decade", [race](auto& p) -> auto& { return std::invoke(race, p).ratesPerDecade; }, 1, 20,
                 "learning rates per factor of 10, 1..20")
        .real("tolerance", [race](auto& p) -> auto& { return std::invoke(race, p).tolerance; },
              "reached when f - f* falls below it, in (0, 1)")
        .real("momentum", [race](auto& p) -> auto& { return std::invoke(race, p).momentum; },
              "beta of momentum and Nesterov, in [0, 1)");
    return list;
}

void writeNumberOrNull(JsonWriter& j, double v)
{
    if (std::isfinite(v)) j.value(v);
    else j.null();
}

} // namespace

ExperimentInfo raceExperiment()
{
    ParamList<RaceParams> params;
    params.choice("problem", &RaceParams::problem, raceProblemKeys(),
                  "bowl | rotated-bowl | rosenbrock | beale | himmelblau | saddle")
        .flag("own-start", &RaceParams::ownStart, "true", "false", "start at (x, y) instead of the problem's start")
        .real("x", &RaceParams::x, "start x (with own-start=true)")
        .real("y", &RaceParams::y, "start y (with own-start=true)");
    raceKeys(params, &RaceParams::race);
    return declareExperiment(
        "race",
        "Every optimizer (gd, momentum, nesterov, adagrad, rmsprop, adam, L-BFGS) from one start on one surface: the "
        "final loss after `steps` steps at every learning rate of a log grid, the rate with the lowest, and each "
        "racer's path at its rate",
        std::move(params), {"problem", "steps", "tolerance"},
        [](JsonWriter& j, RaceParams& p, std::uint64_t, Progress& progress) {
            asParameterError([&] { p.validate(); return 0; });
            const RaceProblem problem = raceProblemFromKey(p.problem);
            const Point2 start = p.ownStart ? Point2(p.x, p.y) : raceStart(problem);
            const RaceResult r = runRace(problem, start, p.race, progress);
            j.key("start").beginArray().value(start.x()).value(start.y()).endArray();
            j.key("rates").numbers(r.rates);
            j.key("lossFloor").value(kRaceLossFloor);
            j.key("racers").beginArray();
            for (int k = 0; k < kRacers; ++k) {
                const RaceCurve& c = r.curves[std::size_t(k)];
                const RacerRun& run = r.runs[std::size_t(k)];
                j.beginObject();
                j.key("racer").value(racerKey(k));
                j.key("finalLosses").beginArray();
                for (std::size_t i = 0; i < c.finalLosses.size(); ++i) {
                    if (c.diverged[i]) j.null();
                    else writeNumberOrNull(j, c.finalLosses[i]);
                }
                j.endArray();
                j.key("bestRate");
                if (k == kLbfgs || c.best < 0) j.null();
                else j.value(c.bestRate);
                j.key("finalLoss").value(run.finalLoss);
                j.key("diverged").value(run.diverged);
                j.key("stepsToTolerance").value(run.stepsToTolerance);
                j.key("gradientEvaluations").value(run.evaluations);
                j.key("end").beginArray().value(run.points.empty() ? start.x() : run.points.back().x())
                    .value(run.points.empty() ? start.y() : run.points.back().y()).endArray();
                j.endObject();
            }
            j.endArray();
        });
}

ExperimentInfo raceTableExperiment()
{
    ParamList<RaceTableParams> params;
    raceKeys(params, [](auto& p) -> auto& { return p.table.race; });
    params.integer("seeds", [](auto& p) -> auto& { return p.table.seeds; }, 1, 100, "starts per problem, 1..100 (from --seed)")
        .real("spread", [](auto& p) -> auto& { return p.table.spread; },
              "each start is the problem's start plus spread * N(0, I), in [0, 2]");
    return declareExperiment(
        "race-table",
        "Steps to the tolerance for every optimizer on the bowl, the rotated bowl, Rosenbrock, Beale, Himmelblau and "
        "a saddle, each at its grid's best rate, median over seeds that perturb the start (after Schaul, Antonoglou & "
        "Silver 2014)",
        std::move(params), {"steps", "tolerance", "seeds", "spread"},
        [](JsonWriter& j, RaceTableParams& p, std::uint64_t seed, Progress& progress) {
            asParameterError([&] { p.validate(); return 0; });
            const RaceTable t = runRaceTable(p.table, seed, progress);
            j.key("problems").beginArray();
            for (int q = 0; q < kRaceProblems; ++q) j.value(raceProblemKeys()[std::size_t(q)]);
            j.endArray();
            j.key("rows").beginArray();
            for (int r = 0; r < kRacers; ++r) {
                j.beginObject();
                j.key("racer").value(racerKey(r));
                j.key("cells").beginArray();
                for (int q = 0; q < kRaceProblems; ++q) {
                    const RaceCell& c = t.cells[std::size_t(r)][std::size_t(q)];
                    j.beginObject();
                    j.key("rate");
                    if (r == kLbfgs || c.noRate) j.null();
                    else j.value(c.rate);
                    j.key("medianSteps");
                    writeNumberOrNull(j, c.median);
                    j.key("reached").value(c.reached);
                    j.key("best").value(c.best);
                    j.key("bestFirstOrder").value(c.bestFirstOrder);
                    j.key("steps").numbers(c.steps);
                    j.endObject();
                }
                j.endArray();
                j.endObject();
            }
            j.endArray();
        });
}

} // namespace minima
