// Hover, go-to-definition, completion and document symbols. Each reads the current text (for
// what is under the cursor) and an Analysis (for what it means), which may be the last one that
// parsed while the buffer is half-typed. Results are LSP JSON objects, or null.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/analysis.h"

namespace phonec::lsp {

// What completion offers beyond the buffer's own program: the whole shipped library's model
// names and the ICU zone and locale names, computed once.
struct Library {
  std::vector<std::string> models;    // models and families, sorted
  std::vector<std::string> zones;     // canonical IANA ids
  std::vector<std::string> locales;   // ICU's available locales (en_US)
};
Library load_library(const std::filesystem::path& data_dir);

nlohmann::json hover(Analysis& sem, std::string_view text, std::uint32_t offset);
nlohmann::json definition(Analysis& sem, std::string_view text, std::uint32_t offset);
nlohmann::json completion(Analysis& sem, const Library& lib, std::string_view text, std::uint32_t offset);
nlohmann::json document_symbols(const Analysis& sem);

}  // namespace phonec::lsp
