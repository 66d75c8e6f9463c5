// The character encodings a phone file can be written in, and the exact bytes written.
#pragma once
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace phonec::text {

enum class Encoding { Utf8, Utf8Bom, Latin1, Windows1252, Latin9, Ascii, Utf16le };
enum class Newline { Lf, CrLf };

// Case-insensitive; accepts the spellings model files use: "utf-8"/"utf8", "utf-8-bom",
// "iso-8859-1"/"latin1", "windows-1252"/"cp1252", "iso-8859-15"/"latin9", "ascii"/"us-ascii",
// "utf-16le".
std::optional<Encoding> parse_encoding(std::string_view name);

// The canonical spelling parse_encoding accepts ("utf-8-bom"), for messages.
std::string_view encoding_name(Encoding e);

// The name an XML declaration must state for a file written in `e`. UTF-16LE files start with
// a BOM (encode_file writes one), so they are declared "UTF-16" as XML 1.0 section 4.3.3 asks.
std::string_view xml_name(Encoding e);

// Whether `e` can carry `cp`. Unicode encodings carry every scalar value; the 8-bit ones carry
// exactly the round-trip set of the ICU converter for that charset.
bool can_encode(char32_t cp, Encoding e);

// Bytes one code point takes in `e` (1 for 8-bit charsets, without any BOM).
std::size_t encoded_size(char32_t cp, Encoding e);

// Thrown by encode_file: the content holds something the encoding or the newline policy cannot
// carry. Emitters must have fitted every value first, so this is a compiler bug, not user error.
class EncodeError : public std::runtime_error {
 public:
  EncodeError(std::size_t offset, char32_t code_point, const std::string& what)
      : std::runtime_error(what), offset_(offset), code_point_(code_point) {}
  std::size_t offset() const { return offset_; }  // byte offset in the UTF-8 content
  char32_t code_point() const { return code_point_; }

 private:
  std::size_t offset_;
  char32_t code_point_;
};

// The exact bytes of a file: `utf8_content` uses "\n" line ends (a CR in it is an error),
// converted to `newline`; a BOM is written for Utf8Bom (EF BB BF) and Utf16le (FF FE).
std::string encode_file(std::string_view utf8_content, Encoding e, Newline newline);

// encode_file of content the caller gives up: when the bytes are the content unchanged (UTF-8, or
// ASCII in an 8-bit charset, with LF line ends) its buffer becomes the result instead of a copy.
std::string encode_file_owned(std::string&& utf8_content, Encoding e, Newline newline);

}  // namespace phonec::text
