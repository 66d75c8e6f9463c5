#include "driver/serve_assets.h"

#include <mutex>
#include <set>

#include "sema/inventory.h"

namespace phonec::driver {

std::string asset_what(const sema::NeededAsset& n) {
  std::string models;
  for (const std::string& m : n.models) models += (models.empty() ? "" : ", ") + m;
  return models + " " + n.asset->kind + " " + n.asset->version;
}

nlohmann::ordered_json asset_json(const sema::NeededAsset& n) {
  const sema::Asset& a = *n.asset;
  nlohmann::ordered_json j;
  j["path"] = a.path;
  j["kind"] = a.kind;
  j["version"] = a.version;
  j["models"] = n.models;
  j["url"] = a.url;
  j["login"] = a.login;
  j["sha256"] = a.sha256.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.sha256);
  j["size"] = a.size < 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(a.size);
  j["devices"] = n.devices;
  return j;
}

namespace {

// The name of the first model that requests the asset, as a view of the model's own name (the
// file records outlive `needed`, but not the Program).
std::string_view model_name(const sema::Program& prog, const sema::NeededAsset& n) {
  if (n.models.empty()) return {};
  auto it = prog.models.find(n.models.front());
  if (it != prog.models.end()) return it->first;
  // Not a resolved model's name (never for a checked build): interned for the life of the process.
  static std::mutex mu;
  static std::set<std::string, std::less<>> names;
  std::lock_guard lock(mu);
  return *names.insert(n.models.front()).first;
}

}  // namespace

void serve_assets(sema::Program& prog, const std::vector<sema::NeededAsset>& needed, const std::string& assets_dir,
                  std::vector<output::OutFile>& files, nlohmann::json& manifest_assets) {
  if (needed.empty()) return;
  if (assets_dir.empty()) {
    for (const sema::NeededAsset& n : needed)
      prog.diags.warning(Range{}, "asset-not-served",
                         "'" + n.asset->path + "' (" + asset_what(n) + ") is not served: no --assets DIR; download it from " +
                             n.asset->url + (n.asset->login ? " (vendor login needed)" : ""));
    return;
  }
  AssetStore store;
  std::string why;
  if (!store.open(assets_dir, why)) {
    prog.diags.error(Range{}, "bad-assets-dir", "--assets: " + why);
    return;
  }
  manifest_assets = nlohmann::json::array();
  for (const sema::NeededAsset& n : needed) {
    const sema::Asset& a = *n.asset;
    Range at = n.first_at;
    AssetCheck c = store.check(a);
    std::string who = "'" + a.path + "' (" + asset_what(n) + ", requested by " + sema::devices_text(n) + ")";
    if (c.state == AssetCheck::State::Missing) {
      prog.diags.error(at, "asset-missing",
                       who + " is not in " + assets_dir + ": expected sha256 " + (a.sha256.empty() ? "unknown" : a.sha256) +
                           "; download it from " + a.url + (a.login ? " (vendor login needed)" : ""),
                       {Note{a.range, "asset declared here"}});
      continue;
    }
    if (c.state == AssetCheck::State::Mismatch) {
      std::string expected = a.sha256.empty() ? "unknown" : a.sha256;
      std::string size = a.size >= 0 && static_cast<std::uint64_t>(a.size) != c.size
                             ? " (expected " + std::to_string(a.size) + " bytes, found " + std::to_string(c.size) + ")"
                             : std::string();
      prog.diags.error(at, "asset-checksum",
                       who + ": " + c.file.string() + " does not match: expected sha256 " + expected + ", actual sha256 " +
                           c.actual_sha256 + size,
                       {Note{a.sha_range.valid() ? a.sha_range : a.range, "checksum declared here"}});
      continue;
    }
    output::OutFile f;
    f.path = "tftp/" + a.path;
    f.source_path = c.file.string();
    f.sha256 = output::Digest::from_hex(c.actual_sha256).value_or(output::Digest{});
    f.spool_size = c.size;
    f.device = output::Owner::shared();
    f.model = model_name(prog, n);
    files.push_back(std::move(f));
    nlohmann::ordered_json j = asset_json(n);
    j["sha256"] = c.actual_sha256;
    j["size"] = c.size;
    j["verified"] = c.state == AssetCheck::State::Ok;
    j.erase("devices");
    manifest_assets.push_back(nlohmann::json::parse(j.dump()));
  }
}

}  // namespace phonec::driver
