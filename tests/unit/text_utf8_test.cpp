#include <gtest/gtest.h>

#include <string>

#include "text/utf8.h"

using namespace phonec::text;

TEST(TextUtf8, FindsFirstIllFormedSequence) {
  struct Case {
    std::string input;
    std::optional<std::size_t> offset;
  } cases[] = {
      {"", std::nullopt},
      {"plain ascii", std::nullopt},
      {"Zo\xC3\xAB \xF0\x9F\x98\x80", std::nullopt},
      {"ab\x80", 2},                    // stray continuation byte
      {"a\xC3", 1},                     // truncated 2-byte sequence
      {"a\xC0\xAF", 1},                 // overlong "/"
      {"\xE0\x80\xAF", 0},              // overlong 3-byte
      {"ok\xED\xA0\x80", 2},            // UTF-8 encoded surrogate U+D800
      {"x\xF4\x90\x80\x80", 1},         // above U+10FFFF
      {"\xF8\x88\x80\x80\x80", 0},      // 5-byte form
      {"\xE2\x82", 0},                  // truncated €
      {"\xC3\xA9\xFF", 2},
  };
  for (const Case& c : cases) EXPECT_EQ(find_invalid_utf8(c.input), c.offset) << c.input;
}

TEST(TextUtf8, AsciiRunsAreSkippedToTheirExactEnd) {
  const std::string run = "0123456789abcdef";
  EXPECT_EQ(skip_ascii(run, 0), 16u);
  EXPECT_EQ(skip_ascii(run, 5), 16u);
  EXPECT_EQ(skip_ascii(run + "\xC3\xA9" + run, 3), 16u);
  EXPECT_EQ(skip_ascii(run.substr(0, 9) + "\xC3\xA9", 0), 9u);
  EXPECT_EQ(skip_ascii("", 0), 0u);
  EXPECT_TRUE(is_ascii(run + run + "x"));
  EXPECT_FALSE(is_ascii(run + run + "\xC3\xA9"));
  EXPECT_EQ(find_invalid_utf8(run + "abcdefg\x80"), 23u);
  EXPECT_EQ(find_invalid_utf8(run + "\xC3\xA9" + run + "\xFF"), 34u);
  EXPECT_EQ(find_invalid_utf8(run + "\xC3\xA9" + run), std::nullopt);
}

TEST(TextUtf8, PrintableAsciiRunsEndAtTheFirstOtherByte) {
  const std::string run = "0123456789abcdef !~";
  EXPECT_EQ(skip_printable_ascii(run, 0), run.size());
  for (char stop : {'\x00', '\x09', '\x1F', '\x7F', '\x80', '\xC3', '\xFF'})
    for (std::size_t at = 0; at < run.size(); ++at) {
      std::string s = run;
      s[at] = stop;
      EXPECT_EQ(skip_printable_ascii(s, 0), at) << int(static_cast<unsigned char>(stop)) << " at " << at;
      if (static_cast<unsigned char>(stop) <= 0x7F) {  // the controls and DEL are forbidden, where they are
        auto f = find_forbidden_char(s);
        ASSERT_TRUE(f.has_value());
        EXPECT_EQ(f->offset, at);
      }
    }
  EXPECT_EQ(skip_printable_ascii(run, 17), run.size());
  EXPECT_EQ(find_forbidden_char(run + "\x7F")->offset, run.size());
  EXPECT_EQ(find_forbidden_char(run + run + "\x1B")->offset, 2 * run.size());
}

TEST(TextUtf8, NormalisesToNfc) {
  EXPECT_EQ(to_nfc("Jose\u0301"), "Jos\u00E9");
  EXPECT_EQ(to_nfc("A\u030Angstro\u0308m"), "\u00C5ngstr\u00F6m");
  EXPECT_EQ(to_nfc("\u212B"), "\u00C5") << "ANGSTROM SIGN is a singleton decomposition";
  EXPECT_EQ(to_nfc("q\u0303"), "q\u0303") << "no precomposed form: stays two code points";
  EXPECT_EQ(to_nfc("\uFB01"), "\uFB01") << "NFC keeps compatibility ligatures";
  EXPECT_TRUE(is_nfc("plain"));
  EXPECT_TRUE(is_nfc("Zo\u00EB"));
  EXPECT_FALSE(is_nfc("Zoe\u0308"));
}

TEST(TextUtf8, ForbiddenCharactersAreNamedAtTheirOffset) {
  struct Case {
    std::string input;
    std::size_t offset;
    char32_t cp;
    const char* name;
  } cases[] = {
      {"a\tb", 1, 0x09, "U+0009 CHARACTER TABULATION"},
      {"line\n", 4, 0x0A, "U+000A LINE FEED"},
      {"cr\r", 2, 0x0D, "U+000D CARRIAGE RETURN"},
      {std::string("nul\0x", 5), 3, 0x00, "U+0000 NULL"},
      {"del\x7F", 3, 0x7F, "U+007F DELETE"},
      {"\x1B[31m", 0, 0x1B, "U+001B ESCAPE"},
      {"\x01", 0, 0x01, "U+0001 <control-0001>"},
      {"Zo\u00EB\u0085", 4, 0x85, "U+0085 NEXT LINE"},
      {"c1\u009B", 2, 0x9B, "U+009B <control-009B>"},
      {"ls\u2028", 2, 0x2028, "U+2028 LINE SEPARATOR"},
      {"ps\u2029", 2, 0x2029, "U+2029 PARAGRAPH SEPARATOR"},
      {"\u202Eevil", 0, 0x202E, "U+202E RIGHT-TO-LEFT OVERRIDE"},
      {"x\u202A", 1, 0x202A, "U+202A LEFT-TO-RIGHT EMBEDDING"},
      {"x\u202C", 1, 0x202C, "U+202C POP DIRECTIONAL FORMATTING"},
      {"x\u2066", 1, 0x2066, "U+2066 LEFT-TO-RIGHT ISOLATE"},
      {"x\u2069", 1, 0x2069, "U+2069 POP DIRECTIONAL ISOLATE"},
      {"x\uFDD0", 1, 0xFDD0, "U+FDD0 <noncharacter-FDD0>"},
      {"x\uFFFF", 1, 0xFFFF, "U+FFFF <noncharacter-FFFF>"},
      {"x\U0010FFFE", 1, 0x10FFFE, "U+10FFFE <noncharacter-10FFFE>"},
  };
  for (const Case& c : cases) {
    const auto f = find_forbidden_char(c.input);
    ASSERT_TRUE(f.has_value()) << c.name;
    EXPECT_EQ(f->offset, c.offset) << c.name;
    EXPECT_EQ(f->code_point, c.cp) << c.name;
    EXPECT_EQ(f->name, c.name);
  }
}

TEST(TextUtf8, OrdinaryTextIsAllowed) {
  for (const char* ok : {"", "Émilie Núñez", "s3cr&t<pw>", "שלום \u200F", "👩‍👩‍👧‍👦 🇫🇷", "\u00A0nbsp", "%NULL%",
                         "北京", "e\u0301", "\uFFFD"}) {
    EXPECT_FALSE(find_forbidden_char(ok).has_value()) << ok;
  }
}
