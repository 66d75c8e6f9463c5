// Human messages for every commit point of grammar/phone.hpp. A rule reached through must<> or
// if_must<> that fails raises the message below; tests/unit/grammar_test.cpp checks the table
// covers every rule the grammar can raise on.
#pragma once
#include "grammar/phone.hpp"

namespace phonec::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

#define PHONEC_ERROR(text, ...) \
  template <>                   \
  inline constexpr const char* error_message<__VA_ARGS__> = text
PHONEC_ERROR("expected white space", ws);
PHONEC_ERROR("unterminated comment: expected '*/'", p::until<block_comment_end>);
PHONEC_ERROR("expected ';'", semi);
PHONEC_ERROR("expected '}'", close_brace);
PHONEC_ERROR("expected ')'", close_paren);
PHONEC_ERROR("expected ']'", close_bracket);
PHONEC_ERROR("expected an operand", unary_operand);
PHONEC_ERROR("expected an expression", expr_required);
PHONEC_ERROR("expected ',' and the message after the condition", comma_required);
PHONEC_ERROR("expected the message, a string", require_message);
PHONEC_ERROR("expected an operand", operand_required);
PHONEC_ERROR("expected an operand", add_required);
PHONEC_ERROR("expected an operand", mul_required);
PHONEC_ERROR("expected an operand", coalesce_required);
PHONEC_ERROR("expected an operand", cmp_required);
PHONEC_ERROR("expected an operand", and_required);
PHONEC_ERROR("expected a string", string_required);
PHONEC_ERROR("expected '='", equals_required);
PHONEC_ERROR("expected 'in'", in_required);
PHONEC_ERROR("expected 'then'", then_required);
PHONEC_ERROR("expected 'else': a conditional expression is if C then A else B", else_required);
PHONEC_ERROR("expected a list of expressions", list_items);
PHONEC_ERROR("expected arguments", call_args);
PHONEC_ERROR("expected a field name after '.'", member_name);
PHONEC_ERROR("unterminated string: expected '\"' (strings cannot span lines)", str_close);
PHONEC_ERROR("expected '}' to close the interpolation", str_interp_end);
PHONEC_ERROR("invalid escape: expected \\\" \\\\ \\n \\t \\r \\{ \\} or \\u{XXXX}", p::sor<str_simple_escape, str_unicode>);
PHONEC_ERROR("invalid string contents", p::star<p::sor<str_chars, str_escape, str_interp>>);
PHONEC_ERROR("expected 1 to 6 hexadecimal digits in \\u{...}", str_hex);
PHONEC_ERROR("expected '{' to open a block of statements", stmt_block);
PHONEC_ERROR("expected a statement", p::star<statement, ws>);
PHONEC_ERROR("expected a loop variable name", loop_var);
PHONEC_ERROR("expected 'else'", p::opt<ws, else_clause>);
PHONEC_ERROR("expected 'if' or '{' after 'else'", p::sor<if_stmt, stmt_block>);
PHONEC_ERROR("expected a variable name", let_var);
PHONEC_ERROR("expected a type", type_ref);
PHONEC_ERROR("expected a declaration member", p::star<member, ws>);
PHONEC_ERROR("expected the file's identifier (file NAME \"pattern\" per SCOPE { ... })", file_id);
PHONEC_ERROR("expected 'per'", p::opt<kw_per, ws, file_scope, ws>);
PHONEC_ERROR("expected 'device', 'model' or 'site' after 'per'", file_scope);
PHONEC_ERROR("expected a DHCP option code or name", option_ref);
PHONEC_ERROR("expected ';' or '{'", prop_end);
PHONEC_ERROR("expected a name", decl_name);
PHONEC_ERROR("expected a title", p::opt<decl_title, ws>);
PHONEC_ERROR("expected ':'", p::opt<decl_parent, ws>);
PHONEC_ERROR("expected a qualified name such as yealink.t4x", qname);
PHONEC_ERROR("expected '{' or ';'", decl_body);
PHONEC_ERROR("expected a type name", type_decl_name);
PHONEC_ERROR("expected the imported file's path as a string", import_path);
PHONEC_ERROR("expected a declaration (vendor, family, model, site, device, record, enum, type, key_type, feature_group, profile, dhcp_option or import)", end_of_file);
#undef PHONEC_ERROR

struct errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
};

}  // namespace phonec::grammar
