#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "engine/landscape/contourmap.h"
#include "engine/landscape/contours.h"

using namespace minima;

class TestContourMap : public QObject {
    Q_OBJECT
private slots:
    void finiteRangeSkipsUndefinedValues()
    {
        const ValueRange r = finiteRange({3.0, NAN, -2.0, INFINITY, 7.0, -INFINITY});
        QCOMPARE(r.low, -2.0);
        QCOMPARE(r.high, 7.0);
        const ValueRange none = finiteRange({NAN, INFINITY});
        QCOMPARE(none.low, 0.0);
        QCOMPARE(none.high, 0.0);
    }

    void percentileOfOneToHundred()
    {
        // 1, 2, ..., 100 in a shuffled order with undefined values among them: the value at
        // index 100 * p / 100 of the sorted finite values is p + 1 (the last one for p = 100).
        std::vector<double> values(100);
        std::iota(values.begin(), values.end(), 1.0);
        values.push_back(NAN);
        values.push_back(INFINITY);
        std::shuffle(values.begin(), values.end(), std::mt19937(7));
        QCOMPARE(percentileValue(values, 0), 1.0);
        QCOMPARE(percentileValue(values, 50), 51.0);
        QCOMPARE(percentileValue(values, 95), 96.0);
        QCOMPARE(percentileValue(values, 100), 100.0);
        QVERIFY(std::isnan(percentileValue({NAN}, 95)));
        QVERIFY(std::isnan(percentileValue({}, 95)));
    }

    void plotRangeTrimsAndPads()
    {
        // 0 .. 99: trimmed to the 1st and 99th percentile (1 and 98), padded by 8% of 97.
        std::vector<double> values(100);
        std::iota(values.begin(), values.end(), 0.0);
        ValueRange r = plotRange(values);
        QCOMPARE(r.low, 1.0 - 0.08 * 97);
        QCOMPARE(r.high, 98.0 + 0.08 * 97);
        // One pole among them does not stretch the range.
        values.back() = 1e12;
        r = plotRange(values);
        QCOMPARE(r.high, 98.0 + 0.08 * 97);
        // A flat set: a band of 1 around the value, padded by 8% of 2.
        r = plotRange({5.0, 5.0, NAN, 5.0});
        QCOMPARE(r.low, 4.0 - 0.16);
        QCOMPARE(r.high, 6.0 + 0.16);
        r = plotRange({NAN});
        QCOMPARE(r.low, -1.0);
        QCOMPARE(r.high, 1.0);
    }

    void surfaceContoursLieOnCircles()
    {
        // The bowl with both eigenvalues 2 is x^2 + y^2: each contour at level L lies on the
        // circle of radius sqrt(L), within a cell.
        const auto bowl = makeSurface("bowl", SurfaceOptions{2.0, 2.0, 0.0, 1, 6});
        const int cells = 61;
        const ContourMap m = surfaceContourMap(*bowl, Domain{-3, 3, -3, 3}, cells, 8);
        QCOMPARE(m.grid.rows, cells);
        QCOMPARE(m.grid.cols, cells);
        QCOMPARE(m.finite, cells * cells);
        QCOMPARE(m.low, 0.0);                      // the centre is a grid point
        QVERIFY(std::abs(m.high - 18.0) < 1e-12);  // the corners (±3, ±3)
        QCOMPARE(m.contours.size(), std::size_t(8));
        const double h = 6.0 / (cells - 1);
        for (const ContourLevel& level : m.contours) {
            QVERIFY(level.level > m.low && level.level < m.high);
            QVERIFY(!level.lines.empty());
            const double r = std::sqrt(level.level);
            for (const Polyline& line : level.lines)
                for (const Point2& p : line.points) QVERIFY(std::abs(p.norm() - r) < h);
        }
        for (std::size_t k = 1; k < m.contours.size(); ++k) QVERIFY(m.contours[k].level > m.contours[k - 1].level);
    }

    void trimmedMapColoursUpToTheNinetyFifthPercentile()
    {
        // x^2 + y^2 on an 11 x 11 grid of [-1, 1]^2: the values are (i^2 + j^2) / 25, i, j in -5..5.
        // Sorted, index 121 * 95 / 100 = 114 falls among the eight values 41 / 25 = 1.64 (indices
        // 109..116), under the four corners at 2.
        auto f = [](const Point2& p) { return p.squaredNorm(); };
        const ContourMap m = trimmedContourMap(f, Domain{-1, 1, -1, 1}, 11, 5, false);
        QCOMPARE(m.finite, 121);
        QCOMPARE(m.low, 0.0);
        QVERIFY(std::abs(m.high - 1.64) < 1e-12);
        QVERIFY(!m.contours.empty());
        for (const ContourLevel& level : m.contours) {
            const double r = std::sqrt(level.level);
            for (const Polyline& line : level.lines)
                for (const Point2& p : line.points) QVERIFY(std::abs(p.norm() - r) < 0.2);
        }
        // Coloured by log: the full range.
        const ContourMap log = trimmedContourMap(f, Domain{-1, 1, -1, 1}, 11, 5, true);
        QVERIFY(std::abs(log.high - 2.0) < 1e-12);
    }

    void trimmedMapWithoutContoursWhereUndefined()
    {
        // 1 / x is undefined on the column x = 0 (11 cells): no contour lines, range from the rest.
        auto f = [](const Point2& p) { return p.x() == 0 ? NAN : 1.0 / p.x(); };
        const ContourMap m = trimmedContourMap(f, Domain{-1, 1, -1, 1}, 11, 5, false);
        QCOMPARE(m.finite, 110);
        QVERIFY(m.contours.empty());
        QCOMPARE(m.low, -5.0);
        // Of the 110 values, index 104 of the sorted ones: the column x = 0.2 (value 5) fills 99..109.
        QVERIFY(std::abs(m.high - 5.0) < 1e-12);
        // Too few finite values to trim: the full range.
        auto few = [](const Point2& p) { return p.x() > 0.9 && p.y() > 0.9 ? p.x() + p.y() : NAN; };
        const ContourMap small = trimmedContourMap(few, Domain{-1, 1, -1, 1}, 11, 5, false);
        QCOMPARE(small.finite, 1);
        QCOMPARE(small.low, 2.0);
        QCOMPARE(small.high, 2.0);
    }

    void thinningKeepsCornersAndDropsCollinearPoints()
    {
        // A straight run of points: only its ends are kept.
        Polyline straight;
        for (int i = 0; i <= 10; ++i) straight.points.push_back(Point2(i, 2 * i));
        const Polyline s = thinnedPolyline(straight, 1e-6);
        QCOMPARE(s.points.size(), std::size_t(2));
        QCOMPARE(s.points.front(), Point2(0, 0));
        QCOMPARE(s.points.back(), Point2(10, 20));
        // A closed unit square with four points on each side: its four corners and the start again.
        Polyline square;
        square.closed = true;
        const Point2 corners[5] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
        for (int side = 0; side < 4; ++side)
            for (int k = 0; k < 4; ++k) square.points.push_back(corners[side] + (corners[side + 1] - corners[side]) * (k / 4.0));
        square.points.push_back(corners[0]);
        const Polyline q = thinnedPolyline(square, 1e-6);
        QVERIFY(q.closed);
        QCOMPARE(q.points.size(), std::size_t(5));
        for (int k = 0; k < 5; ++k) QCOMPARE(q.points[std::size_t(k)], corners[k]);
        // A tolerance that is not positive keeps every point.
        QCOMPARE(thinnedPolyline(square, 0).points.size(), square.points.size());
    }
};

QTEST_GUILESS_MAIN(TestContourMap)
#include "tst_contourmap.moc"
