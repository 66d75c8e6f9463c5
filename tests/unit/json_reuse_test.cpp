// parse_element_into(): parsing element after element into one Value, whose strings and vectors
// are reused, must give exactly the tree a fresh parse_element() gives, whatever the previous
// element held there (more or fewer members, other kinds), also after a malformed element.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "syntax/json.h"

namespace phonec::json {
namespace {

// A value with every range, as text: two values print the same only if they are the same.
std::string show(const Value& v) {
  // Appended piece by piece (GCC 12 warns falsely about "x" + std::string&& at -O3).
  std::string out = std::to_string(static_cast<int>(v.kind));
  out += '@';
  out += std::to_string(v.range.begin);
  out += '-';
  out += std::to_string(v.range.end);
  if (v.boolean) out += 'T';
  out += '\'';
  out += v.text;
  out += '\'';
  for (const Value& i : v.items) {
    out += '[';
    out += show(i);
    out += ']';
  }
  for (const Member& m : v.members) {
    out += '{';
    out += m.key;
    out += '@';
    out += std::to_string(m.key_range.begin);
    out += '-';
    out += std::to_string(m.key_range.end);
    out += ':';
    out += show(m.value);
    out += '}';
  }
  return out;
}

std::vector<Range> spans_of(const std::string& text) {
  Diagnostics diags;
  std::vector<Range> spans;
  EXPECT_TRUE(parse_deferring(1, text, "devices", spans, diags)) << text;
  return spans;
}

TEST(JsonReuse, EveryElementIsExactlyAFreshParse) {
  // Each element differs from the one before where the reused tree has something: members
  // added and dropped, a container where a scalar was and the reverse, longer and shorter
  // strings, escapes, true after false.
  const std::string text = R"({"devices": [
    {"mac": "00:15:65:aa:bb:cc", "lines": [{"n": 1, "name": "Ann\u00e9e"}, {"n": 2}], "keys": [1, 2, 3], "on": true},
    {"mac": "x", "lines": [{"n": 3}], "keys": [], "on": false},
    {"mac": {"deep": ["a", {"b": null}]}, "lines": "none", "keys": [[1], [2, [3]]]},
    {},
    [],
    {"lines": [{"n": 1, "name": "a string well over fifteen bytes long", "extra": [1, 2]}, {"n": 2}, {"n": 3}]},
    "a string",
    -12.5e3,
    {"mac": "00:15:65:aa:bb:cd", "lines": [{"n": 1, "name": "B"}], "keys": [4], "on": true, "z": null}
  ]})";
  std::vector<Range> spans = spans_of(text);
  ASSERT_EQ(spans.size(), 9u);
  Value reused;
  // Forwards, backwards, then each after every other: each element meets every earlier tree.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < spans.size(); ++i) order.push_back(i);
  for (std::size_t i = spans.size(); i-- > 0;) order.push_back(i);
  for (std::size_t a = 0; a < spans.size(); ++a)
    for (std::size_t b = 0; b < spans.size(); ++b) {
      order.push_back(a);
      order.push_back(b);
    }
  for (std::size_t i : order) {
    Diagnostics fresh_diags, reused_diags;
    auto fresh = parse_element(1, text, spans[i], fresh_diags);
    ASSERT_TRUE(fresh) << i;
    ASSERT_TRUE(parse_element_into(1, text, spans[i], reused, reused_diags)) << i;
    EXPECT_FALSE(reused_diags.has_errors());
    EXPECT_EQ(show(reused), show(*fresh)) << "element " << i;
  }
}

TEST(JsonReuse, AMalformedElementFailsAndTheNextStillParsesExactly) {
  const std::string text = R"({"devices": [{"a": [1, 2, {"b": "c"}], "d": "e"}, {"a": [1, 2, {"b": tru}]}, {"a": [7]}, {"k": 1, "k": 2}]})";
  std::vector<Range> spans = spans_of(text);
  ASSERT_EQ(spans.size(), 4u);
  Value reused;
  Diagnostics d0, d1, d2, d3;
  ASSERT_TRUE(parse_element_into(1, text, spans[0], reused, d0));
  EXPECT_FALSE(parse_element_into(1, text, spans[1], reused, d1));
  ASSERT_EQ(d1.all().size(), 1u);
  EXPECT_EQ(d1.all()[0].code, "json-syntax");
  ASSERT_TRUE(parse_element_into(1, text, spans[2], reused, d2));
  Diagnostics fresh_diags;
  EXPECT_EQ(show(reused), show(*parse_element(1, text, spans[2], fresh_diags)));
  // A duplicate key is reported as by parse_element() (the element is still well-formed JSON).
  parse_element_into(1, text, spans[3], reused, d3);
  ASSERT_EQ(d3.all().size(), 1u);
  EXPECT_EQ(d3.all()[0].code, "json-duplicate-key");
}

}  // namespace
}  // namespace phonec::json
