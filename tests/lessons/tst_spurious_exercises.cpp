// The spurious-minima lesson's exercises against the engine: each learner's expected answer is
// worked out here by the engine the labs use (a Newton step, a saddle-free Newton step, gradient
// descent on and off the stable axis, the index of a spectrum) and must be accepted; every
// anticipated mistake must be caught with its own feedback, as plain text.
#include <QtTest>

#include <cmath>
#include <memory>

#include "engine/experiments/networkcritical.h"
#include "engine/experiments/randomhessians.h"
#include "engine/experiments/saddles.h"
#include "lessons/common/exercises/exercisecatalog.h"
#include "lessons/common/exercises/exercisedraw.h"

using namespace minima;

namespace {

// f = a x^2 - b y^2 + c y: a saddle at (0, c / (2 b)). Gradient (2 a x, -2 b y + c), Hessian
// diag(2 a, -2 b), worked by hand.
class ShiftedSaddle final : public Surface {
public:
    ShiftedSaddle(double a, double b, double c) : a_(a), b_(b), c_(c) {}
    std::string name() const override { return "saddle"; }
    double value(const Point2& p) const override { return a_ * p.x() * p.x() - b_ * p.y() * p.y() + c_ * p.y(); }
    Point2 gradient(const Point2& p) const override { return {2 * a_ * p.x(), -2 * b_ * p.y() + c_}; }
    Eigen::Matrix2d hessian(const Point2&) const override
    {
        Eigen::Matrix2d h;
        h << 2 * a_, 0, 0, -2 * b_;
        return h;
    }
    Domain domain() const override { return {-10, 10, -10, 10}; }
    Point2 defaultStart() const override { return {1, 1}; }
    std::vector<KnownPoint> knownPoints() const override
    {
        return {{Point2(0, c_ / (2 * b_)), 0.0, PointKind::Saddle, false}};
    }

private:
    double a_, b_, c_;
};

double parameter(const ExerciseInstance& inst, const char* name)
{
    for (const auto& p : inst.parameters)
        if (p.first == QLatin1String(name)) return p.second.toDouble();
    return NAN;
}

// The last point of one run of `method` from `start`, `steps` steps long.
Point2 runFrom(const Surface& s, SaddleMethod method, const Point2& start, int steps, double lr = 0.01)
{
    SaddleSettings settings;
    settings.steps = steps;
    settings.learningRate = lr;
    settings.radius = 5;
    return runSaddleMethod("saddle", s, method, start, settings).final;
}

QString exact(double v)
{
    // The reference answers here are integers or halves, quarters... of small integers: the
    // shortest round-trip decimal is exact.
    return QString::number(v, 'g', 17);
}

} // namespace

class TestSpuriousExercises : public QObject {
    Q_OBJECT

private slots:
    void everyExerciseAgainstTheEngine()
    {
        ExerciseCatalog catalog;
        QStringList errors;
        catalog.loadBuiltIn(&errors);
        for (const QString& e : errors) QVERIFY2(!e.contains(QStringLiteral("spurious-minima")), qPrintable(e));
        const auto list = catalog.exercisesFor(QStringLiteral("spurious-minima"));
        QVERIFY(list.size() >= 5);
        int checked = 0;
        for (const QString& learner : {QStringLiteral("Ada"), QStringLiteral("Grace"), QStringLiteral("Alan")})
            for (int variant = 0; variant < 4; ++variant)
                for (const auto& e : list) {
                    QVERIFY(e->id.startsWith(QStringLiteral("spurious-minima.")));
                    const ExerciseInstance inst = instantiate(*e, learner, variant);
                    QVERIFY2(inst.ok, qPrintable(e->id + QStringLiteral(": ") + inst.error));
                    const double a = parameter(inst, "a"), b = parameter(inst, "b"), c = parameter(inst, "c");
                    const double x0 = parameter(inst, "x0"), y0 = parameter(inst, "y0");
                    QString right;
                    if (e->id.endsWith(QStringLiteral(".coin-flip"))) {
                        const int d = int(parameter(inst, "d"));
                        right = QStringLiteral("1/%1").arg(1LL << d);
                        // The lab's coin-flip curve says the same.
                        GoeParams p;
                        p.minDimension = d;
                        p.maxDimension = d;
                        p.samples = 1000;
                        Progress progress;
                        const GoeResult r = runGoe(p, progress);
                        QCOMPARE(r.rows.size(), std::size_t(1));
                        QCOMPARE(r.rows.front().coinFlip, std::ldexp(1.0, -d));
                    } else if (e->id.endsWith(QStringLiteral(".saddle-facts"))) {
                        // Worked out by running the methods on a x^2 - b y^2.
                        const ShiftedSaddle s(a, b, 0);
                        QStringList facts{QStringLiteral("saddle")};
                        const double lr = 0.5 / (2 * std::max(a, b));   // stable along x
                        if (runFrom(s, SaddleMethod::GradientDescent, {1.5, 0.0}, 2000, lr).norm() < 1e-9)
                            facts << QStringLiteral("on-axis-converges");
                        if (runFrom(s, SaddleMethod::GradientDescent, {1.5, 1e-9}, 100000, lr).norm() >= 5)
                            facts << QStringLiteral("off-axis-leaves");
                        bool lands = true;
                        for (const Point2& start : {Point2(1.5, 0.3), Point2(-2, -4), Point2(0.1, 7)})
                            lands = lands && runFrom(s, SaddleMethod::Newton, start, 1).norm() < 1e-12;
                        if (lands) facts << QStringLiteral("newton-lands");
                        right = facts.join(QStringLiteral(", "));
                        QCOMPARE(facts.size(), 4);
                    } else if (e->id.endsWith(QStringLiteral(".newton-step"))) {
                        const Point2 p = runFrom(ShiftedSaddle(a, b, c), SaddleMethod::Newton, {x0, y0}, 1);
                        QVERIFY(std::fabs(p.y() - c / (2 * b)) < 1e-12);
                        QVERIFY(std::fabs(p.x()) < 1e-12);
                        right = QStringLiteral("%1/%2").arg(c).arg(2 * b);
                    } else if (e->id.endsWith(QStringLiteral(".saddle-free-step"))) {
                        const Point2 p = runFrom(ShiftedSaddle(a, b, 0), SaddleMethod::SaddleFreeNewton, {x0, y0}, 1);
                        QVERIFY(std::fabs(p.x()) < 1e-12);
                        right = exact(p.y());
                        QCOMPARE(p.y(), 2 * y0);
                    } else if (e->id.endsWith(QStringLiteral(".index"))) {
                        std::vector<double> eigenvalues;
                        for (const char* n : {"e1", "e2", "e3", "e4", "e5", "e6"}) eigenvalues.push_back(parameter(inst, n));
                        const HessianIndex index = hessianIndex(eigenvalues);
                        QCOMPARE(index.flat, 0);
                        right = QStringLiteral("%1/6").arg(index.negative);
                        QCOMPARE(index.index, index.negative / 6.0);
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
        QCOMPARE(checked, 3 * 4 * int(list.size()));
    }

    // The feedback never shows a sign pasted onto a sign ("+-5", "·-5"): the formulas in the
    // texts are written in y, with the learner's numbers only where a sign cannot clash.
    void feedbackReadsCleanlyForNegativeStarts()
    {
        ExerciseCatalog catalog;
        catalog.loadBuiltIn(nullptr);
        int negative = 0;
        for (const auto& e : catalog.exercisesFor(QStringLiteral("spurious-minima")))
            for (int variant = 0; variant < 12; ++variant) {
                const ExerciseInstance inst = instantiate(*e, QStringLiteral("Ada"), variant);
                QVERIFY(inst.ok);
                if (parameter(inst, "y0") < 0) ++negative;
                QStringList texts{inst.prompt, inst.solution};
                for (const ExerciseMistake& m : e->mistakes) texts << plainText(substitute(m.feedback, inst.parameters));
                for (const QString& t : texts)
                    for (const char* clash : {"+-", "·-", "−-"})
                        QVERIFY2(!t.contains(QString::fromUtf8(clash)), qPrintable(e->id + QStringLiteral(": ") + t));
            }
        QVERIFY(negative > 0);   // the check saw negative starts
    }
};

QTEST_MAIN(TestSpuriousExercises)
#include "tst_spurious_exercises.moc"
