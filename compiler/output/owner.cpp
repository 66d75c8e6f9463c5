#include "output/owner.h"

#include <algorithm>

#include "text/mac.h"

namespace phonec::output {

namespace {
constexpr std::string_view kShared = "shared";
}  // namespace

Owner::Owner(std::string_view text) {
  if (text == kShared) {
    kind_ = Kind::Shared;
    return;
  }
  // Only the normalised spelling (colons, lower case): it must print back as it was given.
  const bool normalised = text.size() == kMaxText && text[2] == ':' &&
                          std::none_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (auto mac = normalised ? phonec::text::parse_mac(text) : std::nullopt) {
    mac_ = *mac;
    kind_ = Kind::Mac;
  }
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
