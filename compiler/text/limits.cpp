#include "text/limits.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <vector>

#include "text/graphemes.h"
#include "text/utf8.h"

namespace phonec::text {

namespace {

int code_point_columns(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) return 2;
  switch (u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH)) {
    case U_EA_WIDE:
    case U_EA_FULLWIDTH: return 2;
    default: return 1;
  }
}

std::size_t cluster_columns(std::string_view cluster) {
  int width = 0;
  bool emoji_base = false;
  for (std::size_t i = 0; i < cluster.size();) {
    const char32_t cp = next_code_point(cluster, i);
    // U+FE0F asks for emoji presentation of a text-default emoji base such as U+2764.
    if (cp == 0xFE0F && emoji_base) width = 2;
    emoji_base = emoji_base || u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_EMOJI);
    width = std::max(width, code_point_columns(cp));
  }
  return static_cast<std::size_t>(width);
}

std::size_t cluster_measure(std::string_view cluster, LimitUnit unit, Encoding e) {
  switch (unit) {
    case LimitUnit::Graphemes: return 1;
    case LimitUnit::Columns: return cluster_columns(cluster);
    case LimitUnit::Bytes: {
      if (e == Encoding::Utf8 || e == Encoding::Utf8Bom) return cluster.size();
      std::size_t n = 0;
      for (std::size_t i = 0; i < cluster.size();) n += encoded_size(next_code_point(cluster, i), e);
      return n;
    }
  }
  return 0;
}

}  // namespace

std::size_t measure(std::string_view utf8, LimitUnit unit, Encoding e) {
  if (unit == LimitUnit::Bytes && (e == Encoding::Utf8 || e == Encoding::Utf8Bom)) return utf8.size();
  if (unit == LimitUnit::Bytes && is_ascii(utf8)) return e == Encoding::Utf16le ? 2 * utf8.size() : utf8.size();
  // Printable ASCII: one cluster, one column per character.
  if (unit != LimitUnit::Bytes &&
      std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; }))
    return utf8.size();
  const std::vector<std::size_t> b = grapheme_boundaries(utf8);
  if (unit == LimitUnit::Graphemes) return b.size() - 1;
  std::size_t total = 0;
  for (std::size_t k = 0; k + 1 < b.size(); ++k) total += cluster_measure(utf8.substr(b[k], b[k + 1] - b[k]), unit, e);
  return total;
}

std::string truncate(std::string_view utf8, std::size_t limit, LimitUnit unit, Encoding e) {
  const std::vector<std::size_t> b = grapheme_boundaries(utf8);
  std::size_t used = 0;
  std::size_t end = 0;
  for (std::size_t k = 0; k + 1 < b.size(); ++k) {
    const std::size_t m = cluster_measure(utf8.substr(b[k], b[k + 1] - b[k]), unit, e);
    if (used + m > limit) break;
    used += m;
    end = b[k + 1];
  }
  return std::string(utf8.substr(0, end));
}

}  // namespace phonec::text
