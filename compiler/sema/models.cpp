#include "sema/models.h"

#include <algorithm>

#include "sema/assets.h"
#include "sema/loader.h"
#include "sema/symbols.h"
#include "syntax/suggest.h"

namespace phonec::sema {

namespace {

enum class PropKind { Text, Int, Bool, TextList, IntList, Word, WordList };
struct PropSpec {
  const char* name;
  PropKind kind;
  std::vector<std::string> words;  // allowed identifiers for Word/WordList
};

const std::vector<PropSpec>& model_schema() {
  static const std::vector<PropSpec> s = {
      {"title", PropKind::Text, {}},
      {"firmware", PropKind::Text, {}},
      {"firmware_url", PropKind::Text, {}},
      {"firmware_login", PropKind::Bool, {}},
      {"docs_url", PropKind::Text, {}},
      {"default_credentials", PropKind::Text, {}},
      {"factory_reset", PropKind::Text, {}},
      {"oui", PropKind::TextList, {}},
      {"vendor_class", PropKind::TextList, {}},
      {"user_agent", PropKind::Text, {}},
      {"transport", PropKind::WordList, {"http", "https", "tftp"}},
      {"lines", PropKind::Int, {}},
      {"line_keys", PropKind::Int, {}},
      {"expansion_modules", PropKind::Int, {}},
      {"expansion_keys", PropKind::Int, {}},
      {"label_max", PropKind::Int, {}},
      {"label_unit", PropKind::Word, {"graphemes", "columns", "bytes"}},
      {"label_overflow", PropKind::Word, {"truncate", "error"}},
      {"charset_policy", PropKind::Word, {"error", "transliterate", "replace"}},
      {"transliterator", PropKind::Text, {}},
      {"timezone_style", PropKind::Word,
       {"yealink", "polycom", "aastra", "cisco", "snom", "fanvil", "grandstream", "htek", "gigaset", "olson", "manual"}},
      // What a device's time zone becomes on a model whose files cannot carry it (style manual: set by hand on the phone):
      // an error (the default) or a warning; never silence.
      {"timezone_fallback", PropKind::Word, {"error", "warning"}},
      {"dhcp_request", PropKind::IntList, {}},
      {"dhcp_vendor_class", PropKind::Text, {}},
      // A model phonec knows but cannot provision (documentation and lab facts only): a device
      // of this model is an error giving this reason.
      {"unsupported", PropKind::Text, {}},
  };
  return s;
}

const std::vector<PropSpec>& file_schema() {
  static const std::vector<PropSpec> s = {
      {"format", PropKind::Word, {"keyvalue", "xml", "ini", "quoted"}},
      {"encoding", PropKind::Text, {}},
      {"newline", PropKind::Word, {"lf", "crlf"}},
      {"separator", PropKind::Text, {}},
      {"empty", PropKind::Text, {}},
      {"header", PropKind::Text, {}},
      {"footer", PropKind::Text, {}},
      {"xml_declaration", PropKind::Bool, {}},
      {"quote", PropKind::Text, {}},
  };
  return s;
}

std::vector<std::string> names_of(const std::vector<PropSpec>& specs) {
  std::vector<std::string> out;
  for (auto& s : specs) out.push_back(s.name);
  return out;
}

// Checks one property against its spec; reports and returns false when it does not fit.
bool check_prop(Program& prog, const ast::Property& p, const std::vector<PropSpec>& schema, const std::string& where) {
  auto spec = std::find_if(schema.begin(), schema.end(), [&](const PropSpec& s) { return p.name == s.name; });
  if (spec == schema.end()) {
    std::string msg = "unknown " + where + " property '" + p.name + "'";
    msg += suggestion(p.name, names_of(schema));
    prog.diags.error(p.name_range, "unknown-property", msg);
    return false;
  }
  if (p.block || p.kind != ast::Property::Kind::Plain) {
    prog.diags.error(p.range, "bad-property", "'" + p.name + "' takes values, not a block");
    return false;
  }
  // `todo`: a question of the new-phone checklist not answered yet (phonec new-model writes it).
  if (p.values.size() == 1 && p.values[0]->kind == ast::ExprKind::Name && p.values[0]->name == "todo") {
    prog.diags.warning(p.range, "unanswered", "unanswered question: " + where + " property '" + p.name + "' is still 'todo'");
    return false;
  }
  bool list = spec->kind == PropKind::TextList || spec->kind == PropKind::IntList || spec->kind == PropKind::WordList;
  if (p.values.empty() || (!list && p.values.size() != 1)) {
    prog.diags.error(p.range, "bad-property", "'" + p.name + "' takes " + (list ? "one or more values" : "exactly one value"));
    return false;
  }
  bool ok = true;
  for (const auto& v : p.values) {
    switch (spec->kind) {
      case PropKind::Text:
      case PropKind::TextList:
        if (!v->is_plain_string()) {
          prog.diags.error(v->range, "bad-property", "'" + p.name + "' takes a string");
          ok = false;
        }
        break;
      case PropKind::Int:
      case PropKind::IntList:
        if (v->kind != ast::ExprKind::Int) {
          prog.diags.error(v->range, "bad-property", "'" + p.name + "' takes an integer");
          ok = false;
        }
        break;
      case PropKind::Bool:
        if (v->kind != ast::ExprKind::Bool) {
          prog.diags.error(v->range, "bad-property", "'" + p.name + "' takes true or false");
          ok = false;
        }
        break;
      case PropKind::Word:
      case PropKind::WordList: {
        std::string w;
        if (v->kind != ast::ExprKind::Name || std::find(spec->words.begin(), spec->words.end(), v->name) == spec->words.end()) {
          literal_text(*v, w);
          std::string allowed;
          for (auto& x : spec->words) allowed += (allowed.empty() ? "" : ", ") + x;
          std::string msg = "'" + p.name + "' takes one of: " + allowed;
          msg += suggestion(w, spec->words);
          prog.diags.error(v->range, "bad-property", msg);
          ok = false;
        }
        break;
      }
    }
  }
  return ok;
}

std::string vendor_of(const std::string& name) { return name.substr(0, name.find('.')); }

const std::vector<PropSpec>& vendor_schema() {
  static const std::vector<PropSpec> s = {
      {"title", PropKind::Text, {}}, {"docs_url", PropKind::Text, {}}, {"oui", PropKind::TextList, {}}};
  return s;
}

void check_vendor(Program& prog, const ast::Decl& v) {
  if (!prog.checked.insert(&v).second) return;
  for (const ast::Property& p : v.body.props) check_prop(prog, p, vendor_schema(), "vendor");
}

void check_maps(Program& prog, const Model& m, const ast::Decl& d) {
  for (const ast::Property& p : d.body.props) {
    if (!p.block) continue;
    if (p.name == "key_codes") {
      for (const ast::Property& e : p.block->props)
        if (!prog.key_types.count(e.name)) {
          std::vector<std::string> names;
          for (auto& [n, _] : prog.key_types) names.push_back(n);
          std::string msg = "unknown key type '" + e.name + "'";
          msg += suggestion(e.name, names);
          prog.diags.error(e.name_range, "unknown-key-type", msg);
        }
    } else if (p.name == "features") {
      for (const ast::Property& e : p.block->props) {
        auto f = std::find_if(prog.features.begin(), prog.features.end(), [&](const FeatureDef& x) { return x.id == e.name; });
        if (f == prog.features.end()) {
          std::vector<std::string> names;
          for (auto& x : prog.features) names.push_back(x.id);
          std::string msg = "unknown feature '" + e.name + "'";
          msg += suggestion(e.name, names);
          prog.diags.error(e.name_range, "unknown-feature", msg);
          continue;
        }
        const ast::Expr& v = *e.values.at(0);
        bool ok = v.kind == ast::ExprKind::Int;
        for (const char* s : kStatuses) ok = ok || (v.kind == ast::ExprKind::Name && v.name == s);
        if (!ok)
          prog.diags.error(v.range, "bad-status",
                           "feature status must be one of Y, N, NT, NYT, FK, HK, SK, MN or a number");
      }
    }
    (void)m;
  }
}

FileSpec file_spec(Program& prog, const ast::FileDecl& f) {
  FileSpec s;
  s.decl = &f;
  if (f.scope != "device" && f.scope != "model" && f.scope != "site")
    prog.diags.error(f.scope_range, "bad-file-scope", "a file is 'per device', 'per model' or 'per site'");
  for (const ast::Property& p : f.props) {
    if (!check_prop(prog, p, file_schema(), "file")) continue;
    std::string v;
    literal_text(*p.values[0], v);
    if (p.name == "format") s.format = v;
    else if (p.name == "encoding") s.encoding = v;
    else if (p.name == "newline") s.newline = v;
    else if (p.name == "separator") s.separator = v;
    else if (p.name == "empty") s.empty_value = v;
    else if (p.name == "header") s.header = v;
    else if (p.name == "footer") s.footer = v;
    else if (p.name == "xml_declaration") s.xml_declaration = p.values[0]->bool_value;
    else if (p.name == "quote") {
      if (v != "\"" && v != "'") prog.diags.error(p.values[0]->range, "bad-property", "quote is \"\\\"\" or \"'\"");
      else s.xml_quote = v;
    }
  }
  if (!f.has_content) prog.diags.error(f.id_range, "no-content", "file '" + f.id + "' has no content block");
  return s;
}

Model* resolve(Program& prog, const std::string& name, int depth) {
  if (auto it = prog.models.find(name); it != prog.models.end()) return it->second.get();
  auto dit = prog.model_decls.find(name);
  if (dit == prog.model_decls.end()) {
    load_vendor(prog, vendor_of(name));
    dit = prog.model_decls.find(name);
    if (dit == prog.model_decls.end()) return nullptr;
  }
  const ast::Decl& d = *dit->second;
  auto m = std::make_unique<Model>();
  m->name = d.name;
  m->vendor = vendor_of(d.name);
  m->abstract = d.kind == "family";
  m->decl = &d;
  Model* raw = m.get();
  prog.models[name] = std::move(m);  // placed first so a cycle finds it
  if (d.name.find('.') == std::string::npos)
    prog.diags.error(d.name_range, "bad-model-name", d.kind + " names are written vendor.Name");
  if (!prog.vendors.count(raw->vendor)) load_vendor(prog, raw->vendor);
  if (auto v = prog.vendors.find(raw->vendor); v != prog.vendors.end()) check_vendor(prog, *v->second);
  else
    prog.diags.error(d.name_range, "unknown-vendor", "vendor '" + raw->vendor + "' is not declared (vendor " + raw->vendor + " { ... })");
  if (!d.parent.empty()) {
    if (depth > 32 || d.parent == d.name) {
      prog.diags.error(d.parent_range, "inheritance-cycle", "inheritance cycle through '" + d.parent + "'");
    } else if (Model* parent = resolve(prog, d.parent, depth + 1); !parent) {
      std::vector<std::string> names;
      for (auto& [n, _] : prog.model_decls) names.push_back(n);
      std::string msg = "unknown family or model '" + d.parent + "'";
      msg += suggestion(d.parent, names);
      prog.diags.error(d.parent_range, "unknown-model", msg);
    } else if (parent->decl == nullptr || parent == raw) {
      prog.diags.error(d.parent_range, "inheritance-cycle", "inheritance cycle through '" + d.parent + "'");
    } else {
      if (parent->vendor != raw->vendor)
        prog.diags.error(d.parent_range, "vendor-mismatch", "'" + d.name + "' cannot inherit from another vendor's '" + d.parent + "'");
      raw->parent = parent;
      raw->props = parent->props;
      raw->maps = parent->maps;
      raw->files = parent->files;
      raw->dhcp = parent->dhcp;
      raw->assets = parent->assets;
      raw->lines = parent->lines;
      raw->line_keys = parent->line_keys;
      raw->expansion_modules = parent->expansion_modules;
      raw->expansion_keys = parent->expansion_keys;
      raw->label_max = parent->label_max;
    }
  }
  for (const ast::Property& p : d.body.props) {
    if (p.name == "asset") {
      Asset a;
      a.declared_in = d.name;
      if (!parse_asset(prog, p, a)) continue;
      auto same = std::find_if(raw->assets.begin(), raw->assets.end(), [&](const Asset& x) { return x.id == a.id; });
      if (same != raw->assets.end() && same->declared_in == d.name)
        prog.diags.error(p.name_range, "redefinition", "asset '" + a.id + "' is declared twice", {Note{same->range, "previous declaration here"}});
      else if (same != raw->assets.end()) *same = a;
      else raw->assets.push_back(a);
      continue;
    }
    if (p.block) {
      auto& map = raw->maps[p.name];
      for (const ast::Property& e : p.block->props) {
        if (e.kind != ast::Property::Kind::Assign) {
          prog.diags.error(e.range, "bad-table", "a table entry is written: key = value;");
          continue;
        }
        map[e.name] = &e;
      }
      continue;
    }
    if (!check_prop(prog, p, model_schema(), "model")) continue;
    raw->props[p.name] = &p;
    std::int64_t n = 0;
    if (literal_int(*p.values[0], n)) {
      if (n < 0 || n > 100000) {
        prog.diags.error(p.values[0]->range, "bad-property", "'" + p.name + "' is out of range (0..100000)");
        continue;
      }
      if (p.name == "lines") raw->lines = n;
      else if (p.name == "line_keys") raw->line_keys = n;
      else if (p.name == "expansion_modules") raw->expansion_modules = n;
      else if (p.name == "expansion_keys") raw->expansion_keys = n;
      else if (p.name == "label_max") raw->label_max = n;
    }
  }
  check_maps(prog, *raw, d);
  for (std::size_t i = 0; i < d.body.files.size(); ++i) {
    const ast::FileDecl& f = d.body.files[i];
    for (std::size_t j = 0; j < i; ++j)
      if (d.body.files[j].id == f.id)
        prog.diags.error(f.id_range, "redefinition", "file '" + f.id + "' is declared twice",
                         {Note{d.body.files[j].id_range, "previous declaration here"}});
    FileSpec spec = file_spec(prog, f);
    auto same = std::find_if(raw->files.begin(), raw->files.end(), [&](const FileSpec& s) { return s.decl->id == f.id; });
    if (same != raw->files.end()) *same = spec;
    else raw->files.push_back(spec);
  }
  for (const ast::OptionUse& o : d.body.options) {
    auto same = std::find_if(raw->dhcp.begin(), raw->dhcp.end(), [&](const ast::OptionUse* x) {
      return x->code == o.code && x->name == o.name && x->sub == o.sub;
    });
    if (same != raw->dhcp.end()) *same = &o;
    else raw->dhcp.push_back(&o);
  }
  for (const auto& [r, _] : d.body.contents)
    prog.diags.error(r, "misplaced-content", "'content' belongs inside a file declaration");
  return raw;
}

}  // namespace

const ast::Property* Model::prop(const std::string& n) const {
  auto it = props.find(n);
  return it == props.end() ? nullptr : it->second;
}

std::string Model::prop_text(const std::string& n) const {
  const ast::Property* p = prop(n);
  std::string out;
  if (p && !p->values.empty()) literal_text(*p->values[0], out);
  return out;
}

bool Model::has_key_code(const std::string& type) const {
  auto it = maps.find("key_codes");
  return it != maps.end() && it->second.count(type);
}

ValueMap Model::map_values(const std::string& map) const {
  ValueMap out;
  auto it = maps.find(map);
  if (it == maps.end()) return out;
  for (auto& [k, p] : it->second) {
    const ast::Expr& e = *p->values.at(0);
    if (e.kind == ast::ExprKind::Int) out[k] = Value::integer(e.int_value, e.range);
    else if (e.kind == ast::ExprKind::Bool) out[k] = Value::boolean(e.bool_value, e.range);
    else {
      std::string s;
      literal_text(e, s);
      out[k] = Value::str(s, e.range);
    }
  }
  return out;
}

const Model* find_model(Program& prog, const std::string& name) { return resolve(prog, name, 0); }

void resolve_all_models(Program& prog) {
  std::vector<std::string> names;
  for (auto& [n, _] : prog.model_decls) names.push_back(n);
  for (auto& n : names) resolve(prog, n, 0);
}

std::vector<std::string> model_names(const Program& prog) {
  std::vector<std::string> out;
  for (auto& [n, d] : prog.model_decls)
    if (d->kind == "model") out.push_back(n);
  return out;
}

}  // namespace phonec::sema
