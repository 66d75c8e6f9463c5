// The names missing-field messages give a device's fields: top-level, inside a record, inside
// the k-th element of a list of records (the path is joined only when a message is written).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "sema/inventory.h"
#include "sema/loader.h"
#include "sema/symbols.h"

namespace {

using namespace phonec;

std::vector<std::string> read_messages(const std::string& devices) {
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog{sm, diags};
  prog.stdlib_dir = std::filesystem::path(PHONEC_SOURCE_DATA_DIR) / "stdlib";
  sema::load_stdlib(prog);
  sema::build_types(prog);
  auto inv = sema::open_json_inventory(
      prog, sm.add("site.json", R"({"format": "phonec-inventory/1", "site": {"sip": {"port": 5061}}, "devices": [)" + devices + "]}"));
  EXPECT_TRUE(inv);
  std::vector<std::string> out;
  if (!inv) return out;
  for (std::size_t i = 0; i < inv->devices.size(); ++i) {
    Diagnostics d;
    bool json_error = false;
    sema::read_json_device(prog, *inv, i, d, json_error);
    EXPECT_FALSE(json_error);
    for (const Diagnostic& x : d.all()) out.push_back(x.code + ": " + x.message);
  }
  return out;
}

TEST(InventoryPaths, MissingFieldsAreNamedByTheirWholePath) {
  const std::string line_ok = R"({"number": 1, "display_name": "A", "username": "u", "password": "p", "sip": {"registrar": "10.0.0.1"}})";
  const std::string line_bad = R"({"number": 2, "display_name": "B", "sip": {"proxy": "10.0.0.2"}})";
  auto got = read_messages(R"({"model": "yealink.T46S", "lines": [)" + line_ok + "," + line_bad +
                           R"(], "funckeys": [{"position": 1, "type": "blf"}, {"position": 2, "type": "blf"}, {"position": 3}]})");
  const std::vector<std::string> expected = {
      // Slot order: the site's fields (sip among them) come first in record device.
      "missing-field: device (no MAC) has no 'sip.registrar' (required)",
      "missing-field: device (no MAC) has no 'mac' (required)",
      "missing-field: device (no MAC) has no 'lines[1].username' (required)",
      "missing-field: device (no MAC) has no 'lines[1].password' (required)",
      "missing-field: device (no MAC) has no 'lines[1].sip.registrar' (required)",
      "missing-field: device (no MAC) has no 'funckeys[2].type' (required)",
  };
  EXPECT_EQ(got, expected);
}

}  // namespace
