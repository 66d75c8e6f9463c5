#include "sema/symbols.h"

#include <functional>

#include "syntax/suggest.h"

namespace phonec::sema {

bool literal_text(const ast::Expr& e, std::string& out) {
  if (e.kind == ast::ExprKind::Str && e.is_plain_string()) {
    out = e.plain_string();
    return true;
  }
  if (e.kind == ast::ExprKind::Name) {
    out = e.name;
    return true;
  }
  if (e.kind == ast::ExprKind::Int) {
    out = std::to_string(e.int_value);
    return true;
  }
  if (e.kind == ast::ExprKind::Member) {  // a qualified name written bare: yealink.T46S
    std::string left;
    if (!literal_text(*e.args[0], left)) return false;
    out = left + "." + e.name;
    return true;
  }
  return false;
}

bool literal_int(const ast::Expr& e, std::int64_t& out) {
  if (e.kind != ast::ExprKind::Int) return false;
  out = e.int_value;
  return true;
}

namespace {

void redefinition(Program& prog, const ast::Decl& d, const ast::Decl& first) {
  prog.diags.error(d.name_range, "redefinition", "redefinition of " + d.kind + " '" + d.name + "'",
                   {Note{first.name_range, "previous definition here"}});
}

bool register_unique(Program& prog, const std::string& space, const ast::Decl& d) {
  auto [it, inserted] = prog.decls_by_kind_name.emplace(space + " " + d.name, &d);
  if (!inserted) {
    redefinition(prog, d, *it->second);
    return false;
  }
  return true;
}

void key_type(Program& prog, const ast::Decl& d) {
  KeyTypeDef k;
  k.decl = &d;
  k.name = d.name;
  k.title = d.title;
  for (const ast::Property& p : d.body.props) {
    std::string v;
    if (p.name == "requires") {
      for (auto& e : p.values) {
        if (!literal_text(*e, v) || (v != "value" && v != "service")) {
          prog.diags.error(e->range, "bad-key-type", "'requires' takes 'value' or 'service'");
          continue;
        }
        (v == "value" ? k.requires_value : k.requires_service) = true;
      }
    } else if (p.name == "lowers_to" && p.values.size() == 1 && literal_text(*p.values[0], v)) {
      k.lowers_to = v;
    } else {
      prog.diags.error(p.name_range, "unknown-property", "unknown key_type property '" + p.name + "'");
    }
  }
  prog.key_types[d.name] = k;
}

void feature_group(Program& prog, const ast::Decl& d) {
  for (const ast::Property& p : d.body.props) {
    FeatureDef f;
    f.id = p.name;
    f.group = d.name;
    f.group_title = d.title;
    f.range = p.name_range;
    if (p.values.size() != 1 || !literal_text(*p.values[0], f.title)) {
      prog.diags.error(p.range, "bad-feature", "a feature is written: id \"Title as in the guide\";");
      continue;
    }
    for (const FeatureDef& other : prog.features)
      if (other.id == f.id) {
        prog.diags.error(p.name_range, "redefinition", "redefinition of feature '" + f.id + "'",
                         {Note{other.range, "previous definition here"}});
      }
    prog.features.push_back(f);
  }
}

void profile(Program& prog, const ast::Decl& d) {
  Profile& pr = prog.profiles[d.name];
  pr.decl = &d;
  for (const ast::Property& p : d.body.props) {
    ServiceCode sc;
    sc.range = p.name_range;
    if (p.values.empty() || !literal_text(*p.values[0], sc.code)) {
      prog.diags.error(p.range, "bad-profile", "a service is written: name \"code\"[, supervised][, number];");
      continue;
    }
    for (std::size_t i = 1; i < p.values.size(); ++i) {
      std::string f;
      literal_text(*p.values[i], f);
      if (f == "supervised") sc.supervised = true;
      else if (f == "number") sc.takes_number = true;
      else prog.diags.error(p.values[i]->range, "bad-profile", "expected 'supervised' or 'number'");
    }
    pr.codes[p.name] = sc;
  }
}

void dhcp_option(Program& prog, const ast::Decl& d) {
  DhcpOptionDef o;
  o.decl = &d;
  o.name = d.name;
  for (const ast::Property& p : d.body.props) {
    std::string v;
    std::int64_t n = 0;
    if (p.name == "code" && p.values.size() == 1 && literal_int(*p.values[0], n) && n >= 1 && n <= 254) o.code = static_cast<int>(n);
    else if (p.values.size() == 1 && literal_text(*p.values[0], v) &&
             (p.name == "type" || p.name == "dhcpd" || p.name == "kea" || p.name == "dnsmasq")) {
      (p.name == "type" ? o.type : p.name == "dhcpd" ? o.dhcpd : p.name == "kea" ? o.kea : o.dnsmasq) = v;
    } else {
      prog.diags.error(p.range, "bad-dhcp-option", "unknown or malformed dhcp_option property '" + p.name + "'");
    }
  }
  if (o.code == 0) prog.diags.error(d.name_range, "bad-dhcp-option", "dhcp_option '" + d.name + "' needs a code 1..254");
  prog.dhcp_options[d.name] = o;
}

}  // namespace

void collect_declarations(Program& prog, const ast::Module& module) {
  for (const ast::Decl& d : module.decls) {
    const std::string& k = d.kind;
    if (k == "record" || k == "enum" || k == "type") {
      register_unique(prog, "type", d);
    } else if (k == "key_type") {
      if (register_unique(prog, k, d)) key_type(prog, d);
    } else if (k == "feature_group") {
      if (register_unique(prog, k, d)) feature_group(prog, d);
    } else if (k == "profile") {
      if (register_unique(prog, k, d)) profile(prog, d);
    } else if (k == "dhcp_option") {
      if (register_unique(prog, k, d)) dhcp_option(prog, d);
    } else if (k == "vendor") {
      if (register_unique(prog, k, d)) prog.vendors[d.name] = &d;
    } else if (k == "family" || k == "model") {
      if (register_unique(prog, "model", d)) prog.model_decls[d.name] = &d;
    } else if (k == "site") {
      if (register_unique(prog, k, d)) prog.site_decls.push_back(&d);
    } else if (k == "device") {
      prog.device_decls.push_back(&d);
    }
  }
}

const RecordDef* Program::record(const std::string& name) const {
  auto it = records.find(name);
  return it == records.end() ? nullptr : it->second.get();
}

TypePtr Program::resolve_type(const ast::TypeRef& ref) {
  std::shared_ptr<Type> t;
  if (ref.elem) {
    t = std::make_shared<Type>();
    t->prim = Prim::List;
    t->elem = resolve_type(*ref.elem);
  } else if (auto p = prim_by_name(ref.name)) {
    t = std::make_shared<Type>(*prim_type(*p));
  } else if (auto a = aliases.find(ref.name); a != aliases.end()) {
    t = std::make_shared<Type>(*a->second);
    t->name = ref.name;
  } else if (auto e = enums.find(ref.name); e != enums.end()) {
    t = std::make_shared<Type>();
    t->prim = Prim::Enum;
    t->en = e->second.get();
    t->name = ref.name;
  } else if (auto r = records.find(ref.name); r != records.end()) {
    t = std::make_shared<Type>();
    t->prim = Prim::Record;
    t->rec = r->second.get();
    t->name = ref.name;
  } else {
    std::vector<std::string> names = {"bool", "int", "text", "label", "credential", "secret", "dial", "mac",
                                      "ipv4", "host", "url", "timezone", "locale", "model", "key_type"};
    for (auto& [n, _] : aliases) names.push_back(n);
    for (auto& [n, _] : enums) names.push_back(n);
    for (auto& [n, _] : records) names.push_back(n);
    std::string msg = "unknown type '" + ref.name + "'";
    msg += suggestion(ref.name, names);
    diags.error(ref.range, "unknown-type", msg);
    return prim_type(Prim::Any);
  }
  if (ref.has_min || ref.has_max) {
    if (t->prim != Prim::Int) diags.error(ref.range, "bad-range", "only int types take a range");
    if (ref.has_min) { t->has_min = true; t->min = ref.min; }
    if (ref.has_max) { t->has_max = true; t->max = ref.max; }
  }
  return t;
}

void build_types(Program& prog) {
  // Create every record and enum first so that fields can refer to any of them.
  std::vector<const ast::Decl*> records, aliases;
  for (auto& [key, d] : prog.decls_by_kind_name) {
    if (key.rfind("type ", 0) != 0) continue;
    if (d->kind == "enum") {
      auto e = std::make_unique<EnumDef>();
      e->name = d->name;
      e->range = d->name_range;
      for (const ast::Property& p : d->body.props) {
        if (!p.values.empty() || p.block || p.kind != ast::Property::Kind::Plain)
          prog.diags.error(p.range, "bad-enum", "an enum lists names: enum " + d->name + " { a; b; }");
        e->values.push_back(p.name);
      }
      prog.enums[d->name] = std::move(e);
    } else if (d->kind == "record") {
      auto r = std::make_unique<RecordDef>();
      r->name = d->name;
      r->range = d->name_range;
      prog.records[d->name] = std::move(r);
      records.push_back(d);
    } else {
      aliases.push_back(d);
    }
  }
  for (const ast::Decl* d : aliases) prog.aliases[d->name] = prog.resolve_type(*d->alias);
  // Records in dependency order of their parents.
  std::set<std::string> done;
  std::function<void(const ast::Decl*, int)> build = [&](const ast::Decl* d, int depth) {
    if (done.count(d->name)) return;
    RecordDef& r = *prog.records[d->name];
    if (!d->parent.empty()) {
      auto pd = prog.decls_by_kind_name.find("type " + d->parent);
      if (pd == prog.decls_by_kind_name.end() || pd->second->kind != "record") {
        prog.diags.error(d->parent_range, "unknown-type", "unknown record '" + d->parent + "'");
      } else if (depth > 16) {
        prog.diags.error(d->parent_range, "record-cycle", "record inheritance cycle through '" + d->parent + "'");
      } else {
        build(pd->second, depth + 1);
        r.parent = prog.records[d->parent].get();
        r.fields = r.parent->fields;
      }
    }
    done.insert(d->name);
    for (const ast::Property& p : d->body.props) {
      if (p.kind != ast::Property::Kind::Field) {
        prog.diags.error(p.range, "bad-record", "a record field is written: name: type [= default];");
        continue;
      }
      if (r.slot(p.name) >= 0) {
        prog.diags.error(p.name_range, "redefinition", "field '" + p.name + "' is already defined in record '" + r.name + "'");
        continue;
      }
      FieldDef f;
      f.name = p.name;
      f.range = p.name_range;
      f.type = prog.resolve_type(*p.type);
      f.optional = p.type->optional;
      if (!p.values.empty()) f.default_value = p.values[0].get();
      r.fields.push_back(std::move(f));
    }
  };
  for (const ast::Decl* d : records) build(d, 0);
}

}  // namespace phonec::sema
