#include <gtest/gtest.h>

#include "driver/cmd_lab.h"

using phonec::driver::lab_network;

TEST(LabNetwork, DefaultsToTheUpperHalfOfTheSubnet) {
  auto n = lab_network("10.34.1.0/24", "10.34.1.6", "", "", "");
  ASSERT_EQ(n.error, "");
  EXPECT_EQ(n.subnet.network, "10.34.1.0");
  EXPECT_EQ(n.subnet.netmask, "255.255.255.0");
  EXPECT_EQ(n.subnet.range_start, "10.34.1.128");
  EXPECT_EQ(n.subnet.range_end, "10.34.1.254");
  EXPECT_EQ(n.subnet.ntp_servers, std::vector<std::string>{"10.34.1.6"});
  EXPECT_TRUE(n.subnet.routers.empty());
  EXPECT_EQ(n.subnet.domain_name, "");

  auto wide = lab_network("10.34.0.0/22", "10.34.0.6", "", "10.34.0.1", "lab.test");
  ASSERT_EQ(wide.error, "");
  EXPECT_EQ(wide.subnet.netmask, "255.255.252.0");
  EXPECT_EQ(wide.subnet.range_start, "10.34.2.0");
  EXPECT_EQ(wide.subnet.range_end, "10.34.3.254");
  EXPECT_EQ(wide.subnet.routers, std::vector<std::string>{"10.34.0.1"});
  EXPECT_EQ(wide.subnet.domain_name, "lab.test");
}

TEST(LabNetwork, TakesAnExplicitRange) {
  auto n = lab_network("192.168.7.0/24", "192.168.7.2", "192.168.7.100-192.168.7.100", "192.168.7.1", "");
  ASSERT_EQ(n.error, "");
  EXPECT_EQ(n.subnet.range_start, "192.168.7.100");
  EXPECT_EQ(n.subnet.range_end, "192.168.7.100");
}

TEST(LabNetwork, RefusesWhatDoesNotFit) {
  struct Case { const char *cidr, *server, *range, *router, *domain, *error; };
  const Case cases[] = {
      {"10.34.1.0", "10.34.1.6", "", "", "", "--subnet needs NETWORK/PREFIX, e.g. 10.34.1.0/24"},
      {"10.34.1.0/31", "10.34.1.6", "", "", "", "--subnet '10.34.1.0/31': expected NETWORK/PREFIX with a prefix length of 8 to 30"},
      {"10.34.1.0/+4", "10.34.1.6", "", "", "", "--subnet '10.34.1.0/+4': expected NETWORK/PREFIX with a prefix length of 8 to 30"},
      {"10.34.1.07/24", "10.34.1.6", "", "", "", "--subnet '10.34.1.07/24': expected NETWORK/PREFIX with a prefix length of 8 to 30"},
      {"10.34.1.5/24", "10.34.1.6", "", "", "", "--subnet '10.34.1.5/24': host bits are set (the network is 10.34.1.0/24)"},
      {"10.34.1.0/24", "10.34.2.6", "", "", "", "--server 10.34.2.6 is not a host address of 10.34.1.0/24"},
      {"10.34.1.0/24", "10.34.1.255", "", "", "", "--server 10.34.1.255 is not a host address of 10.34.1.0/24"},
      {"10.34.1.0/24", "10.34.1.6", "", "10.34.1.0", "", "--router 10.34.1.0 is not a host address of 10.34.1.0/24"},
      {"10.34.1.0/24", "10.34.1.6", "10.34.1.100", "", "", "--range needs FIRST-LAST, e.g. 10.34.1.100-10.34.1.199"},
      {"10.34.1.0/24", "10.34.1.6", "10.34.1.100-x", "", "", "--range end 'x' is not an IPv4 address"},
      {"10.34.1.0/24", "10.34.1.6", "10.34.1.200-10.34.1.100", "", "", "--range 10.34.1.200-10.34.1.100: the first address is after the last"},
      {"10.34.1.0/24", "10.34.1.6", "10.34.1.1-10.34.1.10", "", "", "the range 10.34.1.1-10.34.1.10 contains the server address 10.34.1.6"},
      {"10.34.1.0/24", "10.34.1.6", "", "10.34.1.200", "", "the range 10.34.1.128-10.34.1.254 contains the router address 10.34.1.200"},
      {"10.34.1.0/24", "10.34.1.6", "", "", "lab test", "--domain 'lab test': only letters, digits, '.' and '-'"},
  };
  for (const Case& c : cases) {
    auto n = lab_network(c.cidr, c.server, c.range, c.router, c.domain);
    EXPECT_EQ(n.error, c.error) << c.cidr << " " << c.server << " " << c.range;
  }
}
