// Wire encoding shared by the checks and the emitters: what bytes a value becomes in the packet.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "emit/dhcp/dhcp_ir.h"
#include "text/mac.h"

namespace phonec::dhcp {

using Bytes = std::vector<std::uint8_t>;
using text::append_mac;
using text::format_mac;
using text::mac_key;
using text::mac_of_key;
using text::parse_mac;

// Strict dotted quad: four decimal parts 0-255, no leading zeros (dhcpd and inet_aton would read
// "010" as octal), no spaces.
std::optional<Ipv4> parse_ipv4(std::string_view s);
std::string format_ipv4(const Ipv4& a);
std::uint32_t to_u32(const Ipv4& a);

// format_ipv4 written at the end of `out` (no temporary string).
void append_ipv4(std::string& out, const Ipv4& a);
// A host's or class's options in code order, without allocating for the usual handful.
class ByCode {
 public:
  explicit ByCode(const std::vector<OptionValue>& options) : n_(options.size()) {
    if (n_ > kSmall) big_.resize(n_);
    const OptionValue** p = data();
    for (std::size_t i = 0; i < n_; ++i) p[i] = &options[i];
    std::sort(p, p + n_, [](const OptionValue* a, const OptionValue* b) { return a->code < b->code; });
  }
  ByCode(const ByCode&) = delete;
  ByCode& operator=(const ByCode&) = delete;
  const OptionValue* operator[](std::size_t i) const { return n_ > kSmall ? big_[i] : small_[i]; }

 private:
  static constexpr std::size_t kSmall = 8;
  const OptionValue** data() { return n_ > kSmall ? big_.data() : small_; }
  std::size_t n_;
  const OptionValue* small_[kSmall];
  std::vector<const OptionValue*> big_;
};

// A configuration's hosts in MAC order, as (mac_key, index into cfg.hosts). Byte order is the
// order of the lower-case hex text. Only for a configuration check() accepted (MACs valid and
// distinct); sorted only when not in order already (the driver hands them over sorted).
std::vector<std::pair<std::uint64_t, std::size_t>> hosts_by_mac(const Config& cfg);

std::string hex(const Bytes& b, std::string_view sep = "");  // lower case, two digits a byte

// Why a value cannot be encoded: a problem code and a message (no value quoted: it may be long).
struct EncodeError {
  std::string code;
  std::string message;
  std::optional<std::size_t> sub_option;  // index of the offending sub-option value
};

// The option payload (no code/length header) of `v` as an option of `def`'s type; sub-option
// values are checked against def.sub_options. Payloads over 255 bytes are errors.
std::variant<Bytes, EncodeError> encode(const OptionDef& def, const Value& v);
// The same for a scalar type (used for sub-options too).
std::variant<Bytes, EncodeError> encode_scalar(OptionType type, const Value& v);

}  // namespace phonec::dhcp
