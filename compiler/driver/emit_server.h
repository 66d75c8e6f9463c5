// The complete dhcpd.conf of `phonec lab`: the test subnet around the build's host stanzas.
#pragma once
#include <optional>

#include "emit/dhcp/dhcp_ir.h"
#include "output/write_tree.h"
#include "sema/inventory.h"

namespace phonec::driver {

// DIR/dhcpd.conf: emit_dhcpd_lab over the same hosts and options as DIR/dhcp/dhcpd.conf, inside
// `subnet`. Problems become diagnostics in prog.diags; then nothing is returned.
std::optional<output::OutFile> emit_lab_dhcpd(sema::Program& prog, const sema::Inventory& inv, const dhcp::Subnet& subnet);

}  // namespace phonec::driver
