// The make depfile (--depfile): `DIR/manifest.json: every file read`, escaped as clang and gcc
// escape it, plus one empty rule per prerequisite (gcc -MP) so that deleting a model file makes
// make rebuild instead of failing with "No rule to make target".
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phonec::output {

// One file name as a make target or prerequisite: ' ' -> "\ ", '#' -> "\#", '$' -> "$$", and the
// backslashes just before a space or '#' doubled (make halves a run of backslashes there).
std::string escape_make_name(std::string_view name);

// Make has no way to write a newline or NUL in a file name; such names are left out of the rule.
bool representable_in_depfile(std::string_view name);

// The rule, continued with " \" + newline before a line passes 75 columns, then an empty rule
// per prerequisite. Prerequisites are kept in the given order, without duplicates.
std::string render_depfile(const std::string& target, const std::vector<std::string>& prerequisites);

// Writes `content` to `path` atomically (temp file + rename in the same directory), and only if
// it differs from what is there. nullopt on success, else the error text.
std::optional<std::string> write_depfile(const std::filesystem::path& path, std::string_view content);

}  // namespace phonec::output
