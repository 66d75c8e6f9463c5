// DeviceChecker remembers per model what it learnt (the model a name resolves to, the model's
// facts the checks read): a second device of a model must be checked exactly like the first, and
// a name that resolves to no model is reported for every device that gives it. The checks that
// remember numbers per device (line numbers, key positions) must find duplicates past the first
// few too.
#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <string>

#include "sema/check_devices.h"
#include "sema/inventory.h"
#include "sema/loader.h"
#include "sema/symbols.h"

namespace {

using namespace phonec;

struct Checked {
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog{sm, diags};
  FileId file{};
  std::vector<sema::Device> devices;
  std::deque<Diagnostics> per_device;

  explicit Checked(const std::string& devices_json) {
    prog.stdlib_dir = std::filesystem::path(PHONEC_SOURCE_DATA_DIR) / "stdlib";
    prog.model_paths.push_back(std::filesystem::path(PHONEC_SOURCE_DATA_DIR) / "models");
    sema::load_stdlib(prog);
    sema::build_types(prog);
    file = sm.add("site.json", R"({"format": "phonec-inventory/1", "site": {"sip": {"registrar": "10.0.0.1"}}, "devices": [)" +
                                   devices_json + "]}");
    auto inv = sema::open_json_inventory(prog, file);
    EXPECT_TRUE(inv);
    if (!inv) return;
    sema::DeviceChecker checker(prog);
    EXPECT_TRUE(checker.ok());
    for (std::size_t i = 0; i < inv->devices.size(); ++i) {
      bool json_error = false;
      per_device.emplace_back();
      auto d = sema::read_json_device(prog, *inv, i, per_device[i], json_error);
      EXPECT_TRUE(d);
      if (!d) continue;
      checker.resolve(*d, per_device[i]);
      checker.check(*d, per_device[i]);
      devices.push_back(std::move(*d));
    }
  }
  std::string text(Range r) const { return std::string(sm.get(file).text().substr(r.begin, r.end - r.begin)); }
  // "code: message" of each of device i's diagnostics.
  std::vector<std::string> codes(std::size_t i) const {
    std::vector<std::string> out;
    for (const Diagnostic& d : per_device[i].all()) out.push_back(d.code + ": " + d.message);
    return out;
  }
};

std::string line(int n) {
  return R"({"number": )" + std::to_string(n) + R"(, "display_name": "A", "username": "u", "password": "p"})";
}
std::string key(int position, const char* type = "speeddial", int line_no = 1) {
  return R"({"position": )" + std::to_string(position) + R"(, "type": ")" + type + R"(", "value": "100", "line": )" +
         std::to_string(line_no) + "}";
}
std::string device(int mac, const std::string& model, const std::string& lines, const std::string& keys) {
  char m[13];
  std::snprintf(m, sizeof m, "0015650000%02x", mac);
  return R"({"mac": ")" + std::string(m) + R"(", "model": ")" + model + R"(", "lines": [)" + lines + R"(], "funckeys": [)" +
         keys + "]}";
}

TEST(CheckDevicesCache, ASecondDeviceOfAModelIsCheckedLikeTheFirst) {
  // Key type "pickup" is lowered only where the model has no pickup key code; "park" without a
  // value takes the profile's code; an unknown type for the model is reported each time.
  const std::string keys = key(1, "blf") + "," + key(2, "park") + "," + key(3, "pickup") + "," + key(4, "speeddial", 2);
  Checked c(device(1, "yealink.T46S", line(1), keys) + "," + device(2, "yealink.T46S", line(1), keys));
  ASSERT_EQ(c.devices.size(), 2u);
  ASSERT_TRUE(c.devices[0].model);
  EXPECT_EQ(c.devices[0].model, c.devices[1].model);
  EXPECT_EQ(c.devices[0].model->name, "yealink.T46S");
  const std::vector<std::string> expected = {
      "unknown-line: function key uses line 2, which device 00:15:65:00:00:01 does not have"};
  EXPECT_EQ(c.codes(0), expected);
  EXPECT_EQ(c.codes(1), std::vector<std::string>{
                            "unknown-line: function key uses line 2, which device 00:15:65:00:00:02 does not have"});
  // Both devices' keys lowered the same way.
  auto keys_of = [&](const sema::Device& d) {
    std::string out;
    const sema::Value* list = d.value.field(d.value.rec->def->slot("funckeys"));
    for (const sema::Value& k : *list->list) {
      const sema::RecordDef& def = *k.rec->def;
      out += k.field(def.slot("type"))->s + "=" + k.field(def.slot("value"))->to_text() + "/" +
             k.field(def.slot("pickup"))->to_text() + ";";
    }
    return out;
  };
  EXPECT_FALSE(keys_of(c.devices[0]).empty());
  EXPECT_EQ(keys_of(c.devices[0]), keys_of(c.devices[1]));
}

TEST(CheckDevicesCache, AnUnknownModelIsReportedForEachDevice) {
  Checked c(device(1, "yealink.Nope", line(1), "") + "," + device(2, "yealink.Nope", line(1), "") + "," +
            device(3, "yealink.T46S", line(1), ""));
  ASSERT_EQ(c.devices.size(), 3u);
  EXPECT_EQ(c.devices[0].model, nullptr);
  EXPECT_EQ(c.devices[1].model, nullptr);
  ASSERT_TRUE(c.devices[2].model);
  for (std::size_t i = 0; i < 2; ++i) {
    ASSERT_EQ(c.per_device[i].all().size(), 1u) << i;
    const Diagnostic& d = c.per_device[i].all()[0];
    EXPECT_EQ(d.code, "unknown-model");
    EXPECT_EQ(c.text(d.range), "\"yealink.Nope\"");
    EXPECT_EQ(d.range.begin, c.devices[i].model_range.begin);
    EXPECT_EQ(d.range.end, c.devices[i].model_range.end);
  }
  EXPECT_TRUE(c.per_device[2].all().empty());
}

TEST(CheckDevicesCache, DuplicatesPastTheFirstSixteenAreFound) {
  // 20 keys, then position 3 again; 20 lines of a 100-line model, then line 5 again.
  std::string keys, lines;
  for (int p = 1; p <= 20; ++p) keys += key(p) + ",";
  keys += key(3);
  for (int n = 1; n <= 20; ++n) lines += line(n) + ",";
  lines += line(5);
  Checked c(device(1, "yealink.T46S", line(1), keys) + "," + device(2, "yealink.W80", lines, ""));
  ASSERT_EQ(c.devices.size(), 2u);
  ASSERT_EQ(c.per_device[0].all().size(), 1u);
  const Diagnostic& k = c.per_device[0].all()[0];
  EXPECT_EQ(k.code + ": " + k.message, "duplicate-key: device 00:15:65:00:00:01 has two keys at position 3");
  ASSERT_EQ(k.notes.size(), 1u);
  EXPECT_EQ(k.notes[0].message, "first key at this position here");
  EXPECT_EQ(c.text(k.notes[0].range), "3");
  EXPECT_LT(k.notes[0].range.begin, k.range.begin);
  EXPECT_EQ(c.text(k.range), "3");

  ASSERT_EQ(c.per_device[1].all().size(), 1u);
  const Diagnostic& l = c.per_device[1].all()[0];
  EXPECT_EQ(l.code + ": " + l.message, "duplicate-line: device 00:15:65:00:00:02 declares line 5 twice");
  ASSERT_EQ(l.notes.size(), 1u);
  EXPECT_EQ(c.text(l.notes[0].range), "5");
  EXPECT_LT(l.notes[0].range.begin, l.range.begin);
}

}  // namespace
