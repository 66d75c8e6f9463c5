// The AST of .phone files. Every node carries its source Range; strings are copied out of the
// input (no views into it), so a Module outlives the parser's buffers.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "diag/source.h"

namespace phonec::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind { Int, Str, Bool, None, Name, Member, Index, Call, Unary, Binary, List, Cond };

// One piece of a string literal: literal text, or an interpolated {expression}.
struct StrPart {
  std::string text;
  ExprPtr expr;  // null for literal text
};

struct Expr {
  ExprKind kind = ExprKind::None;
  Range range;
  std::int64_t int_value = 0;
  bool bool_value = false;
  std::string name;            // Name: identifier; Member: field; Call: callee name; Unary/Binary: operator
  Range name_range;            // Member: the field name's range
  std::vector<StrPart> parts;  // Str
  std::vector<ExprPtr> args;   // Member/Index: [object, (index)]; Call: arguments; Unary/Binary: operands; List: items;
                               // Cond: [condition, then, else]
  mutable int slot = -1;       // Member on a record: the field slot, resolved by the checker

  // The literal text if this is a string without interpolation.
  bool is_plain_string() const;
  std::string plain_string() const;
};

enum class StmtKind { Set, Attr, Element, Section, Text, For, If, Let, Require };

struct Stmt {
  StmtKind kind = StmtKind::Set;
  Range range;
  ExprPtr key;    // Set/Attr/Element/Section: the (template) name; Require: the message
  ExprPtr value;  // Set/Attr/Text/Let: value; For: iterable; If/Require: condition
  std::string var;  // For/Let
  Range var_range;
  std::vector<Stmt> body;
  std::vector<Stmt> else_body;
};

struct TypeRef {
  Range range;
  std::string name;                // empty for a list type
  std::unique_ptr<TypeRef> elem;   // list element type
  bool optional = false;
  bool has_min = false, has_max = false;
  std::int64_t min = 0, max = 0;
};

struct Block;

// `name v1, v2;`  `name { ... }`  `key = v;` (assign)  `name: Type = default;` (field)
struct Property {
  enum class Kind { Plain, Assign, Field } kind = Kind::Plain;
  std::string name;
  Range name_range;
  Range range;
  std::vector<ExprPtr> values;
  std::unique_ptr<Block> block;
  std::unique_ptr<TypeRef> type;  // Field
};

struct FileDecl {
  std::string id;
  Range id_range;
  Range range;
  ExprPtr pattern;
  std::string scope = "device";  // device | model | site
  Range scope_range;
  std::vector<Property> props;
  std::vector<Stmt> content;
  bool has_content = false;
  Range content_range;
};

struct OptionUse {
  Range range;
  std::string name;  // option name, or empty when given by code
  std::int64_t code = -1;
  std::int64_t sub = -1;  // sub-option (43.1), -1 when none
  Range ref_range;
  ExprPtr value;
};

struct Block {
  Range range;
  std::vector<Property> props;
  std::vector<FileDecl> files;
  std::vector<OptionUse> options;
  std::vector<std::pair<Range, std::vector<Stmt>>> contents;  // `content { }` outside a file: an error in sema
};

struct Decl {
  std::string kind;  // vendor, family, model, site, device, record, enum, key_type, feature_group, profile, dhcp_option, type
  Range kind_range;
  std::string name;
  Range name_range;
  std::string title;
  bool has_title = false;
  std::string parent;
  Range parent_range;
  Block body;
  bool has_body = false;
  std::unique_ptr<TypeRef> alias;  // type X = ...;
  Range range;
};

struct Import {
  std::string path;
  Range range;
};

struct Module {
  FileId file = kNoFile;
  std::vector<Import> imports;
  std::vector<Decl> decls;
};

}  // namespace phonec::ast
