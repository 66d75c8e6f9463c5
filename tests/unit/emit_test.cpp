// The format emitters own escaping: no value can end its field or start another setting.
#include <gtest/gtest.h>

#include "emit/render.h"

using namespace phonec;
using emit::DocNode;

namespace {

DocNode pair(std::string k, std::string v) {
  DocNode n;
  n.kind = DocNode::Kind::Pair;
  n.name = std::move(k);
  n.value = std::move(v);
  return n;
}

DocNode attr(std::string k, std::string v) {
  DocNode n = pair(std::move(k), std::move(v));
  n.kind = DocNode::Kind::Attr;
  return n;
}

DocNode element(std::string name, std::vector<DocNode> children) {
  DocNode n;
  n.kind = DocNode::Kind::Element;
  n.name = std::move(name);
  n.children = std::move(children);
  return n;
}

sema::FileSpec spec(const std::string& format) {
  static ast::FileDecl decl;
  sema::FileSpec s;
  s.decl = &decl;
  s.format = format;
  return s;
}

}  // namespace

TEST(EmitKeyValue, WritesHeaderSeparatorAndEmptyToken) {
  emit::Doc doc;
  doc.nodes = {pair("a.b", "x"), pair("c", "")};
  sema::FileSpec s = spec("keyvalue");
  s.header = "#!version:1.0.0.1";
  s.empty_value = "%NULL%";
  Diagnostics d;
  std::string out;
  ASSERT_TRUE(emit::emit_keyvalue(doc, s, d, out));
  EXPECT_EQ(out, "#!version:1.0.0.1\na.b = x\nc = %NULL%\n");
}

TEST(EmitKeyValue, RejectsLineBreaksInValuesAndKeys) {
  for (const char* bad : {"a\nb", "a\rb", "a\xE2\x80\xA8" "b"}) {
    emit::Doc doc;
    doc.nodes = {pair("k", bad)};
    Diagnostics d;
    std::string out;
    EXPECT_FALSE(emit::emit_keyvalue(doc, spec("keyvalue"), d, out)) << bad;
    EXPECT_TRUE(d.has_errors());
    EXPECT_EQ(out.find("\nb"), std::string::npos);
  }
  emit::Doc doc;
  doc.nodes = {pair("k\nj", "v")};
  Diagnostics d;
  std::string out;
  EXPECT_FALSE(emit::emit_keyvalue(doc, spec("keyvalue"), d, out));
}

TEST(EmitKeyValue, RejectsAKeyContainingTheSeparator) {
  emit::Doc doc;
  doc.nodes = {pair("a = b", "v")};
  Diagnostics d;
  std::string out;
  EXPECT_FALSE(emit::emit_keyvalue(doc, spec("keyvalue"), d, out));
}

TEST(EmitXml, EscapesTextAndBothAttributeQuoteStyles) {
  emit::Doc doc;
  doc.nodes = {element("s", {attr("a", "x\"y'z&<>"), pair("t", "a & b < c > d \"q\" 'r' ]]>")})};
  Diagnostics d;
  std::string out;
  ASSERT_TRUE(emit::emit_xml(doc, spec("xml"), "UTF-8", d, out));
  EXPECT_EQ(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<s a=\"x&quot;y'z&amp;&lt;&gt;\">\n"
            "  <t>a &amp; b &lt; c &gt; d \"q\" 'r' ]]&gt;</t>\n"
            "</s>\n");
  sema::FileSpec single = spec("xml");
  single.xml_quote = "'";
  std::string out2;
  ASSERT_TRUE(emit::emit_xml(doc, single, "ISO-8859-1", d, out2));
  EXPECT_NE(out2.find("encoding=\"ISO-8859-1\""), std::string::npos);
  EXPECT_NE(out2.find("<s a='x\"y&apos;z&amp;&lt;&gt;'>"), std::string::npos) << out2;
}

// Values with nothing to escape are copied as they are; one quote character is enough to send
// an attribute through the escaper, and only the quote that delimits it.
TEST(EmitXml, PlainValuesAndTheQuoteThatDelimitsThem) {
  emit::Doc doc;
  doc.nodes = {element("s", {attr("d", "say \"hi\""), attr("s", "it's"), attr("p", "plain value"),
                             pair("t", "it's \"plain\" text"), pair("u", "tab\there")})};
  Diagnostics d;
  std::string dq, sq;
  ASSERT_TRUE(emit::emit_xml(doc, spec("xml"), "UTF-8", d, dq));
  EXPECT_NE(dq.find("<s d=\"say &quot;hi&quot;\" s=\"it's\" p=\"plain value\">"), std::string::npos) << dq;
  EXPECT_NE(dq.find("<t>it's \"plain\" text</t>"), std::string::npos) << dq;
  EXPECT_NE(dq.find("<u>tab\there</u>"), std::string::npos) << dq;
  sema::FileSpec single = spec("xml");
  single.xml_quote = "'";
  ASSERT_TRUE(emit::emit_xml(doc, single, "UTF-8", d, sq));
  EXPECT_NE(sq.find("<s d='say \"hi\"' s='it&apos;s' p='plain value'>"), std::string::npos) << sq;
}

// A rejected attribute value leaves no trace of its attribute in the element; the others stay.
TEST(EmitXml, RejectedAttributeIsLeftOutWhole) {
  emit::Doc doc;
  doc.nodes = {element("s", {attr("a", "one"), attr("b", "x & y\x01"), attr("c", "<three>")})};
  Diagnostics d;
  std::string out;
  EXPECT_FALSE(emit::emit_xml(doc, spec("xml"), "UTF-8", d, out));
  EXPECT_EQ(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<s a=\"one\" c=\"&lt;three&gt;\"/>\n");
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].code, "unsafe-value");
  EXPECT_NE(d.all()[0].message.find("attribute 'b' contains U+0001"), std::string::npos) << d.all()[0].message;
}

TEST(EmitXml, RejectsInvalidNamesAndNeedsOneRoot) {
  Diagnostics d;
  std::string out;
  emit::Doc bad_name;
  bad_name.nodes = {element("a b", {})};
  EXPECT_FALSE(emit::emit_xml(bad_name, spec("xml"), "UTF-8", d, out));
  emit::Doc two_roots;
  two_roots.nodes = {element("a", {}), element("b", {})};
  EXPECT_FALSE(emit::emit_xml(two_roots, spec("xml"), "UTF-8", d, out));
}

TEST(EmitIni, SectionsAndPairs) {
  emit::Doc doc;
  DocNode sec;
  sec.kind = DocNode::Kind::Section;
  sec.name = "sip";
  sec.children = {pair("user", "1001")};
  doc.nodes = {sec};
  sema::FileSpec s = spec("ini");
  s.separator = "=";
  Diagnostics d;
  std::string out;
  ASSERT_TRUE(emit::emit_ini(doc, s, d, out));
  EXPECT_EQ(out, "[sip]\nuser=1001\n");
}

// Names are checked with a byte table: every byte value, first and later, is accepted exactly
// when XML's ASCII name rules accept it (letters, '_', ':'; then also digits, '-', '.').
TEST(EmitXml, NameRulesForEveryByte) {
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    const bool start = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
    const bool rest = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
    for (const std::string& name : {std::string(1, ch), std::string("a") + ch + "b"}) {
      Diagnostics d;
      std::string out;
      emit::Doc doc;
      doc.nodes = {element(name, {})};
      const bool expected = name.size() == 1 ? start : rest;
      EXPECT_EQ(emit::emit_xml(doc, spec("xml"), "UTF-8", d, out), expected) << "byte " << c << " in '" << name << "'";
      EXPECT_EQ(d.error_count(), expected ? 0u : 1u) << "byte " << c;
    }
  }
}
