// Strings are scanned eight bytes at a time: whatever ends a plain run (a quote, a backslash, a
// control character, a non-ASCII byte) must be found at every offset within and across words,
// by the full parse and by the deferring parse's delimiting alike.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "syntax/json.h"

namespace phonec::json {
namespace {

struct Special {
  std::string written;  // in the JSON text
  std::string value;    // in the parsed string; empty when the text is an error
  const char* code;     // the error's code when it is one
};

std::string first_code(const Diagnostics& d) { return d.all().empty() ? std::string() : d.all().front().code; }

TEST(JsonScan, EverySpecialByteIsFoundAtEveryOffset) {
  const std::vector<Special> specials = {
      {"\\\"", "\"", nullptr},  {"\\\\", "\\", nullptr},       {"\\n", "\n", nullptr},
      {"\xC3\xA9", "\xC3\xA9", nullptr}, {"\xE2\x82\xAC", "\xE2\x82\xAC", nullptr},
      {"\x01", "", "json-syntax"}, {"\x1F", "", "json-syntax"},   {"\xFF", "", "json-encoding"},
      {"\x80", "", "json-encoding"},
  };
  for (std::size_t before = 0; before <= 17; ++before)
    for (std::size_t after = 0; after <= 17; after += 3)
      for (const Special& sp : specials) {
        const std::string lead(before, 'a'), tail(after, 'z');
        // The string is the value of a member, so that its offset in the text varies with `before`.
        const std::string text = "{\"k\": \"" + lead + sp.written + tail + "\", \"devices\": [\"" + lead + sp.written + tail + "\"]}";
        SCOPED_TRACE("before " + std::to_string(before) + ", after " + std::to_string(after) + ", special " + sp.written);
        Diagnostics d;
        auto v = parse(1, text, d);
        if (!sp.code) {
          ASSERT_TRUE(v);
          EXPECT_EQ(v->find("k")->text, lead + sp.value + tail);
          ASSERT_EQ(v->find("devices")->items.size(), 1u);
          EXPECT_EQ(v->find("devices")->items[0].text, lead + sp.value + tail);
          // Delimited the same: the element is the string with its quotes.
          Diagnostics dd;
          std::vector<Range> spans;
          auto doc = parse_deferring(1, text, "devices", spans, dd);
          ASSERT_TRUE(doc);
          ASSERT_EQ(spans.size(), 1u);
          EXPECT_EQ(spans[0].begin, v->find("devices")->items[0].range.begin);
          EXPECT_EQ(spans[0].end, v->find("devices")->items[0].range.end);
        } else {
          EXPECT_FALSE(v);
          EXPECT_EQ(first_code(d), sp.code);
          // The error points at the offending byte: after the opening quote and the lead.
          ASSERT_FALSE(d.all().empty());
          EXPECT_EQ(d.all().front().range.begin, 7 + before);
        }
      }
}

TEST(JsonScan, UnterminatedStringsAndTrailingBackslashesAreErrors) {
  for (std::size_t n = 0; n <= 20; ++n) {
    SCOPED_TRACE(n);
    const std::string lead(n, 'x');
    for (const std::string& text : {"[\"" + lead, "[\"" + lead + "\\", "[\"" + lead + "\\\""}) {
      Diagnostics d;
      EXPECT_FALSE(parse(1, text, d));
      EXPECT_EQ(first_code(d), "json-syntax");
      Diagnostics dd;
      std::vector<Range> spans;
      EXPECT_FALSE(parse_deferring(1, "{\"devices\": " + text, "devices", spans, dd));
      EXPECT_TRUE(dd.has_errors());
    }
  }
}

// Objects are given room for six members up front; the smallest give it back, so that a file of
// tiny objects does not take more memory than growing would.
TEST(JsonScan, SmallObjectsKeepNoSpareRoom) {
  Diagnostics d;
  auto v = parse(1, R"([{"a": 1}, {"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}, {}])", d);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->items[0].members.capacity(), 1u);
  EXPECT_EQ(v->items[1].members.capacity(), 3u);
  EXPECT_EQ(v->items[2].members.capacity(), 6u);
  EXPECT_EQ(v->items[2].members[5].key, "f");
  EXPECT_EQ(v->items[3].members.capacity(), 0u);
}

}  // namespace
}  // namespace phonec::json
