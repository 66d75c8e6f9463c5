// A front-end session: the sources, diagnostics and program of one command, with the search
// paths set (-I dirs first, then the shipped models) and the stdlib loaded.
#pragma once
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "sema/program.h"

namespace phonec::driver {

struct Session {
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog{sm, diags};
  // With `werror`, warnings count as errors from the first file read on.
  explicit Session(const std::vector<std::string>& includes, bool werror = false);
  // Loads every shipped and -I model and resolves it (types first).
  void load_library();
};

}  // namespace phonec::driver
