// `phonec build --from provd`: a Wazo provd export (its devices and their raw configs, with
// provd's field names: sip_lines, funckeys, sip_proxy_ip, timezone, locale, ntp_ip, ...) read as
// the equivalent phonec inventory, so an installation can switch without retyping its devices.
// Diagnostics point into the export file.
#pragma once
#include "sema/inventory.h"

namespace phonec::sema {

void load_provd_export(Program& prog, FileId file, Inventory& inv);

}  // namespace phonec::sema
