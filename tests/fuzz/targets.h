// The bodies of the libFuzzer targets, shared with the gtest that replays the seed corpus and
// every saved crash input (tests/unit/hostile_fuzz_replay_test.cpp) in the ordinary build.
// Each returns false when an invariant is broken; the fuzzer entry points turn that into a trap.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "diag/diagnostic.h"
#include "driver/compile.h"
#include "output/path_check.h"
#include "sema/inventory.h"
#include "sema/loader.h"
#include "sema/program.h"
#include "sema/symbols.h"
#include "syntax/json.h"
#include "syntax/parser.h"

namespace phonec::fuzz {

// Stdlib and shipped model paths of the source tree; a fresh Program per input so that no state
// leaks from one execution into the next.
inline void prepare(sema::Program& prog) {
  std::filesystem::path root(PHONEC_SOURCE_DATA_DIR);
  prog.model_paths.push_back(root / "models");
  prog.stdlib_dir = root / "stdlib";
  sema::load_stdlib(prog);
  sema::build_types(prog);
}

// Rendering is part of every target: line/column computation and the excerpt on hostile text
// are what a user sees.
inline void render(const Diagnostics& diags, const SourceManager& sm) {
  (void)render_all_text(diags, sm);
  (void)render_all_json(diags, sm);
}

// The .phone parser: an AST, or a refusal that says why.
inline bool phone_parser(const std::uint8_t* data, std::size_t size) {
  SourceManager sm;
  Diagnostics diags;
  FileId f = sm.add("fuzz.phone", std::string(reinterpret_cast<const char*>(data), size));
  auto module = syntax::parse_module(sm, f, diags);
  render(diags, sm);
  return module || diags.has_errors();
}

// The positioned JSON parser, then the inventory loader with the stdlib's types.
inline bool json_inventory(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  SourceManager sm;
  {
    Diagnostics diags;
    FileId f = sm.add("raw.json", text);
    auto doc = json::parse(f, sm.get(f).text(), diags);
    render(diags, sm);
    if (!doc && !diags.has_errors()) return false;
  }
  Diagnostics diags;
  sema::Program prog(sm, diags);
  prepare(prog);
  FileId f = sm.add("site.json", std::move(text));
  sema::Inventory inv;
  sema::load_json_inventory(prog, f, inv);
  render(diags, sm);
  return true;
}

// The devices of an inventory as `phonec build` takes them: read, checked, evaluated and
// rendered in memory (driver::compile, one thread, no spool). Every produced path must stay
// inside the tree.
inline driver::Compiled compile_site(sema::Program& prog, FileId site) {
  driver::CompileInput in;
  if (auto inv = sema::open_json_inventory(prog, site)) in.json.push_back(std::move(*inv));
  sema::load_phone_inventory(prog, in.loaded);
  driver::CompileOptions opt;
  opt.render = true;
  opt.out_dir = "/nonexistent/fuzz-out";
  return driver::compile(prog, in, opt);
}

inline bool pipeline(const std::uint8_t* data, std::size_t size) {
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog(sm, diags);
  prepare(prog);
  FileId f = sm.add("site.json", std::string(reinterpret_cast<const char*>(data), size));
  driver::Compiled c = compile_site(prog, f);
  bool ok = true;
  if (!diags.has_errors()) {
    for (const output::OutFile& file : c.files)
      if (output::check_relative_path(file.path)) ok = false;
    for (const auto& list : c.device_files)
      for (const driver::Produced& p : list)
        if (output::check_relative_path(p.file.path)) ok = false;
  }
  render(diags, sm);
  return ok;
}

}  // namespace phonec::fuzz
