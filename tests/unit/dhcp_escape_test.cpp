// Hostile values: each emitter either carries the exact bytes or refuses; nothing breaks out of
// its quoting. (tests/unit/dhcp_servers_test.cpp proves the same values on the wire.)
#include <gtest/gtest.h>

#include "emit/dhcp/dhcpd.h"
#include "emit/dhcp/dnsmasq.h"
#include "emit/dhcp/kea.h"
#include "emit/dhcp/tftpd.h"
#include "tests/unit/dhcp_sample.h"

namespace phonec::dhcp {
namespace {

const std::string kHostile = "a\"b\\c;#{}\n,x\t\xc3\xa9";

TEST(DhcpEscape, DhcpdQuote) {
  EXPECT_EQ(dhcpd_quote("plain"), "\"plain\"");
  EXPECT_EQ(dhcpd_quote(kHostile), R"("a\"b\\c;#{}\012,x\011\303\251")");
  EXPECT_EQ(dhcpd_quote(std::string("\x01", 1) + "7"), R"("\0017")");  // always three octal digits
}

TEST(DhcpEscape, DnsmasqText) {
  EXPECT_EQ(dnsmasq_text(kHostile), R"("a\"b\\c;#{}\n,x\té")");
  EXPECT_EQ(dnsmasq_text("1.2.3.4"), "\"1.2.3.4\"");  // quoted: sent as text, not an address
  EXPECT_EQ(dnsmasq_text(std::string("\x01\x02", 2)), "01:02");
  EXPECT_EQ(dnsmasq_text(std::string("\x01", 1)), std::nullopt);
  EXPECT_EQ(dnsmasq_text(""), "");
}

TEST(DhcpEscape, DnsmasqRefusesSingleControlByte) {
  Config c = testing::sample_config();
  c.hosts[0].own_profile().options[3].value = Value::of_text(std::string("\x01", 1));
  auto e = emit_dnsmasq(c);
  ASSERT_EQ(e.problems.size(), 1u);
  EXPECT_EQ(e.problems[0].code, "not-representable");
  EXPECT_EQ(e.problems[0].where, (Location{Location::Kind::Host, 0, 3}));
  EXPECT_EQ(e.text, "");
}

TEST(DhcpEscape, HostileTextInEveryServer) {
  Config c = testing::sample_config();
  c.hosts[0].own_profile().options[3].value = Value::of_text(kHostile);  // option 114
  c.classes[0].vci_prefix = "ye'\"\\";
  auto d = emit_dhcpd_include(c);
  EXPECT_NE(d.text.find(R"(  option default-url "a\"b\\c;#{}\012,x\011\303\251";)" "\n"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find(R"(substring(option vendor-class-identifier, 0, 5) = "ye'\"\\";)"), std::string::npos);
  auto k = emit_kea_fragment(c);
  EXPECT_NE(k.text.find(R"("csv-format": false,
          "data": "6122625c633b237b7d0a2c7809c3a9")"),
            std::string::npos)
      << k.text;
  EXPECT_NE(k.text.find(R"("test": "substring(option[60].hex,0,5) == 0x796527225c")"), std::string::npos);
  auto m = emit_dnsmasq(c);
  EXPECT_NE(m.text.find("dhcp-option=tag:phonec-host-001565aabbcc,114,\"a\\\"b\\\\c;#{}\\n,x\\t\xc3\xa9\"\n"),
            std::string::npos)
      << m.text;
  EXPECT_NE(m.text.find("dhcp-match=set:phonec-class-yealink,60,79:65:27:22:5c\n"), std::string::npos);
}

TEST(DhcpEscape, NamesCannotInject) {
  Config c = testing::sample_config();
  c.hosts[0].own_profile().model = "a\nb";
  c.classes[0].name = "y\" {";
  c.option_defs[5].name = "n;x";
  auto e = emit_dhcpd_include(c);
  EXPECT_EQ(e.text, "");
  std::vector<std::string> codes;
  for (auto& p : e.problems) codes.push_back(p.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"invalid-option-name", "invalid-class-name", "invalid-model-name"}));
}

TEST(DhcpEscape, ShQuote) {
  EXPECT_EQ(sh_quote("it's $(x) `y`"), R"('it'\''s $(x) `y`')");
}

TEST(DhcpEscape, TftpdRefusesUnsafeSettings) {
  auto e = emit_tftpd_defaults({"tftp;rm", "/srv/a b", "$(x)", "relative"});
  std::vector<std::string> codes;
  for (auto& p : e.problems) codes.push_back(p.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"invalid-tftp-user", "invalid-tftp-directory", "invalid-tftp-address",
                                             "invalid-tftp-map-file"}));
  EXPECT_EQ(e.text, "");
  EXPECT_FALSE(emit_tftpd_defaults({"tftp", "/srv/../etc", ":69", std::nullopt}).ok());
  auto ok = emit_tftpd_defaults({"tftp", "/srv/tftp", "[::]:69", std::nullopt});
  EXPECT_EQ(ok.text,
            "# /etc/default/tftpd-hpa written by phonec\nTFTP_USERNAME='tftp'\nTFTP_DIRECTORY='/srv/tftp'\n"
            "TFTP_ADDRESS='[::]:69'\nTFTP_OPTIONS='--secure'\n");
}

TEST(DhcpEscape, RemapRefusesRegexAndBlanks) {
  auto e = emit_tftpd_remap({{RemapRule::Kind::MacCase, "a b", "", RemapRule::Case::Lower, "", ""},
                             {RemapRule::Kind::Rename, "", "", RemapRule::Case::Lower, "x(", "y"},
                             {RemapRule::Kind::Rename, "", "", RemapRule::Case::Lower, "x", "\\1"}});
  ASSERT_EQ(e.problems.size(), 3u);
  EXPECT_EQ(e.problems[2].where, (Location{Location::Kind::RemapRule, 2}));
  EXPECT_EQ(e.text, "");
}

}  // namespace
}  // namespace phonec::dhcp
