#pragma once
// The linear assignment problem: given an n x n score matrix, the permutation p of 0..n-1
// that maximises sum_i score(i, p[i]). Solved by the shortest augmenting path form of the
// Hungarian method (Kuhn 1955, "The Hungarian method for the assignment problem", Naval
// Research Logistics Quarterly 2; Jonker & Volgenant 1987, "A shortest augmenting path
// algorithm for dense and sparse linear assignment problems", Computing 38): one row is
// added at a time and joined to the matching by a Dijkstra search on reduced costs, with
// dual potentials u (rows) and v (columns) kept feasible, O(n^3) in all.
// Weight matching (matching.h) solves one such problem per hidden layer.
#include <vector>

#include <Eigen/Core>

namespace minima {

// The permutation p maximising sum_i score(i, p[i]): row i is assigned column p[i]. Among
// equally good permutations one is returned (always the same one for the same matrix).
// Allocates only O(n) vectors. Throws std::invalid_argument for a non-square, empty or
// non-finite matrix.
std::vector<int> maximumAssignment(const Eigen::Ref<const Eigen::MatrixXd>& score);

} // namespace minima
