// The grammar of the phone-description language (.phone files), PEGTL 3.2.7.
// One named struct per construct; the EBNF lives in docs/language.md. Commit points (if_must /
// must) carry the human messages defined in grammar/errors.hpp. Only compiler/syntax/parser.cpp
// and the grammar tests include this header.
#pragma once
#include <tao/pegtl.hpp>

namespace phonec::grammar {
namespace p = tao::pegtl;

// ---- lexical -----------------------------------------------------------------------------
struct line_comment : p::seq<p::two<'/'>, p::until<p::eolf>> {};
struct block_comment_end : p::string<'*', '/'> {};
struct block_comment : p::if_must<p::string<'/', '*'>, p::until<block_comment_end>> {};
struct comment : p::sor<line_comment, block_comment> {};
struct ws : p::star<p::sor<p::space, comment>> {};

struct ident_first : p::ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : p::ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
struct identifier : p::seq<ident_first, p::star<ident_other>> {};
// A qualified name: vendor.Model; model parts may start with a digit and contain '-'
// (aastra.6930, cisco.CP-8841-3PCC).
struct qname_part : p::plus<p::sor<ident_other, p::one<'-'>>> {};
struct qname : p::seq<identifier, p::star<p::one<'.'>, qname_part>> {};

template <typename Key>
struct keyword : p::seq<Key, p::not_at<ident_other>> {};
#define PHONEC_KEYWORD(name) \
  struct kw_##name : keyword<TAO_PEGTL_STRING(#name)> {}
PHONEC_KEYWORD(import);
PHONEC_KEYWORD(vendor);
PHONEC_KEYWORD(family);
PHONEC_KEYWORD(model);
PHONEC_KEYWORD(site);
PHONEC_KEYWORD(device);
PHONEC_KEYWORD(record);
PHONEC_KEYWORD(enum);
PHONEC_KEYWORD(type);
PHONEC_KEYWORD(key_type);
PHONEC_KEYWORD(feature_group);
PHONEC_KEYWORD(profile);
PHONEC_KEYWORD(dhcp_option);
PHONEC_KEYWORD(file);
PHONEC_KEYWORD(per);
PHONEC_KEYWORD(content);
PHONEC_KEYWORD(option);
PHONEC_KEYWORD(for);
PHONEC_KEYWORD(in);
PHONEC_KEYWORD(if);
PHONEC_KEYWORD(else);
PHONEC_KEYWORD(let);
PHONEC_KEYWORD(require);
PHONEC_KEYWORD(element);
PHONEC_KEYWORD(section);
PHONEC_KEYWORD(text);
PHONEC_KEYWORD(true);
PHONEC_KEYWORD(false);
PHONEC_KEYWORD(none);
PHONEC_KEYWORD(and);
PHONEC_KEYWORD(or);
PHONEC_KEYWORD(not);
PHONEC_KEYWORD(then);
#undef PHONEC_KEYWORD

// Words that cannot name a variable in an expression.
struct reserved_word : p::sor<kw_true, kw_false, kw_none, kw_and, kw_or, kw_not, kw_in, kw_if, kw_then, kw_else, kw_for, kw_let> {};

struct semi : p::one<';'> {};
struct comma : p::one<','> {};
struct equals : p::seq<p::one<'='>, p::not_at<p::one<'='>>> {};
struct open_brace : p::one<'{'> {};
struct close_brace : p::one<'}'> {};

// ---- literals ----------------------------------------------------------------------------
struct integer : p::plus<p::digit> {};

struct expression;
struct str_hex : p::rep_min_max<1, 6, p::xdigit> {};
struct str_unicode : p::if_must<p::one<'u'>, p::one<'{'>, str_hex, p::one<'}'>> {};
struct str_simple_escape : p::one<'"', '\\', 'n', 't', 'r', '{', '}'> {};
struct str_escape : p::if_must<p::one<'\\'>, p::sor<str_simple_escape, str_unicode>> {};
struct str_chars : p::plus<p::not_one<'"', '\\', '{', '}', '\n', '\r'>> {};
struct str_interp_end : p::one<'}'> {};
struct expr_required;
struct str_interp : p::if_must<p::one<'{'>, ws, expr_required, ws, str_interp_end> {};
struct str_close : p::one<'"'> {};
struct string_lit : p::if_must<p::one<'"'>, p::star<p::sor<str_chars, str_escape, str_interp>>, str_close> {};

// ---- expressions -------------------------------------------------------------------------
struct close_paren : p::one<')'> {};
struct close_bracket : p::one<']'> {};
struct paren_expr : p::if_must<p::one<'('>, ws, expr_required, ws, close_paren> {};
struct list_items : p::opt<p::list<p::seq<expression, ws>, p::seq<comma, ws>>> {};
struct list_expr : p::if_must<p::one<'['>, ws, list_items, close_bracket> {};
struct name_ref : p::seq<p::not_at<reserved_word>, identifier> {};
struct then_required : kw_then {};
struct else_required : kw_else {};
struct cond_expr : p::if_must<kw_if, ws, expr_required, ws, then_required, ws, expr_required, ws, else_required, ws, expr_required> {};
struct primary : p::sor<integer, string_lit, kw_true, kw_false, kw_none, paren_expr, list_expr, cond_expr, name_ref> {};

struct member_name : p::plus<ident_other> {};
struct member_suffix : p::if_must<p::one<'.'>, member_name> {};
struct index_suffix : p::if_must<p::one<'['>, ws, expr_required, ws, close_bracket> {};
struct call_args : p::opt<p::list<p::seq<expression, ws>, p::seq<comma, ws>>> {};
struct call_suffix : p::if_must<p::one<'('>, ws, call_args, close_paren> {};
struct postfix_expr : p::seq<primary, p::star<p::sor<member_suffix, index_suffix, call_suffix>>> {};

struct op_not : kw_not {};
struct op_neg : p::one<'-'> {};
struct unary_expr;
struct unary_operand : p::seq<ws, unary_expr> {};
struct unary_expr : p::sor<p::if_must<op_not, unary_operand>, p::if_must<op_neg, unary_operand>, postfix_expr> {};
struct op_add : p::sor<p::one<'+'>, p::seq<p::one<'-'>, p::not_at<p::one<'>'>>>> {};
struct operand_required : unary_expr {};
struct op_mul : p::one<'*', '/', '%'> {};
struct mul_expr : p::seq<unary_expr, p::star<ws, op_mul, ws, p::must<operand_required>>> {};
struct mul_required : mul_expr {};
struct add_expr : p::seq<mul_expr, p::star<ws, op_add, ws, p::must<mul_required>>> {};
struct add_required : add_expr {};
struct op_coalesce : p::two<'?'> {};
struct coalesce_expr : p::seq<add_expr, p::star<ws, op_coalesce, ws, p::must<add_required>>> {};
struct coalesce_required : coalesce_expr {};
struct op_cmp : p::sor<p::two<'='>, p::string<'!', '='>, p::string<'<', '='>, p::string<'>', '='>, p::one<'<'>, p::one<'>'>> {};
struct cmp_expr : p::seq<coalesce_expr, p::opt<ws, op_cmp, ws, p::must<coalesce_required>>> {};
struct cmp_required : cmp_expr {};
struct op_and : kw_and {};
struct and_expr : p::seq<cmp_expr, p::star<ws, op_and, ws, p::must<cmp_required>>> {};
struct and_required : and_expr {};
struct op_or : kw_or {};
struct or_expr : p::seq<and_expr, p::star<ws, op_or, ws, p::must<and_required>>> {};
struct expression : or_expr {};
// Commit-point variants: a rule with an error message raises wherever it fails, so rules that
// are also tried as alternatives get a separately named required form.
struct expr_required : expression {};
struct string_required : string_lit {};
struct equals_required : equals {};
struct in_required : kw_in {};

// ---- content statements (what a file contains) -------------------------------------------
struct statement;
struct stmt_block : p::if_must<open_brace, ws, p::star<statement, ws>, close_brace> {};
struct set_stmt : p::if_must<string_lit, ws, equals_required, ws, expr_required, ws, semi> {};
struct attr_stmt : p::if_must<p::one<'@'>, ws, string_required, ws, equals_required, ws, expr_required, ws, semi> {};
struct element_stmt : p::if_must<kw_element, ws, string_required, ws, stmt_block> {};
struct section_stmt : p::if_must<kw_section, ws, string_required, ws, stmt_block> {};
struct text_stmt : p::if_must<kw_text, ws, expr_required, ws, semi> {};
struct loop_var : identifier {};
struct for_stmt : p::if_must<kw_for, ws, loop_var, ws, in_required, ws, expr_required, ws, stmt_block> {};
struct if_stmt;
struct else_clause : p::if_must<kw_else, ws, p::sor<if_stmt, stmt_block>> {};
struct if_stmt : p::if_must<kw_if, ws, expr_required, ws, stmt_block, p::opt<ws, else_clause>> {};
struct let_var : identifier {};
struct let_stmt : p::if_must<kw_let, ws, let_var, ws, equals_required, ws, expr_required, ws, semi> {};
// `require CONDITION, "message";`: a fact the phone needs of the data (a character its parser
// cannot take, a value range): an error for the device when the condition is false.
struct comma_required : comma {};
struct require_message : string_lit {};
struct require_stmt : p::if_must<kw_require, ws, expr_required, ws, comma_required, ws, require_message, ws, semi> {};
struct statement
    : p::sor<for_stmt, if_stmt, let_stmt, require_stmt, element_stmt, section_stmt, text_stmt, attr_stmt, set_stmt> {};

// ---- types -------------------------------------------------------------------------------
struct type_ref;
struct range_dots : p::two<'.'> {};
struct type_min : integer {};
struct type_max : integer {};
struct type_range : p::seq<type_min, ws, range_dots, ws, p::opt<type_max>> {};
struct type_name : identifier {};
struct named_type : p::seq<type_name, p::opt<ws, type_range>> {};
struct list_type : p::if_must<p::one<'['>, ws, type_ref, ws, close_bracket> {};
struct optional_mark : p::one<'?'> {};
struct type_ref : p::seq<p::sor<list_type, named_type>, p::opt<ws, optional_mark>> {};

// ---- members of a declaration block ------------------------------------------------------
struct member;
struct member_block : p::if_must<open_brace, ws, p::star<member, ws>, close_brace> {};
struct file_id : identifier {};
struct file_scope : identifier {};
struct file_decl : p::if_must<kw_file, ws, file_id, ws, string_required, ws, p::opt<kw_per, ws, file_scope, ws>, member_block> {};
struct content_decl : p::if_must<kw_content, ws, stmt_block> {};
struct option_code : integer {};
struct option_sub : integer {};
struct option_name : identifier {};
struct option_ref : p::seq<p::sor<option_code, option_name>, p::opt<p::one<'.'>, option_sub>> {};
struct option_use : p::if_must<kw_option, ws, option_ref, ws, equals_required, ws, expr_required, ws, semi> {};
struct field_name : identifier {};
struct field_default : p::if_must<equals, ws, expr_required> {};
struct field_decl : p::seq<field_name, ws, p::one<':'>, ws, p::must<type_ref>, ws, p::opt<field_default, ws>, p::must<semi>> {};
struct entry_key : p::sor<identifier, string_lit, integer> {};
struct assign_entry : p::seq<entry_key, ws, equals, ws, p::must<expr_required>, ws, p::must<semi>> {};
struct prop_name : identifier {};
struct prop_values : p::list<p::seq<expression, ws>, p::seq<comma, ws>> {};
struct prop_end : p::sor<member_block, p::one<';'>> {};
struct property : p::seq<prop_name, ws, p::opt<prop_values>, p::must<prop_end>> {};
struct member : p::sor<file_decl, content_decl, option_use, field_decl, assign_entry, property> {};

// ---- declarations ------------------------------------------------------------------------
struct decl_kind : p::sor<kw_vendor, kw_family, kw_model, kw_site, kw_device, kw_record, kw_enum, kw_key_type,
                          kw_feature_group, kw_profile, kw_dhcp_option> {};
struct decl_name : p::sor<string_lit, qname> {};
struct decl_title : string_lit {};
struct decl_parent : p::if_must<p::one<':'>, ws, qname> {};
struct decl_body : p::sor<member_block, p::one<';'>> {};
struct declaration : p::if_must<decl_kind, ws, decl_name, ws, p::opt<decl_title, ws>, p::opt<decl_parent, ws>, decl_body> {};
struct type_decl_name : identifier {};
struct type_decl : p::if_must<kw_type, ws, type_decl_name, ws, equals_required, ws, type_ref, ws, semi> {};
struct import_path : string_lit {};
struct import_decl : p::if_must<kw_import, ws, import_path, ws, semi> {};
struct top_level : p::sor<import_decl, type_decl, declaration> {};
struct bom : p::string<'\xEF', '\xBB', '\xBF'> {};
struct end_of_file : p::eof {};
struct file : p::seq<p::opt<bom>, ws, p::star<top_level, ws>, p::must<end_of_file>> {};

}  // namespace phonec::grammar
