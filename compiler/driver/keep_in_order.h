// Reorders and filters a vector in place, for records too large to hold twice (a large site's
// DHCP hosts).
#pragma once
#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace phonec::driver {

// Keeps v[order[0]], v[order[1]], ... in that order and drops the rest, without a second vector:
// each element is moved once (one temporary per cycle of the permutation). The indexes in
// `order` are distinct and below v.size().
template <class T>
void keep_in_order(std::vector<T>& v, const std::vector<std::size_t>& order) {
  std::vector<std::size_t> from(order);  // v[k] becomes v[from[k]]: completed to a permutation
  std::vector<char> done(v.size());
  for (std::size_t i : order) done[i] = 1;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!done[i]) from.push_back(i);
  std::fill(done.begin(), done.end(), 0);
  // Each cycle of the permutation is rotated once.
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (done[k]) continue;
    done[k] = 1;
    if (from[k] == k) continue;
    T first = std::move(v[k]);
    std::size_t j = k;
    for (; from[j] != k; j = from[j]) {
      v[j] = std::move(v[from[j]]);
      done[from[j]] = 1;
    }
    v[j] = std::move(first);
  }
  v.resize(order.size());
}

}  // namespace phonec::driver
