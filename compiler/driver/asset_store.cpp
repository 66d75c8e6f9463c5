#include "driver/asset_store.h"

#include <fcntl.h>
#include <algorithm>

#include "output/fs_at.h"
#include "output/sha256.h"

namespace phonec::driver {
namespace fs = std::filesystem;

bool AssetStore::open(const fs::path& dir, std::string& error) {
  std::error_code ec;
  root_ = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(root_, ec)) {
    error = "'" + dir.string() + "' is not a readable directory";
    return false;
  }
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    // Symbolic links are followed when they lead to regular files: a mirror script may use them.
    if (it->is_regular_file(ec)) by_name_[it->path().filename().string()].push_back(it->path());
  }
  if (ec) {
    error = "cannot read '" + dir.string() + "': " + ec.message();
    return false;
  }
  for (auto& [_, v] : by_name_) std::sort(v.begin(), v.end());
  return true;
}

bool AssetStore::hash(const fs::path& f, std::string& sha, std::uint64_t& size) {
  auto it = hashed_.find(f);
  if (it == hashed_.end()) {
    // Through the canonical path: the output stage links the file itself, never a symlink.
    std::error_code ec;
    fs::path real = fs::canonical(f, ec);
    if (ec) return false;
    std::string digest;
    std::uint64_t n = 0;
    if (output::with_mapped_file(AT_FDCWD, real.string(), [&](std::string_view b) {
          digest = output::sha256_hex(b);
          n = b.size();
        }) != 0)
      return false;
    it = hashed_.emplace(f, std::make_pair(digest, static_cast<std::uint64_t>(n))).first;
  }
  sha = it->second.first;
  size = it->second.second;
  return true;
}

AssetCheck AssetStore::check(const sema::Asset& a) {
  AssetCheck out;
  std::string name = a.path.substr(a.path.rfind('/') + 1);
  std::vector<fs::path> candidates;
  std::error_code ec;
  fs::path exact = root_ / a.path;
  if (fs::is_regular_file(exact, ec)) candidates.push_back(exact);
  if (auto it = by_name_.find(name); it != by_name_.end())
    for (const fs::path& p : it->second)
      if (p != exact) candidates.push_back(p);
  for (const fs::path& c : candidates) {
    std::string sha;
    std::uint64_t size = 0;
    if (!hash(c, sha, size)) continue;
    bool size_ok = a.size < 0 || static_cast<std::uint64_t>(a.size) == size;
    bool sha_ok = a.sha256.empty() || a.sha256 == sha;
    if (size_ok && sha_ok) {
      out.state = a.sha256.empty() ? AssetCheck::State::Unverified : AssetCheck::State::Ok;
      out.file = fs::canonical(c, ec);
      out.actual_sha256 = sha;
      out.size = size;
      return out;
    }
    if (out.state == AssetCheck::State::Missing) {  // the first candidate is the one reported
      out.state = AssetCheck::State::Mismatch;
      out.file = c;
      out.actual_sha256 = sha;
      out.size = size;
    }
  }
  return out;
}

const char* state_name(AssetCheck::State s) {
  switch (s) {
    case AssetCheck::State::Ok: return "ok";
    case AssetCheck::State::Unverified: return "unverified";
    case AssetCheck::State::Missing: return "missing";
    case AssetCheck::State::Mismatch: return "mismatch";
  }
  return "?";
}

}  // namespace phonec::driver
