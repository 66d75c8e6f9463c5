// Phase 2: declarations into symbol tables (records, enums, key types, features, profiles, DHCP
// options, vendors, models, sites, devices). Phase 3: building the types of records and aliases.
#pragma once
#include "sema/program.h"

namespace phonec::sema {

void collect_declarations(Program& prog, const ast::Module& module);
// Builds RecordDef/EnumDef/alias types once everything is loaded; reports unknown types.
void build_types(Program& prog);

// Helpers shared by later phases: the plain text of a literal/identifier expression.
bool literal_text(const ast::Expr& e, std::string& out);
bool literal_int(const ast::Expr& e, std::int64_t& out);

}  // namespace phonec::sema
