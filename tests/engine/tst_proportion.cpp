// The Wilson score interval (Wilson 1927; Newcombe 1998, method 3) against values worked by
// hand from its closed form, with z = 1.959964 (z² = 3.841459) and n = 200.
#include <QtTest>

#include <cmath>

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
};

QTEST_APPLESS_MAIN(TestProportion)
#include "tst_proportion.moc"
