// Parses one .phone source into an AST. The only translation unit that sees PEGTL.
#pragma once
#include <optional>

#include "diag/diagnostic.h"
#include "syntax/ast.h"

namespace phonec::syntax {

// Returns nullopt (with a diagnostic) on a syntax error; an input over the size limit is refused.
std::optional<ast::Module> parse_module(const SourceManager& sm, FileId file, Diagnostics& diags);

// Maximum nesting of blocks/expressions accepted before a diagnostic (no stack exhaustion).
inline constexpr int kMaxNesting = 200;

}  // namespace phonec::syntax
