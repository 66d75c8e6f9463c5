// `key = value` lines (Yealink, Aastra `key: value`): the format has no escaping at all, so a
// value that could end its line is rejected, never written.
#include <optional>
#include <string_view>

#include "emit/render.h"
#include "text/escape.h"
#include "text/utf8.h"

namespace phonec::emit {

namespace {

bool line_safe(const DocNode& n, const std::string& s, bool is_key, Diagnostics& diags) {
  // Printable ASCII (nearly every key and value) never ends a line: no need for the full check.
  if (text::skip_printable_ascii(s, 0) == s.size()) return true;
  if (auto r = text::keyvalue_ok(s)) {
    Range at = is_key ? n.origin : (n.value_origin.valid() ? n.value_origin : n.origin);
    diags.error(at, "unsafe-value",
                std::string(is_key ? "setting name '" : "value of '") + n.name + (is_key ? "'" : "'") + " contains " +
                    r->reason + "; the key = value format cannot carry it");
    return false;
  }
  return true;
}

// A pair whose key is line-safe and whose value the format's escaper accepted: the escaped value,
// or nullopt after reporting why not.
std::optional<std::string> escaped_pair(const DocNode& n, text::Escaped&& v, Diagnostics& diags) {
  bool key_ok = line_safe(n, n.name, true, diags);
  if (!v.ok())
    diags.error(n.value_origin.valid() ? n.value_origin : n.origin, "unsafe-value",
                "value of '" + n.name + "' contains " + v.rejected->reason);
  if (!key_ok || !v.ok()) return std::nullopt;
  return std::move(v.text);
}

}  // namespace

// The size of the lines written for `nodes` (upper bound when a value is replaced by the empty
// value's text, which is short): the output grows once instead of doubling its way up.
std::size_t pairs_size(const std::vector<DocNode>& nodes, const sema::FileSpec& spec) {
  std::size_t size = 0;
  for (const DocNode& n : nodes)
    if (n.kind == DocNode::Kind::Pair) size += n.name.size() + spec.separator.size() + n.value.size() + spec.empty_value.size() + 1;
  return size;
}

bool emit_keyvalue(const Doc& doc, const sema::FileSpec& spec, Diagnostics& diags, std::string& out) {
  bool ok = true;
  out.reserve(out.size() + spec.header.size() + spec.footer.size() + 2 + pairs_size(doc.nodes, spec));
  if (!spec.header.empty()) out.append(spec.header).append(1, '\n');
  const std::string_view separator = spec.separator.empty() ? std::string_view("=") : std::string_view(spec.separator);
  for (const DocNode& n : doc.nodes) {
    if (n.kind != DocNode::Kind::Pair) continue;
    bool key_ok = line_safe(n, n.name, true, diags);
    if (key_ok && (n.name.empty() || n.name.find(separator) != std::string::npos ||
                   n.name.front() == ' ' || n.name.back() == ' ')) {
      diags.error(n.origin, "unsafe-key", "setting name '" + n.name + "' is empty, has surrounding spaces or contains the separator");
      key_ok = false;
    }
    bool value_ok = line_safe(n, n.value, false, diags);
    if (!key_ok || !value_ok) {
      ok = false;
      continue;
    }
    out += n.name;
    out += spec.separator;
    out += n.value.empty() ? spec.empty_value : n.value;
    out += '\n';
  }
  if (!spec.footer.empty()) out.append(spec.footer).append(1, '\n');
  return ok;
}

bool emit_quoted(const Doc& doc, const sema::FileSpec& spec, Diagnostics& diags, std::string& out) {
  bool ok = true;
  if (!spec.header.empty()) out.append(spec.header).append(1, '\n');
  for (const DocNode& n : doc.nodes) {
    if (n.kind != DocNode::Kind::Pair) continue;
    auto v = escaped_pair(n, text::quoted_value(n.value), diags);
    if (!v) {
      ok = false;
      continue;
    }
    out += n.name;
    out += '=';
    out += *v;
    out += '\n';
  }
  if (!spec.footer.empty()) out.append(spec.footer).append(1, '\n');
  return ok;
}

bool emit_ini(const Doc& doc, const sema::FileSpec& spec, Diagnostics& diags, std::string& out) {
  bool ok = true;
  if (!spec.header.empty()) out.append(spec.header).append(1, '\n');
  auto pairs = [&](const std::vector<DocNode>& nodes) {
    for (const DocNode& n : nodes) {
      if (n.kind != DocNode::Kind::Pair) continue;
      auto v = escaped_pair(n, text::ini_value(n.value), diags);
      if (!v) {
        ok = false;
        continue;
      }
      out += n.name;
      out += spec.separator;
      out += *v;
      out += '\n';
    }
  };
  pairs(doc.nodes);
  for (const DocNode& s : doc.nodes) {
    if (s.kind != DocNode::Kind::Section) continue;
    if (s.name.find_first_of("[]\r\n") != std::string::npos) {
      diags.error(s.origin, "unsafe-key", "section name '" + s.name + "' cannot contain brackets or line breaks");
      ok = false;
      continue;
    }
    out.append(1, '[').append(s.name).append("]\n", 2);
    pairs(s.children);
  }
  if (!spec.footer.empty()) out.append(spec.footer).append(1, '\n');
  return ok;
}

}  // namespace phonec::emit
