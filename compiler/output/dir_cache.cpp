#include "output/dir_cache.h"

#include <algorithm>
#include <cerrno>
#include <functional>

#include "output/fs_at.h"

namespace phonec::output {

int DirCache::open(const std::string& dir, int& fd, bool create) {
  fd = -1;
  if (dir.empty()) {
    fd = root_;
    return 0;
  }
  if (auto it = map_.find(dir); it != map_.end()) {
    // A cached "missing" is retried when the caller now wants it created.
    if (!(create && it->second.err == ENOENT)) {
      fd = it->second.fd.get();
      return it->second.err;
    }
  }
  auto slash = dir.rfind('/');
  std::string parent = slash == std::string::npos ? std::string() : dir.substr(0, slash);
  std::string name = slash == std::string::npos ? dir : dir.substr(slash + 1);
  int pfd = -1;
  Entry e;
  e.err = open(parent, pfd, create);
  if (e.err == 0) e.err = create ? make_dir_at(pfd, name, umask_, e.fd) : open_dir_at(pfd, name, e.fd);
  int err = e.err;
  fd = e.fd.get();
  map_[dir] = std::move(e);
  return err;
}

std::vector<int> DirCache::open_fds() const {
  std::vector<int> fds{root_};
  for (const auto& [path, e] : map_)
    if (e.err == 0) fds.push_back(e.fd.get());
  return fds;
}

std::vector<std::string> DirCache::open_paths() const {
  std::vector<std::string> paths;
  for (const auto& [path, e] : map_)
    if (e.err == 0) paths.push_back(path);
  // A folder sorts before what it holds: reversed, what it holds comes first.
  std::sort(paths.begin(), paths.end(), std::greater<>());
  return paths;
}

std::string dir_error_text(int err) {
  if (err == ELOOP || err == ENOTDIR) return "is a symbolic link or not a directory; nothing is written through it";
  return errno_text(err);
}

}  // namespace phonec::output
