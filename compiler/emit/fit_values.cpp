#include "emit/fit_values.h"

#include "text/fit.h"
#include "text/limits.h"
#include "text/transliterators.h"
#include "text/utf8.h"

namespace phonec::emit {

namespace {

struct Policy {
  std::int64_t label_max = 0;
  text::LimitUnit unit = text::LimitUnit::Graphemes;
  bool overflow_error = false;
  text::Policy charset;
  // Whether the charset policy's transliterator can be created (an error for every label if
  // not), asked once per file instead of once per label.
  enum class Check { Unknown, Usable, Broken } transliterator = Check::Unknown;
};

// Printable ASCII (U+0020..U+007E) is well-formed, in NFC, free of controls and encodable in
// every charset a file may use: such a value (most of them) passes every check unchanged.
bool printable_ascii(std::string_view s) { return text::skip_printable_ascii(s, 0) == s.size(); }

// text::measure of printable ASCII, without its scans: one character, one column and (but in
// UTF-16) one byte per byte.
std::size_t ascii_measure(std::string_view s, text::LimitUnit unit, text::Encoding enc) {
  return unit == text::LimitUnit::Bytes && enc == text::Encoding::Utf16le ? 2 * s.size() : s.size();
}

bool transliterator_usable(Policy& pol, text::Encoding enc) {
  if (pol.transliterator == Policy::Check::Unknown) {
    bool uses = pol.charset.kind == text::Policy::Kind::Transliterate ||
                pol.charset.kind == text::Policy::Kind::TransliterateOrReplace;
    pol.transliterator = !uses || text::detail::thread_transliterator(pol.charset.transliterator, enc).transliterator
                             ? Policy::Check::Usable
                             : Policy::Check::Broken;
  }
  return pol.transliterator == Policy::Check::Usable;
}

Policy policy_of(const sema::Model& m, const std::string& site_policy) {
  Policy p;
  p.label_max = m.label_max;
  std::string unit = m.prop_text("label_unit");
  if (unit == "columns") p.unit = text::LimitUnit::Columns;
  else if (unit == "bytes") p.unit = text::LimitUnit::Bytes;
  p.overflow_error = m.prop_text("label_overflow") == "error";
  std::string cs = site_policy.empty() ? m.prop_text("charset_policy") : site_policy;
  p.charset.kind = cs == "error"     ? text::Policy::Kind::Error
                   : cs == "replace" ? text::Policy::Kind::Replace
                                     : text::Policy::Kind::TransliterateOrReplace;
  std::string tr = m.prop_text("transliterator");
  if (!tr.empty()) p.charset.transliterator = tr;
  return p;
}

const char* unit_name(text::LimitUnit u) {
  switch (u) {
    case text::LimitUnit::Graphemes: return "characters";
    case text::LimitUnit::Columns: return "columns";
    case text::LimitUnit::Bytes: return "bytes";
  }
  return "";
}

std::string list_code_points(const std::vector<char32_t>& cps) {
  std::string out;
  for (std::size_t i = 0; i < cps.size() && i < 5; ++i) out += (i ? ", " : "") + text::describe_code_point(cps[i]);
  if (cps.size() > 5) out += ", ...";
  return out;
}

// A value that is not printable ASCII within its limits: checked, fitted, reported. Kept out of
// line so that the walk over every node stays a small function (no frame for the messages).
[[gnu::noinline]] bool fit_value(DocNode& n, const sema::Model& m, Policy& pol, text::Encoding enc, const std::string& who,
                                 Diagnostics& diags) {
  Range at = n.value_origin.valid() ? n.value_origin : n.origin;
  // Built only for a diagnostic: this runs for every value of every file (see docs/performance.md).
  auto what = [&] { return n.kind == DocNode::Kind::Text ? who + ": <" + n.name + ">" : who + ": '" + n.name + "'"; };
  bool credential = n.role == sema::TextRole::Credential || n.role == sema::TextRole::Secret || n.secret;
  auto shown = [&] { return n.secret ? std::string("(secret)") : "\"" + n.value + "\""; };
  if (auto fc = text::find_forbidden_char(n.value)) {
    diags.error(at, "control-character", what() + " contains " + fc->name + ", which no phone file can carry");
    return false;
  }
  if (n.role == sema::TextRole::Label) {
    text::FitResult f = text::fit(n.value, enc, pol.charset);
    if (!f.error.empty()) {
      diags.error(at, "bad-transliterator", what() + ": " + f.error);
      return false;
    }
    if (!f.ok) {
      diags.error(at, "unencodable", what() + " " + shown() + " cannot be written in " + std::string(text::encoding_name(enc)) +
                                         " (" + list_code_points(f.unencodable) + ")");
      return false;
    }
    if (f.changed)
      diags.warning(at, "transliterated", what() + " " + shown() + " is written as \"" + f.text + "\" in " +
                                              std::string(text::encoding_name(enc)) + " on " + m.name);
    std::string fitted = std::move(f.text);
    if (pol.label_max > 0 && text::measure(fitted, pol.unit, enc) > static_cast<std::size_t>(pol.label_max)) {
      std::string cut = text::truncate(fitted, static_cast<std::size_t>(pol.label_max), pol.unit, enc);
      std::string msg = what() + " \"" + fitted + "\" is longer than " + std::to_string(pol.label_max) + " " + unit_name(pol.unit) +
                        " on " + m.name;
      if (pol.overflow_error) {
        diags.error(at, "label-too-long", msg);
        return false;
      }
      diags.warning(at, "label-too-long", msg + "; shortened to \"" + cut + "\"");
      fitted = cut;
    }
    n.value = std::move(fitted);
    return true;
  }
  text::FitResult f = text::fit(n.value, enc, text::Policy::strict());
  if (!f.ok) {
    diags.error(at, "unencodable",
                what() + " " + shown() + " cannot be written in " + std::string(text::encoding_name(enc)) +
                    (n.secret ? std::string() : " (" + list_code_points(f.unencodable) + ")") +
                    (credential ? "; credentials are never transliterated" : ""));
    return false;
  }
  n.value = std::move(f.text);
  return true;
}

bool fit_node(DocNode& n, const sema::Model& m, Policy& pol, text::Encoding enc, const std::string& who,
              Diagnostics& diags) {
  bool ok = true;
  for (DocNode& c : n.children) ok = fit_node(c, m, pol, enc, who, diags) && ok;
  if (n.kind == DocNode::Kind::Element || n.kind == DocNode::Kind::Section) return ok;
  // The common case, with the same outcome as fit_value: nothing to report or change but a
  // label's length.
  if (printable_ascii(n.value) && (n.role != sema::TextRole::Label || transliterator_usable(pol, enc)) &&
      (n.role != sema::TextRole::Label || pol.label_max <= 0 ||
       ascii_measure(n.value, pol.unit, enc) <= static_cast<std::size_t>(pol.label_max)))
    return ok;
  return fit_value(n, m, pol, enc, who, diags) && ok;
}

}  // namespace

bool fit_values(Doc& doc, const sema::Model& model, text::Encoding enc, const std::string& who, Diagnostics& diags,
                const std::string& charset_policy) {
  Policy pol = policy_of(model, charset_policy);
  bool ok = true;
  for (DocNode& n : doc.nodes) ok = fit_node(n, model, pol, enc, who, diags) && ok;
  return ok;
}

}  // namespace phonec::emit
