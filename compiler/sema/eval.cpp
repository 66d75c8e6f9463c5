#include "sema/eval.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "sema/assets.h"
#include "sema/builtins.h"
#include "sema/name_slots.h"
#include "sema/symbols.h"

namespace phonec::sema {

namespace {

// A record value built field by field; a field the record does not declare is ignored.
class RecordBuilder {
 public:
  explicit RecordBuilder(const RecordDef& def) : rec_(std::make_shared<RecordValue>()) {
    rec_->def = &def;
    rec_->fields.resize(def.fields.size());
    rec_->present.resize(def.fields.size());
  }
  void set(const char* field, Value v) {
    int s = rec_->def->slot(field);
    if (s < 0) return;
    rec_->fields[static_cast<std::size_t>(s)] = std::move(v);
    rec_->present[static_cast<std::size_t>(s)] = true;
  }
  Value value() const {
    Value v;
    v.kind = Value::Kind::Record;
    v.rec = rec_;
    return v;
  }

 private:
  std::shared_ptr<RecordValue> rec_;
};

Value map_value(ValueMap m) {
  Value v;
  v.kind = Value::Kind::Map;
  v.map = std::make_shared<const ValueMap>(std::move(m));
  return v;
}

Value asset_value(const Program& prog, const Asset& a, const std::string& version, const Value& who);

// Binary operators, told apart by a switch on their spelling instead of a chain of string compares.
enum class Op { And, Or, Coalesce, Eq, Ne, Add, Sub, Mul, Div, Mod, Lt, Le, Gt, Ge, Other };

Op binary_op(const std::string& s) {
  if (s.size() == 1) switch (s[0]) {
      case '+': return Op::Add;
      case '-': return Op::Sub;
      case '*': return Op::Mul;
      case '/': return Op::Div;
      case '%': return Op::Mod;
      case '<': return Op::Lt;
      case '>': return Op::Gt;
      default: return Op::Other;
    }
  // Two bytes compared at once rather than a string compare per operator.
  if (s.size() == 2) {
    const int c = (static_cast<unsigned char>(s[0]) << 8) | static_cast<unsigned char>(s[1]);
    switch (c) {
      case ('=' << 8) | '=': return Op::Eq;
      case ('!' << 8) | '=': return Op::Ne;
      case ('<' << 8) | '=': return Op::Le;
      case ('>' << 8) | '=': return Op::Ge;
      case ('?' << 8) | '?': return Op::Coalesce;
      case ('o' << 8) | 'r': return Op::Or;
      default: return Op::Other;
    }
  }
  if (s == "and") return Op::And;
  return Op::Other;
}

// Name equality for the variable lookup: lengths and first bytes tell most names apart without
// a call to memcmp (the lookup runs for every variable read of every device).
bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && std::memcmp(a.data(), b.data(), a.size()) == 0));
}

// Value::to_text without a string: an integer is written into `buf`.
std::string_view text_view(const Value& v, char (&buf)[24]) {
  switch (v.kind) {
    case Value::Kind::Bool: return v.b ? "1" : "0";
    case Value::Kind::Int: {
      auto r = std::to_chars(buf, buf + sizeof buf, v.i);
      return {buf, static_cast<std::size_t>(r.ptr - buf)};
    }
    case Value::Kind::Str: return v.s;
    default: return {};
  }
}

// The node lists of files already rendered, kept whole by each thread for its next files (see
// recycle()): a file is written over the nodes of an earlier one, whose strings keep their
// buffers and whose lists keep their capacity, instead of a few hundred fresh allocations per
// file and as many frees. Bounded, for a thread that renders what others evaluated.
constexpr std::size_t max_spare_lists = 8;
// A list is kept only while all its lists together hold at most this many nodes: a site-wide
// file listing every device (a directory) would otherwise keep its memory for the thread's life.
constexpr std::size_t max_spare_nodes = 4096;

// Whether the lists of a tree hold (by capacity) no more than `budget` nodes; `budget` is used up.
bool fits(const std::vector<emit::DocNode>& list, std::size_t& budget) {
  if (list.capacity() > budget) return false;
  budget -= list.capacity();
  for (const emit::DocNode& n : list)
    if (n.children.capacity() != 0 && !fits(n.children, budget)) return false;
  return true;
}
std::vector<std::vector<emit::DocNode>>& spare_lists() {
  thread_local std::vector<std::vector<emit::DocNode>> lists;
  return lists;
}

// A list being written: nodes before `used` are this file's, the rest are an earlier file's,
// overwritten one by one and cut off by finish().
struct NodeList {
  std::vector<emit::DocNode>& nodes;
  std::size_t used = 0;

  // A blank node: the next old one, cleared (its strings and children keep their memory), or a
  // new one.
  emit::DocNode& add() {
    if (used == nodes.size()) {
      ++used;
      return nodes.emplace_back();
    }
    emit::DocNode& n = nodes[used++];
    n.kind = emit::DocNode::Kind::Pair;
    n.name.clear();
    n.value.clear();
    n.origin = Range{};
    n.value_origin = Range{};
    n.secret = false;
    n.role = TextRole::Plain;
    return n;  // its children, if any, are kept for an element and cleared for a leaf
  }
  // Takes back the last node (its name or value evaluated to nothing).
  void drop() { --used; }
  void finish() { nodes.erase(nodes.begin() + static_cast<std::ptrdiff_t>(used), nodes.end()); }
};

class Evaluator {
 public:
  // `site` and `devices` (and the device) outlive the evaluator; they are read in place.
  Evaluator(const Program& prog, Diagnostics& diags, const ModelEnv& env, const Device* device, const Value& site,
            const Value& devices, const Value& codes)
      : prog_(prog), diags_(diags), env_(env), model_(env.model->name), device_(device), site_(site), devices_(devices),
        codes_(codes) {}

  // A `let` or `for` binding: a `for` item is read in place (`ref`, in its list, which outlives
  // the loop), a `let` value is held (`own`).
  struct Binding {
    Binding(std::string_view n, const Value* r) : name(n), ref(r) {}
    Binding(std::string_view n, Value&& v) : name(n), own(std::move(v)) {}
    std::string_view name;
    const Value* ref = nullptr;
    Value own;
    const Value& value() const { return ref ? *ref : own; }
  };
  // The bindings in scope, innermost last; the globals are looked up after them.
  std::vector<Binding> vars;

  Value expr(const ast::Expr& e) {
    Value tmp;
    const Value& v = get(e, tmp);
    if (&v == &tmp) return tmp;
    return v;
  }

  // An expression's value, read in place when it is stored (a variable, a record field, a list
  // item, a table entry) and computed into `tmp` otherwise: a path such as
  // device.lines[0].sip.username copies nothing on its way. A reference into a computed value
  // is copied into `tmp`, since that value dies here.
  const Value& get(const ast::Expr& e, Value& tmp) {
    switch (e.kind) {
      case ast::ExprKind::Name:
        if (const Value* v = find(e)) return *v;
        return none_in(tmp, e.range);
      case ast::ExprKind::Member: {
        if (is_path(e)) {
          const Value* found = path(e);
          return found ? *found : none_in(tmp, e.range);
        }
        Value obj_tmp;
        const Value& obj = get(*e.args[0], obj_tmp);
        const Value* found = member_of(obj, e);
        if (!found) return none_in(tmp, e.range);
        if (&obj != &obj_tmp) return *found;
        return tmp = *found;
      }
      case ast::ExprKind::Index: {
        const ast::Expr& oe = *e.args[0];
        const ast::Expr& ie = *e.args[1];
        if (is_path(oe)) {
          // A path has no side effects: reading it before the index changes nothing. Paths are
          // read in place, with no temporary made (device.lines[0], key_codes[key.type]).
          const Value* obj = path(oe);
          const Value* found = nullptr;
          if (is_path(ie)) {
            const Value* idx = path(ie);
            if (obj && idx) found = item(*obj, *idx);
          } else {
            Value idx_tmp;
            const Value& idx = get(ie, idx_tmp);  // evaluated even without an object: it may report
            if (obj) found = item(*obj, idx);
          }
          return found ? *found : none_in(tmp, e.range);
        }
        Value obj_tmp, idx_tmp;
        const Value& obj = get(oe, obj_tmp);
        const Value& idx = get(ie, idx_tmp);
        const Value* found = item(obj, idx);
        if (!found) return none_in(tmp, e.range);
        if (&obj != &obj_tmp) return *found;
        return tmp = *found;
      }
      case ast::ExprKind::Cond: return get(*e.args[truthy(*e.args[0]) ? 1 : 2], tmp);
      case ast::ExprKind::Binary: return binary(e, tmp);
      case ast::ExprKind::Int: return int_in(tmp, e.int_value, e.range);
      case ast::ExprKind::Bool: return bool_in(tmp, e.bool_value, e.range);
      case ast::ExprKind::None: return none_in(tmp, e.range);
      case ast::ExprKind::Str: return str(e, tmp);
      case ast::ExprKind::Call: return call(e, tmp);
      default: return tmp = compute(e);
    }
  }

  // A condition: a path is read in place, without a temporary value built and destroyed.
  bool truthy(const ast::Expr& e) {
    if (is_path(e)) {
      const Value* v = path(e);
      return v && v->truthy();
    }
    Value t;
    return get(e, t).truthy();
  }

  // A variable or a chain of fields of one (device.lines, line.sip.username): read in place,
  // without a temporary at each step. nullptr: None (at the range of the expression asked for).
  static bool is_path(const ast::Expr& e) {
    return e.kind == ast::ExprKind::Name || (e.kind == ast::ExprKind::Member && is_path(*e.args[0]));
  }
  const Value* path(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::Name) return find(e);
    const Value* obj = path(*e.args[0]);
    return obj ? member_of(*obj, e) : nullptr;
  }
  // A list's item or a table's entry; nullptr when there is none.
  static const Value* item(const Value& obj, const Value& idx) {
    if (obj.kind == Value::Kind::List && idx.kind == Value::Kind::Int) {
      if (idx.i >= 0 && static_cast<std::size_t>(idx.i) < obj.list->size()) return &(*obj.list)[static_cast<std::size_t>(idx.i)];
    } else if (obj.kind == Value::Kind::Map && !idx.is_none()) {
      char buf[24];
      auto it = obj.map->find(text_view(idx, buf));
      if (it != obj.map->end()) return &it->second;
    }
    return nullptr;
  }
  static const Value* member_of(const Value& obj, const ast::Expr& e) {
    if (obj.kind == Value::Kind::Record) {
      // Value::field, inlined: the step of every path.
      if (!obj.rec || e.slot < 0 || static_cast<std::size_t>(e.slot) >= obj.rec->fields.size()) return nullptr;
      return &obj.rec->fields[static_cast<std::size_t>(e.slot)];
    }
    if (obj.kind == Value::Kind::Map) {
      auto it = obj.map->find(e.name);
      if (it != obj.map->end()) return &it->second;
    }
    return nullptr;
  }

  // Results written field by field into the caller's temporary, which is always a fresh Value
  // (cleared first if it ever is not): cheaper than assigning a whole new Value.
  static Value& fresh(Value& v) {
    if (v.kind != Value::Kind::None || v.secret || v.role != TextRole::Plain || !v.s.empty() || v.list || v.rec || v.map)
      v = Value();
    return v;
  }
  static const Value& none_in(Value& v, Range r) {
    fresh(v).range = r;
    return v;
  }
  static const Value& bool_in(Value& v, bool x, Range r) {
    fresh(v).kind = Value::Kind::Bool;
    v.b = x;
    v.range = r;
    return v;
  }
  static const Value& int_in(Value& v, std::int64_t x, Range r) {
    fresh(v).kind = Value::Kind::Int;
    v.i = x;
    v.range = r;
    return v;
  }

  // Whether a value is a binding's own (held in `vars`, so moved when it grows).
  bool in_bindings(const Value* v) const {
    if (vars.empty()) return false;
    const auto at = reinterpret_cast<std::uintptr_t>(v);
    return at >= reinterpret_cast<std::uintptr_t>(vars.data()) && at < reinterpret_cast<std::uintptr_t>(vars.data() + vars.size());
  }

  // A variable, where the content checker found it (see sema/name_slots.h): a binding by its
  // index, a global by its kind; by its text when it was not resolved.
  const Value* find(const ast::Expr& e) {
    if (e.slot >= 0) {
      if (static_cast<std::size_t>(e.slot) < vars.size()) {
        return &vars[static_cast<std::size_t>(e.slot)].value();
      }
    } else if (names::is_global(e.slot)) {
      return global(names::global_of(e.slot), names::table_of(e.slot), e.name);
    }
    return find(e.name);
  }

  // A global of a known kind, in the order find(name) tries them; a table by its name's number.
  const Value* global(names::Global g, int table, std::string_view name) {
    using names::Global;
    switch (g) {
      case Global::Device:
        if (device_) return &device_->value;
        break;
      case Global::Devices:
        if (!device_) return &devices_;
        break;
      case Global::Site: return &site_;
      case Global::Model: return &env_.model_info;
      case Global::Codes: return &codes_;
      default: break;
    }
    if (env_.table_ids.size() == env_.tables.size()) {
      for (std::size_t i = env_.tables.size(); i-- > 0;)
        if (env_.table_ids[i] == table) return &env_.tables[i].second;
    } else {
      for (auto it = env_.tables.rbegin(); it != env_.tables.rend(); ++it)
        if (same_name(it->first, name)) return &it->second;
    }
    if (g == Global::LanguagePacks) return &assets().second;
    if (g == Global::Firmware) return &assets().first;
    return nullptr;
  }

  // A variable: the innermost binding, then the globals (the device or the site's devices, the
  // site, the model, the feature codes, the model's tables, its language packs and firmware).
  const Value* find(std::string_view name) {
    for (auto it = vars.rbegin(); it != vars.rend(); ++it)
      if (same_name(it->name, name)) return &it->value();
    if (device_) {
      if (same_name(name, "device")) return &device_->value;
    } else if (same_name(name, "devices")) {
      return &devices_;
    }
    if (same_name(name, "site")) return &site_;
    if (same_name(name, "model")) return &env_.model_info;
    if (same_name(name, "codes")) return &codes_;
    for (auto it = env_.tables.rbegin(); it != env_.tables.rend(); ++it)
      if (same_name(it->first, name)) return &it->second;
    if (same_name(name, "language_packs")) return &assets().second;
    if (same_name(name, "firmware")) return &assets().first;
    return nullptr;
  }

  // A table iterated with `for`: its entries in key order, each with .key and .value. The same
  // tables (the model's, a time zone's) come back for every device, so each thread keeps the
  // lists of the last few it built; a cached table is held, so its address cannot be reused.
  static Value entries(const Value& map) {
    thread_local std::vector<std::pair<std::shared_ptr<const ValueMap>, Value>> cache;
    for (const auto& [m, list] : cache)
      if (m == map.map) return list;
    auto list = std::make_shared<ValueList>();
    for (auto& [k, v] : *map.map) {
      ValueMap e;
      e["key"] = Value::str(k, v.range);
      e["value"] = v;
      Value ev;
      ev.kind = Value::Kind::Map;
      ev.map = std::make_shared<const ValueMap>(std::move(e));
      list->push_back(ev);
    }
    Value out;
    out.kind = Value::Kind::List;
    out.list = list;
    if (cache.size() >= 64) cache.clear();
    cache.emplace_back(map.map, out);
    return out;
  }

  // Values that are built, not read: literals, calls, operators.
  Value compute(const ast::Expr& e) {
    switch (e.kind) {
      case ast::ExprKind::Int: return Value::integer(e.int_value, e.range);
      case ast::ExprKind::Bool: return Value::boolean(e.bool_value, e.range);
      case ast::ExprKind::None: return Value::none(e.range);
      case ast::ExprKind::Str: {
        Value t;
        str(e, t);
        return t;
      }
      case ast::ExprKind::List: {
        auto list = std::make_shared<ValueList>();
        list->reserve(e.args.size());
        for (auto& a : e.args) list->push_back(expr(*a));
        Value v;
        v.kind = Value::Kind::List;
        v.list = list;
        v.range = e.range;
        return v;
      }
      case ast::ExprKind::Call: {
        Value t;
        const Value& v = call(e, t);
        return &v == &t ? std::move(t) : v;
      }
      case ast::ExprKind::Unary: {
        Value t;
        const Value& v = get(*e.args[0], t);
        if (e.name == "not") return Value::boolean(!v.truthy(), e.range);
        if (v.kind != Value::Kind::Int) return Value::none(e.range);
        return Value::integer(-v.i, e.range);
      }
      default: {
        Value t;
        const Value& v = get(e, t);
        return &v == &t ? std::move(t) : v;
      }
    }
  }

  // A call's result, computed into `tmp`; lookup() of a stored table gives its entry in place.
  const Value& call(const ast::Expr& e, Value& tmp) {
    // The function as the checker found it (its index in the slot), by name otherwise.
    const std::vector<Builtin>& all = builtins();
    const Builtin* b = e.slot >= 0 && static_cast<std::size_t>(e.slot) < all.size() ? &all[static_cast<std::size_t>(e.slot)]
                                                                                      : find_builtin(e.name);
    // Arguments read in place (a variable is not copied to be passed), computed ones into
    // temporaries on the stack: no vector allocated per call.
    constexpr std::size_t on_stack = 4;
    const std::size_t n = e.args.size();
    std::optional<Value> tmp_local[on_stack];  // made only for the arguments there are
    const Value* arg_local[on_stack];
    std::vector<Value> tmp_heap;
    std::vector<const Value*> arg_heap;
    if (n > on_stack) {
      tmp_heap.resize(n);
      arg_heap.resize(n);
    }
    const Value** args = n > on_stack ? arg_heap.data() : arg_local;
    const Value* first_tmp = nullptr;
    for (std::size_t i = 0; i < n; ++i) {
      Value& t = n > on_stack ? tmp_heap[i] : tmp_local[i].emplace();
      if (i == 0) first_tmp = &t;
      args[i] = &get(*e.args[i], t);
      // Absent data propagates: a function of nothing is nothing (except count/join of lists).
      if (args[i]->is_none() && b && (i >= b->params.size() || b->params[i] != Prim::List)) return none_in(tmp, e.range);
    }
    if (!b) return none_in(tmp, e.range);
    std::string err;
    static const Builtin* const lookup = find_builtin("lookup");
    if (b == lookup && n == 2 && args[0] != first_tmp) {
      // The table is stored (a model's, the codes): its entry is read where it is.
      if (const Value* entry = lookup_entry(Args(args, n), err)) return *entry;
      none_in(tmp, Range{});
    } else {
      tmp = b->fn(Args(args, n), err);
    }
    if (!err.empty()) {
      // Point at the inventory value that caused it when there is one (a device's zone).
      Range at = e.range;
      for (std::size_t i = 0; i < n; ++i) {
        const Value& a = *args[i];
        if (a.kind != Value::Kind::Map && a.range.valid() && a.range.file != e.range.file) at = a.range;
      }
      diags_.error(at, "eval", err + (model_.empty() ? std::string() : " (on " + model_ + ")"),
                   {Note{e.range, "required by this expression in the model"}});
    }
    return tmp;
  }

  const Value& binary(const ast::Expr& e, Value& tmp) {
    const Op op = binary_op(e.name);
    if (op == Op::And) {
      bool l = truthy(*e.args[0]);
      return bool_in(tmp, l && truthy(*e.args[1]), e.range);
    }
    if (op == Op::Or) {
      bool l = truthy(*e.args[0]);
      return bool_in(tmp, l || truthy(*e.args[1]), e.range);
    }
    Value lt, rt;
    char lb[24], rb[24];
    if (op == Op::Eq || op == Op::Ne) {
      // A comparison with literal text (key.type == "blf"): the text is compared where it is,
      // not copied into a value first. Text is never None, so only a None operand differs.
      const std::string* lit = literal(*e.args[1]);
      const ast::Expr* other = e.args[0].get();
      if (!lit && (lit = literal(*e.args[0]))) other = e.args[1].get();
      if (lit) {
        const Value& v = get(*other, lt);
        const bool eq = !v.is_none() && text_view(v, lb) == *lit;
        return bool_in(tmp, op == Op::Eq ? eq : !eq, e.range);
      }
    }
    if (op == Op::Coalesce) {
      const Value& l = get(*e.args[0], lt);
      if (l.is_none()) return get(*e.args[1], tmp);
      if (&l != &lt) return l;
      return tmp = std::move(lt);
    }
    const Value& l = get(*e.args[0], lt);
    const Value& r = get(*e.args[1], rt);
    if (op == Op::Eq || op == Op::Ne) {
      // Same kind: same text; two scalars of different kinds: same text; None only equals None.
      bool eq = (l.kind == r.kind || (!l.is_none() && !r.is_none())) && text_view(l, lb) == text_view(r, rb);
      return bool_in(tmp, op == Op::Eq ? eq : !eq, e.range);
    }
    if (l.is_none() || r.is_none()) return none_in(tmp, e.range);
    if (op == Op::Add && (l.kind == Value::Kind::Str || r.kind == Value::Kind::Str)) {
      std::string_view a = text_view(l, lb), b = text_view(r, rb);
      std::string s;
      s.reserve(a.size() + b.size());
      s.append(a).append(b);
      tmp = Value::str(std::move(s), e.range);
      tmp.secret = l.secret || r.secret;
      return tmp;
    }
    if (l.kind != Value::Kind::Int || r.kind != Value::Kind::Int) return none_in(tmp, e.range);
    switch (op) {
      case Op::Add: return int_in(tmp, l.i + r.i, e.range);
      case Op::Sub: return int_in(tmp, l.i - r.i, e.range);
      case Op::Mul: return int_in(tmp, l.i * r.i, e.range);
      case Op::Div:
      case Op::Mod:
        if (r.i == 0) {
          diags_.error(e.range, "division-by-zero", "division by zero");
          return none_in(tmp, e.range);
        }
        return int_in(tmp, op == Op::Div ? l.i / r.i : l.i % r.i, e.range);
      case Op::Lt: return bool_in(tmp, l.i < r.i, e.range);
      case Op::Le: return bool_in(tmp, l.i <= r.i, e.range);
      case Op::Gt: return bool_in(tmp, l.i > r.i, e.range);
      case Op::Ge: return bool_in(tmp, l.i >= r.i, e.range);
      default: return none_in(tmp, e.range);
    }
  }

  // A string template, written into `tmp`; None if any interpolated value is absent (the
  // setting is then omitted).
  const Value& str(const ast::Expr& e, Value& tmp) {
    if (e.parts.size() == 1 && !e.parts[0].expr) {
      fresh(tmp).kind = Value::Kind::Str;
      tmp.s = e.parts[0].text;
      tmp.range = e.range;
      return tmp;
    }
    fresh(tmp);  // its text is empty
    TemplateInfo info;
    if (!str_text(e, tmp.s, info)) return none_in(tmp, e.range);
    tmp.kind = Value::Kind::Str;
    tmp.range = e.range;
    tmp.secret = info.secret;
    tmp.role = info.role;
    return tmp;
  }

  // What a template's text carries besides its bytes.
  struct TemplateInfo {
    bool secret = false;
    TextRole role = TextRole::Plain;
  };

  // An interpolated value's text appended to `out`; false when it is absent.
  static bool append_text(const Value& v, std::string& out, TemplateInfo& info, int& labels) {
    if (v.is_none()) return false;
    char buf[24];
    out += text_view(v, buf);
    info.secret = info.secret || v.secret;
    labels += v.role == TextRole::Label;
    return true;
  }

  // The text of a template appended to `out` (the caller's string, so a recycled node's buffer
  // is written into); false when an interpolated value is absent (`out` is then partial).
  bool str_text(const ast::Expr& e, std::string& out, TemplateInfo& info) {
    int values = 0, labels = 0;
    for (const ast::StrPart& p : e.parts) {
      if (!p.expr) {
        out += p.text;
        continue;
      }
      // A path (most interpolations: {line.number}, {sip.username}) is read in place, with no
      // temporary value made and destroyed.
      if (is_path(*p.expr)) {
        const Value* v = path(*p.expr);
        if (!v || !append_text(*v, out, info, labels)) return false;
      } else {
        Value t;
        if (!append_text(get(*p.expr, t), out, info, labels)) return false;
      }
      ++values;
    }
    // A label only wrapped in quotes or brackets ("\"{label(x)}\"", Gigaset's string syntax) is
    // still the label: it keeps the charset policy and length limit. Anything more (a Cisco
    // "fnc=sd;ext=..;nme={name}") is plain text, encoded strictly.
    if (values == 1 && labels == 1 && !info.secret && punctuation_only(e)) info.role = TextRole::Label;
    return true;
  }

  // A template with interpolation (a literal one is copied as it is).
  static bool is_template(const ast::Expr& e) {
    return e.kind == ast::ExprKind::Str && !(e.parts.size() == 1 && !e.parts[0].expr);
  }

  // The literal parts of a template hold no letter or digit (nor anything beyond ASCII).
  static bool punctuation_only(const ast::Expr& e) {
    for (const ast::StrPart& p : e.parts)
      if (!p.expr)
        for (unsigned char c : p.text)
          if (c >= 0x80 || std::isalnum(c)) return false;
    return true;
  }

  void stmts(const std::vector<ast::Stmt>& list, NodeList& out, bool& secret) {
    std::size_t mark = vars.size();
    for (const ast::Stmt& s : list) stmt(s, out, secret);
    vars.erase(vars.begin() + static_cast<std::ptrdiff_t>(mark), vars.end());
  }

  // A template without interpolation: its text, read in place (most setting names are).
  static const std::string* literal(const ast::Expr& e) {
    return e.kind == ast::ExprKind::Str && e.parts.size() == 1 && !e.parts[0].expr ? &e.parts[0].text : nullptr;
  }

  // A setting's or element's name, written into `name` (empty, with a recycled buffer): a
  // literal copied as it is, a template written in place, else the key evaluated; false when
  // the key evaluates to nothing (the node is then left out).
  bool node_name(const ast::Expr& key, std::string& name) {
    if (const std::string* lit = literal(key)) {
      name.assign(*lit);
      return true;
    }
    if (key.kind == ast::ExprKind::Str) {
      TemplateInfo info;
      return str_text(key, name, info);
    }
    Value kt;
    const Value& k = get(key, kt);
    if (k.is_none()) return false;
    if (&k == &kt) name = std::move(kt.s);
    else name.assign(k.s);
    return true;
  }

  // The node is built in place at the end of `out` (a moved DocNode costs two string moves and
  // more), from a recycled node when there is one, and taken back when its name or its value
  // evaluates to nothing. The value is evaluated before the name, as the file reads.
  void leaf(const ast::Stmt& s, emit::DocNode::Kind kind, NodeList& out, bool& secret) {
    if (is_template(*s.value)) {
      // A template's text goes straight into the node's value.
      emit::DocNode& n = out.add();
      TemplateInfo info;
      if (!str_text(*s.value, n.value, info) || (s.key && !node_name(*s.key, n.name))) {
        out.drop();
        return;
      }
      finish_leaf(n, kind, s, s.value->range, info.secret, info.role, secret);
      return;
    }
    if (const std::string* lit = literal(*s.value)) {
      // A literal text goes straight into the node's value too (no copy into a temporary).
      emit::DocNode& n = out.add();
      if (s.key && !node_name(*s.key, n.name)) {
        out.drop();
        return;
      }
      n.value.assign(*lit);
      finish_leaf(n, kind, s, s.value->range, false, TextRole::Plain, secret);
      return;
    }
    Value vt;
    const Value& v = get(*s.value, vt);
    if (v.is_none()) return;
    emit::DocNode& n = out.add();
    if (s.key && !node_name(*s.key, n.name)) {
      out.drop();
      return;
    }
    if (v.kind == Value::Kind::Str) {
      if (&v == &vt) n.value = std::move(vt.s);
      else n.value.assign(v.s);
    } else {
      char buf[24];
      n.value.assign(text_view(v, buf));
    }
    finish_leaf(n, kind, s, v.range, v.secret, v.role, secret);
  }

  static void finish_leaf(emit::DocNode& n, emit::DocNode::Kind kind, const ast::Stmt& s, Range value_origin,
                          bool value_secret, TextRole role, bool& secret) {
    n.kind = kind;
    n.children.clear();  // an old element's
    n.origin = s.range;
    n.value_origin = value_origin;
    n.secret = value_secret;
    n.role = role;
    secret = secret || value_secret;
  }

  void stmt(const ast::Stmt& s, NodeList& out, bool& secret) {
    switch (s.kind) {
      case ast::StmtKind::Set: leaf(s, emit::DocNode::Kind::Pair, out, secret); break;
      case ast::StmtKind::Attr: leaf(s, emit::DocNode::Kind::Attr, out, secret); break;
      case ast::StmtKind::Text: leaf(s, emit::DocNode::Kind::Text, out, secret); break;
      case ast::StmtKind::Element:
      case ast::StmtKind::Section: {
        // Built in place, as a leaf is: only its children's vector (never `out`) grows meanwhile.
        emit::DocNode& n = out.add();
        if (!node_name(*s.key, n.name)) {
          out.drop();
          return;
        }
        n.kind = s.kind == ast::StmtKind::Element ? emit::DocNode::Kind::Element : emit::DocNode::Kind::Section;
        n.origin = s.range;
        n.children.reserve(s.body.size());  // one allocation when each statement gives one node
        NodeList children{n.children};  // `out` does not change meanwhile: `n` stays where it is
        stmts(s.body, children, secret);
        children.finish();
        for (emit::DocNode& c : n.children)  // text is named after its element in diagnostics
          if (c.kind == emit::DocNode::Kind::Text) c.name = n.name;
        break;
      }
      case ast::StmtKind::Let: {
        // Stored data (let sip = line.sip) is bound in place, as a `for` item is: it is immutable
        // and outlives the binding. A computed value is held; so is a copy of another `let`'s
        // value, which moves when the bindings grow (what is inside it, behind a pointer, does not).
        Value t;
        const Value& v = get(*s.value, t);
        if (&v == &t) vars.emplace_back(s.var, std::move(t));
        else if (in_bindings(&v)) vars.emplace_back(s.var, Value(v));
        else vars.emplace_back(s.var, &v);
        break;
      }
      case ast::StmtKind::For: {
        // The items are read where they are: a list is immutable and held by its value, which
        // (a binding of an enclosing scope, stored data or `held`) outlives the loop even when
        // the loop's own bindings move the enclosing ones.
        Value held;
        const Value* list = &get(*s.value, held);
        if (list->kind == Value::Kind::Map) {
          held = entries(*list);
          list = &held;
        }
        if (list->kind != Value::Kind::List) return;
        const ValueList& items = *list->list;
        for (const Value& item : items) {
          std::size_t mark = vars.size();
          vars.emplace_back(s.var, &item);
          stmts(s.body, out, secret);
          vars.erase(vars.begin() + static_cast<std::ptrdiff_t>(mark), vars.end());
        }
        break;
      }
      case ast::StmtKind::If: {
        if (truthy(*s.value)) stmts(s.body, out, secret);
        else stmts(s.else_body, out, secret);
        break;
      }
      case ast::StmtKind::Require: require(s); break;
    }
  }

  // A requirement the data does not meet: an error at the inventory value the condition reads
  // (a device's password, a site's label...), with a note at the model's requirement.
  void require(const ast::Stmt& s) {
    Value ok = expr(*s.value);
    if (ok.truthy() || ok.is_none()) return;  // an absent value is not written, so not wrong
    Value message = expr(*s.key);
    std::string text = message.is_none() ? std::string("a requirement of the model is not met") : message.to_text();
    if (message.secret) text = "a requirement of the model is not met (the message would show a secret)";
    Range at = blame(*s.value);
    diags_.error(at.valid() ? at : s.range, "requirement", model_ + ": " + text, {Note{s.range, "required here"}});
  }

  // The first value written in an inventory (not in this model) that an expression reads.
  Range blame(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::Name || e.kind == ast::ExprKind::Member || e.kind == ast::ExprKind::Index) {
      Value v = expr(e);
      if (v.range.valid() && v.range.file != e.range.file && v.kind != Value::Kind::Record) return v.range;
    }
    for (const ast::ExprPtr& a : e.args)
      if (a) {
        Range r = blame(*a);
        if (r.valid()) return r;
      }
    return Range{};
  }

 private:
  // The firmware the device (or, for shared files, the site) runs and its language packs: only
  // built when a file reads them (most files do not).
  const std::pair<Value, Value>& assets() {
    if (assets_) return *assets_;
    const Value& who = device_ ? device_->value : site_;
    std::string version = firmware_version(prog_, *env_.model, who);
    // What the records depend on besides the model: the version and the provisioning URL.
    std::string key = version;
    key += '\x1f';
    if (who.kind == Value::Kind::Record && who.rec && who.rec->def)
      if (const Value* base = who.field(who.rec->def->slot("provisioning_url")); base && !base->is_none()) {
        key += '\x1e';
        key += base->s;
      }
    {
      std::lock_guard lock(env_.assets_mutex);
      if (auto it = env_.assets_by_key.find(key); it != env_.assets_by_key.end()) return *(assets_ = &it->second);
    }
    std::pair<Value, Value> made;  // firmware, language_packs
    auto packs = std::make_shared<ValueList>();
    for (const Asset* a : assets_for(*env_.model, version)) {
      if (a->kind == "firmware" && made.first.is_none()) made.first = asset_value(prog_, *a, version, who);
      else if (a->kind == "language") packs->push_back(asset_value(prog_, *a, version, who));
    }
    made.second.kind = Value::Kind::List;
    made.second.list = packs;
    std::lock_guard lock(env_.assets_mutex);
    // Map entries never move nor go; past a few hundred URLs (one per device?) stop keeping them.
    if (env_.assets_by_key.size() < 256) return *(assets_ = &env_.assets_by_key.try_emplace(std::move(key), std::move(made)).first->second);
    own_assets_ = std::move(made);
    return *(assets_ = &own_assets_);
  }

  const Program& prog_;
  Diagnostics& diags_;
  const ModelEnv& env_;
  const std::string& model_;
  const Device* device_;
  const Value& site_;
  const Value& devices_;
  const Value& codes_;
  const std::pair<Value, Value>* assets_ = nullptr;  // firmware, language_packs, once read
  std::pair<Value, Value> own_assets_;
};

Value asset_value(const Program& prog, const Asset& a, const std::string& version, const Value& who) {
  const RecordDef* info = prog.record("asset_info");
  if (!info) return Value::none();
  RecordBuilder out(*info);
  auto set = [&](const char* f, Value v) { out.set(f, std::move(v)); };
  set("id", Value::str(a.id, a.range));
  set("kind", Value::str(a.kind, a.range));
  set("version", Value::str(version, a.range));
  set("path", Value::str(a.path, a.range));
  set("file_name", Value::str(a.path.substr(a.path.rfind('/') + 1), a.range));
  if (a.size >= 0) set("size", Value::integer(a.size, a.range));
  if (!a.sha256.empty()) set("sha256", Value::str(a.sha256, a.range));
  if (who.kind == Value::Kind::Record && who.rec && who.rec->def)
    if (const Value* base = who.field(who.rec->def->slot("provisioning_url")); base && !base->is_none()) {
      std::string b = base->s;
      while (!b.empty() && b.back() == '/') b.pop_back();
      set("url", Value::str(b + "/" + a.path, a.range));
    }
  return out.value();
}

// A model's table as values (what Model::map_values gives): the entries arrive in key order, so
// each goes at the end of the map without a search, and literal text is moved in, not copied.
// Every model's every table is built per batch of devices, so this is on the per-device path.
ValueMap table_values(const std::map<std::string, const ast::Property*>& entries) {
  ValueMap out;
  for (auto& [k, p] : entries) {
    const ast::Expr& e = *p->values.at(0);
    Value v;
    if (e.kind == ast::ExprKind::Int) v = Value::integer(e.int_value, e.range);
    else if (e.kind == ast::ExprKind::Bool) v = Value::boolean(e.bool_value, e.range);
    else {
      std::string s;
      literal_text(e, s);
      v = Value::str(std::move(s), e.range);
    }
    out.emplace_hint(out.end(), k, std::move(v));
  }
  return out;
}

}  // namespace

std::shared_ptr<const ModelEnv> make_model_env(Program& prog, const Model& model) {
  auto env = std::make_shared<ModelEnv>();
  env->model = &model;
  for (auto& [name, entries] : model.maps) {
    env->tables.emplace_back(name, map_value(table_values(entries)));
    env->table_ids.push_back(names::table_id(name));
  }
  if (const RecordDef* info = prog.record("model_info")) {
    RecordBuilder out(*info);
    auto set = [&](const char* f, Value v) { out.set(f, std::move(v)); };
    std::string short_name = model.name.substr(model.name.find('.') + 1);
    set("name", Value::str(model.name));
    set("short_name", Value::str(short_name));
    set("vendor", Value::str(model.vendor));
    set("lines", Value::integer(model.lines));
    set("line_keys", Value::integer(model.line_keys));
    set("expansion_modules", Value::integer(model.expansion_modules));
    set("expansion_keys", Value::integer(model.expansion_keys));
    for (const char* text_prop : {"title", "firmware", "firmware_url", "docs_url"}) {
      std::string v = model.prop_text(text_prop);
      if (!v.empty()) set(text_prop, Value::str(v));
    }
    env->model_info = out.value();
  }
  return env;
}

Value profile_codes(const Program& prog, const std::string& profile) {
  ValueMap m;
  if (auto it = prog.profiles.find(profile); it != prog.profiles.end())
    for (auto& [name, sc] : it->second.codes) m[name] = Value::str(sc.code, sc.range);
  return map_value(std::move(m));
}

bool eval_file(const Program& prog, const ModelEnv& env, const FileSpec& spec, const Device* device, const Value& site,
               const Value& devices, const Value& codes, Diagnostics& diags, RenderedFile& out) {
  Evaluator ev(prog, diags, env, device, site, devices, codes);
  std::size_t errors_before = diags.error_count();
  Value path = ev.expr(*spec.decl->pattern);
  out.spec = &spec;
  out.path_origin = spec.decl->pattern->range;
  if (path.is_none() || path.s.empty()) {
    diags.error(spec.decl->pattern->range, "empty-path",
                "the path of file '" + spec.decl->id + "' of " + env.model->name + " is empty for " +
                    (device ? "device " + device->mac : std::string("this site")) + " (some data it uses is absent)");
    return false;
  }
  out.path = std::move(path.s);
  // Loops over lines and keys make most files longer than their list of statements: the size
  // the file had for the last device of this thread is reserved too, so the vector (whose nodes
  // are moved at each growth) grows once. Only a capacity: a stale entry changes no output.
  thread_local std::unordered_map<const FileSpec*, std::size_t> last_size;
  std::size_t& hint = last_size[&spec];
  // Nodes the caller left in `out` stay, the new ones follow; else an earlier file's list is
  // written over.
  const std::size_t kept = out.doc.nodes.size();
  if (kept == 0 && out.doc.nodes.capacity() == 0 && !spare_lists().empty()) {
    out.doc.nodes = std::move(spare_lists().back());
    spare_lists().pop_back();
  }
  out.doc.nodes.reserve(std::max(spec.decl->content.size(), hint));
  NodeList nodes{out.doc.nodes, kept};
  ev.stmts(spec.decl->content, nodes, out.doc.secret);
  nodes.finish();
  if (last_size.size() > 4096) last_size.clear();  // programs come and go (tests, the language server)
  else hint = out.doc.nodes.size();
  return diags.error_count() == errors_before;
}

void recycle(emit::Doc&& doc) {
  std::size_t budget = max_spare_nodes;
  if (!doc.nodes.empty() && spare_lists().size() < max_spare_lists && fits(doc.nodes, budget))
    spare_lists().push_back(std::move(doc.nodes));
  doc.nodes = {};
  doc.secret = false;
}

Value eval_expr_for_device(const Program& prog, const ModelEnv& env, const ast::Expr& e, const Device& device,
                           const Value& codes, Diagnostics& diags) {
  static const Value no_devices;
  Evaluator ev(prog, diags, env, &device, device.site, no_devices, codes);
  return ev.expr(e);
}

}  // namespace phonec::sema
