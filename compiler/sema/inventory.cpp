#include "sema/inventory.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "output/parallel.h"
#include "sema/symbols.h"
#include "syntax/json.h"
#include "syntax/suggest.h"
#include "text/mac.h"
#include "text/utf8.h"
#include "tz/zone_rule.h"

namespace phonec::sema {

std::optional<std::string> normalize_mac(std::string_view s) {
  // The twelve digits are gathered and written into one buffer (every device has a MAC).
  char hex[12];
  if (s.size() == 12) {
    std::copy(s.begin(), s.end(), hex);
  } else if (s.size() == 17) {
    char sep = s[2];
    if (sep != ':' && sep != '-') return std::nullopt;
    for (std::size_t i = 0, k = 0; i < 17; ++i) {
      if (i % 3 == 2) {
        if (s[i] != sep) return std::nullopt;
      } else {
        hex[k++] = s[i];
      }
    }
  } else {
    return std::nullopt;
  }
  char out[17];
  for (std::size_t i = 0, k = 0; i < 12; ++i) {
    char c = hex[i];
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c + 32);
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    if (i && i % 2 == 0) out[k++] = ':';
    out[k++] = c;
  }
  return std::string(out, sizeof out);
}

bool valid_ipv4(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 4) v = v * 10 + (s[i++] - '0');
    std::size_t len = i - start;
    if (len == 0 || len > 3 || v > 255 || (len > 1 && s[start] == '0')) return false;
    ++parts;
    if (i == s.size()) break;
    if (s[i] != '.' || parts == 4) return false;
    ++i;
  }
  return parts == 4;
}

bool valid_host(std::string_view s) {
  if (valid_ipv4(s)) return true;
  if (s.empty() || s.size() > 253) return false;
  std::size_t label = 0;
  bool all_digits_or_dots = true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      if (label == 0 || s[i - 1] == '-') return false;
      label = 0;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && label == 0) || ++label > 63) return false;
    if (!(c >= '0' && c <= '9')) all_digits_or_dots = false;
  }
  return label > 0 && s.back() != '-' && !all_digits_or_dots;
}

namespace {

bool valid_url(std::string_view s) {
  static const std::string_view schemes[] = {"http://", "https://", "tftp://", "ftp://", "ftps://"};
  for (auto sc : schemes) {
    if (s.rfind(sc, 0) != 0) continue;
    std::string_view rest = s.substr(sc.size());
    std::string_view hostport = rest.substr(0, rest.find('/'));
    auto at = hostport.rfind('@');
    if (at != std::string_view::npos) hostport = hostport.substr(at + 1);
    std::string_view host = hostport, port;
    if (auto c = hostport.rfind(':'); c != std::string_view::npos) {
      host = hostport.substr(0, c);
      port = hostport.substr(c + 1);
      if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) ||
          std::stoi(std::string(port)) > 65535 || std::stoi(std::string(port)) == 0)
        return false;
    }
    if (!valid_host(host)) return false;
    for (char c : rest)
      if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`' || c == '{' || c == '}' || c == '|' || c == '^')
        return false;
    return true;
  }
  return false;
}

bool valid_locale(std::string_view s) {
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (s.size() == 2) return lower(s[0]) && lower(s[1]);
  if (s.size() == 5) return lower(s[0]) && lower(s[1]) && s[2] == '_' && upper(s[3]) && upper(s[4]);
  return false;
}

bool valid_dial(std::string_view s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '*' || c == '#' || c == '+'; });
}

// A field's name as messages show it ("lines[0].sip.port"): a chain of the enclosing names kept
// on the stack, joined into a string only when a message needs it.
class Path {
 public:
  Path(const std::string& root) : root_(root) {}  // NOLINT: implicit, a name written whole
  Path(const char* root) : root_(root) {}          // NOLINT
  Path(const Path& parent, std::string_view key) : parent_(&parent), root_(key) {}
  Path(const Path& parent, std::size_t index) : parent_(&parent), index_(index) {}
  std::string str() const {
    if (!parent_) return std::string(root_);
    std::string p = parent_->str();
    if (index_ != kNoIndex) return p + "[" + std::to_string(index_) + "]";
    return p.empty() ? std::string(root_) : p + "." + std::string(root_);
  }

 private:
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
  const Path* parent_ = nullptr;
  std::string_view root_;  // the whole name, or the member's key below parent_
  std::size_t index_ = kNoIndex;
};

// Field slots by name for the records an inventory's devices hold: each JSON member compares
// its key only with the field names of its length (one or two) instead of with every field
// name. Read-only once built.
class SlotIndex {
 public:
  void add(const RecordDef* def) {
    if (!def || find(*def)) return;
    ByLength& t = tables_.emplace_back(def, ByLength{}).second;
    for (std::size_t i = 0; i < def->fields.size(); ++i) {
      const std::string& name = def->fields[i].name;
      if (name.size() >= t.size()) t.resize(name.size() + 1);
      t[name.size()].emplace_back(name, static_cast<int>(i));  // in slot order: the first wins
    }
    for (const FieldDef& f : def->fields)
      for (const Type* ty = f.type.get(); ty; ty = ty->elem.get())
        if (ty->prim == Prim::Record) add(ty->rec);
  }
  // RecordDef::slot(key).
  int slot(const RecordDef& def, const std::string& key) const {
    const ByLength* t = find(def);
    if (!t) return def.slot(key);
    if (key.size() >= t->size()) return -1;
    for (const auto& [name, slot] : (*t)[key.size()])
      if (std::memcmp(name.data(), key.data(), key.size()) == 0) return slot;
    return -1;
  }

 private:
  // By name length: the names (views of the RecordDef's) with their slots.
  using ByLength = std::vector<std::vector<std::pair<std::string_view, int>>>;
  const ByLength* find(const RecordDef& def) const {
    for (const auto& [d, t] : tables_)
      if (d == &def) return &t;
    return nullptr;
  }
  std::vector<std::pair<const RecordDef*, ByLength>> tables_;
};

// Converts inventory data (JSON values or .phone properties) into typed Values.
class Converter {
 public:
  explicit Converter(Program& prog) : prog_(prog), diags_(prog.diags) {}
  Converter(Program& prog, Diagnostics& diags) : prog_(prog), diags_(diags) {}
  // Strings come from json::parse() of a file's text, which let only well-formed UTF-8 through
  // (escapes included): scalar() need not check it again.
  void set_utf8_checked() { utf8_checked_ = true; }
  // Slots looked up in `index` (else by RecordDef::slot).
  void set_slots(const SlotIndex* index) { slots_ = index; }
  // The JSON tree given to from_json() is the caller's to discard: its strings are moved into
  // the values instead of copied.
  void set_tree_disposable() { disposable_ = true; }

  // A string for a text-carried primitive; validation per type. `field` names the field in messages.
  // `take`: the string `raw` is, when the caller lets it be moved from (see set_tree_disposable).
  Value scalar(const Type& t, const std::string& raw, Range r, const Path& path, std::string* take = nullptr) {
    Value v;
    scalar_into(v, t, raw, r, path, take);
    return v;
  }

  // scalar() written into `out`, which must be a default-constructed Value (no temporary moved
  // into place).
  void scalar_into(Value& out, const Type& t, const std::string& raw, Range r, const Path& path, std::string* take = nullptr) {
    bool secret = t.prim == Prim::Secret;
    // The written value (inside its quotes) is masked wherever a diagnostic shows its line.
    if (secret && r.end > r.begin + 1) prog_.sm.add_secret(Range{r.file, r.begin + 1, r.end - 1});
    if (auto bad = utf8_checked_ ? std::nullopt : text::find_invalid_utf8(raw)) {
      error(r, "invalid-utf8", "invalid UTF-8 in '" + path.str() + "' at byte " + std::to_string(*bad));
      out = Value::none(r);
      return;
    }
    if (auto fc = text::find_forbidden_char(raw)) {
      const std::string field = path.str();
      error(r, "control-character", fc->name + " is not allowed in '" + field + "'" +
                                        (secret ? std::string() : " (at character " + std::to_string(char_index(raw, fc->offset)) + ")"));
      out = Value::none(r);
      return;
    }
    // The text is built in `out` itself (default-constructed: its string is empty); `raw` is not
    // read again once it may have given its text away.
    std::string& s = out.s;
    if (take && text::is_nfc(raw)) s = std::move(*take);
    else s = text::to_nfc(raw);
    auto bad = [&](const std::string& what) {
      // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "'" + a temporary.
      std::string msg = "'";
      msg.append(path.str()).append("' must be ").append(what);
      if (!secret) msg.append(", got \"").append(s).append("\"");
      error(r, "bad-value", msg);
      out = Value::none(r);
      return;
    };
    switch (t.prim) {
      case Prim::Mac: {
        auto m = normalize_mac(s);
        if (!m) return bad("a MAC address (001565aabbcc, 00:15:65:aa:bb:cc or 00-15-65-aa-bb-cc)");
        s = std::move(*m);
        break;
      }
      case Prim::IPv4:
        if (!valid_ipv4(s)) return bad("an IPv4 address");
        break;
      case Prim::Host:
        if (!valid_host(s)) return bad("a host name or IPv4 address");
        break;
      case Prim::Url:
        if (!valid_url(s)) return bad("a URL (http://, https:// or tftp:// with a valid host)");
        break;
      case Prim::Dial:
        if (!valid_dial(s)) return bad("a dial string (digits, *, # and +)");
        break;
      case Prim::Locale:
        if (!valid_locale(s)) return bad("a locale such as fr_FR or en_US");
        break;
      case Prim::TimeZone: {
        std::string err;
        if (!tz::derive(s, err)) {
          error(r, "unknown-timezone", err);
          out = Value::none(r);
          return;
        }
        break;
      }
      case Prim::ModelRef:
        if (s.find('.') == std::string::npos || s.find('/') != std::string::npos)
          return bad("a model name such as yealink.T46S");
        break;
      case Prim::KeyType:
        if (!prog_.key_types.count(s)) {
          std::vector<std::string> names;
          for (auto& [n, _] : prog_.key_types) names.push_back(n);
          std::string msg = "unknown key type '" + s + "' in '" + path.str() + "'";
          msg += suggestion(s, names);
          error(r, "unknown-key-type", msg);
          out = Value::none(r);
          return;
        }
        break;
      case Prim::Enum:
        if (t.en && !t.en->has(s)) {
          std::string allowed;
          for (auto& v : t.en->values) allowed += (allowed.empty() ? "" : ", ") + v;
          std::string msg = "'" + path.str() + "' must be one of " + allowed + ", got \"" + s + "\"";
          msg += suggestion(s, t.en->values);
          error(r, "bad-value", msg);
          out = Value::none(r);
          return;
        }
        break;
      default:
        break;
    }
    if (s.size() > 4096) {
      error(r, "value-too-long", "'" + path.str() + "' is longer than 4096 bytes");
      out = Value::none(r);
      return;
    }
    // What Value::str(s, r) holds (out.s is s), with the flags.
    out.kind = Value::Kind::Str;
    out.range = r;
    out.secret = secret;
    out.role = secret ? TextRole::Secret
               : t.prim == Prim::Label ? TextRole::Label
               : t.prim == Prim::Credential ? TextRole::Credential
                                            : TextRole::Plain;
  }

  Value integer(const Type& t, std::int64_t n, Range r, const Path& path) {
    if ((t.has_min && n < t.min) || (t.has_max && n > t.max)) {
      error(r, "out-of-range", "'" + path.str() + "' is out of range: " + std::to_string(n) + " is not in " +
                                   (t.has_min ? std::to_string(t.min) : std::string()) + ".." +
                                   (t.has_max ? std::to_string(t.max) : std::string()));
      return Value::none(r);
    }
    return Value::integer(n, r);
  }

  Value from_json(const json::Value& j, const Type& t, const Path& field) {
    auto mismatch = [&](const std::string& want) {
      std::string msg = "'";
      msg.append(field.str()).append("' must be ").append(want).append(", got ").append(json::describe(j.kind));
      error(j.range, "type-mismatch", msg);
      return Value::none(j.range);
    };
    if (j.is_null()) return Value::none(j.range);  // an explicit null: absent (required fields are reported)
    switch (t.prim) {
      case Prim::Bool:
        if (!j.is_bool()) return mismatch("true or false");
        return Value::boolean(j.boolean, j.range);
      case Prim::Int: {
        if (!j.is_number()) return mismatch("an integer");
        auto n = j.as_int();
        if (!n) {
          error(j.range, "bad-value", "'" + field.str() + "' must be an integer, got " + j.text);
          return Value::none(j.range);
        }
        return integer(t, *n, j.range, field);
      }
      case Prim::List: {
        if (!j.is_array()) return mismatch("an array");
        Value v;
        v.kind = Value::Kind::List;
        v.list = list_of(j, t, field);
        v.range = j.range;
        return v;
      }
      case Prim::Record:
        if (!j.is_object()) return mismatch("an object");
        return record_value(record_of(j, *t.rec, field), j.range);
      case Prim::Any:
        return Value::none(j.range);
      default:
        if (!j.is_string()) {
          // Numbers are accepted where a dial string or text is expected only when written as strings:
          // "1001" and 1001 mean different things to a spreadsheet export (leading zeros).
          return mismatch("a string");
        }
        return scalar(t, j.text, j.range, field, disposable_ ? const_cast<std::string*>(&j.text) : nullptr);
    }
  }

  // The elements of JSON array `j` for list type `t`.
  std::shared_ptr<ValueList> list_of(const json::Value& j, const Type& t, const Path& field) {
    auto list = std::make_shared<ValueList>();
    list->reserve(j.items.size());
    for (std::size_t i = 0; i < j.items.size(); ++i) from_json_into(list->emplace_back(), j.items[i], *t.elem, Path(field, i));
    return list;
  }

  // The record `def` from JSON object `j`.
  std::shared_ptr<RecordValue> record_of(const json::Value& j, const RecordDef& def, const Path& field) {
    auto rec = new_record(def);
    for (const json::Member& m : j.members) {
      int slot = slots_ ? slots_->slot(def, m.key) : def.slot(m.key);
      if (slot < 0) {
        unknown_field(m.key, m.key_range, def, field.str());
        continue;
      }
      const FieldDef& f = def.fields[static_cast<std::size_t>(slot)];
      if (m.value.is_null() && !f.optional && !f.default_value && f.type->prim != Prim::List)
        error(m.value.range, "missing-field", "'" + Path(field, m.key).str() + "' is required: null is not allowed");
      const auto k = static_cast<std::size_t>(slot);
      // A slot not set yet is new_record()'s default-constructed Value: written in place.
      if (!rec->present[k]) from_json_into(rec->fields[k], m.value, *f.type, Path(field, m.key));
      else rec->fields[k] = from_json(m.value, *f.type, Path(field, m.key));
      rec->present[k] = true;
    }
    return rec;
  }

  // from_json() into `out`, a default-constructed Value: values that convert without a
  // diagnostic are written in place (what Value::boolean/integer/str and record_value() hold),
  // the rest goes through from_json().
  void from_json_into(Value& out, const json::Value& j, const Type& t, const Path& field) {
    switch (t.prim) {
      case Prim::Any:
        break;
      case Prim::Bool:
        if (j.is_bool()) {
          out.kind = Value::Kind::Bool;
          out.b = j.boolean;
          out.range = j.range;
          return;
        }
        break;
      case Prim::List:
        if (j.is_array()) {
          out.kind = Value::Kind::List;
          out.list = list_of(j, t, field);
          out.range = j.range;
          return;
        }
        break;
      case Prim::Record:
        if (j.is_object()) {
          out.kind = Value::Kind::Record;
          out.rec = record_of(j, *t.rec, field);
          out.range = j.range;
          return;
        }
        break;
      case Prim::Int:
        if (j.is_number())
          if (auto n = j.as_int(); n && !((t.has_min && *n < t.min) || (t.has_max && *n > t.max))) {
            out.kind = Value::Kind::Int;  // Value::integer(n, range)
            out.i = *n;
            out.range = j.range;
            return;
          }
        break;
      default:
        if (j.is_string()) return scalar_into(out, t, j.text, j.range, field, disposable_ ? const_cast<std::string*>(&j.text) : nullptr);
        break;
    }
    out = from_json(j, t, field);
  }

  // A .phone property's values for a field of type t.
  Value from_ast(const ast::Property& p, const Type& t, const std::string& field) {
    if (t.prim == Prim::Record) {
      if (!p.block) {
        error(p.range, "type-mismatch", "'" + field + "' is a record: write " + p.name + " { ... }");
        return Value::none(p.range);
      }
      return record_from_block(*p.block, *t.rec, field);
    }
    if (t.prim == Prim::List) {
      if (t.elem->prim == Prim::Record) {
        // Each occurrence of a list-of-records field adds one element; handled by the caller.
        return from_ast(p, *t.elem, field);
      }
      auto list = std::make_shared<ValueList>();
      for (auto& e : p.values) list->push_back(from_expr(*e, *t.elem, field));
      Value v;
      v.kind = Value::Kind::List;
      v.list = list;
      v.range = p.range;
      return v;
    }
    if (p.block || p.values.size() != 1) {
      error(p.range, "type-mismatch", "'" + field + "' takes exactly one value");
      return Value::none(p.range);
    }
    return from_expr(*p.values[0], t, field);
  }

  Value from_expr(const ast::Expr& e, const Type& t, const std::string& field) {
    if (e.kind == ast::ExprKind::None) return Value::none(e.range);
    switch (t.prim) {
      case Prim::Bool:
        if (e.kind != ast::ExprKind::Bool) break;
        return Value::boolean(e.bool_value, e.range);
      case Prim::Int:
        if (e.kind != ast::ExprKind::Int) break;
        return integer(t, e.int_value, e.range, field);
      default: {
        std::string s;
        if (e.kind == ast::ExprKind::Int || !literal_text(e, s)) break;
        if (e.kind == ast::ExprKind::Str && !e.is_plain_string()) break;
        return scalar(t, s, e.range, field);
      }
    }
    error(e.range, "type-mismatch", "'" + field + "' must be " + t.describe() + " (a literal)");
    return Value::none(e.range);
  }

  Value record_from_block(const ast::Block& b, const RecordDef& def, const std::string& field,
                          const std::vector<std::string>& skip = {}) {
    auto rec = new_record(def);
    std::vector<std::shared_ptr<ValueList>> lists(def.fields.size());
    for (const ast::Property& p : b.props) {
      if (std::find(skip.begin(), skip.end(), p.name) != skip.end()) continue;
      int slot = def.slot(p.name);
      if (slot < 0 || p.kind != ast::Property::Kind::Plain) {
        unknown_field(p.name, p.name_range, def, field);
        continue;
      }
      auto s = static_cast<std::size_t>(slot);
      const FieldDef& f = def.fields[s];
      if (f.type->prim == Prim::List && f.type->elem->prim == Prim::Record) {
        if (!lists[s]) lists[s] = std::make_shared<ValueList>();
        lists[s]->push_back(from_ast(p, *f.type, join(field, p.name)));
        Value v;
        v.kind = Value::Kind::List;
        v.list = lists[s];
        v.range = p.range;
        rec->fields[s] = v;
      } else {
        if (rec->present[s])
          error(p.name_range, "duplicate-field", "'" + join(field, p.name) + "' is set twice");
        rec->fields[s] = from_ast(p, *f.type, join(field, p.name));
      }
      rec->present[s] = true;
    }
    for (auto& o : b.options) error(o.range, "misplaced-option", "a DHCP option belongs in a model");
    for (auto& f : b.files) error(f.range, "misplaced-file", "a file belongs in a model");
    return record_value(rec, b.range);
  }

  static std::shared_ptr<RecordValue> new_record(const RecordDef& def) {
    auto rec = std::make_shared<RecordValue>();
    rec->def = &def;
    rec->fields.resize(def.fields.size());
    // Constructed at its size: resize() of a vector<bool> goes through the general insert.
    rec->present = std::vector<bool>(def.fields.size());
    return rec;
  }

  static Value record_value(std::shared_ptr<RecordValue> rec, Range r) {
    Value v;
    v.kind = Value::Kind::Record;
    v.rec = std::move(rec);
    v.range = r;
    return v;
  }

  void error(Range r, const std::string& code, const std::string& msg) { diags_.error(r, code, msg); }

 private:
  static std::string join(const std::string& a, const std::string& b) { return a.empty() ? b : a + "." + b; }
  static std::size_t char_index(const std::string& s, std::size_t byte) {
    std::size_t n = 1;
    for (std::size_t i = 0; i < byte && i < s.size(); ++i)
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    return n;
  }
  void unknown_field(const std::string& key, Range r, const RecordDef& def, const std::string& where) {
    std::string msg = "unknown field '" + key + "'" + (where.empty() ? std::string() : " in '" + where + "'");
    msg += suggestion(key, def.field_names());
    error(r, "unknown-field", msg);
  }

  Program& prog_;
  Diagnostics& diags_;
  bool utf8_checked_ = false;
  bool disposable_ = false;
  const SlotIndex* slots_ = nullptr;
};

// `v`'s record, to be changed: the record itself when `v` is its only owner (records and lists
// are created non-const and shared read-only), else a copy of it that `v` then owns.
RecordValue& writable(Value& v) {
  if (v.rec.use_count() != 1) v.rec = std::make_shared<RecordValue>(*v.rec);
  return const_cast<RecordValue&>(*v.rec);
}

// Field-wise merge: what `over` sets wins; records merge recursively (into `over`'s own records
// in place).
Value merge(const Value& base, Value over) {
  if (over.kind != Value::Kind::Record || base.kind != Value::Kind::Record) return over.is_none() ? base : over;
  RecordValue& rec = writable(over);
  std::size_t n = std::min(base.rec->fields.size(), rec.fields.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!rec.present[i] || rec.fields[i].is_none()) {
      rec.fields[i] = base.rec->fields[i];
      rec.present[i] = base.rec->present[i];
    } else if (rec.fields[i].kind == Value::Kind::Record) {
      rec.fields[i] = merge(base.rec->fields[i], std::move(rec.fields[i]));
    }
  }
  return over;
}

// Constant default of a field (literals only: checked when the stdlib is loaded).
Value default_of(Diagnostics& diags, const FieldDef& f) {
  const ast::Expr* e = f.default_value;
  if (!e) {
    if (f.type->prim == Prim::List) {
      Value v;
      v.kind = Value::Kind::List;
      v.list = std::make_shared<ValueList>();
      return v;
    }
    return Value::none();
  }
  switch (e->kind) {
    case ast::ExprKind::Int: return Value::integer(e->int_value, e->range);
    case ast::ExprKind::Bool: return Value::boolean(e->bool_value, e->range);
    default: {
      std::string s;
      if (literal_text(*e, s)) return Value::str(s, e->range);
      diags.error(e->range, "bad-default", "a field's default must be a literal");
      return Value::none();
    }
  }
}

// A Value equal to a default-constructed one (what an absent field's slot holds).
bool blank(const Value& v) {
  return v.kind == Value::Kind::None && !v.secret && v.role == TextRole::Plain && !v.b && v.range.file == kNoFile &&
         v.range.begin == 0 && v.range.end == 0 && v.i == 0 && v.s.empty() && !v.list && !v.rec && !v.map;
}

}  // namespace

// Built once per inventory, then only read (by every converting thread).
struct InventoryShared {
  const RecordDef* device = nullptr;
  int mac_slot = -1, model_slot = -1, sip_slot = -1, lines_slot = -1, line_sip_slot = -1;
  SlotIndex slots;  // the device record's and those below it

  // A record's field defaults by slot, for the records a device holds: the same Values
  // default_of() builds (an empty list is one list shared by all, never written: records and
  // lists are copied before any change). A default that is no literal stays reported at each use.
  struct Default {
    Value value;
    bool bad = false;
    bool blank = false;  // value is a default-constructed Value
    Range at;
  };
  std::vector<std::pair<const RecordDef*, std::vector<Default>>> defaults;

  // The site's own records and lists of records (sip, firmware), completed once: a device that
  // takes one whole from its site, and each of its lines that takes the device's sip, shares the
  // completed one instead of completing a copy of its own. Only those whose completion reports
  // nothing are here (what it reports names the device). `site` keeps the keys alive.
  Value site;
  std::vector<std::pair<const void*, Value>> completed;

  const std::vector<Default>* defaults_of(const RecordDef* def) const {
    for (const auto& [d, table] : defaults)
      if (d == def) return &table;
    return nullptr;
  }
  const Value* completed_of(const void* p) const {
    if (!p) return nullptr;
    for (const auto& [key, v] : completed)
      if (key == p) return &v;
    return nullptr;
  }
  void add_defaults(const RecordDef* def) {
    if (!def || defaults_of(def)) return;
    std::vector<Default> table;
    for (const FieldDef& f : def->fields) {
      Diagnostics scratch;
      Default d;
      d.value = default_of(scratch, f);
      d.blank = blank(d.value);
      if (scratch.error_count()) {
        d.bad = true;
        d.at = f.default_value->range;
      }
      table.push_back(std::move(d));
    }
    defaults.emplace_back(def, std::move(table));
    for (const FieldDef& f : def->fields) add_defaults_of_type(f.type.get());
  }
  void add_defaults_of_type(const Type* t) {
    for (; t; t = t->elem.get())
      if (t->prim == Prim::Record) add_defaults(t->rec);
  }
};

namespace {

// `mac`: the device's normalised MAC (empty when it has none), for messages only.
void complete(const InventoryShared& sh, Diagnostics& diags, Value& v, Range where, std::string_view mac,
              const Path& path);

// A record or list of records inside a record being completed, by its field `f`.
void complete_field(const InventoryShared& sh, Diagnostics& diags, Value& fv, const FieldDef& f, Range where,
                    std::string_view mac, const Path& path) {
  // The field's path is only for messages: a chain on the stack, joined only when one is written.
  const Path field_path(path, f.name);
  if (fv.kind == Value::Kind::Record) {
    if (const Value* done = sh.completed_of(fv.rec.get())) fv.rec = done->rec;
    else complete(sh, diags, fv, where, mac, field_path);
  } else if (fv.kind == Value::Kind::List && fv.list && !fv.list->empty() && fv.list->front().kind == Value::Kind::Record) {
    if (const Value* done = sh.completed_of(fv.list.get())) {
      fv.list = done->list;
      return;
    }
    if (fv.list.use_count() != 1) fv.list = std::make_shared<ValueList>(*fv.list);
    auto& list = const_cast<ValueList&>(*fv.list);
    for (std::size_t k = 0; k < list.size(); ++k) complete(sh, diags, list[k], list[k].range, mac, Path(field_path, k));
  }
}

// Applies defaults and reports missing required fields, recursively, in place (a device's
// records are its own after merge(); only what it shares with its site is copied).
void complete(const InventoryShared& sh, Diagnostics& diags, Value& v, Range where, std::string_view mac,
              const Path& path) {
  if (v.kind != Value::Kind::Record) return;
  RecordValue& rec = writable(v);
  const std::vector<InventoryShared::Default>* table = sh.defaults_of(rec.def);
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    const FieldDef& f = rec.def->fields[i];
    Value& fv = rec.fields[i];
    if (fv.is_none()) {
      if (!table) {
        fv = default_of(diags, f);
      } else if (const InventoryShared::Default& d = (*table)[i]; d.bad) {
        diags.error(d.at, "bad-default", "a field's default must be a literal");
        fv = d.value;
      } else if (!(d.blank && blank(fv))) {  // most absent fields have no default: nothing to write
        fv = d.value;
      }
    }
    if (fv.is_none() && !f.optional) {
      // A value that was written but rejected has its own diagnostic already.
      if (!rec.present[i])
        diags.error(where, "missing-field",
                    "device " + (mac.empty() ? std::string("(no MAC)") : std::string(mac)) + " has no '" +
                        Path(path, f.name).str() + "' (required)");
    } else {
      complete_field(sh, diags, fv, f, where, mac, path);
    }
  }
}

std::shared_ptr<const InventoryShared> make_shared_part(const Program& prog, const Value& site) {
  auto sh = std::make_shared<InventoryShared>();
  const RecordDef* dev = prog.record("device");
  sh->device = dev;
  if (dev) {
    sh->mac_slot = dev->slot("mac");
    sh->model_slot = dev->slot("model");
    sh->sip_slot = dev->slot("sip");
    sh->lines_slot = dev->slot("lines");
    sh->add_defaults(dev);
    sh->slots.add(dev);
  }
  if (const RecordDef* line = prog.record("line")) sh->line_sip_slot = line->slot("sip");
  sh->site = site;
  if (site.kind == Value::Kind::Record && site.rec) {
    std::vector<std::pair<const void*, Value>> completed;
    for (std::size_t i = 0; i < site.rec->fields.size() && i < site.rec->def->fields.size(); ++i) {
      const Value& f = site.rec->fields[i];
      const void* key = f.kind == Value::Kind::Record ? static_cast<const void*>(f.rec.get())
                        : f.kind == Value::Kind::List ? static_cast<const void*>(f.list.get())
                                                      : nullptr;
      if (!key) continue;
      Value copy = f;
      Diagnostics scratch;
      complete_field(*sh, scratch, copy, site.rec->def->fields[i], Range{}, "", "");
      if (scratch.all().empty()) completed.emplace_back(key, std::move(copy));
    }
    sh->completed = std::move(completed);
  }
  return sh;
}

// Builds the effective device: site fields merged in, each line's sip merged over the device's.
Device make_device(const InventoryShared& sh, const Value& site, Value device, Range range, Diagnostics& diags) {
  Value merged = merge(site, std::move(device));
  // merge() keeps the device's record definition; site-only slots share indexes (record device : site).
  Device d;
  d.range = range;
  if (const Value* mac = merged.field(sh.mac_slot); mac && !mac->is_none()) {
    d.mac = mac->s;
    d.mac_range = mac->range;
  }
  if (const Value* model = merged.field(sh.model_slot); model && !model->is_none()) {
    d.model_name = model->s;
    d.model_range = model->range;
  }
  // Each line's sip: the device's, with the line's own fields over it (in the device's own
  // lines: merge() left the device the only owner of its record and list).
  if (sh.lines_slot >= 0 && sh.sip_slot >= 0 && merged.field(sh.lines_slot) && merged.field(sh.lines_slot)->list) {
    RecordValue& rec = writable(merged);
    Value& lines = rec.fields[static_cast<std::size_t>(sh.lines_slot)];
    const Value& dsip = rec.fields[static_cast<std::size_t>(sh.sip_slot)];
    if (lines.list.use_count() != 1) lines.list = std::make_shared<ValueList>(*lines.list);
    for (Value& l : const_cast<ValueList&>(*lines.list)) {
      if (l.kind != Value::Kind::Record || sh.line_sip_slot < 0) continue;
      Value& lsip = writable(l).fields[static_cast<std::size_t>(sh.line_sip_slot)];
      lsip = merge(dsip, std::move(lsip));
    }
  }
  complete(sh, diags, merged, range, d.mac, "");
  d.value = std::move(merged);
  d.site = site;
  return d;
}

const std::vector<std::string> kInventoryKeys = {"format", "site", "devices"};

}  // namespace

namespace {

// The checks on an inventory document's top level (format, members, the site) and its site's
// value; false when it has no devices to read (reported).
bool open_document(Program& prog, const json::Value& doc, JsonInventory& out, const json::Value*& devices) {
  FileId file = doc.range.file;
  Converter conv(prog);
  out.file = file;
  if (!doc.is_object()) {
    conv.error(doc.range, "bad-inventory", "an inventory is a JSON object with \"format\": \"phonec-inventory/1\"");
    return false;
  }
  const json::Value* format = doc.find("format");
  if (!format || !format->is_string() || format->text != "phonec-inventory/1") {
    conv.error(format ? format->range : Range{file, doc.range.begin, doc.range.begin + 1}, "bad-inventory",
               "expected \"format\": \"phonec-inventory/1\"");
    return false;
  }
  for (const json::Member& m : doc.members)
    if (std::find(kInventoryKeys.begin(), kInventoryKeys.end(), m.key) == kInventoryKeys.end()) {
      std::string msg = "unknown field '" + m.key + "' in the inventory";
      msg += suggestion(m.key, kInventoryKeys);
      conv.error(m.key_range, "unknown-field", msg);
    }
  const RecordDef* site_def = prog.record("site");
  if (!site_def || !prog.record("device")) {
    conv.error(Range{}, "no-stdlib", "the standard library does not define records 'site' and 'device'");
    return false;
  }
  Type site_t;
  site_t.prim = Prim::Record;
  site_t.rec = site_def;
  out.site = Value::none();
  if (const json::Value* s = doc.find("site")) {
    out.site = conv.from_json(*s, site_t, "site");
    out.site_source = s->range;
  }
  devices = doc.find("devices");
  if (!devices) return false;
  if (!devices->is_array()) {
    conv.error(devices->range, "type-mismatch", "'devices' must be an array, got " + json::describe(devices->kind));
    return false;
  }
  return true;
}

// `utf8_checked`: `dj` is json::parse()'s (or parse_element()'s) from a file's text.
// `disposable`: `dj` is discarded afterwards (its strings are moved out).
std::optional<Device> convert_device(Program& prog, const JsonInventory& inv, const InventoryShared& sh, const json::Value& dj,
                                     Diagnostics& diags, bool utf8_checked, bool disposable = false) {
  Type dev_t;
  dev_t.prim = Prim::Record;
  dev_t.rec = sh.device;
  Converter c(prog, diags);
  if (utf8_checked) c.set_utf8_checked();
  if (disposable) c.set_tree_disposable();
  c.set_slots(&sh.slots);
  Value dv = c.from_json(dj, dev_t, "");
  if (dv.kind != Value::Kind::Record) return std::nullopt;
  Device d = make_device(sh, inv.site, std::move(dv), Range{inv.file, dj.range.begin, dj.range.begin + 1}, diags);
  d.source = dj.range;
  d.site_source = inv.site_source;
  return d;
}

}  // namespace

std::optional<JsonInventory> open_json_inventory(Program& prog, FileId file) {
  const SourceFile& src = prog.sm.get(file);
  // The deferring parse's own messages about a malformed device may be less precise than the
  // whole parse's: on any error, the whole parse reports.
  Diagnostics scratch;
  JsonInventory inv;
  auto doc = json::parse_deferring(file, src.text(), "devices", inv.devices, scratch);
  if (!doc) {
    json::parse(file, src.text(), prog.diags);
    return std::nullopt;
  }
  prog.diags.merge(std::move(scratch));
  const json::Value* devices = nullptr;
  if (!open_document(prog, *doc, inv, devices)) return std::nullopt;
  inv.shared = make_shared_part(prog, inv.site);
  return inv;
}

std::optional<Device> read_json_device(Program& prog, const JsonInventory& inv, std::size_t i, Diagnostics& diags,
                                       bool& json_error) {
  Diagnostics syntax;
  // Each thread parses its devices one after another into the same tree, reusing its storage
  // (the converted device keeps nothing of it).
  thread_local json::Value dj;
  if (!json::parse_element_into(inv.file, prog.sm.get(inv.file).text(), inv.devices[i], dj, syntax) || syntax.has_errors()) {
    json_error = true;
    return std::nullopt;
  }
  // An inventory put together by hand has no shared part yet: one for this device then.
  std::shared_ptr<const InventoryShared> own = inv.shared ? nullptr : make_shared_part(prog, inv.site);
  return convert_device(prog, inv, inv.shared ? *inv.shared : *own, dj, diags, true, true);
}

void load_json_inventory(Program& prog, FileId file, Inventory& inv, unsigned jobs) {
  auto head = open_json_inventory(prog, file);
  if (!head) return;
  std::vector<std::optional<Device>> converted(head->devices.size());
  std::vector<char> bad(head->devices.size());
  Diagnostics conv;
  conv.set_werror(prog.diags.werror());
  output::parallel_for(head->devices.size(), jobs, [&](std::size_t i) {
    bool json_error = false;
    converted[i] = read_json_device(prog, *head, i, conv, json_error);
    bad[i] = json_error;
  });
  if (std::count(bad.begin(), bad.end(), 1)) {
    // Malformed JSON inside a device: parse()'s diagnostics only, and no device from this file.
    json::parse(file, prog.sm.get(file).text(), prog.diags);
    return;
  }
  prog.diags.merge(std::move(conv));
  for (std::optional<Device>& d : converted)
    if (d) inv.devices.push_back(std::move(*d));
}

void load_inventory_document(Program& prog, const json::Value& document, Inventory& inv, unsigned jobs) {
  JsonInventory head;
  const json::Value* devices = nullptr;
  if (!open_document(prog, document, head, devices)) return;
  std::vector<std::optional<Device>> converted(devices->items.size());
  std::shared_ptr<const InventoryShared> sh = make_shared_part(prog, head.site);
  output::parallel_for(devices->items.size(), jobs,
                       [&](std::size_t i) { converted[i] = convert_device(prog, head, *sh, devices->items[i], prog.diags, false); });
  inv.devices.reserve(inv.devices.size() + converted.size());
  for (std::optional<Device>& d : converted)
    if (d) inv.devices.push_back(std::move(*d));
}

void load_phone_inventory(Program& prog, Inventory& inv) {
  const RecordDef* site_def = prog.record("site");
  const RecordDef* dev_def = prog.record("device");
  if (!site_def || !dev_def) return;
  Converter conv(prog);
  // No site is shared by all devices here: only the defaults are.
  std::shared_ptr<const InventoryShared> sh = make_shared_part(prog, Value::none());
  std::map<std::string, Value> sites;
  for (const ast::Decl* d : prog.site_decls) sites[d->name] = conv.record_from_block(d->body, *site_def, "");
  for (const ast::Decl* d : prog.device_decls) {
    // device "MAC" : vendor.Model { site NAME; ... }
    Value dv = conv.record_from_block(d->body, *dev_def, "", {"site"});
    auto rec = std::make_shared<RecordValue>(*dv.rec);
    int mac_slot = dev_def->slot("mac"), model_slot = dev_def->slot("model");
    Type mac_t;
    mac_t.prim = Prim::Mac;
    rec->fields[static_cast<std::size_t>(mac_slot)] = conv.scalar(mac_t, d->name, d->name_range, "mac");
    rec->present[static_cast<std::size_t>(mac_slot)] = true;
    if (!d->parent.empty()) {
      rec->fields[static_cast<std::size_t>(model_slot)] = Value::str(d->parent, d->parent_range);
      rec->present[static_cast<std::size_t>(model_slot)] = true;
    }
    dv.rec = rec;
    Value site = Value::none();
    const ast::Property* site_prop = nullptr;
    for (const ast::Property& p : d->body.props)
      if (p.name == "site") site_prop = &p;
    if (site_prop) {
      std::string name;
      if (site_prop->values.size() != 1 || !literal_text(*site_prop->values[0], name)) {
        conv.error(site_prop->range, "bad-value", "'site' takes the name of a site declaration");
      } else if (auto it = sites.find(name); it == sites.end()) {
        std::vector<std::string> names;
        for (auto& [n, _] : sites) names.push_back(n);
        std::string msg = "unknown site '" + name + "'";
        msg += suggestion(name, names);
        conv.error(site_prop->values[0]->range, "unknown-site", msg);
      } else {
        site = it->second;
      }
    } else if (sites.size() == 1) {
      site = sites.begin()->second;
    } else if (sites.size() > 1) {
      conv.error(d->name_range, "ambiguous-site", "device " + d->name + " must say which site it belongs to (site NAME;)");
    }
    inv.devices.push_back(make_device(*sh, site, std::move(dv), d->name_range, prog.diags));
  }
}

DeviceSummary summary_of(const Device& d) {
  DeviceSummary s;
  s.mac = text::pack_mac(d.mac);
  s.model = d.model;
  s.site = &d.site;
  s.range = d.range;
  s.mac_range = d.mac_range;
  return s;
}

}  // namespace phonec::sema
