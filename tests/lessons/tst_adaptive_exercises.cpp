// The adaptive-rates lesson's exercises against the engine: each learner's expected answer is
// worked out here in exact integer arithmetic and checked against the engine's own optimizers
// (AdaGrad's and RMSProp's steps under a constant gradient, Adam's first step, the paths of all
// six on a bowl and on the same bowl turned); it must be accepted, and every anticipated mistake
// must be caught with its own feedback, as plain text.
#include <QRegularExpression>
#include <QtTest>

#include <cmath>
#include <numeric>

#include <Eigen/Core>

#include "engine/optim/optimizer.h"
#include "engine/surfaces/analytic.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisedraw.h"

using namespace minima;

namespace {

double parameter(const ExerciseInstance& inst, const char* name)
{
    for (const auto& p : inst.parameters)
        if (p.first == QLatin1String(name)) return p.second.toDouble();
    return NAN;
}

QString fraction(long long num, long long den)
{
    const long long g = std::gcd(num, den);
    num /= g;
    den /= g;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    return den == 1 ? QString::number(num) : QStringLiteral("%1/%2").arg(num).arg(den);
}

long long power(long long b, long long e)
{
    long long r = 1;
    for (long long i = 0; i < e; ++i) r *= b;
    return r;
}

// The steps of the engine's optimizer under a constant gradient g in both coordinates.
std::vector<double> constantGradientSteps(OptimizerSettings s, double g, int steps)
{
    s.epsilon = 1e-300;
    Optimizer<Eigen::Vector2d> opt(s, 2);
    Eigen::Vector2d x(0, 0), before;
    std::vector<double> out;
    for (int t = 0; t < steps; ++t) {
        before = x;
        opt.step(x, Eigen::Vector2d(g, g));
        out.push_back(before.x() - x.x());
    }
    return out;
}

// The path of `kind` on the bowl turned by `angle` from the start turned by the same angle,
// turned back: the same path for every angle if the method does not care about rotation.
std::vector<Eigen::Vector2d> pathTurnedBack(OptimizerKind kind, double angle, int steps)
{
    OptimizerSettings s;
    s.kind = kind;
    s.learningRate = kind == OptimizerKind::GradientDescent || kind == OptimizerKind::Momentum
                             || kind == OptimizerKind::Nesterov
                         ? 0.05
                         : 0.1;
    const QuadraticBowl bowl(1.0, 10.0, angle);
    Eigen::Matrix2d r;
    r << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle);
    Optimizer<Eigen::Vector2d> opt(s, 2);
    Eigen::Vector2d x = r * Eigen::Vector2d(2.0, 1.0), at;
    std::vector<Eigen::Vector2d> out;
    for (int t = 0; t < steps; ++t) {
        opt.lookahead(x, at);
        opt.step(x, bowl.gradient(at));
        out.push_back(r.transpose() * x);
    }
    return out;
}

} // namespace

class TestAdaptiveExercises : public QObject {
    Q_OBJECT

private slots:
    void everyExerciseAgainstTheEngine()
    {
        ExerciseCatalog catalog;
        QStringList errors;
        catalog.loadBuiltIn(&errors);
        for (const QString& e : errors) QVERIFY2(!e.contains(QStringLiteral("adaptive-rates")), qPrintable(e));
        const auto list = catalog.exercisesFor(QStringLiteral("adaptive-rates"));
        QCOMPARE(int(list.size()), 5);
        int checked = 0;
        for (const QString& learner : {QStringLiteral("Ada"), QStringLiteral("Grace"), QStringLiteral("Alan")})
            for (int variant = 0; variant < 6; ++variant)
                for (const auto& e : list) {
                    QVERIFY(e->id.startsWith(QStringLiteral("adaptive-rates.")));
                    const ExerciseInstance inst = instantiate(*e, learner, variant);
                    QVERIFY2(inst.ok, qPrintable(e->id + QStringLiteral(": ") + inst.error));
                    QString right;
                    if (e->id.endsWith(QStringLiteral(".adagrad-rate"))) {
                        const long long g = std::llround(parameter(inst, "g"));
                        const long long lr = std::llround(parameter(inst, "lr") * 100);
                        right = QStringLiteral("(%1)/(%2*sqrt(t))").arg(fraction(lr, 100)).arg(g);
                        OptimizerSettings s;
                        s.kind = OptimizerKind::AdaGrad;
                        s.learningRate = double(lr) / 100;
                        const auto steps = constantGradientSteps(s, double(g), 60);
                        for (int t = 1; t <= 60; ++t)
                            QVERIFY(std::abs(steps[std::size_t(t - 1)] / double(g) - s.learningRate / (double(g) * std::sqrt(double(t))))
                                    < 1e-15);
                    } else if (e->id.endsWith(QStringLiteral(".bias-factor"))) {
                        const long long b = std::llround(parameter(inst, "b") * 10), t = std::llround(parameter(inst, "t"));
                        right = fraction(power(10, t) - power(b, t), power(10, t));
                        // The recursion itself from m_0 = 0 with E[g] = 1.
                        double m = 0;
                        for (long long i = 0; i < t; ++i) m = double(b) / 10 * m + (1 - double(b) / 10);
                        QVERIFY(std::abs(m - double(power(10, t) - power(b, t)) / double(power(10, t))) < 1e-15);
                    } else if (e->id.endsWith(QStringLiteral(".rmsprop-average"))) {
                        const long long g = std::llround(parameter(inst, "g")), p = std::llround(parameter(inst, "p") * 10),
                                        t = std::llround(parameter(inst, "t"));
                        right = fraction((power(10, t) - power(p, t)) * g * g, power(10, t));
                        // The engine's RMSProp steps by lr g/sqrt(r): r from the t-th step.
                        OptimizerSettings s;
                        s.kind = OptimizerKind::RMSProp;
                        s.rho = double(p) / 10;
                        s.learningRate = 0.01;
                        const auto steps = constantGradientSteps(s, double(g), int(t));
                        const double r = std::pow(s.learningRate * double(g) / steps.back(), 2);
                        QVERIFY(std::abs(r - double((power(10, t) - power(p, t)) * g * g) / double(power(10, t))) < 1e-12);
                    } else if (e->id.endsWith(QStringLiteral(".rotation"))) {
                        QStringList same;
                        for (OptimizerKind k : {OptimizerKind::GradientDescent, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                                OptimizerKind::AdaGrad, OptimizerKind::RMSProp, OptimizerKind::Adam}) {
                            const auto straight = pathTurnedBack(k, 0.0, 50);
                            double apart = 0;
                            for (double angle : {0.3, 0.7853981633974483, 2.0}) {
                                const auto turned = pathTurnedBack(k, angle, 50);
                                for (std::size_t i = 0; i < straight.size(); ++i) apart = std::max(apart, (turned[i] - straight[i]).norm());
                            }
                            if (apart < 1e-10) same << QString::fromStdString(optimizerKey(k));
                            else QVERIFY2(apart > 1e-3, qPrintable(QString::fromStdString(optimizerKey(k))));
                        }
                        right = same.join(QStringLiteral(", "));
                        QCOMPARE(right, QStringLiteral("gd, momentum, nesterov"));
                    } else if (e->id.endsWith(QStringLiteral(".uncorrected-step"))) {
                        const long long a = std::llround(parameter(inst, "a") * 1000), b = std::llround(parameter(inst, "b") * 100);
                        right = fraction(a * (100 - b), 10000);
                        // The engine's Adam, corrected, steps exactly alpha first; uncorrected is
                        // (1 - b1)/sqrt(1 - b2) times that.
                        OptimizerSettings s = adamDefaults();
                        s.learningRate = double(a) / 1000;
                        s.beta1 = double(b) / 100;
                        s.beta2 = 0.99;
                        const double first = constantGradientSteps(s, 0.37, 1).front();
                        QVERIFY(std::abs(first - s.learningRate) < 1e-15);
                        QVERIFY(std::abs(first * (1 - s.beta1) / std::sqrt(1 - s.beta2) - double(a * (100 - b)) / 10000) < 1e-12);
                    }
                    QVERIFY2(!right.isEmpty(), qPrintable(QStringLiteral("no reference answer for ") + e->id));
                    const auto result = checkInstance(inst, right);
                    QVERIFY2(result.verdict == answers::Verdict::Correct,
                             qPrintable(e->id + QStringLiteral(" for ") + learner + QStringLiteral(": ") + right
                                        + QStringLiteral(" -> ") + QString::fromStdString(result.feedback)));
                    for (const ExerciseMistake& m : e->mistakes) {
                        QString typed = substitute(m.answer, inst.parameters);
                        if (e->kind == answers::CheckKind::Number || e->kind == answers::CheckKind::Integer) {
                            std::string value, why;
                            QVERIFY2(answers::exactValue(m.answer.toStdString(), inst.key.parameters, &value, &why), why.c_str());
                            typed = QString::fromStdString(value);
                        } else if (e->kind == answers::CheckKind::Expression) {
                            for (const auto& p : inst.parameters)
                                typed.replace(QRegularExpression(QStringLiteral("\\b%1\\b").arg(p.first)), QStringLiteral("(%1)").arg(p.second));
                        }
                        const auto w = checkInstance(inst, typed);
                        QVERIFY2(w.verdict == answers::Verdict::Wrong, qPrintable(e->id + QStringLiteral(": ") + m.answer + QStringLiteral(" typed as ") + typed));
                        QCOMPARE(QString::fromStdString(w.feedback), plainText(substitute(m.feedback, inst.parameters)));
                    }
                    ++checked;
                }
        QCOMPARE(checked, 3 * 6 * 5);
    }
};

QTEST_MAIN(TestAdaptiveExercises)
#include "tst_adaptive_exercises.moc"
