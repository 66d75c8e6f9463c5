// keep_in_order() against the plain way (a second vector built by copying), on every subset
// order of small vectors and on random large ones; elements are move-only so a copy cannot hide.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <random>
#include <vector>

#include "driver/keep_in_order.h"

namespace phonec::driver {
namespace {

std::vector<std::unique_ptr<int>> numbered(std::size_t n) {
  std::vector<std::unique_ptr<int>> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(std::make_unique<int>(static_cast<int>(i)));
  return v;
}

void expect_kept(std::size_t n, const std::vector<std::size_t>& order) {
  auto v = numbered(n);
  keep_in_order(v, order);
  ASSERT_EQ(v.size(), order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    ASSERT_TRUE(v[k]) << "n=" << n << " k=" << k;
    EXPECT_EQ(*v[k], static_cast<int>(order[k])) << "n=" << n << " k=" << k;
  }
}

TEST(KeepInOrder, EveryOrderOfEverySubsetOfSmallVectors) {
  for (std::size_t n = 0; n <= 5; ++n)
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
      std::vector<std::size_t> order;
      for (std::size_t i = 0; i < n; ++i)
        if (mask & (1u << i)) order.push_back(i);
      do expect_kept(n, order);
      while (std::next_permutation(order.begin(), order.end()));
    }
}

TEST(KeepInOrder, RandomLargeOrders) {
  std::mt19937 rng(7);
  for (std::size_t n : {1000u, 4097u}) {
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), 0);
    std::shuffle(all.begin(), all.end(), rng);
    expect_kept(n, all);                                                      // a permutation
    expect_kept(n, std::vector<std::size_t>(all.begin(), all.begin() + n / 3));  // a third of them
  }
}

}  // namespace
}  // namespace phonec::driver
