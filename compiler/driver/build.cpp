#include "driver/build.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <malloc.h>

#include "driver/cmd_assets.h"
#include "driver/build_memo.h"
#include "driver/compile.h"
#include "driver/device_reuse.h"
#include "driver/emit_all.h"
#include "driver/session.h"
#include "driver/emit_server.h"
#include "driver/serve_assets.h"
#include "output/depfile.h"
#include "output/fs_at.h"
#include "output/write_tree.h"
#include "sema/assets.h"
#include "sema/check_devices.h"
#include "sema/content_check.h"
#include "sema/loader.h"
#include "sema/models.h"
#include "sema/provd_import.h"
#include "sema/symbols.h"

namespace phonec::driver {
namespace fs = std::filesystem;

namespace {

// Prints the diagnostics (JSON on stdout, text on stderr) and returns what was printed.
std::string print_diagnostics(const Options& opt, const Diagnostics& diags, const SourceManager& sm) {
  std::string text = opt.diagnostics == "json" ? render_all_json(diags, sm) : render_all_text(diags, sm);
  (opt.diagnostics == "json" ? std::cout : std::cerr) << text;
  return text;
}

}  // namespace

int run_build(const Options& opt) {
  auto started = std::chrono::steady_clock::now();
  // 0. Nothing changed since the last build into DIR: its result, replayed (driver/build_memo.h).
  const std::int64_t started_ns = realtime_ns();
  const std::string record_key = build_record_key(opt);
  if (replay_build_record(opt, record_key)) return 0;
  // 1. Load: the stdlib (the session), then every input (.phone files with their imports; JSON
  // inventories).
  Session session(opt.includes, opt.werror);
  SourceManager& sm = session.sm;
  Diagnostics& diags = session.diags;
  sema::Program& prog = session.prog;
  std::vector<FileId> inventories;
  for (const std::string& in : opt.inputs) {
    if (in.ends_with(".json")) {
      if (auto f = sema::read_source(prog, in, Range{}, sema::kMaxInventoryBytes, true)) inventories.push_back(*f);
    } else if (in.ends_with(".phone")) {
      sema::load_phone_file(prog, in, Range{});
    } else {
      diags.error(Range{}, "bad-input", "'" + in + "': inputs are .phone files or .json inventories");
    }
  }
  if (opt.all_models) sema::load_all_models(prog);

  // 2. Types, then every model declared so far (inputs and, for check, the library).
  sema::build_types(prog);
  if (opt.check_only) {
    sema::resolve_all_models(prog);
    for (const std::string& name : sema::model_names(prog))
      if (const sema::Model* m = sema::find_model(prog, name)) sema::check_model_contents(prog, *m);
  }

  // 3. Devices: read, checked, and for a build evaluated and rendered, a batch at a time.
  const unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  CompileInput input;
  for (FileId f : inventories) {
    if (opt.from == "provd") sema::load_provd_export(prog, f, input.loaded);
    else if (auto inv = sema::open_json_inventory(prog, f)) input.json.push_back(std::move(*inv));
    sm.get(f).release_pages();  // read through once to find the devices; read again a batch at a time
  }
  sema::load_phone_inventory(prog, input.loaded);

  const bool render = !opt.check_only && opt.assets_cmd.empty();
  CompileOptions co;
  co.jobs = jobs;
  co.render = render;
  if (render) co.out_dir = fs::absolute(opt.output);
  co.lab = opt.lab_subnet;
  std::string spool_error;
  std::unique_ptr<output::Spool> spool;
  std::optional<DeviceReuse> reuse;
  bool tty = !opt.quiet && isatty(STDERR_FILENO);
  std::mutex progress_mu;
  auto shown = [&] { return std::chrono::steady_clock::now() - started >= std::chrono::seconds(1); };
  if (render) {
    spool = output::Spool::open(opt.output, spool_error);
    if (!spool) diags.warning(Range{}, "no-spool", "cannot create a spool file (" + spool_error + "): the build holds every file in memory");
    else spool->start_staging(opt.output);  // a first build: files are created while devices render
    reuse.emplace(opt.output, sm, inventories, spool.get());
    co.spool = spool.get();
    co.reuse = &*reuse;
    if (tty)
      co.progress = [&](std::size_t done, std::size_t total) {
        if (!shown()) return;
        std::lock_guard lock(progress_mu);
        std::cerr << "\rphonec: " << done << "/" << total << " devices" << std::flush;
      };
  }
  Compiled compiled = compile(prog, input, co);
  if (opt.strict) {
    sema::resolve_all_models(prog);  // the vendors the inventories loaded since
    sema::warn_unknown_checksums(prog);
  }
  if (!opt.assets_cmd.empty()) {
    // stdout carries the asset report: diagnostics, in either form, go to stderr.
    std::cerr << (opt.diagnostics == "json" ? render_all_json(diags, sm) : render_all_text(diags, sm));
    return diags.has_errors() ? 1 : run_assets_report(opt, compiled.needed);
  }

  const std::size_t device_count = compiled.device_count;
  if (opt.check_only || (diags.has_errors() && !compiled.rendered)) {
    print_diagnostics(opt, diags, sm);
    if (!opt.quiet && opt.diagnostics != "json")
      std::cerr << "phonec: " << plural(device_count, "device") << " checked: " << plural(diags.error_count(), "error")
                << ", " << plural(diags.warning_count(), "warning") << "\n";
    return diags.has_errors() ? 1 : 0;
  }

  // 4. The firmware and language packs the devices request.
  std::vector<output::OutFile> files = std::move(compiled.files);
  nlohmann::json served_assets;
  if (!diags.has_errors()) serve_assets(prog, compiled.needed, opt.assets_dir, files, served_assets);
  if (diags.has_errors()) {
    print_diagnostics(opt, diags, sm);
    std::cerr << "phonec: " << plural(diags.error_count(), "error") << "; nothing was written\n";
    return 1;
  }

  // The devices are done with: what remains is writing (a large site's devices are tens of MB).
  std::vector<std::vector<Produced>> device_files = std::move(compiled.device_files);
  compiled = Compiled();
  malloc_trim(0);
  std::vector<output::OutFile*> all;
  for (std::vector<Produced>& list : device_files)
    for (Produced& p : list) all.push_back(&p.file);
  for (output::OutFile& f : files) all.push_back(&f);

  // 5. Write only what changed; then the depfile, whose prerequisites are every file read.
  output::WriteOptions wo;
  wo.jobs = jobs;
  wo.touch_manifest = !opt.depfile.empty();
  if (!served_assets.is_null()) wo.manifest_extra["assets"] = served_assets;
  if (tty)
    wo.progress = [&](const output::Progress& p) {
      if (!shown()) return;
      std::lock_guard lock(progress_mu);
      std::cerr << "\r\033[Kphonec: " << device_count << "/" << device_count << " devices, " << p.done << "/" << p.total
                << " files, " << p.written << " written, " << p.unchanged << " unchanged" << std::flush;
    };
  output::WriteResult wr = output::write_tree_of(opt.output, all, wo);
  // Written: the files' records go before the device list is saved.
  std::vector<output::OutFile*>().swap(all);
  std::vector<std::vector<Produced>>().swap(device_files);
  std::vector<output::OutFile>().swap(files);
  if (tty && shown()) std::cerr << "\r\033[K";
  const std::string printed = print_diagnostics(opt, diags, sm);
  for (const std::string& w : wr.warnings) std::cerr << "phonec: warning: " << w << "\n";
  for (const output::WriteError& e : wr.errors) std::cerr << "phonec: error: " << output::to_string(e, opt.output) << "\n";
  if (!wr.ok()) return 1;
  if (spool) spool->staging_done();
  if (int err = reuse->save(opt.output, output::process_umask()))
    std::cerr << "phonec: warning: " << std::string(kDevicesName) << ": " << output::errno_text(err) << "\n";
  if (!opt.depfile.empty()) {
    std::vector<std::string> prereqs = sm.paths();
    std::sort(prereqs.begin(), prereqs.end());
    prereqs.erase(std::unique(prereqs.begin(), prereqs.end()), prereqs.end());
    std::string target = (fs::path(opt.output) / "manifest.json").string();
    if (auto err = output::write_depfile(opt.depfile, output::render_depfile(target, prereqs))) {
      std::cerr << "phonec: error: cannot write depfile '" << opt.depfile << "': " << *err << "\n";
      return 1;
    }
  }
  // Recorded only when a replay would print exactly this: no write warning (a rerun would not
  // repeat it), nothing written but the build's files.
  write_build_record(opt, wr.warnings.empty() ? record_key : std::string(), started_ns, sm, printed, device_count,
                     wr.written + wr.unchanged, diags.warning_count());
  std::cerr << build_summary(device_count, wr.written, wr.unchanged, wr.removed, diags.warning_count());
  return 0;
}

}  // namespace phonec::driver
