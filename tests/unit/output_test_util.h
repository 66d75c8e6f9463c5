// Helpers shared by the output_*_test.cpp files: a temporary directory that removes itself, and
// small readers for asserting exact on-disk state.
#pragma once
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "tests/unit/temp_dir.h"

namespace phonec::output::testing {

using phonec::testing::TempDir;

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const std::filesystem::path& p, const std::string& bytes) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

inline struct stat lstat_of(const std::filesystem::path& p) {
  struct stat st {};
  ::lstat(p.c_str(), &st);
  return st;
}

// Every regular file under `root`, relative path -> bytes, symlinks not followed.
inline std::map<std::string, std::string> tree_of(const std::filesystem::path& root) {
  std::map<std::string, std::string> out;
  for (auto it = std::filesystem::recursive_directory_iterator(root); it != std::filesystem::recursive_directory_iterator(); ++it)
    if (it->is_regular_file() && !it->is_symlink()) out[std::filesystem::relative(it->path(), root).string()] = slurp(it->path());
  return out;
}

inline int count_temp_files(const std::filesystem::path& root) {
  int n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    n += e.path().filename().string().rfind(".phonec-tmp-", 0) == 0;
  return n;
}

// A RAM-backed place for tests that write thousands of files (the crash test): the semantics
// under SIGKILL are the same on any file system, and a slow disk would dominate the run time.
inline std::filesystem::path fast_temp_base() {
  std::error_code ec;
  if (std::filesystem::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0) return "/dev/shm";
  return std::filesystem::temp_directory_path();
}

// Restores the umask when a test that changed it ends, even on a failed assertion.
class UmaskGuard {
 public:
  explicit UmaskGuard(mode_t m) : old_(::umask(m)) {}
  ~UmaskGuard() { ::umask(old_); }

 private:
  mode_t old_;
};

}  // namespace phonec::output::testing
