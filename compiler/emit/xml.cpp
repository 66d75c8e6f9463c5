// XML: elements, attributes and text from the settings tree. Every value is escaped here, for
// text and for attributes in the file's quote style; names must be XML names; the prolog states
// the encoding actually written.
#include <array>
#include <string_view>

#include "emit/render.h"
#include "text/escape.h"

namespace phonec::emit {

namespace {

// XML 1.0 Name (with namespace prefixes), restricted to ASCII: every vendor's names are ASCII.
// One table lookup per byte (every element and attribute name of every file is checked):
// bit 1 a name may start with the byte, bit 2 it may continue with it.
constexpr auto name_chars = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool start = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
    bool rest = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
    t[static_cast<std::size_t>(c)] = static_cast<unsigned char>((start ? 1 : 0) | (rest ? 2 : 0));
  }
  return t;
}();

// Bit 1: a byte text carries as it is (printable ASCII but & < >); bit 2: also inside "..."
// attributes; bit 4: also inside '...' attributes.
constexpr auto plain_chars = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) {
    if (c == '&' || c == '<' || c == '>') continue;
    t[static_cast<std::size_t>(c)] = static_cast<unsigned char>(1 | (c != '"' ? 2 : 0) | (c != '\'' ? 4 : 0));
  }
  return t;
}();

// The table bits of every byte of `s` and-ed together (with `all`): one test at the end instead
// of a branch per byte, eight bytes a round (every name and value of every file goes through here).
unsigned char and_bits(std::string_view s, const std::array<unsigned char, 256>& t, unsigned char all) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8)
    all &= static_cast<unsigned char>(t[p[i]] & t[p[i + 1]] & t[p[i + 2]] & t[p[i + 3]] & t[p[i + 4]] & t[p[i + 5]] &
                                      t[p[i + 6]] & t[p[i + 7]]);
  for (; i < s.size(); ++i) all &= t[p[i]];
  return all;
}

bool xml_name(const std::string& s) {
  if (s.empty() || !(name_chars[static_cast<unsigned char>(s[0])] & 1)) return false;
  if (!(and_bits(s, name_chars, 2) & 2)) return false;
  // Names starting with "xml" are reserved by the spec but well-formed, and vendors use them
  // (Cisco XML_Directory_Service_URL, xmlns:xsi).
  return true;
}

class Writer {
 public:
  Writer(const sema::FileSpec& spec, Diagnostics& diags) : diags_(diags) {
    quote_ = spec.xml_quote == "'" ? text::Quote::Single : text::Quote::Double;
    q_ = quote_ == text::Quote::Single ? '\'' : '"';
  }
  bool ok = true;
  std::string out;

  bool name(const DocNode& n) {
    if (xml_name(n.name)) return true;
    diags_.error(n.origin, "bad-xml-name", "'" + n.name + "' is not a valid XML name");
    ok = false;
    return false;
  }

  // The escaped text of a node, appended to the output (nothing when it is rejected).
  void text(const DocNode& n) {
    if (plain(n.value, 0)) {
      put(n.value);
      return;
    }
    // Escaped straight into the output (nothing is written when the value is rejected).
    if (auto r = text::append_xml_text(n.value, out)) {
      diags_.error(n.value_origin.valid() ? n.value_origin : n.origin, "unsafe-value",
                   "value of '" + n.name + "' contains " + r->reason);
      ok = false;
    }
  }

  // Printable ASCII that neither markup nor the attribute's quote (0 for text) makes special:
  // what the escaper would return unchanged, so it is copied without it. One table lookup
  // per byte, the bits and-ed together.
  static bool plain(const std::string& v, char quote) {
    const unsigned char want = quote == '"' ? 3 : quote == '\'' ? 5 : 1;
    return and_bits(v, plain_chars, want) == want;
  }

  // Appends by pointer and length: `out += "..."` goes through strlen and an extra call for
  // every piece of markup of every file.
  void put(std::string_view s) { out.append(s.data(), s.size()); }

  // Copied from a run of spaces rather than filled byte by byte (deeper trees fill the rest).
  void indent(int depth) {
    static constexpr std::string_view spaces = "                                ";
    std::size_t n = static_cast<std::size_t>(depth) * 2;
    if (n <= spaces.size()) put(spaces.substr(0, n));
    else out.append(n, ' ');
  }

  void element(const DocNode& n, int depth) {
    if (!name(n)) return;
    indent(depth);
    out += '<';
    put(n.name);
    // One walk over the children writes the attributes and tells what the content is.
    bool has_children = false, only_text = true;
    for (const DocNode& c : n.children) {
      if (c.kind == DocNode::Kind::Attr) {
        if (!name(c)) continue;
        const std::size_t mark = out.size();
        out += ' ';
        put(c.name);
        out += '=';
        out += q_;
        // A value with nothing to escape is written as it is, without the escaper; a rejected
        // one takes its attribute back out.
        if (plain(c.value, q_)) {
          put(c.value);
        } else if (auto r = text::append_xml_attr(c.value, quote_, out)) {
          out.resize(mark);
          diags_.error(c.value_origin.valid() ? c.value_origin : c.origin, "unsafe-value",
                       "attribute '" + c.name + "' contains " + r->reason);
          ok = false;
          continue;
        }
        out += q_;
      } else {
        has_children = true;
        if (c.kind != DocNode::Kind::Text) only_text = false;
      }
    }
    if (!has_children) {
      put("/>\n");
      return;
    }
    // Only text: on one line. Mixed or nested: indented children.
    out += '>';
    if (only_text) {
      for (const DocNode& c : n.children)
        if (c.kind == DocNode::Kind::Text) text(c);
      close(n);
      return;
    }
    out += '\n';
    for (const DocNode& c : n.children) {
      if (c.kind == DocNode::Kind::Element) {
        element(c, depth + 1);
      } else if (c.kind == DocNode::Kind::Pair) {
        pair(c, depth + 1);
      } else if (c.kind == DocNode::Kind::Text) {
        indent(depth + 1);
        text(c);
        out += '\n';
      }
    }
    indent(depth);
    close(n);
  }

  void close(const DocNode& n) {
    put("</");
    put(n.name);
    put(">\n");
  }

  void pair(const DocNode& n, int depth) {
    if (!name(n)) return;
    indent(depth);
    out += '<';
    put(n.name);
    if (n.value.empty()) {
      put("/>\n");
      return;
    }
    out += '>';
    text(n);
    close(n);
  }

 private:
  Diagnostics& diags_;
  text::Quote quote_;
  char q_;
};

// The prolog, appended piece by piece (no temporary string per file). Out of line: inlined, it
// changes how the compiler inlines the writer's appends, for the worse.
[[gnu::noinline]] void append_declaration(std::string& out, std::string_view encoding_name) {
  out.append("<?xml version=\"1.0\" encoding=\"").append(encoding_name).append("\"?>\n");
}

}  // namespace

bool emit_xml(const Doc& doc, const sema::FileSpec& spec, std::string_view encoding_name, Diagnostics& diags, std::string& out) {
  Writer w(spec, diags);
  w.out.reserve(4096);  // a typical phone file, written without growing the buffer step by step
  if (spec.xml_declaration) append_declaration(w.out, encoding_name);
  if (!spec.header.empty()) w.out += spec.header + "\n";
  int roots = 0;
  for (const DocNode& n : doc.nodes)
    if (n.kind == DocNode::Kind::Element) {
      ++roots;
      w.element(n, 0);
    }
  if (roots != 1) {
    diags.error(spec.decl->content_range, "xml-root", "an XML file needs exactly one root element, this content produced " +
                                                           std::to_string(roots));
    return false;
  }
  if (!spec.footer.empty()) w.out += spec.footer + "\n";
  if (out.empty()) out = std::move(w.out);
  else out += w.out;
  return w.ok;
}

}  // namespace phonec::emit
