// Limits of the .phone parser against hostile input: flat operator chains fold into deep trees,
// which must be refused with a diagnostic instead of overflowing the stack of a later pass.
#include <gtest/gtest.h>

#include "syntax/parser.h"

namespace phonec {
namespace {

std::string model_with(const std::string& expr) {
  return "model evil.X {\n  file config \"x.cfg\" per device {\n    content { \"a\" = " + expr + "; }\n  }\n}\n";
}

struct Parsed {
  bool ok;
  std::string diags;
};

Parsed parse(const std::string& text) {
  SourceManager sm;
  Diagnostics diags;
  FileId f = sm.add("evil.phone", text);
  auto m = syntax::parse_module(sm, f, diags);
  return {m.has_value() && !diags.has_errors(), render_all_text(diags, sm)};
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(HostileParser, LongOperatorChainIsADiagnostic) {
  Parsed p = parse(model_with("device.mac" + repeat(" + \"x\"", 20000)));
  EXPECT_FALSE(p.ok);
  EXPECT_EQ(p.diags.rfind("evil.phone:3:21: error: expression is nested too deeply (more than 1000 levels, counting "
                          "chains of operators)\n", 0), 0u)
      << p.diags;
}

TEST(HostileParser, LongMemberAndIndexChainsAreDiagnostics) {
  EXPECT_FALSE(parse(model_with("device" + repeat(".mac", 20000))).ok);
  EXPECT_FALSE(parse(model_with("device.lines" + repeat("[0]", 20000))).ok);
  EXPECT_FALSE(parse(model_with("device.mac" + repeat(" ?? \"x\"", 20000))).ok);
}

TEST(HostileParser, ChainsInsideParenthesesAddUp) {
  // 150 levels of parentheses, each holding a 10-operator chain: 1500 levels of tree.
  std::string e = "device.mac";
  for (int i = 0; i < 150; ++i) e = "(" + e + repeat(" + \"x\"", 10) + ")";
  Parsed p = parse(model_with(e));
  EXPECT_FALSE(p.ok);
  EXPECT_NE(p.diags.find("expression is nested too deeply"), std::string::npos) << p.diags;
}

TEST(HostileParser, ReasonableChainsStillParse) {
  Parsed p = parse(model_with("device.mac" + repeat(" + \"x\"", 900)));
  EXPECT_TRUE(p.ok) << p.diags;
  EXPECT_TRUE(parse(model_with("device" + repeat(".mac", 50))).ok);
}

}  // namespace
}  // namespace phonec
