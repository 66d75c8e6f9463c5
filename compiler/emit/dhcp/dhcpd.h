// ISC dhcpd (4.4) output: the include file DIR/dhcp/dhcpd.conf and the complete lab dhcpd.conf.
#pragma once
#include <string>
#include <string_view>

#include "emit/dhcp/dhcp_ir.h"

namespace phonec::dhcp {

// Option declarations for codes dhcpd does not know, one class per vendor class (matched on the
// vendor-class-identifier prefix) and one host stanza per device. Option 43 is written as raw
// sub-option bytes (`option vendor-encapsulated-options 01:19:...;`) so that the same bytes reach
// every phone whatever other classes a server defines. The subnet, if any, is ignored.
// With `flush`, the text goes to it in pieces as it is produced (see Flush).
// `checked`: check(config)'s result when the caller has it already (one configuration rendered
// for three servers is checked once).
Emitted emit_dhcpd_include(const Config& config, const Flush& flush = {}, const std::vector<Problem>* checked = nullptr);

struct LabSettings {
  int default_lease_time = 600;
  int max_lease_time = 7200;
  std::string log_facility = "local7";  // a syslog facility name
};

// A complete dhcpd.conf for a test LAN: global settings, the declarations and classes, the
// subnet (range, routers, mask, broadcast, NTP, domain, DNS, a log line showing each client's
// vendor class) and the host stanzas. Requires config.subnet.
Emitted emit_dhcpd_lab(const Config& config, const LabSettings& settings = {});

// A dhcpd string literal (quotes included) that the dhcpd lexer reads back as exactly `bytes`:
// `"` and `\` are backslash-escaped, bytes outside printable ASCII are 3-digit octal escapes.
std::string dhcpd_quote(std::string_view bytes);

}  // namespace phonec::dhcp
