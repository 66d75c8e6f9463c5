// The functions content expressions may call. Each has a static signature (checked once per
// model) and an implementation (run per device).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sema/types.h"
#include "sema/value.h"

namespace phonec::sema {

struct Builtin {
  const char* name;
  std::vector<Prim> params;  // Any accepts every scalar
  Prim result;
  const char* doc;
  // Returns the result, or an error message in `error` (the value's problem, never its text).
  Value (*fn)(const std::vector<Value>& args, std::string& error);
};

const Builtin* find_builtin(const std::string& name);
const std::vector<Builtin>& builtins();

}  // namespace phonec::sema
