// The few system calls the output stage makes, all relative to an open directory and none of them
// following a symbolic link: a link planted inside DIR can never redirect a write or an unlink.
#pragma once
#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output/unique_fd.h"

namespace phonec::output {

inline constexpr std::string_view kTempPrefix = ".phonec-tmp-";

// What the stat cache remembers about a file phonec wrote.
struct FileStamp {
  std::int64_t size = -1;
  std::int64_t mtime_ns = 0;
  std::uint64_t ino = 0;
  bool operator==(const FileStamp&) const = default;
};

FileStamp stamp_of(const struct stat& st);
// A file time (st_mtim, st_ctim) in nanoseconds since the epoch.
inline std::int64_t ns_of(const struct timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; }

// The process umask, read without changing it: umask(2) can only be read by setting it, which
// would race with other threads (an LSP process) creating files.
mode_t process_umask();

// "Permission denied" etc.
std::string errno_text(int err);

// Opens the directory `name` inside `parent` without following a symlink. Errors: ENOENT when it
// does not exist; ELOOP or ENOTDIR when it is a symlink or not a directory.
int open_dir_at(int parent, const std::string& name, UniqueFd& out);

// Creates (if missing) and opens `name` inside `parent`; a directory it creates gets mode 0755
// whatever the umask, because the TFTP and HTTP servers run as other users.
int make_dir_at(int parent, const std::string& name, mode_t umask_bits, UniqueFd& out);

// Reads the whole regular file `name` in `dir` (no symlink) into `out`, up to `limit` bytes plus
// one (so that a caller comparing sizes sees growth). Returns 0 or an errno value.
int read_file_at(int dir, const std::string& name, std::string& out, std::size_t limit = SIZE_MAX);

// Calls `use` with the whole content of the regular file `name` in `dir` (no symlink), mapped
// rather than read: a firmware image can be most of a gigabyte. Returns 0 or an errno value.
int with_mapped_file(int dir, const std::string& name, const std::function<void(std::string_view)>& use);

// True if `name` in `dir` is a regular file holding exactly `bytes`.
bool same_bytes_at(int dir, const std::string& name, std::string_view bytes);

struct AtomicWrite {
  mode_t mode = 0644;
  mode_t umask_bits = 022;  // the process umask, so fchmod runs only when it would change the mode
  bool durable = false;     // fsync the file before the rename
};

// Writes `bytes` to a fresh temporary file in `dir` (O_EXCL|O_NOFOLLOW), gives it its mode, then
// renames it over `name`, so a reader or a crash sees either the old or the new file, never a mix.
// Returns 0 or an errno value; `stamp` receives the new file's stat. No temp file is left behind.
int write_file_atomic(int dir, const std::string& name, std::string_view bytes, const AtomicWrite& how,
                      FileStamp* stamp);
// A sink for a file's bytes given in pieces: returns 0 or an errno value.
using Put = std::function<int(std::string_view)>;
// The same with the bytes produced in pieces by `fill`, which passes each one to `put` and
// returns 0 or the first error (put's or its own): nothing is written unless fill returns 0.
// The file is never held whole in memory.
int write_file_atomic_by(int dir, const std::string& name, const std::function<int(const Put&)>& fill,
                         const AtomicWrite& how, FileStamp* stamp);

// Places the regular file `source` (an absolute or cwd-relative path) at `name` in `dir`, atomically:
// a hard link when source and target share a file system (big firmware images are not copied),
// otherwise a copy with `how.mode`. A linked file keeps the source's inode and mode.
int link_or_copy_atomic(int dir, const std::string& name, const std::string& source, const AtomicWrite& how,
                        FileStamp* stamp);

// Creates `name` in `dir` (it must not exist) with `bytes` and `mode` (fchmod only when the umask
// would strip bits). Returns 0 or an errno value; on failure the file is gone.
int create_file_at(int dir, const std::string& name, std::string_view bytes, mode_t mode, mode_t umask_bits);

// Removes the temporary files a killed earlier run left in `dir`: those of a process that is
// still running (this one, or another build into the same folder) stay. Returns how many.
std::size_t remove_temp_files(int dir);

}  // namespace phonec::output
