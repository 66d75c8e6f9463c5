#include "fmt/tokens.h"

#include <algorithm>
#include <array>

namespace phonec::fmt {

namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
    int newlines = 0;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\n') {
        ++newlines;
        ++i_;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
        ++i_;
        continue;
      }
      Token t;
      t.begin = static_cast<std::uint32_t>(i_);
      t.newlines_before = newlines;
      newlines = 0;
      std::size_t start = i_;
      if (c == '/' && peek(1) == '/') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
        t.kind = Tok::LineComment;
      } else if (c == '/' && peek(1) == '*') {
        block_comment();
        t.kind = Tok::BlockComment;
      } else if (c == '"') {
        string();
        t.kind = Tok::String;
      } else if (word_char(c)) {
        while (i_ < s_.size() && word_char(s_[i_])) ++i_;
        t.kind = Tok::Word;
      } else {
        t.kind = Tok::Punct;
        static constexpr std::array<std::string_view, 7> two = {"==", "!=", "<=", ">=", "??", "..", "->"};
        i_ += 1;
        for (std::string_view op : two)
          if (s_.substr(start, 2) == op) i_ = start + 2;
      }
      t.text = s_.substr(start, i_ - start);
      out.push_back(t);
    }
    return out;
  }

 private:
  char peek(std::size_t k) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }

  void block_comment() {
    i_ += 2;
    while (i_ < s_.size() && !(s_[i_] == '*' && peek(1) == '/')) ++i_;
    i_ = std::min(s_.size(), i_ + 2);
  }

  // A string literal, interpolations and the strings nested in them included. A raw line
  // break ends an unterminated string (the grammar allows none outside interpolations).
  void string() {
    ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return;
      }
      if (c == '\n') return;
      if (c == '\\') {
        i_ += 2;
      } else if (c == '{') {
        interpolation();
      } else {
        ++i_;
      }
    }
  }

  void interpolation() {
    ++i_;
    // Strings nest inside interpolations; past the parser's own limit the rest is plain text,
    // so a hostile buffer cannot exhaust the stack.
    if (++depth_ > kMaxDepth) {
      while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      --depth_;
      return;
    }
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '}') {
        ++i_;
        break;
      }
      if (c == '"') {
        string();
      } else if (c == '/' && peek(1) == '/') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (c == '/' && peek(1) == '*') {
        block_comment();
      } else {
        ++i_;
      }
    }
    --depth_;
  }

  static constexpr int kMaxDepth = 200;
  std::string_view s_;
  std::size_t i_ = 0;
  int depth_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view src) { return Lexer(src).run(); }

bool is_comment(const Token& t) { return t.kind == Tok::LineComment || t.kind == Tok::BlockComment; }

const std::vector<std::string_view>& keywords() {
  static const std::vector<std::string_view> kws = {
      "import", "vendor", "family", "model", "site", "device", "record", "enum", "type", "key_type", "feature_group",
      "profile", "dhcp_option", "file", "per", "content", "option", "for", "in", "if", "else", "let", "require", "element",
      "section", "text", "true", "false", "none", "and", "or", "not", "then"};
  return kws;
}

}  // namespace phonec::fmt
