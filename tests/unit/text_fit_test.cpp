// Every name of the battery through every encoding and fit policy, compared byte for byte with
// what the file would contain. The 8-bit columns were reviewed against the charset tables
// (windows-1252 0x80 = €, 0x8C = Œ; ISO-8859-15 0xA4 = €, 0xBC = Œ; ISO-8859-1 has neither).
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "text/encoding.h"
#include "text/fit.h"
#include "text_test_util.h"

using namespace phonec::text;
using phonec::text_test::hex;
using phonec::text_test::unhex;
using phonec::text_test::utf8_to_utf16le;

namespace {

// For one 8-bit encoding: `strict` is the file's bytes when the name fits as it is (then every
// policy must produce exactly those bytes); otherwise `strict` is null, `translit` holds the
// bytes of TransliterateOrReplace, `leftover` says whether plain Transliterate left characters
// it could not map (then it is not ok; otherwise it yields `translit` too), and `replace` holds
// the bytes of Replace.
struct Cell {
  const char* strict;
  const char* translit = nullptr;
  bool leftover = false;
  const char* replace = nullptr;
};

struct Name {
  const char* label;
  const char* input;
  const char* nfc_utf8;  // hex: what a UTF-8 file holds, whatever the policy
  Cell latin1, cp1252, latin9, ascii;
};

const Name kNames[] = {
    {"latin diacritics", "Zoë", "5A 6F C3 AB",
     {"5A 6F EB"},
     {"5A 6F EB"},
     {"5A 6F EB"},
     {nullptr, "5A 6F 65", false, "5A 6F 3F"}},
    {"spanish", "Émilie Núñez", "C3 89 6D 69 6C 69 65 20 4E C3 BA C3 B1 65 7A",
     {"C9 6D 69 6C 69 65 20 4E FA F1 65 7A"},
     {"C9 6D 69 6C 69 65 20 4E FA F1 65 7A"},
     {"C9 6D 69 6C 69 65 20 4E FA F1 65 7A"},
     {nullptr, "45 6D 69 6C 69 65 20 4E 75 6E 65 7A", false, "3F 6D 69 6C 69 65 20 4E 3F 3F 65 7A"}},
    {"nfd acute", "Jose\u0301", "4A 6F 73 C3 A9",
     {"4A 6F 73 E9"},
     {"4A 6F 73 E9"},
     {"4A 6F 73 E9"},
     {nullptr, "4A 6F 73 65", false, "4A 6F 73 3F"}},
    {"nfd ring and umlaut", "A\u030Angstro\u0308m", "C3 85 6E 67 73 74 72 C3 B6 6D",
     {"C5 6E 67 73 74 72 F6 6D"},
     {"C5 6E 67 73 74 72 F6 6D"},
     {"C5 6E 67 73 74 72 F6 6D"},
     {nullptr, "41 6E 67 73 74 72 6F 6D", false, "3F 6E 67 73 74 72 3F 6D"}},
    {"german sharp s", "Straße", "53 74 72 61 C3 9F 65",
     {"53 74 72 61 DF 65"},
     {"53 74 72 61 DF 65"},
     {"53 74 72 61 DF 65"},
     {nullptr, "53 74 72 61 73 73 65", false, "53 74 72 61 3F 65"}},
    {"german umlauts", "Jürgen Müller", "4A C3 BC 72 67 65 6E 20 4D C3 BC 6C 6C 65 72",
     {"4A FC 72 67 65 6E 20 4D FC 6C 6C 65 72"},
     {"4A FC 72 67 65 6E 20 4D FC 6C 6C 65 72"},
     {"4A FC 72 67 65 6E 20 4D FC 6C 6C 65 72"},
     {nullptr, "4A 75 72 67 65 6E 20 4D 75 6C 6C 65 72", false, "4A 3F 72 67 65 6E 20 4D 3F 6C 6C 65 72"}},
    {"turkish dotted capital i", "İstanbul", "C4 B0 73 74 61 6E 62 75 6C",
     {nullptr, "49 73 74 61 6E 62 75 6C", false, "3F 73 74 61 6E 62 75 6C"},
     {nullptr, "49 73 74 61 6E 62 75 6C", false, "3F 73 74 61 6E 62 75 6C"},
     {nullptr, "49 73 74 61 6E 62 75 6C", false, "3F 73 74 61 6E 62 75 6C"},
     {nullptr, "49 73 74 61 6E 62 75 6C", false, "3F 73 74 61 6E 62 75 6C"}},
    {"turkish dotless i", "Işık", "49 C5 9F C4 B1 6B",
     {nullptr, "49 73 69 6B", false, "49 3F 3F 6B"},
     {nullptr, "49 73 69 6B", false, "49 3F 3F 6B"},
     {nullptr, "49 73 69 6B", false, "49 3F 3F 6B"},
     {nullptr, "49 73 69 6B", false, "49 3F 3F 6B"}},
    {"oe ligature", "Œuvre", "C5 92 75 76 72 65",
     {nullptr, "4F 45 75 76 72 65", false, "3F 75 76 72 65"},
     {"8C 75 76 72 65"},
     {"BC 75 76 72 65"},
     {nullptr, "4F 45 75 76 72 65", false, "3F 75 76 72 65"}},
    {"euro sign", "5 €", "35 20 E2 82 AC",
     {nullptr, "35 20 3F", true, "35 20 3F"},
     {"35 20 80"},
     {"35 20 A4"},
     {nullptr, "35 20 3F", true, "35 20 3F"}},
    {"polish", "Łukasz Żółć", "C5 81 75 6B 61 73 7A 20 C5 BB C3 B3 C5 82 C4 87",
     {nullptr, "4C 75 6B 61 73 7A 20 5A F3 6C 63", false, "3F 75 6B 61 73 7A 20 3F F3 3F 3F"},
     {nullptr, "4C 75 6B 61 73 7A 20 5A F3 6C 63", false, "3F 75 6B 61 73 7A 20 3F F3 3F 3F"},
     {nullptr, "4C 75 6B 61 73 7A 20 5A F3 6C 63", false, "3F 75 6B 61 73 7A 20 3F F3 3F 3F"},
     {nullptr, "4C 75 6B 61 73 7A 20 5A 6F 6C 63", false, "3F 75 6B 61 73 7A 20 3F 3F 3F 3F"}},
    {"czech", "Dvořák", "44 76 6F C5 99 C3 A1 6B",
     {nullptr, "44 76 6F 72 E1 6B", false, "44 76 6F 3F E1 6B"},
     {nullptr, "44 76 6F 72 E1 6B", false, "44 76 6F 3F E1 6B"},
     {nullptr, "44 76 6F 72 E1 6B", false, "44 76 6F 3F E1 6B"},
     {nullptr, "44 76 6F 72 61 6B", false, "44 76 6F 3F 3F 6B"}},
    {"s caron", "Šárka", "C5 A0 C3 A1 72 6B 61",
     {nullptr, "53 E1 72 6B 61", false, "3F E1 72 6B 61"},
     {"8A E1 72 6B 61"},
     {"A6 E1 72 6B 61"},
     {nullptr, "53 61 72 6B 61", false, "3F 3F 72 6B 61"}},
    {"z caron", "Žižek", "C5 BD 69 C5 BE 65 6B",
     {nullptr, "5A 69 7A 65 6B", false, "3F 69 3F 65 6B"},
     {"8E 69 9E 65 6B"},
     {"B4 69 B8 65 6B"},
     {nullptr, "5A 69 7A 65 6B", false, "3F 69 3F 65 6B"}},
    {"y diaeresis capital", "Ÿvon", "C5 B8 76 6F 6E",
     {nullptr, "59 76 6F 6E", false, "3F 76 6F 6E"},
     {"9F 76 6F 6E"},
     {"BE 76 6F 6E"},
     {nullptr, "59 76 6F 6E", false, "3F 76 6F 6E"}},
    {"y diaeresis small", "Hÿde", "48 C3 BF 64 65",
     {"48 FF 64 65"},
     {"48 FF 64 65"},
     {"48 FF 64 65"},
     {nullptr, "48 79 64 65", false, "48 3F 64 65"}},
    {"cyrillic", "Москва", "D0 9C D0 BE D1 81 D0 BA D0 B2 D0 B0",
     {nullptr, "4D 6F 73 6B 76 61", false, "3F 3F 3F 3F 3F 3F"},
     {nullptr, "4D 6F 73 6B 76 61", false, "3F 3F 3F 3F 3F 3F"},
     {nullptr, "4D 6F 73 6B 76 61", false, "3F 3F 3F 3F 3F 3F"},
     {nullptr, "4D 6F 73 6B 76 61", false, "3F 3F 3F 3F 3F 3F"}},
    {"greek", "Ωμέγα", "CE A9 CE BC CE AD CE B3 CE B1",
     {nullptr, "4F 6D 65 67 61", false, "3F 3F 3F 3F 3F"},
     {nullptr, "4F 6D 65 67 61", false, "3F 3F 3F 3F 3F"},
     {nullptr, "4F 6D 65 67 61", false, "3F 3F 3F 3F 3F"},
     {nullptr, "4F 6D 65 67 61", false, "3F 3F 3F 3F 3F"}},
    {"arabic", "محمد", "D9 85 D8 AD D9 85 D8 AF",
     {nullptr, "6D 68 6D 64", false, "3F 3F 3F 3F"},
     {nullptr, "6D 68 6D 64", false, "3F 3F 3F 3F"},
     {nullptr, "6D 68 6D 64", false, "3F 3F 3F 3F"},
     {nullptr, "6D 68 6D 64", false, "3F 3F 3F 3F"}},
    {"hebrew", "שלום", "D7 A9 D7 9C D7 95 D7 9D",
     {nullptr, "73 6C 77 6D", false, "3F 3F 3F 3F"},
     {nullptr, "73 6C 77 6D", false, "3F 3F 3F 3F"},
     {nullptr, "73 6C 77 6D", false, "3F 3F 3F 3F"},
     {nullptr, "73 6C 77 6D", false, "3F 3F 3F 3F"}},
    {"chinese", "北京", "E5 8C 97 E4 BA AC",
     {nullptr, "62 65 69 20 6A 69 6E 67", false, "3F 3F"},
     {nullptr, "62 65 69 20 6A 69 6E 67", false, "3F 3F"},
     {nullptr, "62 65 69 20 6A 69 6E 67", false, "3F 3F"},
     {nullptr, "62 65 69 20 6A 69 6E 67", false, "3F 3F"}},
    {"japanese kana", "さくら", "E3 81 95 E3 81 8F E3 82 89",
     {nullptr, "73 61 6B 75 72 61", false, "3F 3F 3F"},
     {nullptr, "73 61 6B 75 72 61", false, "3F 3F 3F"},
     {nullptr, "73 61 6B 75 72 61", false, "3F 3F 3F"},
     {nullptr, "73 61 6B 75 72 61", false, "3F 3F 3F"}},
    {"korean", "서울", "EC 84 9C EC 9A B8",
     {nullptr, "73 65 6F 75 6C", false, "3F 3F"},
     {nullptr, "73 65 6F 75 6C", false, "3F 3F"},
     {nullptr, "73 65 6F 75 6C", false, "3F 3F"},
     {nullptr, "73 65 6F 75 6C", false, "3F 3F"}},
    {"emoji skin tone", "Ok 👍🏽", "4F 6B 20 F0 9F 91 8D F0 9F 8F BD",
     {nullptr, "4F 6B 20 3F", true, "4F 6B 20 3F"},
     {nullptr, "4F 6B 20 3F", true, "4F 6B 20 3F"},
     {nullptr, "4F 6B 20 3F", true, "4F 6B 20 3F"},
     {nullptr, "4F 6B 20 3F", true, "4F 6B 20 3F"}},
    {"emoji zwj family", "👩‍👩‍👧‍👦", "F0 9F 91 A9 E2 80 8D F0 9F 91 A9 E2 80 8D F0 9F 91 A7 E2 80 8D F0 9F 91 A6",
     {nullptr, "3F", true, "3F"},
     {nullptr, "3F", true, "3F"},
     {nullptr, "3F", true, "3F"},
     {nullptr, "3F", true, "3F"}},
    {"flag", "🇫🇷", "F0 9F 87 AB F0 9F 87 B7",
     {nullptr, "3F", true, "3F"},
     {nullptr, "3F", true, "3F"},
     {nullptr, "3F", true, "3F"},
     {nullptr, "3F", true, "3F"}},
    {"combining without precomposed form", "q\u0303", "71 CC 83",
     {nullptr, "71", false, "3F"},
     {nullptr, "71", false, "3F"},
     {nullptr, "71", false, "3F"},
     {nullptr, "71", false, "3F"}},
    {"apostrophe", "O'Brien", "4F 27 42 72 69 65 6E",
     {"4F 27 42 72 69 65 6E"},
     {"4F 27 42 72 69 65 6E"},
     {"4F 27 42 72 69 65 6E"},
     {"4F 27 42 72 69 65 6E"}},
    {"double quotes", "Say \"hi\"", "53 61 79 20 22 68 69 22",
     {"53 61 79 20 22 68 69 22"},
     {"53 61 79 20 22 68 69 22"},
     {"53 61 79 20 22 68 69 22"},
     {"53 61 79 20 22 68 69 22"}},
    {"ampersand", "A & B", "41 20 26 20 42",
     {"41 20 26 20 42"},
     {"41 20 26 20 42"},
     {"41 20 26 20 42"},
     {"41 20 26 20 42"}},
    {"angle brackets", "<script>", "3C 73 63 72 69 70 74 3E",
     {"3C 73 63 72 69 70 74 3E"},
     {"3C 73 63 72 69 70 74 3E"},
     {"3C 73 63 72 69 70 74 3E"},
     {"3C 73 63 72 69 70 74 3E"}},
    {"cdata end", "]]>", "5D 5D 3E",
     {"5D 5D 3E"},
     {"5D 5D 3E"},
     {"5D 5D 3E"},
     {"5D 5D 3E"}},
    {"yealink null marker", "%NULL%", "25 4E 55 4C 4C 25",
     {"25 4E 55 4C 4C 25"},
     {"25 4E 55 4C 4C 25"},
     {"25 4E 55 4C 4C 25"},
     {"25 4E 55 4C 4C 25"}},
    {"backslash", "C:\\path", "43 3A 5C 70 61 74 68",
     {"43 3A 5C 70 61 74 68"},
     {"43 3A 5C 70 61 74 68"},
     {"43 3A 5C 70 61 74 68"},
     {"43 3A 5C 70 61 74 68"}},
    {"semicolon and hash", "a;b #c", "61 3B 62 20 23 63",
     {"61 3B 62 20 23 63"},
     {"61 3B 62 20 23 63"},
     {"61 3B 62 20 23 63"},
     {"61 3B 62 20 23 63"}},
    {"empty", "", "",
     {""},
     {""},
     {""},
     {""}},
    {"fi ligature", "ﬁle", "EF AC 81 6C 65",
     {nullptr, "66 69 6C 65", false, "3F 6C 65"},
     {nullptr, "66 69 6C 65", false, "3F 6C 65"},
     {nullptr, "66 69 6C 65", false, "3F 6C 65"},
     {nullptr, "66 69 6C 65", false, "3F 6C 65"}},
    {"one half", "½ price", "C2 BD 20 70 72 69 63 65",
     {"BD 20 70 72 69 63 65"},
     {"BD 20 70 72 69 63 65"},
     {nullptr, "20 31 2F 32 20 70 72 69 63 65", false, "3F 20 70 72 69 63 65"},
     {nullptr, "20 31 2F 32 20 70 72 69 63 65", false, "3F 20 70 72 69 63 65"}},
    {"trade mark", "Acme™", "41 63 6D 65 E2 84 A2",
     {nullptr, "41 63 6D 65 3F", true, "41 63 6D 65 3F"},
     {"41 63 6D 65 99"},
     {nullptr, "41 63 6D 65 3F", true, "41 63 6D 65 3F"},
     {nullptr, "41 63 6D 65 3F", true, "41 63 6D 65 3F"}},
    {"enye", "Ñandú", "C3 91 61 6E 64 C3 BA",
     {"D1 61 6E 64 FA"},
     {"D1 61 6E 64 FA"},
     {"D1 61 6E 64 FA"},
     {nullptr, "4E 61 6E 64 75", false, "3F 61 6E 64 3F"}},
    {"fullwidth latin", "Ｆｕｌｌ", "EF BC A6 EF BD 95 EF BD 8C EF BD 8C",
     {nullptr, "46 75 6C 6C", false, "3F 3F 3F 3F"},
     {nullptr, "46 75 6C 6C", false, "3F 3F 3F 3F"},
     {nullptr, "46 75 6C 6C", false, "3F 3F 3F 3F"},
     {nullptr, "46 75 6C 6C", false, "3F 3F 3F 3F"}},
    {"vietnamese", "Nguyễn", "4E 67 75 79 E1 BB 85 6E",
     {nullptr, "4E 67 75 79 65 6E", false, "4E 67 75 79 3F 6E"},
     {nullptr, "4E 67 75 79 65 6E", false, "4E 67 75 79 3F 6E"},
     {nullptr, "4E 67 75 79 65 6E", false, "4E 67 75 79 3F 6E"},
     {nullptr, "4E 67 75 79 65 6E", false, "4E 67 75 79 3F 6E"}},
    {"icelandic", "Þór Ørn", "C3 9E C3 B3 72 20 C3 98 72 6E",
     {"DE F3 72 20 D8 72 6E"},
     {"DE F3 72 20 D8 72 6E"},
     {"DE F3 72 20 D8 72 6E"},
     {nullptr, "54 48 6F 72 20 4F 72 6E", false, "3F 3F 72 20 3F 72 6E"}},
    {"ellipsis", "Wait…", "57 61 69 74 E2 80 A6",
     {nullptr, "57 61 69 74 2E 2E 2E", false, "57 61 69 74 3F"},
     {"57 61 69 74 85"},
     {nullptr, "57 61 69 74 2E 2E 2E", false, "57 61 69 74 3F"},
     {nullptr, "57 61 69 74 2E 2E 2E", false, "57 61 69 74 3F"}},
    {"curly quotes", "“Hi”", "E2 80 9C 48 69 E2 80 9D",
     {nullptr, "22 48 69 22", false, "3F 48 69 3F"},
     {"93 48 69 94"},
     {nullptr, "22 48 69 22", false, "3F 48 69 3F"},
     {nullptr, "22 48 69 22", false, "3F 48 69 3F"}},
    {"copyright", "©®", "C2 A9 C2 AE",
     {"A9 AE"},
     {"A9 AE"},
     {"A9 AE"},
     {nullptr, "28 43 29 28 52 29", false, "3F 3F"}},
};

Policy make(Policy::Kind kind) {
  Policy p;
  p.kind = kind;
  return p;
}

const Policy::Kind kKinds[] = {Policy::Kind::Error, Policy::Kind::Transliterate,
                               Policy::Kind::TransliterateOrReplace, Policy::Kind::Replace};

std::string written(std::string_view input, Encoding e, Policy::Kind kind, bool* ok) {
  const FitResult r = fit(input, e, make(kind));
  EXPECT_TRUE(r.error.empty()) << r.error;
  *ok = r.ok;
  return r.ok ? encode_file(r.text, e, Newline::Lf) : std::string();
}

void check_cell(const Name& n, Encoding e, const Cell& c) {
  SCOPED_TRACE(std::string(n.label) + " in " + std::string(encoding_name(e)));
  bool ok = false;
  if (c.strict != nullptr) {
    for (Policy::Kind kind : kKinds) {
      EXPECT_EQ(hex(written(n.input, e, kind, &ok)), c.strict);
      EXPECT_TRUE(ok);
      EXPECT_FALSE(fit(n.input, e, make(kind)).changed);
    }
    return;
  }
  const FitResult strict = fit(n.input, e, make(Policy::Kind::Error));
  EXPECT_FALSE(strict.ok);
  EXPECT_FALSE(strict.unencodable.empty());
  EXPECT_EQ(hex(strict.text), n.nfc_utf8) << "the error policy leaves the value alone";

  const std::string translit = written(n.input, e, Policy::Kind::Transliterate, &ok);
  EXPECT_EQ(ok, !c.leftover);
  if (ok) {
    EXPECT_EQ(hex(translit), c.translit);
  }
  EXPECT_EQ(hex(written(n.input, e, Policy::Kind::TransliterateOrReplace, &ok)), c.translit);
  EXPECT_TRUE(ok);
  EXPECT_EQ(hex(written(n.input, e, Policy::Kind::Replace, &ok)), c.replace);
  EXPECT_TRUE(ok);
  EXPECT_TRUE(fit(n.input, e, make(Policy::Kind::Replace)).changed);
}

}  // namespace

TEST(TextFit, BatteryHasAtLeastFortyNames) { EXPECT_GE(std::size(kNames), 40u); }

TEST(TextFit, BatteryInEveryEncodingAndPolicy) {
  for (const Name& n : kNames) {
    // Unicode encodings carry every name: NFC, then the exact bytes, BOMs included.
    for (Policy::Kind kind : kKinds) {
      for (Encoding e : {Encoding::Utf8, Encoding::Utf8Bom, Encoding::Utf16le}) {
        SCOPED_TRACE(std::string(n.label) + " in " + std::string(encoding_name(e)));
        bool ok = false;
        const std::string bytes = written(n.input, e, kind, &ok);
        EXPECT_TRUE(ok);
        const std::string nfc = unhex(n.nfc_utf8);
        if (e == Encoding::Utf8) {
          EXPECT_EQ(hex(bytes), n.nfc_utf8);
        }
        if (e == Encoding::Utf8Bom) {
          EXPECT_EQ(bytes, "\xEF\xBB\xBF" + nfc);
        }
        if (e == Encoding::Utf16le) {
          EXPECT_EQ(hex(bytes), hex("\xFF\xFE" + utf8_to_utf16le(nfc)));
        }
      }
    }
    check_cell(n, Encoding::Latin1, n.latin1);
    check_cell(n, Encoding::Windows1252, n.cp1252);
    check_cell(n, Encoding::Latin9, n.latin9);
    check_cell(n, Encoding::Ascii, n.ascii);
  }
}

TEST(TextFit, Utf16leBytesSpelledOut) {
  struct Case {
    const char* input;
    const char* bytes;
  } cases[] = {
      {"Zoë", "FF FE 5A 00 6F 00 EB 00"},
      {"€", "FF FE AC 20"},
      {"北京", "FF FE 17 53 AC 4E"},
      {"👍🏽", "FF FE 3D D8 4D DC 3C D8 FD DF"},
      {"Jose\u0301", "FF FE 4A 00 6F 00 73 00 E9 00"},
  };
  for (const Case& c : cases) {
    const FitResult r = fit(c.input, Encoding::Utf16le, Policy{});
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(hex(encode_file(r.text, Encoding::Utf16le, Newline::Lf)), c.bytes) << c.input;
  }
}

TEST(TextFit, UnencodableListsDistinctOriginalCodePointsInOrder) {
  const FitResult r = fit("Œ€Œ Ω", Encoding::Latin1, Policy{});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.unencodable, (std::vector<char32_t>{0x152, 0x20AC, 0x3A9}));
  Policy t = make(Policy::Kind::Transliterate);
  const FitResult tr = fit("Œ€Œ Ω", Encoding::Latin1, t);
  EXPECT_EQ(tr.unencodable, (std::vector<char32_t>{0x152, 0x20AC, 0x3A9})) << "reported even when fitted";
  EXPECT_EQ(tr.text, "OE€OE O");
  EXPECT_FALSE(tr.ok) << "€ has no Latin-ASCII transliteration";
}

TEST(TextFit, GermanTransliteratorWritesUmlautsAsTwoLetters) {
  Policy general = make(Policy::Kind::Transliterate);
  EXPECT_EQ(fit("Jürgen Ärger ÄRGER Straße", Encoding::Ascii, general).text, "Jurgen Arger ARGER Strasse");
  Policy german = make(Policy::Kind::Transliterate);
  german.transliterator = "de-ASCII";
  const FitResult r = fit("Jürgen Ärger ÄRGER Straße", Encoding::Ascii, german);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.text, "Juergen Aerger AERGER Strasse");
  german.transliterator = "de-ASCII; Any-Latin; Latin-ASCII";
  EXPECT_EQ(fit("Jürgen Müller, Москва", Encoding::Ascii, german).text, "Juergen Mueller, Moskva");
  // Characters the charset carries are never touched, even by the German rules.
  EXPECT_EQ(fit("Jürgen Ω", Encoding::Latin1, german).text, "Jürgen O");
}

TEST(TextFit, InvalidTransliteratorIsAnErrorResultEvenWhenNotNeeded) {
  Policy p = make(Policy::Kind::Transliterate);
  p.transliterator = "No-Such-Transform";
  for (const char* v : {"plain", "Ω"}) {
    const FitResult r = fit(v, Encoding::Ascii, p);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("No-Such-Transform"), std::string::npos) << r.error;
  }
  p.transliterator = "[[:L:";  // a malformed filter must not crash ICU's parser either
  EXPECT_FALSE(fit("Ω", Encoding::Ascii, p).ok);
  EXPECT_FALSE(fit("Ω", Encoding::Ascii, p).error.empty());
}

TEST(TextFit, ReplacementMustItselfBeEncodable) {
  Policy p = make(Policy::Kind::Replace);
  p.replacement = "�";
  const FitResult r = fit("Ω", Encoding::Latin1, p);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("replacement"), std::string::npos);
  p.replacement = "";
  EXPECT_EQ(fit("aΩb", Encoding::Latin1, p).text, "ab") << "an empty replacement drops the character";
}

TEST(TextFit, IllFormedInputIsReportedNotFitted) {
  const FitResult r = fit("ab\xC3", Encoding::Utf8, Policy{});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("byte 2"), std::string::npos) << r.error;
}

TEST(TextFit, ManyThreadsShareNothingMutable) {
  Policy p = make(Policy::Kind::TransliterateOrReplace);
  p.transliterator = "de-ASCII; Any-Latin; Latin-ASCII";
  std::vector<std::thread> threads;
  std::vector<int> failures(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (fit("Jürgen Ωμέγα 北京 👩‍👩‍👧‍👦", Encoding::Ascii, p).text != "Juergen Omega bei jing ?") ++failures[t];
        if (fit("Œuvre €", Encoding::Latin9, p).text != "Œuvre €") ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}
