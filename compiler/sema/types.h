// The checker's types. Primitive types are built in; enums, records and aliases come from
// declarations in stdlib/ (and models), so the inventory schema is written in the language.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/source.h"
#include "syntax/ast.h"

namespace phonec::sema {

struct RecordDef;
struct EnumDef;

enum class Prim {
  Bool, Int, Text,   // plain
  Label,             // shown on a display: subject to label limits and charset fitting
  Credential,        // user names: never transliterated
  Secret,            // passwords: never printed, files holding them are 0640
  Dial,              // [0-9*#+]
  Mac, IPv4, Host, Url, TimeZone, Locale,
  ModelRef,          // vendor.Model of a shipped or -I model
  KeyType,           // a declared key_type
  Enum, Record, List, Map, Any,
};

struct Type {
  Prim prim = Prim::Any;
  std::string name;  // as written (alias name) for messages
  bool has_min = false, has_max = false;
  std::int64_t min = 0, max = 0;
  const EnumDef* en = nullptr;
  const RecordDef* rec = nullptr;
  std::shared_ptr<const Type> elem;  // List/Map element

  bool is_text() const;  // any string-carried primitive
  bool is_scalar() const { return prim != Prim::Record && prim != Prim::List && prim != Prim::Map; }
  std::string describe() const;
};
using TypePtr = std::shared_ptr<const Type>;

TypePtr prim_type(Prim p);
std::optional<Prim> prim_by_name(const std::string& name);

struct FieldDef {
  std::string name;
  TypePtr type;
  bool optional = false;
  const ast::Expr* default_value = nullptr;
  Range range;
};

struct RecordDef {
  std::string name;
  Range range;
  const RecordDef* parent = nullptr;
  std::vector<FieldDef> fields;  // parent's fields first, so slots are shared with the parent
  int slot(const std::string& field) const;
  std::vector<std::string> field_names() const;
};

struct EnumDef {
  std::string name;
  Range range;
  std::vector<std::string> values;
  bool has(const std::string& v) const;
};

}  // namespace phonec::sema
