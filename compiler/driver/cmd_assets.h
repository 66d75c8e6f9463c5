// phonec assets list INPUT... [--missing DIR] [--format text|json]
// phonec assets verify DIR INPUT...
// The firmware images and language packs a site needs (with where to download them), and
// whether an operator's directory holds every one of them intact.
#pragma once
#include <string>
#include <vector>

#include "driver/build.h"
#include "sema/assets.h"

namespace phonec::driver {

// Parses the command line (after "assets") and runs the front end; exit 0, 1 or 2.
int run_assets(const std::vector<std::string>& args);

// Prints the report for opt.assets_cmd once the inventory is checked (called by run_build).
int run_assets_report(const Options& opt, const std::vector<sema::NeededAsset>& needed);

}  // namespace phonec::driver
