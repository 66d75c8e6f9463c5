// Why a hand-written recursive-descent parser and not PEGTL's contrib/json grammar:
//  - every error names the exact byte and says what was expected there; with PEGTL that means a
//    must<>/raise per rule plus custom controls, and PEGTL reports errors by throwing, which we
//    would catch and translate anyway;
//  - the depth limit is a plain counter checked before each recursion, so the C++ stack never
//    holds more than kMaxDepth frames of parse_container (a few KiB), whatever the input;
//  - the hot loops (whitespace, plain string runs, digits) are tight byte loops that append whole
//    runs to the output string, which keeps us well above 100 MB/s without a tokenizer pass.
// UTF-8 is decoded and encoded with ICU's utf8.h macros, never by hand.
#include "syntax/json.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <numeric>

#include "syntax/suggest.h"
#include "text/hex.h"

namespace phonec::json {

const Member* Value::find_member(std::string_view key) const {
  for (const Member& m : members)
    if (m.key == key) return &m;
  return nullptr;
}

const Value* Value::find(std::string_view key) const {
  const Member* m = find_member(key);
  return m ? &m->value : nullptr;
}

bool Value::is_integer_literal() const {
  return kind == Kind::Number && text.find_first_of(".eE") == std::string::npos;
}

std::optional<std::int64_t> Value::as_int() const {
  if (!is_integer_literal()) return std::nullopt;
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

std::string describe(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Bool: return "a boolean";
    case Value::Kind::Number: return "a number";
    case Value::Kind::String: return "a string";
    case Value::Kind::Array: return "an array";
    case Value::Kind::Object: return "an object";
  }
  return "a value";
}

namespace {

// Byte classes for the scanners (ASCII structure only; Unicode goes through ICU).
enum : std::uint8_t { kPlain = 0, kSpecial = 1 };
struct StringTable {
  std::uint8_t cls[256];
  constexpr StringTable() : cls() {
    for (int c = 0; c < 256; ++c) cls[c] = (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) ? kSpecial : kPlain;
  }
};
constexpr StringTable kString;

// Eight bytes at a time (little-endian words): bit 7 of each byte that is zero, or that is one of
// the bytes sought. Borrows can flag bytes above a flagged one, never below: the lowest flagged
// byte is exactly the first one sought.
constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
constexpr std::uint64_t zero_bytes(std::uint64_t y) { return (y - kOnes) & ~y & kHigh; }
// What ends a plain run of string bytes: a control character, '"', '\\', or a byte of 0x80 and above.
constexpr std::uint64_t string_special_bytes(std::uint64_t x) {
  return ((x - kOnes * 0x20) & ~x & kHigh) | (x & kHigh) | zero_bytes(x ^ (kOnes * '"')) | zero_bytes(x ^ (kOnes * '\\'));
}
// What the delimiting looks for inside a string: '"' or '\\'.
constexpr std::uint64_t quote_or_backslash(std::uint64_t x) {
  return zero_bytes(x ^ (kOnes * '"')) | zero_bytes(x ^ (kOnes * '\\'));
}

constexpr bool is_ws(unsigned char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}
std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", c);
  return buf;
}
std::string code_point_name(std::uint32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", c);
  return buf;
}

// A key or word as shown inside a message: control characters escaped, length capped.
std::string quoted(std::string_view s, char quote = '"') {
  std::string out(1, quote);
  std::size_t shown = 0;
  for (char ch : s) {
    if (++shown > 64) {
      out += "...";
      break;
    }
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + quote;
}

class Parser {
 public:
  Parser(FileId file, std::string_view text, Diagnostics& diags)
      : s_(reinterpret_cast<const unsigned char*>(text.data())),
        n_(static_cast<std::uint32_t>(text.size())),
        file_(file),
        diags_(diags) {}

  // Defers the elements of the array under top-level key `key`: they are delimited into `spans`.
  void defer(std::string_view key, std::vector<Range>* spans) {
    defer_key_ = key;
    spans_ = spans;
  }

  // Values are parsed over what the Value passed in already holds, keeping its storage.
  void reuse() { reuse_ = true; }

  // One element delimited by a deferring parse: parsed at its own place, as deep as it sits.
  bool run_element(Range span, Value& out) {
    pos_ = span.begin;
    depth_ = 2;
    if (!parse_value(out)) return false;
    if (pos_ != span.end) return error(pos_, char_end(pos_), "json-syntax", "expected ',' or ']' after array element");
    return !errored_;
  }

  bool run(Value& out) {
    if (n_ >= 3 && s_[0] == 0xEF && s_[1] == 0xBB && s_[2] == 0xBF) {
      diags_.warning(range(0, 3), "byte-order-mark", "byte order mark ignored");
      pos_ = 3;
    }
    skip_ws();
    if (pos_ >= n_) {
      error(pos_, pos_, "json-syntax", "empty input: expected a JSON value");
      return false;
    }
    if (!parse_value(out)) return false;
    skip_ws();
    if (pos_ < n_) {
      if (s_[pos_] >= 0x80 && bad_utf8_at(pos_)) return false;
      if (s_[pos_] == '/' && pos_ + 1 < n_ && (s_[pos_ + 1] == '/' || s_[pos_ + 1] == '*'))
        return comment_error();
      error(pos_, char_end(pos_), "json-syntax", "trailing characters after the JSON value");
      return false;
    }
    return !errored_;
  }

 private:
  Range range(std::uint32_t b, std::uint32_t e) const { return Range{file_, b, e}; }

  bool error(std::uint32_t b, std::uint32_t e, const char* code, std::string message, std::vector<Note> notes = {}) {
    errored_ = true;
    diags_.error(range(b, e), code, std::move(message), std::move(notes));
    return false;
  }

  // End of the character starting at `p` (one code point; one byte if ill-formed).
  std::uint32_t char_end(std::uint32_t p) const {
    if (p >= n_) return p;
    std::int32_t i = static_cast<std::int32_t>(p);
    UChar32 c;
    U8_NEXT(s_, i, static_cast<std::int32_t>(n_), c);
    return c < 0 ? p + 1 : static_cast<std::uint32_t>(i);
  }

  // If the bytes at `p` are not well-formed UTF-8, reports it and returns true.
  bool bad_utf8_at(std::uint32_t p) {
    std::int32_t i = static_cast<std::int32_t>(p);
    UChar32 c;
    U8_NEXT(s_, i, static_cast<std::int32_t>(n_), c);
    if (c >= 0) return false;
    std::string msg = "invalid UTF-8 byte " + hex_byte(s_[p]);
    if (p == 0 && n_ >= 2 && ((s_[0] == 0xFF && s_[1] == 0xFE) || (s_[0] == 0xFE && s_[1] == 0xFF)))
      msg += " (the file looks UTF-16 encoded; JSON must be UTF-8)";
    error(p, p + 1, "json-encoding", std::move(msg));
    return true;
  }

  bool comment_error() { return error(pos_, pos_ + 2, "json-syntax", "comments are not allowed in JSON"); }

  // Something other than what `expected` describes is at pos_. Prefers a more specific message
  // when the byte there tells what the writer meant.
  bool unexpected(const std::string& expected, std::uint32_t open = 0, const char* what = nullptr) {
    if (pos_ >= n_) {
      std::vector<Note> notes;
      if (what) notes.push_back(Note{range(open, open + 1), std::string("the ") + what + " starts here"});
      return error(pos_, pos_, "json-syntax", "unexpected end of input: " + expected, std::move(notes));
    }
    unsigned char c = s_[pos_];
    if (c >= 0x80 && bad_utf8_at(pos_)) return false;
    if (c == '/' && pos_ + 1 < n_ && (s_[pos_ + 1] == '/' || s_[pos_ + 1] == '*')) return comment_error();
    if (c == '\'') return error(pos_, pos_ + 1, "json-syntax", "strings must be enclosed in double quotes");
    return error(pos_, char_end(pos_), "json-syntax", expected);
  }

  void skip_ws() {
    while (pos_ < n_ && is_ws(s_[pos_])) ++pos_;
  }

  // The first byte at or after `p` (<= n_) for which `mask` flags a byte, eight bytes at a time,
  // then `plain` byte by byte for the last few; n_ if none.
  template <std::uint64_t (*mask)(std::uint64_t), class Plain>
  std::uint32_t scan(std::uint32_t p, Plain plain) const {
    if constexpr (std::endian::native == std::endian::little) {
      while (n_ - p >= 8) {
        std::uint64_t x;
        std::memcpy(&x, s_ + p, 8);
        if (const std::uint64_t m = mask(x)) return p + static_cast<std::uint32_t>(std::countr_zero(m)) / 8;
        p += 8;
      }
    }
    while (p < n_ && plain(s_[p])) ++p;
    return p;
  }

  bool parse_value(Value& v) {
    unsigned char c = s_[pos_];
    if (reuse_) {
      // What the previous tree held here: kept only where the same kind of value comes again.
      v.kind = Value::Kind::Null;
      v.boolean = false;
      v.text.clear();
      if (c != '[') v.items.clear();
      if (c != '{') v.members.clear();
    }
    switch (c) {
      case '{': return parse_object(v);
      case '[': return parse_array(v);
      case '"':
        v.kind = Value::Kind::String;
        return parse_string(v.text, v.range);
      case '-': case '0': case '1': case '2': case '3': case '4':
      case '5': case '6': case '7': case '8': case '9':
        return parse_number(v);
      case '+':
        return error(pos_, pos_ + 1, "json-syntax", "a number cannot start with '+'");
      case '.':
        return error(pos_, pos_ + 1, "json-syntax", "a number must have a digit before '.'");
      default:
        if (is_word(c)) return parse_word(v);
        return unexpected("expected a value");
    }
  }

  bool parse_word(Value& v) {
    std::uint32_t b = pos_;
    while (pos_ < n_ && is_word(s_[pos_])) ++pos_;
    std::string_view w(reinterpret_cast<const char*>(s_) + b, pos_ - b);
    v.range = range(b, pos_);
    if (w == "true" || w == "false") {
      v.kind = Value::Kind::Bool;
      v.boolean = w[0] == 't';
      return true;
    }
    if (w == "null") {
      v.kind = Value::Kind::Null;
      return true;
    }
    if (w == "NaN" || w == "Infinity")
      return error(b, pos_, "json-syntax", std::string(w) + " is not allowed in JSON");
    std::string msg = "invalid literal " + quoted(w, '\'');
    if (auto s = did_you_mean(w, {"true", "false", "null"})) msg += " (did you mean '" + *s + "'?)";
    else msg += "; expected a value";
    return error(b, pos_, "json-syntax", std::move(msg));
  }

  bool parse_number(Value& v) {
    const std::uint32_t b = pos_;
    if (s_[pos_] == '-') {
      ++pos_;
      if (pos_ >= n_ || !is_digit(s_[pos_])) {
        static constexpr std::string_view inf = "Infinity";
        if (n_ - pos_ >= inf.size() && std::string_view(reinterpret_cast<const char*>(s_) + pos_, inf.size()) == inf)
          return error(b, pos_ + static_cast<std::uint32_t>(inf.size()), "json-syntax", "-Infinity is not allowed in JSON");
        return error(pos_, char_end(pos_), "json-syntax", "expected a digit after '-'");
      }
    }
    if (s_[pos_] == '0') {
      ++pos_;
      if (pos_ < n_ && is_digit(s_[pos_])) {
        std::uint32_t e = pos_;
        while (e < n_ && is_digit(s_[e])) ++e;
        return error(pos_ - 1, e, "json-syntax", "leading zeros are not allowed in numbers");
      }
    } else {
      while (pos_ < n_ && is_digit(s_[pos_])) ++pos_;
    }
    if (pos_ < n_ && s_[pos_] == '.') {
      ++pos_;
      if (pos_ >= n_ || !is_digit(s_[pos_])) return error(pos_, char_end(pos_), "json-syntax", "expected a digit after '.'");
      while (pos_ < n_ && is_digit(s_[pos_])) ++pos_;
    }
    if (pos_ < n_ && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < n_ && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ >= n_ || !is_digit(s_[pos_])) return error(pos_, char_end(pos_), "json-syntax", "expected a digit in the exponent");
      while (pos_ < n_ && is_digit(s_[pos_])) ++pos_;
    }
    v.kind = Value::Kind::Number;
    v.text.assign(reinterpret_cast<const char*>(s_) + b, pos_ - b);
    v.range = range(b, pos_);
    return true;
  }

  // Four hex digits at p, or -1.
  int hex4(std::uint32_t p) const {
    if (n_ - p < 4) return -1;
    int v = 0;
    for (std::uint32_t i = 0; i < 4; ++i) {
      int h = text::hex_digit(s_[p + i]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  }

  std::string escape_text(std::uint32_t p, std::uint32_t len) const {
    return std::string(reinterpret_cast<const char*>(s_) + p, len);
  }

  // pos_ is at a backslash inside a string; appends the unescaped character to `out`.
  bool parse_escape(std::string& out, std::uint32_t string_begin) {
    const std::uint32_t b = pos_;
    if (pos_ + 1 >= n_) return error(string_begin, string_begin + 1, "json-syntax", "unterminated string");
    unsigned char e = s_[pos_ + 1];
    char simple = 0;
    switch (e) {
      case '"': simple = '"'; break;
      case '\\': simple = '\\'; break;
      case '/': simple = '/'; break;
      case 'b': simple = '\b'; break;
      case 'f': simple = '\f'; break;
      case 'n': simple = '\n'; break;
      case 'r': simple = '\r'; break;
      case 't': simple = '\t'; break;
      case 'u': break;
      default: {
        if (e >= 0x80 && bad_utf8_at(pos_ + 1)) return false;
        if (e < 0x20 || e == 0x7f)
          return error(b, b + 2, "json-syntax",
                       "invalid escape: '\\' followed by control character " + code_point_name(e));
        std::uint32_t end = char_end(pos_ + 1);
        return error(b, end, "json-syntax", "invalid escape '\\" + escape_text(pos_ + 1, end - pos_ - 1) + "'");
      }
    }
    if (simple) {
      out += simple;
      pos_ += 2;
      return true;
    }
    int u = hex4(pos_ + 2);
    if (u < 0) {
      std::uint32_t e2 = pos_ + 2;
      while (e2 < n_ && e2 < pos_ + 6 && text::hex_digit(s_[e2]) >= 0) ++e2;
      return error(b, e2, "json-syntax", "'\\u' must be followed by four hex digits");
    }
    UChar32 cp = u;
    std::uint32_t next = pos_ + 6;
    if (U16_IS_SURROGATE(u)) {
      int low = -1;
      if (U16_IS_SURROGATE_LEAD(u) && n_ - next >= 6 && s_[next] == '\\' && s_[next + 1] == 'u') low = hex4(next + 2);
      if (low < 0 || !U16_IS_TRAIL(low))
        return error(b, b + 6, "json-syntax", "lone surrogate '" + escape_text(b, 6) + "' in string");
      cp = U16_GET_SUPPLEMENTARY(u, low);
      next += 6;
    }
    char buf[4];
    std::int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, cp);
    out.append(buf, static_cast<std::size_t>(len));
    pos_ = next;
    return true;
  }

  // pos_ is at the opening quote.
  bool parse_string(std::string& out, Range& r) {
    const std::uint32_t b = pos_;
    ++pos_;
    std::uint32_t run = pos_;
    for (;;) {
      pos_ = scan<string_special_bytes>(pos_, [](unsigned char c) { return kString.cls[c] == kPlain; });
      if (pos_ >= n_) return error(b, b + 1, "json-syntax", "unterminated string");
      unsigned char c = s_[pos_];
      if (c == '"') {
        out.append(reinterpret_cast<const char*>(s_) + run, pos_ - run);
        ++pos_;
        r = range(b, pos_);
        return true;
      }
      if (c >= 0x80) {
        // Well-formed multi-byte characters stay in the current run and are copied verbatim.
        std::int32_t i = static_cast<std::int32_t>(pos_);
        UChar32 cp;
        U8_NEXT(s_, i, static_cast<std::int32_t>(n_), cp);
        if (cp < 0) return error(pos_, pos_ + 1, "json-encoding", "invalid UTF-8 byte " + hex_byte(c));
        pos_ = static_cast<std::uint32_t>(i);
        continue;
      }
      if (c < 0x20)
        return error(pos_, pos_ + 1, "json-syntax", "control character " + code_point_name(c) + " in string must be escaped");
      out.append(reinterpret_cast<const char*>(s_) + run, pos_ - run);
      if (!parse_escape(out, b)) return false;
      run = pos_;
    }
  }

  bool enter(std::uint32_t open) {
    if (++depth_ > kMaxDepth)
      return error(open, open + 1, "json-too-deep", "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    return true;
  }

  bool parse_array(Value& v) {
    const std::uint32_t open = pos_;
    v.kind = Value::Kind::Array;
    if (!enter(open)) return false;
    std::size_t used = 0;  // items parsed; those past it are a reused tree's
    ++pos_;
    skip_ws();
    if (pos_ < n_ && s_[pos_] == ']') {
      ++pos_;
    } else {
      for (;;) {
        if (pos_ >= n_) return unexpected("expected a value or ']'", open, "array");
        Value& item = used < v.items.size() ? v.items[used] : v.items.emplace_back();
        ++used;
        if (!parse_value(item)) return false;
        skip_ws();
        if (pos_ < n_ && s_[pos_] == ',') {
          const std::uint32_t comma = pos_++;
          skip_ws();
          if (pos_ < n_ && s_[pos_] == ']') return error(comma, comma + 1, "json-syntax", "trailing comma is not allowed in JSON");
          if (pos_ >= n_) return unexpected("expected a value after ','", open, "array");
          continue;
        }
        if (pos_ < n_ && s_[pos_] == ']') {
          ++pos_;
          break;
        }
        return unexpected("expected ',' or ']' after array element", open, "array");
      }
    }
    --depth_;
    if (v.items.size() > used) v.items.resize(used);
    v.range = range(open, pos_);
    return true;
  }

  bool parse_object(Value& v) {
    const std::uint32_t open = pos_;
    v.kind = Value::Kind::Object;
    if (!enter(open)) return false;
    std::size_t used = 0;  // members parsed; those past it are a reused tree's
    ++pos_;
    skip_ws();
    if (pos_ < n_ && s_[pos_] == '}') {
      ++pos_;
    } else {
      bool first = true;
      // Inventory objects (a device, a line) have about six members: one allocation instead of
      // growing through 1, 2, 4 and 8. Objects of up to three members give the spare capacity
      // back (below): a file of tiny objects takes no more memory than with growth.
      v.members.reserve(6);
      for (;;) {
        if (pos_ >= n_ || s_[pos_] != '"')
          return unexpected(first ? "expected a string key or '}'" : "expected a string key after ','", open, "object");
        first = false;
        Member& m = used < v.members.size() ? v.members[used] : v.members.emplace_back();
        ++used;
        m.key.clear();
        if (!parse_string(m.key, m.key_range)) return false;
        skip_ws();
        if (pos_ >= n_ || s_[pos_] != ':') return unexpected("expected ':' after object key", open, "object");
        ++pos_;
        skip_ws();
        if (pos_ >= n_) return unexpected("expected a value", open, "object");
        if (depth_ == 1 && spans_ && m.key == defer_key_ && s_[pos_] == '[') {
          if (!delimit_array(m.value)) return false;
        } else if (!parse_value(m.value)) {
          return false;
        }
        skip_ws();
        if (pos_ < n_ && s_[pos_] == ',') {
          const std::uint32_t comma = pos_++;
          skip_ws();
          if (pos_ < n_ && s_[pos_] == '}') return error(comma, comma + 1, "json-syntax", "trailing comma is not allowed in JSON");
          continue;
        }
        if (pos_ < n_ && s_[pos_] == '}') {
          ++pos_;
          break;
        }
        return unexpected("expected ',' or '}' after object member", open, "object");
      }
    }
    --depth_;
    if (v.members.size() > used) v.members.resize(used);
    v.range = range(open, pos_);
    if (v.members.size() < 4 && !reuse_) v.members.shrink_to_fit();
    check_duplicates(v.members);
    return true;
  }

  // The deferred array: each element's extent found by bracket and string matching only (no
  // values built, nothing checked inside). Anything unexpected stops the delimiting with a
  // json-syntax error; parse() of the same text gives the exact diagnostics.
  bool delimit_array(Value& v) {
    const std::uint32_t open = pos_++;
    v.kind = Value::Kind::Array;
    skip_ws();
    if (pos_ < n_ && s_[pos_] == ']') {
      ++pos_;
      v.range = range(open, pos_);
      return true;
    }
    for (;;) {
      const std::uint32_t b = pos_;
      if (!skim_value()) return error(b, b, "json-syntax", "malformed array element");
      spans_->push_back(range(b, pos_));
      skip_ws();
      if (pos_ < n_ && s_[pos_] == ',') {
        ++pos_;
        skip_ws();
        continue;
      }
      if (pos_ < n_ && s_[pos_] == ']') break;
      return unexpected("expected ',' or ']' after array element", open, "array");
    }
    ++pos_;
    v.range = range(open, pos_);
    return true;
  }

  // Moves past one value: a container to its matching bracket, a string to its closing quote, a
  // scalar to the next delimiter.
  bool skim_value() {
    if (pos_ >= n_) return false;
    unsigned char c = s_[pos_];
    if (c != '{' && c != '[') {
      if (c == '"') return skim_string();
      while (pos_ < n_ && !is_ws(s_[pos_]) && s_[pos_] != ',' && s_[pos_] != ']' && s_[pos_] != '}') ++pos_;
      return true;
    }
    std::size_t depth = 0;
    while (pos_ < n_) {
      c = s_[pos_];
      if (c == '"') {
        if (!skim_string()) return false;
        continue;
      }
      ++pos_;
      if (c == '{' || c == '[') {
        if (++depth > kMaxDepth) return false;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return true;
      }
    }
    return false;
  }

  bool skim_string() {
    ++pos_;
    while (pos_ < n_) {
      pos_ = scan<quote_or_backslash>(pos_, [](unsigned char c) { return c != '"' && c != '\\'; });
      if (pos_ >= n_) break;
      unsigned char c = s_[pos_++];
      if (c == '"') return true;
      if (c == '\\') ++pos_;
    }
    return false;
  }

  void duplicate(const Member& again, const Member& first) {
    error(again.key_range.begin, again.key_range.end, "json-duplicate-key", "duplicate key " + quoted(again.key),
          {Note{first.key_range, "first defined here"}});
  }

  // Every repeated key is reported against its first occurrence. Inventory objects are small, so
  // the quadratic scan is the fast path; big objects are sorted by key instead.
  void check_duplicates(const std::vector<Member>& ms) {
    const std::size_t k = ms.size();
    if (k < 2) return;
    if (k <= 16) {
      for (std::size_t i = 1; i < k; ++i)
        for (std::size_t j = 0; j < i; ++j)
          if (ms[j].key == ms[i].key) {
            duplicate(ms[i], ms[j]);
            break;
          }
      return;
    }
    std::vector<std::uint32_t> idx(k);
    std::iota(idx.begin(), idx.end(), 0u);
    std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) { return ms[a].key < ms[b].key; });
    for (std::size_t g = 0; g < k;) {
      std::size_t h = g + 1;
      while (h < k && ms[idx[h]].key == ms[idx[g]].key) duplicate(ms[idx[h++]], ms[idx[g]]);
      g = h;
    }
  }

  const unsigned char* s_;
  std::uint32_t n_;
  std::uint32_t pos_ = 0;
  FileId file_;
  Diagnostics& diags_;
  std::size_t depth_ = 0;
  bool errored_ = false;
  std::string_view defer_key_;
  std::vector<Range>* spans_ = nullptr;
  bool reuse_ = false;
};

bool too_large(FileId file, std::string_view text, Diagnostics& diags) {
  if (text.size() <= kMaxInputBytes) return false;
  diags.error(Range{file, 0, 0}, "json-too-large",
              "input is " + std::to_string(text.size()) + " bytes; JSON inputs are limited to " +
                  std::to_string(kMaxInputBytes >> 20) + " MiB");
  return true;
}

}  // namespace

std::optional<Value> parse(FileId file, std::string_view text, Diagnostics& diags) {
  if (too_large(file, text, diags)) return std::nullopt;
  Value v;
  Parser p(file, text, diags);
  if (!p.run(v)) return std::nullopt;
  return v;
}

std::optional<Value> parse_deferring(FileId file, std::string_view text, std::string_view key, std::vector<Range>& spans,
                                     Diagnostics& diags) {
  if (too_large(file, text, diags)) return std::nullopt;
  Value v;
  Parser p(file, text, diags);
  p.defer(key, &spans);
  if (!p.run(v)) return std::nullopt;
  return v;
}

std::optional<Value> parse_element(FileId file, std::string_view text, Range span, Diagnostics& diags) {
  Value v;
  Parser p(file, text, diags);
  if (!p.run_element(span, v)) return std::nullopt;
  return v;
}

bool parse_element_into(FileId file, std::string_view text, Range span, Value& out, Diagnostics& diags) {
  Parser p(file, text, diags);
  p.reuse();
  return p.run_element(span, out);
}

}  // namespace phonec::json
