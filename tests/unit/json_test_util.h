// Shared helpers for the JSON parser tests (header only: tests/unit/*.cpp are all compiled).
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "syntax/json.h"

namespace phonec::json::testing {

// One parsed file with its diagnostics; positions render as "line:col".
struct Doc {
  SourceManager sm;
  Diagnostics diags{10000};
  FileId file;
  std::optional<Value> value;

  explicit Doc(std::string text, std::string path = "site.json") {
    file = sm.add(std::move(path), std::move(text));
    value = parse(file, sm.get(file).text(), diags);
  }
  std::string_view text() const { return sm.get(file).text(); }
  std::string pos(std::uint32_t offset) const {
    LineCol lc = sm.get(file).line_col(offset);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  std::string at(const Range& r) const { return pos(r.begin); }
  std::string slice(const Range& r) const { return std::string(text().substr(r.begin, r.end - r.begin)); }
  // "line:col code: message" of every diagnostic in report order, notes as " | note line:col msg".
  std::string summary() const {
    std::string out;
    for (const Diagnostic& d : diags.all()) {
      if (!out.empty()) out += "\n";
      out += pos(d.range.begin) + " " + d.code + ": " + d.message;
      for (const Note& n : d.notes) out += " | note " + pos(n.range.begin) + " " + n.message;
    }
    return out;
  }
};

// The same document as nlohmann sees it; numbers are converted by reparsing their literal.
inline nlohmann::ordered_json to_nlohmann(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null: return nullptr;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::Number: return nlohmann::ordered_json::parse(v.text);
    case Value::Kind::String: return v.text;
    case Value::Kind::Array: {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (const Value& i : v.items) a.push_back(to_nlohmann(i));
      return a;
    }
    case Value::Kind::Object: {
      nlohmann::ordered_json o = nlohmann::ordered_json::object();
      for (const Member& m : v.members) o[m.key] = to_nlohmann(m.value);
      return o;
    }
  }
  return nullptr;
}

}  // namespace phonec::json::testing
