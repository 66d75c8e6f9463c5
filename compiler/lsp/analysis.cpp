#include "lsp/analysis.h"

#include "sema/check_devices.h"
#include "sema/content_check.h"
#include "sema/inventory.h"
#include "sema/loader.h"
#include "sema/models.h"
#include "sema/symbols.h"
#include "syntax/parser.h"

namespace phonec::lsp {
namespace fs = std::filesystem;

fs::path resolve_import(const sema::Program& prog, const fs::path& from, const std::string& import) {
  fs::path target(import);
  if (!target.is_relative()) return target;
  std::error_code ec;
  fs::path local = from.parent_path() / target;
  if (fs::exists(local, ec)) return local;
  for (const fs::path& dir : prog.model_paths)
    if (fs::exists(dir / import, ec)) return dir / import;
  return local;
}

std::unique_ptr<Analysis> analyze(const std::string& path, const std::string& text, const fs::path& data_dir) {
  auto a = std::make_unique<Analysis>();
  sema::Program& prog = a->prog;
  prog.model_paths.push_back(data_dir / "models");
  prog.stdlib_dir = data_dir / "stdlib";
  a->path = path;
  // The buffer replaces the file on disk: mark its path loaded so that neither the stdlib nor
  // its vendor's model files read the saved version too.
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(path, ec);
  prog.loaded_paths.insert(ec ? path : canon.string());

  sema::load_stdlib(prog);
  a->file = a->sm.add(path, text);
  if (auto m = syntax::parse_module(a->sm, a->file, a->diags)) {
    prog.modules.push_back(std::move(*m));
    a->module = &prog.modules.back();
    for (const ast::Import& imp : a->module->imports)
      sema::load_phone_file(prog, resolve_import(prog, path, imp.path), imp.range);
    sema::collect_declarations(prog, *a->module);
  }
  // As driver::run_build does for `check`.
  sema::build_types(prog);
  sema::resolve_all_models(prog);
  for (const std::string& name : sema::model_names(prog))
    if (const sema::Model* m = sema::find_model(prog, name)) sema::check_model_contents(prog, *m);
  sema::Inventory inv;
  sema::load_phone_inventory(prog, inv);
  if (!a->diags.has_errors()) sema::check_devices(prog, inv);
  return a;
}

}  // namespace phonec::lsp
