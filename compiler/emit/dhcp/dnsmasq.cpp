#include "emit/dhcp/dnsmasq.h"

#include <algorithm>

#include "emit/dhcp/check.h"
#include "emit/dhcp/encode.h"

namespace phonec::dhcp {

using namespace std::string_view_literals;

// dnsmasq reads a quoted string byte for byte, but hides its metacharacters (digits, a-f, A-F,
// ':', ',', '.', space) as control bytes while parsing and maps control bytes back to them
// afterwards. So a raw control byte inside quotes would come out as a digit or a letter: only
// the five control characters dnsmasq has escapes for may appear, escaped; anything else goes
// as hex.
std::optional<std::string> dnsmasq_text(std::string_view bytes) {
  if (bytes.empty()) return std::string();
  std::size_t plain = 0;
  while (plain < bytes.size()) {
    unsigned char c = static_cast<unsigned char>(bytes[plain]);
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') break;
    ++plain;
  }
  if (plain == bytes.size()) {
    // Nothing to escape: the common case, without a byte-by-byte copy.
    std::string quoted;
    quoted.reserve(bytes.size() + 2);
    quoted += '"';
    quoted += bytes;
    quoted += '"';
    return quoted;
  }
  std::string quoted = "\"";
  bool needs_hex = false;
  for (unsigned char c : bytes) {
    switch (c) {
      case '"': quoted += "\\\""sv; break;
      case '\\': quoted += "\\\\"sv; break;
      case '\t': quoted += "\\t"sv; break;
      case '\n': quoted += "\\n"sv; break;
      case '\r': quoted += "\\r"sv; break;
      case 0x1b: quoted += "\\e"sv; break;
      case '\b': quoted += "\\b"sv; break;
      default:
        if (c < 0x20 || c == 0x7f) needs_hex = true;
        quoted += static_cast<char>(c);
    }
  }
  if (bytes.empty()) return std::string();
  if (!needs_hex) return quoted + "\"";
  // One hex byte without a colon would be read as a decimal number.
  if (bytes.size() < 2) return std::nullopt;
  return hex(Bytes(bytes.begin(), bytes.end()), ":");
}

namespace {

// Raw bytes: colon hex from two bytes on; one byte as a decimal with dnsmasq's one-byte suffix.
std::string raw(const Bytes& b) {
  if (b.empty()) return "";
  if (b.size() == 1) return std::to_string(b[0]) + "b";
  return hex(b, ":");
}

// The value after "CODE,", appended to `out`; false (nothing appended) when dnsmasq cannot carry
// it. check() has already proved it encodes (so each address is a strict dotted quad).
bool render(std::string& out, const OptionDef& d, const Value& v) {
  switch (d.type) {
    case OptionType::Text: {
      auto text = dnsmasq_text(v.text);
      if (!text) return false;
      if (!text->empty()) {
        out += ',';
        out += *text;
      }
      return true;
    }
    case OptionType::IpAddress:
    case OptionType::IpAddressArray:
      for (const auto& ip : v.ips) {
        out += ',';
        out += ip;
      }
      return true;
    default: {
      std::string value = raw(std::get<Bytes>(encode(d, v)));
      if (!value.empty()) {
        out += ',';
        out += value;
      }
      return true;
    }
  }
}

struct Emitter {
  const Config& cfg;
  std::vector<Problem> problems;
  std::string out;

  void options(std::string_view tag, const std::vector<OptionValue>& opts, Location::Kind kind, std::size_t index) {
    std::size_t order_small[8];
    std::vector<std::size_t> order_big;
    std::size_t* order = order_small;
    if (opts.size() > 8) {
      order_big.resize(opts.size());
      order = order_big.data();
    }
    for (std::size_t i = 0; i < opts.size(); ++i) order[i] = i;
    std::sort(order, order + opts.size(), [&](auto a, auto b) { return opts[a].code < opts[b].code; });
    for (std::size_t k = 0; k < opts.size(); ++k) {
      std::size_t i = order[k];
      const auto& o = opts[i];
      std::size_t mark = out.size();
      out += o.force ? "dhcp-option-force=tag:"sv : "dhcp-option=tag:"sv;
      out += tag;
      out += ',';
      out += std::to_string(o.code);
      if (!render(out, *find_def(cfg, o.code), o.value)) {
        out.resize(mark);
        problems.push_back({"not-representable", "option " + std::to_string(o.code) +
                                                     ": dnsmasq cannot carry a single control byte",
                            {kind, index, i}, {}});
        continue;
      }
      out += '\n';
    }
  }
};

}  // namespace

Emitted emit_dnsmasq(const Config& config, const Flush& flush, const std::vector<Problem>* checked) {
  Emitted e;
  e.problems = checked ? *checked : check(config);
  if (!e.ok()) return e;
  Emitter em{config, {}, "# dnsmasq configuration written by phonec: load it with conf-file=.\n"};

  std::vector<std::size_t> classes(config.classes.size());
  for (std::size_t i = 0; i < classes.size(); ++i) classes[i] = i;
  std::sort(classes.begin(), classes.end(),
            [&](auto a, auto b) { return config.classes[a].name < config.classes[b].name; });
  for (auto i : classes) {
    const auto& c = config.classes[i];
    std::string tag = "phonec-class-" + c.name;
    if (c.vci_prefix.size() < 2) {
      // A one-byte hex value would be read as a decimal number.
      em.problems.push_back({"vci-prefix-too-short", "dnsmasq cannot match a one-byte vendor-class prefix",
                             {Location::Kind::Class, i}, {}});
      continue;
    }
    em.out += "\ndhcp-match=set:" + tag + ",60," +
              hex(Bytes(c.vci_prefix.begin(), c.vci_prefix.end()), ":") + "\n";
    em.options(tag, c.options, Location::Kind::Class, i);
  }

  std::string tag;
  for (const auto& [key, i] : hosts_by_mac(config)) {
    const auto& h = config.hosts[i];
    Mac mac = mac_of_key(key);
    maybe_flush(em.out, flush);
    tag = "phonec-host-";
    append_mac(tag, mac, 0);
    em.out += "\ndhcp-host="sv;
    append_mac(em.out, mac);
    em.out += ",set:"sv;
    em.out += tag;
    if (h.ip == Host::Ip::Fixed) {
      em.out += ',';
      append_ipv4(em.out, h.fixed_ip);
    }
    em.out += '\n';
    em.options(tag, h.options(), Location::Kind::Host, i);
  }
  if (!em.problems.empty()) {
    e.problems = std::move(em.problems);
    return e;
  }
  e.text = std::move(em.out);
  return e;
}

}  // namespace phonec::dhcp
