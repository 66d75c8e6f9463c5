#include "lsp/position.h"

#include <algorithm>
#include <cctype>

#include "text/hex.h"

namespace phonec::lsp {

namespace {

// Length of the UTF-8 sequence starting with byte b (1 for a stray continuation byte).
std::uint32_t seq_len(unsigned char b) { return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1; }

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::uint32_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

nlohmann::json LineIndex::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - starts_.begin()) - 1;
  std::uint32_t units = 0;
  for (std::uint32_t i = starts_[line]; i < offset;) {
    std::uint32_t n = seq_len(static_cast<unsigned char>(text_[i]));
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return {{"line", line}, {"character", units}};
}

nlohmann::json LineIndex::range(std::uint32_t begin, std::uint32_t end) const {
  return {{"start", position(begin)}, {"end", position(std::max(begin, end))}};
}

std::uint32_t LineIndex::offset(std::int64_t line, std::int64_t character) const {
  if (line < 0) return 0;
  if (static_cast<std::size_t>(line) >= starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::uint32_t i = starts_[static_cast<std::size_t>(line)];
  std::int64_t units = 0;
  while (i < text_.size() && text_[i] != '\n' && units < character) {
    std::uint32_t n = seq_len(static_cast<unsigned char>(text_[i]));
    units += n == 4 ? 2 : 1;
    i = std::min<std::uint32_t>(i + n, static_cast<std::uint32_t>(text_.size()));
  }
  return i;
}

std::string uri_to_path(const std::string& uri) {
  std::string s = uri.rfind("file://", 0) == 0 ? uri.substr(7) : uri;
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto hex = text::hex_digit;
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string path_to_uri(const std::string& path) {
  static const char* digits = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

}  // namespace phonec::lsp
