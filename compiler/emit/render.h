// From an evaluated file (settings tree) to the exact bytes written: values fitted to the
// model's display limits and to the file's charset, then serialised by the file's format
// emitter (which owns quoting and escaping), then encoded with the file's newline.
#pragma once
#include <string>

#include "diag/diagnostic.h"
#include "sema/eval.h"

namespace phonec::emit {

// `who` names the device (or "site") in diagnostics. Returns false when an error was reported.
// `charset_policy` ("error", "transliterate", "replace"; empty: the model's) is the site's override.
bool render_file(const sema::RenderedFile& file, const sema::Model& model, const std::string& who, Diagnostics& diags,
                 std::string& bytes, const std::string& charset_policy = {});
// The same, fitting file.doc in place instead of a copy (the build's per-device path).
bool render_file(sema::RenderedFile&& file, const sema::Model& model, const std::string& who, Diagnostics& diags,
                 std::string& bytes, const std::string& charset_policy = {});

// The format emitters, on already-fitted UTF-8 values. Each reports a value it cannot carry.
bool emit_keyvalue(const Doc& doc, const sema::FileSpec& spec, Diagnostics& diags, std::string& out);
bool emit_quoted(const Doc& doc, const sema::FileSpec& spec, Diagnostics& diags, std::string& out);
bool emit_ini(const Doc& doc, const sema::FileSpec& spec, Diagnostics& diags, std::string& out);
bool emit_xml(const Doc& doc, const sema::FileSpec& spec, std::string_view encoding_name, Diagnostics& diags, std::string& out);

}  // namespace phonec::emit
