#include "emit/dhcp/catalogue.h"

#include <algorithm>
#include <array>

namespace phonec::dhcp {
namespace {

OptionDef def(std::uint8_t code, const char* name, OptionType type, const char* dhcpd,
              const char* kea) {
  OptionDef d;
  d.code = code;
  d.name = name;
  d.type = type;
  d.dhcpd_name = dhcpd;
  d.kea_name = kea;
  return d;
}

// Names checked against `dhcpd -t` (isc-dhcp-server 4.4.3) and `kea-dhcp4 -t` (Kea 2.2). The two
// servers disagree on the captive-portal code: dhcpd 4.4 has `v4-captive-portal` at 160 (RFC
// 7710) and `default-url` at 114; Kea 2.2 has `v4-captive-portal` at 114 (RFC 8910) and nothing
// at 160 or 150, so those two need an option-def there, under names Kea does not use.
const std::array<OptionDef, 9>& table() {
  static const std::array<OptionDef, 9> t = {
      def(2, "time-offset", OptionType::Int32, "time-offset", "time-offset"),
      def(42, "ntp-servers", OptionType::IpAddressArray, "ntp-servers", "ntp-servers"),
      def(43, "vendor-encapsulated-options", OptionType::Encapsulated,
          "vendor-encapsulated-options", "vendor-encapsulated-options"),
      def(60, "vendor-class-identifier", OptionType::Text, "vendor-class-identifier",
          "vendor-class-identifier"),
      def(66, "tftp-server-name", OptionType::Text, "tftp-server-name", "tftp-server-name"),
      def(67, "bootfile-name", OptionType::Text, "bootfile-name", "boot-file-name"),
      def(114, "default-url", OptionType::Text, "default-url", "v4-captive-portal"),
      def(150, "tftp-server-address", OptionType::IpAddressArray, "tftp-server-address", ""),
      def(160, "provisioning-url", OptionType::Text, "v4-captive-portal", ""),
  };
  return t;
}

}  // namespace

std::span<const OptionDef> standard_options() { return table(); }

std::optional<OptionDef> standard_option(std::uint8_t code) {
  for (const auto& d : table())
    if (d.code == code) return d;
  return std::nullopt;
}

OptionDef with_builtin_names(OptionDef d) {
  if (auto s = standard_option(d.code); s && s->type == d.type) {
    d.dhcpd_name = s->dhcpd_name;
    d.kea_name = s->kea_name;
  }
  return d;
}

const char* type_name(OptionType t) {
  switch (t) {
    case OptionType::Text: return "text";
    case OptionType::IpAddress: return "ip-address";
    case OptionType::IpAddressArray: return "array of ip-address";
    case OptionType::UInt8: return "uint8";
    case OptionType::UInt16: return "uint16";
    case OptionType::UInt32: return "uint32";
    case OptionType::Int32: return "int32";
    case OptionType::Boolean: return "boolean";
    case OptionType::Binary: return "binary";
    case OptionType::Encapsulated: return "encapsulated";
  }
  return "?";
}

}  // namespace phonec::dhcp
