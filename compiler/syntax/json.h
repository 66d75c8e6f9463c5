// A JSON DOM in which every value and every object key remembers where it came from, so that
// checks on a site inventory can point at the exact line and column of the offending value.
// nlohmann::json keeps no positions, hence this parser.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/source.h"

namespace phonec::json {

struct Member;

struct Value {
  enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };

  Kind kind = Kind::Null;
  bool boolean = false;       // Bool only; placed before `range` to keep the struct small
  Range range;                // the whole value: quotes of a string, brackets of a container
  std::string text;           // String: contents, unescaped UTF-8; Number: the literal as written
  std::vector<Value> items;   // Array
  std::vector<Member> members;  // Object, in input order (keys are unique after a good parse)

  bool is_null() const { return kind == Kind::Null; }
  bool is_bool() const { return kind == Kind::Bool; }
  bool is_number() const { return kind == Kind::Number; }
  bool is_string() const { return kind == Kind::String; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_object() const { return kind == Kind::Object; }

  // Object member's value by key, or nullptr (also when this is not an object).
  const Value* find(std::string_view key) const;
  // The member itself, for callers that need the key's range.
  const Member* find_member(std::string_view key) const;
  // A number written without fraction or exponent ("12", "-3", not "1.0" or "1e3").
  bool is_integer_literal() const;
  // The exact value of an integer literal that fits in int64; nullopt otherwise.
  std::optional<std::int64_t> as_int() const;
};

struct Member {
  std::string key;  // unescaped UTF-8
  Range key_range;  // the key including its quotes
  Value value;
};

// "null", "a boolean", "a number", "a string", "an array", "an object": for messages such as
// "expected a string, got a number".
std::string describe(Value::Kind kind);

inline constexpr std::size_t kMaxDepth = 256;
// Ranges hold 32-bit offsets; a million-device inventory is about 450 MB.
inline constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;

// Strict RFC 8259. Reports every problem into `diags` (codes json-syntax, json-encoding,
// json-duplicate-key, json-too-deep, json-too-large; warning byte-order-mark) and returns the
// document only if this call reported no error. Stops at the first syntax error; duplicate keys
// are all reported. `text` must be the text of `file` so that ranges index into it.
std::optional<Value> parse(FileId file, std::string_view text, Diagnostics& diags);

// For inventories too large to hold as a tree: parse() with the elements of the array under the
// top-level member `key` only delimited (that array comes back empty, its elements' ranges in
// `spans`). Each element is then parsed on its own with parse_element(), in any order and from
// any thread. For valid JSON, the values are exactly parse()'s. Invalid JSON inside an element
// can mislead the delimiting, so after any error a caller wanting parse()'s exact diagnostics
// (it stops at the first syntax error) parses the whole text again.
std::optional<Value> parse_deferring(FileId file, std::string_view text, std::string_view key, std::vector<Range>& spans,
                                     Diagnostics& diags);
std::optional<Value> parse_element(FileId file, std::string_view text, Range span, Diagnostics& diags);
// parse_element() into `out`, whose strings and vectors are reused (a reader parsing one element
// after another into the same Value allocates little). True when the element is well-formed; else
// `out` holds an unspecified tree that a later call still reuses.
bool parse_element_into(FileId file, std::string_view text, Range span, Value& out, Diagnostics& diags);

}  // namespace phonec::json
