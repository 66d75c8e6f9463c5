#include "sema/name_slots.h"

#include <map>
#include <mutex>

namespace phonec::sema::names {

int table_id(std::string_view name) {
  // Called while content is checked and model environments are made, not per device. Ids only
  // grow: a program loaded later (the language server) gets new ones for new names.
  static std::mutex mu;
  static std::map<std::string, int, std::less<>> ids;
  std::lock_guard lock(mu);
  auto it = ids.find(name);
  if (it == ids.end()) it = ids.emplace(std::string(name), static_cast<int>(ids.size())).first;
  return it->second;
}

}  // namespace phonec::sema::names
