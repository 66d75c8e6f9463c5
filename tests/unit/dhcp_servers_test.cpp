// The generated files against the real servers: dhcpd -t, kea-dhcp4 -t and dnsmasq --test on a
// 500-host configuration with hostile values, and the bytes dhcpd and dnsmasq actually serve to a
// DHCP client (busybox udhcpc) inside network namespaces created by tests/dhcp/wire.sh.
// A missing server binary is a failure, never a skip.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "emit/dhcp/dhcpd.h"
#include "emit/dhcp/dnsmasq.h"
#include "emit/dhcp/encode.h"
#include "emit/dhcp/kea.h"
#include "tests/unit/dhcp_sample.h"
#include "tests/unit/temp_dir.h"

namespace phonec::dhcp {
namespace {

namespace fs = std::filesystem;

using phonec::testing::TempDir;

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `cmd` with stdout and stderr in `log`; returns the exit status (-1 if it did not exit).
int run(const std::string& cmd, const fs::path& log) {
  int st = std::system((cmd + " >'" + log.string() + "' 2>&1").c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

const std::string kHostile114 = "a\"b\\c;#{}\n,x\t\xc3\xa9 } ; \" # '";
const std::string kHostile160 = std::string("\x01\x02", 2) + "end\";{";

// 500 devices over five vendor classes; every 50th device carries the hostile texts.
Config big_config() {
  Config c;
  OptionDef o43 = *standard_option(43);
  o43.sub_options = {{1, "url", OptionType::Text}, {2, "vlan", OptionType::UInt16}};
  c.option_defs = {*standard_option(66), o43,  *standard_option(2),   *standard_option(42),
                   *standard_option(150), *standard_option(114), *standard_option(160)};
  const char* vendors[][2] = {{"yealink", "yealink"}, {"snom", "snomD735"}, {"polycom", "Polycom-VVX"},
                              {"cisco", "CP-8841-3PCC"}, {"aastra", "AastraIPPhone6930"}};
  int v = 0;
  for (auto& [name, prefix] : vendors) {
    VendorClass k;
    k.name = name;
    k.vci_prefix = prefix;
    k.options.push_back({66, Value::of_text(std::string("http://10.34.1.6/") + name + "/"), false});
    if (v % 2 == 0)
      k.options.push_back(
          {43, Value::of_sub_options({{1, Value::of_text("http://10.34.1.6/")}, {2, Value::of_integer(100 + v)}}),
           true});
    c.classes.push_back(k);
    ++v;
  }
  for (int i = 0; i < 500; ++i) {
    Host h;
    char mac[18], ip[16];
    std::snprintf(mac, sizeof mac, "00:15:65:00:%02x:%02x", i / 256, i % 256);
    std::snprintf(ip, sizeof ip, "10.34.%d.%d", 2 + i / 200, 10 + i % 200);
    h.set_mac(mac);
    if (i % 7 != 0) h.set_fixed_ip(ip);
    h.own_profile().model = std::string(vendors[i % 5][0]) + ".M" + std::to_string(i % 3);
    h.own_profile().options.push_back({2, Value::of_integer(-18000 + 60 * (i % 50)), i % 3 == 0});
    h.own_profile().options.push_back({42, Value::of_ips({"10.34.1.6"}), false});
    if (i % 4 == 0) h.own_profile().options.push_back({150, Value::of_ips({"10.34.1.6", "10.34.1.7"}), true});
    if (i % 50 == 0) {
      h.own_profile().options.push_back({114, Value::of_text(kHostile114), false});
      h.own_profile().options.push_back({160, Value::of_text(kHostile160), true});
    }
    c.hosts.push_back(h);
  }
  return c;
}

std::string problems(const Emitted& e) {
  std::string s;
  for (const auto& p : e.problems) s += p.code + ": " + p.message + "\n";
  return s;
}

TEST(DhcpServers, DhcpdAcceptsIncludeAndLab) {
  TempDir d;
  Config c = big_config();
  auto inc = emit_dhcpd_include(c);
  ASSERT_TRUE(inc.ok()) << problems(inc);
  write(d / "phonec.conf", inc.text);
  write(d / "wrapper.conf", "subnet 10.34.0.0 netmask 255.255.0.0 {\n  range 10.34.200.1 10.34.200.200;\n}\n"
                            "include \"" + (d / "phonec.conf").string() + "\";\n");
  EXPECT_EQ(run("dhcpd -t -cf '" + (d / "wrapper.conf").string() + "'", d / "log"), 0) << read(d / "log");

  Subnet s = testing::sample_subnet();
  s.network = "10.34.0.0";
  s.netmask = "255.255.0.0";
  c.subnet = s;
  auto lab = emit_dhcpd_lab(c);
  ASSERT_TRUE(lab.ok()) << problems(lab);
  write(d / "lab.conf", lab.text);
  EXPECT_EQ(run("dhcpd -t -cf '" + (d / "lab.conf").string() + "'", d / "log"), 0) << read(d / "log");
}

TEST(DhcpServers, DhcpdRejectsABrokenFile) {
  // Proves the check above can fail: the same call on a file with one stray brace.
  TempDir d;
  write(d / "bad.conf", "subnet 10.34.0.0 netmask 255.255.0.0 {\n}\n}\n");
  EXPECT_NE(run("dhcpd -t -cf '" + (d / "bad.conf").string() + "'", d / "log"), 0);
}

TEST(DhcpServers, KeaAcceptsFragmentMergedIntoFullConfig) {
  TempDir d;
  auto frag = emit_kea_fragment(big_config());
  ASSERT_TRUE(frag.ok()) << problems(frag);
  auto j = nlohmann::ordered_json::parse(frag.text);
  nlohmann::ordered_json full;
  auto& dhcp4 = full["Dhcp4"];
  dhcp4["interfaces-config"] = {{"interfaces", nlohmann::ordered_json::array()}};
  dhcp4["lease-database"] = {{"type", "memfile"}, {"persist", false}};
  dhcp4["option-def"] = j["option-def"];
  dhcp4["client-classes"] = j["client-classes"];
  dhcp4["subnet4"] = nlohmann::ordered_json::array(
      {{{"id", 1}, {"subnet", "10.34.0.0/16"}, {"reservations", j["reservations"]}}});
  write(d / "full.json", full.dump(2));
  EXPECT_EQ(run("kea-dhcp4 -t '" + (d / "full.json").string() + "'", d / "log"), 0) << read(d / "log");

  // And Kea does reject what it must: a duplicate reservation.
  dhcp4["subnet4"][0]["reservations"].push_back(j["reservations"][0]);
  write(d / "dup.json", full.dump(2));
  EXPECT_NE(run("kea-dhcp4 -t '" + (d / "dup.json").string() + "'", d / "log"), 0);
}

TEST(DhcpServers, DnsmasqAcceptsConfig) {
  TempDir d;
  auto conf = emit_dnsmasq(big_config());
  ASSERT_TRUE(conf.ok()) << problems(conf);
  write(d / "dnsmasq.conf", conf.text);
  EXPECT_EQ(run("dnsmasq --test --conf-file='" + (d / "dnsmasq.conf").string() + "'", d / "log"), 0)
      << read(d / "log");
  write(d / "bad.conf", conf.text + "dhcp-option=tag:x,66,\"unterminated\n");
  EXPECT_NE(run("dnsmasq --test --conf-file='" + (d / "bad.conf").string() + "'", d / "log"), 0);
}

// What busybox udhcpc reports for one phone served `dir`'s configuration by `server`.
std::string serve(const std::string& server, const fs::path& dir) {
  std::string script = std::string(PHONEC_TEST_DIR) + "/dhcp/wire.sh";
  int rc = run("bash '" + script + "' " + server + " '" + dir.string() + "'", dir / "wire.log");
  EXPECT_EQ(rc, 0) << read(dir / "wire.log") << read(dir / "server.log") << read(dir / "client.log");
  return read(dir / "received.env");
}

Config wire_config() {
  Config c = testing::sample_config();
  c.option_defs.push_back(*standard_option(160));
  c.classes[0].vci_prefix = "yealink-T";  // the client sends "yealink-T46S": a prefix match
  auto& h = c.hosts[0];
  h.own_profile().options[3].value = Value::of_text(kHostile114);
  h.own_profile().options.push_back({160, Value::of_text(kHostile160), false});
  return c;
}

// The client requests 1, 3, 114 and 160 only: 2, 43 (from the class) and 150 arrive because
// they are forced; 66 and 224 are configured but neither requested nor forced.
std::string expected_wire() {
  auto hx = [](const std::string& s) { return hex(Bytes(s.begin(), s.end())); };
  return "ip=10.34.1.210\n"
         "opt114=" + hx(kHostile114) + "\n"
         "opt150=0a2201060a220107\n"
         "opt160=" + hx(kHostile160) + "\n"
         "opt43=0119687474703a2f2f31302e33342e312e362f7965616c696e6b2f\n"
         "timezone=4294949296\n";  // busybox prints option 2 unsigned: -18000 is 0xffffb9b0
}

TEST(DhcpServers, DhcpdServesExactBytes) {
  TempDir d;
  Config c = wire_config();
  c.subnet = testing::sample_subnet();
  auto lab = emit_dhcpd_lab(c);
  ASSERT_TRUE(lab.ok()) << problems(lab);
  write(d / "dhcpd.conf", lab.text);
  EXPECT_EQ(serve("dhcpd", d.path()), expected_wire());
  EXPECT_NE(read(d / "server.log").find("[VCI: yealink-T46S]"), std::string::npos) << read(d / "server.log");
}

TEST(DhcpServers, DnsmasqServesExactBytes) {
  TempDir d;
  auto conf = emit_dnsmasq(wire_config());
  ASSERT_TRUE(conf.ok()) << problems(conf);
  write(d / "dnsmasq.conf", conf.text);
  EXPECT_EQ(serve("dnsmasq", d.path()), expected_wire());
}

}  // namespace
}  // namespace phonec::dhcp
