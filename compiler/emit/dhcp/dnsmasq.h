// dnsmasq output: DIR/dhcp/dnsmasq.conf, loaded with conf-file=.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "emit/dhcp/dhcp_ir.h"

namespace phonec::dhcp {

// One `dhcp-match=set:TAG,60,<hex prefix>` per vendor class (a prefix match, unlike
// dhcp-vendorclass which matches a substring anywhere), one `dhcp-host=MAC,set:TAG[,IP]` per
// device, and `dhcp-option=tag:TAG,CODE,VALUE` lines (`dhcp-option-force` for forced options).
// Options are always given by number, so dnsmasq never re-types a value by its own idea of the
// option. Tags: "phonec-class-<class name>", "phonec-host-<mac, 12 hex digits>".
// With `flush`, the text goes to it in pieces as it is produced (see Flush).
// `checked`: check(config)'s result when the caller has it already (one configuration rendered
// for three servers is checked once).
Emitted emit_dnsmasq(const Config& config, const Flush& flush = {}, const std::vector<Problem>* checked = nullptr);

// The dnsmasq spelling of a text value: a quoted string (escapes \" \\ \t \n \r \e \b), or
// colon hex when it holds other control bytes; nullopt when dnsmasq cannot carry it (a single
// such byte). An empty text gives an empty string (the option is sent with no data).
std::optional<std::string> dnsmasq_text(std::string_view bytes);

}  // namespace phonec::dhcp
