// Hosts share profiles: a host changes its profile only after copying it unless it is the only
// user, so the other hosts never see the change.
#include <gtest/gtest.h>

#include "emit/dhcp/dhcp_ir.h"

namespace {

using namespace phonec::dhcp;

TEST(DhcpHostProfile, AHostWithoutProfileHasNoModelAndNoOptions) {
  Host h;
  EXPECT_EQ(h.model(), "");
  EXPECT_TRUE(h.options().empty());
}

TEST(DhcpHostProfile, OwnProfileCopiesASharedProfileOnly) {
  Host a;
  a.own_profile().model = "yealink.T46S";
  a.own_profile().options.push_back({66, Value::of_text("http://p/"), false});
  const HostProfile* first = a.profile.get();
  a.own_profile().options.push_back({150, Value::of_ips({"10.34.1.6"}), true});
  EXPECT_EQ(a.profile.get(), first);  // its only user: changed in place

  Host b = a;
  EXPECT_EQ(b.profile.get(), first);
  b.own_profile().options[0].value = Value::of_text("http://q/");
  EXPECT_NE(b.profile.get(), first);
  EXPECT_EQ(a.options()[0].value.text, "http://p/");
  EXPECT_EQ(b.options()[0].value.text, "http://q/");
  EXPECT_EQ(b.model(), "yealink.T46S");
  EXPECT_EQ(b.options().size(), 2u);
}

TEST(DhcpHostProfile, ValuesCompareByEveryMember) {
  Value sub = Value::of_sub_options({{1, Value::of_text("u")}, {2, Value::of_integer(80)}});
  EXPECT_EQ(sub, Value::of_sub_options({{1, Value::of_text("u")}, {2, Value::of_integer(80)}}));
  EXPECT_NE(sub, Value::of_sub_options({{1, Value::of_text("u")}, {2, Value::of_integer(81)}}));
  EXPECT_NE(sub, Value::of_sub_options({{1, Value::of_text("u")}}));
  EXPECT_NE(Value::of_text("1"), Value::of_integer(1));
  EXPECT_NE(Value::of_ips({"10.0.0.1"}), Value::of_ips({"10.0.0.1", "10.0.0.2"}));
  EXPECT_NE(Value::of_bytes({1, 2}), Value::of_bytes({1, 3}));
  EXPECT_NE(Value::of_boolean(true), Value::of_boolean(false));
  OptionValue o{66, Value::of_text("x"), false};
  EXPECT_EQ(o, (OptionValue{66, Value::of_text("x"), false}));
  EXPECT_NE(o, (OptionValue{66, Value::of_text("x"), true}));
  EXPECT_NE(o, (OptionValue{67, Value::of_text("x"), false}));
}

TEST(DhcpHost, MacAndAddressAreKeptAsBytesAndTheNameIsTheMacs) {
  static_assert(sizeof(Host) <= 32, "a site holds a million hosts");
  for (const char* spelling : {"00:15:65:AA:BB:0C", "00-15-65-aa-bb-0c", "001565aabb0c"}) {
    Host h;
    h.set_mac(spelling);
    EXPECT_TRUE(h.mac_valid) << spelling;
    EXPECT_EQ(h.mac, (Mac{0x00, 0x15, 0x65, 0xaa, 0xbb, 0x0c})) << spelling;
    EXPECT_EQ(h.name(), "phone-001565aabb0c") << spelling;
    std::string out = "host ";
    h.append_name(out);
    EXPECT_EQ(out, "host phone-001565aabb0c");
  }
  Host bad;
  bad.set_mac("00:15:65:aa:bb");
  EXPECT_FALSE(bad.mac_valid);

  Host h;
  EXPECT_EQ(h.ip, Host::Ip::None);
  h.set_fixed_ip("10.34.1.210");
  EXPECT_EQ(h.ip, Host::Ip::Fixed);
  EXPECT_EQ(h.fixed_ip, (Ipv4{10, 34, 1, 210}));
  for (const char* wrong : {"010.34.1.1", "10.34.1", "10.34.1.256", ""}) {
    h.set_fixed_ip(wrong);
    EXPECT_EQ(h.ip, Host::Ip::Invalid) << wrong;
  }
}

}  // namespace
