#include "syntax/suggest.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace phonec {

namespace {

// Ill-formed bytes become distinct negative values so they still compare equal to themselves.
std::vector<UChar32> code_points(std::string_view s, bool fold_case) {
  std::vector<UChar32> out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  std::int32_t i = 0, n = static_cast<std::int32_t>(s.size());
  while (i < n) {
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = -1 - p[start];
    else if (fold_case) c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a_text, std::string_view b_text, bool fold_case) {
  std::vector<UChar32> a = code_points(a_text, fold_case), b = code_points(b_text, fold_case);
  const std::size_t n = a.size(), m = b.size();
  // Three rolling rows: the transposition step looks two rows back.
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::size_t length = code_points(word, false).size();
  const std::size_t limit = std::max<std::size_t>(1, length / 3);
  const std::string* best = nullptr;
  std::size_t best_folded = 0, best_exact = 0;
  for (const std::string& c : candidates) {
    std::size_t folded = edit_distance(word, c, true);
    if (folded > limit || (folded >= length && folded != 0)) continue;
    std::size_t exact = edit_distance(word, c, false);
    bool better = !best || folded < best_folded || (folded == best_folded && exact < best_exact) ||
                  (folded == best_folded && exact == best_exact && c < *best);
    if (better) {
      best = &c;
      best_folded = folded;
      best_exact = exact;
    }
  }
  if (!best) return std::nullopt;
  return *best;
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
  auto s = did_you_mean(word, candidates);
  return s ? "; did you mean '" + *s + "'?" : std::string();
}

}  // namespace phonec
