// The momentum lesson's exercises against the engine: each learner's expected answer is worked
// out here independently (integer arithmetic, the heavy ball's 2x2 iteration matrices, runs of
// the engine's optimizers on the engine's bowl) and must be accepted; every anticipated mistake
// must be caught with its own feedback, as plain text.
#include <QtTest>

#include <cmath>
#include <numeric>

#include <Eigen/Eigenvalues>

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

// The spectral radius of the heavy ball's iteration on one eigenvalue: the error pair
// (x_t, x_{t-1}) maps by [[1 + beta - lr lambda, -beta], [1, 0]] (Polyak 1964).
double heavyBallRadius(double lr, double beta, double lambda)
{
    Eigen::Matrix2d m;
    m << 1 + beta - lr * lambda, -beta, 1, 0;
    return m.eigenvalues().cwiseAbs().maxCoeff();
}

// Where the engine's optimizer ends after `steps` steps on the bowl from (1, 1).
double finalDistance(const QuadraticBowl& bowl, OptimizerKind kind, double lr, double beta, int steps)
{
    OptimizerSettings s;
    s.kind = kind;
    s.learningRate = lr;
    s.momentum = beta;
    Optimizer<Eigen::Vector2d> opt(s, 2);
    Eigen::Vector2d x(1, 1), at;
    for (int t = 0; t < steps && x.norm() < 1e12; ++t) {
        opt.lookahead(x, at);
        opt.step(x, bowl.gradient(at));
    }
    return x.norm();
}

} // namespace

class TestMomentumExercises : public QObject {
    Q_OBJECT

private slots:
    void everyExerciseAgainstTheEngine()
    {
        ExerciseCatalog catalog;
        QStringList errors;
        catalog.loadBuiltIn(&errors);
        for (const QString& e : errors) QVERIFY2(!e.contains(QStringLiteral("momentum")), qPrintable(e));
        const auto list = catalog.exercisesFor(QStringLiteral("momentum"));
        QVERIFY(list.size() >= 6);
        int checked = 0;
        QSet<QString> convergeAnswers;
        for (const QString& learner : {QStringLiteral("Ada"), QStringLiteral("Grace"), QStringLiteral("Alan")})
            for (int variant = 0; variant < 6; ++variant)
                for (const auto& e : list) {
                    QVERIFY(e->id.startsWith(QStringLiteral("momentum.")));
                    const ExerciseInstance inst = instantiate(*e, learner, variant);
                    QVERIFY2(inst.ok, qPrintable(e->id + QStringLiteral(": ") + inst.error));
                    QString right;
                    if (e->id.endsWith(QStringLiteral(".effective-rate"))) {
                        const long long a = std::llround(parameter(inst, "a") * 100);
                        const long long b = std::llround(parameter(inst, "b") * 100);
                        right = fraction(a, 100 - b);
                        // The engine's heavy ball in a constant slope: the step tends to a/(1 - b).
                        OptimizerSettings s;
                        s.kind = OptimizerKind::Momentum;
                        s.learningRate = a / 100.0;
                        s.momentum = b / 100.0;
                        Optimizer<Eigen::Vector2d> opt(s, 2);
                        Eigen::Vector2d x(0, 0), before;
                        for (int t = 0; t < 3000; ++t) {
                            before = x;
                            opt.step(x, Eigen::Vector2d(1, 0));
                        }
                        QVERIFY(std::fabs((before - x).x() - double(a) / double(100 - b)) < 1e-12);
                    } else if (e->id.endsWith(QStringLiteral(".best-step"))) {
                        const long long g1 = std::llround(parameter(inst, "g1")), g2 = std::llround(parameter(inst, "g2"));
                        const long long p = std::llround(parameter(inst, "p")), q = std::llround(parameter(inst, "q")),
                                        r = std::llround(parameter(inst, "r"));
                        const long long gg = g1 * g1 + g2 * g2, ghg = p * g1 * g1 + 2 * q * g1 * g2 + r * g2 * g2;
                        right = fraction(gg, ghg);
                        // The loss along -g of 1/2 x^T H x from x0 = H^-1 g (where the gradient
                        // is g) is lowest at that step: a finer grid finds no lower point.
                        Eigen::Matrix2d h;
                        h << double(p), double(q), double(q), double(r);
                        const Eigen::Vector2d g{double(g1), double(g2)};
                        const Eigen::Vector2d x0 = h.ldlt().solve(g);
                        auto loss = [&](double eps) {
                            const Eigen::Vector2d x = x0 - eps * g;
                            return 0.5 * x.dot(h * x);
                        };
                        const double best = double(gg) / double(ghg);
                        for (double d : {-1e-3, 1e-3, -0.1, 0.1}) QVERIFY(loss(best + d) > loss(best));
                    } else if (e->id.endsWith(QStringLiteral(".best-beta")) || e->id.endsWith(QStringLiteral(".rate"))) {
                        const double k = parameter(inst, "k");
                        const long long m = std::llround(std::sqrt(k));
                        QCOMPARE(double(m * m), k);
                        const bool beta = e->id.endsWith(QStringLiteral(".best-beta"));
                        right = beta ? fraction((m - 1) * (m - 1), (m + 1) * (m + 1)) : fraction(m - 1, m + 1);
                        // At alpha* = (2/(sqrt(k) + 1))^2 and beta* every eigenvalue of the
                        // iteration on lambda = 1 and lambda = k has modulus sqrt(beta*), the rate.
                        const double alphaStar = std::pow(2.0 / (double(m) + 1.0), 2);
                        const double betaStar = std::pow((double(m) - 1.0) / (double(m) + 1.0), 2);
                        for (double lambda : {1.0, k, 0.5 * (1 + k)})
                            QVERIFY(std::fabs(heavyBallRadius(alphaStar, betaStar, lambda) - std::sqrt(betaStar)) < 1e-6);
                        // Any other beta at alpha* is slower on one of the two ends.
                        for (double other : {0.8 * betaStar, std::min(0.999, 1.2 * betaStar)})
                            QVERIFY(std::max(heavyBallRadius(alphaStar, other, 1), heavyBallRadius(alphaStar, other, k))
                                    > std::sqrt(betaStar) + 1e-4);
                    } else if (e->id.endsWith(QStringLiteral(".angle"))) {
                        const double a = parameter(inst, "a"), c = parameter(inst, "c");
                        const double x = parameter(inst, "x"), y = parameter(inst, "y");
                        const double degree = 180.0 / 3.14159265358979323846;
                        const double angle = std::fabs(std::atan2(c * y, a * x) - std::atan2(y, x)) * degree;
                        QVERIFY(angle > 0 && angle < 90);
                        right = QString::number(angle, 'f', 2);
                        QCOMPARE(checkInstance(inst, QString::number(angle + 0.45, 'f', 2)).verdict, answers::Verdict::Correct);
                        QCOMPARE(checkInstance(inst, QString::number(angle - 0.7, 'f', 2)).verdict, answers::Verdict::Wrong);
                    } else if (e->id.endsWith(QStringLiteral(".converges"))) {
                        const double L = parameter(inst, "L"), a = parameter(inst, "a"), b = parameter(inst, "b");
                        const QuadraticBowl bowl(1.0, L);
                        QStringList methods;
                        if (finalDistance(bowl, OptimizerKind::Momentum, a, b, 20000) < 1e-9) methods << QStringLiteral("momentum");
                        else QVERIFY(finalDistance(bowl, OptimizerKind::Momentum, a, b, 20000) > 1e6);
                        if (finalDistance(bowl, OptimizerKind::GradientDescent, a, 0, 20000) < 1e-9)
                            methods << QStringLiteral("gradient-descent");
                        else QVERIFY(finalDistance(bowl, OptimizerKind::GradientDescent, a, 0, 20000) > 1e6);
                        if (methods.isEmpty()) methods << QStringLiteral("neither");
                        right = methods.join(QStringLiteral(", "));
                        convergeAnswers.insert(right);
                    }
                    QVERIFY2(!right.isEmpty(), qPrintable(QStringLiteral("no reference answer for ") + e->id));
                    const auto r = checkInstance(inst, right);
                    QVERIFY2(r.verdict == answers::Verdict::Correct,
                             qPrintable(e->id + QStringLiteral(" for ") + learner + QStringLiteral(": ") + right
                                        + QStringLiteral(" -> ") + QString::fromStdString(r.feedback)));
                    for (const ExerciseMistake& m : e->mistakes) {
                        QString typed = substitute(m.answer, inst.parameters);
                        if (e->kind == answers::CheckKind::Number) {
                            std::string value, why;
                            QVERIFY2(answers::exactValue(m.answer.toStdString(), inst.key.parameters, &value, &why), why.c_str());
                            typed = QString::fromStdString(value);
                        }
                        const auto w = checkInstance(inst, typed);
                        QVERIFY2(w.verdict == answers::Verdict::Wrong, qPrintable(e->id + QStringLiteral(": ") + m.answer));
                        QCOMPARE(QString::fromStdString(w.feedback), plainText(substitute(m.feedback, inst.parameters)));
                    }
                    ++checked;
                }
        QCOMPARE(checked, 3 * 6 * int(list.size()));
        // The learners meet more than one verdict: the exercise is not a constant.
        QVERIFY2(convergeAnswers.size() >= 2, qPrintable(QStringList(convergeAnswers.values()).join(QStringLiteral(" | "))));
    }
};

QTEST_MAIN(TestMomentumExercises)
#include "tst_momentum_exercises.moc"
