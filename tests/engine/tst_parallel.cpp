#include <QtTest>

#include <atomic>
#include <vector>

#include "engine/common/parallel.h"
#include "engine/common/random.h"

using namespace minima;

class TestParallel : public QObject {
    Q_OBJECT
private slots:
    void everyIndexRunsOnce_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("threads");
        QTest::newRow("empty") << 0 << 2;
        QTest::newRow("one item, many threads") << 1 << 8;
        QTest::newRow("fewer items than threads") << 3 << 8;
        QTest::newRow("many items, one thread") << 1000 << 1;
        QTest::newRow("many items, two threads") << 1000 << 2;
        QTest::newRow("many items, seven threads") << 1009 << 7;
    }
    void everyIndexRunsOnce()
    {
        QFETCH(int, count);
        QFETCH(int, threads);
        std::vector<std::atomic<int>> hits(static_cast<std::size_t>(count));
        Progress progress;
        const bool finished = parallelFor(std::size_t(count), [&](std::size_t i) { hits[i]++; },
                                          progress, unsigned(threads));
        QVERIFY(finished);
        for (int i = 0; i < count; ++i) QCOMPARE(hits[std::size_t(i)].load(), 1);
        if (count > 0) QCOMPARE(progress.fraction(), 1.0);
    }

    void resultIndependentOfThreadCount()
    {
        auto run = [](unsigned threads) {
            std::vector<double> out(500);
            Progress p;
            parallelFor(out.size(), [&](std::size_t i) {
                Rng rng = makeRng(42, i);
                double s = 0;
                for (int k = 0; k < 100; ++k) s += normal01(rng);
                out[i] = s;
            }, p, threads);
            return out;
        };
        const auto a = run(1), b = run(2), c = run(5);
        QVERIFY(a == b);
        QVERIFY(a == c);
    }

    void cancelStopsEarly()
    {
        Progress progress;
        std::atomic<int> ran{0};
        const bool finished = parallelFor(100000, [&](std::size_t i) {
            ran++;
            if (i == 10) progress.cancel();
        }, progress, 1);
        QVERIFY(!finished);
        QVERIFY(ran.load() < 100000);
    }

    void exceptionPropagates()
    {
        Progress progress;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
            parallelFor(100, [](std::size_t i) { if (i == 50) throw std::runtime_error("boom"); },
                        progress, 2));
    }

    void streamsDiffer()
    {
        Rng a = makeRng(1, 0), b = makeRng(1, 1), c = makeRng(2, 0);
        const auto x = a(), y = b(), z = c();
        QVERIFY(x != y);
        QVERIFY(x != z);
        Rng a2 = makeRng(1, 0);
        QCOMPARE(a2(), x);
    }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "tst_parallel.moc"
