// The one translation unit that includes PEGTL: runs grammar/phone.hpp into a parse tree, then
// converts the tree into the AST (copying text), with positioned diagnostics for syntax errors.
#include "syntax/parser.h"

#include <algorithm>
#include <tao/pegtl/contrib/limit_depth.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>
#include <unordered_map>

#include "grammar/errors.hpp"
#include "grammar/phone.hpp"

namespace phonec::syntax {
namespace g = phonec::grammar;
namespace pt = tao::pegtl::parse_tree;
using Node = pt::node;

template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        g::import_decl, g::type_decl, g::declaration, g::decl_kind, g::decl_name, g::decl_title, g::decl_parent,
        g::decl_body, g::qname, g::member_block, g::semi, g::file_decl, g::file_id, g::file_scope, g::content_decl,
        g::option_use, g::option_code, g::option_name, g::option_sub, g::field_decl, g::field_name, g::field_default,
        g::assign_entry, g::entry_key, g::property, g::prop_name, g::type_ref, g::list_type, g::named_type,
        g::type_name, g::type_min, g::type_max, g::optional_mark, g::stmt_block, g::for_stmt, g::loop_var, g::if_stmt,
        g::else_clause, g::let_stmt, g::let_var, g::require_stmt, g::require_message, g::element_stmt, g::section_stmt, g::text_stmt, g::attr_stmt,
        g::set_stmt, g::expression, g::and_expr, g::cmp_expr, g::coalesce_expr, g::add_expr, g::unary_expr,
        g::postfix_expr, g::op_or, g::op_and, g::op_cmp, g::op_coalesce, g::op_add, g::op_not, g::op_neg,
        g::integer, g::string_lit, g::str_chars, g::str_simple_escape, g::str_hex, g::str_interp, g::kw_true,
        g::kw_false, g::kw_none, g::paren_expr, g::list_expr, g::name_ref, g::member_suffix, g::member_name,
        g::index_suffix, g::call_suffix, g::identifier, g::import_path, g::expr_required, g::string_required,
        g::operand_required, g::add_required, g::coalesce_required, g::cmp_required, g::and_required, g::in_required, g::type_decl_name, g::mul_expr, g::mul_required, g::op_mul, g::cond_expr>>;

// Counts rule nesting so that hostile input (10k nested brackets) is a diagnostic, not a stack
// overflow. Every rule counts, so this is roughly 25 levels of expression nesting per 1000.
template <typename Rule>
struct depth_action : tao::pegtl::limit_depth<4000> {};

namespace {

// Deep enough for any real model, shallow enough for every recursive pass on a default stack.
constexpr std::size_t kMaxExprDepth = 1000;

class Converter {
 public:
  Converter(FileId file, std::string_view text, Diagnostics& diags) : file_(file), text_(text), diags_(diags) {}
  // An expression was nested too deeply; the module is incomplete and must not be used.
  bool too_deep() const { return too_deep_; }

  ast::Module module(const Node& root) {
    ast::Module m;
    m.file = file_;
    for (auto& c : root.children) {
      if (c->is_type<g::import_decl>()) {
        ast::Import imp;
        imp.range = range(*c);
        imp.path = plain(*child<g::import_path>(*c));
        m.imports.push_back(std::move(imp));
      } else if (c->is_type<g::type_decl>()) {
        ast::Decl d;
        d.kind = "type";
        d.range = range(*c);
        d.kind_range = Range{file_, d.range.begin, d.range.begin + 4};
        const Node& name = *child<g::type_decl_name>(*c);
        d.name = name.string();
        d.name_range = range(name);
        d.alias = type_ref(*child<g::type_ref>(*c));
        m.decls.push_back(std::move(d));
      } else if (c->is_type<g::declaration>()) {
        m.decls.push_back(declaration(*c));
      }
    }
    return m;
  }

 private:
  Range range(const Node& n) const {
    return Range{file_, static_cast<std::uint32_t>(n.m_begin.byte), static_cast<std::uint32_t>(n.m_end.byte)};
  }

  template <typename Pred>
  static const Node* find(const Node& n, Pred pred) {
    for (auto& c : n.children)
      if (pred(*c)) return c.get();
    return nullptr;
  }
  template <typename Rule>
  static const Node* child(const Node& n) {
    return find(n, [](const Node& c) { return c.is_type<Rule>(); });
  }

  std::string plain(const Node& str) {
    ast::ExprPtr e = string_lit(str);
    if (!e->is_plain_string()) {
      diags_.error(e->range, "syntax", "interpolation is not allowed here");
      return {};
    }
    return e->plain_string();
  }

  ast::Decl declaration(const Node& n) {
    ast::Decl d;
    d.range = range(n);
    const Node* kind = child<g::decl_kind>(n);
    d.kind = kind->string();
    d.kind_range = range(*kind);
    const Node* name = child<g::decl_name>(n);
    d.name_range = range(*name);
    const Node& nn = *name->children.at(0);
    d.name = nn.is_type<g::string_lit>() ? plain(nn) : nn.string();
    if (const Node* t = child<g::decl_title>(n)) {
      d.title = plain(*t);
      d.has_title = true;
    }
    if (const Node* par = child<g::decl_parent>(n)) {
      const Node& q = *par->children.at(0);
      d.parent = q.string();
      d.parent_range = range(q);
    }
    const Node* body = child<g::decl_body>(n);
    if (const Node* b = child<g::member_block>(*body)) {
      d.body = block(*b);
      d.has_body = true;
    } else {
      d.body.range = range(*body);
    }
    return d;
  }

  ast::Block block(const Node& n) {
    ast::Block b;
    b.range = range(n);
    for (auto& c : n.children) {
      if (c->is_type<g::file_decl>()) b.files.push_back(file_decl(*c));
      else if (c->is_type<g::content_decl>()) b.contents.emplace_back(range(*c), stmts(*c->children.at(0)));
      else if (c->is_type<g::option_use>()) b.options.push_back(option_use(*c));
      else if (c->is_type<g::field_decl>()) b.props.push_back(field_decl(*c));
      else if (c->is_type<g::assign_entry>()) b.props.push_back(assign_entry(*c));
      else if (c->is_type<g::property>()) b.props.push_back(property(*c));
    }
    return b;
  }

  ast::FileDecl file_decl(const Node& n) {
    ast::FileDecl f;
    f.range = range(n);
    const Node* id = child<g::file_id>(n);
    f.id = id->string();
    f.id_range = range(*id);
    f.pattern = string_lit(*child<g::string_required>(n));
    if (const Node* s = child<g::file_scope>(n)) {
      f.scope = s->string();
      f.scope_range = range(*s);
    } else {
      f.scope_range = f.id_range;
    }
    ast::Block body = block(*child<g::member_block>(n));
    f.props = std::move(body.props);
    for (auto& [r, c] : body.contents) {
      if (f.has_content) diags_.error(r, "duplicate-content", "file '" + f.id + "' already has a content block");
      f.content = std::move(c);
      f.content_range = r;
      f.has_content = true;
    }
    for (auto& o : body.options) diags_.error(o.range, "misplaced-option", "a DHCP option cannot appear inside a file");
    for (auto& nested : body.files) diags_.error(nested.range, "nested-file", "a file cannot contain another file");
    return f;
  }

  ast::OptionUse option_use(const Node& n) {
    ast::OptionUse o;
    o.range = range(n);
    if (const Node* c = child<g::option_code>(n)) {
      o.code = integer_value(*c);
      o.ref_range = range(*c);
    }
    if (const Node* c = child<g::option_name>(n)) {
      o.name = c->string();
      o.ref_range = range(*c);
    }
    if (const Node* s = child<g::option_sub>(n)) {
      o.sub = integer_value(*s);
      o.ref_range.end = range(*s).end;
    }
    o.value = expr(*child<g::expr_required>(n));
    return o;
  }

  ast::Property field_decl(const Node& n) {
    ast::Property p;
    p.kind = ast::Property::Kind::Field;
    p.range = range(n);
    const Node* name = child<g::field_name>(n);
    p.name = name->string();
    p.name_range = range(*name);
    p.type = type_ref(*child<g::type_ref>(n));
    if (const Node* d = child<g::field_default>(n)) p.values.push_back(expr(*d->children.at(0)));
    return p;
  }

  ast::Property assign_entry(const Node& n) {
    ast::Property p;
    p.kind = ast::Property::Kind::Assign;
    p.range = range(n);
    const Node* key = child<g::entry_key>(n);
    p.name_range = range(*key);
    const Node* s = key->children.empty() ? nullptr : key->children.at(0).get();
    p.name = (s && s->is_type<g::string_lit>()) ? plain(*s) : key->string();
    p.values.push_back(expr(*child<g::expr_required>(n)));
    return p;
  }

  ast::Property property(const Node& n) {
    ast::Property p;
    p.range = range(n);
    const Node* name = child<g::prop_name>(n);
    p.name = name->string();
    p.name_range = range(*name);
    for (auto& c : n.children)
      if (c->is_type<g::expression>()) p.values.push_back(expr(*c));
    if (const Node* b = child<g::member_block>(n)) p.block = std::make_unique<ast::Block>(block(*b));
    return p;
  }

  std::unique_ptr<ast::TypeRef> type_ref(const Node& n) {
    auto t = std::make_unique<ast::TypeRef>();
    t->range = range(n);
    t->optional = child<g::optional_mark>(n) != nullptr;
    if (const Node* l = child<g::list_type>(n)) {
      t->elem = type_ref(*l->children.at(0));
    } else if (const Node* nt = child<g::named_type>(n)) {
      t->name = child<g::type_name>(*nt)->string();
      if (const Node* mn = child<g::type_min>(*nt)) {
        t->has_min = true;
        t->min = integer_value(*mn);
      }
      if (const Node* mx = child<g::type_max>(*nt)) {
        t->has_max = true;
        t->max = integer_value(*mx);
      }
    }
    return t;
  }

  std::vector<ast::Stmt> stmts(const Node& block) {
    std::vector<ast::Stmt> out;
    for (auto& c : block.children) out.push_back(stmt(*c));
    return out;
  }

  ast::Stmt stmt(const Node& n) {
    ast::Stmt s;
    s.range = range(n);
    auto key = [&] {
      const Node* k = child<g::string_lit>(n);
      s.key = string_lit(k ? *k : *child<g::string_required>(n));
    };
    auto value = [&] { s.value = expr(*child<g::expr_required>(n)); };
    auto body = [&] { s.body = stmts(*child<g::stmt_block>(n)); };
    if (n.is_type<g::set_stmt>()) { s.kind = ast::StmtKind::Set; key(); value(); }
    else if (n.is_type<g::attr_stmt>()) { s.kind = ast::StmtKind::Attr; key(); value(); }
    else if (n.is_type<g::element_stmt>()) { s.kind = ast::StmtKind::Element; key(); body(); }
    else if (n.is_type<g::section_stmt>()) { s.kind = ast::StmtKind::Section; key(); body(); }
    else if (n.is_type<g::text_stmt>()) { s.kind = ast::StmtKind::Text; value(); }
    else if (n.is_type<g::require_stmt>()) {
      s.kind = ast::StmtKind::Require;
      value();
      s.key = string_lit(*child<g::require_message>(n));
    }
    else if (n.is_type<g::for_stmt>()) {
      s.kind = ast::StmtKind::For;
      const Node* v = child<g::loop_var>(n);
      s.var = v->string();
      s.var_range = range(*v);
      value();
      body();
    } else if (n.is_type<g::let_stmt>()) {
      s.kind = ast::StmtKind::Let;
      const Node* v = child<g::let_var>(n);
      s.var = v->string();
      s.var_range = range(*v);
      value();
    } else if (n.is_type<g::if_stmt>()) {
      s.kind = ast::StmtKind::If;
      value();
      body();
      if (const Node* e = child<g::else_clause>(n)) {
        const Node& what = *e->children.at(0);
        if (what.is_type<g::if_stmt>()) s.else_body.push_back(stmt(what));
        else s.else_body = stmts(what);
      }
    }
    return s;
  }

  std::int64_t integer_value(const Node& n) {
    std::string t = n.string();
    std::int64_t v = 0;
    for (char c : t) {
      if (v > (INT64_MAX - 9) / 10) {
        diags_.error(range(n), "integer-overflow", "integer literal is too large");
        return 0;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  ast::ExprPtr make(ast::ExprKind k, const Node& n) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = k;
    e->range = range(n);
    return e;
  }

  // Every expression goes through here so that the AST's depth is known and bounded: folding a
  // flat chain (`a + b + ...` 20000 times, `x.y.z...`) builds a tree as deep as the chain, which
  // the parser's rule-depth limit never sees and every recursive pass after it would overflow on.
  ast::ExprPtr expr(const Node& n) {
    ast::ExprPtr e = expr_node(n);
    note_depth(*e);
    return e;
  }

  // Depth of `e` from its children's (all built through expr() or a fold, so already known);
  // reports once, and from then on folds stop growing the tree.
  std::size_t note_depth(const ast::Expr& e) {
    std::size_t d = 0;
    auto child = [&](const ast::Expr* c) {
      if (!c) return;
      auto it = depth_.find(c);
      d = std::max(d, it == depth_.end() ? std::size_t{1} : it->second);
    };
    for (const auto& a : e.args) child(a.get());
    for (const auto& p : e.parts) child(p.expr.get());
    depth_[&e] = ++d;
    if (d > kMaxExprDepth && !too_deep_) {
      too_deep_ = true;
      diags_.error(e.range, "syntax", "expression is nested too deeply (more than " + std::to_string(kMaxExprDepth) +
                                          " levels, counting chains of operators)");
    }
    return d;
  }

  // Binary levels: children are operand (op operand)*; fold to the left.
  ast::ExprPtr expr_node(const Node& n) {
    if (n.is_type<g::expression>() || n.is_type<g::and_expr>() || n.is_type<g::cmp_expr>() ||
        n.is_type<g::coalesce_expr>() || n.is_type<g::add_expr>() || n.is_type<g::expr_required>() ||
        n.is_type<g::and_required>() || n.is_type<g::cmp_required>() || n.is_type<g::coalesce_required>() ||
        n.is_type<g::add_required>() || n.is_type<g::mul_expr>() || n.is_type<g::mul_required>()) {
      ast::ExprPtr left = expr(*n.children.at(0));
      for (std::size_t i = 1; i + 1 < n.children.size() && !too_deep_; i += 2) {
        const Node& op = *n.children[i];
        auto e = std::make_unique<ast::Expr>();
        e->kind = ast::ExprKind::Binary;
        e->name = op.string();
        ast::ExprPtr right = expr(*n.children[i + 1]);
        e->range = Range{file_, left->range.begin, right->range.end};
        e->name_range = range(op);
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(right));
        note_depth(*e);
        left = std::move(e);
      }
      return left;
    }
    if (n.is_type<g::unary_expr>() || n.is_type<g::operand_required>()) {
      if (n.children.size() == 1) return expr(*n.children[0]);
      auto e = make(ast::ExprKind::Unary, n);
      e->name = n.children[0]->is_type<g::op_not>() ? "not" : "-";
      e->args.push_back(expr(*n.children.at(1)));
      return e;
    }
    if (n.is_type<g::postfix_expr>()) {
      ast::ExprPtr cur = expr(*n.children.at(0));
      for (std::size_t i = 1; i < n.children.size() && !too_deep_; ++i) {
        const Node& suf = *n.children[i];
        auto e = std::make_unique<ast::Expr>();
        e->range = Range{file_, cur->range.begin, range(suf).end};
        if (suf.is_type<g::member_suffix>()) {
          e->kind = ast::ExprKind::Member;
          const Node& mn = *suf.children.at(0);
          e->name = mn.string();
          e->name_range = range(mn);
          e->args.push_back(std::move(cur));
        } else if (suf.is_type<g::index_suffix>()) {
          e->kind = ast::ExprKind::Index;
          e->args.push_back(std::move(cur));
          e->args.push_back(expr(*suf.children.at(0)));
        } else {
          e->kind = ast::ExprKind::Call;
          if (cur->kind != ast::ExprKind::Name) {
            diags_.error(cur->range, "not-callable", "only named functions can be called");
          }
          e->name = cur->name;
          e->name_range = cur->range;
          for (auto& a : suf.children) e->args.push_back(expr(*a));
        }
        note_depth(*e);
        cur = std::move(e);
      }
      return cur;
    }
    if (n.is_type<g::integer>()) {
      auto e = make(ast::ExprKind::Int, n);
      e->int_value = integer_value(n);
      return e;
    }
    if (n.is_type<g::string_lit>() || n.is_type<g::string_required>()) return string_lit(n);
    if (n.is_type<g::kw_true>() || n.is_type<g::kw_false>()) {
      auto e = make(ast::ExprKind::Bool, n);
      e->bool_value = n.is_type<g::kw_true>();
      return e;
    }
    if (n.is_type<g::kw_none>()) return make(ast::ExprKind::None, n);
    if (n.is_type<g::paren_expr>()) return expr(*n.children.at(0));
    if (n.is_type<g::cond_expr>()) {
      auto e = make(ast::ExprKind::Cond, n);
      for (auto& c : n.children)
        if (c->is_type<g::expr_required>()) e->args.push_back(expr(*c));
      return e;
    }
    if (n.is_type<g::list_expr>()) {
      auto e = make(ast::ExprKind::List, n);
      for (auto& c : n.children) e->args.push_back(expr(*c));
      return e;
    }
    if (n.is_type<g::name_ref>()) {
      auto e = make(ast::ExprKind::Name, n);
      e->name = n.string();
      return e;
    }
    // Unreachable for a tree built by the grammar; an empty None keeps the pipeline total.
    return make(ast::ExprKind::None, n);
  }

  ast::ExprPtr string_lit(const Node& n) {
    auto e = make(ast::ExprKind::Str, n);
    auto text_part = [&]() -> std::string& {
      if (e->parts.empty() || e->parts.back().expr) e->parts.emplace_back();
      return e->parts.back().text;
    };
    for (auto& c : n.children) {
      if (c->is_type<g::str_chars>()) {
        text_part() += c->string_view();
      } else if (c->is_type<g::str_simple_escape>()) {
        char ch = c->string_view()[0];
        text_part() += ch == 'n' ? '\n' : ch == 't' ? '\t' : ch == 'r' ? '\r' : ch;
      } else if (c->is_type<g::str_hex>()) {
        std::uint32_t cp = static_cast<std::uint32_t>(std::stoul(c->string(), nullptr, 16));
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          diags_.error(range(*c), "invalid-escape", "\\u{" + c->string() + "} is not a Unicode scalar value");
          continue;
        }
        append_utf8(text_part(), cp);
      } else if (c->is_type<g::str_interp>()) {
        ast::StrPart part;
        part.expr = expr(*c->children.at(0));
        e->parts.push_back(std::move(part));
      }
    }
    return e;
  }

  static void append_utf8(std::string& s, std::uint32_t cp) {
    if (cp < 0x80) s += static_cast<char>(cp);
    else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  FileId file_;
  std::string_view text_;
  Diagnostics& diags_;
  std::unordered_map<const ast::Expr*, std::size_t> depth_;
  bool too_deep_ = false;
};

}  // namespace

std::optional<ast::Module> parse_module(const SourceManager& sm, FileId file, Diagnostics& diags) {
  const SourceFile& src = sm.get(file);
  if (src.text().size() > (64u << 20)) {
    diags.error(Range{file, 0, 0}, "input-too-large", "file is larger than 64 MiB");
    return std::nullopt;
  }
  tao::pegtl::memory_input<> in(src.text().data(), src.text().size(), src.path());
  try {
    auto root = pt::parse<g::file, Node, selector, depth_action, tao::pegtl::must_if<g::errors, tao::pegtl::normal, false>::control>(in);
    if (!root) {
      diags.error(Range{file, 0, 0}, "syntax", "cannot parse this file");
      return std::nullopt;
    }
    Converter conv(file, src.text(), diags);
    ast::Module m = conv.module(*root);
    if (conv.too_deep()) return std::nullopt;
    return m;
  } catch (const tao::pegtl::parse_error& e) {
    std::uint32_t off = e.positions().empty() ? 0 : static_cast<std::uint32_t>(e.positions().front().byte);
    std::string msg(e.message());
    if (msg.rfind("parse error matching", 0) == 0) msg = "syntax error";
    if (msg == "maximum parser rule nesting depth exceeded")
      msg = "nesting is too deep (more than about " + std::to_string(kMaxNesting) + " levels)";
    std::uint32_t end = off < src.text().size() ? off + 1 : off;
    diags.error(Range{file, off, end}, "syntax", msg);
    return std::nullopt;
  }
}

}  // namespace phonec::syntax
