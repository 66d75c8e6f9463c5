// The pipeline in one readable function: load, resolve, check, evaluate, render, write.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "emit/dhcp/dhcp_ir.h"

namespace phonec::driver {

struct Options {
  std::vector<std::string> inputs;
  std::string output;  // empty for check
  std::vector<std::string> includes;
  std::string depfile;
  std::string diagnostics = "text";  // text | json
  bool werror = false;
  bool quiet = false;
  bool check_only = false;
  bool all_models = false;  // check: also the whole shipped model library
  std::string from;         // "provd": the JSON inputs are Wazo provd exports
  unsigned jobs = 0;        // 0 = all cores
  std::string assets_dir;   // build --assets: firmware and language packs to verify and serve
  bool strict = false;      // check --strict: also warn about assets whose checksum is unknown
  std::string assets_cmd;   // "list" | "verify": phonec assets (see cmd_assets.h), nothing written
  std::string assets_format = "text";  // assets list --format text|json
  std::string missing_dir;  // assets list --missing DIR; assets verify DIR
  std::optional<dhcp::Subnet> lab_subnet;  // phonec lab: also DIR/dhcpd.conf, complete, for this subnet
};

// Returns the exit status: 0 ok, 1 errors reported.
int run_build(const Options& opt);

}  // namespace phonec::driver
