#include "output/spool.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "output/dir_cache.h"
#include "output/fs_at.h"
#include "output/path_check.h"

namespace phonec::output {

namespace {

// O_TMPFILE where the file system has it; else a named file unlinked at once.
int anonymous_file_in(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) return -1;
  std::string tmpl = (dir / ".phonec-spool-XXXXXX").string();
  fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(tmpl.c_str());
  return fd;
}

}  // namespace

struct Spool::Staging {
  UniqueFd root;
  std::vector<std::filesystem::path> made;  // DIR and the ancestors made for it, deepest first
  mode_t umask_bits = 022;
  DirCache dirs;
  std::mutex mu;
  // Per staged file, its folder's fd (one of dirs'); -1 once placed or if it failed. Written by
  // the workers under mu while staging, then by the writer's threads, each its own entries.
  mutable std::vector<int> folder;
  bool done = false;
  Staging(UniqueFd r, std::vector<std::filesystem::path> m, mode_t u)
      : root(std::move(r)), made(std::move(m)), umask_bits(u), dirs(root.get(), u) {}
};

Spool::Spool(UniqueFd fd, std::filesystem::path dir) : fd_(std::move(fd)), dir_(std::move(dir)) {}

Spool::~Spool() {
  if (!staging_ || staging_->done) return;
  Staging& st = *staging_;
  for (std::uint64_t id = 0; id < st.folder.size(); ++id)
    if (st.folder[id] >= 0) ::unlinkat(st.folder[id], staged_name(id).c_str(), 0);
  // rmdir refuses a folder that holds anything, ours or not.
  for (const std::string& d : st.dirs.open_paths()) ::unlinkat(st.root.get(), d.c_str(), AT_REMOVEDIR);
  for (const auto& d : st.made) ::rmdir(d.c_str());
}

bool Spool::start_staging(const std::filesystem::path& root) {
  std::error_code ec;
  std::vector<std::filesystem::path> made;
  auto unmake = [&] {
    for (const auto& d : made) ::rmdir(d.c_str());
    return false;
  };
  const std::filesystem::path abs = std::filesystem::absolute(root, ec);
  if (ec) return false;
  if (std::filesystem::exists(abs, ec)) {
    if (!std::filesystem::is_directory(abs, ec) || !std::filesystem::is_empty(abs, ec) || ec) return false;
  } else {
    std::vector<std::filesystem::path> missing;
    for (auto p = abs; !p.empty() && !std::filesystem::exists(p, ec); p = p.parent_path()) {
      missing.push_back(p);
      if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      if (::mkdir(it->c_str(), 0755) != 0) break;
      made.insert(made.begin(), *it);
    }
    if (made.size() != missing.size()) return unmake();
  }
  UniqueFd r(::open(abs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!r) return unmake();
  staging_ = std::make_unique<Staging>(std::move(r), std::move(made), process_umask());
  return true;
}

std::string Spool::staged_name(std::uint64_t id) {
  static const std::string prefix = std::string(kTempPrefix) + std::to_string(::getpid()) + "-s";
  return prefix + std::to_string(id);
}

bool Spool::stage(const std::string& path, std::string_view bytes, mode_t mode, std::uint64_t& id) {
  if (!staging_ || check_relative_path(path)) return false;
  Staging& st = *staging_;
  const std::string dir(parent_of(path));
  int folder = -1;
  {
    std::lock_guard lock(st.mu);
    if (st.dirs.open(dir, folder, true) != 0) return false;
    id = st.folder.size();
    st.folder.push_back(folder);
  }
  if (create_file_at(folder, staged_name(id), bytes, mode, st.umask_bits) == 0) return true;
  std::lock_guard lock(st.mu);
  st.folder[id] = -1;
  return false;
}

void Spool::staged_placed(std::uint64_t id) const { staging_->folder[id] = -1; }

void Spool::staging_done() {
  if (staging_) staging_->done = true;
}

std::unique_ptr<Spool> Spool::open(const std::filesystem::path& near, std::string& error) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(near, ec);
  while (!dir.empty() && !std::filesystem::is_directory(dir, ec)) {
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  int fd = anonymous_file_in(dir);
  if (fd < 0) {
    // Nothing can be created there (a read-only file system): the system's temp folder.
    const char* tmp = std::getenv("TMPDIR");
    dir = tmp && *tmp ? tmp : "/tmp";
    fd = anonymous_file_in(dir);
  }
  if (fd < 0) {
    error = std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<Spool>(new Spool(UniqueFd(fd), dir));
}

Spool* Spool::another(std::string& error) {
  std::unique_ptr<Spool> s = open(dir_, error);
  if (!s) return nullptr;
  std::lock_guard lock(others_mu_);
  others_.push_back(std::move(s));
  return others_.back().get();
}

int Spool::append(std::string_view bytes, std::uint64_t& offset) {
  offset = end_.fetch_add(bytes.size(), std::memory_order_relaxed);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t k = ::pwrite(fd_.get(), bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (k < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<std::size_t>(k);
  }
  return 0;
}

int Spool::read(std::uint64_t offset, std::uint64_t size, std::string& out) const {
  out.resize(size);
  std::size_t done = 0;
  while (done < size) {
    ssize_t k = ::pread(fd_.get(), out.data() + done, size - done, static_cast<off_t>(offset + done));
    if (k < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (k == 0) return EIO;  // the spool is shorter than what was appended: never expected
    done += static_cast<std::size_t>(k);
  }
  return 0;
}

}  // namespace phonec::output
