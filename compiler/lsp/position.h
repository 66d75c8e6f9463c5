// LSP positions are (line, UTF-16 code unit); the compiler's are byte offsets.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace phonec::lsp {

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // {"line": L, "character": C}
  nlohmann::json position(std::uint32_t offset) const;
  nlohmann::json range(std::uint32_t begin, std::uint32_t end) const;
  // Clamped to the text: a position past a line's end is that line's end.
  std::uint32_t offset(std::int64_t line, std::int64_t character) const;

 private:
  std::string_view text_;
  std::vector<std::uint32_t> starts_;
};

std::string uri_to_path(const std::string& uri);
std::string path_to_uri(const std::string& path);

}  // namespace phonec::lsp
