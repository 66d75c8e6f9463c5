#include "emit/dhcp/kea.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "emit/dhcp/check.h"
#include "emit/dhcp/encode.h"

namespace phonec::dhcp {

using namespace std::string_view_literals;
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

// A JSON string literal with the escapes nlohmann's dump(…, ensure_ascii = true) writes, so the
// file reads as it did when it was built as a JSON tree. Text beyond ASCII (which the data never
// has today: plain_text() sends it as hex) goes through nlohmann itself, UTF-8 checks included.
void json_string(std::string& out, std::string_view s) {
  std::size_t plain = 0;
  while (plain < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[plain]);
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') break;
    ++plain;
  }
  if (plain == s.size()) {
    out += '"';
    out += s;
    out += '"';
    return;
  }
  for (unsigned char c : s)
    if (c >= 0x80) {
      out += ordered_json(std::string(s)).dump(-1, ' ', true);
      return;
    }
  static constexpr char digits[] = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""sv; break;
      case '\\': out += "\\\\"sv; break;
      case '\b': out += "\\b"sv; break;
      case '\t': out += "\\t"sv; break;
      case '\n': out += "\\n"sv; break;
      case '\f': out += "\\f"sv; break;
      case '\r': out += "\\r"sv; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00"sv;
          out += digits[c >> 4];
          out += digits[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// One option-data object, written as dump(2) lays it out with `ind` (the object's own
// indentation) in front of each line; the opening brace's indentation is the caller's.
void option_data(std::string& out, const OptionDef& d, const OptionValue& o, std::string_view ind) {
  out += "{\n"sv;
  out += ind;
  out += "  \"name\": "sv;
  json_string(out, d.kea_name.empty() ? d.name : d.kea_name);
  out += ",\n"sv;
  out += ind;
  out += "  \"code\": "sv;
  out += std::to_string(d.code);
  out += ",\n"sv;
  out += ind;
  const Value& v = o.value;
  auto csv_off = [&] {
    out += "  \"csv-format\": false,\n"sv;
    out += ind;
  };
  switch (d.type) {
    case OptionType::Text:
      if (plain_text(v.text)) {
        out += "  \"data\": "sv;
        json_string(out, v.text);
      } else {
        csv_off();
        out += "  \"data\": "sv;
        json_string(out, hex(Bytes(v.text.begin(), v.text.end())));
      }
      break;
    case OptionType::IpAddress:
    case OptionType::IpAddressArray: {
      // check() proved each is a strict dotted quad: it is written as it is.
      out += "  \"data\": \""sv;
      for (std::size_t i = 0; i < v.ips.size(); ++i) {
        if (i) out += ", "sv;
        out += v.ips[i];
      }
      out += '"';
      break;
    }
    case OptionType::UInt8:
    case OptionType::UInt16:
    case OptionType::UInt32:
    case OptionType::Int32:
      out += "  \"data\": \""sv;
      out += std::to_string(v.integer);
      out += '"';
      break;
    case OptionType::Boolean: out += v.boolean ? "  \"data\": \"true\""sv : "  \"data\": \"false\""sv; break;
    case OptionType::Binary:
    case OptionType::Encapsulated:
      csv_off();
      out += "  \"data\": "sv;
      json_string(out, hex(std::get<Bytes>(encode(d, v))));
      break;
  }
  if (o.force) {
    out += ",\n"sv;
    out += ind;
    out += "  \"always-send\": true"sv;
  }
  out += '\n';
  out += ind;
  out += '}';
}

// `"option-data": [...]` as dump(2) lays it out, the key at indentation `ind`.
void option_list(std::string& out, const Config& cfg, const std::vector<OptionValue>& options, std::string_view ind) {
  out += "\"option-data\": "sv;
  if (options.empty()) {
    out += "[]"sv;
    return;
  }
  const ByCode sorted(options);
  std::string inner(ind);
  inner += "  "sv;
  out += "[\n"sv;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (i) out += ",\n"sv;
    out += inner;
    option_data(out, *find_def(cfg, sorted[i]->code), *sorted[i], inner);
  }
  out += '\n';
  out += ind;
  out += ']';
}

}  // namespace

Emitted emit_kea_fragment(const Config& config, const Flush& flush, const std::vector<Problem>* checked) {
  Emitted e;
  e.problems = checked ? *checked : check(config);
  if (!e.ok()) return e;

  // Written directly in the layout nlohmann's dump(2) gives the object (the file was once built
  // as a JSON tree): a tree per reservation cost more than the rest of the file.
  std::string& out = e.text;
  out += "{\n  \"option-def\": "sv;
  std::vector<const OptionDef*> decls;
  for (const auto& d : config.option_defs)
    if (d.kea_name.empty()) decls.push_back(&d);
  std::sort(decls.begin(), decls.end(), [](auto* a, auto* b) { return a->code < b->code; });
  if (decls.empty()) out += "[]"sv;
  for (std::size_t i = 0; i < decls.size(); ++i) {
    const OptionDef* d = decls[i];
    out += i ? ",\n    {\n      \"name\": "sv : "[\n    {\n      \"name\": "sv;
    json_string(out, d->name);
    out += ",\n      \"code\": "sv;
    out += std::to_string(d->code);
    out += ",\n      \"type\": \""sv;
    out += kea_type(d->type);
    out += "\",\n"sv;
    if (d->type == OptionType::IpAddressArray) out += "      \"array\": true,\n"sv;
    out += "      \"space\": \"dhcp4\"\n    }"sv;
  }
  if (!decls.empty()) out += "\n  ]"sv;

  std::vector<const VendorClass*> classes;
  for (const auto& c : config.classes) classes.push_back(&c);
  std::sort(classes.begin(), classes.end(), [](auto* a, auto* b) { return a->name < b->name; });
  // Kea 2.2's parser rejects an empty "client-classes" list (it expects a class object).
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const VendorClass* c = classes[i];
    // Kea string literals have no escapes: anything unusual is compared as a hex literal.
    std::string literal = plain_text(c->vci_prefix)
                              ? "'" + c->vci_prefix + "'"
                              : "0x" + hex(Bytes(c->vci_prefix.begin(), c->vci_prefix.end()));
    out += i ? ",\n    {\n      \"name\": "sv : ",\n  \"client-classes\": [\n    {\n      \"name\": "sv;
    json_string(out, c->name);
    out += ",\n      \"test\": "sv;
    json_string(out, "substring(option[60].hex,0," + std::to_string(c->vci_prefix.size()) + ") == " + literal);
    out += ",\n      "sv;
    option_list(out, config, c->options, "      ");
    out += "\n    }"sv;
  }
  if (!classes.empty()) out += "\n  ]"sv;

  const auto hosts = hosts_by_mac(config);
  out += hosts.empty() ? ",\n  \"reservations\": []"sv : ",\n  \"reservations\": ["sv;
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    const auto& [mac, index] = hosts[i];
    const Host* h = &config.hosts[index];
    maybe_flush(out, flush);
    out += i ? ",\n    {\n      \"hw-address\": \""sv : "\n    {\n      \"hw-address\": \""sv;
    append_mac(out, mac_of_key(mac));
    out += "\",\n      "sv;
    if (h->ip == Host::Ip::Fixed) {
      out += "\"ip-address\": \""sv;
      append_ipv4(out, h->fixed_ip);
      out += "\",\n      "sv;
    }
    option_list(out, config, h->options(), "      ");
    out += "\n    }"sv;
  }
  if (!hosts.empty()) out += "\n  ]"sv;
  out += "\n}\n"sv;
  return e;
}

}  // namespace phonec::dhcp
