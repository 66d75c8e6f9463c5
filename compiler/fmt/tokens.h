// A lossless-enough token stream of a .phone file for the formatter and the language server:
// comments are tokens, strings are kept verbatim (interpolations included), and each token
// knows how many line breaks preceded it. Whitespace is the only thing dropped.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace phonec::fmt {

enum class Tok { Word, String, LineComment, BlockComment, Punct };

struct Token {
  Tok kind = Tok::Punct;
  std::string_view text;
  std::uint32_t begin = 0;    // byte offset
  int newlines_before = 0;    // line breaks in the whitespace before the token
};

// Never fails: a character that starts no token becomes a one-character Punct, and an
// unterminated string or comment runs to the end of the input (the language server lexes
// half-typed buffers; the formatter only lexes files the parser accepted).
std::vector<Token> tokenize(std::string_view src);

bool is_comment(const Token& t);
// The language's keywords (grammar/phone.hpp), for completion.
const std::vector<std::string_view>& keywords();

}  // namespace phonec::fmt
