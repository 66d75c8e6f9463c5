// The build's asset step: every firmware image and language pack the devices will request is
// verified in the operator's --assets DIR and added to the output tree, or reported.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "driver/asset_store.h"
#include "output/write_tree.h"
#include "sema/assets.h"

namespace phonec::driver {

// "yealink.T46S firmware 66.86.0.15" (the models that request it).
std::string asset_what(const sema::NeededAsset& n);

// With `assets_dir`: a missing file or a checksum mismatch is an error naming the devices, the
// model, the file and both checksums; verified files are appended to `files` (linked from DIR)
// and described in `manifest_assets`. Without it: one warning per asset that is not served.
void serve_assets(sema::Program& prog, const std::vector<sema::NeededAsset>& needed, const std::string& assets_dir,
                  std::vector<output::OutFile>& files, nlohmann::json& manifest_assets);

// One needed asset as JSON (assets list, the manifest).
nlohmann::ordered_json asset_json(const sema::NeededAsset& n);

}  // namespace phonec::driver
