#include "syntax/ast.h"

namespace phonec::ast {

bool Expr::is_plain_string() const {
  if (kind != ExprKind::Str) return false;
  for (const StrPart& p : parts)
    if (p.expr) return false;
  return true;
}

std::string Expr::plain_string() const {
  std::string out;
  for (const StrPart& p : parts) out += p.text;
  return out;
}

}  // namespace phonec::ast
