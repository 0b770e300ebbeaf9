// Typed formulas evaluated at real points (engine/answers/evaluate.h): values worked out by
// hand or from the C library, the reading's precedence kept, bad names refused, and
// undefined points giving NaN instead of throwing.
#include <QtTest>

#include <cmath>
#include <numbers>

#include "engine/answers/evaluate.h"

using namespace minima::answers;

class TestEvaluate : public QObject {
    Q_OBJECT
private slots:
    void oneVariable_data();
    void oneVariable();
    void twoVariables();
    void constants();
    void undefinedPointsAreNaN();
    void refused_data();
    void refused();
    void usesOnlyTheVariablesTyped();
};

void TestEvaluate::oneVariable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("expected");
    QTest::newRow("square") << "x^2" << 1.5 << 2.25;
    QTest::newRow("python power") << "x**3" << -2.0 << -8.0;
    QTest::newRow("quartic") << "x^4 - x^2" << 0.5 << 0.0625 - 0.25;
    QTest::newRow("juxtaposition") << "3x" << 2.0 << 6.0;
    QTest::newRow("one half x") << "1/2x" << 4.0 << 2.0;
    QTest::newRow("minus binds looser than power") << "-x^2" << 3.0 << -9.0;
    QTest::newRow("power right associative") << "2^x^2" << 2.0 << 16.0;
    QTest::newRow("abs") << "abs(x)" << -0.75 << 0.75;
    QTest::newRow("exp") << "exp(x)" << 1.0 << std::numbers::e;
    QTest::newRow("ln") << "ln(x)" << std::numbers::e << 1.0;
    QTest::newRow("sqrt") << "sqrt(x)" << 2.25 << 1.5;
    QTest::newRow("factorial whole") << "x!" << 5.0 << 120.0;
    QTest::newRow("factorial half: Gamma(3/2) = sqrt(pi)/2") << "x!" << 0.5 << std::sqrt(std::numbers::pi) / 2;
    QTest::newRow("binomial") << "binomial(x, 2)" << 6.0 << 15.0;
    QTest::newRow("scientific") << "7.5e-1 x" << 2.0 << 1.5;
    QTest::newRow("unicode minus and dot") << "x\u00b7x \u2212 1" << 3.0 << 8.0;
}

void TestEvaluate::oneVariable()
{
    QFETCH(QString, text);
    QFETCH(double, x);
    QFETCH(double, expected);
    const TypedFunction f = readFunction(text.toStdString(), {"x"});
    QVERIFY2(f.ok, f.error.c_str());
    QVERIFY(std::abs(f.function(x) - expected) <= 1e-12 * std::max(1.0, std::abs(expected)));
}

void TestEvaluate::twoVariables()
{
    const TypedFunction f = readFunction("x^2 - y^2 + x y", {"x", "y"});
    QVERIFY2(f.ok, f.error.c_str());
    QCOMPARE(f.function(3.0, 2.0), 9.0 - 4.0 + 6.0);
    QCOMPARE(f.function(-1.0, 0.5), 1.0 - 0.25 - 0.5);
    const double v[2] = {0.0, 4.0};
    QCOMPARE(f.function(v), -16.0);
    QCOMPARE(f.function.variableCount(), 2);
    // Himmelblau at its minimum (3, 2): 0.
    const TypedFunction h = readFunction("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", {"x", "y"});
    QVERIFY(h.ok);
    QCOMPARE(h.function(3.0, 2.0), 0.0);
}

void TestEvaluate::constants()
{
    const TypedFunction f = readFunction("pi x + e", {"x"});
    QVERIFY2(f.ok, f.error.c_str());
    QCOMPARE(f.function(2.0), 2 * std::numbers::pi + std::numbers::e);
    QVERIFY(!f.uses[1]);
    // A variable named e is the variable, not the constant.
    const TypedFunction g = readFunction("e^2", {"e"});
    QVERIFY(g.ok);
    QCOMPARE(g.function(3.0), 9.0);
}

void TestEvaluate::undefinedPointsAreNaN()
{
    QVERIFY(std::isnan(readFunction("log(x)", {"x"}).function(-1.0)));
    QVERIFY(std::isnan(readFunction("sqrt(x)", {"x"}).function(-4.0)));
    QVERIFY(std::isinf(readFunction("1/x", {"x"}).function(0.0)));
    QVERIFY(std::isnan(RealFunction()(1.0)));
}

void TestEvaluate::refused_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("unknown name") << "z^2";
    QTest::newRow("unclosed") << "(x + 1";
    QTest::newRow("sin is not a known function") << "sin(x)";
    QTest::newRow("too long") << QString(3000, QLatin1Char('x'));
}

void TestEvaluate::refused()
{
    QFETCH(QString, text);
    const TypedFunction f = readFunction(text.toStdString(), {"x"});
    QVERIFY(!f.ok);
    QVERIFY(!f.error.empty());
    QVERIFY(!f.function.ok());
}

void TestEvaluate::usesOnlyTheVariablesTyped()
{
    const TypedFunction f = readFunction("x^2 + 1", {"x", "y"});
    QVERIFY(f.ok);
    QVERIFY(f.uses[0]);
    QVERIFY(!f.uses[1]);
    const TypedFunction g = readFunction("y^2", {"x", "y"});
    QVERIFY(!g.uses[0]);
    QVERIFY(g.uses[1]);
}

QTEST_APPLESS_MAIN(TestEvaluate)
#include "tst_evaluate.moc"
