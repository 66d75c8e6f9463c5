#include "emit/render.h"

#include "emit/fit_values.h"
#include "text/encoding.h"

namespace phonec::emit {

bool render_file(const sema::RenderedFile& file, const sema::Model& model, const std::string& who, Diagnostics& diags,
                 std::string& bytes, const std::string& charset_policy) {
  sema::RenderedFile copy = file;
  return render_file(std::move(copy), model, who, diags, bytes, charset_policy);
}

bool render_file(sema::RenderedFile&& file, const sema::Model& model, const std::string& who, Diagnostics& diags,
                 std::string& bytes, const std::string& charset_policy) {
  // However this ends, the nodes go back to the evaluator of this thread for its next file.
  struct Recycle {
    Doc& doc;
    ~Recycle() { sema::recycle(std::move(doc)); }
  } recycle{file.doc};
  const sema::FileSpec& spec = *file.spec;
  auto enc = text::parse_encoding(spec.encoding);
  if (!enc) {
    diags.error(spec.decl->id_range, "bad-encoding", "unknown encoding '" + spec.encoding + "' for file '" + spec.decl->id + "'");
    return false;
  }
  Doc& doc = file.doc;
  if (!fit_values(doc, model, *enc, who, diags, charset_policy)) return false;
  std::string utf8;
  bool ok = false;
  if (spec.format == "keyvalue") ok = emit_keyvalue(doc, spec, diags, utf8);
  else if (spec.format == "quoted") ok = emit_quoted(doc, spec, diags, utf8);
  else if (spec.format == "ini") ok = emit_ini(doc, spec, diags, utf8);
  else if (spec.format == "xml") ok = emit_xml(doc, spec, text::xml_name(*enc), diags, utf8);
  if (!ok) return false;
  try {
    bytes = text::encode_file_owned(std::move(utf8), *enc, spec.newline == "crlf" ? text::Newline::CrLf : text::Newline::Lf);
  } catch (const std::exception& e) {
    diags.error(spec.decl->id_range, "encode", "cannot encode file '" + file.path + "' for " + who + ": " + e.what());
    return false;
  }
  return true;
}

}  // namespace phonec::emit
