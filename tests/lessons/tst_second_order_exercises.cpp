// The second-order lesson's exercises against the engine: each learner's expected answer is
// worked out here independently (integer arithmetic, the 2 x 2 solve, the directions' products
// through H, linear CG run on a matrix with exactly k distinct eigenvalues) and must be
// accepted; every anticipated mistake must be caught with its own feedback, as plain text.
#include <QtTest>

#include <cmath>
#include <numeric>

#include <Eigen/Dense>

#include "engine/experiments/newtonstep.h"
#include "engine/optim/linearcg.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisedraw.h"

using namespace minima;

namespace {

long long parameter(const ExerciseInstance& inst, const char* name)
{
    for (const auto& p : inst.parameters)
        if (p.first == QLatin1String(name)) return std::llround(p.second.toDouble());
    return 0;
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

} // namespace

class TestSecondOrderExercises : public QObject {
    Q_OBJECT

private slots:
    void everyExerciseAgainstTheEngine()
    {
        ExerciseCatalog catalog;
        QStringList errors;
        catalog.loadBuiltIn(&errors);
        for (const QString& e : errors) QVERIFY2(!e.contains(QStringLiteral("second-order")), qPrintable(e));
        const auto list = catalog.exercisesFor(QStringLiteral("second-order"));
        QCOMPARE(int(list.size()), 6);
        int checked = 0;
        for (const QString& learner : {QStringLiteral("Ada"), QStringLiteral("Grace"), QStringLiteral("Alan")})
            for (int variant = 0; variant < 6; ++variant)
                for (const auto& e : list) {
                    QVERIFY(e->id.startsWith(QStringLiteral("second-order.")));
                    const ExerciseInstance inst = instantiate(*e, learner, variant);
                    QVERIFY2(inst.ok, qPrintable(e->id + QStringLiteral(": ") + inst.error));
                    QString right;
                    if (e->id.endsWith(QStringLiteral(".hessian-entries"))) {
                        const long long n = parameter(inst, "n");
                        right = QString::number(n * n);
                        QCOMPARE(hessianCost(std::uint64_t(n)).entries, std::uint64_t(n * n));
                    } else if (e->id.endsWith(QStringLiteral(".hessian-bytes"))) {
                        const long long k = parameter(inst, "k");
                        right = QStringLiteral("8") + QString(int(2 * k), QLatin1Char('0'));
                        std::uint64_t n = 1;
                        for (long long i = 0; i < k; ++i) n *= 10;
                        QCOMPARE(QString::number(hessianCost(n).bytes), right);
                    } else if (e->id.endsWith(QStringLiteral(".newton-step"))) {
                        const long long p = parameter(inst, "p"), q = parameter(inst, "q"), r = parameter(inst, "r");
                        const long long u = parameter(inst, "u"), v = parameter(inst, "v");
                        right = fraction(r * u - q * v, p * r - q * q);
                        // One Newton step of the engine's kind from the learner's start lands there.
                        Eigen::Matrix2d h;
                        h << double(p), double(q), double(q), double(r);
                        const Eigen::Vector2d x0(double(parameter(inst, "x0")), double(parameter(inst, "y0")));
                        const Eigen::Vector2d g = h * x0 - Eigen::Vector2d(double(u), double(v));
                        const Eigen::Vector2d x1 = x0 - h.ldlt().solve(g);
                        QVERIFY(std::abs(x1.x() - double(r * u - q * v) / double(p * r - q * q)) < 1e-12);
                    } else if (e->id.endsWith(QStringLiteral(".cg-steps"))) {
                        const int n = int(parameter(inst, "n")), k = int(parameter(inst, "k"));
                        right = QString::number(k);
                        // CG on an n x n matrix with exactly k distinct eigenvalues in [1, 100] is done after k
                        // steps (to rounding: 2e-8 of the start's residual at worst here), not after k - 1.
                        const Eigen::MatrixXd a = matrixWithEigenvalues(clusteredEigenvalues(n, k, 1, 100, 0, 7), 11);
                        const Eigen::VectorXd b = Eigen::VectorXd::Ones(n);
                        const QuadraticRun run = linearConjugateGradient(a, b, Eigen::VectorXd::Zero(n), k, 0, false);
                        QCOMPARE(run.iterations, k);
                        QVERIFY2(run.residualNorms.back() < 1e-6 * run.residualNorms.front(), qPrintable(QStringLiteral("n = %1, k = %2: %3").arg(n).arg(k).arg(run.residualNorms.back() / run.residualNorms.front())));
                        const QuadraticRun fewer = linearConjugateGradient(a, b, Eigen::VectorXd::Zero(n), k - 1, 0, false);
                        QVERIFY2(fewer.residualNorms.back() > 1e-4 * fewer.residualNorms.front(), qPrintable(QString::number(fewer.residualNorms.back() / fewer.residualNorms.front())));
                    } else if (e->id.endsWith(QStringLiteral(".conjugate-pair"))) {
                        const double p = double(parameter(inst, "p")), q = double(parameter(inst, "q")),
                                     r = double(parameter(inst, "r"));
                        Eigen::Matrix2d h;
                        h << p, q, q, r;
                        const struct {
                            const char* id;
                            Eigen::Vector2d d1, d2;
                        } pairs[] = {{"pair1", {1, 0}, {-q, p}}, {"pair2", {0, 1}, {r, -q}}, {"pair3", {1, 0}, {0, 1}},
                                     {"pair4", {1, 1}, {1, -1}}, {"pair5", {1, 0}, {p, q}}};
                        QStringList conjugate;
                        for (const auto& pair : pairs)
                            if (pair.d1.dot(h * pair.d2) == 0) conjugate << QLatin1String(pair.id);
                        right = conjugate.join(QStringLiteral(", "));
                        QCOMPARE(right, QStringLiteral("pair1, pair2"));
                    } else if (e->id.endsWith(QStringLiteral(".lbfgs-memory"))) {
                        right = QString::number(2 * parameter(inst, "m") * parameter(inst, "n"));
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
                        }
                        const auto w = checkInstance(inst, typed);
                        QVERIFY2(w.verdict == answers::Verdict::Wrong, qPrintable(e->id + QStringLiteral(": ") + m.answer));
                        QCOMPARE(QString::fromStdString(w.feedback), plainText(substitute(m.feedback, inst.parameters)));
                    }
                    ++checked;
                }
        QCOMPARE(checked, 3 * 6 * 6);
    }

    // The forms a learner may type for the big answers: a power for the bytes, a product for L-BFGS.
    void answersTypedAsExpressions()
    {
        ExerciseCatalog catalog;
        QStringList errors;
        catalog.loadBuiltIn(&errors);
        for (const auto& e : catalog.exercisesFor(QStringLiteral("second-order"))) {
            const ExerciseInstance inst = instantiate(*e, QStringLiteral("Ada"), 0);
            if (e->id.endsWith(QStringLiteral(".hessian-bytes"))) {
                const long long k = parameter(inst, "k");
                QCOMPARE(checkInstance(inst, QStringLiteral("8*10^%1").arg(2 * k)).verdict, answers::Verdict::Correct);
                QCOMPARE(checkInstance(inst, QStringLiteral("8*(10^%1)^2").arg(k)).verdict, answers::Verdict::Correct);
                QCOMPARE(checkInstance(inst, QStringLiteral("8*10^%1").arg(2 * k + 1)).verdict, answers::Verdict::Wrong);
            } else if (e->id.endsWith(QStringLiteral(".lbfgs-memory"))) {
                const long long m = parameter(inst, "m"), n = parameter(inst, "n");
                QCOMPARE(checkInstance(inst, QStringLiteral("2*%1*%2").arg(m).arg(n)).verdict, answers::Verdict::Correct);
            } else if (e->id.endsWith(QStringLiteral(".conjugate-pair"))) {
                QCOMPARE(checkInstance(inst, QStringLiteral("pair2, pair1")).verdict, answers::Verdict::Correct);
                QCOMPARE(checkInstance(inst, QStringLiteral("pair1, pair2, pair5")).verdict, answers::Verdict::Wrong);
            }
        }
    }
};

QTEST_MAIN(TestSecondOrderExercises)
#include "tst_second_order_exercises.moc"
