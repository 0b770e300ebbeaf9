// Adam's bias correction (Kingma & Ba 2015, section 3; Goodfellow, Bengio & Courville, "Deep
// Learning", 8.5.3): the constant-gradient step sizes with and without the correction against
// the closed forms and hand-worked values for several (beta1, beta2); the corrected steps against
// the engine's Optimizer run here on the same draws; E[m_t] = (1 - beta1^t) E[g] and
// E[v_t] = (1 - beta2^t) E[g^2] within the Monte-Carlo interval over seeds; the same bits
// whatever the thread count; bad parameters refused.
#include <QtTest>

#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "engine/common/random.h"
#include "engine/experiments/biascorrection.h"
#include "engine/experiments/catalog.h"
#include "engine/optim/optimizer.h"

using namespace minima;

namespace {

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-300); }

} // namespace

class TestBiasCorrection : public QObject {
    Q_OBJECT

private slots:
    // Hand-worked values of the closed form (eps -> 0): alpha (1 - beta1^t)/sqrt(1 - beta2^t).
    void closedFormByHand()
    {
        const double eps = 1e-300;
        // t = 1, defaults: 0.1/sqrt(0.001) = 3.16227766...
        QVERIFY(rel(uncorrectedClosedForm(1, 0.9, 0.999, eps, 1, 1), 3.1622776601683795) < 1e-13);
        // beta1 = beta2 = 0.5, t = 2: 0.75/sqrt(0.75) = sqrt(0.75).
        QVERIFY(rel(uncorrectedClosedForm(1, 0.5, 0.5, eps, 1, 2), std::sqrt(0.75)) < 1e-14);
        // beta1 = 0: 1/sqrt(1 - beta2^t); t = 3, beta2 = 0.9: 1/sqrt(0.271).
        QVERIFY(rel(uncorrectedClosedForm(2, 0.0, 0.9, eps, -3, 3), 2 / std::sqrt(0.271)) < 1e-14);
        // beta2 = 0: (1 - beta1^t); t = 2, beta1 = 0.9: 0.19.
        QVERIFY(rel(uncorrectedClosedForm(1, 0.9, 0.0, eps, 1, 2), 0.19) < 1e-14);
        // beta1 = 0, beta2 = 0.99999: the factor 1 - beta2^t = 1/step^2 first reaches 1/2 at
        // t = 69,315 (ln 2 / -ln 0.99999 = 69,314.4), the figure the lab text quotes.
        auto factor = [](int t) { return 1 / std::pow(uncorrectedClosedForm(1, 0.0, 0.99999, 1e-300, 1, t), 2); };
        QVERIFY(factor(69314) < 0.5);
        QVERIFY(factor(69315) >= 0.5);
        QVERIFY(std::abs(factor(69315) - 0.5) < 1e-5);
        // With eps: |g| = 1e-8 = eps halves the corrected step.
        QVERIFY(rel(correctedClosedForm(0.001, 1e-8, 1e-8), 0.0005) < 1e-14);
    }

    // The constant gradient: every step with the correction is alpha |g|/(|g| + eps), without it
    // the closed form, for several beta pairs; the bias factors are 1 - beta^t.
    void constantGradient()
    {
        const std::vector<std::pair<double, double>> pairs = {
            {0.9, 0.999}, {0.0, 0.999}, {0.5, 0.5}, {0.99, 0.9999}, {0.9, 0.0}, {0.999, 0.99999}, {0.0, 0.0}};
        for (const auto& [b1, b2] : pairs)
            for (double g : {1.0, -0.3, 25.0}) {
                BiasCorrectionParams p;
                p.beta1 = b1;
                p.beta2 = b2;
                p.gradient = g;
                p.steps = 200;
                p.streams = 3;
                const BiasCorrectionResult r = runBiasCorrection(p);
                QCOMPARE(int(r.corrected.size()), 200);
                for (int i = 0; i < 200; ++i) {
                    const int t = i + 1;
                    // 1e-10: the engine forms 1 - beta^t from a running product, which for beta2 near 1
                    // keeps about 12 digits.
                    QVERIFY2(rel(r.corrected[std::size_t(i)], p.alpha * std::abs(g) / (std::abs(g) + p.epsilon)) < 1e-10,
                             qPrintable(QStringLiteral("b1 %1 b2 %2 t %3").arg(b1).arg(b2).arg(t)));
                    const double closed = p.alpha * (1 - std::pow(b1, t)) * std::abs(g)
                                          / (std::sqrt(1 - std::pow(b2, t)) * std::abs(g) + p.epsilon);
                    QVERIFY(rel(r.closedUncorrected[std::size_t(i)], closed) < 1e-10);
                    QVERIFY2(rel(r.uncorrected[std::size_t(i)], closed) < 1e-10,
                             qPrintable(QStringLiteral("b1 %1 b2 %2 t %3: %4 vs %5")
                                            .arg(b1).arg(b2).arg(t).arg(r.uncorrected[std::size_t(i)]).arg(closed)));
                    // 1 - pow(beta, t) written here loses digits to cancellation for beta near 1.
                    QVERIFY(rel(r.bias1[std::size_t(i)], 1 - std::pow(b1, t)) < 1e-10);
                    QVERIFY(rel(r.bias2[std::size_t(i)], 1 - std::pow(b2, t)) < 1e-10);
                    // Constant: every stream is the same, m_t is exactly the biased mean.
                    QVERIFY(rel(r.meanM[std::size_t(i)], (1 - std::pow(b1, t)) * g) < 1e-10);
                    QVERIFY(rel(r.meanV[std::size_t(i)], (1 - std::pow(b2, t)) * g * g) < 1e-10);
                }
            }
    }

    // The figures the lab text quotes for the defaults (0.9, 0.999): the first uncorrected step
    // 3.162 alpha, the largest 6.57 alpha at step 12 (6.5685); at step 50, 4.50 alpha.
    void defaultFigures()
    {
        BiasCorrectionParams p;
        p.streams = 1;
        const BiasCorrectionResult r = runBiasCorrection(p);
        QCOMPARE(QString::number(r.uncorrected[0] / p.alpha, 'f', 3), QStringLiteral("3.162"));
        std::size_t peak = 0;
        for (std::size_t i = 0; i < r.uncorrected.size(); ++i)
            if (r.uncorrected[i] > r.uncorrected[peak]) peak = i;
        qInfo("peak %.4f alpha at step %d, step 50 %.4f alpha", r.uncorrected[peak] / p.alpha, int(peak) + 1,
              r.uncorrected[49] / p.alpha);
        QCOMPARE(int(peak) + 1, 12);
        QCOMPARE(QString::number(r.uncorrected[peak] / p.alpha, 'f', 2), QStringLiteral("6.57"));
        QCOMPARE(QString::number(r.uncorrected[49] / p.alpha, 'f', 2), QStringLiteral("4.50"));
    }

    // With noise, stream 0's corrected steps are the engine Optimizer's Adam steps on the same
    // draws (makeRng(seed, 0), normal01 per step), to 1e-12 of alpha.
    void correctedIsTheEnginesAdam()
    {
        for (std::uint64_t seed : {1ull, 7ull, 123456789ull}) {
            BiasCorrectionParams p;
            p.seed = seed;
            p.sigma = 2.0;
            p.gradient = 0.5;
            p.beta1 = 0.8;
            p.beta2 = 0.99;
            p.alpha = 0.01;
            p.steps = 100;
            p.streams = 1;
            const BiasCorrectionResult r = runBiasCorrection(p);
            OptimizerSettings s = adamDefaults();
            s.learningRate = p.alpha;
            s.beta1 = p.beta1;
            s.beta2 = p.beta2;
            Optimizer<Eigen::VectorXd> adam(s, 1);
            Eigen::VectorXd x = Eigen::VectorXd::Zero(1), g(1);
            Rng rng = makeRng(seed, 0);
            double m = 0, v = 0;
            for (int t = 0; t < p.steps; ++t) {
                g(0) = p.gradient + p.sigma * normal01(rng);
                QCOMPARE(r.gradients[std::size_t(t)], g(0));
                const double before = x(0);
                adam.step(x, g);
                QVERIFY(std::abs(r.corrected[std::size_t(t)] - std::abs(x(0) - before)) < 1e-12 * p.alpha);
                // Without the correction, written here: alpha m_t / (sqrt(v_t) + eps).
                m = p.beta1 * m + (1 - p.beta1) * g(0);
                v = p.beta2 * v + (1 - p.beta2) * g(0) * g(0);
                QVERIFY(std::abs(r.uncorrected[std::size_t(t)] - p.alpha * std::abs(m) / (std::sqrt(v) + s.epsilon))
                        < 1e-12 * p.alpha);
            }
        }
    }

    // E[m_t] = (1 - beta1^t) g and E[v_t] = (1 - beta2^t)(g^2 + sigma^2): over 2000 streams the
    // means lie within 4 standard errors at every step for 20 seeds, and within the 95 % interval
    // (1.96 se) for at least 15 of the 20 at step 10; the uncorrected E[m_1] = g is far outside.
    void noisyExpectation()
    {
        int insideM = 0, insideV = 0;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            BiasCorrectionParams p;
            p.seed = seed;
            p.sigma = 1.0;
            p.gradient = 0.5;
            p.steps = 50;
            p.streams = 2000;
            const BiasCorrectionResult r = runBiasCorrection(p);
            for (std::size_t i = 0; i < 50; ++i) {
                const double t = double(i + 1);
                QVERIFY(rel(r.expectedM[i], (1 - std::pow(0.9, t)) * 0.5) < 1e-12);
                QVERIFY(rel(r.expectedV[i], (1 - std::pow(0.999, t)) * 1.25) < 1e-12);
                QVERIFY(r.seM[i] > 0);
                QVERIFY2(std::abs(r.meanM[i] - r.expectedM[i]) < 4 * r.seM[i], qPrintable(QString::number(t)));
                QVERIFY(std::abs(r.meanV[i] - r.expectedV[i]) < 4 * r.seV[i]);
            }
            if (std::abs(r.meanM[9] - r.expectedM[9]) < 1.96 * r.seM[9]) ++insideM;
            if (std::abs(r.meanV[9] - r.expectedV[9]) < 1.96 * r.seV[9]) ++insideV;
            QVERIFY(std::abs(r.meanM[0] - 0.5) > 20 * r.seM[0]);   // the unbiased guess g fails
        }
        QVERIFY2(insideM >= 15, qPrintable(QString::number(insideM)));
        QVERIFY2(insideV >= 15, qPrintable(QString::number(insideV)));
    }

    // The Monte-Carlo means have the same bits for 1, 2, 3 and 8 threads.
    void sameWhateverTheThreads()
    {
        BiasCorrectionParams p;
        p.sigma = 1.5;
        p.streams = 1000;   // 16 blocks, the last one short
        p.steps = 40;
        const BiasCorrectionResult one = runBiasCorrection(p, Progress::none(), 1);
        for (unsigned threads : {2u, 3u, 8u}) {
            const BiasCorrectionResult r = runBiasCorrection(p, Progress::none(), threads);
            QVERIFY(r.meanM == one.meanM);
            QVERIFY(r.seM == one.seM);
            QVERIFY(r.meanV == one.meanV);
            QVERIFY(r.meanCorrected == one.meanCorrected);
            QVERIFY(r.meanUncorrected == one.meanUncorrected);
            QVERIFY(r.corrected == one.corrected);
        }
    }

    void badParams()
    {
        const std::vector<std::pair<const char*, void (*)(BiasCorrectionParams&)>> bad = {
            {"alpha", [](BiasCorrectionParams& p) { p.alpha = 0; }},
            {"alpha", [](BiasCorrectionParams& p) { p.alpha = NAN; }},
            {"beta1", [](BiasCorrectionParams& p) { p.beta1 = 1; }},
            {"beta1", [](BiasCorrectionParams& p) { p.beta1 = -0.1; }},
            {"beta2", [](BiasCorrectionParams& p) { p.beta2 = 1; }},
            {"epsilon", [](BiasCorrectionParams& p) { p.epsilon = 0; }},
            {"gradient", [](BiasCorrectionParams& p) { p.gradient = 0; }},
            {"gradient", [](BiasCorrectionParams& p) { p.gradient = INFINITY; }},
            {"sigma", [](BiasCorrectionParams& p) { p.sigma = -1; }},
            {"steps", [](BiasCorrectionParams& p) { p.steps = 0; }},
            {"streams", [](BiasCorrectionParams& p) { p.streams = 20001; }},
        };
        for (const auto& [name, spoil] : bad) {
            BiasCorrectionParams p;
            spoil(p);
            bool threw = false;
            try {
                runBiasCorrection(p);
            } catch (const std::invalid_argument& e) {
                threw = std::string(e.what()).find(name) != std::string::npos;
            }
            QVERIFY2(threw, name);
        }
        const ExperimentInfo* info = findExperiment("bias-correction");
        QVERIFY(info);
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*info, {{"beta2", "1"}}, 1, Progress::none()));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*info, {{"steps", "x"}}, 1, Progress::none()));
        QVERIFY_THROWS_EXCEPTION(ParameterError, runExperiment(*info, {{"nope", "1"}}, 1, Progress::none()));
    }

    void experimentRuns()
    {
        const ExperimentInfo* info = findExperiment("bias-correction");
        QVERIFY(info);
        const std::string json = runExperiment(*info, {{"streams", "50"}, {"sigma", "1"}}, 3, Progress::none());
        QVERIFY(json.find("\"experiment\":\"bias-correction\"") != std::string::npos);
        QVERIFY(json.find("\"meanM\":[") != std::string::npos);
        QVERIFY(json.find("null") == std::string::npos);
        QVERIFY(estimateExperimentWork(*info, {}) > 0);
    }

    // A cancelled run says so and leaves the means empty.
    void cancelled()
    {
        Progress progress;
        progress.cancel();
        BiasCorrectionParams p;
        const BiasCorrectionResult r = runBiasCorrection(p, progress);
        QVERIFY(r.cancelled);
        QVERIFY(r.meanM.empty());
    }
};

QTEST_GUILESS_MAIN(TestBiasCorrection)
#include "tst_biascorrection.moc"
