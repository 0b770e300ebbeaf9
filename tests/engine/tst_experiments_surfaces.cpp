#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/experiments/basins.h"
#include "engine/experiments/catalog.h"
#include "engine/experiments/convexity.h"
#include "engine/common/random.h"
#include "engine/experiments/escape.h"
#include "engine/experiments/optimize.h"

using namespace minima;

namespace {

QJsonObject runJson(const std::string& name, const std::map<std::string, std::string>& settings, std::uint64_t seed = 1)
{
    const ExperimentInfo* info = findExperiment(name);
    if (!info) qFatal("no experiment %s", name.c_str());
    Progress progress;
    const std::string text = runExperiment(*info, settings, seed, progress);
    const QByteArray bytes = QByteArray::fromStdString(text);
    if (bytes.contains("nan") || bytes.contains("inf")) qFatal("non-finite number in %s", name.c_str());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) qFatal("invalid JSON from %s", name.c_str());
    return doc.object();
}

} // namespace

class TestExperimentsSurfaces : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { qunsetenv("MINIMA_THREADS"); }

    void listedInTheCatalog()
    {
        for (const char* name : {"optimize", "basins", "escape", "convexity"}) {
            const ExperimentInfo* info = findExperiment(name);
            QVERIFY2(info, name);
            QVERIFY(!info->summary.empty());
            QVERIFY(experimentHelp(*info).find("Keys:") != std::string::npos);
        }
    }

    void badSettingsThrowParameterError_data()
    {
        QTest::addColumn<QString>("experiment");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("optimize: unknown key") << "optimize" << "speed" << "1";
        QTest::newRow("optimize: unknown surface") << "optimize" << "surface" << "plateau";
        QTest::newRow("optimize: unknown optimizer") << "optimize" << "optimizer" << "lbfgs";
        QTest::newRow("optimize: text rate") << "optimize" << "lr" << "fast";
        QTest::newRow("optimize: negative rate") << "optimize" << "lr" << "-0.1";
        QTest::newRow("optimize: momentum 1") << "optimize" << "momentum" << "1";
        QTest::newRow("optimize: start with one number") << "optimize" << "start" << "1";
        QTest::newRow("optimize: NaN start") << "optimize" << "start" << "nan,1";
        QTest::newRow("optimize: negative steps") << "optimize" << "steps" << "-1";
        QTest::newRow("basins: zero grid") << "basins" << "grid" << "0";
        QTest::newRow("basins: zero rate") << "basins" << "lr" << "0";
        QTest::newRow("basins: labels maybe") << "basins" << "labels" << "maybe";
        QTest::newRow("escape: zero batch") << "escape" << "batches" << "0,4";
        QTest::newRow("escape: empty batch list") << "escape" << "batches" << "";
        QTest::newRow("escape: zero depth") << "escape" << "shallow" << "0";
        QTest::newRow("escape: no runs") << "escape" << "runs" << "0";
        QTest::newRow("escape: infinite rate") << "escape" << "lr" << "inf";
        QTest::newRow("convexity: unknown function") << "convexity" << "function" << "tan";
        QTest::newRow("convexity: no chords") << "convexity" << "chords" << "0";
    }
    void badSettingsThrowParameterError()
    {
        QFETCH(QString, experiment);
        QFETCH(QString, key);
        QFETCH(QString, value);
        const ExperimentInfo* info = findExperiment(experiment.toStdString());
        QVERIFY(info);
        Progress progress;
        QVERIFY_THROWS_EXCEPTION(ParameterError,
                                 runExperiment(*info, {{key.toStdString(), value.toStdString()}}, 1, progress));
    }

    void optimizeReachesAHimmelblauMinimum()
    {
        const QJsonObject o = runJson("optimize", {{"surface", "himmelblau"}, {"lr", "0.01"}, {"steps", "2000"}});
        QCOMPARE(o["status"].toString(), QString("converged"));
        QVERIFY(o["divergedAtStep"].isNull());
        const QJsonArray p = o["final"].toObject()["point"].toArray();
        const double x = p[0].toDouble(), y = p[1].toDouble();
        // Literature minima, f = 0.
        const double known[4][2] = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        bool near = false;
        for (const auto& k : known) near |= std::hypot(x - k[0], y - k[1]) < 1e-4;
        QVERIFY(near);
        QVERIFY(o["final"].toObject()["value"].toDouble() < 1e-8);
        const QJsonObject t = o["trajectory"].toObject();
        QCOMPARE(t["x"].toArray().size(), o["steps"].toInt() + 1);
        QCOMPARE(t["loss"].toArray().size(), t["y"].toArray().size());
    }

    void optimizeReportsDivergence()
    {
        // Bowl with lambda2 = 10: GD diverges for lr > 2/10.
        const QJsonObject o = runJson("optimize", {{"surface", "bowl"}, {"lr", "0.25"}, {"steps", "100000"}, {"start", "1,1"}});
        QCOMPARE(o["status"].toString(), QString("diverged"));
        QVERIFY(o["divergedAtStep"].toInt() > 1);
        for (const auto& v : o["trajectory"].toObject()["loss"].toArray()) QVERIFY(v.isDouble());
        const QJsonObject huge = runJson("optimize", {{"surface", "rosenbrock"}, {"lr", "1000"}, {"optimizer", "momentum"}});
        QCOMPARE(huge["status"].toString(), QString("diverged"));
    }

    void optimizeEveryCombinationGivesValidJson_data()
    {
        QTest::addColumn<QString>("surface");
        QTest::addColumn<QString>("optimizer");
        for (const char* s : {"bowl", "himmelblau", "camel", "rosenbrock", "beale", "rastrigin", "terrain"})
            for (const char* o : {"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"})
                QTest::addRow("%s with %s", s, o) << QString(s) << QString(o);
    }
    void optimizeEveryCombinationGivesValidJson()
    {
        QFETCH(QString, surface);
        QFETCH(QString, optimizer);
        const QJsonObject o = runJson("optimize", {{"surface", surface.toStdString()}, {"optimizer", optimizer.toStdString()},
                                                   {"lr", "0.05"}, {"steps", "300"}});
        QVERIFY(o.contains("status"));
        QVERIFY(o["final"].toObject()["value"].isDouble());
    }

    void basinsSharesSumToOne_data()
    {
        QTest::addColumn<QString>("surface");
        QTest::addColumn<QString>("lr");
        QTest::newRow("himmelblau") << "himmelblau" << "0.005";
        QTest::newRow("camel") << "camel" << "0.01";
        QTest::newRow("bowl") << "bowl" << "0.05";
        QTest::newRow("terrain") << "terrain" << "0.1";
        QTest::newRow("bowl, diverging") << "bowl" << "0.5";
    }
    void basinsSharesSumToOne()
    {
        QFETCH(QString, surface);
        QFETCH(QString, lr);
        const QJsonObject o = runJson("basins", {{"surface", surface.toStdString()}, {"lr", lr.toStdString()}, {"grid", "24"}});
        double total = o["unconvergedShare"].toDouble() + o["divergedShare"].toDouble();
        for (const auto& m : o["minima"].toArray()) total += m.toObject()["share"].toDouble();
        QVERIFY(std::abs(total - 1.0) < 1e-12);
        if (surface == "bowl" && lr == "0.05") QCOMPARE(o["minima"].toArray()[0].toObject()["share"].toDouble(), 1.0);
    }

    void escapeShallowNotDeep()
    {
        const QJsonObject o = runJson("escape", {{"batches", "1,2,256"}, {"runs", "200"}});
        const QJsonArray rows = o["rows"].toArray();
        QCOMPARE(rows.size(), 3);
        const QJsonObject one = rows[0].toObject(), full = rows[2].toObject();
        QCOMPARE(one["batch"].toInt(), 1);
        QVERIFY(one["shallowEscape"].toDouble() > 0.8);
        QVERIFY(one["deepEscape"].toDouble() < 0.05);
        QVERIFY(one["shallowEscape"].toDouble() > one["deepEscape"].toDouble() + 0.7);
        QVERIFY(full["fullBatch"].toBool());
        QCOMPARE(full["shallowEscape"].toDouble(), 0.0);
        QCOMPARE(full["deepEscape"].toDouble(), 0.0);
        // Each probability carries its 95 % Wilson interval: 0 of 200 is [0, 0.0188].
        const QJsonArray none = full["shallowEscape95"].toArray();
        QCOMPARE(none.size(), 2);
        QCOMPARE(none[0].toDouble(), 0.0);
        QVERIFY(std::abs(none[1].toDouble() - 0.0188453) < 1e-6);
        const QJsonArray many = one["shallowEscape95"].toArray();
        QVERIFY(many[0].toDouble() < one["shallowEscape"].toDouble() && one["shallowEscape"].toDouble() < many[1].toDouble());
        // A shallower shallow well is left more often at batch 2.
        const QJsonObject shallower = runJson("escape", {{"batches", "2"}, {"shallow", "0.5"}});
        QVERIFY(shallower["rows"].toArray()[0].toObject()["shallowEscape"].toDouble()
                > rows[1].toObject()["shallowEscape"].toDouble());
        // The default list ends with the full batch.
        QVERIFY(findExperiment("escape")->keys[4].defaultValue.ends_with("256"));
    }

    void escapeDoesNotDependOnThreads()
    {
        const ExperimentInfo* info = findExperiment("escape");
        Progress progress;
        const std::map<std::string, std::string> s = {{"batches", "1,4,8"}, {"runs", "60"}, {"steps", "500"}};
        qputenv("MINIMA_THREADS", "1");
        const std::string one = runExperiment(*info, s, 9, progress);
        qputenv("MINIMA_THREADS", "2");
        const std::string two = runExperiment(*info, s, 9, progress);
        QCOMPARE(one, two);
        const std::string other = runExperiment(*info, s, 10, progress);
        QVERIFY(other != one);   // another seed, other batches
    }

    // The escape lab's paths and the measurement are one SGD (sgdOnLoss): a recorded path ends
    // where the unrecorded run of the same stream ends, and runEscape's counts are those of the
    // recorded runs drawn from escapeRunStream.
    void recordedPathEndsWhereTheMeasurementEnds()
    {
        EscapeParams p;
        p.batchSizes = {1, 2, 8, 1000};   // 1000 > N: the full batch
        p.runs = 30;
        p.steps = 600;
        p.seed = 5;
        const EscapeResult measured = runEscape(p);
        const ThreeMinimaLoss loss(p.loss);
        const int n = loss.sampleCount();
        const int starts[2] = {loss.minimumIndex("shallow"), loss.minimumIndex("deep")};
        std::vector<double> path;
        for (std::size_t b = 0; b < p.batchSizes.size(); ++b) {
            const int batch = std::min(p.batchSizes[b], n);
            int escapes[2] = {0, 0};
            int diverged = 0;
            for (std::size_t s = 0; s < 2; ++s)
                for (std::size_t i = 0; i < std::size_t(p.runs); ++i) {
                    const double from = loss.minima()[std::size_t(starts[s])].w;
                    const std::uint64_t stream = escapeRunStream(b, s, i, std::size_t(p.runs));
                    Rng plain = makeRng(p.seed, stream), recorded = makeRng(p.seed, stream);
                    const LossSgdRun end = sgdOnLoss(loss, from, batch, p.steps, p.learningRate, plain);
                    const LossSgdRun drawn = sgdOnLoss(loss, from, batch, p.steps, p.learningRate, recorded, &path);
                    QCOMPARE(drawn.w, end.w);
                    QCOMPARE(drawn.steps, end.steps);
                    QCOMPARE(drawn.diverged, end.diverged);
                    QCOMPARE(path.size(), std::size_t(drawn.steps) + 1);
                    QCOMPARE(path.front(), from);
                    QCOMPARE(path.back(), drawn.w);
                    QCOMPARE(plain(), recorded());   // both drew the same batches
                    const bool left = drawn.diverged || loss.basinOf(path.back()) != starts[s];
                    escapes[s] += left;
                    diverged += drawn.diverged;
                }
            const EscapeRow& row = measured.rows[b];
            QCOMPARE(row.batchSize, batch);
            QCOMPARE(row.shallowEscapes, escapes[0]);
            QCOMPARE(row.deepEscapes, escapes[1]);
            QCOMPARE(row.diverged, diverged);
        }
        // Not a vacuous agreement: batch 1 leaves the shallow minimum, the full batch never does.
        QVERIFY(measured.rows[0].shallowEscapes > p.runs / 2);
        QCOMPARE(measured.rows[3].shallowEscapes, 0);
    }

    // Divergence is one rule for the path and the measurement: a learning rate far past
    // stability diverges in both, and the path holds only finite points with |w| < 1e6.
    void divergenceIsDetectedAlike_data()
    {
        QTest::addColumn<double>("lr");
        QTest::addColumn<bool>("everyRun");
        QTest::newRow("lr 200: every run") << 200.0 << true;
        QTest::newRow("lr 50.7: some runs") << 50.7 << false;
    }
    void divergenceIsDetectedAlike()
    {
        QFETCH(double, lr);
        QFETCH(bool, everyRun);
        EscapeParams p;
        p.batchSizes = {1, 8};
        p.runs = 20;
        p.steps = 300;
        p.learningRate = lr;
        const EscapeResult measured = runEscape(p);
        const ThreeMinimaLoss loss(p.loss);
        const int starts[2] = {loss.minimumIndex("shallow"), loss.minimumIndex("deep")};
        std::vector<double> path;
        int total = 0;
        for (std::size_t b = 0; b < p.batchSizes.size(); ++b) {
            int diverged = 0;
            for (std::size_t s = 0; s < 2; ++s)
                for (std::size_t i = 0; i < std::size_t(p.runs); ++i) {
                    Rng rng = makeRng(p.seed, escapeRunStream(b, s, i, std::size_t(p.runs)));
                    const LossSgdRun r = sgdOnLoss(loss, loss.minima()[std::size_t(starts[s])].w, p.batchSizes[b],
                                                   p.steps, lr, rng, &path);
                    for (double w : path) QVERIFY2(std::isfinite(w) && std::abs(w) < kLossSgdLimit, qPrintable(QString::number(w)));
                    QCOMPARE(path.size(), std::size_t(r.steps) + 1);
                    QVERIFY(r.diverged ? r.steps < p.steps : r.steps == p.steps);
                    QCOMPARE(path.back(), r.w);
                    diverged += r.diverged;
                }
            QCOMPARE(measured.rows[b].diverged, diverged);
            if (everyRun) QCOMPARE(diverged, 2 * p.runs);
            total += diverged;
        }
        if (!everyRun) QVERIFY2(total > 0 && total < 2 * p.runs * int(p.batchSizes.size()), qPrintable(QString::number(total)));
        // The JSON of `minima run escape` carries no NaN or infinity either (runJson checks).
        const QJsonObject o = runJson("escape", {{"batches", "1,8"}, {"runs", "20"}, {"steps", "300"}, {"lr", QString::number(lr).toStdString()}});
        QCOMPARE(o["rows"].toArray()[0].toObject()["diverged"].toInt(), measured.rows[0].diverged);
    }

    // The lab's full-batch gradient descent is sgdOnLoss with B = N: every step takes all the
    // samples, so it is plain gradient descent on L (to rounding) and draws nothing.
    void fullBatchSgdIsPlainGradientDescent_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<double>("lr");
        QTest::newRow("shallow, lr 0.05") << "shallow" << 0.05;
        QTest::newRow("deep, lr 0.05") << "deep" << 0.05;
        QTest::newRow("off a minimum, lr 0.3") << "between" << 0.3;
    }
    void fullBatchSgdIsPlainGradientDescent()
    {
        QFETCH(QString, start);
        QFETCH(double, lr);
        const ThreeMinimaLoss loss;
        const double from = start == "between" ? loss.barriers()[0] + 0.05
                                               : loss.minima()[std::size_t(loss.minimumIndex(start.toStdString()))].w;
        const int steps = 2000;
        Rng rng = makeRng(3, 4), untouched = makeRng(3, 4);
        std::vector<double> path;
        const LossSgdRun r = sgdOnLoss(loss, from, loss.sampleCount(), steps, lr, rng, &path);
        QVERIFY(!r.diverged);
        QCOMPARE(r.steps, steps);
        QCOMPARE(path.size(), std::size_t(steps) + 1);
        double w = from;
        double moved = 0;
        for (int t = 0; t <= steps; ++t) {
            QVERIFY2(std::abs(path[std::size_t(t)] - w) <= 1e-12,
                     qPrintable(QStringLiteral("step %1: %2 vs %3").arg(t).arg(path[std::size_t(t)], 0, 'g', 17).arg(w, 0, 'g', 17)));
            moved = std::max(moved, std::abs(w - from));
            w -= lr * loss.gradient(w);
        }
        QCOMPARE(rng(), untouched());   // no batch was drawn
        if (start == "between") QVERIFY2(moved > 0.5, qPrintable(QString::number(moved)));   // it did descend
    }

    void convexityVerdicts_data()
    {
        QTest::addColumn<QString>("function");
        QTest::addColumn<bool>("convex");
        QTest::newRow("x^2") << "x2" << true;
        QTest::newRow("|x|") << "abs" << true;
        QTest::newRow("exp") << "exp" << true;
        QTest::newRow("relu") << "relu" << true;
        QTest::newRow("sin") << "sin" << false;
        QTest::newRow("x^4 - x^2") << "quartic" << false;
        QTest::newRow("saddle x^2 - y^2") << "saddle" << false;
        QTest::newRow("bowl") << "bowl" << true;
        QTest::newRow("himmelblau") << "himmelblau" << false;
        QTest::newRow("rastrigin") << "rastrigin" << false;
    }
    void convexityVerdicts()
    {
        QFETCH(QString, function);
        QFETCH(bool, convex);
        const QJsonObject o = runJson("convexity", {{"function", function.toStdString()}});
        QCOMPARE(o["verdict"].toString(), convex ? QString("convex") : QString("nonconvex"));
        if (convex) {
            QVERIFY(o["chord"].isNull());
            return;
        }
        // A counterexample chord: recompute the gap independently from the function's formula.
        QVERIFY(o["chord"].isObject());
        const QJsonObject c = o["chord"].toObject();
        const QJsonArray a = c["a"].toArray(), b = c["b"].toArray();
        QVERIFY(c["midpointGap"].toDouble() > 0);
        if (function == "saddle") {
            auto f = [](double x, double y) { return x * x - y * y; };
            const double ax = a[0].toDouble(), ay = a[1].toDouble(), bx = b[0].toDouble(), by = b[1].toDouble();
            const double gap = f((ax + bx) / 2, (ay + by) / 2) - (f(ax, ay) + f(bx, by)) / 2;
            QVERIFY(std::abs(gap - c["midpointGap"].toDouble()) < 1e-12);
            // For x^2 - y^2 the gap is (by - ay)^2 / 4 - (bx - ax)^2 / 4.
            QVERIFY(std::abs(gap - ((by - ay) * (by - ay) - (bx - ax) * (bx - ax)) / 4) < 1e-12);
            QVERIFY(o["negativeCurvature"].toObject()["eigenvalue"].toDouble() == -2.0);
        }
        if (function == "quartic") {
            auto f = [](double x) { return x * x * x * x - x * x; };
            const double ax = a[0].toDouble(), bx = b[0].toDouble();
            QVERIFY(f((ax + bx) / 2) - (f(ax) + f(bx)) / 2 > 0);
        }
    }

    void convexityOfATypedFunction()
    {
        // The GUI hands a learner's function over as a std::function.
        const auto cubic = checkConvexity([](double x) { return x * x * x; }, -1.0, 1.0, 2000, 4);
        QVERIFY(!cubic.convex && cubic.hasChord);
        const auto cubicRight = checkConvexity([](double x) { return x * x * x; }, 0.0, 2.0, 2000, 4);
        QVERIFY(cubicRight.convex);
        const auto logSumExp = checkConvexity(
            [](const Eigen::VectorXd& p) { return std::log(std::exp(p(0)) + std::exp(p(1))); },
            Eigen::Vector2d(-3, -3), Eigen::Vector2d(3, 3), 5000, 2);
        QVERIFY(logSumExp.convex);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, checkConvexity([](double x) { return x; }, 1.0, 1.0, 10, 1));
    }
};

QTEST_APPLESS_MAIN(TestExperimentsSurfaces)
#include "tst_experiments_surfaces.moc"
