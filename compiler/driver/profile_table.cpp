#include "driver/profile_table.h"

#include <string_view>

namespace phonec::driver {

namespace {

void mix(std::size_t& h, std::size_t v) { h = (h ^ v) * 0x100000001b3ull; }

std::size_t hash_of(const dhcp::Value& v) {
  std::size_t h = 0xcbf29ce484222325ull;
  mix(h, static_cast<std::size_t>(v.kind));
  mix(h, std::hash<std::string_view>{}(v.text));
  for (const std::string& ip : v.ips) mix(h, std::hash<std::string_view>{}(ip));
  mix(h, static_cast<std::size_t>(v.integer));
  mix(h, v.boolean);
  mix(h, std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(v.bytes.data()), v.bytes.size())));
  for (const dhcp::SubOptionValue& s : v.sub_options) {
    mix(h, s.code);
    mix(h, hash_of(s.value));
  }
  return h;
}

bool same(const SourcedProfile& a, const SourcedProfile& b) { return a.options == b.options && a.uses == b.uses; }

}  // namespace

std::size_t hash_of(const SourcedProfile& p) {
  std::size_t h = p.options.size();
  for (const dhcp::OptionValue& o : p.options) {
    mix(h, o.code);
    mix(h, o.force);
    mix(h, hash_of(o.value));
  }
  for (const ast::OptionUse* u : p.uses) mix(h, reinterpret_cast<std::size_t>(u));
  return h;
}

std::shared_ptr<const SourcedProfile> ProfileTable::intern(SourcedProfile&& p, const sema::Model& model) {
  const std::size_t h = hash_of(p);
  {
    std::lock_guard lock(mutex_);
    if (auto it = by_hash_.find(h); it != by_hash_.end())
      for (const auto& q : it->second)
        if (same(*q, p)) return q;
  }
  // Made outside the lock (the other threads keep finding theirs meanwhile).
  p.model = model.name;
  p.source_model = &model;
  auto made = std::make_shared<const SourcedProfile>(std::move(p));
  std::lock_guard lock(mutex_);
  if (count_ >= max_) return made;
  // Another thread may have entered an equal one meanwhile: then that one is shared.
  auto& bucket = by_hash_[h];
  for (const auto& q : bucket)
    if (same(*q, *made)) return q;
  bucket.push_back(made);
  ++count_;
  return made;
}

std::size_t ProfileTable::size() const {
  std::lock_guard lock(mutex_);
  return count_;
}

}  // namespace phonec::driver
