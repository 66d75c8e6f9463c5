#include "output/spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

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
