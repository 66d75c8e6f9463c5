// The DHCP and TFTP server files of a build: a host per device with the options its model
// declares, for dhcpd, Kea and dnsmasq, and the tftpd-hpa defaults; and the complete dhcpd.conf
// of `phonec lab` (the test subnet around the same host stanzas).
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "emit/dhcp/dhcp_ir.h"
#include "output/write_tree.h"
#include "sema/eval.h"
#include "sema/inventory.h"

namespace phonec::driver {

struct ModelDhcp;

// One device's host and the option lines its options come from.
struct HostOut {
  dhcp::Host host;
  std::vector<const ast::OptionUse*> uses;
};

// Hosts one device at a time: prepare() each model once (one thread at a time), then host()
// from any thread; emit() renders the server files from the hosts in MAC order.
class DhcpHosts {
 public:
  explicit DhcpHosts(sema::Program& prog);
  ~DhcpHosts();
  // The model's option lines against the catalogue, evaluated later in `env` (the one the
  // model's files use); problems into `diags`.
  void prepare(const sema::Model& m, std::shared_ptr<const sema::ModelEnv> env, Diagnostics& diags);
  // The device's options evaluated for it (diagnostics into `diags`).
  void host(const sema::Device& d, const sema::Value& codes, HostOut& out, Diagnostics& diags) const;
  // DIR/dhcp/{dhcpd.conf,kea-dhcp4.json,dnsmasq.conf} and DIR/tftpd-hpa appended to `files`,
  // with `lab` also DIR/dhcpd.conf of `phonec lab` (the same hosts inside that subnet); problems
  // into prog.diags. The hosts are moved out of `hosts`; `hosts_taken` is then called (before
  // the files render), after which neither the HostOuts nor the devices are read again.
  // With `spool` (the build's), the DHCP files go into spools of their own next to it, owned by
  // it, as they are rendered instead of staying in memory.
  void emit(const std::vector<std::pair<const sema::Device*, HostOut*>>& hosts, const std::filesystem::path& out_dir,
            std::vector<output::OutFile>& files, unsigned jobs, const std::optional<dhcp::Subnet>& lab = {},
            output::Spool* spool = nullptr, const std::function<void()>& hosts_taken = {}) const;

 private:
  sema::Program& prog_;
  int ip_slot_ = -1;
  std::map<const sema::Model*, std::unique_ptr<ModelDhcp>> models_;
};


}  // namespace phonec::driver
