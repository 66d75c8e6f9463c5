// Hexadecimal digits read by table: every MAC and every stored SHA-256 of a large site goes
// through here, one load per digit.
#pragma once
#include <array>

namespace phonec::text {

inline constexpr std::array<signed char, 256> kHexDigit = [] {
  std::array<signed char, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<signed char>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) t[c] = static_cast<signed char>(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) t[c] = static_cast<signed char>(c - 'A' + 10);
  return t;
}();

// The value of a hexadecimal digit (either case), -1 for any other byte.
inline int hex_digit(char c) { return kHexDigit[static_cast<unsigned char>(c)]; }

}  // namespace phonec::text
