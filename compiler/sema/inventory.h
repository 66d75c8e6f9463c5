// Phase 6: site inventories (JSON files, or site/device declarations in .phone files) into
// checked values of the stdlib records `site` and `device`, with every value's source range.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sema/program.h"
#include "syntax/json.h"

namespace phonec::sema {

struct Device {
  std::string mac;          // normalised 00:15:65:aa:bb:cc
  std::string model_name;   // as written
  const Model* model = nullptr;
  Value value;              // record `device`: site fields merged in, defaults applied
  Value site;               // record `site`
  Range range;              // the device's declaration
  Range source, site_source;  // the whole JSON text of the device and of its site (JSON inventories)
  Range mac_range, model_range;
};

// What the steps across devices (duplicate MACs, assets, shared files) know of a device: a few
// dozen bytes that outlive its value, which a build drops once the device's own files are done.
struct DeviceSummary {
  std::uint64_t mac = 0;        // text::pack_mac(Device::mac): 0 when it has none
  const Model* model = nullptr;
  const Value* site = nullptr;  // its site record (one per inventory)
  Range range, mac_range;
  bool admin_password = true;
  std::string_view fw_version;  // the firmware it runs (sema::firmware_version), and where that was chosen
  Range fw_at;
};
// mac, model, site (&d.site), range and mac_range of `d`.
DeviceSummary summary_of(const Device& d);

struct Inventory {
  std::vector<Device> devices;
};

// What reading each device of an inventory shares, prepared once when the inventory is opened
// and read-only afterwards (defined in inventory.cpp).
struct InventoryShared;

// A JSON inventory read for streaming: its top level checked and its site converted; its
// devices only delimited, each read when wanted with read_json_device (from any thread).
struct JsonInventory {
  FileId file{};
  Value site;
  Range site_source;           // the site's JSON text
  std::vector<Range> devices;  // each device's JSON text, in input order
  std::shared_ptr<const InventoryShared> shared;  // set by open_json_inventory
};
// nullopt after a problem that leaves no devices to read (reported).
std::optional<JsonInventory> open_json_inventory(Program& prog, FileId file);
// Device `i`, parsed, converted and completed, its diagnostics into `diags`; nullopt when it is
// not an object (reported) or not well-formed JSON: then `json_error` is set and nothing is
// reported (parse the whole file for json::parse()'s diagnostics).
std::optional<Device> read_json_device(Program& prog, const JsonInventory& inv, std::size_t i, Diagnostics& diags,
                                       bool& json_error);

// The whole inventory at once: devices are converted on `jobs` threads (1: in this thread); the result and the diagnostics
// are the same whatever the number.
void load_json_inventory(Program& prog, FileId file, Inventory& inv, unsigned jobs = 1);
// The same from a parsed document in the phonec-inventory/1 shape (values keep their ranges).
void load_inventory_document(Program& prog, const json::Value& doc, Inventory& inv, unsigned jobs = 1);
void load_phone_inventory(Program& prog, Inventory& inv);

// Normalises a MAC written 001565aabbcc, 00:15:65:AA:BB:CC or 00-15-65-aa-bb-cc; nullopt if not one.
std::optional<std::string> normalize_mac(std::string_view s);
bool valid_ipv4(std::string_view s);
bool valid_host(std::string_view s);

}  // namespace phonec::sema
