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

// The stdlib loaded and its types built: what reading an inventory needs.
struct Loaded {
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog{sm, diags};
  Loaded() {
    prog.stdlib_dir = std::filesystem::path(PHONEC_SOURCE_DATA_DIR) / "stdlib";
    sema::load_stdlib(prog);
    sema::build_types(prog);
  }
};

std::vector<std::string> read_messages(const std::string& devices) {
  Loaded l;
  SourceManager& sm = l.sm;
  sema::Program& prog = l.prog;
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

namespace {

// Converted values keep every property a fresh Value::str/integer/none would have: kind, text,
// range (quotes included), role and secrecy; rejected values are None at their range.
TEST(InventoryPaths, ConvertedScalarsCarryTheirRangesRolesAndSecrecy) {
  Loaded l;
  SourceManager& sm = l.sm;
  sema::Program& prog = l.prog;
  const std::string text =
      R"({"format": "phonec-inventory/1", "site": {"sip": {"registrar": "10.0.0.1"}}, "devices": [)"
      R"({"mac": "00-15-65-AA-BB-CC", "model": "yealink.T46S", "ip": "10.0.0.256", "lines": [)"
      R"({"number": 1, "display_name": "Zoë", "label": "Zo", "username": "u1", "password": "s3cret"},)"
      R"({"number": 0, "display_name": null, "username": "u2", "password": "p"}]}]})";
  FileId file = sm.add("site.json", text);
  auto inv = sema::open_json_inventory(prog, file);
  ASSERT_TRUE(inv);
  Diagnostics d;
  bool json_error = false;
  auto dev = sema::read_json_device(prog, *inv, 0, d, json_error);
  ASSERT_TRUE(dev);
  std::vector<std::string> msgs;
  for (const Diagnostic& x : d.all()) msgs.push_back(x.code + ": " + x.message);
  const std::vector<std::string> expected = {
      "bad-value: 'ip' must be an IPv4 address, got \"10.0.0.256\"",
      "out-of-range: 'lines[1].number' is out of range: 0 is not in 1..",
      "missing-field: 'lines[1].display_name' is required: null is not allowed",
  };
  EXPECT_EQ(msgs, expected);
  auto slice = [&](Range r) { return text.substr(r.begin, r.end - r.begin); };
  auto field = [](const sema::Value& rec, const char* name) -> const sema::Value& {
    return *rec.field(rec.rec->def->slot(name));
  };
  const sema::Value& mac = field(dev->value, "mac");
  EXPECT_EQ(mac.kind, sema::Value::Kind::Str);
  EXPECT_EQ(mac.s, "00:15:65:aa:bb:cc");
  EXPECT_EQ(slice(mac.range), "\"00-15-65-AA-BB-CC\"");
  EXPECT_EQ(mac.role, sema::TextRole::Plain);
  EXPECT_FALSE(mac.secret);
  const sema::Value& ip = field(dev->value, "ip");
  EXPECT_TRUE(ip.is_none());  // rejected (reported above), then completed: no default
  const sema::ValueList& lines = *field(dev->value, "lines").list;
  ASSERT_EQ(lines.size(), 2u);
  const sema::Value& number = field(lines[0], "number");
  EXPECT_EQ(number.kind, sema::Value::Kind::Int);
  EXPECT_EQ(number.i, 1);
  EXPECT_EQ(slice(number.range), "1");
  EXPECT_EQ(field(lines[0], "display_name").s, "Zoë");
  EXPECT_EQ(field(lines[0], "display_name").role, sema::TextRole::Plain);
  EXPECT_EQ(field(lines[0], "label").role, sema::TextRole::Label);
  EXPECT_EQ(field(lines[0], "username").role, sema::TextRole::Credential);
  const sema::Value& pw = field(lines[0], "password");
  EXPECT_EQ(pw.s, "s3cret");
  EXPECT_TRUE(pw.secret);
  EXPECT_EQ(pw.role, sema::TextRole::Secret);
  EXPECT_EQ(slice(pw.range), "\"s3cret\"");
  const sema::Value& bad_number = field(lines[1], "number");
  // Required fields left None are completed with their (blank) default: no range then.
  EXPECT_TRUE(bad_number.is_none());
  EXPECT_TRUE(field(lines[1], "display_name").is_none());
}

}  // namespace
