// Content functions called the way the evaluator calls them: arguments in place (sema::Args).
#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <vector>

#include "sema/builtins.h"

namespace {
using namespace phonec;
using sema::Value;

Value call(const char* name, std::initializer_list<const Value*> args, std::string& err) {
  const sema::Builtin* b = sema::find_builtin(name);
  EXPECT_NE(b, nullptr) << name;
  std::vector<const Value*> v(args);
  return b->fn(sema::Args(v.data(), v.size()), err);
}

// A thread keeps one matcher per pattern, reset to every text: each answer is the text's own,
// whatever was matched before.
TEST(SemaBuiltins, MatchesAnswersForEachTextOnAReusedMatcher) {
  const Value pattern = Value::str("[a-c]+");
  const Value digits = Value::str("[0-9]+");
  std::string err;
  auto matches = [&](const Value& text, const Value& p) {
    Value r = call("matches", {&text, &p}, err);
    EXPECT_EQ(r.kind, Value::Kind::Bool);
    return r.b;
  };
  EXPECT_TRUE(matches(Value::str("abcabc"), pattern));
  EXPECT_FALSE(matches(Value::str("abd"), pattern));
  EXPECT_FALSE(matches(Value::str(""), pattern));
  EXPECT_TRUE(matches(Value::str("cab"), pattern));
  EXPECT_FALSE(matches(Value::str("abcabcx"), pattern));  // the whole text, not a prefix
  EXPECT_TRUE(matches(Value::integer(4711), digits));      // a scalar matched as its text
  EXPECT_FALSE(matches(Value::str("47a1"), digits));
  EXPECT_TRUE(err.empty()) << err;
  Value secret = Value::str("zz");
  secret.secret = true;
  Value r = call("matches", {&secret, &pattern}, err);
  EXPECT_FALSE(r.b);
  EXPECT_TRUE(r.secret);  // derived from a secret
}

TEST(SemaBuiltins, MatchesReportsABadPattern) {
  const Value text = Value::str("x");
  const Value bad = Value::str("(");
  std::string err;
  Value r = call("matches", {&text, &bad}, err);
  EXPECT_TRUE(r.is_none());
  EXPECT_EQ(err, "bad regular expression \"(\": U_REGEX_MISMATCHED_PAREN at offset 1");
}

// lookup() as the evaluator reads it: the stored entry itself, or an error listing the keys.
TEST(SemaBuiltins, LookupEntryIsTheStoredEntry) {
  sema::ValueMap m;
  m["1"] = Value::str("one");
  m["de"] = Value::str("German");
  Value table;
  table.kind = Value::Kind::Map;
  table.map = std::make_shared<const sema::ValueMap>(std::move(m));
  const Value de = Value::str("de"), one = Value::integer(1), fr = Value::str("fr");
  std::string err;
  const Value* args[] = {&table, &de};
  EXPECT_EQ(sema::lookup_entry(sema::Args(args, 2), err), &table.map->at("de"));
  args[1] = &one;  // an integer key is its decimal text
  EXPECT_EQ(sema::lookup_entry(sema::Args(args, 2), err), &table.map->at("1"));
  EXPECT_TRUE(err.empty());
  args[1] = &fr;
  EXPECT_EQ(sema::lookup_entry(sema::Args(args, 2), err), nullptr);
  EXPECT_EQ(err, "'fr' is not supported (supported: 1, de)");
  err.clear();
  Value copied = call("lookup", {&table, &de}, err);
  EXPECT_EQ(copied.s, "German");
  EXPECT_TRUE(err.empty());
}

}  // namespace
