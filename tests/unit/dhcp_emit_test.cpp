// Golden output of every DHCP/TFTP emitter for one small configuration, byte for byte.
#include <gtest/gtest.h>

#include "emit/dhcp/dhcpd.h"
#include "emit/dhcp/dnsmasq.h"
#include "emit/dhcp/kea.h"
#include "emit/dhcp/tftpd.h"
#include "tests/unit/dhcp_sample.h"

namespace phonec::dhcp {
namespace {

const std::string kDhcpd = R"GOLD(# ISC dhcpd include file written by phonec: include it from dhcpd.conf.

option phonec-vlan code 224 = unsigned integer 16;

class "yealink" {
  match if substring(option vendor-class-identifier, 0, 7) = "yealink";
  option vendor-encapsulated-options 01:19:68:74:74:70:3a:2f:2f:31:30:2e:33:34:2e:31:2e:36:2f:79:65:61:6c:69:6e:6b:2f;
  option tftp-server-name "http://10.34.1.6/";
  option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 2b);
}

host phone-001565aabbcc {
  # yealink.T46S
  hardware ethernet 00:15:65:aa:bb:cc;
  fixed-address 10.34.1.210;
  option time-offset -18000;
  option default-url "http://a/b,c";
  option tftp-server-address 10.34.1.6, 10.34.1.7;
  option phonec-vlan 300;
  option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 02:2b:96);
}
)GOLD";
const std::string kKea = R"GOLD({
  "option-def": [
    {
      "name": "tftp-server-address",
      "code": 150,
      "type": "ipv4-address",
      "array": true,
      "space": "dhcp4"
    },
    {
      "name": "phonec-vlan",
      "code": 224,
      "type": "uint16",
      "space": "dhcp4"
    }
  ],
  "client-classes": [
    {
      "name": "yealink",
      "test": "substring(option[60].hex,0,7) == 'yealink'",
      "option-data": [
        {
          "name": "vendor-encapsulated-options",
          "code": 43,
          "csv-format": false,
          "data": "0119687474703a2f2f31302e33342e312e362f7965616c696e6b2f",
          "always-send": true
        },
        {
          "name": "tftp-server-name",
          "code": 66,
          "data": "http://10.34.1.6/"
        }
      ]
    }
  ],
  "reservations": [
    {
      "hw-address": "00:15:65:aa:bb:cc",
      "ip-address": "10.34.1.210",
      "option-data": [
        {
          "name": "time-offset",
          "code": 2,
          "data": "-18000",
          "always-send": true
        },
        {
          "name": "v4-captive-portal",
          "code": 114,
          "csv-format": false,
          "data": "687474703a2f2f612f622c63"
        },
        {
          "name": "tftp-server-address",
          "code": 150,
          "data": "10.34.1.6, 10.34.1.7",
          "always-send": true
        },
        {
          "name": "phonec-vlan",
          "code": 224,
          "data": "300"
        }
      ]
    }
  ]
}
)GOLD";
const std::string kDnsmasq = R"GOLD(# dnsmasq configuration written by phonec: load it with conf-file=.

dhcp-match=set:phonec-class-yealink,60,79:65:61:6c:69:6e:6b
dhcp-option-force=tag:phonec-class-yealink,43,01:19:68:74:74:70:3a:2f:2f:31:30:2e:33:34:2e:31:2e:36:2f:79:65:61:6c:69:6e:6b:2f
dhcp-option=tag:phonec-class-yealink,66,"http://10.34.1.6/"

dhcp-host=00:15:65:aa:bb:cc,set:phonec-host-001565aabbcc,10.34.1.210
dhcp-option-force=tag:phonec-host-001565aabbcc,2,ff:ff:b9:b0
dhcp-option=tag:phonec-host-001565aabbcc,114,"http://a/b,c"
dhcp-option-force=tag:phonec-host-001565aabbcc,150,10.34.1.6,10.34.1.7
dhcp-option=tag:phonec-host-001565aabbcc,224,01:2c
)GOLD";
const std::string kLab = R"GOLD(# dhcpd.conf for a phone test LAN, written by phonec lab.
ddns-update-style none;
authoritative;
default-lease-time 600;
max-lease-time 7200;
log-facility local7;

option phonec-vlan code 224 = unsigned integer 16;

class "yealink" {
  match if substring(option vendor-class-identifier, 0, 7) = "yealink";
  option vendor-encapsulated-options 01:19:68:74:74:70:3a:2f:2f:31:30:2e:33:34:2e:31:2e:36:2f:79:65:61:6c:69:6e:6b:2f;
  option tftp-server-name "http://10.34.1.6/";
  option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 2b);
}

subnet 10.34.1.0 netmask 255.255.255.0 {
  range 10.34.1.100 10.34.1.199;
  option routers 10.34.1.1;
  option subnet-mask 255.255.255.0;
  option broadcast-address 10.34.1.255;
  option ntp-servers 10.34.1.6;
  option domain-name "lab.example";
  option domain-name-servers 10.34.1.6;
  log(concat("[VCI: ", option vendor-class-identifier, "]"));
}

host phone-001565aabbcc {
  # yealink.T46S
  hardware ethernet 00:15:65:aa:bb:cc;
  fixed-address 10.34.1.210;
  option time-offset -18000;
  option default-url "http://a/b,c";
  option tftp-server-address 10.34.1.6, 10.34.1.7;
  option phonec-vlan 300;
  option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 02:2b:96);
}
)GOLD";
const std::string kTftpd = R"GOLD(# /etc/default/tftpd-hpa written by phonec
TFTP_USERNAME='tftp'
TFTP_DIRECTORY='/srv/phonec/tftp'
TFTP_ADDRESS=':69'
TFTP_OPTIONS='--secure --map-file /srv/phonec/tftpd.remap'
)GOLD";
const std::string kRemap = R"GOLD(# tftpd-hpa filename remapping written by phonec (tftpd --map-file)
re ^/?SEP([0-9A-Fa-f]{12})\.cnf\.xml$ SEP\U\1\E.cnf.xml
re ^/?Aastra/AASTRA\.CFG$ Aastra/aastra.cfg
)GOLD";

TEST(DhcpEmit, DhcpdInclude) { EXPECT_EQ(emit_dhcpd_include(testing::sample_config()).text, kDhcpd); }

TEST(DhcpEmit, KeaFragment) { EXPECT_EQ(emit_kea_fragment(testing::sample_config()).text, kKea); }

TEST(DhcpEmit, Dnsmasq) { EXPECT_EQ(emit_dnsmasq(testing::sample_config()).text, kDnsmasq); }

TEST(DhcpEmit, DhcpdLab) {
  Config c = testing::sample_config();
  c.subnet = testing::sample_subnet();
  EXPECT_EQ(emit_dhcpd_lab(c).text, kLab);
}

TEST(DhcpEmit, LabNeedsSubnet) {
  auto e = emit_dhcpd_lab(testing::sample_config());
  ASSERT_EQ(e.problems.size(), 1u);
  EXPECT_EQ(e.problems[0].code, "missing-subnet");
  EXPECT_EQ(e.text, "");
}

TEST(DhcpEmit, TftpdDefaults) {
  EXPECT_EQ(emit_tftpd_defaults({"tftp", "/srv/phonec/tftp", ":69", "/srv/phonec/tftpd.remap"}).text, kTftpd);
}

TEST(DhcpEmit, TftpdRemap) {
  std::vector<RemapRule> rules = {
      {RemapRule::Kind::MacCase, "SEP", ".cnf.xml", RemapRule::Case::Upper, "", ""},
      {RemapRule::Kind::Rename, "", "", RemapRule::Case::Lower, "Aastra/AASTRA.CFG", "Aastra/aastra.cfg"}};
  EXPECT_EQ(emit_tftpd_remap(rules).text, kRemap);
}

TEST(DhcpEmit, OutputDoesNotDependOnInputOrder) {
  Config a = testing::sample_config();
  Host h2 = a.hosts[0];
  h2.set_mac("001565000001");
  h2.set_fixed_ip("10.34.1.211");
  a.hosts.push_back(h2);
  VendorClass k = a.classes[0];
  k.name = "aaa";
  k.vci_prefix = "aaa";
  a.classes.push_back(k);
  Config b = a;
  std::reverse(b.hosts.begin(), b.hosts.end());
  std::reverse(b.classes.begin(), b.classes.end());
  std::reverse(b.option_defs.begin(), b.option_defs.end());
  for (auto& h : b.hosts) std::reverse(h.own_profile().options.begin(), h.own_profile().options.end());
  EXPECT_EQ(emit_dhcpd_include(a).text, emit_dhcpd_include(b).text);
  EXPECT_EQ(emit_kea_fragment(a).text, emit_kea_fragment(b).text);
  EXPECT_EQ(emit_dnsmasq(a).text, emit_dnsmasq(b).text);
  // Sorted by MAC: 00:15:65:00:00:01 comes first.
  auto text = emit_dhcpd_include(a).text;
  EXPECT_LT(text.find("host phone-001565000001"), text.find("host phone-001565aabbcc"));
  EXPECT_LT(text.find("class \"aaa\""), text.find("class \"yealink\""));
}

}  // namespace
}  // namespace phonec::dhcp
