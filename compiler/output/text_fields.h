// Reading the space-separated lines of phonec's private state files (.phonec-state,
// .phonec-devices): one number and its trailing space at a time.
#pragma once
#include <charconv>
#include <string_view>

namespace phonec::output {

// Parses a number followed by one space at the start of `s` and drops both; false (and `s`
// unchanged) if `s` does not start that way.
template <class T>
bool take_number(std::string_view& s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || p == s.data() + s.size() || *p != ' ') return false;
  s.remove_prefix(static_cast<std::size_t>(p - s.data()) + 1);
  return true;
}

}  // namespace phonec::output
