#include "output/path_check.h"

#include <unicode/utf8.h>

#include <cstdint>

namespace phonec::output {
namespace {

constexpr std::size_t kMaxPath = 4095;       // PATH_MAX minus the terminating NUL
constexpr std::size_t kMaxComponent = 255;   // NAME_MAX on every Linux file system we serve from

std::optional<std::string> check_component(std::string_view c) {
  if (c.empty()) return "has an empty component (\"//\", or a leading or trailing '/')";
  if (c == ".") return "has a '.' component";
  if (c == "..") return "has a '..' component";
  if (c.size() > kMaxComponent) return "has a component longer than 255 bytes";
  if (c.substr(0, kReservedPrefix.size()) == kReservedPrefix)
    return "has a component starting with \".phonec-\", which phonec reserves for itself";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_relative_path(std::string_view path) {
  if (path.empty()) return "is empty";
  if (path.size() > kMaxPath) return "is longer than 4095 bytes";
  if (path.front() == '/') return "is absolute";
  // Code points, not bytes: the manifest is JSON, so the path must be valid UTF-8, and C1
  // controls are as unprintable in a TFTP log as C0 ones.
  const auto* s = reinterpret_cast<const std::uint8_t*>(path.data());
  const auto n = static_cast<std::int32_t>(path.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return "is not valid UTF-8";
    if (c == 0) return "contains a NUL byte";
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return "contains a control character";
    if (c == '\\') return "contains a backslash";
  }
  std::size_t start = 0;
  for (;;) {
    std::size_t slash = path.find('/', start);
    std::string_view comp = path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
    if (auto err = check_component(comp)) return err;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (path == kManifestName) return "is the manifest itself";
  return std::nullopt;
}

}  // namespace phonec::output

namespace phonec::output {
std::string_view parent_of(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view base_of(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}
}  // namespace phonec::output
