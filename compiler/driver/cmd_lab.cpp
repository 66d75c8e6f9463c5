#include "driver/cmd_lab.h"

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "driver/build.h"
#include "emit/dhcp/encode.h"

namespace phonec::driver {
namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

dhcp::Ipv4 from_u32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
          static_cast<std::uint8_t>(v)};
}

std::string u32_text(std::uint32_t v) { return dhcp::format_ipv4(from_u32(v)); }

int usage_error(const std::string& msg) {
  std::cerr << "phonec lab: " << msg << "\nTry 'phonec lab --help'.\n";
  return 2;
}

}  // namespace

LabNetwork lab_network(const std::string& cidr, const std::string& server, const std::string& range,
                       const std::string& router, const std::string& domain) {
  LabNetwork r;
  auto slash = cidr.find('/');
  if (slash == std::string::npos) {
    r.error = "--subnet needs NETWORK/PREFIX, e.g. 10.34.1.0/24";
    return r;
  }
  auto net = dhcp::parse_ipv4(cidr.substr(0, slash));
  std::string plen = cidr.substr(slash + 1);
  if (!net || plen.empty() || plen.size() > 2 || plen.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(plen) < 8 || std::stoi(plen) > 30) {
    r.error = "--subnet '" + cidr + "': expected NETWORK/PREFIX with a prefix length of 8 to 30";
    return r;
  }
  int prefix = std::stoi(plen);
  std::uint32_t mask = ~std::uint32_t{0} << (32 - prefix);
  std::uint32_t n = dhcp::to_u32(*net);
  if ((n & ~mask) != 0) {
    r.error = "--subnet '" + cidr + "': host bits are set (the network is " + u32_text(n & mask) + "/" + plen + ")";
    return r;
  }
  std::uint32_t first = n + 1, last = (n | ~mask) - 1;
  auto inside = [&](const std::string& what, const std::string& text, std::uint32_t& out) {
    auto a = dhcp::parse_ipv4(text);
    if (!a) {
      r.error = what + " '" + text + "' is not an IPv4 address";
      return false;
    }
    out = dhcp::to_u32(*a);
    if (out < first || out > last) {
      r.error = what + " " + text + " is not a host address of " + cidr;
      return false;
    }
    return true;
  };
  std::uint32_t srv = 0, rtr = 0, lo = 0, hi = 0;
  if (!inside("--server", server, srv)) return r;
  if (!router.empty() && !inside("--router", router, rtr)) return r;
  if (range.empty()) {
    lo = n + (~mask + 1) / 2;
    hi = last;
  } else {
    auto dash = range.find('-');
    if (dash == std::string::npos) {
      r.error = "--range needs FIRST-LAST, e.g. 10.34.1.100-10.34.1.199";
      return r;
    }
    if (!inside("--range start", range.substr(0, dash), lo) || !inside("--range end", range.substr(dash + 1), hi)) return r;
    if (lo > hi) {
      r.error = "--range " + range + ": the first address is after the last";
      return r;
    }
  }
  // dhcpd would hand out the server's (or the router's) own address to a phone.
  if (srv >= lo && srv <= hi) {
    r.error = "the range " + u32_text(lo) + "-" + u32_text(hi) + " contains the server address " + server;
    return r;
  }
  if (!router.empty() && rtr >= lo && rtr <= hi) {
    r.error = "the range " + u32_text(lo) + "-" + u32_text(hi) + " contains the router address " + router;
    return r;
  }
  if (!domain.empty() && domain.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") !=
                             std::string::npos) {
    r.error = "--domain '" + domain + "': only letters, digits, '.' and '-'";
    return r;
  }
  r.subnet.network = u32_text(n);
  r.subnet.netmask = u32_text(mask);
  r.subnet.range_start = u32_text(lo);
  r.subnet.range_end = u32_text(hi);
  if (!router.empty()) r.subnet.routers = {router};
  r.subnet.ntp_servers = {server};
  r.subnet.domain_name = domain;
  return r;
}

int run_lab(const std::vector<std::string>& args) {
  po::options_description opts("options");
  opts.add_options()
      ("help,h", "print this help")
      ("model", po::value<std::string>(), "the phone's model, e.g. yealink.T46S (required)")
      ("mac", po::value<std::string>(), "the phone's MAC address (required)")
      ("subnet", po::value<std::string>(), "the test LAN, e.g. 10.34.1.0/24 (required)")
      ("server", po::value<std::string>(), "this machine's address on it: DHCP, TFTP, HTTP and NTP (required)")
      ("range", po::value<std::string>(), "addresses to lease, FIRST-LAST (default: the upper half of the subnet)")
      ("domain", po::value<std::string>(), "domain name handed out")
      ("router", po::value<std::string>(), "default gateway handed out")
      ("provisioning-url", po::value<std::string>(), "where the phone fetches its files (default: http://SERVER/)")
      ("sip-server", po::value<std::string>(), "registrar of the phone's line (default: SERVER)")
      ("sip-user", po::value<std::string>()->default_value("1000"), "user name of the phone's line")
      ("sip-password", po::value<std::string>()->default_value("1000"), "password of the phone's line")
      ("output,o", po::value<std::string>(), "output directory (default: lab-<mac>)")
      ("include,I", po::value<std::vector<std::string>>()->composing(), "extra model search path (your new model)")
      ("diagnostics", po::value<std::string>()->default_value("text"), "how diagnostics are printed: text or json")
      ("quiet,q", "no progress, only diagnostics and the final summary");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return usage_error(e.what());
  }
  if (vm.count("help")) {
    std::cout << "usage: phonec lab --model M --mac MAC --subnet NET/LEN --server IP [OPTIONS]\n\n"
              << "Writes DIR/dhcpd.conf (complete, for the test LAN), DIR/tftpd-hpa, DIR/tftp/ (the phone's files),\n"
              << "DIR/lab.json (the one-device inventory) and the build's DIR/dhcp/ fragments and DIR/manifest.json.\n\n"
              << opts;
    return 0;
  }
  for (const char* req : {"model", "mac", "subnet", "server"})
    if (!vm.count(req)) return usage_error(std::string("--") + req + " is required");
  auto get = [&](const char* k) { return vm.count(k) ? vm[k].as<std::string>() : std::string(); };
  std::string server = get("server");
  LabNetwork net = lab_network(get("subnet"), server, get("range"), get("router"), get("domain"));
  if (!net.error.empty()) return usage_error(net.error);
  auto mac = dhcp::parse_mac(get("mac"));
  if (!mac) return usage_error("--mac '" + get("mac") + "' is not a MAC address");
  std::string mac_text = dhcp::format_mac(*mac);
  std::string url = vm.count("provisioning-url") ? get("provisioning-url") : "http://" + server + "/";

  Options o;
  std::string mac_hex;
  for (char c : mac_text)
    if (c != ':') mac_hex += c;
  o.output = vm.count("output") ? get("output") : "lab-" + mac_hex;
  if (o.output.empty()) return usage_error("-o needs a directory");
  if (vm.count("include")) o.includes = vm["include"].as<std::vector<std::string>>();
  o.diagnostics = get("diagnostics");
  if (o.diagnostics != "text" && o.diagnostics != "json") return usage_error("--diagnostics takes text or json");
  o.quiet = vm.count("quiet") > 0;
  o.jobs = 1;
  o.lab_subnet = net.subnet;

  using nlohmann::ordered_json;
  ordered_json line = {{"number", 1},
                       {"display_name", "Lab " + get("sip-user")},
                       {"username", get("sip-user")},
                       {"password", get("sip-password")}};
  ordered_json device = {{"mac", mac_text}, {"model", get("model")}, {"lines", ordered_json::array({line})}};
  ordered_json site = {{"provisioning_url", url},
                       {"tftp_server", server},
                       {"ntp", server},
                       {"sip", {{"registrar", vm.count("sip-server") ? get("sip-server") : server}}}};
  ordered_json inv = {{"format", "phonec-inventory/1"}, {"site", site}, {"devices", ordered_json::array({device})}};
  // The one-device inventory goes into the output directory: diagnostics point at a file that
  // stays, and `phonec build DIR/lab.json -o DIR` rebuilds the phone's files after an edit.
  std::string text;
  try {
    text = inv.dump(2) + "\n";
  } catch (const nlohmann::json::exception&) {  // the only cause: a value that is not UTF-8
    return usage_error("the values must be UTF-8 text");
  }
  fs::path file = fs::path(o.output) / "lab.json";
  std::error_code ec;
  fs::create_directories(o.output, ec);
  fs::path part = file;
  part += ".part";
  {
    std::ofstream f(part, std::ios::binary | std::ios::trunc);
    f << text;
    if (!f.flush()) {
      std::cerr << "phonec lab: error: cannot write " << part.string() << "\n";
      return 1;
    }
  }
  fs::rename(part, file, ec);
  if (ec) {
    std::cerr << "phonec lab: error: cannot write " << file.string() << ": " << ec.message() << "\n";
    fs::remove(part, ec);
    return 1;
  }
  o.inputs = {file.string()};
  return run_build(o);
}

}  // namespace phonec::driver
