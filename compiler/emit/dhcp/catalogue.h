// The DHCP options desk phones use, and the names ISC dhcpd 4.4 and Kea 2.2 know them by.
#pragma once
#include <optional>
#include <span>

#include "emit/dhcp/dhcp_ir.h"

namespace phonec::dhcp {

// Every catalogued option, sorted by code.
std::span<const OptionDef> standard_options();
// The catalogued definition of `code`, with the server names filled in; nullopt if unknown.
std::optional<OptionDef> standard_option(std::uint8_t code);
// `def` with dhcpd_name/kea_name filled from the catalogue when its code is catalogued with the
// same type (a different type keeps the names empty: check() reports the conflict).
OptionDef with_builtin_names(OptionDef def);
// "text", "array of ip-address", ... as the documentation and diagnostics spell them.
const char* type_name(OptionType t);

}  // namespace phonec::dhcp
