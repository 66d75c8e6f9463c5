// The functions content expressions may call. Each has a static signature (checked once per
// model) and an implementation (run per device).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sema/types.h"
#include "sema/value.h"

namespace phonec::sema {

// The arguments of a call, read where they are: a variable passed to a function is not copied.
class Args {
 public:
  Args(const Value* const* values, std::size_t n) : values_(values), n_(n) {}
  const Value& operator[](std::size_t i) const { return *values_[i]; }
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }

 private:
  const Value* const* values_;
  std::size_t n_;
};

struct Builtin {
  const char* name;
  std::vector<Prim> params;  // Any accepts every scalar
  Prim result;
  const char* doc;
  // Returns the result, or an error message in `error` (the value's problem, never its text).
  Value (*fn)(Args args, std::string& error);
};

const Builtin* find_builtin(const std::string& name);

// What lookup(table, key) gives, read in place: the stored entry, or nullptr with `error` set
// when the key is absent (none either way when the table is not one).
const Value* lookup_entry(Args args, std::string& error);
const std::vector<Builtin>& builtins();

}  // namespace phonec::sema
