// Evaluating and rendering every file of a build, in parallel over devices, with the checks that
// need the whole set: paths that leave the tree, two devices mapping to one path.
#pragma once
#include <filesystem>
#include <functional>
#include <vector>

#include "driver/device_reuse.h"
#include "output/write_tree.h"
#include "sema/inventory.h"

namespace phonec::driver {

// With a spool, device files are hashed and moved into it as they are rendered (see
// output/spool.h); without, every file's bytes stay in memory.
// With `reuse`, a device whose inputs and files did not change since the previous build is
// not evaluated again (see device_reuse.h); every device evaluated is recorded in it.
// `progress`, if set, is called from worker threads (one call at a time is the caller's
// business) with the devices done so far, every few hundred devices.
std::vector<output::OutFile> emit_all(sema::Program& prog, const sema::Inventory& inv, const std::filesystem::path& out_dir,
                                      unsigned jobs, output::Spool* spool = nullptr, DeviceReuse* reuse = nullptr,
                                      const std::function<void(std::size_t done, std::size_t total)>& progress = {});

// DHCP server files (dhcpd, Kea, dnsmasq) and the tftpd-hpa defaults, appended to `files`.
void emit_server_files(sema::Program& prog, const sema::Inventory& inv, const std::filesystem::path& out_dir,
                       std::vector<output::OutFile>& files, unsigned jobs = 1);

}  // namespace phonec::driver
