#include "sema/types.h"

#include <algorithm>

namespace phonec::sema {

static const std::pair<const char*, Prim> kPrims[] = {
    {"bool", Prim::Bool},         {"int", Prim::Int},       {"text", Prim::Text},
    {"label", Prim::Label},       {"credential", Prim::Credential}, {"secret", Prim::Secret},
    {"dial", Prim::Dial},         {"mac", Prim::Mac},       {"ipv4", Prim::IPv4},
    {"host", Prim::Host},         {"url", Prim::Url},       {"timezone", Prim::TimeZone},
    {"locale", Prim::Locale},     {"model", Prim::ModelRef}, {"key_type", Prim::KeyType},
    {"any", Prim::Any},
};

std::optional<Prim> prim_by_name(const std::string& name) {
  for (auto& [n, p] : kPrims)
    if (name == n) return p;
  return std::nullopt;
}

TypePtr prim_type(Prim p) {
  auto t = std::make_shared<Type>();
  t->prim = p;
  for (auto& [n, q] : kPrims)
    if (q == p) t->name = n;
  return t;
}

bool Type::is_text() const {
  switch (prim) {
    case Prim::Text: case Prim::Label: case Prim::Credential: case Prim::Secret: case Prim::Dial:
    case Prim::Mac: case Prim::IPv4: case Prim::Host: case Prim::Url: case Prim::TimeZone:
    case Prim::Locale: case Prim::ModelRef: case Prim::KeyType: case Prim::Enum:
      return true;
    default:
      return false;
  }
}

std::string Type::describe() const {
  switch (prim) {
    case Prim::List: return "[" + (elem ? elem->describe() : std::string("any")) + "]";
    case Prim::Map: return "map of " + (elem ? elem->describe() : std::string("any"));
    case Prim::Record: return rec ? "record " + rec->name : "record";
    case Prim::Enum: return en ? "enum " + en->name : "enum";
    case Prim::Int:
      if (has_min || has_max)
        return "int " + (has_min ? std::to_string(min) : std::string()) + ".." + (has_max ? std::to_string(max) : std::string());
      return name.empty() ? "int" : name;
    default: return name.empty() ? "value" : name;
  }
}

int RecordDef::slot(const std::string& field) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == field) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> RecordDef::field_names() const {
  std::vector<std::string> out;
  for (auto& f : fields) out.push_back(f.name);
  return out;
}

bool EnumDef::has(const std::string& v) const { return std::find(values.begin(), values.end(), v) != values.end(); }

}  // namespace phonec::sema
