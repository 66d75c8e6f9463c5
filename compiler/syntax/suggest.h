// "Did you mean ...?" for unknown keys, names and literals everywhere in phonec.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phonec {

// Restricted Damerau-Levenshtein distance (insert, delete, substitute, swap two adjacent code
// points; the "optimal string alignment" variant) between two UTF-8 strings, counted in code
// points. With `fold_case`, code points are compared after Unicode simple case folding.
std::size_t edit_distance(std::string_view a, std::string_view b, bool fold_case = false);

// The candidate closest to `word`, if it is close enough to be a plausible typo: at most about a
// third of the word's length in edits (at least 1), and fewer edits than the word has code
// points. Case differences cost nothing when choosing, so "MAC" finds "mac". Ties go to the
// candidate with fewer case-sensitive edits, then to the bytewise smallest, so the answer never
// depends on the order of `candidates`.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" to end a diagnostic, or "" when no candidate is close enough.
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace phonec
