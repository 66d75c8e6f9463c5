#include "diag/diagnostic.h"
#include "diag/redact.h"

#include <algorithm>
#include <tuple>
#include <nlohmann/json.hpp>

namespace phonec {

namespace {

// Source order among errors (file as loaded, offset, message): deterministic for given inputs.
bool error_before(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.range.file, a.range.begin, a.message) < std::tie(b.range.file, b.range.begin, b.message);
}

}  // namespace

void Diagnostics::report(Diagnostic d) {
  std::lock_guard lock(mu_);
  // The same problem reached through several expressions is reported (and counted) once.
  if (!seen_.emplace(d.range.file, d.range.begin, static_cast<int>(d.severity), d.message).second) return;
  bool is_error = d.severity == Severity::Error || (werror_ && d.severity == Severity::Warning);
  if (!is_error) {
    if (d.severity == Severity::Warning) ++warnings_;
    diags_.push_back(std::move(d));
    return;
  }
  auto later = [&](std::size_t x, std::size_t y) { return error_before(diags_[x], diags_[y]); };
  if (errors_ >= error_limit_) {
    dropped_ = true;
    if (error_heap_.empty() || !error_before(d, diags_[error_heap_.front()])) return;
    std::pop_heap(error_heap_.begin(), error_heap_.end(), later);
    diags_[error_heap_.back()] = std::move(d);
    std::push_heap(error_heap_.begin(), error_heap_.end(), later);
    return;
  }
  ++errors_;
  diags_.push_back(std::move(d));
  error_heap_.push_back(diags_.size() - 1);
  std::push_heap(error_heap_.begin(), error_heap_.end(), later);
}

bool Diagnostics::has_errors() const {
  std::lock_guard lock(mu_);
  return errors_ > 0;
}
std::size_t Diagnostics::error_count() const {
  std::lock_guard lock(mu_);
  return errors_;
}
std::size_t Diagnostics::warning_count() const {
  std::lock_guard lock(mu_);
  return warnings_;
}
bool Diagnostics::limit_reached() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

void Diagnostics::merge(Diagnostics&& other) {
  std::vector<Diagnostic> ds;
  bool dropped;
  {
    std::lock_guard lock(other.mu_);
    ds = std::move(other.diags_);
    dropped = other.dropped_;
    other.diags_.clear();
  }
  for (auto& d : ds) report(std::move(d));
  if (dropped) {
    std::lock_guard lock(mu_);
    dropped_ = true;
  }
}

static std::string path_of(const SourceManager& sm, const Range& r) {
  return r.valid() ? sm.get(r.file).path() : std::string("phonec");
}

std::vector<Diagnostic> Diagnostics::sorted(const SourceManager& sm) const {
  std::vector<Diagnostic> out;
  {
    std::lock_guard lock(mu_);
    out = diags_;
  }
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    auto pa = path_of(sm, a.range), pb = path_of(sm, b.range);
    if (pa != pb) return pa < pb;
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.message < b.message;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return a.range.file == b.range.file && a.range.begin == b.range.begin &&
                                 a.severity == b.severity && a.message == b.message;
                        }),
            out.end());
  return out;
}

static const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

static std::string location(const SourceManager& sm, const Range& r) {
  if (!r.valid()) return "phonec";
  const SourceFile& f = sm.get(r.file);
  LineCol lc = f.line_col(r.begin);
  return f.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

// Expands tabs and replaces control bytes so the caret line lines up with what a terminal shows.
static std::string display_line(std::string_view line) {
  std::string out;
  std::size_t col = 0;
  for (char ch : line) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\t') {
      do { out += ' '; ++col; } while (col % 8 != 0);
    } else if (c < 0x20 || c == 0x7f) {
      out += ' ';
      ++col;
    } else {
      out += ch;
      if ((c & 0xC0) != 0x80) ++col;
    }
  }
  return out;
}

std::string render_text(const Diagnostic& d, const SourceManager& sm, bool werror) {
  Severity sev = d.severity;
  bool promoted = werror && sev == Severity::Warning;
  if (promoted) sev = Severity::Error;
  std::string out = location(sm, d.range) + ": " + severity_name(sev) + ": " + d.message;
  if (d.severity == Severity::Warning && !d.code.empty())
    out += promoted ? " [-Werror=" + d.code + "]" : " [-W" + d.code + "]";
  out += '\n';
  if (d.range.valid()) {
    const SourceFile& f = sm.get(d.range.file);
    LineCol b = f.line_col(d.range.begin);
    LineCol e = f.line_col(d.range.end);
    std::string_view text = f.line_text(b.line);
    if (!text.empty() && text.size() <= 400) {
      // Secrets are masked twice over: where the loader saw them (exact ranges), and by key name
      // for values it rejected before knowing they were secret.
      out += display_line(redact_secrets(sm.masked_line(d.range.file, b.line))) + '\n';
      std::string caret(b.column - 1, ' ');
      caret += '^';
      std::uint32_t last = e.line == b.line ? e.column : static_cast<std::uint32_t>(f.line_col(
                                                             d.range.begin + static_cast<std::uint32_t>(text.size())).column);
      if (e.line != b.line) {
        // Range spans lines: underline to the end of the first line.
        LineCol eol = f.line_col(static_cast<std::uint32_t>(text.data() - f.text().data() + text.size()));
        last = eol.column;
      }
      for (std::uint32_t c = b.column + 1; c < last; ++c) caret += '~';
      out += caret + '\n';
    }
  }
  for (const Note& n : d.notes) out += location(sm, n.range) + ": note: " + n.message + '\n';
  return out;
}

std::string render_all_text(const Diagnostics& diags, const SourceManager& sm) {
  std::string out;
  for (const Diagnostic& d : diags.sorted(sm)) out += render_text(d, sm, diags.werror());
  if (diags.limit_reached()) out += "phonec: note: too many errors emitted, stopping now\n";
  return out;
}

std::string render_all_json(const Diagnostics& diags, const SourceManager& sm) {
  auto pos = [&](const Range& r, nlohmann::ordered_json& o) {
    if (r.valid()) {
      const SourceFile& f = sm.get(r.file);
      LineCol b = f.line_col(r.begin), e = f.line_col(r.end);
      o["file"] = f.path();
      o["line"] = b.line;
      o["column"] = b.column;
      o["end_line"] = e.line;
      o["end_column"] = e.column;
    } else {
      o["file"] = nullptr;
      o["line"] = 0;
      o["column"] = 0;
      o["end_line"] = 0;
      o["end_column"] = 0;
    }
  };
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diags.sorted(sm)) {
    nlohmann::ordered_json o;
    pos(d.range, o);
    Severity sev = d.severity;
    if (diags.werror() && sev == Severity::Warning) sev = Severity::Error;
    o["severity"] = severity_name(sev);
    o["code"] = d.code;
    o["message"] = d.message;
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const Note& n : d.notes) {
      nlohmann::ordered_json no;
      pos(n.range, no);
      no["message"] = n.message;
      notes.push_back(no);
    }
    o["notes"] = notes;
    arr.push_back(o);
  }
  return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace phonec
