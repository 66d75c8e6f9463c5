// Phase 1: reading and parsing .phone files: the stdlib, the inputs, their imports, and the
// model files of each vendor a site refers to (loaded on demand, once).
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "sema/program.h"

namespace phonec::sema {

// Reads a whole file into the SourceManager; nullopt (and a diagnostic at `from`) if unreadable.
inline constexpr std::uintmax_t kMaxSourceBytes = 64u << 20;
// JSON inventories are read front to back, a batch of devices at a time; a million devices take
// about 450 MB, mapped rather than copied (see SourceFile) from kMapFromBytes on.
inline constexpr std::uintmax_t kMaxInventoryBytes = std::uintmax_t{1} << 30;
inline constexpr std::uintmax_t kMapFromBytes = 1u << 20;

std::optional<FileId> read_source(Program& prog, const std::filesystem::path& path, Range from,
                                  std::uintmax_t limit = kMaxSourceBytes, bool map_large = false);

// Parses a .phone file and, recursively, its imports; registers declarations. Each file is
// loaded once; an import cycle is reported with the chain of files.
void load_phone_file(Program& prog, const std::filesystem::path& path, Range from);

void load_stdlib(Program& prog);

// Loads every .phone file under <path>/<vendor>/ of each model path, once per vendor.
void load_vendor(Program& prog, const std::string& vendor);
void load_all_models(Program& prog);

// Limits against hostile inputs.
inline constexpr std::size_t kMaxImportDepth = 64;

}  // namespace phonec::sema
