// Phase 6: site inventories (JSON files, or site/device declarations in .phone files) into
// checked values of the stdlib records `site` and `device`, with every value's source range.
#pragma once
#include <string>
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

struct Inventory {
  std::vector<Device> devices;
};

// Devices are converted on `jobs` threads (1: in this thread); the result and the diagnostics
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
