#include "text/utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/bytestream.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace phonec::text {

namespace {

const icu::Normalizer2& nfc() {
  // getNFCInstance returns a process-wide immutable singleton; its const methods are thread-safe.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr)
    throw std::runtime_error(std::string("ICU NFC data unavailable: ") + u_errorName(status));
  return *n;
}

std::string icu_name(char32_t cp, UCharNameChoice choice) {
  char buf[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = u_charName(static_cast<UChar32>(cp), choice, buf, sizeof buf, &status);
  if (U_FAILURE(status) || n <= 0) return {};
  return std::string(buf, static_cast<std::size_t>(n));
}

bool is_forbidden(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  if (u_charType(c) == U_CONTROL_CHAR) return true;  // C0, DEL, C1
  const int8_t type = u_charType(c);
  if (type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR) return true;
  switch (u_charDirection(c)) {
    case U_LEFT_TO_RIGHT_EMBEDDING:
    case U_LEFT_TO_RIGHT_OVERRIDE:
    case U_RIGHT_TO_LEFT_EMBEDDING:
    case U_RIGHT_TO_LEFT_OVERRIDE:
    case U_POP_DIRECTIONAL_FORMAT:
    case U_LEFT_TO_RIGHT_ISOLATE:
    case U_RIGHT_TO_LEFT_ISOLATE:
    case U_FIRST_STRONG_ISOLATE:
    case U_POP_DIRECTIONAL_ISOLATE:
      return true;
    default:
      break;
  }
  return u_hasBinaryProperty(c, UCHAR_NONCHARACTER_CODE_POINT);
}

}  // namespace

std::size_t skip_ascii(std::string_view bytes, std::size_t from) {
  std::size_t i = from;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    if (w & 0x8080808080808080ull) break;
  }
  while (i < bytes.size() && static_cast<unsigned char>(bytes[i]) < 0x80) ++i;
  return i;
}

std::size_t skip_printable_ascii(std::string_view bytes, std::size_t from) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  std::size_t i = from;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;  // exact when no high bit is set
    const std::uint64_t del = w ^ (ones * 0x7F);
    if ((w & highs) || below_space || ((del - ones) & ~del & highs)) break;
  }
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x20 || c >= 0x7F) break;
    ++i;
  }
  return i;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const int64_t length = static_cast<int64_t>(bytes.size());
  int64_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      i = static_cast<int64_t>(skip_ascii(bytes, static_cast<std::size_t>(i)));
      continue;
    }
    const int64_t start = i;
    UChar32 c;
    // ICU's U8_NEXT rejects overlongs, surrogates and values above U+10FFFF with c < 0.
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::nullopt;
}

bool is_ascii(std::string_view bytes) { return skip_ascii(bytes, 0) == bytes.size(); }

bool is_nfc(std::string_view utf8) {
  if (is_ascii(utf8)) return true;
  UErrorCode status = U_ZERO_ERROR;
  const UBool yes = nfc().isNormalizedUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return U_SUCCESS(status) && yes;
}

std::string to_nfc(std::string_view utf8) {
  if (is_nfc(utf8)) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  nfc().normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC failed: ") + u_errorName(status));
  return out;
}

char32_t next_code_point(std::string_view utf8, std::size_t& offset) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int64_t length = static_cast<int64_t>(utf8.size());
  int64_t i = static_cast<int64_t>(offset);
  UChar32 c;
  U8_NEXT_OR_FFFD(s, i, length, c);
  offset = static_cast<std::size_t>(i);
  return static_cast<char32_t>(c);
}

void append_utf8(std::string& out, char32_t cp) {
  uint8_t buf[U8_MAX_LENGTH];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, U8_MAX_LENGTH, static_cast<UChar32>(cp), error);
  if (error) {
    out += "\xEF\xBF\xBD";
    return;
  }
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// ICU 72 gives controls no name (u_charName has no access to the "control" aliases of
// NameAliases.txt), so the few controls people actually type get their formal alias here;
// every other control is named by ICU's extended name, "<control-0001>".
static std::string control_alias(char32_t cp) {
  switch (cp) {
    case 0x00: return "NULL";
    case 0x09: return "CHARACTER TABULATION";
    case 0x0A: return "LINE FEED";
    case 0x0B: return "LINE TABULATION";
    case 0x0C: return "FORM FEED";
    case 0x0D: return "CARRIAGE RETURN";
    case 0x1B: return "ESCAPE";
    case 0x7F: return "DELETE";
    case 0x85: return "NEXT LINE";
    default: return {};
  }
}

std::string describe_code_point(char32_t cp) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  std::string name = icu_name(cp, U_UNICODE_CHAR_NAME);
  if (name.empty()) name = icu_name(cp, U_CHAR_NAME_ALIAS);
  if (name.empty()) name = control_alias(cp);
  if (name.empty()) name = icu_name(cp, U_EXTENDED_CHAR_NAME);  // "<control-0080>", "<noncharacter-FFFE>"
  return name.empty() ? std::string(code) : std::string(code) + " " + name;
}

std::optional<ForbiddenChar> find_forbidden_char(std::string_view utf8) {
  std::size_t i = 0;
  while (i < utf8.size()) {
    i = skip_printable_ascii(utf8, i);  // the common case, no ICU call
    if (i == utf8.size()) break;
    const std::size_t start = i;
    const char32_t cp = next_code_point(utf8, i);
    if (is_forbidden(cp)) return ForbiddenChar{start, cp, describe_code_point(cp)};
  }
  return std::nullopt;
}

}  // namespace phonec::text
