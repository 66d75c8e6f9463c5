#include "fmt/format.h"

#include <algorithm>
#include <map>
#include <vector>

#include "fmt/tokens.h"
#include "syntax/parser.h"

namespace phonec::fmt {

namespace {

// Words after which an expression (not a postfix) follows: "-" is unary, "(" and "[" open a
// group or a list rather than a call or an index.
bool takes_operand(std::string_view w) {
  return w == "if" || w == "then" || w == "else" || w == "in" || w == "and" || w == "or" || w == "not" ||
         w == "text";
}

std::string rtrim_lines(const std::string& s) {
  std::string out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t nl = s.find('\n', start);
    std::size_t end = nl == std::string::npos ? s.size() : nl;
    std::size_t e = end;
    while (e > start && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    out.append(s, start, e - start);
    if (nl == std::string::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

class Layout {
 public:
  Layout(std::string_view src, std::vector<Token> toks) : src_(src), toks_(std::move(toks)) {
    // Which blocks were written on one line: "{" and its "}" on the same source line.
    std::vector<std::size_t> open;
    inline_.assign(toks_.size(), false);
    std::vector<std::uint32_t> line(toks_.size());
    std::uint32_t l = 0;
    std::uint32_t pos = 0;
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      for (; pos < toks_[i].begin; ++pos)
        if (src_[pos] == '\n') ++l;
      line[i] = l;
      if (toks_[i].text == "{") open.push_back(i);
      if (toks_[i].text == "}" && !open.empty()) {
        inline_[open.back()] = line[open.back()] == l;
        opener_[i] = open.back();
        open.pop_back();
      }
    }
    // The blocks of one if/else chain share a layout: broken if any of them is.
    std::vector<std::pair<std::size_t, std::size_t>> links;
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (toks_[i].text != "}" || !opener_.count(i)) continue;
      std::size_t k = i + 1;
      while (k < toks_.size() && is_comment(toks_[k])) ++k;
      if (k >= toks_.size() || toks_[k].text != "else") continue;
      while (k < toks_.size() && toks_[k].text != "{") ++k;
      if (k < toks_.size()) links.emplace_back(opener_[i], k);
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (auto [a, b] : links)
        if (inline_[a] != inline_[b]) {
          inline_[a] = inline_[b] = false;
          changed = true;
        }
    }
  }

  std::string run() {
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      if (is_comment(t)) comment(t, i > 0 ? &toks_[i - 1] : nullptr, i + 1 < toks_.size() ? &toks_[i + 1] : nullptr);
      else token(t, i);
    }
    flush();
    std::string out = rtrim_lines(out_);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    if (!out.empty()) out += '\n';
    if (src_.substr(0, 3) == "\xEF\xBB\xBF") out.insert(0, "\xEF\xBB\xBF");
    return out;
  }

 private:
  bool line_empty() const { return line_.find_first_not_of(' ') == std::string::npos; }

  void flush() {
    if (!line_empty()) out_ += line_ + "\n";
    line_.clear();
  }

  void start_line(std::size_t indent, bool blank) {
    flush();
    if (blank && !after_open_ && !out_.empty()) out_ += "\n";
    line_.assign(indent, ' ');
    after_open_ = false;
  }

  std::size_t indent(bool continuation) const { return static_cast<std::size_t>(depth_) * 2 + (continuation ? 4 : 0); }

  void comment(const Token& t, const Token* prev, const Token* next) {
    bool trailing = t.newlines_before == 0 && !line_empty();
    if (trailing) {
      // The blanks the author put between the code and a comment ending the line are kept:
      // comments aligned in a column stay aligned when their block is re-indented.
      bool last_on_line = t.kind == Tok::LineComment || !next || next->newlines_before > 0;
      std::size_t gap = 1;
      if (last_on_line && prev) gap = std::max<std::size_t>(1, t.begin - (prev->begin + prev->text.size()));
      line_ += std::string(gap, ' ');
    } else if (inline_depth_ == 0) {
      start_line(indent(!member_start_), t.newlines_before >= 2);
    } else {
      line_ += ' ';
    }
    line_ += t.text;
    force_break_ = t.kind == Tok::LineComment;
    prev_comment_ = true;
  }

  void token(const Token& t, std::size_t i) {
    std::string_view x = t.text;
    bool joins = x == "{" || x == ";" || x == "," || (x == "else" && prev_ == "}");
    if (x == "}") {
      bool was_inline = !inline_stack_.empty() && inline_stack_.back();
      if (!inline_stack_.empty()) inline_stack_.pop_back();
      if (was_inline) {
        --inline_depth_;
        if (force_break_) start_line(indent(true), false);
        else if (prev_ != "{") line_ += ' ';
      } else {
        --depth_;
        start_line(indent(false), false);
      }
      emit(t, false);
      member_start_ = true;
      return;
    }
    if (inline_depth_ == 0 && member_start_ && !joins) {
      start_line(indent(false), t.newlines_before >= 2);
    } else if (force_break_ || (inline_depth_ == 0 && t.newlines_before > 0 && !joins)) {
      start_line(indent(true), false);
    } else if (!line_empty() && space_before(t)) {
      line_ += ' ';
    }
    bool first = member_start_;
    emit(t, first);
    member_start_ = false;
    if (x == ";") member_start_ = true;
    if (x == "{") {
      bool in = inline_[i];
      inline_stack_.push_back(in);
      member_start_ = true;
      if (in) {
        ++inline_depth_;
      } else {
        ++depth_;
        after_open_ = true;
      }
    }
  }

  void emit(const Token& t, bool first) {
    std::string_view x = t.text;
    bool top = inline_stack_.empty();
    // A "-" is unary after an operator or a keyword that expects an operand, and glued inside
    // a declaration's qualified name (cisco.CP-8841-3PCC) at the top level.
    bool after_operator = prev_kind_ == Tok::Punct && prev_ != ")" && prev_ != "]";
    bool after_keyword = prev_kind_ == Tok::Word && (takes_operand(prev_) || prev_first_);
    unary_ = x == "-" && (top || after_operator || after_keyword);
    line_ += x;
    prev_ = x;
    prev_kind_ = t.kind;
    prev_first_ = first;
    prev_comment_ = false;
    force_break_ = false;
  }

  bool space_before(const Token& t) const {
    std::string_view x = t.text;
    if (prev_comment_) return true;
    if (x == ";" || x == "," || x == ")" || x == "]" || x == "?") return false;
    if (prev_ == "(" || prev_ == "[" || prev_ == "@") return false;
    if (x == "." || prev_ == "." || x == ".." || (prev_ == ".." && t.kind == Tok::Word)) return false;
    bool top = inline_stack_.empty();
    if (x == ":") return top;
    if (prev_ == "-" && unary_) return false;
    if (top && x == "-") return false;
    if (x == "(" || x == "[") {
      bool operand_end = prev_kind_ == Tok::String || prev_ == ")" || prev_ == "]" ||
                         (prev_kind_ == Tok::Word && !takes_operand(prev_) && !prev_first_);
      return !operand_end;
    }
    return true;
  }

  std::string_view src_;
  std::vector<Token> toks_;
  std::vector<bool> inline_;
  std::map<std::size_t, std::size_t> opener_;  // "}" token index -> its "{"
  std::vector<bool> inline_stack_;
  std::string out_, line_;
  int depth_ = 0, inline_depth_ = 0;
  bool member_start_ = true, after_open_ = true, force_break_ = false, prev_comment_ = false;
  std::string_view prev_;
  Tok prev_kind_ = Tok::Punct;
  bool prev_first_ = false, unary_ = false;
};

// What must survive formatting: every token but comments byte for byte, comments up to
// trailing blanks.
std::vector<std::string> significant(std::string_view src) {
  std::vector<std::string> out;
  for (const Token& t : tokenize(src)) out.push_back(is_comment(t) ? rtrim_lines(std::string(t.text)) : std::string(t.text));
  return out;
}

}  // namespace

std::string layout(std::string_view src) { return Layout(src, tokenize(src)).run(); }

std::optional<std::string> format_file(SourceManager& sm, FileId file, Diagnostics& diags) {
  const SourceFile& f = sm.get(file);
  if (!syntax::parse_module(sm, file, diags) || diags.has_errors()) return std::nullopt;
  std::string out = layout(f.text());
  Diagnostics check;
  FileId again = sm.add(f.path(), out);
  if (significant(out) != significant(f.text()) || !syntax::parse_module(sm, again, check) || check.has_errors()) {
    diags.error(Range{file, 0, 0}, "fmt-internal", "the formatter would change the meaning of this file; left unchanged");
    return std::nullopt;
  }
  return out;
}

}  // namespace phonec::fmt
