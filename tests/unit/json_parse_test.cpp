// Valid documents: the DOM, positions of values and keys, unescaping, integers, BOM, depth.
#include <gtest/gtest.h>

#include "json_test_util.h"

using namespace phonec;
using namespace phonec::json;
using phonec::json::testing::Doc;
using phonec::json::testing::to_nlohmann;

namespace {

// The inventory example of /work/shared/design/contract.md, verbatim.
const char* const kInventory = R"({
  "format": "phonec-inventory/1",
  "site": {
    "provisioning_url": "http://10.34.1.6:8667/",
    "tftp_server": "10.34.1.6",
    "timezone": "America/Montreal",
    "locale": "fr_FR",
    "ntp": "10.34.1.6",
    "admin_password": "…",
    "feature_codes": "wazo",
    "sip": {"registrar": "10.34.1.6", "proxy": "10.34.1.6", "port": 5060,
            "backup_registrar": "10.34.1.7", "backup_proxy": "10.34.1.7",
            "transport": "udp", "dtmf": "rfc2833", "srtp": "disabled", "mwi": true}
  },
  "devices": [
    {
      "mac": "00:15:65:aa:bb:cc",
      "model": "yealink.T46S",
      "ip": "10.34.1.210",
      "lines": [
        {"number": 1, "display_name": "Émilie Núñez", "username": "1001",
         "auth_username": "1001", "password": "s3cr&t<pw>", "voicemail": "*98"}
      ],
      "funckeys": [
        {"position": 1, "type": "blf", "value": "1002", "label": "Bureau Zoë"},
        {"position": 2, "type": "speeddial", "value": "1003", "label": "Réception"},
        {"position": 3, "type": "park", "value": "700"},
        {"position": 4, "type": "service", "service": "enablednd", "label": "DND"}
      ]
    }
  ]
}
)";

TEST(JsonParse, ScalarsAndTheirRanges) {
  Doc d(" [null, true, false, -12.5e+3, \"x\", 0, [], {}] ");
  ASSERT_TRUE(d.value) << d.summary();
  const Value& a = *d.value;
  EXPECT_EQ(a.kind, Value::Kind::Array);
  EXPECT_EQ(d.slice(a.range), "[null, true, false, -12.5e+3, \"x\", 0, [], {}]");
  ASSERT_EQ(a.items.size(), 8u);
  EXPECT_EQ(a.items[0].kind, Value::Kind::Null);
  EXPECT_EQ(a.items[1].kind, Value::Kind::Bool);
  EXPECT_TRUE(a.items[1].boolean);
  EXPECT_FALSE(a.items[2].boolean);
  EXPECT_EQ(a.items[3].kind, Value::Kind::Number);
  EXPECT_EQ(a.items[3].text, "-12.5e+3");
  EXPECT_EQ(d.slice(a.items[3].range), "-12.5e+3");
  EXPECT_EQ(a.items[4].text, "x");
  EXPECT_EQ(d.slice(a.items[4].range), "\"x\"");
  EXPECT_EQ(d.slice(a.items[2].range), "false");
  EXPECT_EQ(d.slice(a.items[6].range), "[]");
  EXPECT_EQ(d.slice(a.items[7].range), "{}");
  EXPECT_TRUE(a.items[7].members.empty());
  EXPECT_TRUE(d.diags.all().empty());
}

TEST(JsonParse, TopLevelScalarsAreDocuments) {
  EXPECT_EQ(Doc("42").value->text, "42");
  EXPECT_EQ(Doc("\"s\"\n").value->text, "s");
  EXPECT_EQ(Doc("\t\r\n null \n").value->kind, Value::Kind::Null);
}

TEST(JsonParse, PositionsOfNestedValuesAndKeys) {
  Doc d(kInventory);
  ASSERT_TRUE(d.value) << d.summary();
  const Value& root = *d.value;
  const Member* site = root.find_member("site");
  ASSERT_TRUE(site);
  EXPECT_EQ(d.at(site->key_range), "3:3");
  EXPECT_EQ(d.slice(site->key_range), "\"site\"");
  EXPECT_EQ(d.at(site->value.range), "3:11");
  const Member* port = site->value.find("sip")->find_member("port");
  ASSERT_TRUE(port);
  EXPECT_EQ(d.at(port->key_range), "11:61");
  EXPECT_EQ(d.at(port->value.range), "11:69");
  EXPECT_EQ(port->value.as_int(), 5060);
  const Value* mwi = site->value.find("sip")->find("mwi");
  EXPECT_EQ(d.at(mwi->range), "13:79");
  EXPECT_TRUE(mwi->boolean);

  const Value& device = root.find("devices")->items.at(0);
  EXPECT_EQ(d.at(device.range), "16:5");
  const Value& line = device.find("lines")->items.at(0);
  const Member* name = line.find_member("display_name");
  // Columns count code points: "Émilie Núñez" with quotes is 14 of them, 17 bytes.
  EXPECT_EQ(d.at(name->value.range), "21:39");
  EXPECT_EQ(d.pos(name->value.range.end), "21:53");
  EXPECT_EQ(name->value.text, "Émilie Núñez");
  const Value& key4 = device.find("funckeys")->items.at(3);
  EXPECT_EQ(d.at(key4.find_member("label")->key_range), "28:68");
  EXPECT_EQ(d.slice(key4.find("label")->range), "\"DND\"");
  EXPECT_EQ(key4.find("position")->as_int(), 4);
  EXPECT_EQ(d.slice(root.range), std::string(kInventory).substr(0, std::string(kInventory).size() - 1));
}

TEST(JsonParse, MembersKeepInputOrder) {
  Doc d(R"({"z": 1, "a": 2, "m": 3})");
  ASSERT_TRUE(d.value);
  std::string keys;
  for (const Member& m : d.value->members) keys += m.key;
  EXPECT_EQ(keys, "zam");
  EXPECT_EQ(d.value->find("a")->text, "2");
  EXPECT_EQ(d.value->find("q"), nullptr);
  EXPECT_EQ(d.value->find_member("q"), nullptr);
  EXPECT_EQ(d.value->find("a")->find("x"), nullptr);  // find on a non-object
}

TEST(JsonParse, InventoryMatchesNlohmannAndRoundTrips) {
  Doc d(kInventory);
  ASSERT_TRUE(d.value) << d.summary();
  nlohmann::ordered_json expected = nlohmann::ordered_json::parse(kInventory);
  EXPECT_EQ(to_nlohmann(*d.value), expected);
  EXPECT_EQ(d.value->find("devices")->items[0].find("lines")->items[0].find("password")->text, "s3cr&t<pw>");
  EXPECT_EQ(d.value->find("site")->find("admin_password")->text, "…");

  // Write it back compactly (nlohmann escapes), parse that: the same document.
  std::string compact = to_nlohmann(*d.value).dump();
  Doc again(compact);
  ASSERT_TRUE(again.value) << again.summary();
  EXPECT_EQ(to_nlohmann(*again.value), expected);
  EXPECT_EQ(to_nlohmann(*again.value).dump(), compact);
  // And with every non-ASCII character escaped as \uXXXX (surrogate pairs included).
  std::string ascii = to_nlohmann(*d.value).dump(1, '\t', true);
  ASSERT_NE(ascii.find("\\u00c9milie"), std::string::npos);
  Doc escaped(ascii);
  ASSERT_TRUE(escaped.value) << escaped.summary();
  EXPECT_EQ(to_nlohmann(*escaped.value), expected);
}

TEST(JsonParse, UnicodeEscapesAreUnescapedToUtf8) {
  Doc d(R"(["\u00e9", "\u00C9t\u00e9", "\ud83d\ude00", "\uD83D\uDE00!", "a\u0000b", "\u20ac", "\uffff", "\u007f"])");
  ASSERT_TRUE(d.value) << d.summary();
  const auto& i = d.value->items;
  EXPECT_EQ(i[0].text, "\xC3\xA9");
  EXPECT_EQ(i[1].text, "\xC3\x89t\xC3\xA9");
  EXPECT_EQ(i[2].text, "\xF0\x9F\x98\x80");
  EXPECT_EQ(i[3].text, "\xF0\x9F\x98\x80!");
  EXPECT_EQ(i[4].text, std::string("a\0b", 3));
  EXPECT_EQ(i[5].text, "\xE2\x82\xAC");
  EXPECT_EQ(i[6].text, "\xEF\xBF\xBF");
  EXPECT_EQ(i[7].text, "\x7f");
}

TEST(JsonParse, SimpleEscapesAndRawUtf8) {
  Doc d(R"(["\"\\\/\b\f\n\r\t", "Zoë 😀 日本", "tab\there"])");
  ASSERT_TRUE(d.value) << d.summary();
  EXPECT_EQ(d.value->items[0].text, "\"\\/\b\f\n\r\t");
  EXPECT_EQ(d.value->items[1].text, "Zoë 😀 日本");
  EXPECT_EQ(d.value->items[2].text, "tab\there");
  EXPECT_EQ(d.slice(d.value->items[2].range), "\"tab\\there\"");
}

TEST(JsonParse, KeysAreUnescapedToo) {
  Doc d(R"({"caf\u00e9": 1, "a\"b": 2})");
  ASSERT_TRUE(d.value) << d.summary();
  EXPECT_EQ(d.value->members[0].key, "café");
  EXPECT_EQ(d.slice(d.value->members[0].key_range), "\"caf\\u00e9\"");
  EXPECT_EQ(d.value->find("a\"b")->text, "2");
}

TEST(JsonParse, IntegersAreExact) {
  Doc d(R"([0, -0, 5060, -42, 9223372036854775807, -9223372036854775808, 9223372036854775808,
            -9223372036854775809, 1.5, 1e3, 1.0, 1E2, 10e-1, 123456789012345678901234567890, "7", true, null])");
  ASSERT_TRUE(d.value) << d.summary();
  const auto& i = d.value->items;
  EXPECT_EQ(i[0].as_int(), 0);
  EXPECT_EQ(i[1].as_int(), 0);
  EXPECT_EQ(i[2].as_int(), 5060);
  EXPECT_EQ(i[3].as_int(), -42);
  EXPECT_EQ(i[4].as_int(), INT64_MAX);
  EXPECT_EQ(i[5].as_int(), INT64_MIN);
  EXPECT_EQ(i[6].as_int(), std::nullopt);
  EXPECT_TRUE(i[6].is_integer_literal());
  EXPECT_EQ(i[7].as_int(), std::nullopt);
  for (int k = 8; k <= 12; ++k) {
    EXPECT_EQ(i[k].as_int(), std::nullopt) << i[k].text;
    EXPECT_FALSE(i[k].is_integer_literal()) << i[k].text;
  }
  EXPECT_EQ(i[13].as_int(), std::nullopt);
  EXPECT_EQ(i[13].text, "123456789012345678901234567890");
  for (int k = 14; k <= 16; ++k) {
    EXPECT_EQ(i[k].as_int(), std::nullopt);
    EXPECT_FALSE(i[k].is_integer_literal());
  }
}

TEST(JsonParse, DescribeKinds) {
  EXPECT_EQ("expected a string, got " + describe(Value::Kind::Number), "expected a string, got a number");
  EXPECT_EQ(describe(Value::Kind::Null), "null");
  EXPECT_EQ(describe(Value::Kind::Bool), "a boolean");
  EXPECT_EQ(describe(Value::Kind::String), "a string");
  EXPECT_EQ(describe(Value::Kind::Array), "an array");
  EXPECT_EQ(describe(Value::Kind::Object), "an object");
}

TEST(JsonParse, ByteOrderMarkIsAWarningAndSkipped) {
  Doc d("\xEF\xBB\xBF{\"a\": 1}\n");
  ASSERT_TRUE(d.value) << d.summary();
  EXPECT_EQ(d.summary(), "1:1 byte-order-mark: byte order mark ignored");
  EXPECT_EQ(d.diags.all()[0].severity, Severity::Warning);
  EXPECT_EQ(d.diags.all()[0].range.end, 3u);
  EXPECT_EQ(d.value->range.begin, 3u);
  EXPECT_EQ(d.at(d.value->find_member("a")->key_range), "1:3");
  EXPECT_FALSE(d.diags.has_errors());
  EXPECT_EQ(render_all_text(d.diags, d.sm),
            "site.json:1:1: warning: byte order mark ignored [-Wbyte-order-mark]\n"
            "\xEF\xBB\xBF{\"a\": 1}\n"
            "^\n");
}

TEST(JsonParse, DepthOf256IsAccepted) {
  std::string arrays = std::string(256, '[') + std::string(256, ']');
  Doc a(arrays);
  ASSERT_TRUE(a.value) << a.summary();
  const Value* v = &*a.value;
  int depth = 1;
  while (!v->items.empty()) {
    v = &v->items[0];
    ++depth;
  }
  EXPECT_EQ(depth, 256);
  std::string objects;
  for (int i = 0; i < 255; ++i) objects += "{\"a\":";
  objects += "{}" + std::string(255, '}');
  EXPECT_TRUE(Doc(objects).value);
}

}  // namespace
