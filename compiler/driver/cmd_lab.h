// `phonec lab`: everything a person testing one new phone needs on a test LAN: a complete
// dhcpd.conf, the tftpd-hpa defaults and the phone's files, from the regular build pipeline.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "emit/dhcp/dhcp_ir.h"

namespace phonec::driver {

// args: everything after "lab". Exit status: 0 ok, 1 errors reported, 2 bad command line.
int run_lab(const std::vector<std::string>& args);

// The test LAN from the command line's values; an error message instead when they do not fit
// together (server, router and range inside the subnet, range ordered). `range` is "A-B" or
// empty: then the upper half of the subnet's host addresses.
struct LabNetwork {
  dhcp::Subnet subnet;
  std::string error;
};
LabNetwork lab_network(const std::string& cidr, const std::string& server, const std::string& range,
                       const std::string& router, const std::string& domain);

}  // namespace phonec::driver
