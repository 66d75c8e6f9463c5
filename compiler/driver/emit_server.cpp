// The DHCP and TFTP server files of a build: one host per device with the options its model
// declares (forced when the model's request list lacks them), for dhcpd, Kea and dnsmasq; and
// the tftpd-hpa defaults serving DIR/tftp.
#include <algorithm>

#include "driver/emit_all.h"
#include "driver/emit_server.h"
#include "emit/dhcp/catalogue.h"
#include "emit/dhcp/dhcpd.h"
#include "emit/dhcp/dnsmasq.h"
#include "emit/dhcp/kea.h"
#include "emit/dhcp/tftpd.h"
#include "sema/eval.h"

namespace phonec::driver {

namespace {

std::optional<dhcp::OptionType> option_type(const std::string& t) {
  if (t == "text") return dhcp::OptionType::Text;
  if (t == "ip") return dhcp::OptionType::IpAddress;
  if (t == "ip_list") return dhcp::OptionType::IpAddressArray;
  if (t == "uint8") return dhcp::OptionType::UInt8;
  if (t == "uint16") return dhcp::OptionType::UInt16;
  if (t == "uint32") return dhcp::OptionType::UInt32;
  if (t == "int32") return dhcp::OptionType::Int32;
  if (t == "bool") return dhcp::OptionType::Boolean;
  if (t == "hex") return dhcp::OptionType::Binary;
  if (t == "encapsulated") return dhcp::OptionType::Encapsulated;
  return std::nullopt;
}

// The catalogue entry an `option` line refers to, by code or by name.
const sema::DhcpOptionDef* catalogue_entry(const sema::Program& prog, const ast::OptionUse& use) {
  for (auto& [name, def] : prog.dhcp_options)
    if ((use.code >= 0 && def.code == use.code) || (!use.name.empty() && name == use.name)) return &def;
  return nullptr;
}

// A scalar or list value into the IR value of the option's (or sub-option's) type.
std::optional<dhcp::Value> to_ir(const sema::Value& v, dhcp::OptionType t, std::string& why) {
  switch (t) {
    case dhcp::OptionType::IpAddress:
    case dhcp::OptionType::IpAddressArray: {
      std::vector<std::string> ips;
      if (v.kind == sema::Value::Kind::List) {
        for (const sema::Value& x : *v.list)
          if (!x.is_none()) ips.push_back(x.to_text());
      } else {
        ips.push_back(v.to_text());
      }
      if (ips.empty()) return std::nullopt;
      return dhcp::Value::of_ips(ips);
    }
    case dhcp::OptionType::UInt8: case dhcp::OptionType::UInt16: case dhcp::OptionType::UInt32: case dhcp::OptionType::Int32:
      if (v.kind != sema::Value::Kind::Int) {
        why = "an integer option needs an integer value";
        return std::nullopt;
      }
      return dhcp::Value::of_integer(v.i);
    case dhcp::OptionType::Boolean:
      return dhcp::Value::of_boolean(v.truthy());
    default:
      if (v.kind == sema::Value::Kind::List || v.kind == sema::Value::Kind::Record || v.kind == sema::Value::Kind::Map) {
        why = "a text option needs a scalar value";
        return std::nullopt;
      }
      return dhcp::Value::of_text(v.to_text());
  }
}

struct HostSource {
  const sema::Device* device;
  std::vector<const ast::OptionUse*> uses;  // by option index
};

// One host per device with the options its model declares; diagnostics for what cannot be sent.
void build_config(sema::Program& prog, const sema::Inventory& inv, dhcp::Config& cfg, std::vector<HostSource>& sources) {
  std::map<const sema::Model*, std::shared_ptr<const sema::ModelEnv>> envs;
  const sema::RecordDef* dev_def = prog.record("device");
  int ip_slot = dev_def->slot("ip"), fc_slot = dev_def->slot("feature_codes");
  auto define = [&](const dhcp::OptionDef& d) {
    for (auto& x : cfg.option_defs)
      if (x.code == d.code) {
        for (auto& s : d.sub_options)
          if (std::none_of(x.sub_options.begin(), x.sub_options.end(), [&](auto& y) { return y.code == s.code; }))
            x.sub_options.push_back(s);
        return;
      }
    cfg.option_defs.push_back(d);
  };
  for (const sema::Device& d : inv.devices) {
    if (!d.model) continue;
    auto& env = envs[d.model];
    if (!env) env = sema::make_model_env(prog, *d.model);
    std::vector<std::int64_t> requested;
    if (const ast::Property* p = d.model->prop("dhcp_request"))
      for (auto& e : p->values) requested.push_back(e->int_value);
    dhcp::Host host;
    host.name = "phone-" + [&] { std::string h = d.mac; h.erase(std::remove(h.begin(), h.end(), ':'), h.end()); return h; }();
    host.mac = d.mac;
    host.model = d.model->name;
    if (const sema::Value* ip = d.value.field(ip_slot); ip && !ip->is_none()) host.fixed_ip = ip->s;
    const sema::Value* fc = d.value.field(fc_slot);
    sema::Value codes = sema::profile_codes(prog, fc && !fc->is_none() ? fc->s : "wazo");
    HostSource src{&d, {}};
    std::map<int, std::size_t> by_code;  // option 43 sub-options collect into one value
    for (const ast::OptionUse* use : d.model->dhcp) {
      const sema::DhcpOptionDef* cat = catalogue_entry(prog, *use);
      if (!cat) {
        prog.diags.error(use->ref_range, "unknown-dhcp-option",
                         "DHCP option " + (use->name.empty() ? std::to_string(use->code) : "'" + use->name + "'") +
                             " is not in the option catalogue (declare it with dhcp_option)");
        continue;
      }
      auto type = option_type(cat->type);
      if (!type) {
        prog.diags.error(cat->decl->name_range, "bad-dhcp-option", "unknown DHCP option type '" + cat->type + "'");
        continue;
      }
      dhcp::OptionDef def;
      def.code = static_cast<std::uint8_t>(cat->code);
      def.name = cat->name;
      std::replace(def.name.begin(), def.name.end(), '_', '-');
      def.type = *type;
      if (use->sub >= 0) {
        if (*type != dhcp::OptionType::Encapsulated) {
          prog.diags.error(use->ref_range, "bad-dhcp-option", "option " + std::to_string(cat->code) + " has no sub-options");
          continue;
        }
        def.sub_options.push_back({static_cast<std::uint8_t>(use->sub), "sub-" + std::to_string(use->sub), dhcp::OptionType::Text});
      }
      define(dhcp::with_builtin_names(def));
      sema::Value v = sema::eval_expr_for_device(prog, *env, *use->value, d, codes, prog.diags);
      if (v.is_none()) continue;  // the data this option needs is absent for this device
      std::string why;
      auto ir = to_ir(v, use->sub >= 0 ? dhcp::OptionType::Text : *type, why);
      if (!ir) {
        if (!why.empty()) prog.diags.error(use->value->range, "bad-dhcp-value", why + " (device " + d.mac + ")");
        continue;
      }
      bool force = !requested.empty() && std::find(requested.begin(), requested.end(), cat->code) == requested.end();
      if (use->sub >= 0) {
        dhcp::SubOptionValue sv{static_cast<std::uint8_t>(use->sub), *ir};
        if (auto it = by_code.find(cat->code); it != by_code.end()) {
          host.options[it->second].value.sub_options.push_back(sv);
          continue;
        }
        by_code[cat->code] = host.options.size();
        host.options.push_back({def.code, dhcp::Value::of_sub_options({sv}), force});
      } else {
        host.options.push_back({def.code, *ir, force});
      }
      src.uses.push_back(use);
    }
    cfg.hosts.push_back(std::move(host));
    sources.push_back(std::move(src));
  }
  std::sort(cfg.option_defs.begin(), cfg.option_defs.end(), [](auto& a, auto& b) { return a.code < b.code; });
}

// An emitter's problems as diagnostics at the device (and option line) they come from.
void report(sema::Program& prog, const std::vector<HostSource>& sources, const dhcp::Emitted& e, const char* what) {
  for (const dhcp::Problem& p : e.problems) {
    Range at;
    std::vector<Note> notes;
    if (p.where.kind == dhcp::Location::Kind::Host && p.where.index < sources.size()) {
      const HostSource& s = sources[p.where.index];
      at = s.device->mac_range;
      if (p.where.option && *p.where.option < s.uses.size())
        notes.push_back(Note{s.uses[*p.where.option]->range, "option declared here"});
      if (p.related && p.related->kind == dhcp::Location::Kind::Host && p.related->index < sources.size())
        notes.push_back(Note{sources[p.related->index].device->mac_range, "the other device is declared here"});
    }
    prog.diags.error(at, p.code, std::string(what) + ": " + p.message, notes);
  }
}

}  // namespace

void emit_server_files(sema::Program& prog, const sema::Inventory& inv, const std::filesystem::path& out_dir,
                       std::vector<output::OutFile>& files) {
  dhcp::Config cfg;
  std::vector<HostSource> sources;
  build_config(prog, inv, cfg, sources);
  auto add = [&](const char* path, dhcp::Emitted e, const char* what) {
    if (!e.ok()) {
      report(prog, sources, e, what);
      return;
    }
    output::OutFile f;
    f.path = path;
    f.bytes = std::move(e.text);
    f.device = "shared";
    files.push_back(std::move(f));
  };
  add("dhcp/dhcpd.conf", dhcp::emit_dhcpd_include(cfg), "dhcpd.conf");
  if (prog.diags.has_errors()) return;  // one report per problem, not one per server
  add("dhcp/kea-dhcp4.json", dhcp::emit_kea_fragment(cfg), "kea-dhcp4.json");
  add("dhcp/dnsmasq.conf", dhcp::emit_dnsmasq(cfg), "dnsmasq.conf");
  dhcp::TftpdSettings ts;
  ts.directory = (out_dir / "tftp").lexically_normal().string();
  add("tftpd-hpa", dhcp::emit_tftpd_defaults(ts), "tftpd-hpa");
}

std::optional<output::OutFile> emit_lab_dhcpd(sema::Program& prog, const sema::Inventory& inv, const dhcp::Subnet& subnet) {
  dhcp::Config cfg;
  std::vector<HostSource> sources;
  build_config(prog, inv, cfg, sources);
  if (prog.diags.has_errors()) return std::nullopt;
  cfg.subnet = subnet;
  dhcp::Emitted e = dhcp::emit_dhcpd_lab(cfg);
  if (!e.ok()) {
    report(prog, sources, e, "dhcpd.conf");
    return std::nullopt;
  }
  output::OutFile f;
  f.path = "dhcpd.conf";
  f.bytes = std::move(e.text);
  f.device = "shared";
  return f;
}

}  // namespace phonec::driver
