#include "output/write_tree.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <optional>
#include <thread>
#include <string_view>
#include <unordered_set>

#include "output/dir_cache.h"
#include "output/fs_at.h"
#include "output/manifest.h"
#include "output/parallel.h"
#include "output/path_check.h"
#include "output/sha256.h"
#include "output/state_cache.h"

namespace phonec::output {
namespace {

constexpr mode_t kPublicMode = 0644;

enum class Action : std::uint8_t { Keep, Chmod, Write };

// Errors of a file that are not errno values.
constexpr int kIsSymlink = -1;
constexpr int kNotRegular = -2;
constexpr int kChangedMeanwhile = -3;

// One file of the build while it is written: a million of them live through the whole write, so
// the directory and base name are positions in the file's own path, and an error is its code.
struct Item {
  OutFile* file = nullptr;
  FileStamp stamp;   // the file's stat once this run is done with it
  int dirfd = -1;
  std::uint32_t base_at = 0;  // where the base name starts in file->path (0: at the top of DIR)
  int err = 0;       // an errno value or one of the codes above
  Action action = Action::Write;
  bool dir_missing = false;

  std::string_view path() const { return file->path; }
  std::string dir() const { return file->path.substr(0, base_at ? base_at - 1 : 0); }
  const char* base() const { return file->path.c_str() + base_at; }
  mode_t mode() const { return file_mode(file->secret); }
};

std::string error_text(int err) {
  switch (err) {
    case kIsSymlink: return "is a symbolic link; phonec does not replace it";
    case kNotRegular: return "exists and is not a regular file";
    case kChangedMeanwhile: return "changed while phonec was building; run the build again";
    default: return errno_text(err);
  }
}

// Whether `path` is one of the build's (items sorted by path).
bool in_build(const std::vector<Item>& items, std::string_view path) {
  auto it = std::lower_bound(items.begin(), items.end(), path,
                             [](const Item& a, std::string_view p) { return a.path() < p; });
  return it != items.end() && it->path() == path;
}

bool in_sorted(const std::vector<std::string_view>& sorted, std::string_view path) {
  return std::binary_search(sorted.begin(), sorted.end(), path);
}

// A thread's copy of a base name for the calls that take a std::string (no allocation per file).
const std::string& base_name(const Item& it) {
  thread_local std::string name;
  name.assign(it.base());
  return name;
}

class Reporter {
 public:
  Reporter(const std::function<void(const Progress&)>& cb, std::size_t total) : cb_(cb) { p_.total = total; }
  void add(bool written) {
    std::size_t done = done_.fetch_add(1, std::memory_order_relaxed) + 1;
    (written ? written_ : unchanged_).fetch_add(1, std::memory_order_relaxed);
    if (cb_ && done % 512 == 0) emit();
  }
  void emit() {
    if (!cb_) return;
    std::lock_guard lock(mu_);
    p_.done = done_.load();
    p_.written = written_.load();
    p_.unchanged = unchanged_.load();
    cb_(p_);
  }

 private:
  const std::function<void(const Progress&)>& cb_;
  std::mutex mu_;
  Progress p_;
  std::atomic<std::size_t> done_{0}, written_{0}, unchanged_{0};
};

// Renames the staged temporary file `tmp` to `name` (both in `dir`); its stat in `stamp`.
int place_staged(int dir, const std::string& tmp, const std::string& name, bool durable, FileStamp& stamp) {
  if (durable) {
    UniqueFd fd(::openat(dir, tmp.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd || ::fsync(fd.get()) != 0) return errno;
  }
  struct stat st;
  if (::renameat(dir, tmp.c_str(), dir, name.c_str()) != 0 || ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return errno;
  stamp = stamp_of(st);
  return 0;
}

// Validates the whole set before anything touches the disk; sorts it by path.
void validate(const std::vector<Item>& items, std::vector<WriteError>& errors) {
  std::unordered_set<std::string_view> dirs;  // views into the build's paths
  std::string_view last_parent;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& p = items[i].file->path;
    if (auto why = check_relative_path(p)) {
      errors.push_back({p, "output path " + *why});
      continue;
    }
    if (i > 0 && items[i - 1].file->path == p) {
      errors.push_back({p, "two files of the build have this path"});
      continue;
    }
    if (!is_valid_utf8(items[i].file->model)) errors.push_back({p, "device or model name is not valid UTF-8"});
    // Sorted order puts a directory's files together: its prefixes are inserted once.
    std::string_view parent(p.data(), std::min(p.size(), p.rfind('/') == std::string::npos ? 0 : p.rfind('/')));
    if (parent == last_parent) continue;
    last_parent = parent;
    for (auto slash = p.find('/'); slash != std::string::npos; slash = p.find('/', slash + 1))
      dirs.insert(std::string_view(p.data(), slash));
  }
  for (const Item& it : items)
    if (dirs.count(it.file->path)) errors.push_back({it.file->path, "is both a file and a directory in the build"});
}

// The paths DIR's previous builds own, and the stat cache if it can be trusted.
struct Previous {
  std::optional<StateCache> cache;
  bool clean = false;  // the last run finished: the cache matches manifest.json
  bool manifest_exists = false;
  // From the manifest (or the cache standing in for it), sorted: views of `owned_text` or of the
  // cache's text.
  std::vector<std::string_view> owned;
  std::vector<std::string> owned_text;
  std::optional<std::vector<std::string>> pending;  // a killed run's journal
};

Previous load_previous(int root, std::vector<std::string>& warnings) {
  Previous prev;
  const std::string manifest(kManifestName);
  struct stat st;
  prev.manifest_exists = ::fstatat(root, manifest.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
  prev.cache = read_state(root);
  if (prev.cache && prev.manifest_exists && S_ISREG(st.st_mode) && stamp_of(st) == prev.cache->manifest) {
    prev.clean = true;
    prev.owned.reserve(prev.cache->files.size());
    for (const auto& [path, f] : prev.cache->files) prev.owned.push_back(path);
  }
  if (!prev.clean && prev.manifest_exists) {
    std::string text;
    std::string why;
    int err = read_file_at(root, manifest, text);
    if (err) why = errno_text(err);
    auto paths = err ? std::nullopt : manifest_paths(text, why);
    if (paths) {
      prev.owned_text = std::move(*paths);
      prev.owned.assign(prev.owned_text.begin(), prev.owned_text.end());
    } else {
      warnings.push_back("previous manifest.json " + why + "; files of the previous build are not removed");
    }
  }
  std::sort(prev.owned.begin(), prev.owned.end());
  prev.owned.erase(std::unique(prev.owned.begin(), prev.owned.end()), prev.owned.end());
  prev.pending = read_pending(root);
  if (prev.pending) std::sort(prev.pending->begin(), prev.pending->end());
  return prev;
}

}  // namespace

std::string to_string(const WriteError& e, const std::filesystem::path& root) {
  std::filesystem::path p = e.path.empty() ? root : root / e.path;
  return p.string() + ": " + e.message;
}

WriteResult write_tree(const std::filesystem::path& root, std::vector<OutFile> files, const WriteOptions& opt) {
  std::vector<OutFile*> all(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) all[i] = &files[i];
  return write_tree_of(root, all, opt);
}

WriteResult write_tree_of(const std::filesystem::path& root, const std::vector<OutFile*>& files, const WriteOptions& opt) {
  WriteResult res;
  const unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());

  // Sorted as pointers (cheaper to move than items), then dropped.
  std::vector<OutFile*> order(files);
  std::sort(order.begin(), order.end(), [](const OutFile* a, const OutFile* b) { return a->path < b->path; });
  std::vector<Item> items(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) items[i].file = order[i];
  std::vector<OutFile*>().swap(order);
  validate(items, res.errors);
  if (!res.errors.empty()) return res;

  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  UniqueFd rootfd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!rootfd) {
    res.errors.push_back({"", errno_text(errno)});
    return res;
  }
  // Two builds into one DIR (make -j with two rules) must not interleave; the lock dies with us.
  while (::flock(rootfd.get(), LOCK_EX) != 0 && errno == EINTR) {
  }
  const mode_t umask_bits = process_umask();
  const int rootd = rootfd.get();

  Previous prev = load_previous(rootd, res.warnings);

  // Probe directories (no creation yet): a symlink or a file in the way is an error found before
  // any write.
  DirCache dirs(rootd, umask_bits);
  for (Item& it : items) {
    auto slash = it.file->path.rfind('/');
    it.base_at = slash == std::string::npos ? 0 : static_cast<std::uint32_t>(slash + 1);
    const std::string dir = it.dir();
    int err = dirs.open(dir, it.dirfd, false);
    if (err == ENOENT) {
      it.dir_missing = true;
    } else if (err) {
      // Name the component that is in the way (its own open fails first), once.
      std::string culprit = dir;
      for (auto slash = dir.find('/'); slash != std::string::npos; slash = dir.find('/', slash + 1)) {
        int fd;
        if (dirs.open(dir.substr(0, slash), fd, false) != 0) {
          culprit = dir.substr(0, slash);
          break;
        }
      }
      if (res.errors.empty() || res.errors.back().path != culprit) res.errors.push_back({culprit, dir_error_text(err)});
    }
  }
  if (!res.errors.empty()) return res;

  // Plan: hash every file and decide, per file, keep / chmod / write. Reads only.
  Reporter report(opt.progress, items.size());
  parallel_for(items.size(), jobs, [&](std::size_t i) {
    Item& it = items[i];
    const std::string& bytes = it.file->bytes;
    const bool sourced = !it.file->source_path.empty();
    // The bytes are in a spool or not at hand at all (a reused file): the hash comes with the file.
    const bool bytes_elsewhere = it.file->spool != nullptr || it.file->reuse;
    if (!sourced && !bytes_elsewhere) it.file->sha256 = sha256(bytes);
    if (it.dir_missing) return;
    struct stat st;
    if (::fstatat(it.dirfd, it.base(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno != ENOENT) it.err = errno;
      return;
    }
    if (!S_ISREG(st.st_mode)) {
      it.err = S_ISLNK(st.st_mode) ? kIsSymlink : kNotRegular;
      return;
    }
    FileStamp stamp = stamp_of(st);
    bool same = false;
    if (prev.cache) {
      char hex[Digest::kHexSize];
      it.file->sha256.hex_into(hex);
      const std::string_view sha_hex(hex, sizeof hex);
      auto c = prev.cache->files.find(it.file->path);
      same = c != prev.cache->files.end() && c->second.trusted && c->second.sha256 == sha_hex &&
             c->second.stamp == stamp;
    }
    if (!same && (sourced || bytes_elsewhere)) {
      // The previous build's link to the same source, or a copy with the verified checksum; a
      // spooled file is compared by hash (its bytes are not in memory).
      struct stat src;
      same = sourced && ::stat(it.file->source_path.c_str(), &src) == 0 && src.st_dev == st.st_dev &&
             src.st_ino == st.st_ino;
      if (!same && stamp.size == static_cast<std::int64_t>(it.file->size())) {
        Digest old_sha;
        same = with_mapped_file(it.dirfd, base_name(it), [&](std::string_view b) { old_sha = sha256(b); }) == 0 &&
               old_sha == it.file->sha256;
      }
    }
    if (!same && !sourced && !bytes_elsewhere)
      same = stamp.size == static_cast<std::int64_t>(bytes.size()) && same_bytes_at(it.dirfd, base_name(it), bytes);
    if (!same) return;
    it.stamp = stamp;
    // A hard link shares the source's inode: changing its mode would change the operator's file.
    it.action = sourced || (st.st_mode & 07777) == it.mode() ? Action::Keep : Action::Chmod;
    if (it.action == Action::Keep) report.add(false);
  });
  for (Item& it : items)
    if (it.file->reuse && it.action == Action::Write && !it.err) it.err = kChangedMeanwhile;
  for (const Item& it : items)
    if (it.err) res.errors.push_back({it.file->path, error_text(it.err)});
  if (!res.errors.empty()) return res;

  // What the previous builds own and this one does not (both lists sorted: looked up by bisection).
  const std::vector<std::string_view>& manifest_owned = prev.owned;
  std::vector<std::string> stale;
  for (std::string_view p : prev.owned)
    if (!in_build(items, p)) stale.emplace_back(p);
  if (prev.pending)
    for (const auto& p : *prev.pending)
      if (!in_build(items, p) && !in_sorted(manifest_owned, p)) stale.push_back(p);
  std::sort(stale.begin(), stale.end());
  stale.erase(std::unique(stale.begin(), stale.end()), stale.end());

  // The manifest is rendered in pieces, never whole (tens of MB at a large site): once to hash it
  // and compare it with the previous one, once more, identically, when it is written.
  const std::string manifest_name(kManifestName);
  auto render = [&](const std::function<void(std::string_view)>& sink) {
    // The hash and owner are printed here, one entry at a time (render_manifest_to is done with an
    // entry before it asks for the next).
    char hex[Digest::kHexSize];
    char owner[Owner::kMaxText];
    render_manifest_to(
        items.size(),
        [&](std::size_t i) {
          const Item& it = items[i];
          it.file->sha256.hex_into(hex);
          return ManifestEntry{it.file->path, it.file->size(), std::string_view(hex, sizeof hex),
                               static_cast<unsigned>(it.mode()), it.file->device.text(owner), it.file->model};
        },
        opt.manifest_extra, sink);
  };
  std::string manifest_sha;
  bool manifest_same = false;
  {
    Sha256 hash;
    // Without a trusted cache, the previous manifest is compared piece by piece as it renders.
    int err = ENOENT;
    if (!prev.clean && prev.manifest_exists) {
      bool same = true;
      std::size_t at = 0;
      err = with_mapped_file(rootd, manifest_name, [&](std::string_view old) {
        render([&](std::string_view piece) {
          hash.update(piece);
          same = same && old.substr(std::min(at, old.size()), piece.size()) == piece;
          at += piece.size();
        });
        manifest_same = same && at == old.size();
      });
    }
    // Not compared above (no file to compare with, or the cache holds the previous hash): hashed only.
    if (err) render([&](std::string_view piece) { hash.update(piece); });
    manifest_sha = hash.hex_digest();
    if (prev.clean) manifest_same = prev.cache->manifest_sha256 == manifest_sha;
  }

  bool any_change = !stale.empty() || !manifest_same || prev.pending.has_value();
  for (const Item& it : items) any_change = any_change || it.action != Action::Keep;

  bool wrote_pending = false;
  if (any_change || !prev.clean) {
    // From here on the tree may differ from the cache: drop it first, so a run killed below
    // leaves no cache claiming that a half-written tree is clean.
    if (prev.cache) ::unlinkat(rootd, std::string(kStateName).c_str(), 0);

    // Journal the paths this run creates before creating them: the build's paths the manifest does
    // not list, and a killed run's that are neither, merged in path order as they are written
    // (not gathered: a million paths).
    std::vector<std::string_view> carried;  // of the killed run's journal (sorted, as it is)
    if (prev.pending)
      for (const auto& p : *prev.pending)
        if (!in_sorted(manifest_owned, p) && !in_build(items, p)) carried.push_back(p);
    auto each_pending = [&](const std::function<bool(std::string_view)>& f) {
      std::size_t c = 0;
      for (const Item& it : items) {
        if (in_sorted(manifest_owned, it.path())) continue;
        for (; c < carried.size() && carried[c] < it.path(); ++c)
          if (!f(carried[c])) return false;
        if (!f(it.path())) return false;
      }
      for (; c < carried.size(); ++c)
        if (!f(carried[c])) return false;
      return true;
    };
    std::size_t pending_count = 0;
    bool pending_same = prev.pending.has_value();
    each_pending([&](std::string_view p) {
      pending_same = pending_same && pending_count < prev.pending->size() && (*prev.pending)[pending_count] == p;
      ++pending_count;
      return true;
    });
    pending_same = pending_same && pending_count == prev.pending->size();
    if (pending_count != 0 && !pending_same) {
      wrote_pending = true;
      if (int err = write_pending(rootd, each_pending, umask_bits)) {
        res.errors.push_back({std::string(kPendingName), errno_text(err)});
        return res;
      }
    }

    for (Item& it : items) {
      if (!it.dir_missing) continue;
      const std::string dir = it.dir();
      if (int err = dirs.open(dir, it.dirfd, true)) {
        it.err = err;
        if (res.errors.empty() || res.errors.back().path != dir) res.errors.push_back({dir, dir_error_text(err)});
      }
    }
    if (!res.errors.empty()) return res;

    // Temp files only exist if an earlier run was killed, and then the cache is gone.
    if (!prev.clean) {
      for (const auto& p : stale) {
        int fd;
        dirs.open(std::string(parent_of(p)), fd, false);
      }
      for (int fd : dirs.open_fds()) remove_temp_files(fd);
    }

    const AtomicWrite base_how{kPublicMode, umask_bits, opt.durable};
    parallel_for(items.size(), jobs, [&](std::size_t i) {
      Item& it = items[i];
      // A staged file kept (an equal file was already in place): its temporary file goes.
      if (it.file->staged && it.action != Action::Write) {
        ::unlinkat(it.dirfd, Spool::staged_name(it.file->spool_offset).c_str(), 0);
        it.file->spool->staged_placed(it.file->spool_offset);
      }
      if (it.action == Action::Keep) return;
      if (it.action == Action::Chmod) {
        if (::fchmodat(it.dirfd, it.base(), it.mode(), AT_SYMLINK_NOFOLLOW) != 0) {
          it.err = errno;
          return;
        }
        report.add(false);
        return;
      }
      AtomicWrite how = base_how;
      how.mode = it.mode();
      thread_local std::string spooled;
      thread_local std::string source;
      int err = 0;
      if (!it.file->source_path.empty()) {
        source.assign(it.file->source_path.view());
        err = link_or_copy_atomic(it.dirfd, base_name(it), source, how, &it.stamp);
      } else if (it.file->staged) {
        err = place_staged(it.dirfd, Spool::staged_name(it.file->spool_offset), base_name(it), opt.durable, it.stamp);
        if (!err) it.file->spool->staged_placed(it.file->spool_offset);
      } else if (it.file->spool) {
        err = it.file->spool->read(it.file->spool_offset, it.file->spool_size, spooled);
        if (!err) err = write_file_atomic(it.dirfd, base_name(it), spooled, how, &it.stamp);
      } else {
        err = write_file_atomic(it.dirfd, base_name(it), it.file->bytes, how, &it.stamp);
      }
      if (err) {
        it.err = err;
        return;
      }
      report.add(true);
    });
    for (const Item& it : items)
      if (it.err) res.errors.push_back({it.file->path, error_text(it.err)});
    if (!res.errors.empty()) return res;

    // Stale files, then the directories that held only them (deepest first; rmdir refuses a
    // directory that still holds anything, ours or the user's, and the root is never a candidate).
    std::vector<std::string> prune;
    for (const auto& p : stale) {
      int fd;
      const std::string dir(parent_of(p));
      int err = dirs.open(dir, fd, false);
      if (err == ENOENT) continue;
      if (err) {
        res.errors.push_back({p, "cannot remove: " + dir + " " + dir_error_text(err)});
        continue;
      }
      if (::unlinkat(fd, std::string(base_of(p)).c_str(), 0) == 0) {
        ++res.removed;
        for (std::string_view d = dir; !d.empty(); d = parent_of(d)) prune.emplace_back(d);
      } else if (errno == EISDIR) {
        res.warnings.push_back(p + " was written by an earlier build but is now a directory; left alone");
      } else if (errno != ENOENT) {
        res.errors.push_back({p, "cannot remove: " + errno_text(errno)});
      }
    }
    std::sort(prune.begin(), prune.end(), std::greater<>());
    prune.erase(std::unique(prune.begin(), prune.end()), prune.end());
    for (const auto& d : prune) {
      int pfd;
      if (dirs.open(std::string(parent_of(d)), pfd, false) == 0) ::unlinkat(pfd, std::string(base_of(d)).c_str(), AT_REMOVEDIR);
    }
    if (!res.errors.empty()) return res;

    if (opt.durable)
      for (int fd : dirs.open_fds()) ::fsync(fd);

    if (!manifest_same) {
      auto fill = [&](const Put& put) {
        int err = 0;
        render([&](std::string_view piece) {
          if (!err) err = put(piece);
        });
        return err;
      };
      if (int err = write_file_atomic_by(rootd, manifest_name, fill, AtomicWrite{kPublicMode, umask_bits, opt.durable},
                                         nullptr)) {
        res.errors.push_back({manifest_name, errno_text(err)});
        return res;
      }
      res.manifest_written = true;
    }
  }
  if (manifest_same && opt.touch_manifest)
    ::utimensat(rootd, manifest_name.c_str(), nullptr, AT_SYMLINK_NOFOLLOW);

  // The cache goes last: it vouches for manifest.json's stat, so it must see the final one.
  struct stat mst;
  bool cache_current = prev.clean && manifest_same && !opt.touch_manifest && !any_change;
  if (cache_current) {
    for (const Item& it : items) {
      auto c = prev.cache->files.find(it.file->path);
      if (c == prev.cache->files.end() || !c->second.trusted || !(c->second.stamp == it.stamp)) {
        cache_current = false;
        break;
      }
    }
    cache_current = cache_current && prev.cache->files.size() == items.size();
  }
  if (!cache_current && ::fstatat(rootd, manifest_name.c_str(), &mst, AT_SYMLINK_NOFOLLOW) == 0) {
    auto entry = [&](std::size_t i) { return StateEntry{items[i].file->path, &items[i].file->sha256, items[i].stamp}; };
    if (int err = write_state(rootd, stamp_of(mst), manifest_sha, items.size(), entry, umask_bits))
      res.warnings.push_back(std::string(kStateName) + ": " + errno_text(err));
  }
  if (prev.pending || wrote_pending) ::unlinkat(rootd, std::string(kPendingName).c_str(), 0);
  if (opt.durable) ::fsync(rootd);

  for (const Item& it : items) {
    if (it.action == Action::Write) ++res.written;
    else ++res.unchanged;
    if (it.action == Action::Chmod) ++res.mode_fixed;
  }
  report.emit();
  return res;
}

}  // namespace phonec::output
