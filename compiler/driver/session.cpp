#include "driver/session.h"

#include "driver/data_dir.h"
#include "sema/loader.h"
#include "sema/models.h"
#include "sema/symbols.h"

namespace phonec::driver {

Session::Session(const std::vector<std::string>& includes, bool werror) {
  diags.set_werror(werror);
  auto data = data_dir();
  for (const std::string& inc : includes) prog.model_paths.emplace_back(inc);
  prog.model_paths.push_back(data / "models");
  prog.stdlib_dir = data / "stdlib";
  sema::load_stdlib(prog);
}

void Session::load_library() {
  sema::load_all_models(prog);
  sema::build_types(prog);
  sema::resolve_all_models(prog);
}

}  // namespace phonec::driver
