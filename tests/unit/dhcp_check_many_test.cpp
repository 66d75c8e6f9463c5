// The duplicate checks over many hosts: each repeat of a name, MAC or fixed address names the
// first host that had it, in host order, whatever keys crowd the table.
#include <gtest/gtest.h>

#include "emit/dhcp/check.h"
#include "emit/dhcp/dhcpd.h"
#include "emit/dhcp/dnsmasq.h"
#include "emit/dhcp/encode.h"
#include "emit/dhcp/kea.h"

namespace phonec::dhcp {
namespace {

using K = Location::Kind;

Host host(std::size_t i, std::uint8_t spread) {
  Host h;
  // MACs and addresses that differ only in their high bytes.
  Mac m{static_cast<std::uint8_t>(i & 0xff), static_cast<std::uint8_t>(i >> 8), spread, 0, 0, 0};
  h.mac = m;
  h.set_fixed_ip(format_ipv4(Ipv4{static_cast<std::uint8_t>(i & 0xff), static_cast<std::uint8_t>(i >> 8), 0, 0}));
  return h;
}

TEST(DhcpCheckMany, RepeatsNameTheFirstHostInOrder) {
  Config c;
  const std::size_t n = 5000;
  for (std::size_t i = 0; i < n; ++i) c.hosts.push_back(host(i, 0));
  EXPECT_EQ(check(c), std::vector<Problem>{});
  c.hosts.push_back(host(17, 0));        // n: name, MAC and address of host 17
  Host mac_only = host(4242, 0);
  mac_only.set_fixed_ip("200.0.0.1");
  c.hosts.push_back(mac_only);           // n + 1: MAC (and so name) of host 4242
  Host ip_only = host(300, 9);
  c.hosts.push_back(ip_only);            // n + 2: address of host 300
  c.hosts.push_back(host(17, 0));        // n + 3: host 17 again, still the first
  auto p = check(c);
  std::vector<std::string> codes;
  for (const auto& x : p) codes.push_back(x.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"duplicate-host-name", "duplicate-mac", "duplicate-ip",
                                             "duplicate-host-name", "duplicate-mac", "duplicate-ip",
                                             "duplicate-host-name", "duplicate-mac", "duplicate-ip"}));
  ASSERT_EQ(p.size(), 9u);
  EXPECT_EQ(p[0].message, "host name phone-110000000000 is used twice");
  EXPECT_EQ(p[1].message, "MAC address 11:00:00:00:00:00 is used by two devices");
  EXPECT_EQ(p[2].message, "fixed address 17.0.0.0 is given to two devices");
  for (std::size_t k : {0u, 1u, 2u, 6u, 7u, 8u}) EXPECT_EQ(p[k].related, (Location{K::Host, 17})) << k;
  EXPECT_EQ(p[0].where, (Location{K::Host, n}));
  EXPECT_EQ(p[8].where, (Location{K::Host, n + 3}));
  for (std::size_t k : {3u, 4u}) {
    EXPECT_EQ(p[k].where, (Location{K::Host, n + 1})) << k;
    EXPECT_EQ(p[k].related, (Location{K::Host, 4242})) << k;
  }
  EXPECT_EQ(p[3].message, "host name phone-921000000000 is used twice");
  EXPECT_EQ(p[5].where, (Location{K::Host, n + 2}));
  EXPECT_EQ(p[5].related, (Location{K::Host, 300}));
  EXPECT_EQ(p[5].message, "fixed address 44.1.0.0 is given to two devices");
}

// The server files of one configuration are checked once by the caller: each emitter reports the
// result it is given and, with problems, writes nothing.
TEST(DhcpCheckMany, EmittersTakeTheCallersCheck) {
  Config c;
  for (std::size_t i = 0; i < 3; ++i) c.hosts.push_back(host(i, 0));
  const std::vector<Problem> none = check(c);
  ASSERT_TRUE(none.empty());
  EXPECT_EQ(emit_dhcpd_include(c, {}, &none).text, emit_dhcpd_include(c).text);
  EXPECT_EQ(emit_kea_fragment(c, {}, &none).text, emit_kea_fragment(c).text);
  EXPECT_EQ(emit_dnsmasq(c, {}, &none).text, emit_dnsmasq(c).text);
  const std::vector<Problem> given{{"duplicate-mac", "planted", {K::Host, 1}, {}}};
  for (const Emitted& e : {emit_dhcpd_include(c, {}, &given), emit_kea_fragment(c, {}, &given), emit_dnsmasq(c, {}, &given)}) {
    EXPECT_EQ(e.problems, given);
    EXPECT_TRUE(e.text.empty());
  }
}

}  // namespace
}  // namespace phonec::dhcp
