#include <QtTest>

#include "engine/exercises/computations.h"

using namespace minima::exercises;

// The second-derivative test behind convexity.critical-point, against kinds worked out by
// hand from the eigenvalues of [[a, b], [b, c]].
class TestCriticalPoint : public QObject {
    Q_OBJECT
private slots:
    void kinds_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<QString>("c");
        QTest::addColumn<QString>("kind");
        // eigenvalues 2 and 3
        QTest::newRow("diagonal, both positive") << "2" << "0" << "3" << "minimum";
        // eigenvalues (-5 +- sqrt(5))/2, both negative
        QTest::newRow("both negative") << "-2" << "1" << "-3" << "maximum";
        // eigenvalues 3 and -1
        QTest::newRow("positive diagonal, still a saddle") << "1" << "2" << "1" << "saddle";
        // eigenvalues 4 and 0
        QTest::newRow("singular") << "2" << "2" << "2" << "undecided";
        // eigenvalues 1 and -1
        QTest::newRow("zero diagonal") << "0" << "1" << "0" << "saddle";
        // eigenvalues 0 and 5
        QTest::newRow("one zero eigenvalue") << "0" << "0" << "5" << "undecided";
        // eigenvalues 1/2 and 1/3
        QTest::newRow("fractions") << "1/2" << "0" << "1/3" << "minimum";
    }
    void kinds()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(QString, c);
        QFETCH(QString, kind);
        const Computed r = compute("critical-point-kind", {{"a", a.toStdString()}, {"b", b.toStdString()}, {"c", c.toStdString()}});
        QCOMPARE(int(r.kind), int(Computed::Kind::Choices));
        QCOMPARE(r.choices.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(r.choices.front()), kind);
    }

    void badArgumentsAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(ComputationError, compute("critical-point-kind", {{"a", "x"}, {"b", "0"}, {"c", "1"}}));
        QVERIFY_THROWS_EXCEPTION(ComputationError, compute("critical-point-kind", {{"a", "1"}, {"b", "0"}}));
    }
};

QTEST_APPLESS_MAIN(TestCriticalPoint)
#include "tst_criticalpoint.moc"
