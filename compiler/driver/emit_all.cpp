#include "driver/emit_all.h"

#include <atomic>
#include <map>

#include "emit/render.h"
#include "output/parallel.h"
#include "output/fs_at.h"
#include "output/path_check.h"
#include "output/sha256.h"
#include "sema/eval.h"

namespace phonec::driver {

namespace {

struct Produced {
  output::OutFile file;
  Range origin;        // the file declaration's path pattern
  Range owner_range;   // the device (or first device of a shared file)
  std::string owner;   // "device 00:15:65:aa:bb:cc" or "model yealink.T46S"
};

bool render_one(sema::Program& prog, const sema::ModelEnv& env, const sema::FileSpec& spec, const sema::Device* dev,
                const sema::Value& site, const sema::Value& devices, const sema::Value& codes, const std::string& who,
                Diagnostics& diags, Produced& out) {
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
  std::string policy;  // the site's (or device's) override of the model's charset policy
  if (const sema::RecordDef* def = prog.record("site"))
    if (const sema::Value* v = (dev ? dev->value : site).field(def->slot("charset_policy")); v && !v->is_none()) policy = v->s;
  const bool secret = rf.doc.secret;
  const Range path_origin = rf.path_origin;
  if (!emit::render_file(std::move(rf), *env.model, who, diags, bytes, policy)) return false;
  out.file.path = std::move(path);
  out.file.bytes = std::move(bytes);
  out.file.secret = secret;
  out.file.device = dev ? dev->mac : "shared";
  out.file.model = spec.decl->scope == "site" ? std::string() : env.model->name;
  out.origin = path_origin;
  out.owner = who;
  out.owner_range = dev ? dev->mac_range : Range{};
  return true;
}

std::string f_sha(const output::OutFile& f) { return f.spool ? f.spool_sha256 : output::sha256_hex(f.bytes); }

}  // namespace

std::vector<output::OutFile> emit_all(sema::Program& prog, const sema::Inventory& inv, const std::filesystem::path& out_dir,
                                      unsigned jobs, output::Spool* spool, DeviceReuse* reuse,
                                      const std::function<void(std::size_t done, std::size_t total)>& progress) {
  std::atomic<std::size_t> devices_done{0};
  auto device_done = [&] {
    std::size_t n = devices_done.fetch_add(1, std::memory_order_relaxed) + 1;
    if (progress && n % 256 == 0) progress(n, inv.devices.size());
  };
  // Per-model and per-profile work, once, before the parallel part.
  std::map<const sema::Model*, std::shared_ptr<const sema::ModelEnv>> envs;
  std::map<std::string, sema::Value> codes;
  const sema::RecordDef* dev_def = prog.record("device");
  int fc_slot = dev_def ? dev_def->slot("feature_codes") : -1;
  auto profile_of = [&](const sema::Device& d) {
    const sema::Value* v = d.value.field(fc_slot);
    return v && !v->is_none() ? v->s : std::string("wazo");
  };
  for (const sema::Device& d : inv.devices) {
    if (d.model && !envs.count(d.model)) envs[d.model] = sema::make_model_env(prog, *d.model);
    std::string p = profile_of(d);
    if (!codes.count(p)) codes[p] = sema::profile_codes(prog, p);
  }

  // Device files, in parallel; each device's results land in its own slot (deterministic order).
  std::vector<std::vector<Produced>> per_device(inv.devices.size());
  auto one_device = [&](std::size_t i) {
    const sema::Device& d = inv.devices[i];
    if (!d.model) return;
    const Anchor at{d.source, d.site_source};
    std::string key = reuse ? reuse->key(at) : std::string();
    if (auto prev = reuse ? reuse->lookup(key, at) : std::nullopt) {
      for (const ReusedFile& f : prev->files) {
        Produced p;
        p.file.path = f.path;
        p.file.reuse = true;
        p.file.spool_sha256 = f.sha256;
        p.file.spool_size = f.size;
        p.file.secret = f.secret;
        p.file.device = d.mac;
        p.file.model = d.model->name;
        p.owner = "device " + d.mac;
        p.owner_range = d.mac_range;
        per_device[i].push_back(std::move(p));
      }
      for (const Diagnostic& diag : prev->diags) prog.diags.report(diag);
      reuse->keep(key);
      return;
    }
    const sema::ModelEnv& env = *envs.at(d.model);
    const sema::Value& c = codes.at(profile_of(d));
    Diagnostics local;
    local.set_werror(prog.diags.werror());
    DeviceRecord made;
    bool complete = true;
    for (const sema::FileSpec& spec : d.model->files) {
      if (spec.decl->scope != "device") continue;
      Produced p;
      if (!render_one(prog, env, spec, &d, d.site, sema::Value::none(), c, "device " + d.mac, local, p)) {
        complete = false;
        continue;
      }
      if (spool) {
        // Hashed here, in parallel, and out of memory until the writer reads it back.
        output::OutFile& f = p.file;
        f.spool_sha256 = output::sha256_hex(f.bytes);
        f.spool_size = f.bytes.size();
        if (int err = spool->append(f.bytes, f.spool_offset)) {
          prog.diags.error(Range{}, "io", "cannot hold the rendered files: " + output::errno_text(err));
          prog.diags.merge(std::move(local));
          return;
        }
        f.spool = spool;
        std::string().swap(f.bytes);
      }
      made.files.push_back({p.file.path, f_sha(p.file), p.file.secret});
      per_device[i].push_back(std::move(p));
    }
    if (reuse && complete && !local.has_errors()) {
      made.diags = local.all();
      reuse->record(key, made, at);
    }
    prog.diags.merge(std::move(local));
  };
  output::parallel_for(inv.devices.size(), jobs, [&](std::size_t i) {
    one_device(i);
    device_done();
  });

  // Shared files: once per (model, site) for `per model`, once per site for `per site`.
  std::vector<Produced> shared;
  std::map<std::pair<std::string, const void*>, std::vector<const sema::Device*>> groups;
  for (const sema::Device& d : inv.devices)
    if (d.model) groups[{d.model->name, d.site.rec.get()}].push_back(&d);
  for (auto& [key, devs] : groups) {
    const sema::Device& first = *devs.front();
    const sema::ModelEnv& env = *envs.at(first.model);
    auto list = std::make_shared<sema::ValueList>();
    for (const sema::Device* d : devs) list->push_back(d->value);
    sema::Value devices;
    devices.kind = sema::Value::Kind::List;
    devices.list = list;
    for (const sema::FileSpec& spec : first.model->files) {
      if (spec.decl->scope == "device") continue;
      Produced p;
      std::string who = spec.decl->scope == "model" ? "model " + first.model->name : "the site";
      if (render_one(prog, env, spec, nullptr, first.site, devices, codes.at(profile_of(first)), who, prog.diags, p)) {
        p.owner_range = first.mac_range;
        shared.push_back(std::move(p));
      }
    }
  }

  // One path, one content: two devices never share a path; identical shared files merge.
  std::map<std::string, const Produced*> by_path;
  std::vector<output::OutFile> files;
  auto add = [&](Produced& p, bool is_shared) {
    auto [it, fresh] = by_path.emplace(p.file.path, &p);
    if (!fresh) {
      const Produced& other = *it->second;
      if (is_shared && other.file.device == "shared" && other.file.bytes == p.file.bytes) return;
      prog.diags.error(p.owner_range.valid() ? p.owner_range : p.origin, "path-collision",
                       p.owner + " and " + other.owner + " both write '" + p.file.path + "'",
                       {Note{other.owner_range.valid() ? other.owner_range : other.origin, "the other one is declared here"},
                        Note{p.origin, "path pattern declared here"}});
      return;
    }
    // A device's file is moved, not copied; shared files keep their bytes for the comparison above.
    files.push_back(is_shared ? p.file : std::move(p.file));
  };
  for (auto& list : per_device)
    for (Produced& p : list) add(p, false);
  for (Produced& p : shared) add(p, true);
  emit_server_files(prog, inv, out_dir, files, jobs);
  return files;
}

}  // namespace phonec::driver
