#include "driver/compile.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <set>

#include "driver/emit_all.h"
#include "driver/emit_server.h"
#include "driver/keep_in_order.h"
#include "output/fs_at.h"
#include "output/parallel.h"
#include "sema/check_devices.h"
#include "syntax/json.h"

namespace phonec::driver {

namespace {

// Devices in flight at once: their whole values are held only within a batch.
constexpr std::size_t kBatch = 256;

// What checking a device and evaluating it reported (most devices: nothing, and no allocation).
struct Reports {
  std::vector<Diagnostic> checks, evals;
};

// What a device leaves for the whole-site steps once its batch is done: its summary, its files,
// and its whole value only when a shared file of its model reads the `devices` list.
struct Unit {
  sema::DeviceSummary summary;
  const sema::Value* codes = nullptr;  // its feature-code profile's codes
  const sema::Value* value = nullptr;  // its value, held for the shared files (else null)
  bool present = false;  // read into a device (an element that is not an object is not)
  bool failed = false;   // its own conversion or checks reported an error
  std::unique_ptr<Reports> reports;
  std::vector<Produced> files;

  enum class Stage { Check, Eval };
  void report(Stage stage, const std::vector<Diagnostic>& diags) {
    if (diags.empty()) return;
    if (!reports) reports = std::make_unique<Reports>();
    std::vector<Diagnostic>& to = stage == Stage::Eval ? reports->evals : reports->checks;
    to.insert(to.end(), diags.begin(), diags.end());
  }
  void replay(Stage stage, Diagnostics& into) const {
    if (reports)
      for (const Diagnostic& x : stage == Stage::Eval ? reports->evals : reports->checks) into.report(x);
  }
};

// A sink for one stage's or one device's diagnostics, -Werror as the build's.
struct Sink : Diagnostics {
  explicit Sink(const sema::Program& prog) { set_werror(prog.diags.werror()); }
};

}  // namespace

Compiled compile(sema::Program& prog, CompileInput& in, const CompileOptions& opt) {
  // The feed: every JSON inventory's devices in order, then the devices converted already.
  // Device i is in the inventory whose range of the feed holds it (first[f] <= i < first[f+1]).
  struct Item {
    std::size_t inventory;  // index into in.json, or kLoaded for in.loaded
    std::size_t index;
  };
  constexpr std::size_t kLoaded = static_cast<std::size_t>(-1);
  std::vector<std::size_t> first{0};
  for (const sema::JsonInventory& inv : in.json) first.push_back(first.back() + inv.devices.size());
  const std::size_t total = first.back() + in.loaded.devices.size();
  auto item = [&](std::size_t i) {
    if (i >= first.back()) return Item{kLoaded, i - first.back()};
    std::size_t f = static_cast<std::size_t>(std::upper_bound(first.begin(), first.end(), i) - first.begin()) - 1;
    return Item{f, i - first[f]};
  };

  Compiled out;
  std::vector<sema::Device> batch(kBatch);  // the devices in flight, whole
  std::vector<std::string> batch_fw(kBatch);  // the firmware each runs, until interned in `fw_versions`
  std::set<std::string, std::less<>> fw_versions;
  std::map<const void*, sema::Value> sites;  // each site record once, by identity (the summaries point here)
  std::deque<sema::Device> held;             // devices whose values the shared files read
  std::vector<Unit> units(total);
  sema::DeviceChecker checker(prog);
  EmitCache cache(prog);
  DhcpHosts dhcp(prog);
  HostList hosts;  // index for index with the devices until the DHCP files
  if (opt.render) {
    hosts.hosts.resize(total);
    hosts.sources.resize(total);
  }
  // Each stage's diagnostics wait in their own sink until the stages before them turned out clean.
  Sink converted(prog), choices(prog), models(prog);
  std::set<std::pair<FileId, std::uint32_t>> seen_choices;
  std::vector<std::atomic<bool>> malformed(in.json.size());  // per inventory, set from any thread
  auto any_malformed = [&] { return std::any_of(malformed.begin(), malformed.end(), [](auto& m) { return m.load(); }); };
  // Conversion errors so far (devices converted before this call count), check errors so far.
  std::atomic<bool> convert_errors{prog.diags.has_errors()}, check_errors{false};
  const bool loaded_errors = prog.diags.has_errors();
  std::atomic<std::size_t> done{0};

  for (std::size_t begin = 0; begin < total; begin += kBatch) {
    const std::size_t end = std::min(total, begin + kBatch);
    // 1. Read and convert (parallel).
    output::parallel_for(end - begin, opt.jobs, [&](std::size_t k) {
      const std::size_t i = begin + k;
      const Item it = item(i);
      Unit& u = units[i];
      if (it.inventory == kLoaded) {
        batch[k] = std::move(in.loaded.devices[it.index]);
        u.present = true;
        u.failed = loaded_errors;
        return;
      }
      Sink local(prog);
      bool json_error = false;
      if (auto d = sema::read_json_device(prog, in.json[it.inventory], it.index, local, json_error)) {
        batch[k] = std::move(*d);
        u.present = true;
      }
      if (json_error) malformed[it.inventory] = true;
      if (local.has_errors()) u.failed = convert_errors = true;
      converted.merge(std::move(local));
    });
    if (any_malformed()) break;
    // 2. Models, once each (serial: a model's vendor files load on first use).
    for (std::size_t i = begin; i < end; ++i) {
      Unit& u = units[i];
      if (!u.present) continue;
      sema::Device& d = batch[i - begin];
      sema::check_firmware_choices(prog, d.value, seen_choices, choices);
      if (!u.failed) {
        Sink local(prog);
        checker.resolve(d, local);
        u.report(Unit::Stage::Check, local.all());
        if (local.has_errors()) {
          u.failed = true;
          check_errors = true;
        }
        if (d.model) {
          cache.prepare(d);
          if (opt.render) dhcp.prepare(*d.model, cache.env_of(*d.model), models);
        }
      }
      u.summary = sema::summary_of(d);
      u.summary.site = &sites.try_emplace(d.site.rec.get(), d.site).first->second;
    }
    if (opt.reuse) opt.reuse->sources_loaded();
    // 3. Check, evaluate and render (parallel); then drop the values no later step reads.
    output::parallel_for(end - begin, opt.jobs, [&](std::size_t k) {
      const std::size_t i = begin + k;
      Unit& u = units[i];
      if (!u.present) return;
      sema::Device& d = batch[k];
      u.summary.admin_password = checker.has_admin_password(d);
      if (d.model) {
        Sink local(prog);
        checker.check(d, local);
        if (local.has_errors()) {
          u.failed = true;
          check_errors = true;
        }
        u.report(Unit::Stage::Check, local.all());
        batch_fw[k] = sema::firmware_version(prog, *d.model, d.value, &u.summary.fw_at);
        u.codes = &cache.codes(d);
        // Nothing is written after an error: evaluation stops being worth it at the first one.
        if (opt.render && !u.failed && !check_errors && !convert_errors) {
          Sink ev(prog);
          emit_device(prog, cache, d, opt.spool, opt.reuse, u.files, ev);
          dhcp.host(d, *u.codes, hosts.hosts[i], hosts.sources[i], ev);
          u.report(Unit::Stage::Eval, ev.all());
        }
      }
      // Freed here, on the workers; only the devices the shared files read stay whole.
      if (!d.model || !cache.needs_devices(*d.model)) d = sema::Device();
      std::size_t n = done.fetch_add(1, std::memory_order_relaxed) + 1;
      if (opt.progress && n % 256 == 0) opt.progress(n, total);
    });
    // What outlives the batch: the firmware versions (a handful of distinct ones), the devices
    // the shared files read.
    for (std::size_t i = begin; i < end; ++i) {
      Unit& u = units[i];
      sema::Device& d = batch[i - begin];
      if (!u.present || !u.summary.model) continue;
      u.summary.fw_version = *fw_versions.insert(std::move(batch_fw[i - begin])).first;
      if (d.model) {  // still whole: read by a shared file
        held.push_back(std::move(d));
        u.value = &held.back().value;
        d = sema::Device();
      }
    }
    // The text read so far is not needed again (diagnostics read it back on demand).
    for (std::size_t i = begin; i < end; ++i) {
      const Item it = item(i);
      if (it.inventory == kLoaded || (i + 1 < end && item(i + 1).inventory == it.inventory)) continue;
      const sema::JsonInventory& inv = in.json[it.inventory];
      prog.sm.get(inv.file).release_pages(inv.devices[it.index].end);
    }
  }

  if (opt.reuse) opt.reuse->lookups_done();
  // The batches' values are freed but their pages stay with the allocator: give them back before
  // the whole-site steps (glibc keeps freed heap otherwise; with the one before the write, a 100k
  // build's peak was 411 MiB against 418-426 without).
  malloc_trim(0);
  // Malformed JSON in an inventory: json::parse()'s diagnostics for it, nothing else.
  if (any_malformed()) {
    for (std::size_t f = 0; f < in.json.size(); ++f)
      if (malformed[f]) json::parse(in.json[f].file, prog.sm.get(in.json[f].file).text(), prog.diags);
    return out;
  }
  prog.diags.merge(std::move(converted));

  // Checks across devices; MAC order from here on.
  std::vector<std::size_t> sorted;  // device indexes in MAC order, duplicates left out
  Sink site_diags(prog);
  {
    std::vector<std::size_t> present;
    std::vector<const sema::DeviceSummary*> site;
    for (std::size_t i = 0; i < total; ++i)
      if (units[i].present) {
        present.push_back(i);
        site.push_back(&units[i].summary);
      }
    std::vector<char> duplicate;
    std::vector<std::size_t> order = sema::check_site(site, duplicate, site_diags);
    for (std::size_t k : order)
      if (!duplicate[k]) sorted.push_back(present[k]);
    out.device_count = present.size();
  }
  if (!prog.diags.has_errors()) {
    prog.diags.merge(std::move(site_diags));
    for (std::size_t i : sorted) units[i].replay(Unit::Stage::Check, prog.diags);
  }
  if (!prog.diags.has_errors()) {
    prog.diags.merge(std::move(choices));
    std::vector<const sema::DeviceSummary*> fw;
    for (std::size_t i : sorted)
      if (units[i].summary.model) fw.push_back(&units[i].summary);
    Sink needed(prog);
    out.needed = sema::needed_assets(fw, needed);
    prog.diags.merge(std::move(needed));
  }
  if (opt.render && !prog.diags.has_errors()) {
    out.rendered = true;
    prog.diags.merge(std::move(models));
    for (std::size_t i : sorted) units[i].replay(Unit::Stage::Eval, prog.diags);
    std::vector<SharedDevice> in_order;
    std::vector<std::vector<Produced>*> lists;
    std::vector<std::size_t> with_host;
    for (std::size_t i : sorted) {
      const Unit& u = units[i];
      lists.push_back(&units[i].files);
      if (!u.summary.model) continue;
      with_host.push_back(i);
      in_order.push_back({&u.summary, u.codes, u.value});
    }
    std::vector<Produced> shared;
    emit_shared(prog, cache, in_order, shared);
    // No later step reads the devices (the hosts hold what the DHCP files need).
    std::vector<SharedDevice>().swap(in_order);
    std::deque<sema::Device>().swap(held);
    out.files = merge_shared(prog, lists, shared);
    // The device files stay in their lists, which leave the units before those are freed.
    out.device_files.reserve(sorted.size());
    for (std::size_t i : sorted) out.device_files.push_back(std::move(units[i].files));
    std::vector<Unit>().swap(units);
    keep_in_order(hosts.hosts, with_host);
    keep_in_order(hosts.sources, with_host);
    std::vector<std::size_t>().swap(with_host);
    dhcp.emit(std::move(hosts), opt.out_dir, out.files, opt.jobs, opt.lab, opt.spool);
    // The shared files and the small server files join the device files in the spool (the DHCP
    // files went into spools of their own as they rendered).
    if (opt.spool)
      for (output::OutFile& f : out.files)
        if (int err = f.spool || f.reuse ? 0 : spool_file(*opt.spool, f)) {
          prog.diags.error(Range{}, "io", "cannot hold the rendered files: " + output::errno_text(err));
          break;
        }
  }
  return out;
}

}  // namespace phonec::driver
