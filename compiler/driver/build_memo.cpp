#include "driver/build_memo.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unicode/uversion.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>

#include "driver/data_dir.h"
#include "driver/device_reuse.h"
#include "output/dir_cache.h"
#include "output/fs_at.h"
#include "output/path_check.h"
#include "output/sha256.h"
#include "output/state_cache.h"
#include "output/unique_fd.h"
#include "tz/zone_rule.h"

namespace phonec::driver {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kMagic = "phonec-build/1";
constexpr std::size_t kMaxRecord = std::size_t{256} << 20;

using output::ns_of;

// What a file read by the build must still be: any write, rename or chmod changes its ctime.
struct InputStamp {
  std::int64_t size = 0, mtime = 0, ctime = 0;
  std::uint64_t ino = 0, dev = 0;
  bool operator==(const InputStamp&) const = default;
};

std::optional<InputStamp> input_stamp(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return InputStamp{static_cast<std::int64_t>(st.st_size), ns_of(st.st_mtim), ns_of(st.st_ctim),
                    static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
}

std::string stamp_text(const output::FileStamp& s) {
  return std::to_string(s.size) + " " + std::to_string(s.mtime_ns) + " " + std::to_string(s.ino);
}

// Reads the record's fields in order; any mismatch with what the build finds ends the replay.
class Reader {
 public:
  explicit Reader(std::string_view text) : t_(text) {}
  std::optional<std::string_view> line() {
    auto nl = t_.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    std::string_view l = t_.substr(0, nl);
    t_.remove_prefix(nl + 1);
    return l;
  }
  template <class T>
  bool number(std::string_view& l, T& out) {
    auto sp = l.find(' ');
    std::string_view n = l.substr(0, sp);
    auto [p, ec] = std::from_chars(n.data(), n.data() + n.size(), out);
    if (ec != std::errc() || p != n.data() + n.size()) return false;
    l.remove_prefix(sp == std::string_view::npos ? l.size() : sp + 1);
    return true;
  }
  // "<size> <mtime> <ctime> <ino> <dev> <path>"
  bool input(InputStamp& s, std::string_view& path) {
    auto l = line();
    if (!l) return false;
    std::string_view r = *l;
    if (!number(r, s.size) || !number(r, s.mtime) || !number(r, s.ctime) || !number(r, s.ino) || !number(r, s.dev))
      return false;
    path = r;
    return true;
  }
  std::optional<std::string_view> bytes(std::size_t n) {
    if (n > t_.size()) return std::nullopt;
    std::string_view b = t_.substr(0, n);
    t_.remove_prefix(n);
    return b;
  }

 private:
  std::string_view t_;
};

std::string input_line(const InputStamp& s, const std::string& path) {
  return std::to_string(s.size) + " " + std::to_string(s.mtime) + " " + std::to_string(s.ctime) + " " +
         std::to_string(s.ino) + " " + std::to_string(s.dev) + " " + path + "\n";
}

// The directories whose listing decides which files a build reads: each .phone file's folder and
// the folder above it (a vendor's folder and the models folder; an import's folder), and the
// include folders. A JSON inventory imports nothing: its folder is not one.
std::set<std::string> searched_dirs(const Options& opt, const std::vector<std::string>& files) {
  std::set<std::string> dirs;
  for (const std::string& f : files) {
    if (f.ends_with(".json")) continue;
    fs::path parent = fs::path(f).parent_path();
    if (parent.empty()) parent = ".";
    dirs.insert(parent.string());
    fs::path above = parent.parent_path();
    dirs.insert(above.empty() ? std::string(".") : above.string());
  }
  for (const std::string& i : opt.includes) dirs.insert(i);
  return dirs;
}

std::optional<output::FileStamp> stamp_at(int root, std::string_view name) {
  struct stat st;
  if (::fstatat(root, std::string(name).c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
    return std::nullopt;
  return output::stamp_of(st);
}

constexpr std::string_view kTracked[] = {output::kManifestName, output::kStateName, kDevicesName};

}  // namespace

std::int64_t realtime_ns() {
  struct timespec t;
  ::clock_gettime(CLOCK_REALTIME, &t);
  return ns_of(t);
}

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string build_summary(std::size_t devices, std::size_t written, std::size_t unchanged, std::size_t removed,
                          std::size_t warnings) {
  return "phonec: " + plural(devices, "device") + ": " + std::to_string(written) + " written, " +
         std::to_string(unchanged) + " unchanged, " + std::to_string(removed) + " removed" +
         (warnings ? ", " + plural(warnings, "warning") : "") + "\n";
}

std::string build_record_key(const Options& opt) {
  if (opt.check_only || !opt.assets_cmd.empty() || !opt.assets_dir.empty() || !opt.depfile.empty() ||
      opt.lab_subnet || !opt.from.empty() || opt.output.empty())
    return {};
  std::error_code ec;
  std::string k(kMagic);
  k += "\n" + binary_digest() + "\nICU " + U_ICU_VERSION + " " + tz::tzdata_version();
  k += "\ncwd " + fs::current_path(ec).string() + "\ndata " + data_dir().string();
  k += "\nout " + opt.output + "\ndiagnostics " + opt.diagnostics + (opt.werror ? " werror" : "") +
       (opt.all_models ? " all-models" : "") + (opt.strict ? " strict" : "");
  for (const std::string& i : opt.inputs) k += "\nin " + i;
  for (const std::string& i : opt.includes) k += "\n-I " + i;
  return output::sha256_hex(k);
}

bool replay_build_record(const Options& opt, const std::string& key) {
  if (key.empty()) return false;
  output::UniqueFd root(::open(opt.output.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root) return false;
  const std::string name(kBuildRecordName);
  struct stat rst;
  if (::fstatat(root.get(), name.c_str(), &rst, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(rst.st_mode)) return false;
  const std::int64_t recorded_at = ns_of(rst.st_ctim);
  std::string text;
  if (output::read_file_at(root.get(), name, text, kMaxRecord) != 0) return false;
  Reader r(text);
  auto magic = r.line(), k = r.line(), counts = r.line();
  if (!magic || *magic != kMagic || !k || *k != key || !counts) return false;
  std::size_t devices = 0, files = 0, warnings = 0;
  std::string_view c = *counts;
  if (!r.number(c, devices) || !r.number(c, files) || !r.number(c, warnings)) return false;
  // The tree's own state files, as the recorded build left them; no run killed since.
  output::FileStamp manifest;
  for (std::string_view tracked : kTracked) {
    auto l = r.line();
    auto s = stamp_at(root.get(), tracked);
    if (!l || !s || *l != stamp_text(*s)) return false;
    if (tracked == output::kManifestName) manifest = *s;
  }
  struct stat pst;
  if (::fstatat(root.get(), std::string(output::kPendingName).c_str(), &pst, AT_SYMLINK_NOFOLLOW) == 0) return false;
  // Every file the build read, every folder it searched.
  for (int section = 0; section < 2; ++section) {
    auto l = r.line();
    std::size_t n = 0;
    if (!l || !r.number(*l, n)) return false;
    for (std::size_t i = 0; i < n; ++i) {
      InputStamp want;
      std::string_view path;
      if (!r.input(want, path)) return false;
      auto now = input_stamp(std::string(path));
      if (!now || !(*now == want)) return false;
    }
  }
  auto dl = r.line();
  std::size_t dsize = 0;
  if (!dl || !r.number(*dl, dsize)) return false;
  auto diagnostics = r.bytes(dsize);
  if (!diagnostics) return false;
  // Every output file as written: the stat cache's stamp, and nothing done to it since the record.
  auto state = output::read_state(root.get());
  if (!state || !(state->manifest == manifest) || state->files.size() != files) return false;
  output::DirCache dirs(root.get(), 0);
  std::string dir, base;
  for (const auto& [path, cached] : state->files) {
    if (!cached.trusted) return false;
    dir.assign(output::parent_of(path));
    base.assign(output::base_of(path));
    int fd;
    struct stat st;
    if (dirs.open(dir, fd, false) != 0 || ::fstatat(fd, base.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(st.st_mode) || !(output::stamp_of(st) == cached.stamp) || ns_of(st.st_ctim) >= recorded_at)
      return false;
  }
  (opt.diagnostics == "json" ? std::cout : std::cerr) << *diagnostics << std::flush;
  std::cerr << build_summary(devices, 0, files, 0, warnings);
  return true;
}

void write_build_record(const Options& opt, const std::string& key, std::int64_t started_ns, const SourceManager& sm,
                        std::string_view diagnostics, std::size_t devices, std::size_t files, std::size_t warnings) {
  output::UniqueFd root(::open(opt.output.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root) return;
  const std::string name(kBuildRecordName);
  ::unlinkat(root.get(), name.c_str(), 0);
  if (key.empty()) return;
  std::string text(kMagic);
  text += "\n" + key + "\n" + std::to_string(devices) + " " + std::to_string(files) + " " + std::to_string(warnings) + "\n";
  for (std::string_view tracked : kTracked) {
    auto s = stamp_at(root.get(), tracked);
    if (!s) return;
    text += stamp_text(*s) + "\n";
  }
  std::vector<std::string> inputs = sm.paths();
  std::sort(inputs.begin(), inputs.end());
  inputs.erase(std::unique(inputs.begin(), inputs.end()), inputs.end());
  const std::set<std::string> dirs = searched_dirs(opt, inputs);
  // A file changed while the build ran, or just before it (file times are coarse: a jiffy, or a
  // second or two on some file systems), may have been read before or after the change: no
  // record then.
  const std::int64_t settled = started_ns - 2'000'000'000;
  auto section = [&](const auto& paths) {
    text += std::to_string(paths.size()) + "\n";
    for (const std::string& p : paths) {
      auto s = input_stamp(p);
      if (!s || s->ctime >= settled || p.find('\n') != std::string::npos) return false;
      text += input_line(*s, p);
    }
    return true;
  };
  if (!section(inputs) || !section(dirs)) return;
  text += std::to_string(diagnostics.size()) + "\n";
  text += diagnostics;
  output::write_file_atomic(root.get(), name, text, output::AtomicWrite{0644, output::process_umask(), false}, nullptr);
}

}  // namespace phonec::driver
