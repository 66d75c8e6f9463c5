// Phase 4: families and models. Resolves inheritance (properties and files override, tables
// merge key by key), checks every property against the model schema, computes capacities.
#pragma once
#include "sema/program.h"

namespace phonec::sema {

// Resolves one model by name (loading its vendor's files if needed); nullptr if unknown (no
// diagnostic: callers report with their own context).
const Model* find_model(Program& prog, const std::string& name);
// Resolves every declared family and model (for `phonec check` and `phonec doc`).
void resolve_all_models(Program& prog);
// Names of every concrete (non-family) model loaded, sorted.
std::vector<std::string> model_names(const Program& prog);

inline constexpr const char* kStatuses[] = {"Y", "N", "NT", "NYT", "FK", "HK", "SK", "MN"};

}  // namespace phonec::sema
