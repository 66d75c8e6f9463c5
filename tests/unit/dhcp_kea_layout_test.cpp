// The Kea fragment is written by hand in the layout nlohmann's dump(2) gives: these tests build
// the same object as a JSON tree (the way the emitter once did) and compare the bytes, over
// every kind of option value, empty lists, non-ASCII and quoted text, and the streamed pieces.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "emit/dhcp/catalogue.h"
#include "emit/dhcp/check.h"
#include "emit/dhcp/encode.h"
#include "emit/dhcp/kea.h"
#include "tests/unit/dhcp_sample.h"

namespace phonec::dhcp {
namespace {

using nlohmann::ordered_json;

bool plain(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f || c == ',' || c == '\\' || c == '\'' || c == '"') return false;
  return true;
}

const char* type_of(OptionType t) {
  switch (t) {
    case OptionType::Text: return "string";
    case OptionType::IpAddress:
    case OptionType::IpAddressArray: return "ipv4-address";
    case OptionType::UInt8: return "uint8";
    case OptionType::UInt16: return "uint16";
    case OptionType::UInt32: return "uint32";
    case OptionType::Int32: return "int32";
    case OptionType::Boolean: return "boolean";
    default: return "binary";
  }
}

ordered_json list_of(const Config& cfg, const std::vector<OptionValue>& options) {
  std::vector<const OptionValue*> sorted;
  for (const auto& o : options) sorted.push_back(&o);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->code < b->code; });
  ordered_json list = ordered_json::array();
  for (const auto* o : sorted) {
    const OptionDef& d = *find_def(cfg, o->code);
    ordered_json j;
    j["name"] = d.kea_name.empty() ? d.name : d.kea_name;
    j["code"] = d.code;
    const Value& v = o->value;
    switch (d.type) {
      case OptionType::Text:
        if (plain(v.text)) {
          j["data"] = v.text;
        } else {
          j["csv-format"] = false;
          j["data"] = hex(Bytes(v.text.begin(), v.text.end()));
        }
        break;
      case OptionType::IpAddress:
      case OptionType::IpAddressArray: {
        std::string s;
        for (const auto& ip : v.ips) s += (s.empty() ? "" : ", ") + ip;
        j["data"] = s;
        break;
      }
      case OptionType::Boolean: j["data"] = v.boolean ? "true" : "false"; break;
      case OptionType::Binary:
      case OptionType::Encapsulated:
        j["csv-format"] = false;
        j["data"] = hex(std::get<Bytes>(encode(d, v)));
        break;
      default: j["data"] = std::to_string(v.integer);
    }
    if (o->force) j["always-send"] = true;
    list.push_back(j);
  }
  return list;
}

std::string as_tree(const Config& cfg) {
  ordered_json root;
  root["option-def"] = ordered_json::array();
  std::vector<const OptionDef*> decls;
  for (const auto& d : cfg.option_defs)
    if (d.kea_name.empty()) decls.push_back(&d);
  std::sort(decls.begin(), decls.end(), [](auto* a, auto* b) { return a->code < b->code; });
  for (const auto* d : decls) {
    ordered_json j;
    j["name"] = d->name;
    j["code"] = d->code;
    j["type"] = type_of(d->type);
    if (d->type == OptionType::IpAddressArray) j["array"] = true;
    j["space"] = "dhcp4";
    root["option-def"].push_back(j);
  }
  std::vector<const VendorClass*> classes;
  for (const auto& c : cfg.classes) classes.push_back(&c);
  std::sort(classes.begin(), classes.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* c : classes) {
    std::string literal = "0x" + hex(Bytes(c->vci_prefix.begin(), c->vci_prefix.end()));
    if (plain(c->vci_prefix)) literal = '\'' + c->vci_prefix + '\'';
    ordered_json j;
    j["name"] = c->name;
    j["test"] = "substring(option[60].hex,0," + std::to_string(c->vci_prefix.size()) + ") == " + literal;
    j["option-data"] = list_of(cfg, c->options);
    root["client-classes"].push_back(j);
  }
  std::vector<std::pair<std::string, const Host*>> hosts;
  for (const auto& h : cfg.hosts) hosts.emplace_back(format_mac(h.mac), &h);
  std::sort(hosts.begin(), hosts.end(), [](auto& a, auto& b) { return a.first < b.first; });
  root["reservations"] = ordered_json::array();
  for (const auto& [mac, h] : hosts) {
    ordered_json j;
    j["hw-address"] = mac;
    if (h->ip == Host::Ip::Fixed) j["ip-address"] = format_ipv4(h->fixed_ip);
    j["option-data"] = list_of(cfg, h->options());
    root["reservations"].push_back(j);
  }
  return root.dump(2, ' ', true) + "\n";
}

OptionDef custom(std::uint8_t code, const char* name, OptionType type) {
  OptionDef d;
  d.code = code;
  d.name = name;
  d.type = type;
  return d;
}

Config varied() {
  Config c;
  OptionDef o43 = *standard_option(43);
  o43.sub_options.push_back({1, "url", OptionType::Text});
  o43.sub_options.push_back({2, "port", OptionType::UInt16});
  c.option_defs = {*standard_option(66), o43, *standard_option(2), *standard_option(150), *standard_option(160),
                   custom(224, "vlan", OptionType::UInt16), custom(225, "flag", OptionType::Boolean),
                   custom(226, "blob", OptionType::Binary), custom(227, "one", OptionType::IpAddress),
                   custom(228, "small", OptionType::UInt8), custom(229, "big", OptionType::UInt32)};
  VendorClass a{"zeta", "Cisco,SPA\"x", {{66, Value::of_text("tftp \xc3\xa9t\xc3\xa9"), true}}};
  VendorClass b{"alpha", "yealink", {}};
  VendorClass d{"mid", "SNOM'", {{43, Value::of_sub_options({{1, Value::of_text("u")}, {2, Value::of_integer(80)}}), false}}};
  c.classes = {a, b, d};
  Host h1 = testing::host_of("00-15-65-AA-BB-CC", "10.0.0.9", "x.y", {});
  Host h2 = testing::host_of("000413000001", std::nullopt, "", {{229, Value::of_integer(4294967295LL), false},
                                                   {225, Value::of_boolean(true), true},
                                                   {226, Value::of_bytes({0, 1, 0xff}), false},
                                                   {227, Value::of_ips({"192.168.0.1"}), true},
                                                   {228, Value::of_integer(0), false},
                                                   {2, Value::of_integer(-1), false},
                                                   {160, Value::of_text("say \"hi\"\\ \x01\x7f"), false},
                                                   {150, Value::of_ips({"1.2.3.4", "255.255.255.255"}), false},
                                                   {224, Value::of_integer(7), true}});
  Host h3 = testing::host_of("00:04:13:00:00:00", "0.0.0.0", "", {{225, Value::of_boolean(false), false}});
  c.hosts = {h1, h2, h3};
  return c;
}

TEST(DhcpKeaLayout, EveryKindOfValueAsTheJsonTreeDumps) {
  Config c = varied();
  ASSERT_TRUE(check(c).empty());
  Emitted e = emit_kea_fragment(c);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e.text, as_tree(c));
  EXPECT_NE(e.text.find("\"csv-format\": false"), std::string::npos);
  EXPECT_NE(e.text.find("\"option-data\": []"), std::string::npos);
}

TEST(DhcpKeaLayout, EmptyListsAsTheJsonTreeDumps) {
  Config c;
  EXPECT_EQ(emit_kea_fragment(c).text, "{\n  \"option-def\": [],\n  \"reservations\": []\n}\n");
  EXPECT_EQ(emit_kea_fragment(c).text, as_tree(c));
  c.option_defs = {*standard_option(66)};
  c.hosts = {testing::host_of("001122334455", std::nullopt, "", {})};
  EXPECT_EQ(emit_kea_fragment(c).text, as_tree(c));
}

TEST(DhcpKeaLayout, StreamedPiecesMakeTheSameText) {
  Config c = varied();
  for (unsigned i = 0; i < 20000; ++i) {
    Host h = c.hosts[1];
    Mac m{0x02, 0, 0, static_cast<std::uint8_t>(i >> 16), static_cast<std::uint8_t>(i >> 8),
          static_cast<std::uint8_t>(i)};
    h.mac = m;
    c.hosts.push_back(h);
  }
  std::string whole = emit_kea_fragment(c).text;
  ASSERT_GT(whole.size(), 2 * kFlushBytes);
  std::string pieces;
  std::size_t count = 0;
  Emitted e = emit_kea_fragment(c, [&](std::string_view p) {
    EXPECT_GE(p.size(), kFlushBytes);
    EXPECT_LT(p.size(), kFlushBytes + 4096);
    pieces += p;
    ++count;
  });
  EXPECT_GE(count, 2u);
  EXPECT_LT(e.text.size(), kFlushBytes + 4096);
  EXPECT_EQ(pieces + e.text, whole);
  EXPECT_EQ(whole, as_tree(c));
}

}  // namespace
}  // namespace phonec::dhcp
