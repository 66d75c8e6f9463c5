#include "sema/value.h"

namespace phonec::sema {

bool Value::truthy() const {
  switch (kind) {
    case Kind::None: return false;
    case Kind::Bool: return b;
    case Kind::Int: return i != 0;
    case Kind::Str: return !s.empty();
    case Kind::List: return list && !list->empty();
    case Kind::Map: return map && !map->empty();
    case Kind::Record: return true;
  }
  return false;
}

std::string Value::to_text() const {
  switch (kind) {
    case Kind::Bool: return b ? "1" : "0";
    case Kind::Int: return std::to_string(i);
    case Kind::Str: return s;
    default: return {};
  }
}

const Value* Value::field(int slot) const {
  if (kind != Kind::Record || !rec || slot < 0 || static_cast<std::size_t>(slot) >= rec->fields.size()) return nullptr;
  return &rec->fields[static_cast<std::size_t>(slot)];
}

}  // namespace phonec::sema
