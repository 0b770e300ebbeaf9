#include "engine/optim/linearcg.h"

#include <cmath>
#include <stdexcept>

#include <Eigen/QR>

#include "engine/common/random.h"

namespace minima {

namespace {

void check(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, const Eigen::VectorXd& x0, int maxIterations,
           double tolerance)
{
    if (a.rows() != a.cols() || a.rows() != b.size() || x0.size() != b.size() || b.size() == 0)
        throw std::invalid_argument("the quadratic needs a square A and b and x0 of its size");
    if (maxIterations < 0) throw std::invalid_argument("the iteration budget must not be negative");
    if (!(tolerance >= 0)) throw std::invalid_argument("the tolerance must not be negative");
}

} // namespace

QuadraticRun linearConjugateGradient(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, Eigen::VectorXd x,
                                     int maxIterations, double relativeTolerance, bool recordPoints,
                                     Progress& progress)
{
    check(a, b, x, maxIterations, relativeTolerance);
    QuadraticRun out;
    Eigen::VectorXd r = b - a * x, p = r, ap(b.size());
    double rr = r.squaredNorm();
    const double target = relativeTolerance * std::sqrt(rr);
    out.residualNorms.push_back(std::sqrt(rr));
    if (recordPoints) out.points.push_back(x);
    out.converged = std::sqrt(rr) <= target;
    for (int k = 0; k < maxIterations && !out.converged; ++k) {
        if (progress.cancelled()) {
            out.cancelled = true;
            break;
        }
        ap.noalias() = a * p;
        const double curvature = p.dot(ap);
        if (!(curvature > 0)) break;
        const double alpha = rr / curvature;            // (5.24a)
        x += alpha * p;                                  // (5.24b)
        if (recordPoints) out.directions.push_back(p);
        r -= alpha * ap;                                 // (5.24c), r = b - A x
        const double rrNext = r.squaredNorm();
        p = r + (rrNext / rr) * p;                       // (5.24d, e)
        rr = rrNext;
        out.iterations = k + 1;
        out.residualNorms.push_back(std::sqrt(rr));
        if (recordPoints) out.points.push_back(x);
        out.converged = std::sqrt(rr) <= target;
    }
    return out;
}

QuadraticRun steepestDescentExact(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, Eigen::VectorXd x,
                                  int maxIterations, double relativeTolerance, bool recordPoints, Progress& progress)
{
    check(a, b, x, maxIterations, relativeTolerance);
    QuadraticRun out;
    Eigen::VectorXd r = b - a * x, ar(b.size());
    const double target = relativeTolerance * r.norm();
    out.residualNorms.push_back(r.norm());
    if (recordPoints) out.points.push_back(x);
    out.converged = r.norm() <= target;
    for (int k = 0; k < maxIterations && !out.converged; ++k) {
        if (progress.cancelled()) {
            out.cancelled = true;
            break;
        }
        ar.noalias() = a * r;
        const double curvature = r.dot(ar);
        if (!(curvature > 0)) break;
        const double alpha = r.squaredNorm() / curvature;
        if (recordPoints) out.directions.push_back(r);
        x += alpha * r;
        r -= alpha * ar;
        out.iterations = k + 1;
        out.residualNorms.push_back(r.norm());
        if (recordPoints) out.points.push_back(x);
        out.converged = r.norm() <= target;
    }
    return out;
}

Eigen::MatrixXd conjugacy(const std::vector<Eigen::VectorXd>& directions, const Eigen::MatrixXd& a)
{
    const Eigen::Index k = Eigen::Index(directions.size());
    Eigen::MatrixXd ap(a.rows(), k), c(k, k);
    for (Eigen::Index j = 0; j < k; ++j) ap.col(j) = a * directions[std::size_t(j)];
    for (Eigen::Index i = 0; i < k; ++i)
        for (Eigen::Index j = 0; j < k; ++j)
            c(i, j) = directions[std::size_t(i)].dot(ap.col(j))
                      / std::sqrt(directions[std::size_t(i)].dot(ap.col(i)) * directions[std::size_t(j)].dot(ap.col(j)));
    return c;
}

Eigen::MatrixXd matrixWithEigenvalues(const Eigen::VectorXd& eigenvalues, std::uint64_t seed)
{
    const Eigen::Index n = eigenvalues.size();
    if (n < 1) throw std::invalid_argument("no eigenvalues");
    Rng rng = makeRng(seed, 0);
    Eigen::MatrixXd z(n, n);
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i) z(i, j) = normal01(rng);
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(z);
    Eigen::MatrixXd q = qr.householderQ();
    const Eigen::MatrixXd rMatrix = qr.matrixQR().triangularView<Eigen::Upper>();
    for (Eigen::Index j = 0; j < n; ++j)
        if (rMatrix(j, j) < 0) q.col(j) = -q.col(j);
    Eigen::MatrixXd m = q * eigenvalues.asDiagonal() * q.transpose();
    return 0.5 * (m + m.transpose());
}

Eigen::VectorXd clusteredEigenvalues(int n, int clusters, double lo, double hi, double spread, std::uint64_t seed)
{
    if (clusters < 1 || clusters > n) throw std::invalid_argument("need 1 <= clusters <= n");
    if (!(lo > 0) || !(hi >= lo)) throw std::invalid_argument("need 0 < lo <= hi");
    if (!(spread >= 0) || !(spread < 1)) throw std::invalid_argument("need 0 <= spread < 1");
    Rng rng = makeRng(seed, 1);
    Eigen::VectorXd out(n);
    for (int i = 0; i < n; ++i) {
        const int c = i % clusters;
        const double centre = clusters == 1 ? std::sqrt(lo * hi)
                                            : lo * std::pow(hi / lo, double(c) / double(clusters - 1));
        out[i] = centre * (1 + spread * uniform(rng, -1.0, 1.0));
    }
    return out;
}

} // namespace minima
