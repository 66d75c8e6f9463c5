// DIR/manifest.json: the list of every file the build owns. It is the source of truth for stale
// removal (a file is deleted only if a previous manifest lists it) and a deterministic output:
// the same inputs give the same bytes, so it holds no times, inode numbers or host names.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace phonec::output {

inline constexpr std::string_view kManifestFormat = "phonec-manifest/1";

// Views into the caller's strings (a million-file manifest is rendered without copying them).
struct ManifestEntry {
  std::string_view path;    // relative to DIR
  std::uint64_t size = 0;
  std::string_view sha256;  // lower-case hex
  unsigned mode = 0644;
  std::string_view device;  // "00:15:65:aa:bb:cc" or "shared"
  std::string_view model;   // "yealink.T46S" or ""
};

// Renders the manifest: entries (sorted by path by the caller) under "files", one object per
// line so that diffs and grep stay readable at a million files, then each `extra` section (e.g.
// "assets") as pretty JSON, in key order. Ends with a newline.
std::string render_manifest(const std::vector<ManifestEntry>& entries,
                            const std::map<std::string, nlohmann::json>& extra = {});
// The same text, streamed: entry(i) gives the i-th of `n` entries and `sink` receives the text in
// pieces of at most about 64 KiB, so that a million-file manifest is never held whole.
void render_manifest_to(std::size_t n, const std::function<ManifestEntry(std::size_t)>& entry,
                        const std::map<std::string, nlohmann::json>& extra,
                        const std::function<void(std::string_view)>& sink);

// The paths a previous manifest lists, each checked with check_relative_path (a hand-edited
// manifest must not make phonec delete /etc/passwd). nullopt with `why` set if the text is not a
// phonec manifest.
std::optional<std::vector<std::string>> manifest_paths(std::string_view text, std::string& why);

// JSON string literal, quotes included. UTF-8 is passed through; callers validate it.
void append_json_string(std::string& out, std::string_view s);

}  // namespace phonec::output
