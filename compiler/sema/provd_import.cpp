#include "sema/provd_import.h"

#include <map>
#include <set>

namespace phonec::sema {

namespace {

using JV = json::Value;

JV str(const std::string& s, Range r) {
  JV v;
  v.kind = json::Value::Kind::String;
  v.text = s;
  v.range = r;
  return v;
}

JV number(std::int64_t n, Range r) {
  JV v;
  v.kind = json::Value::Kind::Number;
  v.text = std::to_string(n);
  v.range = r;
  return v;
}

JV object(Range r) {
  JV v;
  v.kind = json::Value::Kind::Object;
  v.range = r;
  return v;
}

void put(JV& obj, const std::string& key, JV v) { obj.members.push_back(json::Member{key, v.range, std::move(v)}); }

// Copies provd field `from` of `src` as phonec field `to`, if present and not null.
void copy(JV& obj, const JV& src, const char* from, const char* to) {
  if (const JV* v = src.find(from); v && !v->is_null()) put(obj, to, *v);
}

// A provd raw config with its parents' fields under it (parent_ids, depth first, child wins).
struct Configs {
  std::map<std::string, const JV*> by_id;
  Diagnostics& diags;

  void merge_into(std::map<std::string, const json::Member*>& out, const std::string& id, int depth, Range from) {
    auto it = by_id.find(id);
    if (it == by_id.end()) {
      diags.error(from, "provd-unknown-config", "config '" + id + "' is not in the export");
      return;
    }
    if (depth > 32) {
      diags.error(from, "provd-config-cycle", "config '" + id + "' inherits from itself");
      return;
    }
    const JV& c = *it->second;
    if (const JV* parents = c.find("parent_ids"); parents && parents->is_array())
      for (const JV& p : parents->items)
        if (p.is_string()) merge_into(out, p.text, depth + 1, p.range);
    if (const JV* raw = c.find("raw_config"); raw && raw->is_object())
      for (const json::Member& m : raw->members) out[m.key] = &m;
  }
};

const std::set<std::string> kUsed = {
    "ip", "http_port", "ntp_enabled", "ntp_ip", "timezone", "locale", "admin_password", "sip_proxy_ip", "sip_proxy_port",
    "sip_registrar_ip", "sip_backup_proxy_ip", "sip_backup_registrar_ip", "sip_transport", "sip_dtmf_mode", "sip_srtp_mode",
    "sip_lines", "funckeys", "tftp_port", "config_version", "protocol"};

std::string dtmf(const std::string& provd) {
  if (provd == "RTP-in-band") return "inband";
  if (provd == "SIP-INFO") return "info";
  if (provd == "RTP-out-of-band") return "rfc2833";
  return provd;  // anything else is checked (and reported) as a phonec value
}

std::string srtp(const std::string& provd) { return provd == "preferred" ? "optional" : provd; }

JV sip_of(const std::map<std::string, const json::Member*>& raw, const JV* line) {
  JV sip = object(line ? line->range : Range{});
  auto field = [&](const char* line_key, const char* raw_key) -> const JV* {
    if (line)
      if (const JV* v = line->find(line_key); v && !v->is_null()) return v;
    auto it = raw.find(raw_key);
    return it == raw.end() || it->second->value.is_null() ? nullptr : &it->second->value;
  };
  const JV* proxy = field("proxy_ip", "sip_proxy_ip");
  const JV* registrar = field("registrar_ip", "sip_registrar_ip");
  if (registrar || proxy) put(sip, "registrar", *(registrar ? registrar : proxy));
  if (proxy) put(sip, "proxy", *proxy);
  if (const JV* p = field("proxy_port", "sip_proxy_port")) {
    if (p->is_string() && p->text.find_first_not_of("0123456789") == std::string::npos && !p->text.empty())
      put(sip, "port", number(std::stoll(p->text.substr(0, 6)), p->range));
    else put(sip, "port", *p);
  }
  if (const JV* v = field("backup_registrar_ip", "sip_backup_registrar_ip")) put(sip, "backup_registrar", *v);
  if (const JV* v = field("backup_proxy_ip", "sip_backup_proxy_ip")) put(sip, "backup_proxy", *v);
  if (!line) {
    if (auto it = raw.find("sip_transport"); it != raw.end() && it->second->value.is_string()) put(sip, "transport", it->second->value);
    if (auto it = raw.find("sip_dtmf_mode"); it != raw.end() && it->second->value.is_string())
      put(sip, "dtmf", str(dtmf(it->second->value.text), it->second->value.range));
    if (auto it = raw.find("sip_srtp_mode"); it != raw.end() && it->second->value.is_string())
      put(sip, "srtp", str(srtp(it->second->value.text), it->second->value.range));
  } else if (const JV* d = line->find("dtmf_mode"); d && d->is_string()) {
    put(sip, "dtmf", str(dtmf(d->text), d->range));
  }
  return sip;
}

}  // namespace

void load_provd_export(Program& prog, FileId file, Inventory& inv) {
  const SourceFile& src = prog.sm.get(file);
  auto doc = json::parse(file, src.text(), prog.diags);
  if (!doc) return;
  const JV* devices = doc->is_object() ? doc->find("devices") : nullptr;
  const JV* configs = doc->is_object() ? doc->find("configs") : nullptr;
  if (!devices || !devices->is_array() || !configs || !configs->is_array()) {
    prog.diags.error(doc->range, "provd-format", "a provd export is an object with \"devices\" and \"configs\" arrays");
    return;
  }
  Configs cs{{}, prog.diags};
  for (const JV& c : configs->items)
    if (const JV* id = c.find("id"); id && id->is_string()) cs.by_id[id->text] = &c;

  JV out = object(doc->range);
  put(out, "format", str("phonec-inventory/1", doc->range));
  JV list;
  list.kind = json::Value::Kind::Array;
  list.range = devices->range;
  std::set<std::string> ignored;
  for (const JV& d : devices->items) {
    if (!d.is_object()) {
      prog.diags.error(d.range, "provd-format", "a provd device is an object");
      continue;
    }
    std::map<std::string, const json::Member*> raw;
    if (const JV* cfg = d.find("config"); cfg && cfg->is_string()) cs.merge_into(raw, cfg->text, 0, cfg->range);
    JV dev = object(d.range);
    copy(dev, d, "mac", "mac");
    const JV* vendor = d.find("vendor");
    const JV* model = d.find("model");
    if (vendor && model && vendor->is_string() && model->is_string()) {
      std::string v;
      for (char c : vendor->text) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      put(dev, "model", str(v + "." + model->text, model->range));
    }
    copy(dev, d, "ip", "ip");
    auto raw_value = [&](const char* k) -> const JV* {
      auto it = raw.find(k);
      return it == raw.end() || it->second->value.is_null() ? nullptr : &it->second->value;
    };
    if (const JV* ip = raw_value("ip"); ip && ip->is_string()) {
      std::string port = "8667";
      if (const JV* p = raw_value("http_port")) port = p->is_number() ? p->text : p->text;
      put(dev, "provisioning_url", str("http://" + ip->text + ":" + port + "/", ip->range));
      put(dev, "tftp_server", *ip);
    }
    const JV* ntp_on = raw_value("ntp_enabled");
    if (const JV* ntp = raw_value("ntp_ip"); ntp && (!ntp_on || !ntp_on->is_bool() || ntp_on->boolean)) put(dev, "ntp", *ntp);
    if (const JV* v = raw_value("timezone")) put(dev, "timezone", *v);
    if (const JV* v = raw_value("locale")) put(dev, "locale", *v);
    if (const JV* v = raw_value("admin_password")) put(dev, "admin_password", *v);
    put(dev, "sip", sip_of(raw, nullptr));
    // provd keys lines and function keys by number ({"1": {...}}); phonec lists them with the
    // number as a field, each provd field copied under its phonec name.
    auto numbered = [&](const char* from, const char* index, std::initializer_list<const char*> fields, bool line_sip) {
      JV list;
      list.kind = json::Value::Kind::Array;
      const JV* src = raw_value(from);
      if (!src || !src->is_object()) return list;
      list.range = src->range;
      for (const json::Member& m : src->members) {
        JV item = object(m.value.range);
        put(item, index, number(std::atoll(m.key.c_str()), m.key_range));
        for (const char* f : fields) copy(item, m.value, f, f);
        if (line_sip)
          if (JV lsip = sip_of({}, &m.value); !lsip.members.empty()) put(item, "sip", lsip);
        list.items.push_back(std::move(item));
      }
      return list;
    };
    put(dev, "lines", numbered("sip_lines", "number", {"display_name", "username", "auth_username", "password", "voicemail"}, true));
    put(dev, "funckeys", numbered("funckeys", "position", {"type", "value", "label", "line"}, false));
    for (auto& [k, m] : raw)
      if (!kUsed.count(k) && k.rfind("X_", 0) != 0 && k.rfind("exten_", 0) != 0 && ignored.insert(k).second)
        prog.diags.warning(m->key_range, "provd-ignored", "provd setting '" + k + "' has no phonec equivalent and is not imported");
    list.items.push_back(std::move(dev));
  }
  put(out, "devices", list);
  std::size_t first = inv.devices.size();
  load_inventory_document(prog, out, inv);
  // A provd device's inputs are spread over its device and config entries: no text span stands
  // for all of them, so these devices are never reused from a previous build.
  for (std::size_t i = first; i < inv.devices.size(); ++i) inv.devices[i].source = inv.devices[i].site_source = Range{};
}

}  // namespace phonec::sema
