#include "text/encoding.h"

#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <vector>

#include "text/icu_converters.h"
#include "text/utf8.h"

namespace phonec::text {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::u16string to_utf16(std::string_view utf8) {
  std::u16string out;
  if (utf8.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  int32_t needed = 0;
  u_strFromUTF8(nullptr, 0, &needed, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
    throw EncodeError(0, 0, std::string("UTF-8 to UTF-16 failed: ") + u_errorName(status));
  out.resize(static_cast<std::size_t>(needed));
  status = U_ZERO_ERROR;
  u_strFromUTF8(out.data(), needed, nullptr, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) throw EncodeError(0, 0, std::string("UTF-8 to UTF-16 failed: ") + u_errorName(status));
  return out;
}

std::string from_utf16(const std::u16string& s, Encoding e) {
  UConverter* conv = detail::thread_converter(e);
  std::string out;
  out.resize(static_cast<std::size_t>(UCNV_GET_MAX_BYTES_FOR_STRING(s.size(), ucnv_getMaxCharSize(conv))) + 1);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = ucnv_fromUChars(conv, out.data(), static_cast<int32_t>(out.size()), s.data(),
                                    static_cast<int32_t>(s.size()), &status);
  if (U_FAILURE(status)) throw EncodeError(0, 0, std::string("ICU conversion failed: ") + u_errorName(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The end of the run of ASCII bytes other than CR (and LF when StopAtNewline) that starts at `i`,
// eight at a time.
template <bool StopAtNewline>
std::size_t skip_plain_ascii(std::string_view s, std::size_t i) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_byte = [](std::uint64_t w, std::uint64_t b) {
    const std::uint64_t x = w ^ (ones * b);
    return ((x - ones) & ~x & highs) != 0;
  };
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if ((w & highs) || (StopAtNewline && has_byte(w, '\n')) || has_byte(w, '\r')) break;
  }
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 || (StopAtNewline && c == '\n') || c == '\r') break;
    ++i;
  }
  return i;
}

}  // namespace

std::optional<Encoding> parse_encoding(std::string_view name) {
  const std::string n = lower(name);
  if (n == "utf-8" || n == "utf8") return Encoding::Utf8;
  if (n == "utf-8-bom" || n == "utf8-bom" || n == "utf-8-sig") return Encoding::Utf8Bom;
  if (n == "iso-8859-1" || n == "iso8859-1" || n == "latin1" || n == "latin-1") return Encoding::Latin1;
  if (n == "windows-1252" || n == "cp1252") return Encoding::Windows1252;
  if (n == "iso-8859-15" || n == "iso8859-15" || n == "latin9" || n == "latin-9") return Encoding::Latin9;
  if (n == "ascii" || n == "us-ascii") return Encoding::Ascii;
  if (n == "utf-16le" || n == "utf16le") return Encoding::Utf16le;
  return std::nullopt;
}

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::Utf8: return "utf-8";
    case Encoding::Utf8Bom: return "utf-8-bom";
    case Encoding::Latin1: return "iso-8859-1";
    case Encoding::Windows1252: return "windows-1252";
    case Encoding::Latin9: return "iso-8859-15";
    case Encoding::Ascii: return "ascii";
    case Encoding::Utf16le: return "utf-16le";
  }
  return "?";
}

std::string_view xml_name(Encoding e) {
  switch (e) {
    case Encoding::Utf8:
    case Encoding::Utf8Bom: return "UTF-8";
    case Encoding::Latin1: return "ISO-8859-1";
    case Encoding::Windows1252: return "windows-1252";
    case Encoding::Latin9: return "ISO-8859-15";
    case Encoding::Ascii: return "US-ASCII";
    case Encoding::Utf16le: return "UTF-16";
  }
  return "UTF-8";
}

bool can_encode(char32_t cp, Encoding e) {
  if (detail::icu_charset(e) == nullptr) return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
  return detail::encodable_set(e).contains(static_cast<UChar32>(cp));
}

std::size_t encoded_size(char32_t cp, Encoding e) {
  switch (e) {
    case Encoding::Utf8:
    case Encoding::Utf8Bom: return static_cast<std::size_t>(U8_LENGTH(static_cast<UChar32>(cp)));
    case Encoding::Utf16le: return 2 * static_cast<std::size_t>(U16_LENGTH(static_cast<UChar32>(cp)));
    default: return 1;  // the 8-bit charsets: one byte per character they carry
  }
}

namespace {

// encode_file's work; `owned`, when given, holds `utf8_content` and may be moved into the result
// (a UTF-8 or all-ASCII file with LF line ends is its content unchanged: no second copy).
std::string encode(std::string_view utf8_content, std::string* owned, Encoding e, Newline newline) {
  // Ill-formed UTF-8 is reported before anything else, wherever it is. Content that is ASCII up
  // to the first byte needing a look (most files, all of it) cannot be ill-formed there, so the
  // UTF-8 check runs from that byte on, once, instead of over every file first.
  bool validated = false;
  auto validate_from = [&](std::size_t from) {
    if (validated) return;
    validated = true;
    if (auto bad = find_invalid_utf8(utf8_content.substr(from)))
      throw EncodeError(from + *bad, 0xFFFD, "ill-formed UTF-8 at byte " + std::to_string(from + *bad));
  };
  // One pass checks every character before any byte is produced, so the error names the first
  // offending character by its offset in the content the emitter built. The content is the
  // input itself unless line ends become CR LF.
  const bool crlf = newline == Newline::CrLf;
  const bool ascii_target = e == Encoding::Ascii;
  bool all_ascii = true;
  std::string content;
  if (crlf) content.reserve(utf8_content.size() + utf8_content.size() / 16);
  std::size_t copied = 0;  // with CR LF: input before this offset is in `content`
  const std::size_t n = utf8_content.size();
  for (std::size_t i = 0; i < n;) {
    // With LF line ends a line end needs nothing: the scan runs through them eight bytes at a time.
    i = crlf ? skip_plain_ascii<true>(utf8_content, i) : skip_plain_ascii<false>(utf8_content, i);
    if (i == n) break;
    const auto b = static_cast<unsigned char>(utf8_content[i]);
    if (b != '\n') validate_from(i);
    if (b == '\r')
      throw EncodeError(i, U'\r', "content contains a carriage return; line ends are written by the newline setting");
    if (b == '\n') {
      if (crlf) {
        content.append(utf8_content.data() + copied, i - copied);
        content += "\r\n";
        copied = i + 1;
      }
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = next_code_point(utf8_content, i);
    if (ascii_target || !can_encode(cp, e))
      throw EncodeError(start, cp, describe_code_point(cp) + " cannot be written in " + std::string(encoding_name(e)));
    all_ascii = false;
  }
  if (crlf) content.append(utf8_content.data() + copied, n - copied);
  else if (owned && (e == Encoding::Utf8 || (all_ascii && e != Encoding::Utf8Bom && e != Encoding::Utf16le)))
    return std::move(*owned);
  else content.assign(utf8_content);
  switch (e) {
    case Encoding::Utf8: return content;
    case Encoding::Utf8Bom: return "\xEF\xBB\xBF" + content;
    case Encoding::Utf16le: return "\xFF\xFE" + from_utf16(to_utf16(content), e);
    default:
      // The 8-bit charsets all write ASCII as itself.
      if (all_ascii) return content;
      return from_utf16(to_utf16(content), e);
  }
}

}  // namespace

std::string encode_file(std::string_view utf8_content, Encoding e, Newline newline) {
  return encode(utf8_content, nullptr, e, newline);
}

std::string encode_file_owned(std::string&& utf8_content, Encoding e, Newline newline) {
  return encode(utf8_content, &utf8_content, e, newline);
}

}  // namespace phonec::text
