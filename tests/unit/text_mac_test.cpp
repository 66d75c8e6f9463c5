// MAC parsing by table: every byte value in a digit position, every spelling, and the 48-bit key
// the emitters sort by.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "text/mac.h"

namespace phonec::text {
namespace {

TEST(TextMac, EveryByteInADigitPosition) {
  for (int c = 0; c < 256; ++c) {
    std::string s = "00155aabbcc0";
    s[4] = static_cast<char>(c);
    auto m = parse_mac(s);
    EXPECT_EQ(m.has_value(), std::isxdigit(c) != 0) << c;
    if (m) {
      int v = c <= '9' ? c - '0' : (std::tolower(c) - 'a' + 10);
      EXPECT_EQ((*m)[2], v * 16 + 0x0a) << c;
    }
  }
}

TEST(TextMac, SpellingsAndKey) {
  for (const char* s : {"0a1B2c3D4e5F", "0a:1b:2C:3d:4E:5f", "0A-1B-2C-3D-4E-5F"}) {
    auto m = parse_mac(s);
    ASSERT_TRUE(m) << s;
    EXPECT_EQ(format_mac(*m), "0a:1b:2c:3d:4e:5f");
    EXPECT_EQ(format_mac(*m, 0), "0a1b2c3d4e5f");
    EXPECT_EQ(mac_key(*m), 0x0a1b2c3d4e5fULL);
    EXPECT_EQ(mac_of_key(mac_key(*m)), *m);
  }
  EXPECT_FALSE(parse_mac("0a:1b:2c:3d:4e-5f"));
  EXPECT_FALSE(parse_mac("0a:1b:2c:3d:4e:5"));
  EXPECT_LT(mac_key(*parse_mac("00ffffffffff")), mac_key(*parse_mac("010000000000")));
}

// Packed MACs sort as their normalised text does, the empty text (no MAC) first, and unpack to it.
TEST(TextMac, PackedSortsAsTheText) {
  std::vector<std::string> texts = {"", "00:00:00:00:00:00", "00:00:00:00:00:01", "00:15:65:aa:bb:cc",
                                    "00:ff:ff:ff:ff:ff", "01:00:00:00:00:00", "80:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"};
  for (std::size_t a = 0; a < texts.size(); ++a) {
    EXPECT_EQ(unpack_mac(pack_mac(texts[a])), texts[a]);
    for (std::size_t b = 0; b < texts.size(); ++b)
      EXPECT_EQ(pack_mac(texts[a]) < pack_mac(texts[b]), texts[a] < texts[b]) << texts[a] << " " << texts[b];
  }
  EXPECT_EQ(pack_mac("not a mac"), 0u);
  EXPECT_EQ(pack_mac("00-15-65-AA-BB-CC"), pack_mac("00:15:65:aa:bb:cc"));
}

}  // namespace
}  // namespace phonec::text
