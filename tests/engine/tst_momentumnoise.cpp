// Momentum under mini-batch noise (engine/experiments/momentumnoise.h, the heavy ball in
// sgdOnLoss): beta = 0 is the plain SGD bit for bit; the velocity is the exponentially weighted
// sum of past batch gradients (Polyak 1964), checked against the recurrence written out and
// against the engine's own Optimizer; with a constant gradient the step tends to
// lr/(1 - beta) g (Goh, "Why Momentum Really Works", Distill 2017); the step-to-step change of
// the averaged steps against its closed form for independent noise; the measurement's
// determinism, intervals and the numbers the lab's text states (resources/lessons/momentum/noise.md).
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <vector>

#include <Eigen/Core>

#include "engine/common/proportion.h"
#include "engine/common/random.h"
#include "engine/experiments/catalog.h"
#include "engine/experiments/escape.h"
#include "engine/experiments/momentumnoise.h"
#include "engine/optim/minibatch.h"
#include "engine/optim/optimizer.h"

using namespace minima;

namespace {

QJsonObject runJson(const std::map<std::string, std::string>& settings, std::uint64_t seed = 1)
{
    const ExperimentInfo* info = findExperiment("momentum-noise");
    if (!info) qFatal("no experiment momentum-noise");
    Progress progress;
    const QByteArray bytes = QByteArray::fromStdString(runExperiment(*info, settings, seed, progress));
    if (bytes.contains("nan") || bytes.contains("inf")) qFatal("non-finite number in momentum-noise");
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject()) qFatal("invalid JSON from momentum-noise");
    return doc.object();
}

double startOf(const ThreeMinimaLoss& loss, const char* role) { return loss.minima()[std::size_t(loss.minimumIndex(role))].w; }

// The batches a run of `steps` steps draws from makeRng(seed, stream), drawn again.
std::vector<std::vector<int>> batchesOf(const ThreeMinimaLoss& loss, int batch, int steps, std::uint64_t seed, std::uint64_t stream)
{
    MiniBatchSampler sampler(loss.sampleCount(), batch);
    Rng rng = makeRng(seed, stream);
    std::vector<std::vector<int>> out;
    for (int t = 0; t < steps; ++t) {
        const auto b = sampler.next(rng);
        out.emplace_back(b.begin(), b.end());
    }
    return out;
}

void checkInterval(const ProportionInterval& i, int successes, int trials)
{
    const ProportionInterval w = wilsonInterval(successes, trials);
    QCOMPARE(i.share, double(successes) / trials);
    QCOMPARE(i.low, w.low);
    QCOMPARE(i.high, w.high);
    QVERIFY(0 <= i.low && i.low <= i.share && i.share <= i.high && i.high <= 1);
}

} // namespace

class TestMomentumNoise : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { qunsetenv("MINIMA_THREADS"); }

    // beta = 0 is the SGD the escape lab had: w <- w - lr g, the same doubles at every step,
    // written here as the plain loop on the same batches.
    void zeroMomentumIsPlainSgd()
    {
        const ThreeMinimaLoss loss;
        for (int batch : {1, 4, 256}) {
            const double from = startOf(loss, "shallow");
            Rng a = makeRng(3, 7), b = makeRng(3, 7);
            std::vector<double> withDefault, withZero, updates;
            const LossSgdRun r1 = sgdOnLoss(loss, from, batch, 500, 0.05, a, &withDefault);
            const LossSgdRun r2 = sgdOnLoss(loss, from, batch, 500, 0.05, b, &withZero, 0.0, &updates);
            QCOMPARE(r1.w, r2.w);
            QVERIFY(withDefault == withZero);
            const auto batches = batchesOf(loss, batch, 500, 3, 7);
            double w = from;
            for (int t = 0; t < 500; ++t) {
                const double g = loss.batchGradient(w, batches[std::size_t(t)]);
                const double next = w - 0.05 * g;
                QCOMPARE(withZero[std::size_t(t) + 1], next);   // bit for bit
                QCOMPARE(updates[std::size_t(t)], -(0.05 * g));
                w = next;
            }
        }
        // The escape measurement with momentum 0 is runEscape as before: the same counts as
        // runEscapeSettings at (lr, 0) and as the plain half of the momentum experiment at beta 0.
        EscapeParams p;
        p.batchSizes = {1, 2};
        p.runs = 40;
        p.steps = 400;
        const EscapeResult plain = runEscape(p);
        MomentumNoiseParams m;
        m.batchSizes = p.batchSizes;
        m.runs = p.runs;
        m.steps = p.steps;
        m.momentum = 0.0;
        const MomentumNoiseResult both = runMomentumNoise(m);
        for (std::size_t b = 0; b < 2; ++b) {
            QCOMPARE(both.plain.rows[b].shallowEscapes, plain.rows[b].shallowEscapes);
            QCOMPARE(both.withMomentum.rows[b].shallowEscapes, plain.rows[b].shallowEscapes);
            QCOMPARE(both.withMomentum.rows[b].deepEscapes, plain.rows[b].deepEscapes);
        }
    }

    // v_t = -lr sum_{k<=t} beta^(t-k) g_k, each g_k the batch gradient at w_k: the direct sum
    // (not the recurrence) against the recorded steps, and the engine's Optimizer (heavy ball,
    // OptimizerKind::Momentum) fed the same gradients lands on the same points.
    void velocityIsTheWeightedSumOfPastGradients()
    {
        const ThreeMinimaLoss loss;
        const int steps = 300;
        for (double beta : {0.5, 0.9, 0.99}) {
            for (int batch : {1, 8}) {
                Rng rng = makeRng(5, 11);
                std::vector<double> path, updates;
                const double lr = 0.01;
                sgdOnLoss(loss, startOf(loss, "deep"), batch, steps, lr, rng, &path, beta, &updates);
                QCOMPARE(int(updates.size()), steps);
                const auto batches = batchesOf(loss, batch, steps, 5, 11);
                std::vector<double> g(steps);
                for (int k = 0; k < steps; ++k) g[std::size_t(k)] = loss.batchGradient(path[std::size_t(k)], batches[std::size_t(k)]);
                OptimizerSettings s;
                s.kind = OptimizerKind::Momentum;
                s.learningRate = lr;
                s.momentum = beta;
                Optimizer<Eigen::Matrix<double, 1, 1>> heavyBall(s, 1);
                Eigen::Matrix<double, 1, 1> x, grad;
                x(0) = path[0];
                for (int t = 0; t < steps; ++t) {
                    double sum = 0;
                    for (int k = 0; k <= t; ++k) sum += std::pow(beta, t - k) * g[std::size_t(k)];
                    QVERIFY2(std::abs(updates[std::size_t(t)] - (-lr * sum)) <= 1e-12 * std::max(1.0, std::abs(lr * sum)),
                             qPrintable(QStringLiteral("beta %1, step %2").arg(beta).arg(t)));
                    grad(0) = g[std::size_t(t)];
                    heavyBall.step(x, grad);
                    QVERIFY(std::abs(x(0) - path[std::size_t(t) + 1]) <= 1e-12);
                }
            }
        }
    }

    // Far from the wells, with the full batch and a tiny rate, the gradient holds still
    // (L' = 0.04 w there; w moves by < 10^-5): the step is -lr g (1 - beta^(t+1))/(1 - beta)
    // and tends to -lr/(1 - beta) g, the effective rate's step.
    void constantGradientGivesTheEffectiveRate()
    {
        const ThreeMinimaLoss loss;
        const double w0 = -7.9, lr = 1e-8;
        QVERIFY(std::abs(loss.gradient(w0) - 0.04 * w0) < 1e-12);   // the bowl alone: no well reaches here
        for (double beta : {0.0, 0.5, 0.9, 0.99}) {
            Rng rng = makeRng(1, 0);
            std::vector<double> path, updates;
            const int steps = 2000;
            sgdOnLoss(loss, w0, loss.sampleCount(), steps, lr, rng, &path, beta, &updates);
            const double g = loss.gradient(w0);
            for (int t : {0, 1, 10, 100, steps - 1}) {
                const double expected = -lr * g * (1 - std::pow(beta, t + 1)) / (1 - beta);
                QVERIFY(std::abs(updates[std::size_t(t)] / expected - 1) < 2e-3);
            }
            QVERIFY(std::abs(updates.back() / (-lr / (1 - beta) * g) - 1) < 2e-3);
        }
    }

    // The lab's text: from one step to the next, momentum's step changes by about
    // (1 - beta)/sqrt(1 + beta) of plain SGD's at the same effective rate (the closed form for
    // independent noise: Var(v_t - v_{t-1}) = lr_eff^2 (1 - beta)^2 2/(1 + beta) s^2 against
    // 2 lr_eff^2 s^2), within 15 %, for seeds 1 to 5, both starts, every batch size of the lab.
    void smootherStepsByTheClosedForm()
    {
        const ThreeMinimaLoss loss;
        for (double beta : {0.5, 0.9, 0.99})
            for (std::size_t b = 0; b < 6; ++b)
                for (int start = 0; start < 2; ++start)
                    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
                        const MomentumTrace t = momentumTrace(loss, startOf(loss, start == 0 ? "shallow" : "deep"), 1 << b,
                                                              2000, 0.05, beta, seed, escapeRunStream(b, std::size_t(start), 0, 200));
                        QVERIFY(!t.plain.diverged && !t.withMomentum.diverged);
                        QCOMPARE(int(t.plainSteps.size()), 2000);
                        QCOMPARE(int(t.momentumPath.size()), 2001);
                        const double ratio = stepRoughness(t.momentumSteps) / stepRoughness(t.plainSteps);
                        const double closed = (1 - beta) / std::sqrt(1 + beta);
                        QVERIFY2(std::abs(ratio / closed - 1) < 0.15, qPrintable(QStringLiteral("beta %1 batch %2 seed %3: %4 against %5")
                                                                                   .arg(beta).arg(1 << b).arg(seed).arg(ratio).arg(closed)));
                    }
        // The text's values of the formula: 0.41, 0.073, 0.0071.
        QCOMPARE(std::round((1 - 0.5) / std::sqrt(1.5) * 100), 41.0);
        QCOMPARE(std::round((1 - 0.9) / std::sqrt(1.9) * 1000), 73.0);
        QCOMPARE(std::round((1 - 0.99) / std::sqrt(1.99) * 10000), 71.0);
        QCOMPARE(stepRoughness({}), 0.0);
        QCOMPARE(stepRoughness({1.0}), 0.0);
        QCOMPARE(stepRoughness({1.0, 3.0, 1.0}), 2.0);
    }

    // The measurement: the same answer whatever the thread count; the intervals are the Wilson
    // intervals of the counts; both settings see the same draws (at beta = 0 they agree).
    void measurementDeterministicWithValidIntervals()
    {
        const std::map<std::string, std::string> s = {{"batches", "1,2,8"}, {"runs", "50"}, {"steps", "600"}};
        qputenv("MINIMA_THREADS", "1");
        const QJsonObject one = runJson(s, 4);
        qputenv("MINIMA_THREADS", "2");
        const QJsonObject two = runJson(s, 4);
        qputenv("MINIMA_THREADS", "3");
        const QJsonObject three = runJson(s, 4);
        QCOMPARE(one, two);
        QCOMPARE(one, three);
        QVERIFY(runJson(s, 5) != one);
        QCOMPARE(one["momentumRate"].toDouble(), 0.05 * (1 - 0.9));
        // `minima run` takes the defaults on and refuses a huge run before it starts.
        const ExperimentInfo* info = findExperiment("momentum-noise");
        QVERIFY(estimateExperimentWork(*info, {}) > 1e7);
        QVERIFY(estimateExperimentWork(*info, {}) < maxRunWork);
        QVERIFY(estimateExperimentWork(*info, {{"runs", "100000"}, {"steps", "1000000"}}) > maxRunWork);
        QCOMPARE(one["effectiveRate"].toDouble(), 0.05);
        for (const QJsonValue& r : one["rows"].toArray())
            for (const char* side : {"plain", "momentum"}) {
                const QJsonObject o = r.toObject()[side].toObject();
                for (const char* start : {"shallow", "deep"}) {
                    const int k = o[QStringLiteral("%1Escapes").arg(start)].toInt();
                    const QJsonArray i = o[QStringLiteral("%1Escape95").arg(start)].toArray();
                    const ProportionInterval w = wilsonInterval(k, 50);
                    QCOMPARE(o[QStringLiteral("%1Escape").arg(start)].toDouble(), k / 50.0);
                    QCOMPARE(i[0].toDouble(), w.low);
                    QCOMPARE(i[1].toDouble(), w.high);
                }
            }
        // The struct's intervals too, and a cancelled pass says so.
        MomentumNoiseParams p;
        p.batchSizes = {1, 4};
        p.runs = 30;
        p.steps = 300;
        const MomentumNoiseResult r = runMomentumNoise(p);
        for (const EscapeResult* e : {&r.plain, &r.withMomentum})
            for (const EscapeRow& row : e->rows) {
                checkInterval(row.shallowInterval, row.shallowEscapes, 30);
                checkInterval(row.deepInterval, row.deepEscapes, 30);
            }
        Progress stopped;
        stopped.cancel();
        QVERIFY(runMomentumNoise(p, stopped).cancelled);
        // Bad settings are refused.
        p.momentum = 1.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runMomentumNoise(p));
        p.momentum = 0.9;
        p.effectiveRate = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runMomentumNoise(p));
        Rng rng = makeRng(1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sgdOnLoss(ThreeMinimaLoss(), 0.0, 1, 10, 0.05, rng, nullptr, -0.1));
    }

    // The numbers of the lab's text, at its defaults (rate 0.05, 200 runs, batches 1 to 32),
    // for seeds 1 to 5: at beta = 0.9 momentum leaves the shallow minimum no more often than
    // plain SGD at batches 1 and 2, and the 95 % intervals overlap at every batch size; at
    // beta = 0.99 it leaves clearly less often at batches 1 and 2 (disjoint intervals: about
    // 75-80 % against 97-99 %, 20-28 % against 51-59 %); neither ever leaves the deep minimum.
    void textNumbersAtTheDefaults()
    {
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            MomentumNoiseParams p;
            p.batchSizes = {1, 2, 4, 8, 16, 32};
            p.seed = seed;
            p.momentum = 0.9;
            const MomentumNoiseResult r9 = runMomentumNoise(p);
            p.momentum = 0.99;
            const MomentumNoiseResult r99 = runMomentumNoise(p);
            for (std::size_t b = 0; b < 6; ++b) {
                const EscapeRow &plain = r9.plain.rows[b], &m9 = r9.withMomentum.rows[b], &m99 = r99.withMomentum.rows[b];
                QCOMPARE(r99.plain.rows[b].shallowEscapes, plain.shallowEscapes);   // plain SGD does not see beta
                QVERIFY(m9.shallowInterval.low <= plain.shallowInterval.high && plain.shallowInterval.low <= m9.shallowInterval.high);
                for (const EscapeRow* row : {&plain, &m9, &m99}) {
                    QCOMPARE(row->deepEscapes, 0);
                    QCOMPARE(row->diverged, 0);
                }
                if (b < 2) {
                    QVERIFY(m9.shallowEscapes <= plain.shallowEscapes);
                    QVERIFY(m99.shallowInterval.high < plain.shallowInterval.low);
                }
                if (b >= 3) QCOMPARE(plain.shallowEscapes + m9.shallowEscapes + m99.shallowEscapes, 0);   // batch 8 on: none
            }
            QVERIFY(r9.plain.rows[0].shallowEscapeProbability >= 0.97);
            QVERIFY(r99.withMomentum.rows[0].shallowEscapeProbability >= 0.7 && r99.withMomentum.rows[0].shallowEscapeProbability <= 0.85);
            QVERIFY(r9.plain.rows[1].shallowEscapeProbability >= 0.5 && r9.plain.rows[1].shallowEscapeProbability <= 0.6);
            QVERIFY(r99.withMomentum.rows[1].shallowEscapeProbability >= 0.2 && r99.withMomentum.rows[1].shallowEscapeProbability <= 0.3);
        }
    }

    // Stability at a large effective rate: far from the wells the loss is the bowl 0.02 w^2
    // (curvature 0.04), where plain SGD is stable only for lr_eff < 2/0.04 = 50 and the heavy ball
    // for lr < 2(1 + beta)/0.04 (Polyak 1964; Goh 2017), lr_eff < 50 (1 + beta)/(1 - beta). At
    // lr_eff = 100 every plain run diverges; momentum does at beta = 0.3 (bound 92.9) and not at
    // 0.4 (116.7) or the lab's 0.9 (950).
    void largeRateDivergesWithoutMomentumOnly()
    {
        MomentumNoiseParams p;
        p.batchSizes = {1, 32};
        p.runs = 30;
        p.effectiveRate = 100;
        for (double beta : {0.3, 0.4, 0.9}) {
            p.momentum = beta;
            const MomentumNoiseResult r = runMomentumNoise(p);
            for (std::size_t b = 0; b < 2; ++b) {
                QCOMPARE(r.plain.rows[b].diverged, 60);
                QCOMPARE(r.withMomentum.rows[b].diverged, beta < 0.35 ? 60 : 0);
            }
        }
        // A diverged trace stops at its last finite point and records nothing beyond it.
        const ThreeMinimaLoss loss;
        const MomentumTrace t = momentumTrace(loss, startOf(loss, "shallow"), 1, 2000, 100, 0.9, 1, 0);
        QVERIFY(t.plain.diverged && !t.withMomentum.diverged);
        QCOMPARE(int(t.plainPath.size()), t.plain.steps + 1);
        QCOMPARE(int(t.plainSteps.size()), t.plain.steps);
        for (double w : t.plainPath) QVERIFY(std::abs(w) < kLossSgdLimit);
        for (double s : t.plainSteps) QVERIFY(std::isfinite(s));
    }
};

QTEST_MAIN(TestMomentumNoise)
#include "tst_momentumnoise.moc"
