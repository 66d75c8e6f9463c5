#include "sema/content_check.h"

#include "sema/builtins.h"
#include "sema/name_slots.h"
#include "syntax/suggest.h"

namespace phonec::sema {

namespace {

TypePtr record_type(Program& prog, const char* name) {
  auto t = std::make_shared<Type>();
  t->prim = Prim::Record;
  t->rec = prog.record(name);
  t->name = name;
  if (!t->rec) return prim_type(Prim::Any);
  return t;
}

TypePtr list_of(TypePtr elem) {
  auto t = std::make_shared<Type>();
  t->prim = Prim::List;
  t->elem = std::move(elem);
  return t;
}

TypePtr map_of(TypePtr elem) {
  auto t = std::make_shared<Type>();
  t->prim = Prim::Map;
  t->elem = std::move(elem);
  return t;
}

class Checker {
 public:
  Checker(Program& prog, std::string format, std::vector<std::pair<std::string, TypePtr>> globals)
      : prog_(prog), format_(std::move(format)), vars_(std::move(globals)), globals_(vars_.size()) {}

  void file(const ast::FileDecl& f) {
    expr(*f.pattern);
    stmts(f.content, 0);
  }
  void option_value(const ast::Expr& e) {
    TypePtr t = expr(e);
    if (t->prim == Prim::List && t->elem && (t->elem->is_scalar() || t->elem->prim == Prim::Any)) return;
    if (!t->is_scalar() && t->prim != Prim::Any)
      error(e.range, "bad-option-value", "a DHCP option's value must be a scalar or a list of scalars, not " + t->describe());
  }

 private:
  void error(Range r, const std::string& code, const std::string& msg) { prog_.diags.error(r, code, msg); }

  void stmts(const std::vector<ast::Stmt>& list, int element_depth) {
    std::size_t mark = vars_.size();
    for (const ast::Stmt& s : list) stmt(s, element_depth);
    vars_.resize(mark);
  }

  void allowed(const ast::Stmt& s, int element_depth) {
    const std::string& f = format_;
    auto no = [&](const char* what) {
      error(s.range, "bad-statement", std::string(what) + " is not allowed in a " + f + " file");
    };
    switch (s.kind) {
      case ast::StmtKind::Element:
        if (f != "xml") no("'element'");
        break;
      case ast::StmtKind::Attr:
        if (f != "xml") no("an attribute");
        else if (element_depth == 0) error(s.range, "bad-statement", "an attribute must be inside an element");
        break;
      case ast::StmtKind::Text:
        if (f != "xml") no("'text'");
        else if (element_depth == 0) error(s.range, "bad-statement", "'text' must be inside an element");
        break;
      case ast::StmtKind::Section:
        if (f != "ini") no("'section'");
        else if (element_depth > 0) error(s.range, "bad-statement", "sections cannot be nested");
        break;
      case ast::StmtKind::Set:
        if (f == "xml" && element_depth == 0) error(s.range, "bad-statement", "an XML setting must be inside an element");
        break;
      default:
        break;
    }
  }

  void scalar_value(const ast::Expr& e) {
    TypePtr t = expr(e);
    if (!t->is_scalar() && t->prim != Prim::Any)
      error(e.range, "bad-setting-value", "a setting's value must be text, a number or a boolean, not " + t->describe());
  }

  void stmt(const ast::Stmt& s, int depth) {
    allowed(s, depth);
    switch (s.kind) {
      case ast::StmtKind::Set:
      case ast::StmtKind::Attr:
        expr(*s.key);
        scalar_value(*s.value);
        break;
      case ast::StmtKind::Text:
        scalar_value(*s.value);
        break;
      case ast::StmtKind::Element:
      case ast::StmtKind::Section:
        expr(*s.key);
        stmts(s.body, depth + 1);
        break;
      case ast::StmtKind::Let:
        vars_.emplace_back(s.var, expr(*s.value));
        break;
      case ast::StmtKind::For: {
        TypePtr t = expr(*s.value);
        TypePtr elem = prim_type(Prim::Any);
        if (t->prim == Prim::List) elem = t->elem;
        else if (t->prim == Prim::Map) elem = map_of(prim_type(Prim::Any));
        else if (t->prim != Prim::Any) error(s.value->range, "not-iterable", "'for' needs a list, got " + t->describe());
        std::size_t mark = vars_.size();
        vars_.emplace_back(s.var, elem);
        stmts(s.body, depth);
        vars_.resize(mark);
        break;
      }
      case ast::StmtKind::If:
        expr(*s.value);
        stmts(s.body, depth);
        stmts(s.else_body, depth);
        break;
      case ast::StmtKind::Require:
        expr(*s.value);
        expr(*s.key);
        break;
    }
  }

  TypePtr expr(const ast::Expr& e) {
    switch (e.kind) {
      case ast::ExprKind::Int: return prim_type(Prim::Int);
      case ast::ExprKind::Bool: return prim_type(Prim::Bool);
      case ast::ExprKind::None: return prim_type(Prim::Any);
      case ast::ExprKind::Str:
        for (const ast::StrPart& p : e.parts)
          if (p.expr) {
            TypePtr t = expr(*p.expr);
            if (!t->is_scalar() && t->prim != Prim::Any)
              error(p.expr->range, "bad-interpolation", "cannot interpolate " + t->describe() + " into text");
          }
        return prim_type(Prim::Text);
      case ast::ExprKind::List: {
        TypePtr elem = prim_type(Prim::Any);
        for (auto& a : e.args) elem = expr(*a);
        return list_of(elem);
      }
      case ast::ExprKind::Name: {
        for (std::size_t i = vars_.size(); i-- > 0;)
          if (vars_[i].first == e.name) {
            // The evaluator reads the binding (or the global) at this slot without a search.
            e.slot = i >= globals_ ? static_cast<int>(i - globals_) : names::global_slot(e.name, names::classify(e.name));
            return vars_[i].second;
          }
        std::vector<std::string> names;
        for (auto& [n, _] : vars_) names.push_back(n);
        std::string msg = "unknown name '" + e.name + "'";
        msg += suggestion(e.name, names);
        error(e.range, "unknown-name", msg);
        return prim_type(Prim::Any);
      }
      case ast::ExprKind::Member: {
        TypePtr obj = expr(*e.args[0]);
        if (obj->prim == Prim::Record && obj->rec) {
          int slot = obj->rec->slot(e.name);
          if (slot < 0) {
            std::string msg = "record '" + obj->rec->name + "' has no field '" + e.name + "'";
            msg += suggestion(e.name, obj->rec->field_names());
            error(e.name_range, "unknown-field", msg);
            return prim_type(Prim::Any);
          }
          e.slot = slot;
          return obj->rec->fields[static_cast<std::size_t>(slot)].type;
        }
        if (obj->prim == Prim::Map) return obj->elem ? obj->elem : prim_type(Prim::Any);
        if (obj->prim == Prim::Any) return obj;
        error(e.name_range, "not-a-record", "'." + e.name + "' needs a record, got " + obj->describe());
        return prim_type(Prim::Any);
      }
      case ast::ExprKind::Index: {
        TypePtr obj = expr(*e.args[0]);
        TypePtr idx = expr(*e.args[1]);
        if (obj->prim == Prim::List) {
          if (idx->prim != Prim::Int && idx->prim != Prim::Any) error(e.args[1]->range, "bad-index", "a list index is an integer");
          return obj->elem;
        }
        if (obj->prim == Prim::Map) {
          if (!idx->is_scalar() && idx->prim != Prim::Any) error(e.args[1]->range, "bad-index", "a table key is text");
          return obj->elem ? obj->elem : prim_type(Prim::Any);
        }
        if (obj->prim != Prim::Any) error(e.range, "not-indexable", "cannot index " + obj->describe());
        return prim_type(Prim::Any);
      }
      case ast::ExprKind::Call: {
        const Builtin* b = find_builtin(e.name);
        std::vector<TypePtr> args;
        for (auto& a : e.args) args.push_back(expr(*a));
        if (!b) {
          std::vector<std::string> names;
          for (auto& x : builtins()) names.push_back(x.name);
          std::string msg = "unknown function '" + e.name + "'";
          msg += suggestion(e.name, names);
          error(e.name_range, "unknown-function", msg);
          return prim_type(Prim::Any);
        }
        e.slot = static_cast<int>(b - builtins().data());  // the evaluator calls it without a search
        if (args.size() != b->params.size()) {
          error(e.range, "bad-call", std::string(b->name) + "() takes " + std::to_string(b->params.size()) + " argument(s), got " +
                                         std::to_string(args.size()));
        } else {
          for (std::size_t i = 0; i < args.size(); ++i) {
            Prim want = b->params[i], got = args[i]->prim;
            bool ok = got == Prim::Any || want == got ||
                      (want == Prim::Any && args[i]->is_scalar()) ||
                      (want == Prim::Text && args[i]->is_text());
            if (!ok)
              error(e.args[i]->range, "bad-argument", std::string(b->name) + "() argument " + std::to_string(i + 1) + " must be " +
                                                          prim_type(want)->describe() + ", got " + args[i]->describe());
          }
        }
        return prim_type(b->result);
      }
      case ast::ExprKind::Cond: {
        expr(*e.args[0]);
        TypePtr a = expr(*e.args[1]);
        TypePtr b = expr(*e.args[2]);
        return a->prim == Prim::Any ? b : a;
      }
      case ast::ExprKind::Unary: {
        TypePtr t = expr(*e.args[0]);
        if (e.name == "-") {
          if (t->prim != Prim::Int && t->prim != Prim::Any) error(e.range, "bad-operand", "'-' needs an integer");
          return prim_type(Prim::Int);
        }
        return prim_type(Prim::Bool);
      }
      case ast::ExprKind::Binary: {
        TypePtr l = expr(*e.args[0]);
        TypePtr r = expr(*e.args[1]);
        const std::string& op = e.name;
        if (op == "and" || op == "or" || op == "==" || op == "!=") return prim_type(Prim::Bool);
        if (op == "??") return l->prim == Prim::Any ? r : l;
        bool ints = (l->prim == Prim::Int || l->prim == Prim::Any) && (r->prim == Prim::Int || r->prim == Prim::Any);
        if (op == "+" && (l->is_text() || r->is_text()) && l->is_scalar() && r->is_scalar()) return prim_type(Prim::Text);
        if (!ints) error(e.name_range, "bad-operand", "'" + op + "' needs integers, got " + l->describe() + " and " + r->describe());
        if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") return prim_type(Prim::Int);
        return prim_type(Prim::Bool);
      }
    }
    return prim_type(Prim::Any);
  }

  Program& prog_;
  std::string format_;
  std::vector<std::pair<std::string, TypePtr>> vars_;  // the globals, then the bindings in scope
  std::size_t globals_;
};

}  // namespace

std::vector<std::pair<std::string, TypePtr>> content_globals(Program& prog, const Model& model, const std::string& scope) {
  std::vector<std::pair<std::string, TypePtr>> g;
  for (auto& [name, _] : model.maps) g.emplace_back(name, map_of(prim_type(Prim::Any)));
  g.emplace_back("codes", map_of(prim_type(Prim::Dial)));
  g.emplace_back("firmware", record_type(prog, "asset_info"));
  g.emplace_back("language_packs", list_of(record_type(prog, "asset_info")));
  g.emplace_back("model", record_type(prog, "model_info"));
  g.emplace_back("site", record_type(prog, "site"));
  if (scope == "device") g.emplace_back("device", record_type(prog, "device"));
  else g.emplace_back("devices", list_of(record_type(prog, "device")));
  return g;
}

void check_model_contents(Program& prog, const Model& model) {
  // Each declaration is checked once, in the first model that uses it: a family's file is
  // inherited by many models and its errors are the same for all of them.
  for (const FileSpec& f : model.files) {
    if (!prog.checked.insert(f.decl).second) continue;
    Checker(prog, f.format, content_globals(prog, model, f.decl->scope)).file(*f.decl);
  }
  for (const ast::OptionUse* o : model.dhcp) {
    if (!prog.checked.insert(o).second) continue;
    Checker(prog, "dhcp", content_globals(prog, model, "device")).option_value(*o->value);
  }
}

}  // namespace phonec::sema
