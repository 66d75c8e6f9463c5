// Phase 1: reading and parsing .phone files: the stdlib, the inputs, their imports, and the
// model files of each vendor a site refers to (loaded on demand, once).
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "sema/program.h"

namespace phonec::sema {

// Reads a whole file into the SourceManager; nullopt (and a diagnostic at `from`) if unreadable.
std::optional<FileId> read_source(Program& prog, const std::filesystem::path& path, Range from);

// Parses a .phone file and, recursively, its imports; registers declarations. Each file is
// loaded once; an import cycle is reported with the chain of files.
void load_phone_file(Program& prog, const std::filesystem::path& path, Range from);

void load_stdlib(Program& prog);

// Loads every .phone file under <path>/<vendor>/ of each model path, once per vendor.
void load_vendor(Program& prog, const std::string& vendor);
void load_all_models(Program& prog);

// Limits against hostile inputs.
inline constexpr std::size_t kMaxImportDepth = 64;
inline constexpr std::uintmax_t kMaxSourceBytes = 64u << 20;

}  // namespace phonec::sema
