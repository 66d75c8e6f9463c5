// A small DHCP configuration shared by the dhcp_* tests: one Yealink class with option 43
// sub-option 1, one host with forced options.
#pragma once
#include "emit/dhcp/catalogue.h"
#include "emit/dhcp/dhcp_ir.h"

namespace phonec::dhcp::testing {

// A host with a profile of its own.
inline Host host_of(std::string_view mac, std::optional<std::string_view> fixed_ip, std::string model,
                    std::vector<OptionValue> options) {
  Host h;
  h.set_mac(mac);
  if (fixed_ip) h.set_fixed_ip(*fixed_ip);
  h.own_profile().model = std::move(model);
  h.own_profile().options = std::move(options);
  return h;
}

inline Config sample_config() {
  Config c;
  OptionDef o43 = *standard_option(43);
  o43.sub_options.push_back({1, "url", OptionType::Text});
  c.option_defs = {*standard_option(66), o43, *standard_option(2), *standard_option(150),
                   *standard_option(114)};
  OptionDef custom;
  custom.code = 224;
  custom.name = "phonec-vlan";
  custom.type = OptionType::UInt16;
  c.option_defs.push_back(custom);

  VendorClass y;
  y.name = "yealink";
  y.vci_prefix = "yealink";
  y.options = {{66, Value::of_text("http://10.34.1.6/"), false},
               {43, Value::of_sub_options({{1, Value::of_text("http://10.34.1.6/yealink/")}}), true}};
  c.classes.push_back(y);

  Host h;
  h.set_mac("00:15:65:AA:BB:CC");
  h.set_fixed_ip("10.34.1.210");
  h.own_profile().model = "yealink.T46S";
  h.own_profile().options = {{150, Value::of_ips({"10.34.1.6", "10.34.1.7"}), true},
               {2, Value::of_integer(-18000), true},
               {224, Value::of_integer(300), false},
               {114, Value::of_text("http://a/b,c"), false}};
  c.hosts.push_back(h);
  return c;
}

inline Subnet sample_subnet() {
  Subnet s;
  s.network = "10.34.1.0";
  s.netmask = "255.255.255.0";
  s.range_start = "10.34.1.100";
  s.range_end = "10.34.1.199";
  s.routers = {"10.34.1.1"};
  s.ntp_servers = {"10.34.1.6"};
  s.domain_name = "lab.example";
  s.dns_servers = {"10.34.1.6"};
  return s;
}

}  // namespace phonec::dhcp::testing
