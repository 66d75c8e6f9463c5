// The checks the front end runs before writing: each problem with its code and location.
#include <gtest/gtest.h>

#include "emit/dhcp/check.h"
#include "emit/dhcp/dhcpd.h"
#include "emit/dhcp/encode.h"
#include "tests/unit/dhcp_sample.h"

namespace phonec::dhcp {
namespace {

using K = Location::Kind;

TEST(DhcpCheck, SampleIsClean) {
  Config c = testing::sample_config();
  c.subnet = testing::sample_subnet();
  EXPECT_EQ(check(c), std::vector<Problem>{});
}

TEST(DhcpCheck, DuplicateMacInAnotherSpelling) {
  Config c = testing::sample_config();
  Host h = c.hosts[0];
  h.set_mac("00-15-65-aa-bb-cc");
  h.set_fixed_ip("10.34.1.211");
  c.hosts.push_back(h);
  auto p = check(c);
  // The name is the MAC's: it repeats with it.
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].code, "duplicate-host-name");
  EXPECT_EQ(p[0].message, "host name phone-001565aabbcc is used twice");
  EXPECT_EQ(p[1].code, "duplicate-mac");
  EXPECT_EQ(p[1].message, "MAC address 00:15:65:aa:bb:cc is used by two devices");
  for (const Problem& x : p) {
    EXPECT_EQ(x.where, (Location{K::Host, 1}));
    EXPECT_EQ(x.related, (Location{K::Host, 0}));
  }
}

TEST(DhcpCheck, DuplicateAndOutOfSubnetFixedIp) {
  Config c = testing::sample_config();
  c.subnet = testing::sample_subnet();
  Host h = c.hosts[0];
  h.set_mac("001565aabbcd");
  c.hosts.push_back(h);
  Host far = h;
  far.set_mac("001565aabbce");
  far.set_fixed_ip("10.34.2.5");
  c.hosts.push_back(far);
  auto p = check(c);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].code, "duplicate-ip");
  EXPECT_EQ(p[0].where, (Location{K::Host, 1}));
  EXPECT_EQ(p[1].code, "ip-outside-subnet");
  EXPECT_EQ(p[1].message, "fixed address 10.34.2.5 is outside the subnet 10.34.1.0/255.255.255.0");
  EXPECT_EQ(p[1].where, (Location{K::Host, 2}));
}

TEST(DhcpCheck, InvalidAddresses) {
  for (const char* bad : {"10.34.1", "10.34.1.256", "010.34.1.1", "10.34.1.1 ", "a.b.c.d", "1..2.3", ""}) {
    EXPECT_FALSE(parse_ipv4(bad)) << bad;
    Config c = testing::sample_config();
    c.hosts[0].own_profile().options[0].value = Value::of_ips({"10.34.1.6", bad});
    auto p = check(c);
    ASSERT_EQ(p.size(), 1u) << bad;
    EXPECT_EQ(p[0].code, "invalid-ipv4");
    EXPECT_EQ(p[0].where, (Location{K::Host, 0, 0}));
  }
  for (const char* bad : {"00:15:65:aa:bb", "0015.65aa.bbcc", "00:15-65:aa:bb:cc", "00155aabbccz"})
    EXPECT_FALSE(parse_mac(bad)) << bad;
}

TEST(DhcpCheck, Ipv4Formatting) {
  for (const char* s : {"0.0.0.0", "9.10.99.100", "255.255.255.255", "10.34.1.6"})
    EXPECT_EQ(format_ipv4(*parse_ipv4(s)), s);
}

TEST(DhcpCheck, TextTooLong) {
  Config c = testing::sample_config();
  c.classes[0].options[0].value = Value::of_text(std::string(255, 'x'));
  EXPECT_EQ(check(c), std::vector<Problem>{});
  c.classes[0].options[0].value = Value::of_text(std::string(256, 'x'));
  auto p = check(c);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].code, "text-too-long");
  EXPECT_EQ(p[0].message, "option 66 (tftp-server-name): option 66 would be 256 bytes; at most 255 fit");
  EXPECT_EQ(p[0].where, (Location{K::Class, 0, 0}));
}

TEST(DhcpCheck, Option43Bytes) {
  OptionDef d = *standard_option(43);
  d.sub_options = {{1, "url", OptionType::Text}, {2, "vlan", OptionType::UInt16}, {3, "on", OptionType::Boolean}};
  auto b = encode(d, Value::of_sub_options({{1, Value::of_text("http://x/")},
                                            {2, Value::of_integer(300)},
                                            {3, Value::of_boolean(true)}}));
  EXPECT_EQ(hex(std::get<Bytes>(b)), "0109687474703a2f2f782f" "0202012c" "030101");
}

TEST(DhcpCheck, Option43Limits) {
  Config c = testing::sample_config();
  auto& v = c.classes[0].options[1].value;
  v = Value::of_sub_options({{1, Value::of_text(std::string(256, 'u'))}});
  auto p = check(c);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].code, "sub-option-too-long");
  EXPECT_EQ(p[0].where, (Location{K::Class, 0, 1, 0}));
  // Two sub-options of 200 bytes each fit alone but not together (404 bytes).
  c.option_defs[1].sub_options.push_back({2, "more", OptionType::Text});
  v = Value::of_sub_options({{1, Value::of_text(std::string(200, 'u'))}, {2, Value::of_text(std::string(200, 'v'))}});
  p = check(c);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].code, "option-too-long");
  v = Value::of_sub_options({{9, Value::of_text("x")}});
  p = check(c);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].code, "unknown-sub-option");
  EXPECT_EQ(p[0].where, (Location{K::Class, 0, 1, 0}));
}

TEST(DhcpCheck, ValuesMustFitTheirType) {
  Config c = testing::sample_config();
  c.hosts[0].own_profile().options[1].value = Value::of_integer(2147483648LL);  // option 2 is int32
  c.hosts[0].own_profile().options[2].value = Value::of_text("300");            // option 224 is uint16
  c.hosts[0].own_profile().options.push_back({99, Value::of_text("x"), false});
  c.hosts[0].own_profile().options.push_back({150, Value::of_ips({"10.0.0.1"}), false});
  auto p = check(c);
  std::vector<std::string> codes;
  for (auto& x : p) codes.push_back(x.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"integer-out-of-range", "value-type-mismatch", "undefined-option",
                                             "duplicate-option"}));
  EXPECT_EQ(p[3].where, (Location{K::Host, 0, 5}));
  EXPECT_EQ(p[3].related, (Location{K::Host, 0, 0}));
}

TEST(DhcpCheck, DefinitionProblems) {
  Config c = testing::sample_config();
  OptionDef again = c.option_defs[0];
  c.option_defs.push_back(again);
  OptionDef wrong = *standard_option(150);
  wrong.type = OptionType::Text;
  c.option_defs[3] = wrong;
  auto p = check(c);
  ASSERT_GE(p.size(), 2u);
  EXPECT_EQ(p[0].code, "builtin-type-conflict");
  EXPECT_EQ(p[0].where, (Location{K::OptionDef, 3}));
  EXPECT_EQ(p[1].code, "duplicate-option-def");
  EXPECT_EQ(p[1].related, (Location{K::OptionDef, 0}));
}

TEST(DhcpCheck, SubnetProblems) {
  Config c = testing::sample_config();
  Subnet s = testing::sample_subnet();
  s.netmask = "255.0.255.0";
  c.subnet = s;
  auto bad_mask = check(c);
  EXPECT_TRUE(std::any_of(bad_mask.begin(), bad_mask.end(), [](auto& x) {
    return x.code == "invalid-netmask" && x.where == Location{K::Subnet, 0};
  }));
  s = testing::sample_subnet();
  s.range_start = "10.34.1.200";
  s.routers = {"10.9.9.9"};
  c.subnet = s;
  auto p = check(c);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].code, "empty-range");
  EXPECT_EQ(p[1].code, "ip-outside-subnet");
}

TEST(DhcpCheck, AFixedAddressThatDidNotParseIsReported) {
  Config c = testing::sample_config();
  c.hosts[0].set_fixed_ip("010.34.1.210");
  auto p = check(c);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].code, "invalid-ipv4");
  EXPECT_EQ(p[0].message, "invalid fixed IPv4 address");
  EXPECT_EQ(p[0].where, (Location{K::Host, 0}));
}

TEST(DhcpCheck, EmittersRefuseWhatChecksReport) {
  Config c = testing::sample_config();
  c.hosts[0].set_mac("nonsense");
  auto e = emit_dhcpd_include(c);
  EXPECT_EQ(e.text, "");
  ASSERT_EQ(e.problems.size(), 1u);
  EXPECT_EQ(e.problems[0].code, "invalid-mac");
}

}  // namespace
}  // namespace phonec::dhcp
