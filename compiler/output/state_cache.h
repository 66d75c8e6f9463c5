// DIR/.phonec-state: a private accelerator, never an output. It lets a no-op rebuild of a
// million files decide "unchanged" from one fstatat per file instead of reading every file back,
// and lets it skip parsing a large manifest.json. Losing or corrupting it only costs speed:
// every entry is trusted only when the file's stat still matches, and the whole cache is used for
// ownership only when manifest.json's own stat matches the one recorded in it.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "output/fs_at.h"
#include "output/sha256.h"

namespace phonec::output {

inline constexpr std::string_view kStateName = ".phonec-state";
// Paths a run is about to create, written before it creates any: if it is killed before its
// manifest lands, the next run still knows it owns them.
inline constexpr std::string_view kPendingName = ".phonec-pending";

struct CachedFile {
  std::string_view sha256;  // a view into StateCache::text
  FileStamp stamp;
  bool trusted = true;  // false: modified in the cache's own clock tick, so its stamp proves nothing
};

struct StateCache {
  FileStamp manifest;           // manifest.json's stat when the cache was written
  std::string manifest_sha256;  // and its hash
  // The cache file's text, which the paths and hashes of `files` view (one allocation instead of
  // two strings per file: a large site's cache is a hundred thousand lines).
  std::shared_ptr<const std::string> text;
  std::unordered_map<std::string_view, CachedFile> files;
  std::int64_t written_ns = 0;  // the cache file's own mtime
};

// Reads the cache in `root`; nullopt if absent or malformed. Entries whose mtime is not older
// than the cache itself are marked untrusted: a same-size edit in the same clock tick as
// phonec's write would otherwise go unseen (git's "racily clean" problem).
std::optional<StateCache> read_state(int root);

// One file of the cache being written (views into the build's own data).
struct StateEntry {
  std::string_view path;
  const Digest* sha256 = nullptr;
  FileStamp stamp;
};
// `n` entries, entry(i) the i-th, sorted by path for a deterministic file (given one at a time:
// a million-file build does not gather them in a list); written atomically.
int write_state(int root, const FileStamp& manifest, const std::string& manifest_sha256, std::size_t n,
                const std::function<StateEntry(std::size_t)>& entry, mode_t umask_bits);

// One path per line.
std::optional<std::vector<std::string>> read_pending(int root);
// The paths `each` gives (it calls its argument once per path, in order, and stops when that
// returns false; it returns false then).
using EachPath = std::function<bool(const std::function<bool(std::string_view)>&)>;
int write_pending(int root, const EachPath& each, mode_t umask_bits);

}  // namespace phonec::output
