// The output stage: make DIR hold exactly the files one build produced, writing only what
// changed, atomically, never through a symlink, and removing what the previous build wrote and
// this one no longer does. See docs/output.md for the rules and the crash-safety argument.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <sys/types.h>
#include <map>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "output/owner.h"
#include "output/sha256.h"
#include "output/spool.h"

namespace phonec::output {

// A sourced file's path on disk, out of line: only firmware images and language packs have one,
// so the other files pay a pointer for it instead of a string.
class SourcePath {
 public:
  SourcePath() = default;
  SourcePath(std::string path) : p_(path.empty() ? nullptr : std::make_unique<std::string>(std::move(path))) {}
  SourcePath(const SourcePath& o) : p_(o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr) {}
  SourcePath(SourcePath&&) noexcept = default;
  SourcePath& operator=(const SourcePath& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr;
    return *this;
  }
  SourcePath& operator=(SourcePath&&) noexcept = default;
  bool empty() const { return !p_; }
  const char* c_str() const { return p_ ? p_->c_str() : ""; }
  std::string_view view() const { return p_ ? std::string_view(*p_) : std::string_view(); }

 private:
  std::unique_ptr<std::string> p_;
};

struct OutFile {
  std::string path;    // relative to DIR, '/'-separated: "tftp/001565aabbcc.cfg", "dhcp/dhcpd.conf"
  std::string bytes;
  bool secret = false; // holds a SIP password: mode 0640 instead of 0644
  Owner device;        // "00:15:65:aa:bb:cc", or "shared"
  // "yealink.T46S", or "" for files that belong to no model: a view of the model's own name (the
  // models live as long as the Program, which outlives the write).
  std::string_view model;
  // The previous build's file, found intact and reused without its bytes (see
  // driver/device_reuse.h); hash and size in `sha256` and `spool_size`. Never written.
  bool reuse = false;
  // A file staged by `spool` (Spool::stage) as the temporary file numbered `spool_offset` in its
  // own folder: placed with a rename.
  bool staged = false;
  // A file placed from disk instead of `bytes` (a verified firmware image or language pack):
  // hard-linked when possible, else copied. Its checksum (`sha256`) and size (`spool_size`) were
  // verified by the caller.
  SourcePath source_path{};
  // A file whose bytes wait in a spool instead of `bytes` (see spool.h), with its hash computed
  // when it was spooled (write_tree() also keeps the hash of an in-memory file there).
  const Spool* spool = nullptr;
  std::uint64_t spool_offset = 0;
  // The size of a file whose bytes are not in `bytes` (spooled, reused or sourced).
  std::uint64_t spool_size = 0;
  Digest sha256{};

  std::uint64_t size() const { return !source_path.empty() || spool || reuse ? spool_size : bytes.size(); }
};

// The mode of a build's file.
inline mode_t file_mode(bool secret) { return secret ? 0640 : 0644; }

struct Progress {
  std::size_t total = 0;
  std::size_t done = 0;
  std::size_t written = 0;
  std::size_t unchanged = 0;
};

struct WriteOptions {
  unsigned jobs = 0;  // threads for hashing, comparing and writing; 0 = hardware_concurrency
  // Called from worker threads, one call at a time, every few thousand files and once at the end.
  std::function<void(const Progress&)> progress;
  // Extra top-level manifest sections after "files" (e.g. "assets"), rendered in key order.
  std::map<std::string, nlohmann::json> manifest_extra;
  // Bump manifest.json's mtime even when its bytes are unchanged. The driver sets this with
  // --depfile: manifest.json is then make's target, and make must see it newer than the inputs.
  bool touch_manifest = false;
  // fsync every written file and directory: survives power loss, not only a killed process.
  bool durable = false;
};

struct WriteError {
  std::string path;     // relative to DIR ("" for DIR itself)
  std::string message;  // "is a symbolic link or not a directory", "Permission denied", ...
};

struct WriteResult {
  std::size_t written = 0;    // files created or replaced
  std::size_t unchanged = 0;  // files left untouched (a mode repair counts here, see mode_fixed)
  std::size_t mode_fixed = 0; // of the unchanged, those whose mode had to be corrected
  std::size_t removed = 0;    // stale files deleted
  bool manifest_written = false;
  std::vector<WriteError> errors;      // non-empty: the build failed
  std::vector<std::string> warnings;   // e.g. an unreadable previous manifest
  bool ok() const { return errors.empty(); }
};

// Makes `root` (created if missing) match `files`. Problems found before any write (bad or
// duplicate paths, a symlink or non-directory in the way, a target that is not a regular file)
// are returned with nothing touched. I/O failures during the write are returned with their
// path; the previous manifest is then kept, so the next run still knows what it owns.
WriteResult write_tree(const std::filesystem::path& root, std::vector<OutFile> files, const WriteOptions& opt = {});
// The same over files the caller keeps where they are (a build's device files stay in their
// per-device lists rather than being copied into one). Spooled hashes of in-memory files are
// filled in place.
WriteResult write_tree_of(const std::filesystem::path& root, const std::vector<OutFile*>& files,
                          const WriteOptions& opt = {});

// "DIR/path: message", for the driver's diagnostics.
std::string to_string(const WriteError& e, const std::filesystem::path& root);

}  // namespace phonec::output
