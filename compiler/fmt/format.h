// The canonical layout of .phone files (`phonec fmt`). Token-based: the parser only vouches
// that the input is valid; the layout comes from braces, semicolons and the line breaks the
// author wrote. The rules, in full:
//  - 2 spaces per block level; a block written on one line stays on one line ("{ a; b; }"),
//    any other block gets one member or statement per line and its "}" on a line of its own
//    (the blocks of an if/else chain are all broken if one of them is);
//  - a line break inside a member is kept and the next line indented 4 more than the member;
//    "{", ";", "," and "} else" join the line before;
//  - one space around "=" and binary operators, after ",", none before ";" "," ")" "]" "?";
//    ": " in fields, " : " before a declaration's parent; none around "." and "..";
//  - blank lines kept, at most one in a row, none at the start or end of a block or the file;
//  - comments stay where they are: own-line comments take the indentation of the code, a
//    comment ending a line keeps the blanks written before it (at least one);
//  - strings, numbers and comments are copied verbatim (trailing blanks are removed).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"

namespace phonec::fmt {

// Lays out text that the parser accepted. Pure function of the text; idempotent.
std::string layout(std::string_view src);

// Parses the file (diagnostics on a syntax error), lays it out and checks that the result
// has the same tokens and still parses. nullopt if the file cannot be formatted.
std::optional<std::string> format_file(SourceManager& sm, FileId file, Diagnostics& diags);

}  // namespace phonec::fmt
