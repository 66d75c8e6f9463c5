// Where a build's rendered files wait between rendering and writing. Holding every file in memory
// until the writer runs costs the whole output tree in RAM (390 MB for 100,000 phones); the spool
// is an anonymous file instead: appended to while devices render (in parallel), read back one
// file at a time by the writer. It has no name, so it disappears with the process, even a killed
// one, and never shows up in the output tree.
#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <sys/types.h>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "output/unique_fd.h"

namespace phonec::output {

class Spool {
 public:
  // An anonymous file on the file system of `near` (the output folder or its nearest existing
  // ancestor), so that the page cache it uses is the one the output will use anyway. nullptr and
  // `error` set when no such file can be made.
  static std::unique_ptr<Spool> open(const std::filesystem::path& near, std::string& error);

  // Appends `bytes`; safe from several threads. Returns 0 or an errno value.
  int append(std::string_view bytes, std::uint64_t& offset);
  // Reads back `size` bytes at `offset` into `out`. Returns 0 or an errno value.
  int read(std::uint64_t offset, std::uint64_t size, std::string& out) const;

  // A second spool where this one is, owned by this one (it lives as long): for a file written
  // in pieces while other files append here, whose bytes must stay in one run. nullptr and
  // `error` set when none can be made. Safe from several threads.
  Spool* another(std::string& error);

  // Staging, for a first build (DIR missing or empty): a file then goes straight into a temporary
  // file in its own folder while the devices render, instead of into the spool, and the writer
  // only has to rename it into place (write_tree.h). Creating the files is most of a first build's
  // cost; this way it runs on the workers, alongside rendering, instead of after it all. false
  // (the spool is used) when DIR holds anything, or cannot be made.
  bool start_staging(const std::filesystem::path& root);
  // Writes `bytes` with `mode` as the temporary file for `path` (relative to DIR, checked here),
  // numbered `id`. false when not staging or the file cannot be staged: the caller spools it.
  // Safe from several threads.
  bool stage(const std::string& path, std::string_view bytes, mode_t mode, std::uint64_t& id);
  // The staged file `id`'s name in its folder.
  static std::string staged_name(std::uint64_t id);
  // The writer renamed staged file `id` into place, or removed it. Safe from several threads
  // (each id once).
  void staged_placed(std::uint64_t id) const;
  // The build's tree is written: the folders made for it stay.
  void staging_done();

  // Without staging_done(), the staged files that were not placed are removed, and so are the
  // folders made for them, DIR included, when they are left empty: a failed first build leaves
  // DIR as it found it.
  ~Spool();

 private:
  Spool(UniqueFd fd, std::filesystem::path dir);
  UniqueFd fd_;
  std::filesystem::path dir_;  // where it was made
  std::atomic<std::uint64_t> end_{0};
  std::mutex others_mu_;
  std::vector<std::unique_ptr<Spool>> others_;
  struct Staging;
  std::unique_ptr<Staging> staging_;
};

}  // namespace phonec::output
