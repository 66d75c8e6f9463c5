#include "sema/assets.h"

#include <algorithm>
#include <map>
#include <set>

#include "output/path_check.h"
#include "sema/inventory.h"
#include "sema/models.h"
#include "sema/symbols.h"
#include "syntax/suggest.h"
#include "text/mac.h"

namespace phonec::sema {

namespace {

const std::vector<std::string> kAssetProps = {"kind", "version", "path", "url", "login", "sha256", "size", "models"};

bool is_hex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

bool parse_asset(Program& prog, const ast::Property& p, Asset& a) {
  a.range = p.name_range;
  if (p.values.size() != 1 || p.values[0]->kind != ast::ExprKind::Name || !p.block) {
    prog.diags.error(p.range, "bad-asset", "an asset is written: asset NAME { kind firmware; version \"...\"; path \"...\"; ... }");
    return false;
  }
  a.id = p.values[0]->name;
  bool ok = true, has_sha = false;
  auto fail = [&](const ast::Property& e, const std::string& msg) {
    prog.diags.error(e.range, "bad-asset", "asset '" + a.id + "': " + msg);
    ok = false;
  };
  for (const ast::Property& e : p.block->props) {
    if (std::find(kAssetProps.begin(), kAssetProps.end(), e.name) == kAssetProps.end()) {
      std::string msg = "unknown asset property '" + e.name + "'";
      msg += suggestion(e.name, kAssetProps);
      prog.diags.error(e.name_range, "unknown-property", msg);
      ok = false;
      continue;
    }
    bool list = e.name == "models" || e.name == "version";
    if (e.kind != ast::Property::Kind::Plain || e.block || e.values.empty() || (!list && e.values.size() != 1)) {
      fail(e, "'" + e.name + "' takes " + (list ? "one or more values" : "exactly one value"));
      continue;
    }
    const ast::Expr& v = *e.values[0];
    std::string text;
    bool is_text = v.is_plain_string() && literal_text(v, text);
    if (e.name == "kind") {
      if (v.kind == ast::ExprKind::Name && (v.name == "firmware" || v.name == "language" || v.name == "other")) a.kind = v.name;
      else fail(e, "'kind' is firmware, language or other");
    } else if (e.name == "login") {
      if (v.kind == ast::ExprKind::Bool) a.login = v.bool_value;
      else fail(e, "'login' takes true or false");
    } else if (e.name == "size") {
      if (v.kind == ast::ExprKind::Int && v.int_value >= 0) a.size = v.int_value;
      else if (!(v.kind == ast::ExprKind::Name && v.name == "unknown")) fail(e, "'size' takes a number of bytes or unknown");
    } else if (e.name == "sha256") {
      has_sha = true;
      a.sha_range = v.range;
      if (v.kind == ast::ExprKind::Name && v.name == "unknown") continue;
      if (!is_text || !is_hex64(text)) fail(e, "'sha256' takes 64 lower-case hex digits or unknown");
      else a.sha256 = text;
    } else if (e.name == "version") {
      for (const auto& v2 : e.values) {
        std::string ver;
        if (v2->is_plain_string() && literal_text(*v2, ver) && !ver.empty()) a.versions.push_back(ver);
        else fail(e, "'version' takes firmware versions as strings");
      }
      for (const std::string& ver : a.versions) a.version += (a.version.empty() ? "" : ", ") + ver;
    } else if (e.name == "models") {
      for (const auto& m : e.values) {
        std::string name;
        if (m->is_plain_string() && literal_text(*m, name)) a.models.push_back(name);
        else fail(e, "'models' takes model names as strings");
      }
    } else if (!is_text) {
      fail(e, "'" + e.name + "' takes a string");
    } else if (e.name == "url") {
      a.url = text;
    } else if (e.name == "path") {
      if (auto why = output::check_relative_path("tftp/" + text)) fail(e, "path '" + text + "': " + *why);
      else a.path = text;
    }
  }
  for (const char* req : {"kind", "version", "path", "url"}) {
    bool missing = std::string(req) == "kind" ? a.kind.empty()
                   : std::string(req) == "version" ? a.version.empty()
                   : std::string(req) == "path" ? a.path.empty() : a.url.empty();
    if (missing && ok) {
      prog.diags.error(p.name_range, "bad-asset", "asset '" + a.id + "' has no '" + req + "'");
      ok = false;
    }
  }
  if (ok && a.kind == "firmware" && a.versions.size() != 1) {
    prog.diags.error(p.name_range, "bad-asset", "firmware image '" + a.id + "' is one version; only language packs and other files list several");
    ok = false;
  }
  if (!has_sha && ok) {
    prog.diags.error(p.name_range, "bad-asset", "asset '" + a.id + "' has no 'sha256' (write sha256 unknown; when the vendor publishes none)");
    ok = false;
  }
  return ok;
}

std::string firmware_version(const Program& prog, const Model& model, const Value& who, Range* chosen_at) {
  if (who.kind == Value::Kind::Record && who.rec && who.rec->def) {
    if (const Value* list = who.field(who.rec->def->slot("firmware")); list && list->kind == Value::Kind::List && list->list) {
      const RecordDef* choice = prog.record("firmware_choice");
      int ms = choice ? choice->slot("model") : -1, vs = choice ? choice->slot("version") : -1;
      for (const Value& c : *list->list) {
        const Value* m = c.field(ms);
        const Value* v = c.field(vs);
        if (m && v && !v->is_none() && m->s == model.name) {
          if (chosen_at) *chosen_at = v->range;
          return v->s;
        }
      }
    }
  }
  return model.prop_text("firmware");
}

std::vector<const Asset*> assets_for(const Model& model, const std::string& version) {
  std::vector<const Asset*> out;
  for (const Asset& a : model.assets) {
    if (std::find(a.versions.begin(), a.versions.end(), version) == a.versions.end()) continue;
    if (!a.models.empty() && std::find(a.models.begin(), a.models.end(), model.name) == a.models.end()) continue;
    out.push_back(&a);
  }
  return out;
}

void check_firmware_choices(Program& prog, const Value& device, std::set<std::pair<FileId, std::uint32_t>>& seen,
                            Diagnostics& diags) {
  const RecordDef* choice = prog.record("firmware_choice");
  int ms = choice ? choice->slot("model") : -1;
  const Value* list = device.kind == Value::Kind::Record && device.rec && device.rec->def
                          ? device.field(device.rec->def->slot("firmware")) : nullptr;
  if (!list || list->kind != Value::Kind::List || !list->list) return;
  for (const Value& c : *list->list) {
    const Value* m = c.field(ms);
    // A choice naming no model would silently choose nothing. Each choice once (a site's
    // choices are every device's).
    if (!m || m->is_none() || !seen.insert({m->range.file, m->range.begin}).second) continue;
    if (!find_model(prog, m->s)) {
      std::string msg = "firmware choice for unknown model '" + m->s + "'";
      msg += suggestion(m->s, model_names(prog));
      diags.error(m->range, "unknown-model", msg);
    }
  }
}

std::vector<NeededAsset> needed_assets(const std::vector<const DeviceSummary*>& devices, Diagnostics& diags) {
  std::map<std::string, NeededAsset> by_path;
  std::map<std::pair<const Model*, std::string>, bool> reported;
  for (const DeviceSummary* dp : devices) {
    const DeviceSummary& d = *dp;
    if (!d.model) continue;
    const std::string version(d.fw_version);
    const Range at = d.fw_at;
    std::vector<const Asset*> list = assets_for(*d.model, version);
    bool has_fw = std::any_of(list.begin(), list.end(), [](const Asset* a) { return a->kind == "firmware"; });
    bool declares_fw = std::any_of(d.model->assets.begin(), d.model->assets.end(), [](const Asset& a) { return a.kind == "firmware"; });
    if (!has_fw && declares_fw && at.valid() && !reported[{d.model, version}]) {
      reported[{d.model, version}] = true;
      std::string known;
      for (const Asset& a : d.model->assets)
        if (a.kind == "firmware" && (a.models.empty() || std::count(a.models.begin(), a.models.end(), d.model->name)))
          known += (known.empty() ? "" : ", ") + a.version;
      diags.error(at, "unknown-firmware", d.model->name + " has no firmware image declared for version '" + version + "'" +
                                              (known.empty() ? std::string() : "; declared: " + known));
    }
    for (const Asset* a : list) {
      auto [it, fresh] = by_path.try_emplace(a->path);
      NeededAsset& n = it->second;
      if (fresh) n.asset = a;
      if (n.asset != a && (n.asset->sha256 != a->sha256 || n.asset->sha256.empty())) {
        if (n.asset->id != a->id || n.asset->declared_in != a->declared_in) {
          diags.error(d.mac_range, "asset-collision",
                      "'" + a->path + "' is two different assets: '" + n.asset->id + "' of " + n.asset->declared_in +
                          " and '" + a->id + "' of " + a->declared_in,
                      {Note{a->range, "declared here"}, Note{n.asset->range, "and here"}});
          continue;
        }
      }
      if (std::find(n.models.begin(), n.models.end(), d.model->name) == n.models.end()) n.models.push_back(d.model->name);
      if (n.devices++ == 0) {
        n.first_mac = text::unpack_mac(d.mac);
        n.first_at = d.mac_range;
      }
    }
  }
  std::vector<NeededAsset> out;
  for (auto& [_, n] : by_path) out.push_back(std::move(n));
  return out;
}

std::vector<NeededAsset> needed_assets(Program& prog, const Inventory& inv) {
  std::set<std::pair<FileId, std::uint32_t>> seen;
  for (const Device& d : inv.devices) check_firmware_choices(prog, d.value, seen, prog.diags);
  std::vector<std::string> versions;
  versions.reserve(inv.devices.size());  // the summaries view them: never reallocated
  std::vector<DeviceSummary> summaries;
  summaries.reserve(inv.devices.size());
  std::vector<const DeviceSummary*> fw;
  for (const Device& d : inv.devices) {
    if (!d.model) continue;
    DeviceSummary& s = summaries.emplace_back(summary_of(d));
    s.fw_version = versions.emplace_back(firmware_version(prog, *d.model, d.value, &s.fw_at));
    fw.push_back(&s);
  }
  return needed_assets(fw, prog.diags);
}

void warn_unknown_checksums(Program& prog) {
  std::map<std::pair<std::string, std::string>, const Asset*> seen;
  for (auto& [_, m] : prog.models)
    for (const Asset& a : m->assets)
      if (a.sha256.empty()) seen.emplace(std::make_pair(a.declared_in, a.id), &a);
  for (auto& [_, a] : seen)
    prog.diags.warning(a->sha_range.valid() ? a->sha_range : a->range, "unknown-checksum",
                       "the sha256 of asset '" + a->id + "' of " + a->declared_in + " ('" + a->path +
                           "') is unknown: phonec cannot verify the file an operator downloads");
  // A provisionable model whose recommended firmware has no declared image: nothing can be
  // served or verified for it (the file name it requests is not known yet).
  for (auto& entry : prog.models) {
    const Model* m = entry.second.get();
    if (m->abstract || m->prop("unsupported") || !m->decl) continue;
    std::string version = m->prop_text("firmware");
    if (version.empty()) continue;
    std::vector<const Asset*> list = assets_for(*m, version);
    if (std::none_of(list.begin(), list.end(), [](const Asset* a) { return a->kind == "firmware"; }))
      prog.diags.warning(m->decl->name_range, "firmware-undeclared",
                         m->name + " recommends firmware " + version +
                             " but declares no image for it: phonec can neither serve nor verify it");
  }
}

std::string devices_text(const NeededAsset& n) {
  if (n.devices == 0) return "no device";
  std::string s = "device " + n.first_mac;
  if (n.devices > 1) s += " and " + std::to_string(n.devices - 1) + " other device" + (n.devices > 2 ? "s" : "");
  return s;
}

}  // namespace phonec::sema
