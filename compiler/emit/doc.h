// What a file's content evaluates to, before a format emitter serialises it: a tree of settings
// (key = value pairs, XML elements with attributes and text, INI sections). Values are UTF-8;
// escaping and encoding are the emitter's job.
#pragma once
#include <string>
#include <vector>

#include "diag/source.h"
#include "sema/value.h"

namespace phonec::emit {

struct DocNode {
  enum class Kind { Pair, Element, Attr, Text, Section } kind = Kind::Pair;
  std::string name;
  std::string value;
  Range origin;        // the statement that produced it
  Range value_origin;  // where the value came from (an inventory field, a model literal)
  bool secret = false;
  sema::TextRole role = sema::TextRole::Plain;
  std::vector<DocNode> children;  // Element/Section
};

struct Doc {
  std::vector<DocNode> nodes;
  bool secret = false;  // some value came from a secret field
};

}  // namespace phonec::emit
