#include "diag/redact.h"

#include <cctype>

namespace phonec {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Masks [from, to) one '*' per code point (continuation bytes dropped).
void mask(std::string& out, std::string_view line, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) out += '*';
}

bool matches_key_at(std::string_view line, std::size_t i) {
  static constexpr std::string_view kKey = "password";
  if (i + kKey.size() > line.size()) return false;
  for (std::size_t k = 0; k < kKey.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(line[i + k])) != kKey[k]) return false;
  return true;
}

}  // namespace

std::string redact_secrets(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  std::size_t i = 0;
  while (i < line.size()) {
    if (!matches_key_at(line, i)) {
      out += line[i++];
      continue;
    }
    // The key, its closing quote if any, then `:` or `=` (JSON, assignments) or, as in a .phone
    // property (`password "x";`), blanks then a quoted value; anything else is not a key.
    std::size_t j = i + 8;
    if (j < line.size() && line[j] == '"') ++j;
    std::size_t after_key = j;
    while (j < line.size() && is_space(line[j])) ++j;
    bool property = j > after_key && j < line.size() && line[j] == '"';
    if (!property && (j >= line.size() || (line[j] != ':' && line[j] != '='))) {
      out.append(line.substr(i, 8));
      i += 8;
      continue;
    }
    if (!property) ++j;
    while (j < line.size() && is_space(line[j])) ++j;
    out.append(line.substr(i, j - i));
    std::size_t v = j;
    if (v < line.size() && line[v] == '"') {
      // A quoted value: up to the closing unescaped quote, or the end of the line.
      out += '"';
      std::size_t e = v + 1;
      while (e < line.size() && line[e] != '"') e += (line[e] == '\\' && e + 1 < line.size()) ? 2 : 1;
      if (e > line.size()) e = line.size();
      mask(out, line, v + 1, e);
      i = e;
    } else {
      // A bare value (number, identifier, anything malformed): up to a delimiter.
      std::size_t e = v;
      while (e < line.size() && line[e] != ',' && line[e] != '}' && line[e] != ']' && line[e] != ';' && !is_space(line[e])) ++e;
      mask(out, line, v, e);
      i = e;
    }
  }
  return out;
}

}  // namespace phonec
