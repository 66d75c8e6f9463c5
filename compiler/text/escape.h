// Escaping a value for each output format, so that no value can end its field, end its line or
// start a new setting. Each function either returns the escaped form or names the first
// character the format cannot carry. Inputs are well-formed UTF-8 that has been through
// find_forbidden_char; the escapers still check, because their guarantee must not depend on it.
// The rules and the reader each one was checked against are in docs/unicode.md.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace phonec::text {

struct Rejection {
  std::size_t offset = 0;  // byte offset in the value
  char32_t code_point = 0;
  std::string reason;  // "U+000A LINE FEED would end the line"
};

struct Escaped {
  std::string text;                    // empty when rejected
  std::optional<Rejection> rejected;
  bool ok() const { return !rejected.has_value(); }
};

enum class Quote { Double, Single };

// XML character data: & < > as entities (so "]]>" cannot appear), CR as &#13; so that line-end
// normalisation keeps it. Rejects what XML 1.0 cannot contain at all (C0 controls other than
// TAB/LF/CR, U+FFFE, U+FFFF), even as a character reference.
Escaped xml_text(std::string_view utf8);

// An XML attribute value, without the quotes: & < > and the delimiting quote as entities,
// TAB/LF/CR as character references (attribute-value normalisation would turn them into
// spaces). The other quote is left as it is. Same rejections as xml_text.
Escaped xml_attr(std::string_view utf8, Quote quote);

// xml_text and xml_attr appended to `out` (the XML writer's buffer) instead of a string of their
// own: the rejection, or nullopt. Nothing is appended when the value is rejected.
std::optional<Rejection> append_xml_text(std::string_view utf8, std::string& out);
std::optional<Rejection> append_xml_attr(std::string_view utf8, Quote quote, std::string& out);

// For "key = value" line formats, which have no escape at all: the first character that could
// end the line (LF, CR, VT, FF, NEL, U+2028, U+2029) or that line readers treat as a separator
// or terminator (any other control but TAB, NUL included). nullopt when the value is safe.
std::optional<Rejection> keyvalue_ok(std::string_view utf8);

// An INI value, returned unchanged when safe. INI has no escape, so it rejects: what keyvalue_ok
// rejects, and ';' or '#' that would start a comment, i.e. as the first non-blank character or
// after a space or TAB (readers with inline comments cut the value there).
Escaped ini_value(std::string_view utf8);

// "value" for KEY="value" formats, quotes included: '"' and '\' backslash-escaped; rejects what
// keyvalue_ok rejects.
Escaped quoted_value(std::string_view utf8);

// A double-quoted argument for a device CLI script, quotes included: '"' and '\' as \" and \\;
// rejects what keyvalue_ok rejects.
Escaped cli_quote(std::string_view utf8);

// An ISC dhcpd string constant, quotes included; the output is ASCII. '"' and '\' are
// backslash-escaped, every byte outside printable ASCII (controls, DEL, UTF-8 lead and
// continuation bytes) is written as \ooo with three octal digits, which dhcpd's lexer reads
// back as that byte. Never rejects.
Escaped dhcpd_string(std::string_view bytes);

// A dnsmasq configuration value, quotes included, so that , : . and # lose their meaning:
// '"' and '\' backslash-escaped, TAB, LF, CR, BS and ESC as \t \n \r \b \e; other bytes are
// written as they are. Rejects the other C0 controls (dnsmasq uses bytes 0x01-0x05 internally
// for hidden metacharacters) and values over 255 bytes: a DHCP option cannot hold more, and a
// configuration line over 1024 bytes would be split by dnsmasq's line reader.
Escaped dnsmasq_value(std::string_view bytes);

inline constexpr std::size_t kDnsmasqMaxValueBytes = 255;

}  // namespace phonec::text
