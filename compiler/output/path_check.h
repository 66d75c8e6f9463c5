// Which relative paths the output stage accepts. Every path a build produces (and every path read
// back from a previous manifest, which a user could have edited) passes through here before it is
// used with openat/unlinkat, so nothing can ever be written or removed outside the output root.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace phonec::output {

// Names the output stage keeps for itself inside DIR: temporary files, the stat cache and the
// journal of files being added all start with this prefix, so no build file may.
inline constexpr std::string_view kReservedPrefix = ".phonec-";
inline constexpr std::string_view kManifestName = "manifest.json";

// nullopt if `path` is a safe relative '/'-separated path inside DIR, else why it is not
// (a reason without the path, e.g. "has a '..' component").
std::optional<std::string> check_relative_path(std::string_view path);

// A relative path's folder ("" for a file at the top) and its last component: views into `path`.
std::string_view parent_of(std::string_view path);
std::string_view base_of(std::string_view path);

}  // namespace phonec::output

namespace phonec::output {
// Manifest strings other than paths (device, model) only need to be valid UTF-8.
bool is_valid_utf8(std::string_view s);
}  // namespace phonec::output
