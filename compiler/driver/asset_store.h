// An operator's directory of downloaded firmware images and language packs, and the check of one
// declared asset against it: found by file name (anywhere under the directory, the exact served
// path first) and verified by SHA-256.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sema/program.h"

namespace phonec::driver {

struct AssetCheck {
  enum class State { Ok, Unverified, Missing, Mismatch } state = State::Missing;
  std::filesystem::path file;  // the candidate found (for Mismatch: the one compared)
  std::string actual_sha256;
  std::uint64_t size = 0;
};

class AssetStore {
 public:
  // Indexes every regular file under `dir` by name. Returns false with `error` set when the
  // directory cannot be read.
  bool open(const std::filesystem::path& dir, std::string& error);
  AssetCheck check(const sema::Asset& a);

 private:
  std::filesystem::path root_;
  std::map<std::string, std::vector<std::filesystem::path>> by_name_;
  std::map<std::filesystem::path, std::pair<std::string, std::uint64_t>> hashed_;  // file -> sha256, size
  bool hash(const std::filesystem::path& f, std::string& sha, std::uint64_t& size);
};

const char* state_name(AssetCheck::State s);

}  // namespace phonec::driver
