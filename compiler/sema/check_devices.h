// Phase 7: every device against its model: model exists and is not a family, line and key
// capacities, key types the model has, services of the feature-code profile, duplicate MACs.
// Lowers service/pickup keys to the vendor-facing types (speeddial/blf) on the way.
#pragma once
#include <memory>

#include "sema/inventory.h"

namespace phonec::sema {

struct Slots;
struct ModelCache;

// The per-device checks, usable one device at a time (a build streams its inventory).
class DeviceChecker {
 public:
  explicit DeviceChecker(Program& prog);
  ~DeviceChecker();
  // False when the stdlib lacks the inventory records (nothing is checked then).
  bool ok() const { return ok_; }
  // Sets d.model to the model the device names, or reports why it cannot be one (unknown, a
  // family, unsupported). Loads the vendor's files on first use: one thread at a time.
  void resolve(Device& d, Diagnostics& diags) const;
  // Time zone, lines, keys and services against d.model; lowers keys. Thread-safe.
  void check(Device& d, Diagnostics& diags) const;
  bool has_admin_password(const Device& d) const;

 private:
  Program& prog_;
  bool ok_ = false;
  std::unique_ptr<Slots> slots_;
  // What resolve() and check() learn once per model instead of once per device.
  std::unique_ptr<ModelCache> models_;
};

// The checks across devices, given in input order: one no-admin-password warning per inventory
// file, duplicate MACs (the later device of each pair is reported and marked in `duplicate`).
// Returns the devices' indexes in MAC order (stable).
std::vector<std::size_t> check_site(const std::vector<const DeviceSummary*>& devices, std::vector<char>& duplicate,
                                    Diagnostics& diags);

// All of it for a whole inventory: site checks, then every other device resolved and checked;
// the devices end up in MAC order.
void check_devices(Program& prog, Inventory& inv);

}  // namespace phonec::sema
