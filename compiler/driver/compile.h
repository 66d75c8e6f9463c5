// The device pipeline of `build` and `check`: the devices of every inventory are read, checked,
// evaluated and rendered a batch at a time, and each keeps only what the whole-site steps need
// (its MAC, model, files, DHCP host), so memory grows by a few hundred bytes per device, not by
// its whole value. Diagnostics come out as if each stage had run over every device in turn:
// checks only when every device converted cleanly, evaluation only when every check passed.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "driver/device_reuse.h"
#include "driver/emit_all.h"
#include "emit/dhcp/dhcp_ir.h"
#include "output/spool.h"
#include "output/write_tree.h"
#include "sema/assets.h"
#include "sema/inventory.h"

namespace phonec::driver {

struct CompileInput {
  std::vector<sema::JsonInventory> json;  // read device by device
  sema::Inventory loaded;                 // converted already (provd exports, .phone declarations)
};

struct CompileOptions {
  unsigned jobs = 1;
  bool render = false;  // evaluate and render every file (build), or stop after the checks
  std::filesystem::path out_dir;
  output::Spool* spool = nullptr;
  DeviceReuse* reuse = nullptr;
  std::optional<dhcp::Subnet> lab;  // also DIR/dhcpd.conf of `phonec lab`
  // Called from worker threads, one call at a time, every few hundred devices.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct Compiled {
  std::vector<sema::NeededAsset> needed;
  // With `render`, when nothing went wrong: each device's files in their own list (MAC order),
  // and the shared and server files.
  std::vector<std::vector<Produced>> device_files;
  std::vector<output::OutFile> files;
  std::size_t device_count = 0;          // devices read (elements that are objects)
  bool rendered = false;                 // the checks passed and the files were evaluated
};

// Diagnostics go to prog.diags.
Compiled compile(sema::Program& prog, CompileInput& in, const CompileOptions& opt);

}  // namespace phonec::driver
