// Where a name read by a model's content expression is found, resolved once when the content
// is checked (ast::Expr::slot of a Name) so that evaluation, which reads names for every device,
// neither scans its bindings nor compares strings.
#pragma once
#include <string>
#include <string_view>

namespace phonec::sema::names {

// The name was never resolved (content not checked): it is looked up by its text.
inline constexpr int unresolved = -1;
// A slot >= 0 is the index of a `let`/`for` binding among those of the enclosing scopes,
// outermost first: the same index in the checker's scope and in the evaluator's, since both
// bind and unbind at the same statements.

// A name that is no binding: one of the globals, found in the evaluator's own order.
enum class Global { Other, Device, Devices, Site, Model, Codes, LanguagePacks, Firmware };

// A model's table of the same name, if any, takes the place of `Other`, `LanguagePacks` and
// `Firmware` (and of `Device`/`Devices` where the scope has none): tables are told apart by
// the number their name is interned as, which models share (a family's file reads the tables
// of every model inheriting it).
int table_id(std::string_view name);

inline constexpr int kinds = 8;
inline int global_slot(std::string_view name, Global g) {
  // The site, the model and the codes come before any table: theirs is never looked for.
  const bool first = g == Global::Site || g == Global::Model || g == Global::Codes;
  return -2 - ((first ? 0 : table_id(name)) * kinds + static_cast<int>(g));
}
inline constexpr bool is_global(int slot) { return slot <= -2; }
inline constexpr Global global_of(int slot) { return static_cast<Global>((-2 - slot) % kinds); }
inline constexpr int table_of(int slot) { return (-2 - slot) / kinds; }

inline Global classify(std::string_view name) {
  if (name == "device") return Global::Device;
  if (name == "devices") return Global::Devices;
  if (name == "site") return Global::Site;
  if (name == "model") return Global::Model;
  if (name == "codes") return Global::Codes;
  if (name == "language_packs") return Global::LanguagePacks;
  if (name == "firmware") return Global::Firmware;
  return Global::Other;  // a table of the model
}

}  // namespace phonec::sema::names
