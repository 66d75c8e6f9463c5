// In-process costs of the compiler stages, on synthetic sites from bench/gen_site.py:
//   BM_JsonParse         the inventory's JSON text into a json::Value tree
//   BM_LoadAndCheck      stdlib + models + inventory into checked devices (what `check` does)
//   BM_EmitAll           per-device evaluation and rendering of every file, one thread, no I/O
//   BM_Compile           all of it as a build streams it (read to rendered files), one thread, no I/O
// Items processed are devices, so Google Benchmark prints the per-device rate directly.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <unistd.h>

#include "driver/compile.h"
#include "driver/data_dir.h"
#include "driver/emit_all.h"
#include "syntax/json.h"
#include "sema/check_devices.h"
#include "sema/inventory.h"
#include "sema/loader.h"
#include "sema/program.h"
#include "sema/symbols.h"

namespace {
namespace fs = std::filesystem;
using namespace phonec;

// The site text of n devices, generated once per size (deterministic: the default seed).
const std::string& site_text(int n) {
  static std::map<int, std::string> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  // The capabilities of the shipped models, once: every device fits its model.
  static const std::string caps = [] {
    std::string path = (fs::temp_directory_path() / ("phonec-bench-caps-" + std::to_string(::getpid()) + ".json")).string();
    std::string doc = std::string("'") + PHONEC_BINARY + "' doc --format json >'" + path + "'";
    if (std::system(doc.c_str()) != 0) {
      std::fprintf(stderr, "phonec_bench: cannot run %s\n", doc.c_str());
      std::exit(1);
    }
    static std::string removed_at_exit;
    removed_at_exit = path;
    std::atexit([] { std::remove(removed_at_exit.c_str()); });
    return path;
  }();
  std::string cmd = std::string("python3 '") + PHONEC_BENCH_DIR + "/gen_site.py' " + std::to_string(n) +
                    " --capabilities '" + caps + "'";
  std::string text;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[1 << 16];
    std::size_t k;
    while ((k = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, k);
    if (pclose(p) != 0) text.clear();
  }
  if (text.empty()) {
    std::fprintf(stderr, "phonec_bench: cannot run %s\n", cmd.c_str());
    std::exit(1);
  }
  return cache.emplace(n, std::move(text)).first->second;
}

// One loaded and checked site; the program owns references to sm and diags.
struct Loaded {
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog{sm, diags};
  sema::Inventory inv;
};

// The stdlib loaded and the site's text added (as `phonec build` has them before the devices).
std::unique_ptr<Loaded> prepare(int n, FileId& site) {
  auto l = std::make_unique<Loaded>();
  fs::path data = driver::data_dir();
  l->prog.model_paths.push_back(data / "models");
  l->prog.stdlib_dir = data / "stdlib";
  sema::load_stdlib(l->prog);
  sema::build_types(l->prog);
  site = l->sm.add("site.json", site_text(n));
  return l;
}

std::unique_ptr<Loaded> load(int n) {
  FileId f;
  auto l = prepare(n, f);
  sema::load_json_inventory(l->prog, f, l->inv);
  sema::load_phone_inventory(l->prog, l->inv);
  if (!l->diags.has_errors()) sema::check_devices(l->prog, l->inv);
  return l;
}

void BM_JsonParse(benchmark::State& state) {
  const std::string& text = site_text(static_cast<int>(state.range(0)));
  SourceManager sm;
  FileId f = sm.add("site.json", text);
  for (auto _ : state) {
    Diagnostics diags;
    auto v = json::parse(f, sm.get(f).text(), diags);
    if (!v) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

void BM_LoadAndCheck(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  site_text(n);
  for (auto _ : state) {
    auto l = load(n);
    if (l->diags.has_errors() || l->inv.devices.size() != static_cast<std::size_t>(n)) {
      state.SkipWithError("site has errors");
      break;
    }
    benchmark::DoNotOptimize(l);
    state.PauseTiming();
    l.reset();  // freeing is not part of the stage
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_EmitAll(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  auto l = load(n);
  if (l->diags.has_errors()) {
    state.SkipWithError("site has errors");
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto files = driver::emit_all(l->prog, l->inv, "/nonexistent/out", 1);
    bytes = 0;
    for (const auto& f : files) bytes += f.bytes.size();
    benchmark::DoNotOptimize(files);
  }
  if (l->diags.has_errors()) state.SkipWithError("emission reported errors");
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}

// What a build does before writing, as `phonec build` runs it: the streamed device pipeline (read,
// convert, check, evaluate, render, DHCP and tftpd files) from the inventory's text, one thread,
// files kept in memory (no spool, no previous build). Items are devices: the compile cost per
// device, write excluded.
void BM_Compile(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  site_text(n);
  std::size_t bytes = 0;
  for (auto _ : state) {
    state.PauseTiming();  // the stdlib is loaded once per build, not per device
    FileId f;
    auto l = prepare(n, f);
    state.ResumeTiming();
    driver::CompileInput in;
    if (auto inv = sema::open_json_inventory(l->prog, f)) in.json.push_back(std::move(*inv));
    driver::CompileOptions opt;
    opt.render = true;
    opt.out_dir = "/nonexistent/out";
    driver::Compiled c = driver::compile(l->prog, in, opt);
    if (l->diags.has_errors() || c.device_count != static_cast<std::size_t>(n)) {
      state.SkipWithError("site has errors");
      break;
    }
    bytes = 0;
    for (const auto& file : c.files) bytes += file.bytes.size();
    for (const auto& list : c.device_files)
      for (const auto& p : list) bytes += p.file.bytes.size();
    benchmark::DoNotOptimize(c);
    state.PauseTiming();
    l.reset();
    c = driver::Compiled();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}

}  // namespace

BENCHMARK(BM_Compile)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JsonParse)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadAndCheck)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EmitAll)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
