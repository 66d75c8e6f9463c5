// The DHCP and TFTP server files of a build: one host per device with the options its model
// declares (forced when the model's request list lacks them), for dhcpd, Kea and dnsmasq; and
// the tftpd-hpa defaults serving DIR/tftp.
#include <algorithm>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>

#include "driver/emit_all.h"
#include "driver/emit_server.h"
#include "driver/profile_table.h"
#include "emit/dhcp/catalogue.h"
#include "emit/dhcp/check.h"
#include "emit/dhcp/dhcpd.h"
#include "emit/dhcp/dnsmasq.h"
#include "emit/dhcp/kea.h"
#include "emit/dhcp/tftpd.h"
#include "output/fs_at.h"
#include "output/parallel.h"
#include "output/sha256.h"
#include "output/spool.h"
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
      return dhcp::Value::of_ips(std::move(ips));
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

// An emitter's problems as diagnostics at the device (and option line) they come from.
// The hosts' profiles are DhcpHosts' own, SourcedProfiles.
void report(sema::Program& prog, const std::vector<dhcp::Host>& hosts, const std::vector<HostSource>& sources,
            const dhcp::Emitted& e, const char* what) {
  for (const dhcp::Problem& p : e.problems) {
    Range at;
    std::vector<Note> notes;
    if (p.where.kind == dhcp::Location::Kind::Host && p.where.index < sources.size()) {
      at = sources[p.where.index].mac;
      const auto* profile = static_cast<const SourcedProfile*>(hosts[p.where.index].profile.get());
      if (profile && p.where.option && *p.where.option < profile->uses.size())
        notes.push_back(Note{profile->uses[*p.where.option]->range, "option declared here"});
      if (p.related && p.related->kind == dhcp::Location::Kind::Host && p.related->index < sources.size())
        notes.push_back(Note{sources[p.related->index].mac, "the other device is declared here"});
    }
    prog.diags.error(at, p.code, std::string(what) + ": " + p.message, notes);
  }
}

// One server file being rendered: in memory, or (for a large site) straight into a spool of its
// own next to the build's (the three render at once, and each file's bytes must stay in one run),
// hashed on the way.
struct ServerFile {
  const char* path;
  const char* what;
  output::Spool* spool = nullptr;
  output::Sha256 sha;
  std::uint64_t offset = 0, size = 0;
  int error = 0;
  dhcp::Emitted emitted;

  // Without a spool of its own (none asked for, or none could be made) the file stays in memory.
  ServerFile(const char* p, const char* w, output::Spool* build_spool) : path(p), what(w) {
    std::string why;
    if (build_spool) spool = build_spool->another(why);
  }
  dhcp::Flush flush() {
    if (!spool) return {};
    return [this](std::string_view piece) { put(piece); };
  }
  void put(std::string_view piece) {
    std::uint64_t at = 0;
    if (error || piece.empty()) return;
    if ((error = spool->append(piece, at))) return;
    if (size == 0) offset = at;
    size += piece.size();
    sha.update(piece);
  }
  // The file, or its problems reported.
  void finish(sema::Program& prog, const std::vector<dhcp::Host>& hosts, const std::vector<HostSource>& sources,
              std::vector<output::OutFile>& files) {
    if (!emitted.ok()) {
      report(prog, hosts, sources, emitted, what);
      return;
    }
    output::OutFile f;
    f.path = path;
    f.device = "shared";
    if (spool) {
      put(emitted.text);
      if (error) {
        prog.diags.error(Range{}, "io", std::string("cannot hold ") + what + ": " + output::errno_text(error));
        return;
      }
      f.spool = spool;
      f.spool_offset = offset;
      f.spool_size = size;
      f.sha256 = sha.digest();
    } else {
      f.bytes = std::move(emitted.text);
    }
    files.push_back(std::move(f));
  }
};

}  // namespace

// One `option` line of a model, checked against the catalogue once per model.
struct ModelOption {
  const ast::OptionUse* use;
  dhcp::OptionDef def;
  dhcp::OptionDef named;        // with the catalogue's names, for the option definitions
  dhcp::OptionType value_type;  // the option's, or Text for a sub-option
  bool force;                   // missing from the model's request list
};

struct ModelDhcp {
  std::shared_ptr<const sema::ModelEnv> env;
  std::vector<ModelOption> options;

  // The model's distinct profiles: hosts with equal values and option lines share one.
  ProfileTable profiles;
};

DhcpHosts::DhcpHosts(sema::Program& prog) : prog_(prog) {
  if (const sema::RecordDef* def = prog.record("device")) ip_slot_ = def->slot("ip");
}

DhcpHosts::~DhcpHosts() = default;

void DhcpHosts::prepare(const sema::Model& m, std::shared_ptr<const sema::ModelEnv> env, Diagnostics& diags) {
  if (models_.count(&m)) return;
  auto md = std::make_unique<ModelDhcp>();
  md->env = std::move(env);
  std::vector<std::int64_t> requested;
  if (const ast::Property* p = m.prop("dhcp_request"))
    for (auto& e : p->values) requested.push_back(e->int_value);
  for (const ast::OptionUse* use : m.dhcp) {
    const sema::DhcpOptionDef* cat = catalogue_entry(prog_, *use);
    if (!cat) {
      diags.error(use->ref_range, "unknown-dhcp-option",
                  "DHCP option " + (use->name.empty() ? std::to_string(use->code) : "'" + use->name + "'") +
                      " is not in the option catalogue (declare it with dhcp_option)");
      continue;
    }
    auto type = option_type(cat->type);
    if (!type) {
      diags.error(cat->decl->name_range, "bad-dhcp-option", "unknown DHCP option type '" + cat->type + "'");
      continue;
    }
    dhcp::OptionDef def;
    def.code = static_cast<std::uint8_t>(cat->code);
    def.name = cat->name;
    std::replace(def.name.begin(), def.name.end(), '_', '-');
    def.type = *type;
    if (use->sub >= 0) {
      if (*type != dhcp::OptionType::Encapsulated) {
        diags.error(use->ref_range, "bad-dhcp-option", "option " + std::to_string(cat->code) + " has no sub-options");
        continue;
      }
      def.sub_options.push_back({static_cast<std::uint8_t>(use->sub), "sub-" + std::to_string(use->sub), dhcp::OptionType::Text});
    }
    bool force = !requested.empty() && std::find(requested.begin(), requested.end(), cat->code) == requested.end();
    md->options.push_back({use, def, dhcp::with_builtin_names(def), use->sub >= 0 ? dhcp::OptionType::Text : *type, force});
  }
  models_.emplace(&m, std::move(md));
}

void DhcpHosts::host(const sema::Device& d, const sema::Value& codes, dhcp::Host& host, HostSource& source,
                     Diagnostics& diags) const {
  ModelDhcp& md = *models_.at(d.model);
  source.mac = d.mac_range;
  host.set_mac(d.mac);
  if (const sema::Value* ip = d.value.field(ip_slot_); ip && !ip->is_none()) host.set_fixed_ip(ip->s);
  SourcedProfile p;
  // At most one option (and option line) per line of the model: sized once, not grown.
  p.options.reserve(md.options.size());
  p.uses.reserve(md.options.size());
  for (const ModelOption& o : md.options) {
    const ast::OptionUse* use = o.use;
    sema::Value v = sema::eval_expr_for_device(prog_, *md.env, *use->value, d, codes, diags);
    if (v.is_none()) continue;  // the data this option needs is absent for this device
    std::string why;
    auto ir = to_ir(v, o.value_type, why);
    if (!ir) {
      if (!why.empty()) diags.error(use->value->range, "bad-dhcp-value", why + " (device " + d.mac + ")");
      continue;
    }
    // The option's value moves into the host: no copy of its text or address list.
    if (use->sub >= 0) {
      dhcp::SubOptionValue sv{static_cast<std::uint8_t>(use->sub), std::move(*ir)};
      // Option 43's sub-options collect into one value (the only values made of sub-options).
      auto same = std::find_if(p.options.begin(), p.options.end(), [&](const dhcp::OptionValue& x) {
        return x.code == o.def.code && x.value.kind == dhcp::Value::Kind::SubOptions;
      });
      if (same != p.options.end()) {
        same->value.sub_options.push_back(std::move(sv));
        continue;
      }
      std::vector<dhcp::SubOptionValue> subs;
      subs.push_back(std::move(sv));
      p.options.push_back({o.def.code, dhcp::Value::of_sub_options(std::move(subs)), o.force});
    } else {
      p.options.push_back({o.def.code, std::move(*ir), o.force});
    }
    p.uses.push_back(use);
  }
  host.profile = md.profiles.intern(std::move(p), *d.model);
}

namespace {

// The configuration of hosts given in MAC order: option definitions merged in the order models
// first appear, then sorted by code (so the result does not depend on the input's order).
dhcp::Config config_of(const std::map<const sema::Model*, std::unique_ptr<ModelDhcp>>& models, HostList& list) {
  dhcp::Config cfg;
  std::set<const sema::Model*> merged;
  const sema::Model* last = nullptr;
  for (const dhcp::Host& h : list.hosts) {
    const sema::Model* model = static_cast<const SourcedProfile&>(*h.profile).source_model;
    if (model == last || !merged.insert(model).second) continue;
    last = model;
    for (const ModelOption& o : models.at(model)->options) {
      const dhcp::OptionDef& named = o.named;
      auto same = std::find_if(cfg.option_defs.begin(), cfg.option_defs.end(), [&](auto& x) { return x.code == named.code; });
      if (same == cfg.option_defs.end()) {
        cfg.option_defs.push_back(named);
      } else {
        for (auto& sub : named.sub_options)
          if (std::none_of(same->sub_options.begin(), same->sub_options.end(), [&](auto& y) { return y.code == sub.code; }))
            same->sub_options.push_back(sub);
      }
    }
  }
  std::sort(cfg.option_defs.begin(), cfg.option_defs.end(), [](auto& a, auto& b) { return a.code < b.code; });
  cfg.hosts = std::move(list.hosts);
  return cfg;
}

}  // namespace

void DhcpHosts::emit(HostList list, const std::filesystem::path& out_dir, std::vector<output::OutFile>& files, unsigned jobs,
                     const std::optional<dhcp::Subnet>& lab, output::Spool* spool) const {
  dhcp::Config cfg = config_of(models_, list);
  const std::vector<HostSource> sources = std::move(list.sources);
  ServerFile dhcpd("dhcp/dhcpd.conf", "dhcpd.conf", spool), kea("dhcp/kea-dhcp4.json", "kea-dhcp4.json", spool),
      dnsmasq("dhcp/dnsmasq.conf", "dnsmasq.conf", spool);
  // The three servers' files are independent renderings of one configuration: in parallel when
  // there are cores for it (each is a pass over every host).
  {
    // Checked once for the three (the check's tables are tens of MB at a large site).
    const std::vector<dhcp::Problem> problems = dhcp::check(cfg);
    std::vector<std::jthread> side;
    if (jobs > 1) {
      side.emplace_back([&] { kea.emitted = dhcp::emit_kea_fragment(cfg, kea.flush(), &problems); });
      side.emplace_back([&] { dnsmasq.emitted = dhcp::emit_dnsmasq(cfg, dnsmasq.flush(), &problems); });
    }
    dhcpd.emitted = dhcp::emit_dhcpd_include(cfg, dhcpd.flush(), &problems);
    if (jobs <= 1 && dhcpd.emitted.ok() && !prog_.diags.has_errors()) {
      kea.emitted = dhcp::emit_kea_fragment(cfg, kea.flush(), &problems);
      dnsmasq.emitted = dhcp::emit_dnsmasq(cfg, dnsmasq.flush(), &problems);
    }
  }
  // dhcpd's problems first and alone (one report per problem, not one per server).
  dhcpd.finish(prog_, cfg.hosts, sources, files);
  if (prog_.diags.has_errors()) return;
  kea.finish(prog_, cfg.hosts, sources, files);
  dnsmasq.finish(prog_, cfg.hosts, sources, files);
  ServerFile tftpd("tftpd-hpa", "tftpd-hpa", nullptr);
  dhcp::TftpdSettings ts;
  ts.directory = (out_dir / "tftp").lexically_normal().string();
  tftpd.emitted = dhcp::emit_tftpd_defaults(ts);
  tftpd.finish(prog_, cfg.hosts, sources, files);
  if (!lab || prog_.diags.has_errors()) return;
  // DIR/dhcpd.conf of `phonec lab`: the same hosts inside the test subnet.
  cfg.subnet = *lab;
  ServerFile lab_dhcpd("dhcpd.conf", "dhcpd.conf", nullptr);
  lab_dhcpd.emitted = dhcp::emit_dhcpd_lab(cfg);
  lab_dhcpd.finish(prog_, cfg.hosts, sources, files);
}

}  // namespace phonec::driver
