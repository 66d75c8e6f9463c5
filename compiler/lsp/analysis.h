// The front end on an editor buffer: the stdlib, then the buffer's text under its real path (so
// that its imports and its vendor's other model files resolve), then the same phases as
// `phonec check FILE`. Everything lives in one object so a result can be kept and queried
// while the next edit is analysed.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sema/program.h"

namespace phonec::lsp {

struct Analysis {
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog{sm, diags};
  std::string path;
  FileId file = kNoFile;
  const ast::Module* module = nullptr;  // null when the buffer does not parse
};

std::unique_ptr<Analysis> analyze(const std::string& path, const std::string& text, const std::filesystem::path& data_dir);

// Where an import names: next to the importing file, else in the model paths.
std::filesystem::path resolve_import(const sema::Program& prog, const std::filesystem::path& from, const std::string& import);

}  // namespace phonec::lsp
