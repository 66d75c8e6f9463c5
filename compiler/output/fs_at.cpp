#include "output/fs_at.h"

#include <dirent.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace phonec::output {

FileStamp stamp_of(const struct stat& st) {
  return FileStamp{static_cast<std::int64_t>(st.st_size), ns_of(st.st_mtim), static_cast<std::uint64_t>(st.st_ino)};
}

mode_t process_umask() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Umask:", 0) == 0) return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
  }
  mode_t m = ::umask(022);
  ::umask(m);
  return m;
}

std::string errno_text(int err) {
  char buf[256];
  // GNU strerror_r: returns the message, not always in buf.
  return ::strerror_r(err, buf, sizeof buf);
}

int open_dir_at(int parent, const std::string& name, UniqueFd& out) {
  int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return errno;
  out = UniqueFd(fd);
  return 0;
}

int make_dir_at(int parent, const std::string& name, mode_t umask_bits, UniqueFd& out) {
  bool created = ::mkdirat(parent, name.c_str(), 0755) == 0;
  if (!created && errno != EEXIST) return errno;
  if (int err = open_dir_at(parent, name, out)) return err;
  if (created && (umask_bits & 0755) != 0 && ::fchmod(out.get(), 0755) != 0) return errno;
  return 0;
}

int read_file_at(int dir, const std::string& name, std::string& out, std::size_t limit) {
  UniqueFd fd(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd) return errno;
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return errno;
  if (!S_ISREG(st.st_mode)) return EINVAL;  // a FIFO or device must never be read from
  out.clear();
  std::size_t want = static_cast<std::size_t>(st.st_size);
  if (want > limit) want = limit;
  out.resize(want + 1);
  std::size_t got = 0;
  for (;;) {
    if (got == out.size()) {
      if (out.size() > limit) break;
      out.resize(out.size() * 2);
    }
    ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return 0;
}

bool same_bytes_at(int dir, const std::string& name, std::string_view bytes) {
  std::string cur;
  if (read_file_at(dir, name, cur, bytes.size()) != 0) return false;
  return cur == bytes;
}

namespace {

std::atomic<unsigned long> g_temp_counter{0};

std::string temp_name() {
  return std::string(kTempPrefix) + std::to_string(::getpid()) + "-" +
         std::to_string(g_temp_counter.fetch_add(1, std::memory_order_relaxed));
}

int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

}  // namespace

namespace {

// Creates `name` in `dir` (EEXIST if it exists), its content from `write` (given the descriptor),
// with the mode, stamp and fsync `how` asks for; on any other failure the file is gone again.
int create_with(int dir, const std::string& name, const std::function<int(int)>& write, const AtomicWrite& how,
                FileStamp* stamp) {
  UniqueFd fd(::openat(dir, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, how.mode));
  if (!fd) return errno;
  auto fail = [&](int err) {
    fd.reset();
    ::unlinkat(dir, name.c_str(), 0);
    return err;
  };
  if (int err = write(fd.get())) return fail(err);
  if ((how.mode & how.umask_bits) != 0 && ::fchmod(fd.get(), how.mode) != 0) return fail(errno);
  if (stamp) {
    struct stat st;
    if (::fstat(fd.get(), &st) != 0) return fail(errno);
    *stamp = stamp_of(st);
  }
  if (how.durable && ::fsync(fd.get()) != 0) return fail(errno);
  if (fd.close_checked() != 0) return fail(errno);
  return 0;
}

// The temporary file (create_with), then the rename.
int write_atomic(int dir, const std::string& name, const std::function<int(int)>& write, const AtomicWrite& how,
                 FileStamp* stamp) {
  std::string tmp;
  int err = EEXIST;
  for (int attempt = 0; attempt < 100 && err == EEXIST; ++attempt) {
    tmp = temp_name();
    err = create_with(dir, tmp, write, how, stamp);
  }
  if (err) return err;
  if (::renameat(dir, tmp.c_str(), dir, name.c_str()) != 0) {
    err = errno;
    ::unlinkat(dir, tmp.c_str(), 0);
    return err;
  }
  return 0;
}

}  // namespace

int write_file_atomic(int dir, const std::string& name, std::string_view bytes, const AtomicWrite& how,
                      FileStamp* stamp) {
  return write_atomic(dir, name, [&](int fd) { return write_all(fd, bytes); }, how, stamp);
}

int write_file_atomic_by(int dir, const std::string& name, const std::function<int(const Put&)>& fill,
                         const AtomicWrite& how, FileStamp* stamp) {
  return write_atomic(
      dir, name,
      [&](int fd) {
        // Small pieces gather in a buffer: a manifest of a million lines is a few hundred writes.
        constexpr std::size_t kBuffer = 1 << 20;
        std::string buffer;
        buffer.reserve(kBuffer);
        const Put put = [&](std::string_view piece) {
          if (buffer.size() + piece.size() > kBuffer) {
            if (int err = write_all(fd, buffer)) return err;
            buffer.clear();
          }
          if (piece.size() >= kBuffer) return write_all(fd, piece);
          buffer.append(piece);
          return 0;
        };
        if (int err = fill(put)) return err;
        return write_all(fd, buffer);
      },
      how, stamp);
}

int with_mapped_file(int dir, const std::string& name, const std::function<void(std::string_view)>& use) {
  UniqueFd fd(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd) return errno;
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return errno;
  if (!S_ISREG(st.st_mode)) return EINVAL;
  std::size_t n = static_cast<std::size_t>(st.st_size);
  if (n == 0) {
    use(std::string_view());
    return 0;
  }
  void* map = ::mmap(nullptr, n, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (map == MAP_FAILED) return errno;
  use(std::string_view(static_cast<const char*>(map), n));
  ::munmap(map, n);
  return 0;
}

int link_or_copy_atomic(int dir, const std::string& name, const std::string& source, const AtomicWrite& how,
                        FileStamp* stamp) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string tmp = temp_name();
    if (::linkat(AT_FDCWD, source.c_str(), dir, tmp.c_str(), 0) != 0) {
      if (errno == EEXIST) continue;
      break;  // another file system, or links not allowed: copy
    }
    struct stat st;
    if (::fstatat(dir, tmp.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
        ::renameat(dir, tmp.c_str(), dir, name.c_str()) != 0) {
      int err = errno ? errno : EINVAL;
      ::unlinkat(dir, tmp.c_str(), 0);
      return err;
    }
    if (stamp) *stamp = stamp_of(st);
    return 0;
  }
  int werr = 0;
  if (int err = with_mapped_file(AT_FDCWD, source, [&](std::string_view bytes) {
        werr = write_file_atomic(dir, name, bytes, how, stamp);
      }))
    return err;
  return werr;
}

int create_file_at(int dir, const std::string& name, std::string_view bytes, mode_t mode, mode_t umask_bits) {
  return create_with(dir, name, [&](int fd) { return write_all(fd, bytes); }, AtomicWrite{mode, umask_bits, false}, nullptr);
}

namespace {

// Whether a temporary file's name (".phonec-tmp-PID-...") is a running process's.
bool of_live_process(const char* name) {
  const char* p = name + kTempPrefix.size();
  char* end = nullptr;
  long pid = std::strtol(p, &end, 10);
  if (end == p || *end != '-' || pid <= 0) return false;
  return pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

std::size_t remove_temp_files(int dir) {
  int dup = ::openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dup < 0) return 0;
  DIR* d = ::fdopendir(dup);
  if (!d) {
    ::close(dup);
    return 0;
  }
  std::vector<std::string> victims;
  while (struct dirent* e = ::readdir(d)) {
    if (std::strncmp(e->d_name, kTempPrefix.data(), kTempPrefix.size()) == 0 && !of_live_process(e->d_name))
      victims.emplace_back(e->d_name);
  }
  ::closedir(d);
  std::size_t removed = 0;
  for (const auto& v : victims) removed += ::unlinkat(dir, v.c_str(), 0) == 0;
  return removed;
}

}  // namespace phonec::output
