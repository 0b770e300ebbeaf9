#pragma once
// Classic 2-D test surfaces. Each class is final and defines its formulas inline so the
// hot loops (basins of attraction over thousands of starts) can call them without a
// virtual call when they know the concrete type.
#include <cmath>

#include "engine/surfaces/surface.h"

namespace minima {

// Quadratic bowl f(x) = 1/2 x^T A x with A = R(theta) diag(l1, l2) R(theta)^T: the
// eigenvalues are the curvatures along the rotated axes. Gradient A x, Hessian A.
class QuadraticBowl final : public Surface {
public:
    QuadraticBowl(double lambda1 = 1.0, double lambda2 = 10.0, double angle = 0.0);
    std::string name() const override { return "bowl"; }
    double value(const Point2& p) const override { return 0.5 * p.dot(a_ * p); }
    Point2 gradient(const Point2& p) const override { return a_ * p; }
    Eigen::Matrix2d hessian(const Point2&) const override { return a_; }
    Domain domain() const override { return {-3, 3, -3, 3}; }
    Point2 defaultStart() const override { return {-2.5, 2.0}; }
    std::vector<KnownPoint> knownPoints() const override;

    double lambda1() const { return l1_; }
    double lambda2() const { return l2_; }
    const Eigen::Matrix2d& matrix() const { return a_; }

private:
    double l1_, l2_;
    Eigen::Matrix2d a_;
};

// Himmelblau (1972): f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2.
class Himmelblau final : public Surface {
public:
    std::string name() const override { return "himmelblau"; }
    double value(const Point2& p) const override
    {
        const double a = p.x() * p.x() + p.y() - 11.0, b = p.x() + p.y() * p.y() - 7.0;
        return a * a + b * b;
    }
    // df/dx = 4x a + 2b, df/dy = 2a + 4y b
    Point2 gradient(const Point2& p) const override
    {
        const double x = p.x(), y = p.y();
        const double a = x * x + y - 11.0, b = x + y * y - 7.0;
        return {4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b};
    }
    // f_xx = 12x^2 + 4y - 42, f_xy = 4(x + y), f_yy = 4x + 12y^2 - 26
    Eigen::Matrix2d hessian(const Point2& p) const override
    {
        const double x = p.x(), y = p.y();
        Eigen::Matrix2d h;
        h << 12.0 * x * x + 4.0 * y - 42.0, 4.0 * (x + y), 4.0 * (x + y), 4.0 * x + 12.0 * y * y - 26.0;
        return h;
    }
    Domain domain() const override { return {-5, 5, -5, 5}; }
    Point2 defaultStart() const override { return {0.0, 0.0}; }
    std::vector<KnownPoint> knownPoints() const override;
};

// Six-hump camel (Dixon & Szego 1978): f = (4 - 2.1x^2 + x^4/3) x^2 + x y + (-4 + 4y^2) y^2.
class SixHumpCamel final : public Surface {
public:
    std::string name() const override { return "camel"; }
    double value(const Point2& p) const override
    {
        const double x = p.x(), y = p.y(), x2 = x * x, y2 = y * y;
        return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2;
    }
    // df/dx = 8x - 8.4x^3 + 2x^5 + y, df/dy = x - 8y + 16y^3
    Point2 gradient(const Point2& p) const override
    {
        const double x = p.x(), y = p.y(), x2 = x * x;
        return {x * (8.0 - 8.4 * x2 + 2.0 * x2 * x2) + y, x - 8.0 * y + 16.0 * y * y * y};
    }
    // f_xx = 8 - 25.2x^2 + 10x^4, f_xy = 1, f_yy = -8 + 48y^2
    Eigen::Matrix2d hessian(const Point2& p) const override
    {
        const double x2 = p.x() * p.x();
        Eigen::Matrix2d h;
        h << 8.0 - 25.2 * x2 + 10.0 * x2 * x2, 1.0, 1.0, -8.0 + 48.0 * p.y() * p.y();
        return h;
    }
    Domain domain() const override { return {-2.5, 2.5, -1.5, 1.5}; }
    Point2 defaultStart() const override { return {-1.5, 1.0}; }
    std::vector<KnownPoint> knownPoints() const override;
};

// Rosenbrock (1960): f = (1 - x)^2 + 100 (y - x^2)^2, minimum f = 0 at (1, 1).
class Rosenbrock final : public Surface {
public:
    std::string name() const override { return "rosenbrock"; }
    double value(const Point2& p) const override
    {
        const double u = 1.0 - p.x(), v = p.y() - p.x() * p.x();
        return u * u + 100.0 * v * v;
    }
    // df/dx = -2(1 - x) - 400 x (y - x^2), df/dy = 200 (y - x^2)
    Point2 gradient(const Point2& p) const override
    {
        const double x = p.x(), v = p.y() - x * x;
        return {-2.0 * (1.0 - x) - 400.0 * x * v, 200.0 * v};
    }
    // f_xx = 2 - 400y + 1200x^2, f_xy = -400x, f_yy = 200
    Eigen::Matrix2d hessian(const Point2& p) const override
    {
        const double x = p.x();
        Eigen::Matrix2d h;
        h << 2.0 - 400.0 * p.y() + 1200.0 * x * x, -400.0 * x, -400.0 * x, 200.0;
        return h;
    }
    Domain domain() const override { return {-2, 2, -1, 3}; }
    Point2 defaultStart() const override { return {-1.2, 1.0}; }
    std::vector<KnownPoint> knownPoints() const override;
};

// Beale (1958): f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2,
// minimum f = 0 at (3, 0.5).
class Beale final : public Surface {
public:
    std::string name() const override { return "beale"; }
    double value(const Point2& p) const override
    {
        const double x = p.x(), y = p.y();
        const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y * y * y;
        return t1 * t1 + t2 * t2 + t3 * t3;
    }
    // With t_i = c_i - x + x y^i: df/dx = 2 sum t_i (y^i - 1), df/dy = 2 sum t_i i x y^(i-1)
    Point2 gradient(const Point2& p) const override
    {
        const double x = p.x(), y = p.y(), y2 = y * y, y3 = y2 * y;
        const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y2, t3 = 2.625 - x + x * y3;
        return {2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0)),
                2.0 * (t1 * x + t2 * 2.0 * x * y + t3 * 3.0 * x * y2)};
    }
    // f_xx = 2 sum a_i^2, f_xy = 2 sum (a_i b_i + t_i i y^(i-1)), f_yy = 2 sum (b_i^2 + t_i i(i-1) x y^(i-2))
    // with a_i = y^i - 1 and b_i = i x y^(i-1).
    Eigen::Matrix2d hessian(const Point2& p) const override
    {
        const double x = p.x(), y = p.y(), y2 = y * y, y3 = y2 * y;
        const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y2, t3 = 2.625 - x + x * y3;
        const double a1 = y - 1.0, a2 = y2 - 1.0, a3 = y3 - 1.0;
        const double b1 = x, b2 = 2.0 * x * y, b3 = 3.0 * x * y2;
        Eigen::Matrix2d h;
        h(0, 0) = 2.0 * (a1 * a1 + a2 * a2 + a3 * a3);
        h(0, 1) = h(1, 0) = 2.0 * (a1 * b1 + t1 + a2 * b2 + t2 * 2.0 * y + a3 * b3 + t3 * 3.0 * y2);
        h(1, 1) = 2.0 * (b1 * b1 + b2 * b2 + t2 * 2.0 * x + b3 * b3 + t3 * 6.0 * x * y);
        return h;
    }
    Domain domain() const override { return {-4.5, 4.5, -4.5, 4.5}; }
    Point2 defaultStart() const override { return {1.0, 1.0}; }
    std::vector<KnownPoint> knownPoints() const override;
};

// Rastrigin (1974), 2-D: f = 20 + sum_i (x_i^2 - 10 cos(2 pi x_i)), global minimum f = 0
// at the origin and a local minimum near every integer lattice point.
class Rastrigin final : public Surface {
public:
    std::string name() const override { return "rastrigin"; }
    double value(const Point2& p) const override
    {
        return 20.0 + p.x() * p.x() - 10.0 * std::cos(kTwoPi * p.x()) + p.y() * p.y() - 10.0 * std::cos(kTwoPi * p.y());
    }
    // df/dx_i = 2 x_i + 20 pi sin(2 pi x_i)
    Point2 gradient(const Point2& p) const override
    {
        return {2.0 * p.x() + 10.0 * kTwoPi * std::sin(kTwoPi * p.x()),
                2.0 * p.y() + 10.0 * kTwoPi * std::sin(kTwoPi * p.y())};
    }
    // f_ii = 2 + 40 pi^2 cos(2 pi x_i), f_xy = 0
    Eigen::Matrix2d hessian(const Point2& p) const override
    {
        Eigen::Matrix2d h = Eigen::Matrix2d::Zero();
        h(0, 0) = 2.0 + 10.0 * kTwoPi * kTwoPi * std::cos(kTwoPi * p.x());
        h(1, 1) = 2.0 + 10.0 * kTwoPi * kTwoPi * std::cos(kTwoPi * p.y());
        return h;
    }
    Domain domain() const override { return {-5.12, 5.12, -5.12, 5.12}; }
    Point2 defaultStart() const override { return {2.6, 2.3}; }
    std::vector<KnownPoint> knownPoints() const override;

private:
    static constexpr double kTwoPi = 6.283185307179586476925;
};

} // namespace minima
