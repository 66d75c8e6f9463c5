// fit_values on printable-ASCII values, which skip the per-value Unicode checks: they must come
// out exactly as the full checks would leave them (labels still shortened, a broken
// transliterator still reported for every label), and non-ASCII values still go through them.
#include <gtest/gtest.h>

#include "emit/fit_values.h"

using namespace phonec;
using emit::DocNode;

namespace {

DocNode value(std::string name, std::string v, sema::TextRole role) {
  DocNode n;
  n.kind = DocNode::Kind::Pair;
  n.name = std::move(name);
  n.value = std::move(v);
  n.role = role;
  return n;
}

// A model property `name "text";` as the loader would attach it.
struct Prop {
  ast::Property p;
  Prop(const std::string& name, const std::string& text) {
    p.name = name;
    auto e = std::make_unique<ast::Expr>();
    e->kind = ast::ExprKind::Str;
    e->parts.push_back(ast::StrPart{text, nullptr});
    p.values.push_back(std::move(e));
  }
};

std::vector<std::string> codes(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.all()) out.push_back(x.code);
  return out;
}

}  // namespace

TEST(EmitFitValues, AsciiValuesPassUnchangedAndLongAsciiLabelsAreShortened) {
  sema::Model m;
  m.name = "acme.L1";
  m.label_max = 8;
  emit::Doc doc;
  doc.nodes = {value("plain", "a value far longer than eight", sema::TextRole::Plain),
               value("short", "Desk 12", sema::TextRole::Label),
               value("long", "Reception desk", sema::TextRole::Label),
               value("secret", "p@ss w0rd;#!", sema::TextRole::Secret)};
  Diagnostics d;
  ASSERT_TRUE(emit::fit_values(doc, m, text::Encoding::Latin1, "device 00:15:65:aa:bb:cc", d));
  EXPECT_EQ(doc.nodes[0].value, "a value far longer than eight");
  EXPECT_EQ(doc.nodes[1].value, "Desk 12");
  EXPECT_EQ(doc.nodes[2].value, "Receptio");
  EXPECT_EQ(doc.nodes[3].value, "p@ss w0rd;#!");
  EXPECT_EQ(codes(d), std::vector<std::string>{"label-too-long"});
}

TEST(EmitFitValues, LabelColumnsOfAsciiAreCharacters) {
  sema::Model m;
  m.label_max = 5;
  Prop unit("label_unit", "columns");
  m.props["label_unit"] = &unit.p;
  emit::Doc doc;
  doc.nodes = {value("a", "12345", sema::TextRole::Label), value("b", "123456", sema::TextRole::Label)};
  Diagnostics d;
  ASSERT_TRUE(emit::fit_values(doc, m, text::Encoding::Utf8, "site", d));
  EXPECT_EQ(doc.nodes[0].value, "12345");
  EXPECT_EQ(doc.nodes[1].value, "12345");
  EXPECT_EQ(codes(d), std::vector<std::string>{"label-too-long"});
}

// A byte limit counts what the file holds: two bytes a character in UTF-16, one in UTF-8 and
// in the 8-bit charsets.
TEST(EmitFitValues, LabelBytesOfAsciiDependOnTheEncoding) {
  sema::Model m;
  m.label_max = 10;
  Prop unit("label_unit", "bytes");
  m.props["label_unit"] = &unit.p;
  for (text::Encoding e : {text::Encoding::Utf8, text::Encoding::Latin1, text::Encoding::Utf16le}) {
    emit::Doc doc;
    doc.nodes = {value("a", "12345", sema::TextRole::Label), value("b", "123456", sema::TextRole::Label)};
    Diagnostics d;
    ASSERT_TRUE(emit::fit_values(doc, m, e, "site", d));
    EXPECT_EQ(doc.nodes[0].value, "12345");
    const bool wide = e == text::Encoding::Utf16le;
    EXPECT_EQ(doc.nodes[1].value, wide ? "12345" : "123456") << text::encoding_name(e);
    EXPECT_EQ(codes(d), wide ? std::vector<std::string>{"label-too-long"} : std::vector<std::string>{});
  }
}

TEST(EmitFitValues, BrokenTransliteratorIsReportedForEveryAsciiLabel) {
  sema::Model m;
  m.name = "acme.L1";
  Prop tr("transliterator", "No-Such-Transform");
  m.props["transliterator"] = &tr.p;
  emit::Doc doc;
  doc.nodes = {value("a", "Anna", sema::TextRole::Label), value("b", "Bob", sema::TextRole::Label),
               value("c", "not a label", sema::TextRole::Plain)};
  Diagnostics d;
  EXPECT_FALSE(emit::fit_values(doc, m, text::Encoding::Latin1, "site", d));
  EXPECT_EQ(codes(d), (std::vector<std::string>{"bad-transliterator", "bad-transliterator"}));
  EXPECT_EQ(doc.nodes[2].value, "not a label");
}

TEST(EmitFitValues, NonAsciiAndControlsStillGoThroughTheChecks) {
  sema::Model m;
  m.name = "acme.L1";
  emit::Doc doc;
  doc.nodes = {value("label", "\xC5\x81ukasz", sema::TextRole::Label),     // Łukasz: not Latin-1
               value("tab", "a\tb", sema::TextRole::Plain),                 // a control
               value("nfd", "e\xCC\x81", sema::TextRole::Plain)};           // e + combining acute
  Diagnostics d;
  EXPECT_FALSE(emit::fit_values(doc, m, text::Encoding::Latin1, "site", d));
  EXPECT_EQ(doc.nodes[0].value, "Lukasz");
  EXPECT_EQ(doc.nodes[2].value, "\xC3\xA9");  // written in NFC: é
  EXPECT_EQ(codes(d), (std::vector<std::string>{"transliterated", "control-character"}));
}
