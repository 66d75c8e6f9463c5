// Input checks every string value passes before it may reach a phone's file: well-formed UTF-8,
// Unicode NFC, and no character that could break a file format or mislead a reader.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace phonec::text {

// Byte offset of the first ill-formed sequence (truncated, overlong, surrogate, > U+10FFFF,
// stray continuation byte), or nullopt if the whole input is well-formed UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view bytes);

bool is_ascii(std::string_view bytes);
// The end of the run of ASCII bytes that starts at `from` (checked eight bytes at a time: most
// of every value and file is ASCII).
std::size_t skip_ascii(std::string_view bytes, std::size_t from);
// The same for printable ASCII (U+0020..U+007E): no control, no DEL, nothing beyond ASCII.
std::size_t skip_printable_ascii(std::string_view bytes, std::size_t from);

// Precondition: well-formed UTF-8 (check with find_invalid_utf8 first; ill-formed sequences
// are replaced by U+FFFD). ASCII and already-normalised input is returned without normalising.
std::string to_nfc(std::string_view utf8);
bool is_nfc(std::string_view utf8);

struct ForbiddenChar {
  std::size_t offset = 0;  // byte offset of the character in the input
  char32_t code_point = 0;
  std::string name;  // "U+000A LINE FEED", from ICU's character names
};

// The first character no value may contain: C0 controls (TAB, LF and CR included), DEL, C1
// controls, LINE/PARAGRAPH SEPARATOR, the bidi embeddings, overrides and isolates (they make a
// label display differently from what it contains), and noncharacters.
// Precondition: well-formed UTF-8.
std::optional<ForbiddenChar> find_forbidden_char(std::string_view utf8);

// "U+00E9 LATIN SMALL LETTER E WITH ACUTE"; controls get their alias ("U+000A LINE FEED").
std::string describe_code_point(char32_t cp);

// Decodes the code point at `offset` and advances it; ill-formed input yields U+FFFD.
char32_t next_code_point(std::string_view utf8, std::size_t& offset);
void append_utf8(std::string& out, char32_t cp);

}  // namespace phonec::text
