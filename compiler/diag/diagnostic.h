// Diagnostics: a primary message at a range plus notes, collected (never stop-at-first),
// sorted for stable output, rendered gcc-style or as JSON.
#pragma once
#include <cstddef>
#include <mutex>
#include <set>
#include <tuple>
#include <string>
#include <vector>

#include "diag/source.h"

namespace phonec {

enum class Severity { Note, Warning, Error };

struct Note {
  Range range;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  // stable identifier; for warnings also the -W name ("label-too-long")
  Range range;
  std::string message;
  std::vector<Note> notes;
};

// Collects diagnostics from any thread. Messages must never contain a secret: callers name the
// field, never print its value.
class Diagnostics {
 public:
  explicit Diagnostics(std::size_t error_limit = 100) : error_limit_(error_limit) {}

  void report(Diagnostic d);
  void error(Range r, std::string code, std::string message, std::vector<Note> notes = {}) {
    report(Diagnostic{Severity::Error, std::move(code), r, std::move(message), std::move(notes)});
  }
  void warning(Range r, std::string code, std::string message, std::vector<Note> notes = {}) {
    report(Diagnostic{Severity::Warning, std::move(code), r, std::move(message), std::move(notes)});
  }

  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  // -Werror: warnings are counted as errors from now on.
  void set_werror(bool on) { werror_ = on; }
  bool werror() const { return werror_; }
  // Stable order: by file path, offset, severity, message.
  std::vector<Diagnostic> sorted(const SourceManager& sm) const;
  const std::vector<Diagnostic>& all() const { return diags_; }
  void merge(Diagnostics&& other);
  bool limit_reached() const;

 private:
  mutable std::mutex mu_;
  std::vector<Diagnostic> diags_;
  std::set<std::tuple<FileId, std::uint32_t, int, std::string>> seen_;  // one report per place and message
  std::size_t error_limit_;
  // The kept errors (indexes into diags_) as a max-heap in source order: past the limit a new
  // error replaces the last one in source order if it comes before it, so the errors kept are
  // the first ones in the sources whatever order threads report them in.
  std::vector<std::size_t> error_heap_;
  std::size_t errors_ = 0, warnings_ = 0;
  bool werror_ = false;
  bool dropped_ = false;
};

// gcc-style: "file:line:col: error: message", the source line, a caret line, notes.
std::string render_text(const Diagnostic& d, const SourceManager& sm, bool werror = false);
std::string render_all_text(const Diagnostics& diags, const SourceManager& sm);
// One JSON array of {file, line, column, end_line, end_column, severity, code, message, notes[]}.
std::string render_all_json(const Diagnostics& diags, const SourceManager& sm);

}  // namespace phonec
