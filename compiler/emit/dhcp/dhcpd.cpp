#include "emit/dhcp/dhcpd.h"

#include <algorithm>
#include <map>

#include "emit/dhcp/check.h"
#include "emit/dhcp/encode.h"

namespace phonec::dhcp {

using namespace std::string_view_literals;

namespace {

void append_quoted(std::string& out, std::string_view bytes) {
  out += '"';
  for (unsigned char c : bytes) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += '\\';
      out += static_cast<char>('0' + (c >> 6));
      out += static_cast<char>('0' + ((c >> 3) & 7));
      out += static_cast<char>('0' + (c & 7));
    }
  }
  out += '"';
}

}  // namespace

std::string dhcpd_quote(std::string_view bytes) {
  std::string out;
  append_quoted(out, bytes);
  return out;
}

namespace {

const char* dhcpd_type(OptionType t) {
  switch (t) {
    case OptionType::Text: return "text";
    case OptionType::IpAddress: return "ip-address";
    case OptionType::IpAddressArray: return "array of ip-address";
    case OptionType::UInt8: return "unsigned integer 8";
    case OptionType::UInt16: return "unsigned integer 16";
    case OptionType::UInt32: return "unsigned integer 32";
    case OptionType::Int32: return "signed integer 32";
    case OptionType::Boolean: return "boolean";
    case OptionType::Binary:
    case OptionType::Encapsulated: return "string";  // raw bytes written as colon hex
  }
  return "string";
}

const std::string& option_name(const OptionDef& d) { return d.dhcpd_name.empty() ? d.name : d.dhcpd_name; }

// The value in dhcpd syntax, appended; check() has already proved it encodes (so each address
// is a strict dotted quad, written as it is).
void render_value(std::string& out, const OptionDef& d, const Value& v) {
  switch (d.type) {
    case OptionType::Text: append_quoted(out, v.text); return;
    case OptionType::IpAddress:
    case OptionType::IpAddressArray:
      for (std::size_t i = 0; i < v.ips.size(); ++i) {
        if (i) out += ", "sv;
        out += v.ips[i];
      }
      return;
    case OptionType::UInt8:
    case OptionType::UInt16:
    case OptionType::UInt32:
    case OptionType::Int32: out += std::to_string(v.integer); return;
    case OptionType::Boolean: out += v.boolean ? "true"sv : "false"sv; return;
    case OptionType::Binary:
    case OptionType::Encapsulated: {
      Bytes b = std::get<Bytes>(encode(d, v));
      out += b.empty() ? "\"\"" : hex(b, ":");
      return;
    }
  }
  out += "\"\""sv;
}

// Option lines (sorted by code) plus the request-list extension for forced codes. `also_forced`
// are codes forced by an outer scope: the innermost assignment of the request list wins, so a
// host repeats its possible classes' codes (a code with no value in scope is simply not sent).
void option_block(std::string& out, const Config& cfg, const std::vector<OptionValue>& options,
                  std::string_view indent, const std::vector<std::uint8_t>* also_forced = nullptr) {
  const ByCode sorted(options);
  Bytes forced;
  if (also_forced) forced.assign(also_forced->begin(), also_forced->end());
  for (std::size_t i = 0; i < options.size(); ++i) {
    const OptionValue* o = sorted[i];
    const OptionDef& d = *find_def(cfg, o->code);
    out += indent;
    out += "option "sv;
    out += option_name(d);
    out += ' ';
    render_value(out, d, o->value);
    out += ";\n"sv;
    if (o->force) forced.push_back(o->code);
  }
  // The phone leaves these codes out of its parameter request list and dhcpd sends only what is
  // requested: append them to the list the client sent.
  if (forced.empty()) return;
  std::sort(forced.begin(), forced.end());
  forced.erase(std::unique(forced.begin(), forced.end()), forced.end());
  out += indent;
  out += "option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, "sv;
  out += hex(forced, ":");
  out += ");\n"sv;
}

std::string declarations_and_classes(const Config& cfg) {
  std::string out;
  std::vector<const OptionDef*> decls;
  for (const auto& d : cfg.option_defs)
    if (d.dhcpd_name.empty()) decls.push_back(&d);
  std::sort(decls.begin(), decls.end(), [](auto* a, auto* b) { return a->code < b->code; });
  if (!decls.empty()) {
    out += "\n"sv;
    for (const auto* d : decls)
      out += "option " + d->name + " code " + std::to_string(d->code) + " = " + dhcpd_type(d->type) + ";\n";
  }
  std::vector<const VendorClass*> classes;
  for (const auto& c : cfg.classes) classes.push_back(&c);
  std::sort(classes.begin(), classes.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* c : classes) {
    out += "\nclass \"" + c->name + "\" {\n";
    out += "  match if substring(option vendor-class-identifier, 0, " + std::to_string(c->vci_prefix.size()) +
           ") = " + dhcpd_quote(c->vci_prefix) + ";\n";
    option_block(out, cfg, c->options, "  ");
    out += "}\n"sv;
  }
  return out;
}

void hosts(const Config& cfg, std::string& out, const Flush& flush) {
  std::vector<std::uint8_t> class_forced;
  for (const auto& c : cfg.classes)
    for (const auto& o : c.options)
      if (o.force) class_forced.push_back(o.code);
  for (const auto& [mac, i] : hosts_by_mac(cfg)) {
    const Host* h = &cfg.hosts[i];
    maybe_flush(out, flush);
    out += "\nhost "sv;
    h->append_name(out);
    out += " {\n"sv;
    if (!h->model().empty()) {
      out += "  # "sv;
      out += h->model();
      out += '\n';
    }
    out += "  hardware ethernet "sv;
    append_mac(out, mac_of_key(mac));
    out += ";\n"sv;
    if (h->ip == Host::Ip::Fixed) {
      out += "  fixed-address "sv;
      append_ipv4(out, h->fixed_ip);
      out += ";\n"sv;
    }
    bool forces = std::any_of(h->options().begin(), h->options().end(), [](auto& o) { return o.force; });
    option_block(out, cfg, h->options(), "  ", forces ? &class_forced : nullptr);
    out += "}\n"sv;
  }
}

std::string ip_list(const std::vector<std::string>& ips) {
  std::string out;
  for (const auto& ip : ips) out += (out.empty() ? "" : ", ") + format_ipv4(*parse_ipv4(ip));
  return out;
}

}  // namespace

Emitted emit_dhcpd_include(const Config& config, const Flush& flush, const std::vector<Problem>* checked) {
  Emitted e;
  e.problems = checked ? *checked : check(config);
  if (!e.ok()) return e;
  e.text = "# ISC dhcpd include file written by phonec: include it from dhcpd.conf.\n" + declarations_and_classes(config);
  hosts(config, e.text, flush);
  return e;
}

Emitted emit_dhcpd_lab(const Config& config, const LabSettings& settings) {
  Emitted e;
  e.problems = check(config);
  if (!config.subnet)
    e.problems.push_back({"missing-subnet", "the lab configuration needs a subnet", {Location::Kind::Subnet, 0}, {}});
  static const char* facilities[] = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
                                     "uucp", "cron", "local0", "local1", "local2", "local3", "local4",
                                     "local5", "local6", "local7"};
  if (std::find_if(std::begin(facilities), std::end(facilities),
                   [&](const char* f) { return settings.log_facility == f; }) == std::end(facilities))
    e.problems.push_back(
        {"invalid-log-facility", "unknown syslog facility for dhcpd", {Location::Kind::Subnet, 0}, {}});
  if (settings.default_lease_time <= 0 || settings.max_lease_time < settings.default_lease_time)
    e.problems.push_back({"invalid-lease-time", "lease times must be positive and max >= default",
                          {Location::Kind::Subnet, 0}, {}});
  if (!e.ok()) return e;
  const Subnet& s = *config.subnet;
  std::uint32_t net = to_u32(*parse_ipv4(s.network)), mask = to_u32(*parse_ipv4(s.netmask));
  std::uint32_t bc = net | ~mask;
  Ipv4 broadcast{static_cast<std::uint8_t>(bc >> 24), static_cast<std::uint8_t>(bc >> 16),
                 static_cast<std::uint8_t>(bc >> 8), static_cast<std::uint8_t>(bc)};
  std::string out = "# dhcpd.conf for a phone test LAN, written by phonec lab.\n";
  out += "ddns-update-style none;\n"sv;
  out += "authoritative;\n"sv;
  out += "default-lease-time " + std::to_string(settings.default_lease_time) + ";\n";
  out += "max-lease-time " + std::to_string(settings.max_lease_time) + ";\n";
  out += "log-facility " + settings.log_facility + ";\n";
  out += declarations_and_classes(config);
  out += "\nsubnet " + format_ipv4(*parse_ipv4(s.network)) + " netmask " + format_ipv4(*parse_ipv4(s.netmask)) +
         " {\n";
  out += "  range " + format_ipv4(*parse_ipv4(s.range_start)) + " " + format_ipv4(*parse_ipv4(s.range_end)) + ";\n";
  if (!s.routers.empty()) out += "  option routers " + ip_list(s.routers) + ";\n";
  out += "  option subnet-mask " + format_ipv4(*parse_ipv4(s.netmask)) + ";\n";
  out += "  option broadcast-address " + format_ipv4(broadcast) + ";\n";
  if (!s.ntp_servers.empty()) out += "  option ntp-servers " + ip_list(s.ntp_servers) + ";\n";
  if (!s.domain_name.empty()) out += "  option domain-name " + dhcpd_quote(s.domain_name) + ";\n";
  if (!s.dns_servers.empty()) out += "  option domain-name-servers " + ip_list(s.dns_servers) + ";\n";
  // Shows in the log which vendor class each phone sends: what a new model file needs.
  out += "  log(concat(\"[VCI: \", option vendor-class-identifier, \"]\"));\n"sv;
  out += "}\n"sv;
  hosts(config, out, {});
  e.text = std::move(out);
  return e;
}

}  // namespace phonec::dhcp
