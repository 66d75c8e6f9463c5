// One model's host profiles, interned: the hosts of equal option values and option lines point
// at one immutable profile (a site's devices of a model mostly have the same), from any thread.
#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "driver/emit_server.h"

namespace phonec::driver {

class ProfileTable {
 public:
  // A model whose values differ per device (a URL with the MAC in it) stops adding to the table
  // after `max_profiles`: those hosts keep a profile of their own, not one plus a table entry.
  explicit ProfileTable(std::size_t max_profiles = 4096) : max_(max_profiles) {}
  // The table's profile equal to `p` (options and uses), or `p` made shared, with the model's
  // name set (only then: most hosts' profiles are found, not made) and, below the limit, entered.
  // One table per model: `model` is the same at every call.
  std::shared_ptr<const SourcedProfile> intern(SourcedProfile&& p, const sema::Model& model);
  std::size_t size() const;

 private:
  std::size_t max_;
  mutable std::mutex mutex_;
  std::unordered_map<std::size_t, std::vector<std::shared_ptr<const SourcedProfile>>> by_hash_;
  std::size_t count_ = 0;
};

// Equal profiles (options and uses) hash equal.
std::size_t hash_of(const SourcedProfile& p);

}  // namespace phonec::driver
