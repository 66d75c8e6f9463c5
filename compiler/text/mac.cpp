#include "text/mac.h"

#include "text/hex.h"

namespace phonec::text {

std::optional<Mac> parse_mac(std::string_view s) {
  Mac m{};
  std::size_t step;
  if (s.size() == 12)
    step = 2;
  else if (s.size() == 17 && (s[2] == ':' || s[2] == '-'))
    step = 3;
  else
    return std::nullopt;
  for (std::size_t k = 0; k < 6; ++k) {
    std::size_t at = k * step;
    int hi = hex_digit(s[at]), lo = hex_digit(s[at + 1]);
    if ((hi | lo) < 0) return std::nullopt;
    if (step == 3 && k < 5 && s[at + 2] != s[2]) return std::nullopt;
    m[k] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return m;
}

std::string format_mac(const Mac& m, char sep) {
  std::string out;
  append_mac(out, m, sep);
  return out;
}

void append_mac(std::string& out, const Mac& m, char sep) {
  static constexpr char digits[] = "0123456789abcdef";
  char buf[17];
  char* p = buf;
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (i && sep) *p++ = sep;
    *p++ = digits[m[i] >> 4];
    *p++ = digits[m[i] & 15];
  }
  out.append(buf, p);
}

std::uint64_t pack_mac(std::string_view text) {
  auto m = parse_mac(text);
  return m ? mac_key(*m) | (std::uint64_t{1} << 48) : 0;
}

std::string unpack_mac(std::uint64_t packed) { return packed ? format_mac(mac_of_key(packed)) : std::string(); }

}  // namespace phonec::text
