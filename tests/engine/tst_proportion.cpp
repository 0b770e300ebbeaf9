// The Student t interval of a mean (meaninterval.h) against the quantiles of printed tables
// and a mean worked by hand.
// The Wilson score interval (Wilson 1927; Newcombe 1998, method 3) against values worked by
// hand from its closed form, with z = 1.959964 (z² = 3.841459) and n = 200.
#include <QtTest>

#include <cmath>

#include <limits>
#include <stdexcept>
#include <vector>

#include "engine/common/meaninterval.h"
#include "engine/common/proportion.h"

using namespace minima;

class TestProportion : public QObject {
    Q_OBJECT
private slots:
    void handWorkedValues_data()
    {
        QTest::addColumn<int>("successes");
        QTest::addColumn<int>("trials");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        // 0 of n: [0, z²/(n + z²)] = [0, 3.841459/203.841459].
        QTest::newRow("0 of 200") << 0 << 200 << 0.0 << 0.0188453;
        // n of n: the mirror image, [n/(n + z²), 1].
        QTest::newRow("200 of 200") << 200 << 200 << 0.9811547 << 1.0;
        // 50 of 200: centre (50 + z²/2)/(200 + z²) = 51.920730/203.841459 = 0.2547113,
        // half-width z·√(200·0.25·0.75 + z²/4)/(200 + z²) = 1.959964·6.201641/203.841459 = 0.0596297.
        QTest::newRow("50 of 200") << 50 << 200 << 0.1950817 << 0.3143410;
        // Newcombe 1998, table I, example (a): 81 of 263 gives 0.2553 to 0.3662.
        QTest::newRow("Newcombe 81 of 263") << 81 << 263 << 0.2553 << 0.3662;
    }
    void handWorkedValues()
    {
        QFETCH(int, successes);
        QFETCH(int, trials);
        QFETCH(double, low);
        QFETCH(double, high);
        const ProportionInterval r = wilsonInterval(successes, trials);
        QCOMPARE(r.share, double(successes) / trials);
        const double tolerance = trials == 263 ? 5e-5 : 5e-7;
        QVERIFY2(std::abs(r.low - low) < tolerance, qPrintable(QString::number(r.low, 'g', 10)));
        QVERIFY2(std::abs(r.high - high) < tolerance, qPrintable(QString::number(r.high, 'g', 10)));
        QVERIFY(r.low <= r.share && r.share <= r.high);
    }

    void narrowsWithMoreTrials()
    {
        const ProportionInterval few = wilsonInterval(5, 20), many = wilsonInterval(50, 200);
        QVERIFY(many.high - many.low < few.high - few.low);
        // No trials: nothing is known.
        const ProportionInterval none = wilsonInterval(0, 0);
        QCOMPARE(none.low, 0.0);
        QCOMPARE(none.high, 1.0);
    }

    void studentQuantiles_data()
    {
        QTest::addColumn<int>("dof");
        QTest::addColumn<double>("t");
        // Two-sided 95 %, the 0.975 quantile (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
        QTest::newRow("1") << 1 << 12.706204736;
        QTest::newRow("2") << 2 << 4.302652730;
        QTest::newRow("3") << 3 << 3.182446305;
        QTest::newRow("7") << 7 << 2.364624252;
        QTest::newRow("10") << 10 << 2.228138852;
        QTest::newRow("30") << 30 << 2.042272456;
        QTest::newRow("100") << 100 << 1.983971519;
    }
    void studentQuantiles()
    {
        QFETCH(int, dof);
        QFETCH(double, t);
        const double q = studentQuantile(0.95, dof);
        QVERIFY2(std::abs(q - t) < 1e-8, qPrintable(QString::number(q, 'g', 12)));
    }
    void studentQuantileTendsToTheNormal()
    {
        QVERIFY(std::abs(studentQuantile(0.95, 100000) - kZ95) < 1e-4);
        QVERIFY(std::abs(studentQuantile(0.5, 1) - 1.0) < 1e-12);   // tan(pi/4)
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, studentQuantile(0.95, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, studentQuantile(1.0, 3));
    }
    // {1, 2, 3, 4}: mean 2.5, s = √(5/3) = 1.2909944, s/√4 = 0.6454972, t_3 = 3.1824463, so the
    // half-width is 2.0542603.
    void studentIntervalWorkedByHand()
    {
        const MeanInterval r = studentInterval({1, 2, 3, 4});
        QCOMPARE(r.mean, 2.5);
        QVERIFY(std::abs(r.low - 0.4457397) < 1e-6);
        QVERIFY(std::abs(r.high - 4.5542603) < 1e-6);
        const MeanInterval same = studentInterval({0.25, 0.25, 0.25});
        QCOMPARE(same.low, 0.25);
        QCOMPARE(same.high, 0.25);
        const MeanInterval one = studentInterval({7});
        QCOMPARE(one.mean, 7.0);
        QVERIFY(std::isnan(one.low) && std::isnan(one.high));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, studentInterval({}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, studentInterval({1, std::numeric_limits<double>::quiet_NaN()}));
    }
};

QTEST_APPLESS_MAIN(TestProportion)
#include "tst_proportion.moc"
