// Reading devices of a JSON inventory: what a device takes from its site (the site's sip with
// its defaults applied, shared rather than copied per device) must equal what completing a copy
// of its own gives, and a site record whose completion reports something is reported per device.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "sema/inventory.h"
#include "sema/loader.h"
#include "sema/symbols.h"

namespace {

using namespace phonec;

struct Site {
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog{sm, diags};
  std::optional<sema::JsonInventory> inv;
  std::vector<sema::Device> devices;
  Diagnostics device_diags;

  explicit Site(const std::string& text) {
    prog.stdlib_dir = std::filesystem::path(PHONEC_SOURCE_DATA_DIR) / "stdlib";
    sema::load_stdlib(prog);
    sema::build_types(prog);
    inv = sema::open_json_inventory(prog, sm.add("site.json", text));
    if (!inv) return;
    for (std::size_t i = 0; i < inv->devices.size(); ++i) {
      bool json_error = false;
      if (auto d = sema::read_json_device(prog, *inv, i, device_diags, json_error)) devices.push_back(std::move(*d));
    }
  }
  // The value at a path of field names below `v`.
  const sema::Value& at(const sema::Value& v, std::initializer_list<const char*> path) const {
    static const sema::Value none;
    const sema::Value* cur = &v;
    for (const char* name : path) {
      if (cur->kind != sema::Value::Kind::Record) return none;
      cur = cur->field(cur->rec->def->slot(name));
      if (!cur) return none;
    }
    return *cur;
  }
  const sema::Value& line(const sema::Device& d, std::size_t k) const { return (*at(d.value, {"lines"}).list)[k]; }
};

const char* kLine1 = R"({"number": 1, "display_name": "A", "username": "1001", "password": "pw"})";

std::string site_json(const std::string& site_sip, const std::string& devices) {
  return R"({"format": "phonec-inventory/1", "site": {"sip": )" + site_sip + R"(}, "devices": [)" + devices + "]}";
}

TEST(InventorySharedSite, SiteSipDefaultsReachEveryDeviceAndLine) {
  Site s(site_json(R"({"registrar": "10.0.0.1", "transport": "tcp"})",
                   std::string(R"({"mac": "001565000001", "model": "yealink.T46S", "lines": [)") + kLine1 +
                       R"(, {"number": 2, "display_name": "B", "username": "1002", "password": "pw", "sip": {"port": 5070}}]},)"
                       R"({"mac": "001565000002", "model": "yealink.T46S", "sip": {"proxy": "10.0.0.2"}, "lines": [)" +
                       kLine1 + "]}," + R"({"mac": "001565000003", "model": "yealink.T46S", "lines": [)" + kLine1 + "]}"));
  ASSERT_TRUE(s.inv);
  ASSERT_EQ(s.devices.size(), 3u);
  EXPECT_FALSE(s.diags.has_errors());
  EXPECT_TRUE(s.device_diags.all().empty());
  const sema::Device& a = s.devices[0];
  const sema::Device& b = s.devices[1];
  const sema::Device& c = s.devices[2];
  // The device's sip: the site's, with the default port and the site's transport.
  EXPECT_EQ(s.at(a.value, {"sip", "registrar"}).s, "10.0.0.1");
  EXPECT_EQ(s.at(a.value, {"sip", "port"}).i, 5060);
  EXPECT_EQ(s.at(a.value, {"sip", "transport"}).s, "tcp");
  EXPECT_EQ(s.at(a.value, {"sip", "dtmf"}).s, "rfc2833");
  // Line 1 takes the device's sip whole; line 2 sets its own port over it.
  EXPECT_EQ(s.at(s.line(a, 0), {"sip", "port"}).i, 5060);
  EXPECT_EQ(s.at(s.line(a, 0), {"sip", "registrar"}).s, "10.0.0.1");
  EXPECT_EQ(s.at(s.line(a, 1), {"sip", "port"}).i, 5070);
  EXPECT_EQ(s.at(s.line(a, 1), {"sip", "transport"}).s, "tcp");
  EXPECT_EQ(s.at(s.line(a, 1), {"sip", "registrar"}).s, "10.0.0.1");
  // A device with a sip of its own: its field, the site's, then the defaults.
  EXPECT_EQ(s.at(b.value, {"sip", "proxy"}).s, "10.0.0.2");
  EXPECT_EQ(s.at(b.value, {"sip", "registrar"}).s, "10.0.0.1");
  EXPECT_EQ(s.at(b.value, {"sip", "port"}).i, 5060);
  EXPECT_EQ(s.at(s.line(b, 0), {"sip", "proxy"}).s, "10.0.0.2");
  EXPECT_TRUE(s.at(a.value, {"sip", "proxy"}).is_none());
  // Devices and lines that take the site's sip whole share one completed record.
  EXPECT_EQ(s.at(a.value, {"sip"}).rec, s.at(c.value, {"sip"}).rec);
  EXPECT_EQ(s.at(s.line(a, 0), {"sip"}).rec, s.at(c.value, {"sip"}).rec);
  // The site itself, as content reads it through `site`, has no defaults written into it.
  EXPECT_TRUE(s.at(a.site, {"sip", "port"}).is_none());
  EXPECT_EQ(a.site.rec, s.inv->site.rec);
}

TEST(InventorySharedSite, SiteSipMissingARequiredFieldIsReportedForEachDeviceAndLine) {
  Site s(site_json(R"({"proxy": "10.0.0.1"})",
                   std::string(R"({"mac": "001565000001", "model": "yealink.T46S", "lines": [)") + kLine1 + "]}," +
                       R"({"mac": "001565000002", "model": "yealink.T46S", "lines": [)" + kLine1 + "]}"));
  ASSERT_EQ(s.devices.size(), 2u);
  std::vector<std::string> messages;
  for (const Diagnostic& d : s.device_diags.all()) messages.push_back(d.code + ": " + d.message);
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "missing-field: device 00:15:65:00:00:01 has no 'sip.registrar' (required)",
                          "missing-field: device 00:15:65:00:00:01 has no 'lines[0].sip.registrar' (required)",
                          "missing-field: device 00:15:65:00:00:02 has no 'sip.registrar' (required)",
                          "missing-field: device 00:15:65:00:00:02 has no 'lines[0].sip.registrar' (required)",
                      }));
  // The defaults are still applied to each device's copy.
  EXPECT_EQ(s.at(s.devices[0].value, {"sip", "port"}).i, 5060);
  EXPECT_EQ(s.at(s.line(s.devices[1], 0), {"sip", "proxy"}).s, "10.0.0.1");
}

TEST(InventorySharedSite, NoSiteSipLeavesEachLineWithoutOne) {
  Site s(R"({"format": "phonec-inventory/1", "site": {}, "devices": [{"mac": "001565000001", "model": "yealink.T46S", "lines": [)" +
         std::string(kLine1) + "]}]}");
  ASSERT_EQ(s.devices.size(), 1u);
  EXPECT_TRUE(s.device_diags.all().empty());
  EXPECT_TRUE(s.at(s.devices[0].value, {"sip"}).is_none());
  EXPECT_TRUE(s.at(s.line(s.devices[0], 0), {"sip"}).is_none());
  EXPECT_EQ(s.at(s.devices[0].value, {"feature_codes"}).s, "wazo");
}

}  // namespace
