#include "text/escape.h"

#include <unicode/uchar.h>

#include "text/utf8.h"

namespace phonec::text {

namespace {

Escaped reject(std::size_t offset, char32_t cp, const std::string& why) {
  return Escaped{{}, Rejection{offset, cp, describe_code_point(cp) + " " + why}};
}

bool is_line_break(char32_t cp) {
  switch (u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_LINE_BREAK)) {
    case U_LB_MANDATORY_BREAK:  // VT, FF, U+2028, U+2029
    case U_LB_CARRIAGE_RETURN:
    case U_LB_LINE_FEED:
    case U_LB_NEXT_LINE:  // U+0085
      return true;
    default:
      return false;
  }
}

// XML 1.0 production [2] Char: everything but these may appear, escaped or not.
bool is_xml_char(char32_t cp) {
  if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
  return !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE && cp != 0xFFFF && cp <= 0x10FFFF;
}

// The escaped value appended to `out`; on a rejection `out` is left as it was.
std::optional<Rejection> xml_escape_into(std::string_view utf8, bool attribute, Quote quote, std::string& out) {
  const std::size_t mark = out.size();
  // Bytes written as they are: printable ASCII but the markup characters and this quote.
  auto plain = [&](unsigned char c) {
    return c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
  };
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t run = i;
    while (run < utf8.size() && plain(static_cast<unsigned char>(utf8[run]))) ++run;
    if (run > i) {
      out.append(utf8.data() + i, run - i);
      i = run;
      if (i == utf8.size()) break;
    }
    const std::size_t start = i;
    const char32_t cp = next_code_point(utf8, i);
    if (!is_xml_char(cp)) {
      out.resize(mark);
      return reject(start, cp, "cannot appear in an XML document").rejected;
    }
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r': out += "&#13;"; break;
      case '"':
        out += attribute && quote == Quote::Double ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute && quote == Quote::Single ? "&apos;" : "'";
        break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      default: out.append(utf8.substr(start, i - start));
    }
  }
  return std::nullopt;
}

Escaped xml_escape(std::string_view utf8, bool attribute, Quote quote) {
  Escaped out;
  out.text.reserve(utf8.size() + 8);
  if (auto r = xml_escape_into(utf8, attribute, quote, out.text)) return Escaped{{}, std::move(r)};
  return out;
}

// Line readers stop at NUL and some split on the C0 separators FS/GS/RS, so every control but
// TAB is refused along with the Unicode line breaks.
std::optional<Rejection> line_breaker(std::string_view utf8) {
  for (std::size_t i = skip_printable_ascii(utf8, 0); i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    if (b >= 0x20 && b < 0x7F) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = next_code_point(utf8, i);
    if (is_line_break(cp)) return Rejection{start, cp, describe_code_point(cp) + " would end the line"};
    if (cp != '\t' && u_charType(static_cast<UChar32>(cp)) == U_CONTROL_CHAR)
      return Rejection{start, cp, describe_code_point(cp) + " is a control character line readers do not carry"};
  }
  return std::nullopt;
}

Escaped backslash_quoted(std::string_view utf8) {
  if (auto r = line_breaker(utf8)) return Escaped{{}, std::move(r)};
  Escaped out;
  out.text.reserve(utf8.size() + 2);
  out.text += '"';
  for (char c : utf8) {
    if (c == '"' || c == '\\') out.text += '\\';
    out.text += c;
  }
  out.text += '"';
  return out;
}

}  // namespace

Escaped xml_text(std::string_view utf8) { return xml_escape(utf8, false, Quote::Double); }

Escaped xml_attr(std::string_view utf8, Quote quote) { return xml_escape(utf8, true, quote); }

std::optional<Rejection> append_xml_text(std::string_view utf8, std::string& out) {
  return xml_escape_into(utf8, false, Quote::Double, out);
}

std::optional<Rejection> append_xml_attr(std::string_view utf8, Quote quote, std::string& out) {
  return xml_escape_into(utf8, true, quote, out);
}

std::optional<Rejection> keyvalue_ok(std::string_view utf8) { return line_breaker(utf8); }

Escaped ini_value(std::string_view utf8) {
  if (auto r = line_breaker(utf8)) return Escaped{{}, std::move(r)};
  bool at_start_or_after_blank = true;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const char c = utf8[i];
    if ((c == ';' || c == '#') && at_start_or_after_blank)
      return reject(i, static_cast<char32_t>(c), "would start a comment in an INI value");
    at_start_or_after_blank = c == ' ' || c == '\t';
  }
  return Escaped{std::string(utf8), std::nullopt};
}

Escaped quoted_value(std::string_view utf8) { return backslash_quoted(utf8); }

Escaped cli_quote(std::string_view utf8) { return backslash_quoted(utf8); }

Escaped dhcpd_string(std::string_view bytes) {
  static constexpr char kOctal[] = "01234567";
  Escaped out;
  out.text.reserve(bytes.size() + 2);
  out.text += '"';
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.text += '\\';
      out.text += c;
    } else if (b >= 0x20 && b < 0x7F) {
      out.text += c;
    } else {
      out.text += '\\';
      out.text += kOctal[(b >> 6) & 7];
      out.text += kOctal[(b >> 3) & 7];
      out.text += kOctal[b & 7];
    }
  }
  out.text += '"';
  return out;
}

Escaped dnsmasq_value(std::string_view bytes) {
  if (bytes.size() > kDnsmasqMaxValueBytes)
    return Escaped{{}, Rejection{kDnsmasqMaxValueBytes, 0,
                                 "the value is " + std::to_string(bytes.size()) + " bytes; a dnsmasq option value holds at most " +
                                     std::to_string(kDnsmasqMaxValueBytes)}};
  Escaped out;
  out.text.reserve(bytes.size() + 2);
  out.text += '"';
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    switch (c) {
      case '"': out.text += "\\\""; continue;
      case '\\': out.text += "\\\\"; continue;
      case '\t': out.text += "\\t"; continue;
      case '\n': out.text += "\\n"; continue;
      case '\r': out.text += "\\r"; continue;
      case '\b': out.text += "\\b"; continue;
      case '\x1b': out.text += "\\e"; continue;
      default: break;
    }
    if (static_cast<unsigned char>(c) < 0x20)
      return reject(i, static_cast<unsigned char>(c), "cannot be written in a dnsmasq value");
    out.text += c;
  }
  out.text += '"';
  return out;
}

}  // namespace phonec::text
