#include "sema/eval.h"

#include <cctype>

#include "sema/assets.h"
#include "sema/builtins.h"
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

class Evaluator {
 public:
  Evaluator(const Program& prog, Diagnostics& diags, std::string model = {})
      : prog_(prog), diags_(diags), model_(std::move(model)) {}

  std::vector<std::pair<std::string_view, Value>> vars;

  Value expr(const ast::Expr& e) {
    switch (e.kind) {
      case ast::ExprKind::Int: return Value::integer(e.int_value, e.range);
      case ast::ExprKind::Bool: return Value::boolean(e.bool_value, e.range);
      case ast::ExprKind::None: return Value::none(e.range);
      case ast::ExprKind::Str: return str(e);
      case ast::ExprKind::List: {
        auto list = std::make_shared<ValueList>();
        for (auto& a : e.args) list->push_back(expr(*a));
        Value v;
        v.kind = Value::Kind::List;
        v.list = list;
        v.range = e.range;
        return v;
      }
      case ast::ExprKind::Name:
        for (auto it = vars.rbegin(); it != vars.rend(); ++it)
          if (it->first == e.name) return it->second;
        return Value::none(e.range);
      case ast::ExprKind::Member: {
        Value obj = expr(*e.args[0]);
        if (obj.kind == Value::Kind::Record) {
          const Value* f = obj.field(e.slot);
          return f ? *f : Value::none(e.range);
        }
        if (obj.kind == Value::Kind::Map) return lookup(obj, e.name, e.range);
        return Value::none(e.range);
      }
      case ast::ExprKind::Index: {
        Value obj = expr(*e.args[0]);
        Value idx = expr(*e.args[1]);
        if (obj.kind == Value::Kind::List && idx.kind == Value::Kind::Int) {
          if (idx.i < 0 || static_cast<std::size_t>(idx.i) >= obj.list->size()) return Value::none(e.range);
          return (*obj.list)[static_cast<std::size_t>(idx.i)];
        }
        if (obj.kind == Value::Kind::Map && !idx.is_none()) return lookup(obj, idx.to_text(), e.range);
        return Value::none(e.range);
      }
      case ast::ExprKind::Call: {
        const Builtin* b = find_builtin(e.name);
        std::vector<Value> args;
        for (auto& a : e.args) {
          args.push_back(expr(*a));
          // Absent data propagates: a function of nothing is nothing (except count/join of lists).
          if (args.back().is_none() && b && b->params[args.size() - 1] != Prim::List) return Value::none(e.range);
        }
        if (!b) return Value::none(e.range);
        std::string err;
        Value v = b->fn(args, err);
        if (!err.empty()) {
          // Point at the inventory value that caused it when there is one (a device's zone).
          Range at = e.range;
          for (const Value& a : args)
            if (a.kind != Value::Kind::Map && a.range.valid() && a.range.file != e.range.file) at = a.range;
          diags_.error(at, "eval", err + (model_.empty() ? std::string() : " (on " + model_ + ")"),
                       {Note{e.range, "required by this expression in the model"}});
        }
        return v;
      }
      case ast::ExprKind::Unary: {
        Value v = expr(*e.args[0]);
        if (e.name == "not") return Value::boolean(!v.truthy(), e.range);
        if (v.kind != Value::Kind::Int) return Value::none(e.range);
        return Value::integer(-v.i, e.range);
      }
      case ast::ExprKind::Binary: return binary(e);
      case ast::ExprKind::Cond: return expr(*e.args[0]).truthy() ? expr(*e.args[1]) : expr(*e.args[2]);
    }
    return Value::none(e.range);
  }

  // A table iterated with `for`: its entries in key order, each with .key and .value.
  static Value entries(const Value& map) {
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
    return out;
  }

  Value lookup(const Value& map, const std::string& key, Range r) {
    auto it = map.map->find(key);
    if (it == map.map->end()) return Value::none(r);
    return it->second;
  }

  Value binary(const ast::Expr& e) {
    const std::string& op = e.name;
    if (op == "and") {
      Value l = expr(*e.args[0]);
      return l.truthy() ? Value::boolean(expr(*e.args[1]).truthy(), e.range) : Value::boolean(false, e.range);
    }
    if (op == "or") {
      Value l = expr(*e.args[0]);
      return l.truthy() ? Value::boolean(true, e.range) : Value::boolean(expr(*e.args[1]).truthy(), e.range);
    }
    if (op == "??") {
      Value l = expr(*e.args[0]);
      return l.is_none() ? expr(*e.args[1]) : l;
    }
    Value l = expr(*e.args[0]);
    Value r = expr(*e.args[1]);
    if (op == "==" || op == "!=") {
      bool eq = l.kind == r.kind && l.to_text() == r.to_text();
      if (l.is_none() && r.is_none()) eq = true;
      if (l.kind != r.kind && !l.is_none() && !r.is_none()) eq = l.to_text() == r.to_text();
      return Value::boolean(op == "==" ? eq : !eq, e.range);
    }
    if (l.is_none() || r.is_none()) return Value::none(e.range);
    if (op == "+" && (l.kind == Value::Kind::Str || r.kind == Value::Kind::Str)) {
      Value v = Value::str(l.to_text() + r.to_text(), e.range);
      v.secret = l.secret || r.secret;
      return v;
    }
    if (l.kind != Value::Kind::Int || r.kind != Value::Kind::Int) return Value::none(e.range);
    if (op == "+") return Value::integer(l.i + r.i, e.range);
    if (op == "-") return Value::integer(l.i - r.i, e.range);
    if (op == "*") return Value::integer(l.i * r.i, e.range);
    if (op == "/" || op == "%") {
      if (r.i == 0) {
        diags_.error(e.range, "division-by-zero", "division by zero");
        return Value::none(e.range);
      }
      return Value::integer(op == "/" ? l.i / r.i : l.i % r.i, e.range);
    }
    if (op == "<") return Value::boolean(l.i < r.i, e.range);
    if (op == "<=") return Value::boolean(l.i <= r.i, e.range);
    if (op == ">") return Value::boolean(l.i > r.i, e.range);
    if (op == ">=") return Value::boolean(l.i >= r.i, e.range);
    return Value::none(e.range);
  }

  // A string template; None if any interpolated value is absent (the setting is then omitted).
  Value str(const ast::Expr& e) {
    if (e.parts.size() == 1 && !e.parts[0].expr) return Value::str(e.parts[0].text, e.range);
    std::string out;
    bool secret = false;
    int values = 0, labels = 0;
    bool punctuation_only = true;
    for (const ast::StrPart& p : e.parts) {
      if (!p.expr) {
        out += p.text;
        for (unsigned char c : p.text) punctuation_only = punctuation_only && c < 0x80 && !std::isalnum(c);
        continue;
      }
      Value v = expr(*p.expr);
      if (v.is_none()) return Value::none(e.range);
      out += v.to_text();
      secret = secret || v.secret;
      ++values;
      labels += v.role == TextRole::Label;
    }
    Value v = Value::str(std::move(out), e.range);
    v.secret = secret;
    // A label only wrapped in quotes or brackets ("\"{label(x)}\"", Gigaset's string syntax) is
    // still the label: it keeps the charset policy and length limit. Anything more (a Cisco
    // "fnc=sd;ext=..;nme={name}") is plain text, encoded strictly.
    if (values == 1 && labels == 1 && punctuation_only && !secret) v.role = TextRole::Label;
    return v;
  }

  void stmts(const std::vector<ast::Stmt>& list, std::vector<emit::DocNode>& out, bool& secret) {
    std::size_t mark = vars.size();
    for (const ast::Stmt& s : list) stmt(s, out, secret);
    vars.resize(mark);
  }

  void leaf(const ast::Stmt& s, emit::DocNode::Kind kind, std::vector<emit::DocNode>& out, bool& secret) {
    Value v = expr(*s.value);
    if (v.is_none()) return;
    emit::DocNode n;
    n.kind = kind;
    if (s.key) {
      Value k = expr(*s.key);
      if (k.is_none()) return;
      n.name = k.s;
    }
    n.value = v.to_text();
    n.origin = s.range;
    n.value_origin = v.range;
    n.secret = v.secret;
    n.role = v.role;
    secret = secret || v.secret;
    out.push_back(std::move(n));
  }

  void stmt(const ast::Stmt& s, std::vector<emit::DocNode>& out, bool& secret) {
    switch (s.kind) {
      case ast::StmtKind::Set: leaf(s, emit::DocNode::Kind::Pair, out, secret); break;
      case ast::StmtKind::Attr: leaf(s, emit::DocNode::Kind::Attr, out, secret); break;
      case ast::StmtKind::Text: leaf(s, emit::DocNode::Kind::Text, out, secret); break;
      case ast::StmtKind::Element:
      case ast::StmtKind::Section: {
        Value k = expr(*s.key);
        if (k.is_none()) return;
        emit::DocNode n;
        n.kind = s.kind == ast::StmtKind::Element ? emit::DocNode::Kind::Element : emit::DocNode::Kind::Section;
        n.name = k.s;
        n.origin = s.range;
        stmts(s.body, n.children, secret);
        for (emit::DocNode& c : n.children)  // text is named after its element in diagnostics
          if (c.kind == emit::DocNode::Kind::Text) c.name = n.name;
        out.push_back(std::move(n));
        break;
      }
      case ast::StmtKind::Let: vars.emplace_back(s.var, expr(*s.value)); break;
      case ast::StmtKind::For: {
        Value list = expr(*s.value);
        if (list.kind == Value::Kind::Map) list = entries(list);
        if (list.kind != Value::Kind::List) return;
        for (const Value& item : *list.list) {
          std::size_t mark = vars.size();
          vars.emplace_back(s.var, item);
          stmts(s.body, out, secret);
          vars.resize(mark);
        }
        break;
      }
      case ast::StmtKind::If:
        if (expr(*s.value).truthy()) stmts(s.body, out, secret);
        else stmts(s.else_body, out, secret);
        break;
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
  const Program& prog_;
  Diagnostics& diags_;
  std::string model_;
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

void bind_globals(const Program& prog, Evaluator& ev, const ModelEnv& env, const Device* device, const Value& site,
                  const Value& devices, const Value& codes) {
  // The firmware the device (or, for shared files, the site) runs and its language packs.
  const Value& who = device ? device->value : site;
  Value firmware;
  auto packs = std::make_shared<ValueList>();
  std::string version = firmware_version(prog, *env.model, who);
  for (const Asset* a : assets_for(*env.model, version)) {
    if (a->kind == "firmware" && firmware.is_none()) firmware = asset_value(prog, *a, version, who);
    else if (a->kind == "language") packs->push_back(asset_value(prog, *a, version, who));
  }
  Value languages;
  languages.kind = Value::Kind::List;
  languages.list = packs;
  ev.vars.emplace_back("firmware", firmware);
  ev.vars.emplace_back("language_packs", languages);
  for (auto& [n, v] : env.tables) ev.vars.emplace_back(n, v);
  ev.vars.emplace_back("codes", codes);
  ev.vars.emplace_back("model", env.model_info);
  ev.vars.emplace_back("site", site);
  if (device) ev.vars.emplace_back("device", device->value);
  else ev.vars.emplace_back("devices", devices);
}

}  // namespace

std::shared_ptr<const ModelEnv> make_model_env(Program& prog, const Model& model) {
  auto env = std::make_shared<ModelEnv>();
  env->model = &model;
  for (auto& [name, _] : model.maps) env->tables.emplace_back(name, map_value(model.map_values(name)));
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
  Evaluator ev(prog, diags, env.model->name);
  bind_globals(prog, ev, env, device, site, devices, codes);
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
  out.path = path.s;
  ev.stmts(spec.decl->content, out.doc.nodes, out.doc.secret);
  return diags.error_count() == errors_before;
}

Value eval_expr_for_device(const Program& prog, const ModelEnv& env, const ast::Expr& e, const Device& device,
                           const Value& codes, Diagnostics& diags) {
  Evaluator ev(prog, diags, env.model->name);
  bind_globals(prog, ev, env, &device, device.site, Value::none(), codes);
  return ev.expr(e);
}

}  // namespace phonec::sema
