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

// Where a host comes from: its device's MAC (its model and option lines are in its profile, a
// SourcedProfile).
struct HostSource {
  Range mac;  // the device's MAC in the inventory
};

// The profile DhcpHosts gives its hosts: the values with the model and the option line of each
// option (hosts share it when all three are equal).
struct SourcedProfile : dhcp::HostProfile {
  const sema::Model* source_model = nullptr;
  std::vector<const ast::OptionUse*> uses;  // by option index
};

// The hosts of a build, index for index with where they come from.
struct HostList {
  std::vector<dhcp::Host> hosts;
  std::vector<HostSource> sources;
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
  void host(const sema::Device& d, const sema::Value& codes, dhcp::Host& out, HostSource& source, Diagnostics& diags) const;
  // DIR/dhcp/{dhcpd.conf,kea-dhcp4.json,dnsmasq.conf} and DIR/tftpd-hpa appended to `files`,
  // from `hosts` in MAC order (taken: a large site's hosts are not held twice); with `lab` also
  // DIR/dhcpd.conf of `phonec lab` (the same hosts inside that subnet); problems into prog.diags.
  // With `spool` (the build's), the DHCP files go into spools of their own next to it, owned by
  // it, as they are rendered instead of staying in memory.
  void emit(HostList hosts, const std::filesystem::path& out_dir, std::vector<output::OutFile>& files, unsigned jobs,
            const std::optional<dhcp::Subnet>& lab = {}, output::Spool* spool = nullptr) const;

 private:
  sema::Program& prog_;
  int ip_slot_ = -1;
  std::map<const sema::Model*, std::unique_ptr<ModelDhcp>> models_;
};


}  // namespace phonec::driver
