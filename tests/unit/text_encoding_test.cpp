#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "tests/unit/temp_dir.h"
#include "text/encoding.h"
#include "text_test_util.h"

using namespace phonec::text;
using phonec::text_test::hex;

TEST(TextEncoding, ParsesNamesCaseInsensitively) {
  EXPECT_EQ(parse_encoding("utf-8"), Encoding::Utf8);
  EXPECT_EQ(parse_encoding("UTF8"), Encoding::Utf8);
  EXPECT_EQ(parse_encoding("utf-8-bom"), Encoding::Utf8Bom);
  EXPECT_EQ(parse_encoding("ISO-8859-1"), Encoding::Latin1);
  EXPECT_EQ(parse_encoding("latin1"), Encoding::Latin1);
  EXPECT_EQ(parse_encoding("Windows-1252"), Encoding::Windows1252);
  EXPECT_EQ(parse_encoding("iso-8859-15"), Encoding::Latin9);
  EXPECT_EQ(parse_encoding("ASCII"), Encoding::Ascii);
  EXPECT_EQ(parse_encoding("us-ascii"), Encoding::Ascii);
  EXPECT_EQ(parse_encoding("utf-16le"), Encoding::Utf16le);
  EXPECT_EQ(parse_encoding("utf-16"), std::nullopt) << "byte order must be stated";
  EXPECT_EQ(parse_encoding("ebcdic"), std::nullopt);
  EXPECT_EQ(parse_encoding(""), std::nullopt);
  for (Encoding e : {Encoding::Utf8, Encoding::Utf8Bom, Encoding::Latin1, Encoding::Windows1252, Encoding::Latin9,
                     Encoding::Ascii, Encoding::Utf16le})
    EXPECT_EQ(parse_encoding(encoding_name(e)), e);
}

TEST(TextEncoding, XmlNames) {
  EXPECT_EQ(xml_name(Encoding::Utf8), "UTF-8");
  EXPECT_EQ(xml_name(Encoding::Utf8Bom), "UTF-8");
  EXPECT_EQ(xml_name(Encoding::Latin1), "ISO-8859-1");
  EXPECT_EQ(xml_name(Encoding::Windows1252), "windows-1252");
  EXPECT_EQ(xml_name(Encoding::Latin9), "ISO-8859-15");
  EXPECT_EQ(xml_name(Encoding::Ascii), "US-ASCII");
  EXPECT_EQ(xml_name(Encoding::Utf16le), "UTF-16");
}

TEST(TextEncoding, ExactBytesWithBomsAndNewlines) {
  EXPECT_EQ(hex(encode_file("a\nb\n", Encoding::Utf8, Newline::Lf)), "61 0A 62 0A");
  EXPECT_EQ(hex(encode_file("a\nb\n", Encoding::Utf8, Newline::CrLf)), "61 0D 0A 62 0D 0A");
  EXPECT_EQ(hex(encode_file("\u00E9\n", Encoding::Utf8Bom, Newline::CrLf)), "EF BB BF C3 A9 0D 0A");
  EXPECT_EQ(hex(encode_file("\u00E9\n", Encoding::Latin1, Newline::CrLf)), "E9 0D 0A");
  EXPECT_EQ(hex(encode_file("\u20AC\u0152\n", Encoding::Windows1252, Newline::Lf)), "80 8C 0A");
  EXPECT_EQ(hex(encode_file("\u20AC\u0152\n", Encoding::Latin9, Newline::Lf)), "A4 BC 0A");
  EXPECT_EQ(hex(encode_file("a\n", Encoding::Ascii, Newline::CrLf)), "61 0D 0A");
  EXPECT_EQ(hex(encode_file("\u00E9\n", Encoding::Utf16le, Newline::CrLf)), "FF FE E9 00 0D 00 0A 00");
  EXPECT_EQ(hex(encode_file("", Encoding::Utf16le, Newline::Lf)), "FF FE");
  EXPECT_EQ(hex(encode_file("", Encoding::Latin1, Newline::Lf)), "");
}

// encode_file refuses `content` with an error at byte `offset` naming code point `cp`.
static void expect_error_at(const std::string& content, Encoding e, std::size_t offset, char32_t cp) {
  try {
    encode_file(content, e, Newline::Lf);
    ADD_FAILURE() << "no error for " << content;
  } catch (const EncodeError& err) {
    EXPECT_EQ(err.offset(), offset) << content;
    EXPECT_EQ(err.code_point(), cp) << content;
  }
}

// Ill-formed UTF-8 is the error reported wherever it lies, even after a CR or a character the
// encoding cannot carry (the content is checked from the first byte the ASCII scan stops at).
TEST(TextEncoding, IllFormedUtf8IsReportedBeforeOtherProblems) {
  const std::string run = "0123456789abcdef";
  expect_error_at(run + "\r" + run + "\xFF", Encoding::Utf8, 33, 0xFFFD);
  expect_error_at(run + "\u0141" + run + "\xC3(", Encoding::Latin1, 34, 0xFFFD);  // Ł: not Latin-1
  expect_error_at("\u00E9\xE9", Encoding::Latin1, 2, 0xFFFD);
  expect_error_at(run + "\xC3", Encoding::Utf8, 16, 0xFFFD);  // cut short at the end
  expect_error_at(run + "\r\u00E9", Encoding::Utf8, 16, U'\r');  // well-formed: the CR is the error
}

// ASCII is scanned eight bytes at a time: what lies inside or right after such a block (a line
// end, a CR, a non-ASCII character, a bad byte) is still found at its exact offset.
TEST(TextEncoding, LongAsciiRunsKeepLineEndsAndOffsets) {
  const std::string run = "0123456789abcdef";  // two whole blocks
  EXPECT_EQ(encode_file(run + "x\n" + run + "\n", Encoding::Utf8, Newline::CrLf), run + "x\r\n" + run + "\r\n");
  EXPECT_EQ(encode_file(run + "\n\n" + run, Encoding::Latin1, Newline::CrLf), run + "\r\n\r\n" + run);
  EXPECT_EQ(encode_file(run + "\n" + run, Encoding::Windows1252, Newline::Lf), run + "\n" + run);
  EXPECT_EQ(encode_file(run + "\u00E9" + run, Encoding::Latin1, Newline::Lf), run + "\xE9" + run);
  EXPECT_EQ(encode_file(run + "\u00E9\n" + run, Encoding::Utf8, Newline::CrLf), run + "\u00E9\r\n" + run);
  struct Case {
    std::string content;
    Encoding e;
    std::size_t offset;
    char32_t cp;
  } cases[] = {
      {run + "abc\r\n", Encoding::Utf8, 19, U'\r'},
      {run + run + "\r", Encoding::Latin1, 32, U'\r'},
      {run + "abcdefg\u20AC", Encoding::Latin1, 23, 0x20AC},
      {run + "\u00E9", Encoding::Ascii, 16, 0xE9},
      // LF line ends are scanned through, not stopped at: what follows them is still found.
      {run + "\n" + run + "\n\r", Encoding::Utf8, 34, U'\r'},
      {"ab\ncd\nef\ngh\n" + run + "\u20AC", Encoding::Latin1, 28, 0x20AC},
      {run + "abcdefgh\xC3", Encoding::Utf8, 24, 0xFFFD},
  };
  for (const Case& c : cases) expect_error_at(c.content, c.e, c.offset, c.cp);
}

TEST(TextEncoding, UnencodableContentFailsLoudlyWithItsOffset) {
  struct Case {
    const char* content;
    Encoding e;
    std::size_t offset;
    char32_t cp;
  } cases[] = {
      {"ok \u20AC", Encoding::Latin1, 3, 0x20AC},
      {"\u00E9", Encoding::Ascii, 0, 0xE9},
      {"x\u00BD", Encoding::Latin9, 1, 0xBD},
      {"ab\u03A9", Encoding::Windows1252, 2, 0x3A9},
      {"a\r\n", Encoding::Utf8, 1, U'\r'},
      {"a\xC3", Encoding::Utf8, 1, 0xFFFD},
  };
  for (const Case& c : cases) expect_error_at(c.content, c.e, c.offset, c.cp);
}

TEST(TextEncoding, CanEncodeFollowsTheCharsets) {
  EXPECT_TRUE(can_encode(0xE9, Encoding::Latin1));
  EXPECT_FALSE(can_encode(0x20AC, Encoding::Latin1));
  EXPECT_TRUE(can_encode(0x20AC, Encoding::Windows1252));
  EXPECT_TRUE(can_encode(0x20AC, Encoding::Latin9));
  EXPECT_FALSE(can_encode(0xA4, Encoding::Latin9)) << "ISO-8859-15 replaced the currency sign by €";
  EXPECT_FALSE(can_encode(0x80, Encoding::Ascii));
  EXPECT_TRUE(can_encode(0x1F600, Encoding::Utf16le));
  EXPECT_EQ(encoded_size(0x1F600, Encoding::Utf16le), 4u);
  EXPECT_EQ(encoded_size(0x1F600, Encoding::Utf8), 4u);
  EXPECT_EQ(encoded_size(0x20AC, Encoding::Windows1252), 1u);
}

// The declared XML name and the bytes written must agree for a real XML parser.
TEST(TextEncoding, XmllintAcceptsEveryDeclaredEncoding) {
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) FAIL() << "xmllint not installed (tools/install-deps.sh installs it)";
  const char* content_for[] = {"Zo\u00EB", "Zo\u00EB", "Zo\u00EB", "\u20AC \u0152", "\u20AC \u0152", "Zoe", "\u5317\u4EAC \U0001F600"};
  const Encoding encs[] = {Encoding::Utf8, Encoding::Utf8Bom, Encoding::Latin1, Encoding::Windows1252,
                           Encoding::Latin9, Encoding::Ascii, Encoding::Utf16le};
  const phonec::testing::TempDir dir;
  for (std::size_t i = 0; i < std::size(encs); ++i) {
    const std::string doc = "<?xml version=\"1.0\" encoding=\"" + std::string(xml_name(encs[i])) + "\"?>\n<r a=\"" +
                            content_for[i] + "\">" + content_for[i] + "</r>\n";
    const std::string path = (dir / ("enc_" + std::to_string(i) + ".xml")).string();
    std::ofstream(path, std::ios::binary) << encode_file(doc, encs[i], Newline::CrLf);
    // --c14n re-encodes to UTF-8: the text must come back as written.
    const std::string out_path = path + ".out";
    ASSERT_EQ(std::system(("xmllint --c14n " + path + " > " + out_path + " 2>&1").c_str()), 0) << xml_name(encs[i]);
    std::ifstream in(out_path, std::ios::binary);
    const std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(got, std::string("<r a=\"") + content_for[i] + "\">" + content_for[i] + "</r>") << xml_name(encs[i]);
  }
}

// encode_file_owned gives the bytes encode_file gives for every encoding and newline, ASCII or
// not, and its errors; when the bytes are the content unchanged it hands back the same buffer.
TEST(TextEncoding, OwnedContentGivesTheSameBytes) {
  const std::string long_ascii(300, 'k');
  for (Encoding e : {Encoding::Utf8, Encoding::Utf8Bom, Encoding::Latin1, Encoding::Windows1252, Encoding::Latin9,
                     Encoding::Ascii, Encoding::Utf16le})
    for (Newline nl : {Newline::Lf, Newline::CrLf})
      for (const std::string& content : {std::string(), long_ascii + "\n" + long_ascii + "\n", std::string("\u00E9t\u00E9\n")}) {
        if (e == Encoding::Ascii && content.find('\xC3') != std::string::npos) {
          EXPECT_THROW(encode_file_owned(std::string(content), e, nl), EncodeError);
          continue;
        }
        EXPECT_EQ(hex(encode_file_owned(std::string(content), e, nl)), hex(encode_file(content, e, nl)))
            << encoding_name(e) << (nl == Newline::CrLf ? " crlf" : " lf");
      }
  std::string content = long_ascii + "\n";
  const char* buffer = content.data();
  std::string bytes = encode_file_owned(std::move(content), Encoding::Latin1, Newline::Lf);
  EXPECT_EQ(bytes, long_ascii + "\n");
  EXPECT_EQ(bytes.data(), buffer) << "an ASCII Latin-1 file with LF line ends is its content, not a copy";
  EXPECT_THROW(encode_file_owned("a\r\n", Encoding::Utf8, Newline::Lf), EncodeError);
  EXPECT_THROW(encode_file_owned("\xFF\n", Encoding::Utf8, Newline::Lf), EncodeError);
}
