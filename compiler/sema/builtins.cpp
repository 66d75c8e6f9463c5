#include "sema/builtins.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "tz/encode.h"
#include "tz/zone_rule.h"

namespace phonec::sema {

namespace {

Value text_result(Args args, std::string s) {
  Value v = Value::str(std::move(s), args.empty() ? Range{} : args[0].range);
  for (std::size_t i = 0; i < args.size(); ++i) v.secret = v.secret || args[i].secret;
  return v;
}

std::string ascii_map(std::string s, int (*f)(int)) {
  // ASCII only: case mapping of identifiers, MACs and hex; never locale-dependent.
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(f(static_cast<unsigned char>(c)));
  return s;
}

int to_upper(int c) { return (c >= 'a' && c <= 'z') ? c - 32 : c; }
int to_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

Value f_upper(Args a, std::string&) { return text_result(a, ascii_map(a[0].to_text(), to_upper)); }
Value f_lower(Args a, std::string&) { return text_result(a, ascii_map(a[0].to_text(), to_lower)); }
Value f_hex(Args a, std::string&) {
  std::string s = a[0].to_text();
  s.erase(std::remove(s.begin(), s.end(), ':'), s.end());
  return text_result(a, s);
}
Value f_replace(Args a, std::string& err) {
  std::string s = a[0].to_text(), from = a[1].to_text(), to = a[2].to_text();
  if (from.empty()) {
    err = "replace() needs a non-empty text to replace";
    return Value::none();
  }
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, from.size(), from) == 0) {
      out += to;
      i += from.size();
    } else {
      out += s[i++];
    }
  }
  return text_result(a, out);
}
Value f_str(Args a, std::string&) { return text_result(a, a[0].to_text()); }
Value f_onoff(Args a, std::string&) { return text_result(a, a[0].truthy() ? "on" : "off"); }
Value f_yesno(Args a, std::string&) { return text_result(a, a[0].truthy() ? "Yes" : "No"); }
Value f_truefalse(Args a, std::string&) { return text_result(a, a[0].truthy() ? "true" : "false"); }
Value f_count(Args a, std::string&) {
  return Value::integer(a[0].list ? static_cast<std::int64_t>(a[0].list->size()) : 0, a[0].range);
}
Value f_join(Args a, std::string&) {
  std::string out;
  if (a[0].list)
    for (const Value& v : *a[0].list) {
      if (v.is_none()) continue;
      if (!out.empty()) out += a[1].to_text();
      out += v.to_text();
    }
  return text_result(a, out);
}
// Parts of a URL: scheme://host[:port]/path
struct UrlParts {
  std::string scheme, host, port, path;
};
UrlParts split_url(const std::string& u) {
  UrlParts p;
  auto se = u.find("://");
  std::size_t hs = 0;
  if (se != std::string::npos) {
    p.scheme = u.substr(0, se);
    hs = se + 3;
  }
  auto ps = u.find('/', hs);
  std::string hostport = u.substr(hs, ps == std::string::npos ? std::string::npos : ps - hs);
  p.path = ps == std::string::npos ? "/" : u.substr(ps);
  auto colon = hostport.rfind(':');
  if (colon != std::string::npos && hostport.find(']') == std::string::npos) {
    p.host = hostport.substr(0, colon);
    p.port = hostport.substr(colon + 1);
  } else {
    p.host = hostport;
  }
  return p;
}
// base + path with exactly one '/' between them.
Value f_url_join(Args a, std::string&) {
  std::string base = a[0].to_text(), path = a[1].to_text();
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::size_t i = 0;
  while (i < path.size() && path[i] == '/') ++i;
  return text_result(a, base + "/" + path.substr(i));
}
Value f_url_host(Args a, std::string&) { return text_result(a, split_url(a[0].to_text()).host); }
Value f_url_scheme(Args a, std::string&) { return text_result(a, split_url(a[0].to_text()).scheme); }
Value f_url_path(Args a, std::string&) { return text_result(a, split_url(a[0].to_text()).path); }
Value f_url_port(Args a, std::string&) {
  UrlParts p = split_url(a[0].to_text());
  if (!p.port.empty()) return text_result(a, p.port);
  return text_result(a, p.scheme == "https" ? "443" : p.scheme == "tftp" ? "69" : "80");
}

// The vendor's time-zone fields for a zone, from the rule in force (never the build date).
// Derivation is cached: a site has few zones and many devices.
Value f_timezone(Args a, std::string& err) {
  static std::mutex mu;
  static std::map<std::pair<std::string, std::string>, std::pair<Value, std::string>> cache;
  // Each thread remembers its last answer (an entry of the cache: entries never move nor go),
  // so the devices of a zone do not queue on the lock one after the other.
  thread_local const std::pair<const std::pair<std::string, std::string>, std::pair<Value, std::string>>* last = nullptr;
  if (last && a[0].kind == Value::Kind::Str && a[1].kind == Value::Kind::Str && last->first.first == a[0].s &&
      last->first.second == a[1].s) {
    err = last->second.second.empty() ? std::string() : "time zone " + last->first.first + ": " + last->second.second;
    return last->second.first;
  }
  std::pair<std::string, std::string> key{a[0].to_text(), a[1].to_text()};
  std::lock_guard lock(mu);
  auto it = cache.find(key);
  if (it == cache.end()) {
    Value out = Value::none();
    std::string error;
    auto style = tz::parse_style(key.second);
    if (!style) {
      error = "unknown time-zone style '" + key.second + "'";
    } else if (auto rule = tz::derive(key.first, error)) {
      if (auto fields = tz::encode(*rule, *style, error)) {
        ValueMap m;
        for (auto& [k, v] : *fields) m[k] = Value::str(v);
        out.kind = Value::Kind::Map;
        out.map = std::make_shared<const ValueMap>(std::move(m));
        error.clear();
      }
    }
    it = cache.emplace(key, std::make_pair(out, error)).first;
  }
  last = &*it;
  err = it->second.second.empty() ? std::string() : "time zone " + key.first + ": " + it->second.second;
  return it->second.first;
}

// Marks text as shown on the phone's display: the model's label limits and charset policy apply.
Value f_label(Args a, std::string&) {
  Value v = a[0];
  v.role = v.secret ? TextRole::Secret : TextRole::Label;
  if (v.kind != Value::Kind::Str) {
    v = Value::str(a[0].to_text(), a[0].range);
    v.role = TextRole::Label;
  }
  return v;
}

Value f_lookup(Args a, std::string& err) {
  const Value* entry = lookup_entry(a, err);
  return entry ? *entry : Value::none();
}

// The whole text matches an ICU regular expression (Unicode-aware: "[\\x20-\\x7e]*" is
// printable ASCII, "\\p{L}+" letters in any script). Each thread keeps the compiled patterns and
// a matcher for each, reset to every new text: a `require` runs per device, and a matcher made
// per call cost more than the match.
Value f_matches(Args a, std::string& err) {
  struct Compiled {
    icu::UnicodeString text;  // the matcher's input, which it reads in place: destroyed last
    std::unique_ptr<icu::RegexPattern> pattern;
    std::unique_ptr<icu::RegexMatcher> matcher;  // destroyed first
  };
  thread_local std::map<std::string, Compiled, std::less<>> cache;
  std::string pattern_text;
  std::string_view pattern;
  if (a[1].kind == Value::Kind::Str) pattern = a[1].s;
  else pattern = pattern_text = a[1].to_text();
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe;
    std::unique_ptr<icu::RegexPattern> re(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size()))), pe, status));
    if (U_FAILURE(status)) {
      err = "bad regular expression \"" + std::string(pattern) + "\": " + u_errorName(status) + " at offset " + std::to_string(pe.offset);
      return Value::none();
    }
    it = cache.emplace(std::string(pattern), Compiled{{}, std::move(re), nullptr}).first;
  }
  Compiled& c = it->second;
  UErrorCode status = U_ZERO_ERROR;
  if (a[0].kind == Value::Kind::Str) c.text = icu::UnicodeString::fromUTF8(a[0].s);
  else c.text = icu::UnicodeString::fromUTF8(a[0].to_text());
  if (c.matcher) c.matcher->reset(c.text);
  else c.matcher.reset(c.pattern->matcher(c.text, status));
  bool ok = U_SUCCESS(status) && c.matcher && c.matcher->matches(status) && U_SUCCESS(status);
  Value v = Value::boolean(ok, a[0].range);
  v.secret = a[0].secret;
  return v;
}

}  // namespace

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> b = {
      {"upper", {Prim::Any}, Prim::Text, "ASCII upper case (MACs, identifiers)", f_upper},
      {"lower", {Prim::Any}, Prim::Text, "ASCII lower case", f_lower},
      {"hex", {Prim::Mac}, Prim::Text, "a MAC as 12 lower-case hex digits: 001565aabbcc", f_hex},
      {"replace", {Prim::Any, Prim::Text, Prim::Text}, Prim::Text, "replace every occurrence", f_replace},
      {"matches", {Prim::Any, Prim::Text}, Prim::Bool, "the whole text matches an ICU regular expression", f_matches},
      {"str", {Prim::Any}, Prim::Text, "a scalar as text", f_str},
      {"onoff", {Prim::Any}, Prim::Text, "\"on\" or \"off\"", f_onoff},
      {"yesno", {Prim::Any}, Prim::Text, "\"Yes\" or \"No\"", f_yesno},
      {"truefalse", {Prim::Any}, Prim::Text, "\"true\" or \"false\"", f_truefalse},
      {"count", {Prim::List}, Prim::Int, "number of items of a list", f_count},
      {"join", {Prim::List, Prim::Text}, Prim::Text, "items joined with a separator", f_join},
      {"url_host", {Prim::Url}, Prim::Text, "host of a URL", f_url_host},
      {"url_join", {Prim::Url, Prim::Text}, Prim::Text, "a URL and a path joined by exactly one '/'", f_url_join},
      {"url_port", {Prim::Url}, Prim::Text, "port of a URL (scheme default if absent)", f_url_port},
      {"url_scheme", {Prim::Url}, Prim::Text, "scheme of a URL", f_url_scheme},
      {"url_path", {Prim::Url}, Prim::Text, "path of a URL", f_url_path},
      {"label", {Prim::Any}, Prim::Text, "text shown on the display: label limits and charset policy apply", f_label},
      {"lookup", {Prim::Map, Prim::Any}, Prim::Any, "a table entry that must exist (an absent key is an error)", f_lookup},
      {"timezone", {Prim::TimeZone, Prim::Text}, Prim::Map,
       "the vendor's time-zone settings (style yealink, polycom, aastra, cisco, snom, fanvil, grandstream, htek, "
       "gigaset, olson) as a table of setting name -> value",
       f_timezone},
  };
  return b;
}

// A table entry that must exist: an absent key is an error naming what the table supports.
const Value* lookup_entry(Args a, std::string& err) {
  if (!a[0].map) return nullptr;
  char buf[24];
  std::string_view key;
  switch (a[1].kind) {
    case Value::Kind::Bool: key = a[1].b ? "1" : "0"; break;
    case Value::Kind::Int: key = std::string_view(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, a[1].i).ptr - buf)); break;
    case Value::Kind::Str: key = a[1].s; break;
    default: break;
  }
  auto it = a[0].map->find(key);
  if (it != a[0].map->end()) return &it->second;
  std::string have;
  for (auto& [k, _] : *a[0].map) have += (have.empty() ? "" : ", ") + k;
  err = "'" + std::string(key) + "' is not supported (supported: " + (have.empty() ? std::string("none") : have) + ")";
  return nullptr;
}

const Builtin* find_builtin(const std::string& name) {
  // Every call of every device looks its function up: a hash table, built once (read-only after).
  static const std::unordered_map<std::string_view, const Builtin*> by_name = [] {
    std::unordered_map<std::string_view, const Builtin*> m;
    for (const Builtin& b : builtins()) m.emplace(b.name, &b);
    return m;
  }();
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

}  // namespace phonec::sema
