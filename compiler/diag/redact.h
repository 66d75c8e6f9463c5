// Source excerpts in diagnostics must not reveal secrets: a diagnostic on any field of a line that
// also holds a password (a one-line JSON device, a compact .phone declaration) would otherwise
// print it. The redaction is lexical so that it also works when the file did not parse.
#pragma once
#include <string>
#include <string_view>

namespace phonec {

// `line` with the value of every `...password` key (JSON `"password": "x"`, .phone property
// `password "x";`, `password = "x"` or `password: x`) replaced by one '*' per code point, so columns and carets stay aligned.
std::string redact_secrets(std::string_view line);

}  // namespace phonec
