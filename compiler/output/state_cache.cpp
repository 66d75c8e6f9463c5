#include "output/state_cache.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <string_view>

#include "output/path_check.h"
#include "output/text_fields.h"

namespace phonec::output {
namespace {

constexpr std::string_view kMagic = "phonec-state/1";

bool take_word(std::string_view& s, std::string_view& out) {
  auto sp = s.find(' ');
  if (sp == std::string_view::npos) return false;
  out = s.substr(0, sp);
  s.remove_prefix(sp + 1);
  return true;
}

bool take_stamp(std::string_view& s, FileStamp& st) {
  return take_number(s, st.size) && take_number(s, st.mtime_ns) && take_number(s, st.ino);
}

void put_stamp(std::string& out, const FileStamp& st) {
  out += std::to_string(st.size);
  out += ' ';
  out += std::to_string(st.mtime_ns);
  out += ' ';
  out += std::to_string(st.ino);
  out += ' ';
}

// Splits `text` into lines; false if the last line is unterminated (a truncated file).
template <class F>
bool for_each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    if (nl == std::string_view::npos) return false;
    if (!f(text.substr(0, nl))) return false;
    text.remove_prefix(nl + 1);
  }
  return true;
}

}  // namespace

std::optional<StateCache> read_state(int root) {
  auto owned = std::make_shared<std::string>();
  if (read_file_at(root, std::string(kStateName), *owned) != 0) return std::nullopt;
  struct stat self;
  if (::fstatat(root, std::string(kStateName).c_str(), &self, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
  StateCache cache;
  cache.text = owned;
  const std::string_view text = *owned;
  cache.files.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  cache.written_ns = stamp_of(self).mtime_ns;
  int lineno = 0;
  bool ok = for_each_line(text, [&](std::string_view line) {
    ++lineno;
    if (lineno == 1) return line == kMagic;
    if (lineno == 2) {
      if (line.substr(0, 9) != "manifest ") return false;
      line.remove_prefix(9);
      if (!take_stamp(line, cache.manifest)) return false;
      cache.manifest_sha256.assign(line);
      return cache.manifest_sha256.size() == 64;
    }
    CachedFile f;
    if (!take_word(line, f.sha256) || f.sha256.size() != 64 || !take_stamp(line, f.stamp)) return false;
    if (check_relative_path(line)) return false;
    f.trusted = f.stamp.mtime_ns < cache.written_ns;
    cache.files.emplace(line, f);
    return true;
  });
  if (!ok || lineno < 2) return std::nullopt;
  return cache;
}

int write_state(int root, const FileStamp& manifest, const std::string& manifest_sha256, std::size_t n,
                const std::function<StateEntry(std::size_t)>& entry, mode_t umask_bits) {
  auto fill = [&](const Put& put) {
    std::string line;
    line += kMagic;
    line += "\nmanifest ";
    put_stamp(line, manifest);
    line += manifest_sha256;
    line += '\n';
    if (int err = put(line)) return err;
    for (std::size_t i = 0; i < n; ++i) {
      const StateEntry f = entry(i);
      line.clear();
      line.resize(Digest::kHexSize);
      f.sha256->hex_into(line.data());
      line += ' ';
      put_stamp(line, f.stamp);
      line += f.path;
      line += '\n';
      if (int err = put(line)) return err;
    }
    return 0;
  };
  return write_file_atomic_by(root, std::string(kStateName), fill, AtomicWrite{0644, umask_bits, false}, nullptr);
}

std::optional<std::vector<std::string>> read_pending(int root) {
  std::string text;
  if (read_file_at(root, std::string(kPendingName), text) != 0) return std::nullopt;
  std::vector<std::string> paths;
  // A torn journal cannot happen (it is renamed into place), so a bad line means tampering:
  // skip that line, never act on it.
  for_each_line(text, [&](std::string_view line) {
    if (!check_relative_path(line)) paths.emplace_back(line);
    return true;
  });
  return paths;
}

int write_pending(int root, const EachPath& each, mode_t umask_bits) {
  auto fill = [&](const Put& put) {
    int err = 0;
    each([&](std::string_view p) {
      if (!err) err = put(p);
      if (!err) err = put("\n");
      return err == 0;
    });
    return err;
  };
  return write_file_atomic_by(root, std::string(kPendingName), fill, AtomicWrite{0644, umask_bits, false}, nullptr);
}

}  // namespace phonec::output
