// Malformed documents: each error's code, message and exact line:column; none crashes.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <random>

#include "json_test_util.h"

using namespace phonec;
using namespace phonec::json;
using phonec::json::testing::Doc;
using phonec::json::testing::to_nlohmann;

using namespace std::string_literals;

namespace {

struct Case {
  std::string input;
  std::string expected;  // Doc::summary(): "line:col code: message[ | note line:col message]"
};

// Failure output shows the input, escaped, rather than the struct's bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << ::testing::PrintToString(c.input); }

class JsonMalformed : public ::testing::TestWithParam<Case> {};

TEST_P(JsonMalformed, ReportsOneErrorAtTheExactByte) {
  const Case& c = GetParam();
  Doc d(c.input);
  EXPECT_FALSE(d.value);
  EXPECT_EQ(d.summary(), c.expected);
  EXPECT_EQ(d.diags.error_count(), 1u);
}

const Case kCases[] = {
    {"", "1:1 json-syntax: empty input: expected a JSON value"},
    {"  \n\t ", "2:10 json-syntax: empty input: expected a JSON value"},
    {"\xEF\xBB\xBF", "1:1 byte-order-mark: byte order mark ignored\n1:2 json-syntax: empty input: expected a JSON value"},
    {"{\"a\": 1 \"b\": 2}", "1:9 json-syntax: expected ',' or '}' after object member"},
    {"{\n  \"a\": 1\n  \"b\": 2\n}", "3:3 json-syntax: expected ',' or '}' after object member"},
    {"{\"a\": 1", "1:8 json-syntax: unexpected end of input: expected ',' or '}' after object member | note 1:1 the object starts here"},
    {"[1, 2", "1:6 json-syntax: unexpected end of input: expected ',' or ']' after array element | note 1:1 the array starts here"},
    {"[", "1:2 json-syntax: unexpected end of input: expected a value or ']' | note 1:1 the array starts here"},
    {"[1,", "1:4 json-syntax: unexpected end of input: expected a value after ',' | note 1:1 the array starts here"},
    {"{\"a\":", "1:6 json-syntax: unexpected end of input: expected a value | note 1:1 the object starts here"},
    {"[1 2]", "1:4 json-syntax: expected ',' or ']' after array element"},
    {"[1,]", "1:3 json-syntax: trailing comma is not allowed in JSON"},
    {"{\"a\": 1,\n}", "1:8 json-syntax: trailing comma is not allowed in JSON"},
    {"{a: 1}", "1:2 json-syntax: expected a string key or '}'"},
    {"{\"a\": 1, 2: 3}", "1:10 json-syntax: expected a string key after ','"},
    {"{'a': 1}", "1:2 json-syntax: strings must be enclosed in double quotes"},
    {"{\"a\" 1}", "1:6 json-syntax: expected ':' after object key"},
    {"{\"a\": }", "1:7 json-syntax: expected a value"},
    {"[\"abc", "1:2 json-syntax: unterminated string"},
    {"{\"key\": \"x\\", "1:9 json-syntax: unterminated string"},
    {"[\"a\\xb\"]", "1:4 json-syntax: invalid escape '\\x'"},
    {"[\"\\\xC3\xA9\"]", "1:3 json-syntax: invalid escape '\\\xC3\xA9'"},
    {"[\"\\\t\"]", "1:3 json-syntax: invalid escape: '\\' followed by control character U+0009"},
    {"[\"\\u12G4\"]", "1:3 json-syntax: '\\u' must be followed by four hex digits"},
    {"[\"\\u12\"]", "1:3 json-syntax: '\\u' must be followed by four hex digits"},
    {"[\"a\nb\"]", "1:4 json-syntax: control character U+000A in string must be escaped"},
    {"{\"name\": \"Zoë\tx\"}", "1:14 json-syntax: control character U+0009 in string must be escaped"},
    {"[\"\x01\"]", "1:3 json-syntax: control character U+0001 in string must be escaped"},
    {"[\"a\xFF" "b\"]", "1:4 json-encoding: invalid UTF-8 byte 0xff"},
    {"[\"Zo\xEB\"]", "1:5 json-encoding: invalid UTF-8 byte 0xeb"},            // Latin-1 ë
    {"[\"\xC0\x80\"]", "1:3 json-encoding: invalid UTF-8 byte 0xc0"},          // overlong NUL
    {"[\"\xED\xA0\x80\"]", "1:3 json-encoding: invalid UTF-8 byte 0xed"},      // encoded surrogate
    {"[\"\xF4\x90\x80\x80\"]", "1:3 json-encoding: invalid UTF-8 byte 0xf4"},  // beyond U+10FFFF
    {"[\"\x80\"]", "1:3 json-encoding: invalid UTF-8 byte 0x80"},
    {"[\"\xE2\x82\"]", "1:3 json-encoding: invalid UTF-8 byte 0xe2"},          // truncated
    {"[\xFF]", "1:2 json-encoding: invalid UTF-8 byte 0xff"},
    {"\xFF\xFE[\0]"s, "1:1 json-encoding: invalid UTF-8 byte 0xff (the file looks UTF-16 encoded; JSON must be UTF-8)"},
    {"[1] \xC3", "1:5 json-encoding: invalid UTF-8 byte 0xc3"},
    {"[\xC3\xA9]", "1:2 json-syntax: expected a value"},
    {"[\"\\ud800\"]", "1:3 json-syntax: lone surrogate '\\ud800' in string"},
    {"[\"\\uDBFF x\"]", "1:3 json-syntax: lone surrogate '\\uDBFF' in string"},
    {"[\"\\ud800\\u0041\"]", "1:3 json-syntax: lone surrogate '\\ud800' in string"},
    {"[\"ok\\udc00\\ud800\"]", "1:5 json-syntax: lone surrogate '\\udc00' in string"},
    {"[\"\\ud83d\\ud83d\"]", "1:3 json-syntax: lone surrogate '\\ud83d' in string"},
    {"[1] x", "1:5 json-syntax: trailing characters after the JSON value"},
    {"{\"a\":1}}", "1:8 json-syntax: trailing characters after the JSON value"},
    {"{}\n{}", "2:1 json-syntax: trailing characters after the JSON value"},
    {"[1]\0"s, "1:4 json-syntax: trailing characters after the JSON value"},
    {"01", "1:1 json-syntax: leading zeros are not allowed in numbers"},
    {"[-007]", "1:3 json-syntax: leading zeros are not allowed in numbers"},
    {"[+1]", "1:2 json-syntax: a number cannot start with '+'"},
    {"[.5]", "1:2 json-syntax: a number must have a digit before '.'"},
    {"[1.]", "1:4 json-syntax: expected a digit after '.'"},
    {"[1.e5]", "1:4 json-syntax: expected a digit after '.'"},
    {"[1e]", "1:4 json-syntax: expected a digit in the exponent"},
    {"[1E+]", "1:5 json-syntax: expected a digit in the exponent"},
    {"[-]", "1:3 json-syntax: expected a digit after '-'"},
    {"[- 1]", "1:3 json-syntax: expected a digit after '-'"},
    {"0x1F", "1:2 json-syntax: trailing characters after the JSON value"},
    {"[NaN]", "1:2 json-syntax: NaN is not allowed in JSON"},
    {"[Infinity]", "1:2 json-syntax: Infinity is not allowed in JSON"},
    {"{\"t\": -Infinity}", "1:7 json-syntax: -Infinity is not allowed in JSON"},
    {"[True]", "1:2 json-syntax: invalid literal 'True' (did you mean 'true'?)"},
    {"[nul]", "1:2 json-syntax: invalid literal 'nul' (did you mean 'null'?)"},
    {"[flase]", "1:2 json-syntax: invalid literal 'flase' (did you mean 'false'?)"},
    {"[undefined]", "1:2 json-syntax: invalid literal 'undefined'; expected a value"},
    {"[truex]", "1:2 json-syntax: invalid literal 'truex' (did you mean 'true'?)"},
    {"[1, // two\n 2]", "1:5 json-syntax: comments are not allowed in JSON"},
    {"/* inventory */ {}", "1:1 json-syntax: comments are not allowed in JSON"},
    {"{} // end", "1:4 json-syntax: comments are not allowed in JSON"},
    {"[1 /]", "1:4 json-syntax: expected ',' or ']' after array element"},
    {"}", "1:1 json-syntax: expected a value"},
    {"[}", "1:2 json-syntax: expected a value"},
    {"{]", "1:2 json-syntax: expected a string key or '}'"},
    {"[1}", "1:3 json-syntax: expected ',' or ']' after array element"},
    {"{\"a\":1]", "1:7 json-syntax: expected ',' or '}' after object member"},
    {"[\"a\" \"b\"]", "1:6 json-syntax: expected ',' or ']' after array element"},
    {"{\"a\"=1}", "1:5 json-syntax: expected ':' after object key"},
    {"\"\\u00e9\" \"x\"", "1:10 json-syntax: trailing characters after the JSON value"},
    {"{\"a\":1,\"a\":2}", "1:8 json-duplicate-key: duplicate key \"a\" | note 1:2 first defined here"},
    {"\xC2\xA0[]", "1:1 json-syntax: expected a value"},                   // no-break space is not JSON whitespace
    {"[1]\xEF\xBB\xBF", "1:4 json-syntax: trailing characters after the JSON value"},
    {"\v[]", "1:1 json-syntax: expected a value"},
};

INSTANTIATE_TEST_SUITE_P(Table, JsonMalformed, ::testing::ValuesIn(kCases));

TEST(JsonErrors, TableIsLargeEnough) { EXPECT_GE(std::size(kCases), 25u); }

std::string nested(const std::string& open, const std::string& leaf, const std::string& close, int depth) {
  std::string s;
  s.reserve((open.size() + close.size()) * depth + leaf.size());
  for (int i = 0; i < depth; ++i) s += open;
  s += leaf;
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

TEST(JsonErrors, DepthLimitIsOneErrorNeverAStackOverflow) {
  Doc a257(nested("[", "", "]", 257));
  EXPECT_FALSE(a257.value);
  EXPECT_EQ(a257.summary(), "1:257 json-too-deep: nesting deeper than 256 levels");

  Doc deep(nested("[", "", "]", 10000));
  EXPECT_FALSE(deep.value);
  EXPECT_EQ(deep.summary(), "1:257 json-too-deep: nesting deeper than 256 levels");

  Doc open_only(std::string(10000, '['));
  EXPECT_EQ(open_only.summary(), "1:257 json-too-deep: nesting deeper than 256 levels");

  Doc objects(nested("{\"a\":", "1", "}", 10000));
  EXPECT_FALSE(objects.value);
  EXPECT_EQ(objects.summary(), "1:1281 json-too-deep: nesting deeper than 256 levels");

  Doc mixed(nested("{\"a\": [", "1", "]}", 5000));
  EXPECT_EQ(mixed.summary(), "1:897 json-too-deep: nesting deeper than 256 levels");

  // Much deeper than any stack could recurse: still one error.
  Doc huge(std::string(1 << 20, '['));
  EXPECT_EQ(huge.diags.error_count(), 1u);
}

TEST(JsonErrors, DuplicateKeysAreAllReportedWithTheFirstDefinition) {
  Doc d("{\n  \"mac\": \"a\",\n  \"model\": \"b\",\n  \"mac\": \"c\",\n  \"sip\": {\"port\": 1, \"port\": 2},\n  \"mac\": \"d\"\n}");
  EXPECT_FALSE(d.value);
  EXPECT_EQ(d.summary(),
            "5:22 json-duplicate-key: duplicate key \"port\" | note 5:11 first defined here\n"
            "4:3 json-duplicate-key: duplicate key \"mac\" | note 2:3 first defined here\n"
            "6:3 json-duplicate-key: duplicate key \"mac\" | note 2:3 first defined here");
  EXPECT_EQ(render_all_text(d.diags, d.sm),
            "site.json:4:3: error: duplicate key \"mac\"\n"
            "  \"mac\": \"c\",\n"
            "  ^~~~~\n"
            "site.json:2:3: note: first defined here\n"
            "site.json:5:22: error: duplicate key \"port\"\n"
            "  \"sip\": {\"port\": 1, \"port\": 2},\n"
            "                     ^~~~~~\n"
            "site.json:5:11: note: first defined here\n"
            "site.json:6:3: error: duplicate key \"mac\"\n"
            "  \"mac\": \"d\"\n"
            "  ^~~~~\n"
            "site.json:2:3: note: first defined here\n");
}

TEST(JsonErrors, DuplicateKeysInLargeObjects) {
  // More than 16 members takes the sorting path; keys compare after unescaping.
  std::string text = "{";
  for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  text += "\"k\\u0031\": 0, \"k7\": 0, \"k7\": 1}";
  Doc d(text);
  EXPECT_FALSE(d.value);
  const auto& all = d.diags.all();
  ASSERT_EQ(all.size(), 3u) << d.summary();
  std::string first_k1 = d.pos(static_cast<std::uint32_t>(text.find("\"k1\"")));
  std::string first_k7 = d.pos(static_cast<std::uint32_t>(text.find("\"k7\"")));
  EXPECT_EQ(d.summary(), d.pos(static_cast<std::uint32_t>(text.find("\"k\\u0031\""))) +
                             " json-duplicate-key: duplicate key \"k1\" | note " + first_k1 + " first defined here\n" +
                             d.pos(static_cast<std::uint32_t>(text.find("\"k7\": 0"))) +
                             " json-duplicate-key: duplicate key \"k7\" | note " + first_k7 + " first defined here\n" +
                             d.pos(static_cast<std::uint32_t>(text.find("\"k7\": 1"))) +
                             " json-duplicate-key: duplicate key \"k7\" | note " + first_k7 + " first defined here");
}

TEST(JsonErrors, DuplicateKeyMessageEscapesControlCharacters) {
  Doc d(R"({"a\nb": 1, "a\nb": 2})");
  EXPECT_EQ(d.summary(), "1:13 json-duplicate-key: duplicate key \"a\\u000ab\" | note 1:2 first defined here");
}

TEST(JsonErrors, RefusesInputsOver1GiB) {
  // A lazily mapped region: the size check must reject it before reading a single byte.
  const std::size_t size = kMaxInputBytes + 1;
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(p, MAP_FAILED);
  Diagnostics diags;
  auto v = parse(7, std::string_view(static_cast<const char*>(p), size), diags);
  EXPECT_FALSE(v);
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].code, "json-too-large");
  EXPECT_EQ(diags.all()[0].message, "input is 1073741825 bytes; JSON inputs are limited to 1024 MiB");
  EXPECT_EQ(diags.all()[0].range.file, 7u);
  // Exactly the limit is read (and here fails on its first byte, a NUL).
  Diagnostics at_limit;
  EXPECT_FALSE(parse(7, std::string_view(static_cast<const char*>(p), kMaxInputBytes), at_limit));
  ASSERT_EQ(at_limit.all().size(), 1u);
  EXPECT_EQ(at_limit.all()[0].message, "expected a value");
  munmap(p, size);
}

TEST(JsonErrors, ErrorsAreRenderedGccStyle) {
  Doc d("{\n  \"devices\": [\n    {\"mac\": \"00:15:65:aa:bb:cc\" \"model\": \"x\"}\n  ]\n}\n");
  EXPECT_EQ(render_all_text(d.diags, d.sm),
            "site.json:3:33: error: expected ',' or '}' after object member\n"
            "    {\"mac\": \"00:15:65:aa:bb:cc\" \"model\": \"x\"}\n"
            "                                ^\n");
}

// Random mutations of a valid inventory: we accept exactly what nlohmann (also strict RFC 8259)
// accepts, build the same document, and never crash. Duplicate keys are the one difference.
TEST(JsonErrors, MutationsAgreeWithNlohmann) {
  const std::string base = R"({"format": "phonec-inventory/1", "site": {"timezone": "America/Montreal",
 "sip": {"port": 5060, "mwi": true, "ratio": -1.5e-3, "none": null}},
 "devices": [{"mac": "00:15:65:aa:bb:cc", "label": "Bureau Zo\u00eb \ud83d\ude00 Zoë", "esc": "a\"b\\c\/d\n",
   "keys": [1, 2, 0.5, [], {}, false]}]})";
  const std::string alphabet = std::string("\"\\,:{}[]0-+.eEu /\n\tntf") + "\xFF\xC3\xA9\x80\xED" + std::string(1, '\0');
  std::mt19937 rng(20240611);
  int accepted = 0;
  for (int iter = 0; iter < 4000; ++iter) {
    std::string s = base;
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      std::size_t at = rng() % s.size();
      char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 4) {
        case 0: s[at] = c; break;
        case 1: s.erase(at, 1); break;
        case 2: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        case 3: s.resize(at); break;
      }
    }
    Doc d(s);
    std::optional<nlohmann::ordered_json> theirs;
    try {
      theirs = nlohmann::ordered_json::parse(s);
    } catch (const nlohmann::json::parse_error&) {
    }
    bool only_duplicates = !d.diags.all().empty();
    for (const Diagnostic& diag : d.diags.all()) only_duplicates &= diag.code == "json-duplicate-key";
    if (only_duplicates) continue;
    ASSERT_EQ(d.value.has_value(), theirs.has_value()) << "input: " << s << "\nours: " << d.summary();
    if (d.value) {
      ++accepted;
      EXPECT_EQ(to_nlohmann(*d.value), *theirs) << s;
    } else {
      ASSERT_EQ(d.diags.error_count(), 1u) << s;
      const Diagnostic& e = d.diags.all().back();
      EXPECT_LE(e.range.begin, s.size());
      EXPECT_LE(e.range.end, s.size());
      EXPECT_LE(e.range.begin, e.range.end);
    }
  }
  EXPECT_GT(accepted, 100);  // the mutations do exercise both outcomes
}

}  // namespace
