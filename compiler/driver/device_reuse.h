// Rebuilding a large site where few devices changed: a device whose inputs are byte for byte
// those of the previous build, and whose files are still exactly what that build wrote, is not
// evaluated again. Its files are kept as they are and the diagnostics its evaluation gave are
// reported again, so a rebuild prints what a full build prints.
//
// A device's key is the SHA-256 of everything its files can depend on: this phonec binary, ICU
// and its zone data, every source file loaded except the inventories (stdlib, models, imports),
// and the JSON text of its site and of the device itself. DIR/.phonec-devices maps keys to the
// files written (path, SHA-256, secret) and the diagnostics given. A file is reused only when
// the stat cache vouches for it (same stamp) and records the same SHA-256 as this list, so a
// stale or tampered list can only cost speed, never produce a wrong file.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "output/sha256.h"
#include "output/spool.h"
#include "output/state_cache.h"
#include "output/unique_fd.h"

namespace phonec::driver {

inline constexpr std::string_view kDevicesName = ".phonec-devices";

struct ReusedFile {
  std::string path;    // relative to DIR ("tftp/001565aabbcc.cfg")
  output::Digest sha256;
  bool secret = false;
  std::uint64_t size = 0;  // filled by lookup() from the stat cache
};

// The SHA-256 of this very binary (computed once): a rebuilt phonec with other emitters must not
// reuse the old one's files, nor replay its builds.
std::string binary_digest();

// A device's key (nullopt: the device is always evaluated).
using DeviceKey = std::optional<output::Digest>;

struct DeviceRecord {
  std::vector<ReusedFile> files;
  std::vector<Diagnostic> diags;  // what evaluating the device reported
};

// Where a device's text and its site's text are in this build's inventory: diagnostics inside
// them are stored relative to them, so that a device moved within its file (another device
// added above it) still finds its diagnostics at the right line.
struct Anchor {
  Range device;
  Range site;
};

class DeviceReuse {
 public:
  // Reads DIR's previous state (nothing when DIR, the stat cache or the list is missing). The
  // inventories are excluded from the global key; `sm` maps diagnostics to files.
  // With `spool`, the entries of the devices evaluated wait there rather than in memory.
  DeviceReuse(const std::string& out_dir, const SourceManager& sm, const std::vector<FileId>& inventories,
              output::Spool* spool = nullptr);

  // Takes in the source files loaded since (a build loads a vendor's model files when a device
  // first names one of its models): they join the key of every device from now on, so a key
  // covers at least the files its device's model comes from. One thread at a time, never
  // during key() or lookup().
  void sources_loaded();

  // The key of a device from its site's and its own JSON text (none when it has none: a device
  // declared in a .phone file or imported from provd is always evaluated).
  DeviceKey key(const Anchor& at) const;

  // The previous build's files for `key` if every one is still intact, with its diagnostics.
  std::optional<DeviceRecord> lookup(const DeviceKey& key, const Anchor& at) const;

  // What this build produced for a device (thread-safe).
  void record(const DeviceKey& key, const DeviceRecord& rec, const Anchor& at);
  // A device reused as lookup() found it: its entry carries over as it was stored (thread-safe).
  void keep(const DeviceKey& key);

  // Every device has been evaluated or reused: the previous build's index and stat cache, which
  // only lookup() and keep() read, are released (tens of MB at a large site).
  void lookups_done();

  // Writes DIR/.phonec-devices for the next build. Returns 0 or an errno value.
  int save(const std::string& out_dir, mode_t umask_bits) const;

 private:
  const SourceManager& sm_;
  std::vector<FileId> inventories_;
  std::string sources_;     // what every device depends on: binary, ICU, source files
  std::size_t hashed_ = 0;  // source files in sources_ so far
  std::string global_;      // hex SHA-256 of sources_
  output::UniqueFd root_;
  std::optional<output::StateCache> state_;
  // The lists are kept as their text, an entry being "<key> <files> <diagnostics>\n" and a line
  // per file ("<sha256> <0|1> <path>") and per diagnostic (a JSON object, ranges relative to
  // the anchor): a few hundred bytes per device in one piece. The previous list is mapped, not
  // read (170 MB at a million devices): its pages come in as lookups need them and are given
  // back at every batch (sources_loaded()).
  std::unique_ptr<SourceFile> previous_map_;
  std::string_view previous_text_;
  std::unordered_map<std::string_view, std::string_view> previous_;  // key -> its file and diagnostic lines
  std::unordered_map<std::string, FileId> file_ids_;
  mutable std::mutex mu_;
  static constexpr std::size_t kKeySize = output::Digest::kHexSize;  // in the list's text
  struct Current {
    output::Digest key;  // its 32 bytes: printed again as the entry's first 64 characters
    std::uint64_t offset = 0;   // in spool_, unless the entry is in texts_
    std::uint32_t size = 0;
    std::uint32_t text = kSpooled;  // index into texts_ (the spool failed or there is none)
  };
  static constexpr std::uint32_t kSpooled = UINT32_MAX;
  output::Spool* spool_;
  std::deque<Current> current_;           // entries of the devices evaluated (a deque: no copy as it grows)
  std::vector<std::string> texts_;
  std::vector<std::string_view> kept_;    // entries of the devices reused, in previous_text_
};

}  // namespace phonec::driver
