// Runtime values: inventory data after checking, and what content expressions evaluate to.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diag/source.h"

namespace phonec::sema {

struct RecordDef;
struct Value;
using ValueList = std::vector<Value>;
using ValueMap = std::map<std::string, Value, std::less<>>;

struct RecordValue {
  const RecordDef* def = nullptr;
  std::vector<Value> fields;  // by slot; None when absent
  std::vector<bool> present;  // set explicitly (vs absent), by slot
};

// What a text value is for: labels may be shortened or transliterated to fit a display and a
// charset; credentials and secrets never are (an unencodable one is an error).
enum class TextRole : std::uint8_t { Plain, Label, Credential, Secret };

struct Value {
  enum class Kind : std::uint8_t { None, Bool, Int, Str, List, Record, Map };
  // Field order keeps the struct at 104 bytes (the range fills the gap after the four flags):
  // a device holds some hundred of these.
  Kind kind = Kind::None;
  bool secret = false;  // derived from a secret field: never printed; files carrying it are 0640
  TextRole role = TextRole::Plain;
  bool b = false;
  Range range;  // where the value was written (inventory or model)
  std::int64_t i = 0;
  std::string s;
  std::shared_ptr<const ValueList> list;
  std::shared_ptr<const RecordValue> rec;
  std::shared_ptr<const ValueMap> map;

  static Value none(Range r = {}) { Value v; v.range = r; return v; }
  static Value boolean(bool x, Range r = {}) { Value v; v.kind = Kind::Bool; v.b = x; v.range = r; return v; }
  static Value integer(std::int64_t x, Range r = {}) { Value v; v.kind = Kind::Int; v.i = x; v.range = r; return v; }
  static Value str(std::string x, Range r = {}) { Value v; v.kind = Kind::Str; v.s = std::move(x); v.range = r; return v; }
  bool is_none() const { return kind == Kind::None; }
  bool truthy() const;
  // A scalar as text ("1", "true", the string itself); empty for None.
  std::string to_text() const;
  const Value* field(int slot) const;
};
static_assert(sizeof(Value) <= 104, "a Value grew: devices hold hundreds of them");

}  // namespace phonec::sema
