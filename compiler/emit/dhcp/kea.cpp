#include "emit/dhcp/kea.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "emit/dhcp/check.h"
#include "emit/dhcp/encode.h"

namespace phonec::dhcp {
namespace {

using nlohmann::ordered_json;

const char* kea_type(OptionType t) {
  switch (t) {
    case OptionType::Text: return "string";
    case OptionType::IpAddress:
    case OptionType::IpAddressArray: return "ipv4-address";
    case OptionType::UInt8: return "uint8";
    case OptionType::UInt16: return "uint16";
    case OptionType::UInt32: return "uint32";
    case OptionType::Int32: return "int32";
    case OptionType::Boolean: return "boolean";
    case OptionType::Binary:
    case OptionType::Encapsulated: return "binary";
  }
  return "binary";
}

// Text that Kea's option-data CSV parser and string literals take byte for byte.
bool plain_text(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f || c == ',' || c == '\\' || c == '\'' || c == '"') return false;
  return true;
}

ordered_json option_data(const OptionDef& d, const OptionValue& o) {
  ordered_json j;
  j["name"] = d.kea_name.empty() ? d.name : d.kea_name;
  j["code"] = d.code;
  const Value& v = o.value;
  switch (d.type) {
    case OptionType::Text:
      if (plain_text(v.text)) {
        j["data"] = v.text;
      } else {
        j["csv-format"] = false;
        j["data"] = hex(Bytes(v.text.begin(), v.text.end()));
      }
      break;
    case OptionType::IpAddress:
    case OptionType::IpAddressArray: {
      std::string s;
      for (const auto& ip : v.ips) s += (s.empty() ? "" : ", ") + format_ipv4(*parse_ipv4(ip));
      j["data"] = s;
      break;
    }
    case OptionType::UInt8:
    case OptionType::UInt16:
    case OptionType::UInt32:
    case OptionType::Int32: j["data"] = std::to_string(v.integer); break;
    case OptionType::Boolean: j["data"] = v.boolean ? "true" : "false"; break;
    case OptionType::Binary:
    case OptionType::Encapsulated:
      j["csv-format"] = false;
      j["data"] = hex(std::get<Bytes>(encode(d, v)));
      break;
  }
  if (o.force) j["always-send"] = true;
  return j;
}

ordered_json option_list(const Config& cfg, const std::vector<OptionValue>& options) {
  std::vector<const OptionValue*> sorted;
  for (const auto& o : options) sorted.push_back(&o);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->code < b->code; });
  ordered_json list = ordered_json::array();
  for (const auto* o : sorted) list.push_back(option_data(*find_def(cfg, o->code), *o));
  return list;
}

}  // namespace

Emitted emit_kea_fragment(const Config& config, const Flush& flush) {
  Emitted e;
  e.problems = check(config);
  if (!e.ok()) return e;

  ordered_json root;
  ordered_json defs = ordered_json::array();
  std::vector<const OptionDef*> decls;
  for (const auto& d : config.option_defs)
    if (d.kea_name.empty()) decls.push_back(&d);
  std::sort(decls.begin(), decls.end(), [](auto* a, auto* b) { return a->code < b->code; });
  for (const auto* d : decls) {
    ordered_json j;
    j["name"] = d->name;
    j["code"] = d->code;
    j["type"] = kea_type(d->type);
    if (d->type == OptionType::IpAddressArray) j["array"] = true;
    j["space"] = "dhcp4";
    defs.push_back(j);
  }
  root["option-def"] = defs;

  std::vector<const VendorClass*> classes;
  for (const auto& c : config.classes) classes.push_back(&c);
  std::sort(classes.begin(), classes.end(), [](auto* a, auto* b) { return a->name < b->name; });
  ordered_json jclasses = ordered_json::array();
  for (const auto* c : classes) {
    // Kea string literals have no escapes: anything unusual is compared as a hex literal.
    std::string literal = plain_text(c->vci_prefix)
                              ? "'" + c->vci_prefix + "'"
                              : "0x" + hex(Bytes(c->vci_prefix.begin(), c->vci_prefix.end()));
    ordered_json j;
    j["name"] = c->name;
    j["test"] = "substring(option[60].hex,0," + std::to_string(c->vci_prefix.size()) + ") == " + literal;
    j["option-data"] = option_list(config, c->options);
    jclasses.push_back(j);
  }
  // Kea 2.2's parser rejects an empty "client-classes" list (it expects a class object).
  if (!jclasses.empty()) root["client-classes"] = jclasses;

  std::vector<std::pair<std::string, const Host*>> hosts;
  for (const auto& h : config.hosts) hosts.emplace_back(format_mac(*parse_mac(h.mac)), &h);
  std::sort(hosts.begin(), hosts.end(), [](auto& a, auto& b) { return a.first < b.first; });
  // The reservations are the bulk of the file (one per phone): each is dumped on its own and
  // spliced in at the indentation root.dump(2) would give it, instead of holding the whole
  // site as a JSON tree.
  root["reservations"] = ordered_json::array();
  std::string text = root.dump(2, ' ', true);
  static constexpr std::string_view kEmpty = "\"reservations\": []\n}";
  e.text.append(text, 0, text.size() - kEmpty.size());
  e.text += hosts.empty() ? "\"reservations\": []" : "\"reservations\": [";
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    const auto& [mac, h] = hosts[i];
    maybe_flush(e.text, flush);
    ordered_json j;
    j["hw-address"] = mac;
    if (h->fixed_ip) j["ip-address"] = format_ipv4(*parse_ipv4(*h->fixed_ip));
    j["option-data"] = option_list(config, h->options);
    e.text += i ? ",\n    " : "\n    ";
    for (char c : j.dump(2, ' ', true)) {
      e.text += c;
      if (c == '\n') e.text += "    ";
    }
  }
  if (!hosts.empty()) e.text += "\n  ]";
  e.text += "\n}\n";
  return e;
}

}  // namespace phonec::dhcp
