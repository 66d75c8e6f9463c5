#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <iterator>
#include <memory>
#include <string>

#include "text/graphemes.h"
#include "text/limits.h"

using namespace phonec::text;

namespace {
const char* const kFamily = "\U0001F469\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";  // 👩‍👩‍👧‍👦
const char* const kFlag = "\U0001F1EB\U0001F1F7";                                        // 🇫🇷
const char* const kThumb = "\U0001F44D\U0001F3FD";                                       // 👍🏽
}  // namespace

TEST(TextLimits, Measure) {
  struct Case {
    std::string s;
    LimitUnit unit;
    Encoding e;
    std::size_t n;
  } cases[] = {
      {"", LimitUnit::Graphemes, Encoding::Utf8, 0},
      {"Bureau", LimitUnit::Graphemes, Encoding::Utf8, 6},
      {"e\u0301", LimitUnit::Graphemes, Encoding::Utf8, 1},
      {kFamily, LimitUnit::Graphemes, Encoding::Utf8, 1},
      {kFlag, LimitUnit::Graphemes, Encoding::Utf8, 1},
      {std::string(kFlag) + kFlag, LimitUnit::Graphemes, Encoding::Utf8, 2},
      {kThumb, LimitUnit::Graphemes, Encoding::Utf8, 1},
      {"\u0928\u093F", LimitUnit::Graphemes, Encoding::Utf8, 1},  // Devanagari ni
      {"\u1100\u1161\u11A8", LimitUnit::Graphemes, Encoding::Utf8, 1},  // conjoining jamo
      {"Bureau", LimitUnit::Columns, Encoding::Utf8, 6},
      {"\u5317\u4EAC", LimitUnit::Columns, Encoding::Utf8, 4},
      {"\uFF26\uFF55", LimitUnit::Columns, Encoding::Utf8, 4},  // fullwidth
      {"\uFF76", LimitUnit::Columns, Encoding::Utf8, 1},        // halfwidth katakana
      {"e\u0301", LimitUnit::Columns, Encoding::Utf8, 1},
      {"\u0301", LimitUnit::Columns, Encoding::Utf8, 0},
      {kFamily, LimitUnit::Columns, Encoding::Utf8, 2},
      {kFlag, LimitUnit::Columns, Encoding::Utf8, 2},
      {kThumb, LimitUnit::Columns, Encoding::Utf8, 2},
      {"\u2764", LimitUnit::Columns, Encoding::Utf8, 1},         // text-style heart
      {"\u2764\uFE0F", LimitUnit::Columns, Encoding::Utf8, 2},   // emoji-style heart
      {"\u00E9", LimitUnit::Columns, Encoding::Utf8, 1},
      {"Zo\u00EB", LimitUnit::Bytes, Encoding::Utf8, 4},
      {"Zo\u00EB", LimitUnit::Bytes, Encoding::Utf8Bom, 4},
      {"Zo\u00EB", LimitUnit::Bytes, Encoding::Latin1, 3},
      {"Zo\u00EB", LimitUnit::Bytes, Encoding::Utf16le, 6},
      {kThumb, LimitUnit::Bytes, Encoding::Utf16le, 8},
      {kFamily, LimitUnit::Bytes, Encoding::Utf8, 25},
      {"abc", LimitUnit::Bytes, Encoding::Utf16le, 6},
  };
  for (const Case& c : cases) EXPECT_EQ(measure(c.s, c.unit, c.e), c.n) << c.s << " unit " << static_cast<int>(c.unit);
}

TEST(TextLimits, TruncateOnlyAtGraphemeBoundaries) {
  const std::string family = kFamily, flag = kFlag, thumb = kThumb;
  struct Case {
    std::string s;
    std::size_t limit;
    LimitUnit unit;
    Encoding e;
    std::string want;
  } cases[] = {
      {"Bureau Zo\u00EB", 6, LimitUnit::Graphemes, Encoding::Utf8, "Bureau"},
      {"Bureau", 20, LimitUnit::Graphemes, Encoding::Utf8, "Bureau"},
      {"Bureau", 0, LimitUnit::Graphemes, Encoding::Utf8, ""},
      {"Jose\u0301 X", 4, LimitUnit::Graphemes, Encoding::Utf8, "Jose\u0301"},
      {"Jose\u0301", 4, LimitUnit::Bytes, Encoding::Utf8, "Jos"},  // never e without its accent
      {"Jose\u0301", 5, LimitUnit::Bytes, Encoding::Utf8, "Jos"},
      {"Jose\u0301", 6, LimitUnit::Bytes, Encoding::Utf8, "Jose\u0301"},
      {"Hi " + family, 3, LimitUnit::Graphemes, Encoding::Utf8, "Hi "},
      {"Hi " + family, 4, LimitUnit::Graphemes, Encoding::Utf8, "Hi " + family},
      {"Hi " + family, 27, LimitUnit::Bytes, Encoding::Utf8, "Hi "},  // 28 needed
      {"Hi " + family, 28, LimitUnit::Bytes, Encoding::Utf8, "Hi " + family},
      {"Hi " + family, 4, LimitUnit::Columns, Encoding::Utf8, "Hi "},
      {flag + flag, 3, LimitUnit::Columns, Encoding::Utf8, flag},
      {flag + flag, 7, LimitUnit::Bytes, Encoding::Utf8, ""},
      {flag + flag, 1, LimitUnit::Graphemes, Encoding::Utf8, flag},
      {"ok" + thumb, 2, LimitUnit::Graphemes, Encoding::Utf8, "ok"},
      {"ok" + thumb, 9, LimitUnit::Bytes, Encoding::Utf8, "ok"},  // never the hand without its tone
      {"ok" + thumb, 11, LimitUnit::Bytes, Encoding::Utf16le, "ok"},
      {"ok" + thumb, 12, LimitUnit::Bytes, Encoding::Utf16le, "ok" + thumb},
      {"\u5317\u4EAC\u5E02", 5, LimitUnit::Columns, Encoding::Utf8, "\u5317\u4EAC"},
      {"Zo\u00EB!", 3, LimitUnit::Bytes, Encoding::Latin1, "Zo\u00EB"},
      {"Zo\u00EB!", 3, LimitUnit::Bytes, Encoding::Utf8, "Zo"},
  };
  for (const Case& c : cases) {
    const std::string got = truncate(c.s, c.limit, c.unit, c.e);
    EXPECT_EQ(got, c.want) << c.s << " limit " << c.limit;
    EXPECT_LE(measure(got, c.unit, c.e), c.limit);
  }
}

TEST(TextLimits, BoundariesAreByteOffsets) {
  EXPECT_EQ(grapheme_boundaries(""), (std::vector<std::size_t>{0}));
  EXPECT_EQ(grapheme_boundaries("a\r\nb"), (std::vector<std::size_t>{0, 1, 3, 4}));
  EXPECT_EQ(grapheme_boundaries("e\u0301x"), (std::vector<std::size_t>{0, 3, 4}));
  EXPECT_EQ(grapheme_boundaries(std::string(kFlag) + kFlag), (std::vector<std::size_t>{0, 8, 16}));
}

// Text whose code points never join a cluster takes a shortcut past the break iterator; on
// random mixes of such code points and of joining ones (marks, ZWJ, emoji, Hangul jamo,
// regional indicators, CR LF, controls) the boundaries are still exactly ICU's.
TEST(TextLimits, BoundariesMatchTheBreakIteratorOnRandomMixes) {
  const char32_t pool[] = {U'a',    U'Z',    0xE9,    0x141,   0x3A9,   0x416,   0x5D0,   0x4E2D, 0xAD,
                           0x0D,    0x0A,    0x09,    0x85,    0x0301,  0x200D,  0xFE0F,  0x1F469, 0x1F1EB,
                           0x1F1F7, 0x1F3FD, 0x1100,  0x1161,  0x11A8,  0xAC00,  0x0903,  0x0600,  0x2028};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  ASSERT_TRUE(U_SUCCESS(status));
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7FFF; };
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const bool simple_only = round % 2 == 0;  // half the strings stay within the shortcut's classes
    const std::size_t len = 1 + next() % 8;
    for (std::size_t k = 0; k < len; ++k) {
      char32_t cp = pool[next() % (simple_only ? 13 : std::size(pool))];
      char buf[4];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(cp));
      s.append(buf, static_cast<std::size_t>(n));
    }
    UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status);
    it->setText(ut, status);
    std::vector<std::size_t> expected;
    for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) expected.push_back(static_cast<std::size_t>(b));
    it->setText(icu::UnicodeString());
    utext_close(ut);
    ASSERT_EQ(grapheme_boundaries(s), expected) << "round " << round;
  }
}
