#include "lsp/features.h"

#include <algorithm>
#include <optional>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include "fmt/tokens.h"
#include "lsp/position.h"
#include "sema/builtins.h"
#include "sema/loader.h"
#include "sema/models.h"
#include "sema/symbols.h"

namespace phonec::lsp {
namespace fs = std::filesystem;
using nlohmann::json;
using fmt::Tok;
using fmt::Token;

namespace {

std::uint32_t end_of(const Token& t) { return t.begin + static_cast<std::uint32_t>(t.text.size()); }

// The token under the cursor: the one containing it, else the one ending right at it (the
// word just typed).
int token_at(const std::vector<Token>& toks, std::uint32_t offset) {
  int best = -1;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].begin <= offset && offset < end_of(toks[i])) return static_cast<int>(i);
    if (end_of(toks[i]) == offset) best = static_cast<int>(i);
    if (toks[i].begin > offset) break;
  }
  return best;
}

bool chain_part(const Token& t) { return t.kind == Tok::Word || t.text == "." || t.text == "-"; }

// A dotted name written without spaces around the cursor token (yealink.T46S, device.sip.port):
// its segments, and the index of the segment the cursor token is in.
struct Chain {
  std::vector<std::string> segs;
  std::size_t at = 0;
  int first = 0, last = 0;  // token indexes
  std::string joined() const {
    std::string s;
    for (std::size_t i = 0; i < segs.size(); ++i) s += (i ? "." : "") + segs[i];
    return s;
  }
};

Chain chain_at(const std::vector<Token>& toks, int i) {
  Chain c;
  int first = i, last = i;
  while (first > 0 && chain_part(toks[first - 1]) && end_of(toks[first - 1]) == toks[first].begin) --first;
  while (last + 1 < static_cast<int>(toks.size()) && chain_part(toks[last + 1]) && end_of(toks[last]) == toks[last + 1].begin)
    ++last;
  c.first = first;
  c.last = last;
  c.segs.emplace_back();
  for (int k = first; k <= last; ++k) {
    if (toks[k].text == ".") c.segs.emplace_back();
    else c.segs.back() += toks[k].text;
    if (k == i) c.at = toks[k].text == "." ? c.segs.size() - 1 : c.segs.size() - 1;
  }
  return c;
}

sema::TypePtr record_type(const sema::Program& prog, const std::string& name) {
  const sema::RecordDef* r = prog.record(name);
  if (!r) return nullptr;
  auto t = std::make_shared<sema::Type>();
  t->prim = sema::Prim::Record;
  t->name = name;
  t->rec = r;
  return t;
}

sema::TypePtr type_of_segments(const sema::Program& prog, const std::vector<Token>& toks, int before,
                               const std::vector<std::string>& segs, std::size_t count, int depth);

// The type of a variable: its `for NAME in X` or `let NAME = X;` before the cursor, else the
// names content sees (device, site, model) and the records loops usually walk.
sema::TypePtr variable_type(const sema::Program& prog, const std::vector<Token>& toks, int before,
                            const std::string& name, int depth) {
  if (depth < 8) {
    for (int k = std::min(before, static_cast<int>(toks.size())) - 1; k >= 2; --k) {
      bool is_for = toks[k - 2].text == "for" && toks[k - 1].text == name && toks[k].text == "in";
      bool is_let = toks[k - 2].text == "let" && toks[k - 1].text == name && toks[k].text == "=";
      if (!(is_for || is_let) || k + 1 >= static_cast<int>(toks.size())) continue;
      Chain c = chain_at(toks, k + 1);
      if (c.segs.empty() || c.segs[0].empty()) return nullptr;
      sema::TypePtr t = type_of_segments(prog, toks, k - 2, c.segs, c.segs.size(), depth + 1);
      if (t && is_for) return t->prim == sema::Prim::List ? t->elem : nullptr;
      return t;
    }
  }
  if (name == "model") return record_type(prog, "model_info");
  if (name == "key") return record_type(prog, "funckey");
  return record_type(prog, name);
}

sema::TypePtr type_of_segments(const sema::Program& prog, const std::vector<Token>& toks, int before,
                               const std::vector<std::string>& segs, std::size_t count, int depth) {
  if (segs.empty() || count == 0) return nullptr;
  sema::TypePtr t = variable_type(prog, toks, before, segs[0], depth);
  for (std::size_t i = 1; i < count && t; ++i) {
    if (t->prim != sema::Prim::Record || !t->rec) return nullptr;
    int slot = t->rec->slot(segs[i]);
    if (slot < 0) return nullptr;
    t = t->rec->fields[static_cast<std::size_t>(slot)].type;
  }
  return t;
}

const sema::FieldDef* field_of(const sema::TypePtr& t, const std::string& name) {
  if (!t || t->prim != sema::Prim::Record || !t->rec) return nullptr;
  int slot = t->rec->slot(name);
  return slot < 0 ? nullptr : &t->rec->fields[static_cast<std::size_t>(slot)];
}

// The comment that documents a declaration: a // comment after it on its line, else the
// // lines right above it.
std::string doc_comment(const SourceManager& sm, Range r) {
  if (!r.valid() || r.file >= sm.size()) return {};
  std::string_view text = sm.get(r.file).text();
  if (r.begin > text.size()) return {};
  std::size_t bol = text.rfind('\n', r.begin == 0 ? 0 : r.begin - 1);
  bol = (bol == std::string_view::npos || r.begin == 0) ? 0 : bol + 1;
  std::size_t eol = text.find('\n', r.begin);
  if (eol == std::string_view::npos) eol = text.size();
  for (const Token& t : fmt::tokenize(text.substr(bol, eol - bol)))
    if (t.kind == Tok::LineComment && t.begin + bol > r.begin) {
      std::string c(t.text.substr(2));
      return c.substr(c.find_first_not_of(' ') == std::string::npos ? c.size() : c.find_first_not_of(' '));
    }
  std::vector<std::string> lines;
  std::size_t end = bol;  // the start of the line below the one looked at
  while (end > 0) {
    std::size_t nl = end - 1;  // the line break ending the line looked at
    std::size_t start = 0;
    if (nl > 0) {
      std::size_t p = text.rfind('\n', nl - 1);
      start = p == std::string_view::npos ? 0 : p + 1;
    }
    std::string_view line = text.substr(start, nl - start);
    std::size_t k = line.find_first_not_of(" \t");
    if (k == std::string_view::npos || line.substr(k, 2) != "//") break;
    std::string_view body = line.substr(k + 2);
    if (!body.empty() && body[0] == ' ') body.remove_prefix(1);
    lines.insert(lines.begin(), std::string(body));
    end = start;
  }
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : " ") + l;
  return out;
}

json location(const SourceManager& sm, Range r) {
  if (!r.valid() || r.file >= sm.size()) return nullptr;
  const SourceFile& f = sm.get(r.file);
  LineIndex li(f.text());
  return {{"uri", path_to_uri(fs::absolute(f.path()).lexically_normal().string())}, {"range", li.range(r.begin, r.end)}};
}

std::string model_markdown(sema::Program& prog, const std::string& name) {
  const sema::Model* m = sema::find_model(prog, name);
  if (!m) return {};
  std::string s = "**" + m->name + "**" + (m->abstract ? " (family)" : " (model)");
  std::string title = m->prop_text("title");
  if (!title.empty()) s += " — " + title;
  if (m->parent) s += "\n\nextends `" + m->parent->name + "`";
  s += "\n\nlines: " + std::to_string(m->lines) + ", line keys: " + std::to_string(m->line_keys);
  if (m->expansion_modules)
    s += ", expansion: " + std::to_string(m->expansion_modules) + " × " + std::to_string(m->expansion_keys) + " keys";
  s += " (" + std::to_string(m->max_keys()) + " keys in all)";
  if (m->label_max) s += ", labels up to " + std::to_string(m->label_max);
  return s;
}

std::string prim_name(sema::Prim p) {
  switch (p) {
    case sema::Prim::Bool: return "bool";
    case sema::Prim::Int: return "int";
    case sema::Prim::Text: return "text";
    case sema::Prim::Label: return "label";
    case sema::Prim::Credential: return "credential";
    case sema::Prim::Secret: return "secret";
    case sema::Prim::Dial: return "dial";
    case sema::Prim::Mac: return "mac";
    case sema::Prim::IPv4: return "ipv4";
    case sema::Prim::Host: return "host";
    case sema::Prim::Url: return "url";
    case sema::Prim::TimeZone: return "timezone";
    case sema::Prim::Locale: return "locale";
    case sema::Prim::ModelRef: return "model";
    case sema::Prim::KeyType: return "key_type";
    default: return "any";
  }
}

std::string builtin_markdown(const sema::Builtin& b) {
  std::string sig = std::string(b.name) + "(";
  for (std::size_t i = 0; i < b.params.size(); ++i) sig += (i ? ", " : "") + prim_name(b.params[i]);
  sig += ") -> " + prim_name(b.result);
  return "```\n" + sig + "\n```\n" + b.doc;
}

std::string field_markdown(const sema::Program& prog, const sema::FieldDef& f) {
  std::string s = "**" + f.name + "**: `" + (f.type ? f.type->describe() : "?") + (f.optional ? "?" : "") + "`";
  std::string doc = doc_comment(prog.sm, f.range);
  if (!doc.empty()) s += "\n\n" + doc;
  return s;
}

std::string unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return std::string(s.substr(1, s.size() - 2));
  if (!s.empty() && s.front() == '"') return std::string(s.substr(1));
  return std::string(s);
}

// The first token of the member the token at i belongs to (property name, statement keyword).
int member_head(const std::vector<Token>& toks, int i) {
  int k = i;
  while (k > 0 && toks[k - 1].text != ";" && toks[k - 1].text != "{" && toks[k - 1].text != "}") --k;
  while (k < i && fmt::is_comment(toks[k])) ++k;
  return k;
}

// The member that opened the block around token i (features, key_codes, a declaration).
int enclosing_head(const std::vector<Token>& toks, int i) {
  int depth = 0;
  for (int k = i - 1; k >= 0; --k) {
    if (toks[k].text == "}") ++depth;
    else if (toks[k].text == "{") {
      if (depth == 0) return member_head(toks, k);
      --depth;
    }
  }
  return -1;
}

// Inside a string's {interpolation} the cursor is in code: returns the text with the rest of
// that string blanked out (offsets unchanged), so the code there tokenizes as code.
std::optional<std::string> open_interpolation(std::string_view text, std::uint32_t offset) {
  for (const Token& t : fmt::tokenize(text)) {
    if (t.begin >= offset) break;
    if (t.kind != Tok::String || end_of(t) < offset) continue;
    std::uint32_t depth = 0, start = 0;
    bool nested = false;
    for (std::uint32_t i = t.begin + 1; i < end_of(t); ++i) {
      char c = text[i];
      if (c == '\\') {
        ++i;
      } else if (depth > 0 && c == '"') {
        nested = !nested;
      } else if (!nested && c == '{') {
        if (depth++ == 0) start = i + 1;
      } else if (!nested && c == '}' && depth > 0 && --depth == 0) {
        if (start <= offset && offset <= i) {
          std::string out(text);
          for (std::uint32_t k = t.begin; k < end_of(t); ++k)
            if ((k < start || k >= i) && out[k] != '\n') out[k] = ' ';
          return out;
        }
      }
    }
    if (depth > 0 && start <= offset) {  // still being typed: "{line.
      std::string out(text);
      for (std::uint32_t k = t.begin; k < start; ++k)
        if (out[k] != '\n') out[k] = ' ';
      return out;
    }
  }
  return std::nullopt;
}

// The text to read the cursor's surroundings in.
std::string code_view(std::string_view text, std::uint32_t offset) {
  if (auto s = open_interpolation(text, offset)) return *s;
  return std::string(text);
}

// The code around the cursor, its tokens, and the token under the cursor (`at`, -1 for none or
// a comment). The tokens view `code`, so a Cursor is never copied or moved.
struct Cursor {
  Cursor(std::string_view text, std::uint32_t offset) : code(code_view(text, offset)), toks(fmt::tokenize(code)) {
    at = token_at(toks, offset);
    if (at >= 0 && fmt::is_comment(toks[static_cast<std::size_t>(at)])) at = -1;
  }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  std::string code;
  std::vector<Token> toks;
  int at = -1;
};

json markdown(const std::string& s, const LineIndex& li, const Token& from, const Token& to) {
  return {{"contents", {{"kind", "markdown"}, {"value", s}}}, {"range", li.range(from.begin, end_of(to))}};
}

}  // namespace

Library load_library(const fs::path& data_dir) {
  Library lib;
  SourceManager sm;
  Diagnostics diags(1000);
  sema::Program prog(sm, diags);
  prog.model_paths.push_back(data_dir / "models");
  prog.stdlib_dir = data_dir / "stdlib";
  sema::load_stdlib(prog);
  sema::load_all_models(prog);
  for (auto& [name, _] : prog.model_decls) lib.models.push_back(name);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> ids(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL, nullptr, nullptr, status));
  if (U_SUCCESS(status) && ids)
    while (const icu::UnicodeString* id = ids->snext(status)) {
      if (U_FAILURE(status)) break;
      std::string s;
      id->toUTF8String(s);
      lib.zones.push_back(s);
    }
  int32_t count = 0;
  const icu::Locale* locs = icu::Locale::getAvailableLocales(count);
  for (int32_t i = 0; i < count; ++i) lib.locales.emplace_back(locs[i].getName());
  std::sort(lib.zones.begin(), lib.zones.end());
  std::sort(lib.locales.begin(), lib.locales.end());
  return lib;
}

json hover(Analysis& sem, std::string_view text, std::uint32_t offset) {
  Cursor cursor(text, offset);
  if (cursor.at < 0) return nullptr;
  const std::vector<Token>& toks = cursor.toks;
  const int i = cursor.at;
  sema::Program& prog = sem.prog;
  LineIndex li(text);
  const Token& t = toks[i];
  if (t.kind == Tok::String) {
    std::string s = model_markdown(prog, unquote(t.text));
    return s.empty() ? json(nullptr) : markdown(s, li, t, t);
  }
  if (t.kind != Tok::Word && t.text != ".") return nullptr;
  Chain c = chain_at(toks, i);
  std::string full = c.joined();
  if (c.segs.size() >= 2 && (prog.model_decls.count(full) || sema::find_model(prog, full))) return markdown(model_markdown(prog, full), li, toks[c.first], toks[c.last]);
  if (t.kind != Tok::Word) return nullptr;
  std::string word(t.text);
  if (c.at >= 1) {
    sema::TypePtr owner = type_of_segments(prog, toks, c.first, c.segs, c.at, 0);
    if (const sema::FieldDef* f = field_of(owner, c.segs[c.at])) return markdown(field_markdown(prog, *f), li, t, t);
    return nullptr;
  }
  if (c.segs.size() >= 2)
    if (sema::TypePtr v = variable_type(prog, toks, c.first, word, 0))
      return markdown("**" + word + "**: `" + v->describe() + "`", li, t, t);
  if (i + 1 < static_cast<int>(toks.size()) && toks[i + 1].text == "(")
    if (const sema::Builtin* b = sema::find_builtin(word)) return markdown(builtin_markdown(*b), li, t, t);
  // A field name where it is declared or set: in a record, or a site/device declaration.
  int head = enclosing_head(toks, i);
  if (head >= 0 && member_head(toks, i) == i) {
    std::string kind(toks[head].text);
    std::string owner = kind == "record" && head + 1 < static_cast<int>(toks.size()) ? std::string(toks[head + 1].text)
                        : (kind == "site" || kind == "device") ? kind : "";
    if (!owner.empty())
      if (const sema::FieldDef* f = field_of(record_type(prog, owner), word)) return markdown(field_markdown(prog, *f), li, t, t);
  }
  if (auto it = prog.records.find(word); it != prog.records.end()) {
    std::string s = "**record " + word + "**\n\n";
    for (const sema::FieldDef& f : it->second->fields) s += "- `" + f.name + ": " + f.type->describe() + "`\n";
    return markdown(s, li, t, t);
  }
  if (auto it = prog.enums.find(word); it != prog.enums.end()) {
    std::string s = "**enum " + word + "**:";
    for (const std::string& v : it->second->values) s += " " + v;
    return markdown(s, li, t, t);
  }
  if (auto it = prog.key_types.find(word); it != prog.key_types.end()) return markdown("**key type " + word + "** — " + it->second.title, li, t, t);
  for (const sema::FeatureDef& f : prog.features)
    if (f.id == word) return markdown("**feature " + word + "** — " + f.title + " (" + f.group_title + ")", li, t, t);
  if (const sema::Builtin* b = sema::find_builtin(word)) return markdown(builtin_markdown(*b), li, t, t);
  return nullptr;
}

json definition(Analysis& sem, std::string_view text, std::uint32_t offset) {
  Cursor cursor(text, offset);
  if (cursor.at < 0) return nullptr;
  const std::vector<Token>& toks = cursor.toks;
  const int i = cursor.at;
  sema::Program& prog = sem.prog;
  const Token& t = toks[i];
  auto decl_loc = [&](const ast::Decl* d) { return d ? location(sem.sm, d->name_range) : json(nullptr); };
  if (t.kind == Tok::String) {
    std::string s = unquote(t.text);
    if (i > 0 && toks[i - 1].text == "import") {
      fs::path p = resolve_import(prog, sem.path, s);
      std::error_code ec;
      if (!fs::exists(p, ec)) return nullptr;
      return {{"uri", path_to_uri(fs::absolute(p).lexically_normal().string())},
              {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}};
    }
    if (sema::find_model(prog, s)) return decl_loc(prog.model_decls.at(s));
    return nullptr;
  }
  if (t.kind != Tok::Word) return nullptr;
  Chain c = chain_at(toks, i);
  std::string full = c.joined();
  if (sema::find_model(prog, full) || prog.model_decls.count(full)) return decl_loc(prog.model_decls.at(full));
  std::string word(t.text);
  if (c.at >= 1) {
    sema::TypePtr owner = type_of_segments(prog, toks, c.first, c.segs, c.at, 0);
    if (const sema::FieldDef* f = field_of(owner, c.segs[c.at])) return location(sem.sm, f->range);
    return nullptr;
  }
  for (const char* space : {"type", "key_type", "vendor", "profile", "dhcp_option", "feature_group", "site"}) {
    auto it = prog.decls_by_kind_name.find(std::string(space) + " " + word);
    if (it != prog.decls_by_kind_name.end()) return decl_loc(it->second);
  }
  if (auto it = prog.vendors.find(word); it != prog.vendors.end()) return decl_loc(it->second);
  for (const sema::FeatureDef& f : prog.features)
    if (f.id == word) return location(sem.sm, f.range);
  return nullptr;
}

json completion(Analysis& sem, const Library& lib, std::string_view text, std::uint32_t offset) {
  std::string code = code_view(text, offset);
  std::vector<Token> toks = fmt::tokenize(code);
  sema::Program& prog = sem.prog;
  json items = json::array();
  auto add = [&](const std::string& label, int kind, const std::string& detail) {
    json item = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) item["detail"] = detail;
    items.push_back(std::move(item));
  };
  // The token being typed, and the one before it.
  int i = -1;
  for (std::size_t k = 0; k < toks.size() && toks[k].begin < offset; ++k) i = static_cast<int>(k);
  bool in_token = i >= 0 && end_of(toks[i]) >= offset && !fmt::is_comment(toks[i]);
  if (i >= 0 && fmt::is_comment(toks[i]) && end_of(toks[i]) >= offset) return {{"isIncomplete", false}, {"items", items}};
  bool in_string = i >= 0 && toks[i].kind == Tok::String && (end_of(toks[i]) > offset || toks[i].text.size() < 2 ||
                                                              toks[i].text.back() != '"');
  if (in_string) {
    std::string prop(toks[member_head(toks, i)].text);
    if (prop == "timezone") for (const std::string& z : lib.zones) add(z, 12, "time zone");
    else if (prop == "locale") for (const std::string& l : lib.locales) add(l, 12, "locale");
    else if (prop == "model") for (const std::string& m : lib.models) add(m, 7, "model");
    else if (prop == "type") for (auto& [name, k] : prog.key_types) add(name, 20, k.title);
    else if (prop == "feature_codes") for (auto& [name, _] : prog.profiles) add(name, 12, "feature-code profile");
    return {{"isIncomplete", false}, {"items", items}};
  }
  // After "x." (possibly with part of a field typed): the fields of x's record.
  int dot = -1;
  if (in_token && toks[i].text == ".") dot = i;
  else if (in_token && toks[i].kind == Tok::Word && i > 0 && toks[i - 1].text == "." && end_of(toks[i - 1]) == toks[i].begin) dot = i - 1;
  if (dot > 0 && end_of(toks[dot - 1]) == toks[dot].begin) {
    Chain c = chain_at(toks, dot - 1);
    std::size_t upto = 0;
    for (int k = c.first; k < dot; ++k) if (toks[k].text == ".") ++upto;
    sema::TypePtr t = type_of_segments(prog, toks, c.first, c.segs, upto + 1, 0);
    if (t && t->prim == sema::Prim::Record && t->rec) {
      for (const sema::FieldDef& f : t->rec->fields) add(f.name, 5, f.type ? f.type->describe() : "");
    } else {
      std::string prefix;
      for (std::size_t k = 0; k <= upto && k < c.segs.size(); ++k) prefix += c.segs[k] + ".";
      for (const std::string& m : lib.models)
        if (m.rfind(prefix, 0) == 0) add(m.substr(prefix.size()), 7, "model " + m);
    }
    return {{"isIncomplete", false}, {"items", items}};
  }
  int before = in_token ? i - 1 : i;
  // After a declaration's ":": the families and models to extend.
  if (before >= 0 && toks[before].text == ":" && enclosing_head(toks, before) < 0) {
    for (const std::string& m : lib.models) add(m, 7, "model");
    return {{"isIncomplete", false}, {"items", items}};
  }
  int head = enclosing_head(toks, before + 1);
  std::string block = head >= 0 ? std::string(toks[head].text) : "";
  if (block == "features") {
    for (const sema::FeatureDef& f : prog.features) add(f.id, 20, f.title);
    return {{"isIncomplete", false}, {"items", items}};
  }
  if (block == "key_codes") {
    for (auto& [name, k] : prog.key_types) add(name, 20, k.title);
    return {{"isIncomplete", false}, {"items", items}};
  }
  for (std::string_view k : fmt::keywords()) add(std::string(k), 14, "keyword");
  for (const sema::Builtin& b : sema::builtins()) add(b.name, 3, b.doc);
  for (auto& [name, k] : prog.key_types) add(name, 20, k.title);
  for (const std::string& m : lib.models) add(m, 7, "model");
  return {{"isIncomplete", false}, {"items", items}};
}

json document_symbols(const Analysis& sem) {
  json out = json::array();
  if (!sem.module) return out;
  LineIndex li(sem.sm.get(sem.file).text());
  auto kind_of = [](const std::string& k) {
    if (k == "vendor" || k == "feature_group") return 3;
    if (k == "family" || k == "model") return 5;
    if (k == "record") return 23;
    if (k == "enum") return 10;
    if (k == "type") return 26;
    if (k == "key_type") return 22;
    if (k == "dhcp_option") return 14;
    if (k == "site") return 4;
    return 19;
  };
  auto sym = [&](const std::string& name, const std::string& detail, int kind, Range whole, Range sel) {
    json s = {{"name", name.empty() ? std::string("?") : name}, {"kind", kind}, {"range", li.range(whole.begin, whole.end)},
              {"selectionRange", li.range(sel.begin, sel.end)}, {"children", json::array()}};
    if (!detail.empty()) s["detail"] = detail;
    return s;
  };
  for (const ast::Import& imp : sem.module->imports) out.push_back(sym(imp.path, "import", 1, imp.range, imp.range));
  for (const ast::Decl& d : sem.module->decls) {
    json s = sym(d.name, d.kind + (d.parent.empty() ? "" : " : " + d.parent), kind_of(d.kind), d.range, d.name_range);
    for (const ast::FileDecl& f : d.body.files)
      s["children"].push_back(sym(f.id, "file per " + f.scope, 1, f.range, f.id_range));
    for (const ast::Property& p : d.body.props)
      s["children"].push_back(sym(p.name, "", p.kind == ast::Property::Kind::Field ? 8 : 7, p.range, p.name_range));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace phonec::lsp
