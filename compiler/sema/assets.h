// Firmware images and language packs: what models declare (`asset ID { ... }` blocks), which
// version a site runs on each model, and so which files each device will request.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "sema/program.h"

namespace phonec::sema {

struct Device;
struct DeviceSummary;
struct Inventory;

// Reads one `asset ID { kind firmware; version "..."; path "..."; url "..."; login false;
// sha256 "..."|unknown; size N; models "vendor.M", ...; }` block; reports problems and returns
// false when the declaration is unusable.
bool parse_asset(Program& prog, const ast::Property& p, Asset& out);

// The firmware version a device (or a site, for shared files) runs on `model`: the site's
// choice (`firmware: [{model, version}]`) or the model's recommended `firmware`. Empty when
// neither says.
std::string firmware_version(const Program& prog, const Model& model, const Value& who, Range* chosen_at = nullptr);

// The assets of `model` for firmware `version`: its firmware images and language packs.
std::vector<const Asset*> assets_for(const Model& model, const std::string& version);

struct NeededAsset {
  const Asset* asset = nullptr;
  std::vector<std::string> models;  // the models that request it
  std::size_t devices = 0;          // how many devices request it
  std::string first_mac;            // the first of them in inventory order, and its MAC's place
  Range first_at;
};

// Reports each firmware choice in a device's (or its site's) `firmware` list that names no model,
// once per choice (`seen`). Loads vendors' files: one thread at a time.
void check_firmware_choices(Program& prog, const Value& device, std::set<std::pair<FileId, std::uint32_t>>& seen,
                            Diagnostics& diags);

// Every asset the devices will request, by served path, from each device's model and firmware
// (DeviceSummary::fw_version and fw_at). Reports a site choice naming a version no firmware image
// is declared for, and two different assets at one path.
std::vector<NeededAsset> needed_assets(const std::vector<const DeviceSummary*>& devices, Diagnostics& diags);
// The same for a whole inventory, its firmware choices checked first.
std::vector<NeededAsset> needed_assets(Program& prog, const Inventory& inv);

// check --strict: a warning for every declared asset whose checksum is unknown (each declaration
// once, among the models resolved so far).
void warn_unknown_checksums(Program& prog);

// "00:15:65:aa:bb:cc" or "00:15:65:aa:bb:cc and 2 other devices".
std::string devices_text(const NeededAsset& n);

}  // namespace phonec::sema
