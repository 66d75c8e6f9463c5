// Phase 5: static checking of every file's content in a model, once per model (not per device):
// names, record fields (with did-you-mean), list/map/record use, function signatures, which
// statements a format allows, and that settings get scalar values.
#pragma once
#include "sema/program.h"

namespace phonec::sema {

void check_model_contents(Program& prog, const Model& model);

// The names visible in a file's content for a scope ("device", "model", "site"), with types.
std::vector<std::pair<std::string, TypePtr>> content_globals(Program& prog, const Model& model, const std::string& scope);

}  // namespace phonec::sema
