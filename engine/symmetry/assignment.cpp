#include "engine/symmetry/assignment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace minima {

std::vector<int> maximumAssignment(const Eigen::Ref<const Eigen::MatrixXd>& score)
{
    if (score.rows() != score.cols())
        throw std::invalid_argument("assignment needs a square score matrix, not " + std::to_string(score.rows()) + " x "
                                    + std::to_string(score.cols()));
    if (score.rows() == 0) throw std::invalid_argument("assignment needs a non-empty score matrix");
    if (!score.allFinite()) throw std::invalid_argument("assignment scores must be finite (no NaN or infinity)");
    const int n = int(score.rows());
    // Minimise cost(i, j) = -score(i, j). Rows and columns are numbered from 1; column 0 is
    // where the row being added starts. Feasible duals: cost(i, j) - u(i) - v(j) >= 0, with
    // equality on the matched pairs. owner[j] is the row matched to column j (0: none);
    // way[j] is the column before j on the shortest path to it.
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> u(std::size_t(n) + 1, 0.0), v(std::size_t(n) + 1, 0.0), minv(std::size_t(n) + 1);
    std::vector<int> owner(std::size_t(n) + 1, 0), way(std::size_t(n) + 1, 0);
    std::vector<char> used(std::size_t(n) + 1);
    for (int row = 1; row <= n; ++row) {
        owner[0] = row;
        int j0 = 0;
        std::fill(minv.begin(), minv.end(), inf);
        std::fill(used.begin(), used.end(), char(0));
        // Dijkstra on reduced costs from the new row, until it reaches a free column.
        do {
            used[std::size_t(j0)] = 1;
            const int i0 = owner[std::size_t(j0)];
            double delta = inf;
            int j1 = 0;
            for (int j = 1; j <= n; ++j) {
                if (used[std::size_t(j)]) continue;
                const double reduced = -score(i0 - 1, j - 1) - u[std::size_t(i0)] - v[std::size_t(j)];
                if (reduced < minv[std::size_t(j)]) {
                    minv[std::size_t(j)] = reduced;
                    way[std::size_t(j)] = j0;
                }
                if (minv[std::size_t(j)] < delta) {
                    delta = minv[std::size_t(j)];
                    j1 = j;
                }
            }
            // Scores so large that their differences overflow leave no column in reach:
            // refused rather than looped on.
            if (j1 == 0 || !std::isfinite(delta)) throw std::invalid_argument("assignment scores too large to compare");
            for (int j = 0; j <= n; ++j) {
                if (used[std::size_t(j)]) {
                    u[std::size_t(owner[std::size_t(j)])] += delta;
                    v[std::size_t(j)] -= delta;
                } else {
                    minv[std::size_t(j)] -= delta;
                }
            }
            j0 = j1;
        } while (owner[std::size_t(j0)] != 0);
        // Augment: shift the matching along the path back to column 0.
        do {
            const int j1 = way[std::size_t(j0)];
            owner[std::size_t(j0)] = owner[std::size_t(j1)];
            j0 = j1;
        } while (j0 != 0);
    }
    std::vector<int> p(static_cast<std::size_t>(n));
    for (int j = 1; j <= n; ++j) p[std::size_t(owner[std::size_t(j)] - 1)] = j - 1;
    return p;
}

} // namespace minima
