// The formatter's rules, one by one, on exact bytes; idempotence on every case.
#include <gtest/gtest.h>

#include "fmt/format.h"
#include "fmt/tokens.h"

namespace phonec::fmt {
namespace {

void expect_layout(const std::string& in, const std::string& want) {
  std::string once = layout(in);
  EXPECT_EQ(once, want) << "input:\n" << in;
  EXPECT_EQ(layout(once), once) << "not idempotent";
}

TEST(FmtLayout, MembersOnePerLineInABrokenBlock) {
  expect_layout("record r {a: int; b: text;\n}\n", "record r {\n  a: int;\n  b: text;\n}\n");
}

TEST(FmtLayout, BlockOnOneLineStaysOnOneLine) {
  expect_layout("model a.B:a.c{title \"T\";lines 6;}", "model a.B : a.c { title \"T\"; lines 6; }\n");
  expect_layout("enum e {}", "enum e {}\n");
}

TEST(FmtLayout, ColonInFieldsAndParents) {
  expect_layout("record d : s {\n  x : int ?;\n}\n", "record d : s {\n  x: int?;\n}\n");
}

TEST(FmtLayout, OperatorsCommasAndCalls) {
  expect_layout("family a.b {\n  x=f( a ,b )+ -1*c [ 2 ];\n}\n", "family a.b {\n  x = f(a, b) + -1 * c[2];\n}\n");
  expect_layout("family a.b {\n  dhcp_request 1,2 ,3;\n  p -1;\n  q (1);\n}\n",
                "family a.b {\n  dhcp_request 1, 2, 3;\n  p -1;\n  q (1);\n}\n");
}

TEST(FmtLayout, QualifiedNamesWithHyphensAndDigits) {
  expect_layout("model cisco.CP-8841-3PCC : cisco.base;", "model cisco.CP-8841-3PCC : cisco.base;\n");
  expect_layout("model aastra.6930 \"Aastra\" : aastra.base;", "model aastra.6930 \"Aastra\" : aastra.base;\n");
}

TEST(FmtLayout, RangesAndOptionalTypes) {
  expect_layout("type p = int 1 .. 65535;\nrecord r {\n  a: int 1 ..;\n  b: [ line ] ?;\n  c: int 1..=1;\n  d: int 1..?;\n}\n",
                "type p = int 1..65535;\nrecord r {\n  a: int 1..;\n  b: [line]?;\n  c: int 1.. = 1;\n  d: int 1..?;\n}\n");
}

TEST(FmtLayout, StatementsElseAndContinuations) {
  expect_layout(
      "family a.b {\n  file f \"x\" {\n    content {\n      if a {\n        \"k\" = 1;\n      }\n      else {\n        "
      "@\"e\" = 2;\n      }\n      let k = if x then 1\n        else 2;\n    }\n  }\n}\n",
      "family a.b {\n  file f \"x\" {\n    content {\n      if a {\n        \"k\" = 1;\n      } else {\n        "
      "@\"e\" = 2;\n      }\n      let k = if x then 1\n          else 2;\n    }\n  }\n}\n");
}

TEST(FmtLayout, IfElseChainsShareOneLayout) {
  expect_layout("family a.b {\n  file f \"x\" {\n    content {\n      if a { \"k\" = 1; } else if b {\n        \"k\" = 2;\n      } else { \"k\" = 3; }\n"
                "      if c { \"k\" = 1; } else { \"k\" = 2; }\n    }\n  }\n}\n",
                "family a.b {\n  file f \"x\" {\n    content {\n      if a {\n        \"k\" = 1;\n      } else if b {\n        \"k\" = 2;\n"
                "      } else {\n        \"k\" = 3;\n      }\n      if c { \"k\" = 1; } else { \"k\" = 2; }\n    }\n  }\n}\n");
}

TEST(FmtLayout, OpenBraceJoinsItsLine) {
  expect_layout("record r\n{\n  a: int;\n}\n", "record r {\n  a: int;\n}\n");
}

TEST(FmtLayout, BlankLinesCollapsedAndTrimmed) {
  expect_layout("\n\n// c\n\n\n\nrecord r {\n\n  a: int;\n\n\n  b: int;\n\n}\n\n\n",
                "// c\n\nrecord r {\n  a: int;\n\n  b: int;\n}\n");
}

TEST(FmtLayout, CommentsStayWhereTheyAre) {
  // Own-line comments take the code's indentation; a comment ending a line keeps the blanks
  // before it (at least one), so aligned comments stay aligned when re-indented.
  expect_layout("record r {\n        // about a\n  a  :  int;   // a\n  bb:int;// b\n  /* x\n   y */\n}\n",
                "record r {\n  // about a\n  a: int;   // a\n  bb: int; // b\n  /* x\n   y */\n}\n");
  expect_layout("    record r {\n        a: int;    // a\n        bb: int;   // b\n    }\n",
                "record r {\n  a: int;    // a\n  bb: int;   // b\n}\n");
  expect_layout("record r { // why\n  a: int; /* inline */ b: int;\n}\n",
                "record r { // why\n  a: int; /* inline */\n  b: int;\n}\n");
}

TEST(FmtLayout, SemicolonAndCommaJoinTheirLine) {
  expect_layout("vendor v {\n  oui \"a\"\n  , \"b\"\n  ;\n}\n", "vendor v {\n  oui \"a\", \"b\";\n}\n");
}

TEST(FmtLayout, LineCommentInsideAMemberBreaksTheLine) {
  expect_layout("vendor v {\n  oui \"a\", // first\n  \"b\";\n}\n", "vendor v {\n  oui \"a\", // first\n      \"b\";\n}\n");
}

TEST(FmtLayout, StringsAreVerbatim) {
  expect_layout("family a.b {\n  x \"{ f( a,b ) }  \\u{e9} \\\" {g(\"}\")}\" ;\n}\n",
                "family a.b {\n  x \"{ f( a,b ) }  \\u{e9} \\\" {g(\"}\")}\";\n}\n");
}

TEST(FmtLayout, TrailingBlanksAndCrlf) {
  expect_layout("record r {  \r\n  a: int;   // c   \r\n}\r\n", "record r {\n  a: int;   // c\n}\n");
}

TEST(FmtLayout, EmptyInputStaysEmpty) {
  expect_layout("", "");
  expect_layout("\n\n  \n", "");
  expect_layout("// only a comment", "// only a comment\n");
}

TEST(FmtFile, SyntaxErrorIsADiagnosticAndNoOutput) {
  SourceManager sm;
  Diagnostics diags;
  FileId f = sm.add("bad.phone", "record r {\n  a: int\n  b: text;\n}\n");
  EXPECT_FALSE(format_file(sm, f, diags).has_value());
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(render_all_text(diags, sm).substr(0, 10), "bad.phone:");
}

TEST(FmtFile, FormatsAValidFile) {
  SourceManager sm;
  Diagnostics diags;
  FileId f = sm.add("ok.phone", "enum e{a;b;}");
  auto out = format_file(sm, f, diags);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, "enum e { a; b; }\n");
}

TEST(FmtTokens, LexesNestedStringsAndComments) {
  auto toks = tokenize("x \"a{f(\"}\")}b\" /* c */ // d\n..?? y");
  ASSERT_EQ(toks.size(), 7u);
  EXPECT_EQ(toks[1].text, "\"a{f(\"}\")}b\"");
  EXPECT_EQ(toks[2].kind, Tok::BlockComment);
  EXPECT_EQ(toks[3].kind, Tok::LineComment);
  EXPECT_EQ(toks[4].text, "..");
  EXPECT_EQ(toks[4].newlines_before, 1);
  EXPECT_EQ(toks[5].text, "??");
}

TEST(FmtTokens, DeeplyNestedInterpolationsDoNotExhaustTheStack) {
  std::string s;
  for (int i = 0; i < 100000; ++i) s += "\"{";
  auto toks = tokenize(s);
  ASSERT_FALSE(toks.empty());
  EXPECT_EQ(toks[0].kind, Tok::String);
}

TEST(FmtFile, TruncatedShippedFilesNeverCrash) {
  // Every prefix of a real model: either a diagnostic or a layout that still parses.
  std::string text = "family a.b {\n  file f \"{x(\"}\")}\" per device {\n    content {\n      if a { \"k\" = -1; } else { @\"e\" = b[1]; }\n"
                     "      /* c */ let k = if x then 1\n        else 2; // d\n    }\n  }\n}\n";
  for (std::size_t n = 0; n <= text.size(); ++n) {
    SourceManager sm;
    Diagnostics diags;
    FileId f = sm.add("t.phone", text.substr(0, n));
    auto out = format_file(sm, f, diags);
    EXPECT_TRUE(out.has_value() || diags.has_errors()) << n;
    if (out) {
      EXPECT_EQ(layout(*out), *out) << n;
    }
  }
}

}  // namespace
}  // namespace phonec::fmt
