// Kea (2.2) output: DIR/dhcp/kea-dhcp4.json, a fragment to merge into a Dhcp4 configuration.
#pragma once
#include "emit/dhcp/dhcp_ir.h"

namespace phonec::dhcp {

// A JSON object {"option-def": [...], "client-classes": [...], "reservations": [...]}: the first
// two go into "Dhcp4", the reservations into the subnet4 entry of the phones' subnet (see
// docs/dhcp.md). Option data that Kea's CSV parser could misread (commas, backslashes, quotes,
// non-ASCII or control bytes) is written as raw hex with "csv-format": false. Forced options get
// "always-send": true.
// With `flush`, the text goes to it in pieces as it is produced (see Flush).
// `checked`: check(config)'s result when the caller has it already (one configuration rendered
// for three servers is checked once).
Emitted emit_kea_fragment(const Config& config, const Flush& flush = {}, const std::vector<Problem>* checked = nullptr);

}  // namespace phonec::dhcp
