// The race's engine: the grid search picks the rate with the lowest final loss (checked run by
// run), gradient descent on the bowl diverges exactly above the rate 2 / lambda_max (Nocedal &
// Wright, "Numerical Optimization", 2nd ed., 3.3: on a quadratic each step multiplies the
// component along an eigenvector by 1 - a lambda), the saddle surface's formulas, the table is
// the same on 1 and 2 threads, the claims the lab's text makes about the table at its default
// settings, and bad parameters.
#include <QtTest>

#include <cmath>

#include "engine/experiments/catalog.h"
#include "engine/experiments/race.h"
#include "engine/surfaces/analytic.h"

using namespace minima;

namespace {

RaceTable defaultTable(unsigned threads)
{
    RaceTableSettings s;   // the lab's defaults: 1000 steps, tolerance 1e-6, 5 seeds
    return runRaceTable(s, 1, Progress::none(), threads);
}

int idx(RaceProblem p) { return int(p); }

} // namespace

class TestRace : public QObject {
    Q_OBJECT
private slots:
    void saddleWellsFormulas()
    {
        const SaddleWells s;
        QCOMPARE(s.value(Point2(0, 0)), 1.0);
        QCOMPARE(s.value(Point2(0, std::sqrt(2.0))) < 1e-30, true);
        const Eigen::Matrix2d h = s.hessian(Point2::Zero());
        QCOMPARE(h(0, 0), 10.0);
        QCOMPARE(h(1, 1), -2.0);   // the saddle 5x^2 - y^2 of Dauphin et al. (2014), up to a constant
        // The gradient and Hessian against central differences at a few points.
        for (const Point2& p : {Point2(0.3, -0.7), Point2(-1.1, 1.6), Point2(0.05, 0.01)}) {
            const double e = 1e-6;
            for (int i = 0; i < 2; ++i) {
                Point2 d = Point2::Zero();
                d[i] = e;
                const double fd = (s.value(p + d) - s.value(p - d)) / (2 * e);
                QVERIFY(std::abs(fd - s.gradient(p)[i]) < 1e-6);
                const Point2 gd = (s.gradient(p + d) - s.gradient(p - d)) / (2 * e);
                QVERIFY((gd - s.hessian(p).col(i)).norm() < 1e-6);
            }
        }
    }

    void problemsHaveMinimumZero()
    {
        for (int p = 0; p < kRaceProblems; ++p) {
            const auto s = raceSurface(RaceProblem(p));
            for (const KnownPoint& k : s->minima()) QVERIFY2(std::abs(s->value(k.at)) < 1e-9, s->name().c_str());   // Himmelblau's minima are tabulated to about 1e-6
        }
    }

    void ratesAreALogGrid()
    {
        const std::vector<double> r = raceRates(RaceSettings{});
        QCOMPARE(int(r.size()), 19);   // 1e-4 .. 10^0.5, four per decade
        QCOMPARE(r.front(), 1e-4);
        QVERIFY(std::abs(r.back() - std::pow(10.0, 0.5)) < 1e-12);
        for (std::size_t i = 1; i < r.size(); ++i) QVERIFY(std::abs(r[i] / r[i - 1] - std::pow(10.0, 0.25)) < 1e-12);
    }

    void gridPicksLowestFinalLoss()
    {
        RaceSettings settings;
        settings.steps = 400;
        for (int p = 0; p < kRaceProblems; ++p) {
            const RaceProblem problem = RaceProblem(p);
            const auto surface = raceSurface(problem);
            const Point2 start = raceStart(problem);
            const RaceResult r = runRace(problem, start, settings);
            for (int k = 0; k < kLbfgs; ++k) {
                const RaceCurve& c = r.curves[std::size_t(k)];
                QCOMPARE(c.finalLosses.size(), r.rates.size());
                double lowest = INFINITY;
                for (std::size_t i = 0; i < r.rates.size(); ++i) {
                    // Each grid point is the run on its own.
                    const RacerRun run = runRacer(*surface, k, r.rates[i], start, settings, false, false);
                    QCOMPARE(bool(c.diverged[i]), run.diverged);
                    QCOMPARE(c.finalLosses[i], run.finalLoss);
                    QVERIFY(std::isfinite(c.finalLosses[i]));
                    if (!run.diverged) lowest = std::min(lowest, std::max(kRaceLossFloor, run.finalLoss));
                }
                if (std::isinf(lowest)) {
                    QCOMPARE(c.best, -1);
                    continue;
                }
                QVERIFY(c.best >= 0);
                QVERIFY(!c.diverged[std::size_t(c.best)]);
                QCOMPARE(std::max(kRaceLossFloor, c.finalLosses[std::size_t(c.best)]), lowest);
                QCOMPARE(c.bestRate, r.rates[std::size_t(c.best)]);
                // The recorded run is the chosen one, and holds no NaN.
                const RacerRun& run = r.runs[std::size_t(k)];
                QCOMPARE(run.rate, c.bestRate);
                QCOMPARE(run.finalLoss, c.finalLosses[std::size_t(c.best)]);
                for (std::size_t t = 0; t < run.points.size(); ++t) {
                    QVERIFY(run.points[t].allFinite());
                    QVERIFY(std::isfinite(run.losses[t]));
                }
            }
        }
    }

    void gradientDescentDivergesAboveTwoOverLambda()
    {
        // Bowl eigenvalues 1 and 25: gradient descent contracts iff a < 2/25 = 0.08.
        RaceSettings settings;
        const RaceResult r = runRace(RaceProblem::Bowl, raceStart(RaceProblem::Bowl), settings);
        const RaceCurve& gd = r.curves[0];
        for (std::size_t i = 0; i < r.rates.size(); ++i) QCOMPARE(bool(gd.diverged[i]), r.rates[i] > 0.08);
        QCOMPARE(gd.bestRate, r.rates[11]);   // 10^-1.25 = 0.0562, the largest grid rate below 0.08
        QVERIFY(std::abs(gd.bestRate - 0.0562341) < 1e-6);
    }

    void raceIsTheSameOnOneAndTwoThreads()
    {
        const RaceResult a = runRace(RaceProblem::Beale, Point2(1, 1), RaceSettings{}, Progress::none(), 1);
        const RaceResult b = runRace(RaceProblem::Beale, Point2(1, 1), RaceSettings{}, Progress::none(), 2);
        for (int k = 0; k < kRacers; ++k) {
            QCOMPARE(a.curves[std::size_t(k)].finalLosses, b.curves[std::size_t(k)].finalLosses);
            QCOMPARE(a.runs[std::size_t(k)].losses, b.runs[std::size_t(k)].losses);
        }
    }

    void tableIsTheSameOnOneAndTwoThreads()
    {
        const RaceTable a = defaultTable(1), b = defaultTable(2);
        for (int r = 0; r < kRacers; ++r)
            for (int p = 0; p < kRaceProblems; ++p) {
                const RaceCell &x = a.cells[std::size_t(r)][std::size_t(p)], &y = b.cells[std::size_t(r)][std::size_t(p)];
                QCOMPARE(x.steps, y.steps);
                QCOMPARE(x.rate, y.rate);
                QCOMPARE(x.best, y.best);
                QCOMPARE(x.bestFirstOrder, y.bestFirstOrder);
            }
    }

    void seedsPerturbTheStart()
    {
        const Point2 a = raceSeedStart(RaceProblem::Rosenbrock, 1, 0, 0.25), b = raceSeedStart(RaceProblem::Rosenbrock, 1, 1, 0.25);
        QVERIFY((a - b).norm() > 1e-3);
        QCOMPARE(raceSeedStart(RaceProblem::Rosenbrock, 1, 0, 0.0), raceStart(RaceProblem::Rosenbrock));
        QCOMPARE(raceSeedStart(RaceProblem::Rosenbrock, 1, 0, 0.25), a);
        // The offset is normal with standard deviation `spread` in each coordinate (the text's
        // 0.25): over 4000 seeds the sample mean is within 4 standard errors of 0 and the
        // sample deviation within 5 % of 0.25.
        const Point2 o = raceStart(RaceProblem::Beale);
        const int n = 4000;
        double sx = 0, sy = 0, sxx = 0, syy = 0;
        for (int s = 0; s < n; ++s) {
            const Point2 d = raceSeedStart(RaceProblem::Beale, 7, s, 0.25) - o;
            sx += d.x();
            sy += d.y();
            sxx += d.x() * d.x();
            syy += d.y() * d.y();
        }
        QVERIFY(std::abs(sx / n) < 4 * 0.25 / std::sqrt(double(n)));
        QVERIFY(std::abs(sy / n) < 4 * 0.25 / std::sqrt(double(n)));
        QVERIFY(std::abs(std::sqrt(sxx / n) - 0.25) < 0.0125);
        QVERIFY(std::abs(std::sqrt(syy / n) - 0.25) < 0.0125);
    }

    // The claims of resources/lessons/adaptive-rates/race.md, for its settings: 1000 steps,
    // tolerance 1e-6, five seeds from seed 1.
    void tableClaimsOfTheText()
    {
        const RaceTable t = defaultTable(0);
        // A dash (no median) exactly when half or more of the five seeds did not get there.
        for (int r = 0; r < kRacers; ++r)
            for (int p = 0; p < kRaceProblems; ++p) {
                const RaceCell& c = t.cells[std::size_t(r)][std::size_t(p)];
                QCOMPARE(std::isfinite(c.median), 5 - c.reached < 2.5);
            }
        const int gd = 0, nesterov = 2, adagrad = 3, rmsprop = 4, adam = 5;
        // L-BFGS takes the fewest iterations on all six problems, alone, every seed reaching.
        for (int p = 0; p < kRaceProblems; ++p) {
            QCOMPARE(t.winners[std::size_t(p)], std::vector<int>{kLbfgs});
            QCOMPARE(t.cells[kLbfgs][std::size_t(p)].reached, 5);
            QVERIFY(t.cells[kLbfgs][std::size_t(p)].median <= 34);   // "at most 34 iterations"
        }
        auto firstOrder = [&](RaceProblem p) { return t.firstOrderWinners[std::size_t(idx(p))]; };
        QCOMPARE(firstOrder(RaceProblem::Bowl), std::vector<int>{adagrad});
        QCOMPARE(firstOrder(RaceProblem::RotatedBowl), std::vector<int>{nesterov});
        QCOMPARE(firstOrder(RaceProblem::Rosenbrock), std::vector<int>{adam});
        QCOMPARE(firstOrder(RaceProblem::Beale), std::vector<int>{adam});
        QCOMPARE(firstOrder(RaceProblem::Himmelblau), std::vector<int>{adagrad});
        QCOMPARE(firstOrder(RaceProblem::Saddle), std::vector<int>{adagrad});
        // AdaGrad on the bowl along its axes: 7 steps; rotated by 45 degrees: 96, slower than gradient descent's 88.
        QCOMPARE(t.cells[adagrad][idx(RaceProblem::Bowl)].median, 7.0);
        QCOMPARE(t.cells[adagrad][idx(RaceProblem::RotatedBowl)].median, 96.0);
        QCOMPARE(t.cells[gd][idx(RaceProblem::RotatedBowl)].median, 88.0);
        // On Rosenbrock Adam is the only first-order method that reaches the tolerance at all.
        for (int r = 0; r < kLbfgs; ++r)
            QCOMPARE(t.cells[std::size_t(r)][idx(RaceProblem::Rosenbrock)].reached, r == adam ? 5 : 0);
        // RMSProp (constant rate, no bias correction) misses the tolerance on every seed of
        // Rosenbrock, Beale and Himmelblau.
        for (RaceProblem p : {RaceProblem::Rosenbrock, RaceProblem::Beale, RaceProblem::Himmelblau})
            QCOMPARE(t.cells[rmsprop][idx(p)].reached, 0);
        // No first-order method is fastest on more than three of the six problems.
        for (int r = 0; r < kLbfgs; ++r) {
            int wins = 0;
            for (int p = 0; p < kRaceProblems; ++p)
                for (int w : t.firstOrderWinners[std::size_t(p)]) wins += w == r;
            QVERIFY(wins <= 3);
        }
    }

    void badParameters()
    {
        RaceSettings s;
        s.steps = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.validate());
        s = RaceSettings{};
        s.minRate = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.validate());
        s = RaceSettings{};
        s.maxRate = s.minRate / 2;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.validate());
        s = RaceSettings{};
        s.tolerance = std::nan("");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.validate());
        s = RaceSettings{};
        s.momentum = 1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, s.validate());
        RaceTableSettings t;
        t.seeds = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.validate());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, raceProblemFromKey("moon"));
        const auto surface = raceSurface(RaceProblem::Bowl);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runRacer(*surface, 0, -1, Point2(1, 1), RaceSettings{}, false, false));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 runRacer(*surface, 0, 0.1, Point2(std::nan(""), 1), RaceSettings{}, false, false));
        const ExperimentInfo* race = findExperiment("race");
        QVERIFY(race);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*race, {{"steps", "0"}}, 1, Progress::none()));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*race, {{"problem", "moon"}}, 1, Progress::none()));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*race, {{"lr", "1"}}, 1, Progress::none()));
        const ExperimentInfo* table = findExperiment("race-table");
        QVERIFY(table);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*table, {{"seeds", "101"}}, 1, Progress::none()));
        // A run that diverges is reported, not thrown, and its loss is finite.
        const RacerRun d = runRacer(*surface, 0, 3.0, Point2(1, 1), RaceSettings{}, true, false);
        QVERIFY(d.diverged);
        QVERIFY(std::isfinite(d.finalLoss));
        QCOMPARE(d.stepsToTolerance, -1);
    }

    void experimentsRun()
    {
        const std::string out = runExperiment(*findExperiment("race"), {{"problem", "saddle"}, {"steps", "50"}}, 1, Progress::none());
        QVERIFY(out.find("\"racer\":\"lbfgs\"") != std::string::npos);
        QVERIFY(out.find("nan") == std::string::npos);
        const std::string t = runExperiment(*findExperiment("race-table"), {{"steps", "50"}, {"seeds", "2"}}, 1, Progress::none());
        QVERIFY(t.find("\"rows\"") != std::string::npos);
        QVERIFY(t.find("nan") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRace)
#include "tst_race.moc"
