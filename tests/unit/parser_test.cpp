// The parser, rule by rule: each construct of the language into its AST, and syntax errors with
// their positions and messages.
#include <gtest/gtest.h>

#include "syntax/parser.h"

using namespace phonec;

namespace {

struct Parsed {
  SourceManager sm;
  Diagnostics diags;
  std::optional<ast::Module> module;
  std::string errors() { return render_all_text(diags, sm); }
};

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  FileId f = p->sm.add("t.phone", text);
  p->module = syntax::parse_module(p->sm, f, p->diags);
  return p;
}

const ast::Decl& only_decl(Parsed& p) {
  EXPECT_TRUE(p.module) << p.errors();
  EXPECT_EQ(p.module->decls.size(), 1u);
  return p.module->decls.at(0);
}

}  // namespace

TEST(Parser, EmptyFileAndComments) {
  auto p = parse("// nothing\n/* still\n nothing */\n");
  ASSERT_TRUE(p->module) << p->errors();
  EXPECT_TRUE(p->module->decls.empty());
}

TEST(Parser, Import) {
  auto p = parse("import \"common.phone\";\n");
  ASSERT_TRUE(p->module) << p->errors();
  ASSERT_EQ(p->module->imports.size(), 1u);
  EXPECT_EQ(p->module->imports[0].path, "common.phone");
}

TEST(Parser, VendorWithListProperty) {
  auto p = parse("vendor yealink { title \"Yealink\"; oui \"00:15:65\", \"80:5e:c0\"; }");
  const ast::Decl& d = only_decl(*p);
  EXPECT_EQ(d.kind, "vendor");
  EXPECT_EQ(d.name, "yealink");
  ASSERT_EQ(d.body.props.size(), 2u);
  EXPECT_EQ(d.body.props[1].name, "oui");
  EXPECT_EQ(d.body.props[1].values.size(), 2u);
  EXPECT_EQ(d.body.props[1].values[1]->plain_string(), "80:5e:c0");
}

TEST(Parser, ModelWithParentAndQualifiedNamesWithDigitsAndDashes) {
  auto p = parse("model cisco.CP-8841-3PCC : cisco.mpp { lines 10; }");
  const ast::Decl& d = only_decl(*p);
  EXPECT_EQ(d.kind, "model");
  EXPECT_EQ(d.name, "cisco.CP-8841-3PCC");
  EXPECT_EQ(d.parent, "cisco.mpp");
  EXPECT_EQ(d.body.props.at(0).values.at(0)->int_value, 10);
}

TEST(Parser, TablesAreAssignEntries) {
  auto p = parse("family a.b { key_codes { blf = 16; \"x y\" = \"z\"; } }");
  const ast::Decl& d = only_decl(*p);
  const ast::Property& t = d.body.props.at(0);
  ASSERT_TRUE(t.block);
  ASSERT_EQ(t.block->props.size(), 2u);
  EXPECT_EQ(t.block->props[0].kind, ast::Property::Kind::Assign);
  EXPECT_EQ(t.block->props[0].name, "blf");
  EXPECT_EQ(t.block->props[1].name, "x y");
}

TEST(Parser, RecordFieldsWithTypesRangesOptionalListsAndDefaults) {
  auto p = parse("record line { number: int 1..; port: int 1..65535 = 5060; keys: [funckey]; pw: secret?; }");
  const ast::Decl& d = only_decl(*p);
  const auto& f = d.body.props;
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].kind, ast::Property::Kind::Field);
  EXPECT_TRUE(f[0].type->has_min);
  EXPECT_FALSE(f[0].type->has_max);
  EXPECT_EQ(f[1].type->max, 65535);
  EXPECT_EQ(f[1].values.at(0)->int_value, 5060);
  ASSERT_TRUE(f[2].type->elem);
  EXPECT_EQ(f[2].type->elem->name, "funckey");
  EXPECT_TRUE(f[3].type->optional);
}

TEST(Parser, TypeAliasAndEnum) {
  auto p = parse("type port = int 1..65535;\nenum transport { udp; tcp; tls; }");
  ASSERT_TRUE(p->module) << p->errors();
  ASSERT_EQ(p->module->decls.size(), 2u);
  EXPECT_EQ(p->module->decls[0].kind, "type");
  EXPECT_EQ(p->module->decls[0].alias->name, "int");
  EXPECT_EQ(p->module->decls[1].body.props.size(), 3u);
}

TEST(Parser, FileWithContentStatements) {
  auto p = parse(R"(family a.b {
  file config "{hex(device.mac)}.cfg" per device {
    format keyvalue;
    content {
      let n = 1;
      "a.{n}" = device.ntp ?? "x";
      for line in device.lines { if line.number > 1 { "l" = line.number; } else { "m" = 2; } }
    }
  }
})");
  const ast::Decl& d = only_decl(*p);
  ASSERT_EQ(d.body.files.size(), 1u);
  const ast::FileDecl& f = d.body.files[0];
  EXPECT_EQ(f.id, "config");
  EXPECT_EQ(f.scope, "device");
  EXPECT_TRUE(f.has_content);
  ASSERT_EQ(f.content.size(), 3u);
  EXPECT_EQ(f.content[0].kind, ast::StmtKind::Let);
  EXPECT_EQ(f.content[1].kind, ast::StmtKind::Set);
  EXPECT_EQ(f.content[1].value->kind, ast::ExprKind::Binary);
  EXPECT_EQ(f.content[1].value->name, "??");
  EXPECT_EQ(f.content[2].kind, ast::StmtKind::For);
  EXPECT_EQ(f.content[2].body.at(0).kind, ast::StmtKind::If);
  EXPECT_EQ(f.content[2].body.at(0).else_body.size(), 1u);
  ASSERT_EQ(f.pattern->parts.size(), 2u);
  EXPECT_EQ(f.pattern->parts[0].expr->kind, ast::ExprKind::Call);
  EXPECT_EQ(f.pattern->parts[1].text, ".cfg");
}

TEST(Parser, XmlStatements) {
  auto p = parse(R"(family a.b { file x "x.xml" per device { content {
    element "settings" { @"e" = 2; element "k" { text "v"; } "flat" = 1; }
  } } })");
  const ast::Decl& d = only_decl(*p);
  const ast::Stmt& el = d.body.files.at(0).content.at(0);
  EXPECT_EQ(el.kind, ast::StmtKind::Element);
  ASSERT_EQ(el.body.size(), 3u);
  EXPECT_EQ(el.body[0].kind, ast::StmtKind::Attr);
  EXPECT_EQ(el.body[1].body.at(0).kind, ast::StmtKind::Text);
  EXPECT_EQ(el.body[2].kind, ast::StmtKind::Set);
}

TEST(Parser, RequireStatement) {
  auto p = parse(R"(family a.b { file x "x.cfg" per device { content {
    require matches(device.admin_password, "[^:]*"), "no ':' in {device.mac}";
  } } })");
  const ast::Decl& d = only_decl(*p);
  const ast::Stmt& r = d.body.files.at(0).content.at(0);
  EXPECT_EQ(r.kind, ast::StmtKind::Require);
  ASSERT_TRUE(r.value && r.key);
  EXPECT_EQ(r.value->kind, ast::ExprKind::Call);
  EXPECT_EQ(r.value->name, "matches");
  EXPECT_EQ(r.key->kind, ast::ExprKind::Str);
  ASSERT_EQ(r.key->parts.size(), 2u);
  EXPECT_EQ(r.key->parts[0].text, "no ':' in ");
}

TEST(Parser, OptionUseWithSubOption) {
  auto p = parse("family a.b { option 43.1 = \"x\"; option tftp_server_name = site.provisioning_url; }");
  const ast::Decl& d = only_decl(*p);
  ASSERT_EQ(d.body.options.size(), 2u);
  EXPECT_EQ(d.body.options[0].code, 43);
  EXPECT_EQ(d.body.options[0].sub, 1);
  EXPECT_EQ(d.body.options[1].name, "tftp_server_name");
}

TEST(Parser, PrecedenceMulOverAddOverCompareOverAndOverOr) {
  auto p = parse("family a.b { file x \"x\" per device { content { \"k\" = 1 + 2 * 3 == 7 and not false or true; } } }");
  const ast::Decl& d = only_decl(*p);
  const ast::Expr& e = *d.body.files.at(0).content.at(0).value;
  ASSERT_EQ(e.name, "or");
  const ast::Expr& a = *e.args[0];
  ASSERT_EQ(a.name, "and");
  const ast::Expr& cmp = *a.args[0];
  ASSERT_EQ(cmp.name, "==");
  const ast::Expr& add = *cmp.args[0];
  ASSERT_EQ(add.name, "+");
  EXPECT_EQ(add.args[1]->name, "*");
  EXPECT_EQ(a.args[1]->kind, ast::ExprKind::Unary);
}

TEST(Parser, ConditionalExpressionMemberIndexAndList) {
  auto p = parse("family a.b { file x \"x\" per device { content { \"k\" = if a.b[1] then [1, 2] else none; } } }");
  const ast::Decl& d = only_decl(*p);
  const ast::Expr& e = *d.body.files.at(0).content.at(0).value;
  ASSERT_EQ(e.kind, ast::ExprKind::Cond);
  EXPECT_EQ(e.args[0]->kind, ast::ExprKind::Index);
  EXPECT_EQ(e.args[0]->args[0]->kind, ast::ExprKind::Member);
  EXPECT_EQ(e.args[1]->kind, ast::ExprKind::List);
  EXPECT_EQ(e.args[2]->kind, ast::ExprKind::None);
}

TEST(Parser, StringEscapesAndUnicode) {
  auto p = parse(R"(site s { name "a\"b\\c\n\u{e9}\u{1F600}\{x\}"; })");
  const ast::Decl& d = only_decl(*p);
  EXPECT_EQ(d.body.props.at(0).values.at(0)->plain_string(), "a\"b\\c\n\xC3\xA9\xF0\x9F\x98\x80{x}");
}

TEST(Parser, SiteAndDeviceDeclarations) {
  auto p = parse(R"(site office { timezone "Europe/Paris"; sip { registrar "10.0.0.1"; } }
device "00:15:65:aa:bb:cc" : yealink.T46S { site office; lines { number 1; } })");
  ASSERT_TRUE(p->module) << p->errors();
  ASSERT_EQ(p->module->decls.size(), 2u);
  const ast::Decl& dev = p->module->decls[1];
  EXPECT_EQ(dev.kind, "device");
  EXPECT_EQ(dev.name, "00:15:65:aa:bb:cc");
  EXPECT_EQ(dev.parent, "yealink.T46S");
  EXPECT_TRUE(dev.body.props.at(1).block);
}

// Syntax errors: one diagnostic at the exact position, with a message a person understands.
struct SyntaxCase {
  const char* input;
  const char* expected;
};
// The input names the CTest case (not its bytes' addresses, which change from run to run).
void PrintTo(const SyntaxCase& c, std::ostream* os) { *os << ::testing::PrintToString(std::string(c.input)); }

class ParserErrors : public ::testing::TestWithParam<SyntaxCase> {};

TEST_P(ParserErrors, ReportsThePositionAndMessage) {
  auto p = parse(GetParam().input);
  EXPECT_FALSE(p->module);
  std::string text = p->errors();
  EXPECT_EQ(text.substr(0, text.find('\n')), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParserErrors,
    ::testing::Values(
        SyntaxCase{"vendor x { title \"a\" }", "t.phone:1:22: error: expected ';' or '{'"},
        SyntaxCase{"vendor x { title \"a;\n}", "t.phone:1:21: error: unterminated string: expected '\"' (strings cannot span lines)"},
        SyntaxCase{"vendor x { title \"\\q\"; }", "t.phone:1:20: error: invalid escape: expected \\\" \\\\ \\n \\t \\r \\{ \\} or \\u{XXXX}"},
        SyntaxCase{"modle a.b { }", "t.phone:1:1: error: expected a declaration (vendor, family, model, site, device, record, enum, type, key_type, feature_group, profile, dhcp_option or import)"},
        SyntaxCase{"family a.b { file x \"p\" per device { content { \"k\" = ; } } }", "t.phone:1:54: error: expected an expression"},
        SyntaxCase{"family a.b { file x \"p\" per device { content { for l device.lines { } } } }", "t.phone:1:54: error: expected 'in'"},
        SyntaxCase{"family a.b { file x \"p\" per device { content { \"k\" = 1 + ; } } }", "t.phone:1:58: error: expected an operand"},
        SyntaxCase{"family a.b { file x \"p\" per device { content { \"k\" = if a then b; } } }", "t.phone:1:65: error: expected 'else': a conditional expression is if C then A else B"},
        SyntaxCase{"/* open", "t.phone:1:8: error: unterminated comment: expected '*/'"},
        SyntaxCase{"record r { a: ; }", "t.phone:1:15: error: expected a type"},
        SyntaxCase{"family a.b { file \"p\" per device { } }", "t.phone:1:19: error: expected the file's identifier (file NAME \"pattern\" per SCOPE { ... })"},
        SyntaxCase{"import x;", "t.phone:1:8: error: expected the imported file's path as a string"},
        SyntaxCase{"family a.b { file x \"p\" per device { content { require a \"m\"; } } }", "t.phone:1:58: error: expected ',' and the message after the condition"},
        SyntaxCase{"family a.b { file x \"p\" per device { content { require a, 3; } } }", "t.phone:1:59: error: expected the message, a string"}));

TEST(Parser, DeepNestingIsADiagnosticNotACrash) {
  std::string deep = "family a.b { file x \"p\" per device { content { \"k\" = " + std::string(20000, '(') + "1" +
                     std::string(20000, ')') + "; } } }";
  auto p = parse(deep);
  EXPECT_FALSE(p->module);
  EXPECT_NE(p->errors().find("nesting is too deep"), std::string::npos) << p->errors();
}

TEST(Parser, EveryNodeHasARange) {
  auto p = parse("model a.B : a.c { lines 2; }");
  const ast::Decl& d = only_decl(*p);
  EXPECT_EQ(d.name_range.begin, 6u);
  EXPECT_EQ(d.name_range.end, 9u);
  EXPECT_EQ(d.parent_range.begin, 12u);
  const ast::Property& prop = d.body.props.at(0);
  EXPECT_EQ(prop.name_range.begin, 18u);
  EXPECT_EQ(prop.values.at(0)->range.begin, 24u);
}
