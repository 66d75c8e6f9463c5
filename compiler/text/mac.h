// MAC addresses as six bytes: parsed from the three spellings inventories and DHCP servers use,
// printed in lower case, and as one number that sorts as the lower-case text does.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace phonec::text {

using Mac = std::array<std::uint8_t, 6>;

// 001565aabbcc, 00:15:65:aa:bb:cc or 00-15-65-AA-BB-CC (one separator style throughout).
std::optional<Mac> parse_mac(std::string_view s);
std::string format_mac(const Mac& m, char sep = ':');  // lower case
// format_mac written at the end of `out` (no temporary string).
void append_mac(std::string& out, const Mac& m, char sep = ':');

// A MAC as a 48-bit number, first byte highest: numbers sort as the lower-case hex text does.
inline std::uint64_t mac_key(const Mac& m) {
  std::uint64_t k = 0;
  for (auto b : m) k = (k << 8) | b;
  return k;
}
inline Mac mac_of_key(std::uint64_t k) {
  Mac m{};
  for (int i = 5; i >= 0; --i, k >>= 8) m[i] = static_cast<std::uint8_t>(k);
  return m;
}

// A device's normalised MAC text ("00:15:65:aa:bb:cc", or "" for none) in eight bytes, ordered as
// the text is: 0 for "" (or any text that is not a MAC), else 2^48 + mac_key. A million devices
// keep their MACs in 8 MB rather than in 48 MB of strings.
std::uint64_t pack_mac(std::string_view text);
std::string unpack_mac(std::uint64_t packed);  // "00:15:65:aa:bb:cc", "" for 0

}  // namespace phonec::text
