// Evaluating and rendering the files of a build, one device at a time (from any thread), then
// the shared files and the checks that need every file: paths that leave the tree, two devices
// mapping to one path.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "driver/device_reuse.h"
#include "output/write_tree.h"
#include "sema/eval.h"
#include "sema/inventory.h"

namespace phonec::driver {

// A rendered file and where it comes from (for the messages of the collision check).
struct Produced {
  output::OutFile file;
  Range origin;        // the file declaration's path pattern
  Range owner_range;   // the device (or first device of a shared file)
};

// Who writes a file, for messages: "device 00:15:65:aa:bb:cc", "model yealink.T46S" or "the site".
std::string owner_of(const output::OutFile& f);

// What the files of a build share per model and per feature-code profile, made once each.
// prepare() runs on one thread at a time; the lookups are then safe from any thread.
class EmitCache {
 public:
  explicit EmitCache(sema::Program& prog);
  void prepare(const sema::Device& d);
  const sema::ModelEnv& env(const sema::Model& m) const { return *envs_.at(&m); }
  std::shared_ptr<const sema::ModelEnv> env_of(const sema::Model& m) const { return envs_.at(&m); }
  const sema::Value& codes(const sema::Device& d) const { return codes_.at(profile(d)); }
  // The device's `feature_codes` profile, "wazo" when it names none.
  std::string profile(const sema::Device& d) const;
  // Whether a shared file of `m` reads the `devices` list (its devices' values must then stay
  // in memory until the shared files are rendered).
  bool needs_devices(const sema::Model& m) const { return needs_devices_.at(&m); }

 private:
  sema::Program& prog_;
  int fc_slot_ = -1;
  std::map<const sema::Model*, std::shared_ptr<const sema::ModelEnv>> envs_;
  std::map<const sema::Model*, bool> needs_devices_;
  std::map<std::string, sema::Value, std::less<>> codes_;
};

// Moves a rendered file's bytes into the spool, or stages them (Spool::stage), hashed on the way.
// Returns 0 or an errno value.
int spool_file(output::Spool& spool, output::OutFile& f);

// One device's files (d.model set, cache prepared for it): reused as the previous build left
// them when `reuse` vouches for them, otherwise evaluated and rendered, into the spool when
// there is one. Thread-safe; diagnostics into `diags`.
void emit_device(sema::Program& prog, const EmitCache& cache, const sema::Device& d, output::Spool* spool,
                 DeviceReuse* reuse, std::vector<Produced>& out, Diagnostics& diags);

// What the shared files read of one of their devices.
struct SharedDevice {
  const sema::DeviceSummary* summary;  // its model, site and MAC's place
  const sema::Value* codes;            // its feature-code profile's codes (EmitCache::codes)
  const sema::Value* value;            // its whole value when EmitCache::needs_devices(model), else null
};

// The `per model` and `per site` files of devices given in MAC order: once per (model, site)
// and once per site.
void emit_shared(sema::Program& prog, const EmitCache& cache, const std::vector<SharedDevice>& devices,
                 std::vector<Produced>& out);

// The collision check over every file of the build, device files first: one path, one content
// (two devices never share a path; identical shared files merge). Collisions are reported into
// prog.diags. Returns the shared files to write, moved out of `shared`; the device files stay in
// their lists (a large site's files are tens of MB: they are not copied into one list).
std::vector<output::OutFile> merge_shared(sema::Program& prog, const std::vector<std::vector<Produced>*>& device_files,
                                          std::vector<Produced>& shared);

// The evaluation stage alone, for an inventory checked with check_devices (the stage benchmark
// BM_EmitAll; builds go through driver::compile): every device file, the shared files and the
// server files, on `jobs` threads.
std::vector<output::OutFile> emit_all(sema::Program& prog, const sema::Inventory& inv, const std::filesystem::path& out_dir,
                                      unsigned jobs);

}  // namespace phonec::driver
