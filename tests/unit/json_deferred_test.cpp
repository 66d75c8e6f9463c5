// The deferring parse of large inventories: the "devices" array's elements are only delimited,
// then parsed one by one. For valid JSON the values must be exactly json::parse()'s; for invalid
// JSON some step must fail (the caller then falls back to parse() for its diagnostics).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "syntax/json.h"

namespace phonec::json {
namespace {

// A value with every range, as text: two values print the same only if they are the same.
std::string show(const Value& v) {
  std::string out = std::to_string(static_cast<int>(v.kind)) + "@" + std::to_string(v.range.begin) + "-" +
                    std::to_string(v.range.end) + (v.boolean ? "T" : "") + "'" + v.text + "'";
  for (const Value& i : v.items) out += "[" + show(i) + "]";
  for (const Member& m : v.members)
    out += "{" + m.key + "@" + std::to_string(m.key_range.begin) + ":" + show(m.value) + "}";
  return out;
}

// The deferring parse and every element, or nullopt when a step reported an error.
std::optional<std::vector<std::string>> deferred(const std::string& text) {
  Diagnostics diags;
  std::vector<Range> spans;
  auto doc = parse_deferring(1, text, "devices", spans, diags);
  if (!doc || diags.has_errors()) return std::nullopt;
  std::vector<std::string> out{show(*doc)};
  for (Range r : spans) {
    Diagnostics d;
    auto v = parse_element(1, text, r, d);
    if (!v || d.has_errors()) return std::nullopt;
    out.push_back(show(*v));
  }
  return out;
}

// parse()'s document split the same way: the devices array emptied, its items apart.
std::vector<std::string> whole(const std::string& text) {
  Diagnostics diags;
  auto doc = parse(1, text, diags);
  EXPECT_TRUE(doc) << text;
  if (!doc) return {};
  std::vector<std::string> items;
  for (Member& m : doc->members)
    if (m.key == "devices" && m.value.is_array()) {
      for (const Value& i : m.value.items) items.push_back(show(i));
      m.value.items.clear();
    }
  std::vector<std::string> out{show(*doc)};
  out.insert(out.end(), items.begin(), items.end());
  return out;
}

TEST(JsonDeferred, ValidInputsGiveExactlyTheWholeParsesValues) {
  const std::string inputs[] = {
      R"({"format": "phonec-inventory/1", "site": {"a": [1, 2]}, "devices": [{"mac": "001565aabbcc"}, {"mac": "x"}]})",
      R"({"devices": []})",
      R"({"devices": [  ]  , "site": {}})",
      // Brackets, braces, commas and escaped quotes inside strings do not end an element.
      R"({"devices": [{"n": "a]b}c,d\"e\\", "m": ["[", "{"]}, "]", "\"}"]})",
      R"({"devices": [1, -2.5e3, true, false, null, "s", [], {}, [[[]]], {"a": {"b": {}}}]})",
      // Non-ASCII text and \u escapes.
      "{\"devices\": [{\"name\": \"Zo\xC3\xAB \\u00e9 \\ud83d\\ude00\"}]}",
      // Whitespace of every kind around elements.
      "{\"devices\":\n\t[\r\n {\"a\": 1}\n ,\n {\"b\": 2}\n]\n}\n",
      // "devices" deeper than the top level is an ordinary array.
      R"({"site": {"devices": [1, 2]}, "devices": [3]})",
      // A top-level "devices" that is not an array is parsed as usual.
      R"({"devices": {"a": [1]}})",
      R"([{"devices": [1]}])",
  };
  for (const std::string& in : inputs) {
    auto d = deferred(in);
    ASSERT_TRUE(d) << in;
    EXPECT_EQ(*d, whole(in)) << in;
  }
}

TEST(JsonDeferred, InvalidElementsAreNeverTakenForValid) {
  // Each is invalid JSON; the deferring parse or one of its elements must report an error.
  const std::string inputs[] = {
      R"({"devices": [{"a": 1,}]})",        // trailing comma in an element
      R"({"devices": [{"a": 1}, ]})",       // trailing comma in the array
      R"({"devices": [{"a" 1}]})",          // missing colon
      R"({"devices": [{"a": 1}}]})",        // extra brace
      R"({"devices": [{"a": [1}]})",        // mismatched bracket
      R"({"devices": [{"a": "x}]})",        // unterminated string
      R"({"devices": [{"a": 01}]})",        // leading zero
      R"({"devices": [tru]})",              // bad literal
      R"({"devices": [{"a": 1} {"b": 2}]})",  // missing comma
      R"({"devices": [{"a": 1, "a": 2}]})",   // duplicate key
      R"({"devices": [{'a': 1}]})",           // single quotes
      R"({"devices": [{"a": 1}])",            // unterminated object
      R"({"devices": [{"a": 1})",             // unterminated array
      "{\"devices\": [\"\xC3\x28\"]}",        // invalid UTF-8 in a string
      "{\"devices\": [\"a\x01\"]}",           // control character in a string
      R"({"devices": [1 2]})",
      R"({"devices": [-]})",
  };
  for (const std::string& in : inputs) {
    Diagnostics whole_diags;
    EXPECT_FALSE(parse(1, in, whole_diags)) << "test input is valid JSON: " << in;
    EXPECT_FALSE(deferred(in)) << in;
  }
}

TEST(JsonDeferred, DepthLimitHoldsInsideDeferredElements) {
  // The top-level object and the array count: an element may nest kMaxDepth - 2 levels.
  auto nested = [](std::size_t depth) {
    return "{\"devices\": [" + std::string(depth, '[') + std::string(depth, ']') + "]}";
  };
  EXPECT_TRUE(deferred(nested(kMaxDepth - 2)));
  EXPECT_FALSE(deferred(nested(kMaxDepth - 1)));
  Diagnostics d;
  EXPECT_FALSE(parse(1, nested(kMaxDepth - 1), d));
}

}  // namespace
}  // namespace phonec::json
