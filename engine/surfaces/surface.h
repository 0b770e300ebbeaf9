#pragma once
// The contract every 2-D error surface keeps: value, gradient and Hessian at a point, a
// plotting domain, a default start, and the critical points known from the literature.
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace minima {

using Point2 = Eigen::Vector2d;

enum class PointKind { Minimum, Maximum, Saddle, Degenerate };

std::string pointKindName(PointKind kind);

struct KnownPoint {
    Point2 at;
    double value = 0.0;
    PointKind kind = PointKind::Minimum;
    bool global = false;   // a global minimum (or global maximum for a maximum)
};

// A rectangle [xMin, xMax] x [yMin, yMax] worth plotting.
struct Domain {
    double xMin = -1, xMax = 1, yMin = -1, yMax = 1;
    bool contains(const Point2& p) const { return p.x() >= xMin && p.x() <= xMax && p.y() >= yMin && p.y() <= yMax; }
};

class Surface {
public:
    virtual ~Surface() = default;
    virtual std::string name() const = 0;
    virtual double value(const Point2& p) const = 0;
    virtual Point2 gradient(const Point2& p) const = 0;
    virtual Eigen::Matrix2d hessian(const Point2& p) const = 0;
    virtual Domain domain() const = 0;
    virtual Point2 defaultStart() const = 0;
    // Minima, maxima and saddles known for this surface (global minima first).
    virtual std::vector<KnownPoint> knownPoints() const = 0;

    // knownPoints() restricted to minima, in the same order.
    std::vector<KnownPoint> minima() const;
};

// Kind of a critical point from the eigenvalues of its Hessian; |lambda| <= tolerance
// (relative to the largest |lambda|, at least `tolerance` absolute) counts as zero.
PointKind classifyHessian(const Eigen::Matrix2d& hessian, double tolerance = 1e-8);

// Damped Newton polish towards a nearby local minimum: Newton steps where the Hessian is
// positive definite, gradient steps otherwise, each with a backtracking (Armijo) line
// search so the value never rises. Returns the polished point.
Point2 polishMinimum(const Surface& surface, Point2 start, int maxIterations = 200);

// Settings for makeSurface(): only the bowl and the terrain read them.
struct SurfaceOptions {
    double bowlLambda1 = 1.0;
    double bowlLambda2 = 10.0;
    double bowlAngle = 0.0;       // radians
    unsigned long long terrainSeed = 1;
    int terrainWells = 6;
};

// The surfaces by key: bowl, himmelblau, camel, rosenbrock, beale, rastrigin, terrain.
// Throws std::invalid_argument for an unknown key.
std::unique_ptr<Surface> makeSurface(const std::string& key, const SurfaceOptions& options = {});
const std::vector<std::string>& surfaceKeys();

} // namespace minima
