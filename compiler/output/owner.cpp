#include "output/owner.h"

namespace phonec::output {
namespace {

constexpr std::string_view kShared = "shared";

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case is not the normalised form: it would not print back the same
}

}  // namespace

Owner::Owner(std::string_view text) {
  if (text == kShared) {
    kind_ = Kind::Shared;
    return;
  }
  if (text.size() != kMaxText) return;
  std::array<std::uint8_t, 6> mac{};
  for (std::size_t i = 0; i < mac.size(); ++i) {
    int hi = nibble(text[3 * i]), lo = nibble(text[3 * i + 1]);
    if (hi < 0 || lo < 0 || (i < 5 && text[3 * i + 2] != ':')) return;
    mac[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  mac_ = mac;
  kind_ = Kind::Mac;
}

std::string_view Owner::text(char* buf) const {
  if (kind_ == Kind::Shared) return kShared;
  if (kind_ == Kind::None) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < mac_.size(); ++i) {
    buf[3 * i] = kHex[mac_[i] >> 4];
    buf[3 * i + 1] = kHex[mac_[i] & 0xf];
    if (i < 5) buf[3 * i + 2] = ':';
  }
  return {buf, kMaxText};
}

std::string Owner::str() const {
  char buf[kMaxText];
  return std::string(text(buf));
}

}  // namespace phonec::output
