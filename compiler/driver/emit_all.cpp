#include "driver/emit_all.h"

#include <algorithm>
#include <atomic>
#include <map>

#include "driver/emit_server.h"
#include "driver/keep_in_order.h"

#include "emit/render.h"
#include "output/parallel.h"
#include "output/fs_at.h"
#include "output/path_check.h"
#include "output/sha256.h"
#include "sema/eval.h"

namespace phonec::driver {

namespace {

// The site's (or device's) override of the model's charset policy, empty for none: looked up
// once per device (or shared group), not once per file.
std::string charset_policy(const sema::Program& prog, const sema::Value& owner) {
  if (const sema::RecordDef* def = prog.record("site"))
    if (const sema::Value* v = owner.field(def->slot("charset_policy")); v && !v->is_none()) return v->s;
  return {};
}

bool render_one(sema::Program& prog, const sema::ModelEnv& env, const sema::FileSpec& spec, const sema::Device* dev,
                const sema::Value& site, const sema::Value& devices, const sema::Value& codes, const std::string& who,
                const std::string& policy, Diagnostics& diags, Produced& out) {
  sema::RenderedFile rf;
  if (!sema::eval_file(prog, env, spec, dev, site, devices, codes, diags, rf)) return false;
  std::string path = "tftp/" + rf.path;
  if (auto why = output::check_relative_path(path)) {
    diags.error(dev ? dev->mac_range : rf.path_origin, "bad-path",
                     "file '" + spec.decl->id + "' of " + env.model->name + " for " + who + " would be written at '" + rf.path +
                         "': " + *why,
                     {Note{rf.path_origin, "path pattern declared here"}});
    return false;
  }
  std::string bytes;
  const bool secret = rf.doc.secret;
  const Range path_origin = rf.path_origin;
  if (!emit::render_file(std::move(rf), *env.model, who, diags, bytes, policy)) return false;
  out.file.path = std::move(path);
  out.file.bytes = std::move(bytes);
  out.file.secret = secret;
  out.file.device = dev ? output::Owner(dev->mac) : output::Owner::shared();
  // A view: the model outlives the write (it is the Program's).
  out.file.model = spec.decl->scope == "site" ? std::string_view() : std::string_view(env.model->name);
  out.origin = path_origin;
  out.owner_range = dev ? dev->mac_range : Range{};
  return true;
}

output::Digest f_sha(const output::OutFile& f) { return f.spool ? f.sha256 : output::sha256(f.bytes); }

// Whether an expression or statement mentions the variable `devices`.
bool mentions_devices(const ast::Expr* e) {
  if (!e) return false;
  if (e->kind == ast::ExprKind::Name && e->name == "devices") return true;
  for (const ast::StrPart& p : e->parts)
    if (mentions_devices(p.expr.get())) return true;
  for (const ast::ExprPtr& a : e->args)
    if (mentions_devices(a.get())) return true;
  return false;
}

bool mentions_devices(const std::vector<ast::Stmt>& body) {
  for (const ast::Stmt& st : body)
    if (mentions_devices(st.key.get()) || mentions_devices(st.value.get()) || mentions_devices(st.body) ||
        mentions_devices(st.else_body))
      return true;
  return false;
}

}  // namespace

EmitCache::EmitCache(sema::Program& prog) : prog_(prog) {
  if (const sema::RecordDef* def = prog.record("device")) fc_slot_ = def->slot("feature_codes");
}

std::string EmitCache::profile(const sema::Device& d) const {
  const sema::Value* v = d.value.field(fc_slot_);
  return v && !v->is_none() ? v->s : std::string("wazo");
}

void EmitCache::prepare(const sema::Device& d) {
  if (!d.model) return;
  if (!envs_.count(d.model)) {
    envs_[d.model] = sema::make_model_env(prog_, *d.model);
    bool needs = false;
    for (const sema::FileSpec& spec : d.model->files)
      if (spec.decl->scope != "device")
        needs = needs || mentions_devices(spec.decl->pattern.get()) || mentions_devices(spec.decl->content);
    needs_devices_[d.model] = needs;
  }
  std::string p = profile(d);
  if (!codes_.count(p)) codes_.emplace(p, sema::profile_codes(prog_, p));
}

int spool_file(output::Spool& spool, output::OutFile& f) {
  f.sha256 = output::sha256(f.bytes);
  f.spool_size = f.bytes.size();
  if (spool.stage(f.path, f.bytes, output::file_mode(f.secret), f.spool_offset)) f.staged = true;
  else if (int err = spool.append(f.bytes, f.spool_offset)) return err;
  f.spool = &spool;
  std::string().swap(f.bytes);
  return 0;
}

void emit_device(sema::Program& prog, const EmitCache& cache, const sema::Device& d, output::Spool* spool,
                 DeviceReuse* reuse, std::vector<Produced>& out, Diagnostics& diags) {
  const Anchor at{d.source, d.site_source};
  const DeviceKey key = reuse ? reuse->key(at) : DeviceKey();
  if (auto prev = reuse ? reuse->lookup(key, at) : std::nullopt) {
    const output::Owner owner(d.mac);
    out.reserve(out.size() + prev->files.size());
    for (ReusedFile& f : prev->files) {
      Produced p;
      p.file.path = std::move(f.path);
      p.file.reuse = true;
      p.file.sha256 = f.sha256;
      p.file.spool_size = f.size;
      p.file.secret = f.secret;
      p.file.device = owner;
      p.file.model = d.model->name;
      p.owner_range = d.mac_range;
      out.push_back(std::move(p));
    }
    for (const Diagnostic& diag : prev->diags) diags.report(diag);
    reuse->keep(key);
    return;
  }
  const sema::ModelEnv& env = cache.env(*d.model);
  const sema::Value& c = cache.codes(d);
  Diagnostics local;
  local.set_werror(diags.werror());
  DeviceRecord made;
  bool complete = true;
  const std::string who = "device " + d.mac;
  const std::string policy = charset_policy(prog, d.value);
  // The list holds exactly the device's files (grown one by one, two files would take two
  // allocations and three would leave room for four: a million devices' lists live to the write).
  std::size_t own = 0;
  for (const sema::FileSpec& spec : d.model->files) own += spec.decl->scope == "device";
  out.reserve(out.size() + own);
  for (const sema::FileSpec& spec : d.model->files) {
    if (spec.decl->scope != "device") continue;
    Produced p;
    if (!render_one(prog, env, spec, &d, d.site, sema::Value::none(), c, who, policy, local, p)) {
      complete = false;
      continue;
    }
    // Hashed here, in parallel, and out of memory until the writer reads it back.
    if (int err = spool ? spool_file(*spool, p.file) : 0) {
      local.error(Range{}, "io", "cannot hold the rendered files: " + output::errno_text(err));
      complete = false;
      break;
    }
    if (reuse) made.files.push_back({p.file.path, f_sha(p.file), p.file.secret});
    out.push_back(std::move(p));
  }
  if (reuse && complete && !local.has_errors()) {
    made.diags = local.all();
    reuse->record(key, made, at);
  }
  diags.merge(std::move(local));
}

void emit_shared(sema::Program& prog, const EmitCache& cache, const std::vector<SharedDevice>& devices,
                 std::vector<Produced>& out) {
  std::map<std::pair<std::string, const void*>, std::vector<const SharedDevice*>> groups;
  for (const SharedDevice& d : devices)
    if (d.summary->model) groups[{d.summary->model->name, d.summary->site->rec.get()}].push_back(&d);
  for (auto& [key, devs] : groups) {
    const SharedDevice& first = *devs.front();
    const sema::Model& model = *first.summary->model;
    const sema::Value& site = *first.summary->site;
    const sema::ModelEnv& env = cache.env(model);
    sema::Value list;
    list.kind = sema::Value::Kind::List;
    if (cache.needs_devices(model)) {
      auto values = std::make_shared<sema::ValueList>();
      for (const SharedDevice* d : devs) values->push_back(*d->value);
      list.list = values;
    } else {
      list.list = std::make_shared<sema::ValueList>();
    }
    const std::string policy = charset_policy(prog, site);
    for (const sema::FileSpec& spec : model.files) {
      if (spec.decl->scope == "device") continue;
      Produced p;
      std::string who = spec.decl->scope == "model" ? "model " + model.name : "the site";
      if (render_one(prog, env, spec, nullptr, site, list, *first.codes, who, policy, prog.diags, p)) {
        p.owner_range = first.summary->mac_range;
        out.push_back(std::move(p));
      }
    }
  }
}

std::string owner_of(const output::OutFile& f) {
  if (!f.device.is_shared()) return "device " + f.device.str();
  return f.model.empty() ? "the site" : "model " + std::string(f.model);
}

namespace {

// The files seen so far, by path: an open-addressing table of pointers to them (8 bytes a slot,
// under 24 a file) rather than a node per path (about 80 bytes a file at a million files).
class PathTable {
 public:
  explicit PathTable(std::size_t n) {
    std::size_t cap = 16;
    while (cap < n + n / 2) cap *= 2;
    slots_.assign(cap, nullptr);
  }
  // The file already at `p`'s path, else nullptr after taking `p` in.
  const Produced* find_or_add(const Produced& p) {
    const std::string_view path = p.file.path;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = std::hash<std::string_view>{}(path) & mask;; i = (i + 1) & mask) {
      if (!slots_[i]) {
        slots_[i] = &p;
        return nullptr;
      }
      if (slots_[i]->file.path == path) return slots_[i];
    }
  }

 private:
  std::vector<const Produced*> slots_;
};

}  // namespace

std::vector<output::OutFile> merge_shared(sema::Program& prog, const std::vector<std::vector<Produced>*>& device_files,
                                          std::vector<Produced>& shared) {
  std::size_t total = shared.size();
  for (const std::vector<Produced>* list : device_files) total += list->size();
  PathTable by_path(total);
  // Whether `p` is the first at its path; a later one is a collision, unless both are shared files
  // with the same bytes (they merge).
  auto add = [&](const Produced& p, bool is_shared) {
    const Produced* first = by_path.find_or_add(p);
    if (!first) return true;
    if (is_shared && first->file.device.is_shared() && first->file.bytes == p.file.bytes) return false;
    prog.diags.error(p.owner_range.valid() ? p.owner_range : p.origin, "path-collision",
                     owner_of(p.file) + " and " + owner_of(first->file) + " both write '" + p.file.path + "'",
                     {Note{first->owner_range.valid() ? first->owner_range : first->origin, "the other one is declared here"},
                      Note{p.origin, "path pattern declared here"}});
    return false;
  };
  for (const std::vector<Produced>* list : device_files)
    for (const Produced& p : *list) add(p, false);
  // The shared files are compared in place (the table points at them) and moved out at the end.
  std::vector<bool> keep(shared.size());
  for (std::size_t i = 0; i < shared.size(); ++i) keep[i] = add(shared[i], true);
  std::vector<output::OutFile> out;
  out.reserve(static_cast<std::size_t>(std::count(keep.begin(), keep.end(), true)));
  for (std::size_t i = 0; i < shared.size(); ++i)
    if (keep[i]) out.push_back(std::move(shared[i].file));
  return out;
}

std::vector<output::OutFile> emit_all(sema::Program& prog, const sema::Inventory& inv, const std::filesystem::path& out_dir,
                                      unsigned jobs) {
  EmitCache cache(prog);
  DhcpHosts dhcp(prog);
  for (const sema::Device& d : inv.devices)
    if (d.model) {
      cache.prepare(d);
      dhcp.prepare(*d.model, cache.env_of(*d.model), prog.diags);
    }
  std::vector<std::vector<Produced>> per_device(inv.devices.size());
  HostList all;
  all.hosts.resize(inv.devices.size());
  all.sources.resize(inv.devices.size());
  output::parallel_for(inv.devices.size(), jobs, [&](std::size_t i) {
    const sema::Device& d = inv.devices[i];
    if (!d.model) return;
    emit_device(prog, cache, d, nullptr, nullptr, per_device[i], prog.diags);
    dhcp.host(d, cache.codes(d), all.hosts[i], all.sources[i], prog.diags);
  });
  std::vector<sema::DeviceSummary> summaries;
  summaries.reserve(inv.devices.size());  // viewed by `devices`: never reallocated
  std::vector<SharedDevice> devices;
  std::vector<std::vector<Produced>*> lists;
  std::vector<std::size_t> with_host;
  for (std::size_t i = 0; i < inv.devices.size(); ++i) {
    const sema::Device& d = inv.devices[i];
    lists.push_back(&per_device[i]);
    if (!d.model) continue;
    with_host.push_back(i);
    devices.push_back({&summaries.emplace_back(sema::summary_of(d)), &cache.codes(d), &d.value});
  }
  keep_in_order(all.hosts, with_host);
  keep_in_order(all.sources, with_host);
  std::vector<Produced> shared;
  emit_shared(prog, cache, devices, shared);
  std::vector<output::OutFile> shared_files = merge_shared(prog, lists, shared);
  std::vector<output::OutFile> files;
  for (std::vector<Produced>* list : lists)
    for (Produced& p : *list) files.push_back(std::move(p.file));
  for (output::OutFile& f : shared_files) files.push_back(std::move(f));
  dhcp.emit(std::move(all), out_dir, files, jobs);
  return files;
}

}  // namespace phonec::driver
