// Throughput on an inventory shaped like the real ones (target: >= 100 MB/s on one core in an
// optimised build; asserted loosely so that a loaded CI machine does not flake).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "json_test_util.h"

using namespace phonec;
using namespace phonec::json;

namespace {

std::string mac_of(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "00:15:65:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  return buf;
}

// About 500 bytes per device, like the contract's example: nested objects, short strings,
// non-ASCII names, a few escapes, small integers.
std::string inventory(int devices) {
  std::string s;
  s.reserve(static_cast<std::size_t>(devices) * 560 + 1024);
  s += "{\n  \"format\": \"phonec-inventory/1\",\n  \"site\": {\"timezone\": \"America/Montreal\", \"locale\": \"fr_FR\",\n"
       "    \"sip\": {\"registrar\": \"10.34.1.6\", \"port\": 5060, \"mwi\": true}},\n  \"devices\": [\n";
  for (int i = 0; i < devices; ++i) {
    std::string n = std::to_string(1000 + i);
    if (i) s += ",\n";
    s += "    {\"mac\": \"" + mac_of(i) + "\", \"model\": \"yealink.T46S\", \"ip\": \"10.34." +
         std::to_string(i / 250 % 256) + "." + std::to_string(i % 250) + "\",\n";
    s += "     \"lines\": [{\"number\": 1, \"display_name\": \"\\u00c9milie N\xC3\xBA\xC3\xB1" "ez " + n +
         "\", \"username\": \"" + n + "\", \"auth_username\": \"" + n +
         "\", \"password\": \"s3cr&t\\\"pw\", \"voicemail\": \"*98\"}],\n";
    s += "     \"funckeys\": [{\"position\": 1, \"type\": \"blf\", \"value\": \"" + n +
         "\", \"label\": \"Bureau Zo\xC3\xAB\"},\n"
         "                  {\"position\": 2, \"type\": \"speeddial\", \"value\": \"1003\", \"label\": \"R\xC3\xA9" "ception\"},\n"
         "                  {\"position\": 3, \"type\": \"park\", \"value\": \"700\"},\n"
         "                  {\"position\": 4, \"type\": \"service\", \"service\": \"enablednd\", \"label\": \"DND\"}]}";
  }
  s += "\n  ]\n}\n";
  return s;
}

TEST(JsonSpeed, ParsesInventoriesFast) {
  const int devices = 20000;
  const std::string text = inventory(devices);
  double best_seconds = 1e9;
  for (int round = 0; round < 3; ++round) {
    Diagnostics diags;
    auto start = std::chrono::steady_clock::now();
    std::optional<Value> v = parse(0, text, diags);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best_seconds = std::min(best_seconds, seconds);
    ASSERT_TRUE(v);
    ASSERT_EQ(v->find("devices")->items.size(), static_cast<std::size_t>(devices));
    const Value& last = v->find("devices")->items.back();
    EXPECT_EQ(last.find("mac")->text, mac_of(devices - 1));
    EXPECT_EQ(last.find("lines")->items[0].find("display_name")->text, "Émilie Núñez " + std::to_string(999 + devices));
    EXPECT_EQ(last.find("lines")->items[0].find("password")->text, "s3cr&t\"pw");
    EXPECT_EQ(last.find("funckeys")->items[3].find("position")->as_int(), 4);
  }
  double mb_per_s = static_cast<double>(text.size()) / 1e6 / best_seconds;
  std::printf("[ json     ] %.1f MB in %.1f ms: %.0f MB/s\n", static_cast<double>(text.size()) / 1e6,
              best_seconds * 1e3, mb_per_s);
  RecordProperty("MBps", static_cast<int>(mb_per_s));
  EXPECT_GE(mb_per_s, 20.0);
}

}  // namespace
