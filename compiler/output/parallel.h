// A parallel loop over indices with dynamic chunking: file sizes vary a lot (a 40-byte MAC file
// next to a 200 kB directory XML), so static splitting would leave threads idle.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace phonec::output {

template <class F>
void parallel_for(std::size_t n, unsigned jobs, F&& body) {
  constexpr std::size_t kChunk = 64;
  if (jobs <= 1 || n <= kChunk) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (;;) {
      std::size_t b = next.fetch_add(kChunk, std::memory_order_relaxed);
      if (b >= n) return;
      std::size_t e = std::min(n, b + kChunk);
      for (std::size_t i = b; i < e; ++i) body(i);
    }
  };
  std::size_t threads = std::min<std::size_t>(jobs, (n + kChunk - 1) / kChunk);
  std::vector<std::jthread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
}

}  // namespace phonec::output
