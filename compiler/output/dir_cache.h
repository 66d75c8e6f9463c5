// Directories under DIR, opened component by component with O_NOFOLLOW from the root's fd and
// kept open: each file is then written with one openat relative to its directory's fd, and no
// path is ever resolved through a symlink that someone planted inside the tree.
#pragma once
#include <sys/types.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "output/unique_fd.h"

namespace phonec::output {

class DirCache {
 public:
  DirCache(int root, mode_t umask_bits) : root_(root), umask_(umask_bits) {}

  // Opens `dir` ("" is the root; else a checked relative path). With `create`, missing
  // directories are made (mode 0755). Returns 0 and sets `fd`, or an errno value: ENOENT (missing,
  // without `create`), ELOOP or ENOTDIR (a component is a symlink or not a directory).
  // Not thread-safe: all directories are opened before the parallel phases start.
  int open(const std::string& dir, int& fd, bool create);

  // The fds of every directory opened so far, root included.
  std::vector<int> open_fds() const;
  // The paths of the directories opened so far (root excluded), deepest first.
  std::vector<std::string> open_paths() const;

 private:
  struct Entry {
    int err = 0;
    UniqueFd fd;
  };
  int root_;
  mode_t umask_;
  std::unordered_map<std::string, Entry> map_;
};

// Human text for the errno values DirCache::open returns.
std::string dir_error_text(int err);

}  // namespace phonec::output
