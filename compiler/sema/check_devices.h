// Phase 7: every device against its model: model exists and is not a family, line and key
// capacities, key types the model has, services of the feature-code profile, duplicate MACs.
// Lowers service/pickup keys to the vendor-facing types (speeddial/blf) on the way.
#pragma once
#include "sema/inventory.h"

namespace phonec::sema {

void check_devices(Program& prog, Inventory& inv);

}  // namespace phonec::sema
