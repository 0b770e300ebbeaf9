#pragma once
// The race: every optimizer of the engine (gradient descent, momentum, Nesterov, AdaGrad,
// RMSProp, Adam, and L-BFGS through runSecondOrder) from one start on one surface, each at its
// own best learning rate found by a grid search, and a table in the style of Schaul,
// Antonoglou & Silver, "Unit tests for stochastic optimization" (ICLR 2014): steps to a
// tolerance for each optimizer on each of six problems, at the grid's rate, over seeds that
// perturb the start.
//
// The problems all have the global minimum value f* = 0, so the loss itself is the gap to it:
// the bowl 1/2 x^T A x with eigenvalues 1 and 25 along the axes, the same bowl rotated by 45
// degrees (a diagonal rescaling no longer fits its axes), Rosenbrock (1960), Beale (1958),
// Himmelblau (1972, four minima of value 0) and a saddle with two wells, 5x^2 + (y^2 - 2)^2/4:
// at the origin its Hessian is diag(10, -2), the saddle 5x^2 - y^2 of Dauphin et al. (2014,
// figure 2a) up to a constant, and its minima are (0, +-sqrt 2), value 0.
//
// The grid search (Goodfellow, Bengio & Courville, "Deep Learning", 11.4.3) runs each
// first-order optimizer for `steps` steps at rates spaced evenly in log scale and picks the
// rate with the lowest final loss; losses below kRaceLossFloor count as that floor (what is
// below is rounding), ties go to the run that first reached the tolerance, then to the smaller
// rate. A diverged run (run.h's rule: a non-finite or exploding loss) is never picked. L-BFGS
// takes its steps by a strong Wolfe line search (Nocedal & Wright, "Numerical Optimization",
// 2nd ed., algorithm 7.4 and section 3.1): it has no learning rate, one run.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "engine/common/progress.h"
#include "engine/experiments/catalog.h"
#include "engine/optim/run.h"
#include "engine/surfaces/surface.h"

namespace minima {

// f = 5x^2 + (y^2 - 2)^2 / 4. Gradient (10x, y (y^2 - 2)), Hessian diag(10, 3y^2 - 2): a saddle
// of value 1 at the origin, minima of value 0 at (0, +-sqrt 2).
class SaddleWells final : public Surface {
public:
    std::string name() const override { return "saddle"; }
    double value(const Point2& p) const override
    {
        const double w = p.y() * p.y() - 2.0;
        return 5.0 * p.x() * p.x() + 0.25 * w * w;
    }
    Point2 gradient(const Point2& p) const override { return {10.0 * p.x(), p.y() * (p.y() * p.y() - 2.0)}; }
    Eigen::Matrix2d hessian(const Point2& p) const override
    {
        Eigen::Matrix2d h;
        h << 10.0, 0.0, 0.0, 3.0 * p.y() * p.y() - 2.0;
        return h;
    }
    Domain domain() const override { return {-2, 2, -2.5, 2.5}; }
    Point2 defaultStart() const override { return {1.5, 0.01}; }
    std::vector<KnownPoint> knownPoints() const override;
};

enum class RaceProblem { Bowl, RotatedBowl, Rosenbrock, Beale, Himmelblau, Saddle };
inline constexpr int kRaceProblems = 6;

// Keys: bowl, rotated-bowl, rosenbrock, beale, himmelblau, saddle.
const std::vector<std::string>& raceProblemKeys();
RaceProblem raceProblemFromKey(const std::string& key);   // std::invalid_argument if unknown
std::string raceProblemKey(RaceProblem problem);
std::string raceProblemName(RaceProblem problem);          // "bowl", "rotated bowl", "Rosenbrock", ...
std::unique_ptr<Surface> raceSurface(RaceProblem problem);
// The start of the race on each problem: the surface's own default start, the saddle's just
// off the saddle towards y > 0.
Point2 raceStart(RaceProblem problem);

// The racers: 0..5 the optimizers of optimizer.h in OptimizerKind's order, 6 L-BFGS.
inline constexpr int kRacers = 7;
inline constexpr int kLbfgs = 6;
std::string racerName(int racer);   // "gradient descent", "momentum", ..., "L-BFGS"
std::string racerKey(int racer);    // gd, momentum, nesterov, adagrad, rmsprop, adam, lbfgs

// Losses below this are rounding: the grid compares them as equal to it.
inline constexpr double kRaceLossFloor = 1e-20;

struct RaceSettings {
    int steps = 1000;              // steps (iterations for L-BFGS) per run, 1..100000
    double minRate = 1e-4;         // the grid's smallest and largest learning rate
    double maxRate = 3.0;
    int ratesPerDecade = 4;        // 1..20
    double tolerance = 1e-6;       // reached when f(x_t) - f* < tolerance, in (0, 1)
    double momentum = 0.9;         // beta of momentum and Nesterov, in [0, 1)
    void validate() const;         // std::invalid_argument naming the setting
};

// The grid: minRate * 10^(k / ratesPerDecade) for k = 0, 1, ... up to maxRate (rounded to the
// nearest grid point), at most 400 rates.
std::vector<double> raceRates(const RaceSettings& settings);

struct RacerRun {
    int racer = 0;
    double rate = 0;                 // the learning rate (0 for L-BFGS)
    std::vector<Point2> points;      // recorded runs: points[t] after step t
    std::vector<double> losses;      // f(points[t])
    RunStatus status = RunStatus::BudgetSpent;
    bool diverged = false;
    int divergedAtStep = -1;
    int steps = 0;                   // steps taken
    int stepsToTolerance = -1;       // the first t with f(points[t]) < tolerance (-1: never)
    double finalLoss = 0;            // the last finite loss
    int evaluations = 0;             // gradient evaluations (L-BFGS's line search counts each)
};

// One run of `racer` at `rate` from `start`, for settings.steps steps (stopping at the
// tolerance when stopAtTolerance). Never throws for a diverging run; std::invalid_argument for
// a bad rate, racer or start.
RacerRun runRacer(const Surface& surface, int racer, double rate, const Point2& start, const RaceSettings& settings,
                  bool record, bool stopAtTolerance, Progress& progress = Progress::none());

// The score the grid compares: true when run a is better than run b.
bool raceBetter(const RacerRun& a, const RacerRun& b);

struct RaceCurve {
    int racer = 0;
    std::vector<double> finalLosses;   // per rate (L-BFGS: one, its rate-free run)
    std::vector<char> diverged;        // per rate
    std::vector<int> stepsToTolerance; // per rate (-1: not reached)
    int best = -1;                     // the chosen rate's index (-1: every rate diverged)
    double bestRate = 0;
};

struct RaceResult {
    RaceProblem problem = RaceProblem::Rosenbrock;
    Point2 start = Point2::Zero();
    std::vector<double> rates;
    std::array<RaceCurve, kRacers> curves;
    std::array<RacerRun, kRacers> runs;   // each racer at its chosen rate, recorded
    bool cancelled = false;
};

// The grid search for every first-order racer and the recorded run of each at its chosen rate
// (a racer whose every rate diverged is run, recorded, at the smallest rate), split over
// `threads` (0: workerCount()); the same bits whatever the thread count. The progress bar fills
// from `from` to `to` of the whole (a caller running more after it gives it a share).
RaceResult runRace(RaceProblem problem, const Point2& start, const RaceSettings& settings,
                   Progress& progress = Progress::none(), unsigned threads = 0, double from = 0, double to = 1);

struct RaceTableSettings {
    RaceSettings race;
    int seeds = 5;          // starts per problem, 1..100
    double spread = 0.25;   // the start is raceStart + spread * N(0, I)
    void validate() const;
};

struct RaceCell {
    double rate = 0;                 // the grid's rate from the problem's start (0: L-BFGS, or none)
    bool noRate = false;             // every rate of the grid diverged
    std::vector<int> steps;          // per seed: steps to the tolerance (-1: not reached)
    int reached = 0;                 // seeds that reached it
    double median = 0;               // median steps over the seeds, +inf when half or more did not reach it
    bool best = false;               // the lowest median of its problem (ties: all)
    bool bestFirstOrder = false;     // the lowest median among the six first-order racers (ties: all)
};

struct RaceTable {
    int seeds = 0;
    // cells[racer][problem]
    std::array<std::array<RaceCell, kRaceProblems>, kRacers> cells;
    std::array<std::vector<Point2>, kRaceProblems> starts;   // per problem, per seed
    std::array<std::vector<int>, kRaceProblems> winners;     // per problem, the racers marked best
    std::array<std::vector<int>, kRaceProblems> firstOrderWinners;   // the same among racers 0..5
    bool cancelled = false;
};

// The start of seed s (0-based) on a problem: raceStart + spread * N(0, I) from the stream
// streamSeed(seed, problem * 1000 + s).
Point2 raceSeedStart(RaceProblem problem, std::uint64_t seed, int s, double spread);

// For every problem: the grid search from raceStart, then every racer at its rate from each
// seed's start, stopping at the tolerance. Split over `threads`; the same table whatever the
// thread count. The progress bar fills from `from` to `to`, as runRace's.
RaceTable runRaceTable(const RaceTableSettings& settings, std::uint64_t seed, Progress& progress = Progress::none(),
                       unsigned threads = 0, double from = 0, double to = 1);

struct RaceParams {
    std::string problem = "rosenbrock";
    bool ownStart = false;    // start at (x, y) instead of the problem's start
    double x = 0, y = 0;
    RaceSettings race;
    void validate() const;
};
struct RaceTableParams {
    RaceTableSettings table;
    void validate() const { table.validate(); }
};

ExperimentInfo raceExperiment();
ExperimentInfo raceTableExperiment();

} // namespace minima
