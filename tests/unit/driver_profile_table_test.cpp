// Hosts of equal option values and option lines share one profile, made once, from any thread;
// a model whose values differ per device stops filling the table at its limit.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "driver/profile_table.h"

namespace {

using namespace phonec;
using driver::ProfileTable;
using driver::SourcedProfile;

struct Lines {
  ast::OptionUse url, tftp;
  sema::Model model;
  Lines() { model.name = "yealink.T46S"; }
};

SourcedProfile profile(const Lines& l, std::string url, bool with_tftp = true) {
  SourcedProfile p;
  p.options.push_back({66, dhcp::Value::of_text(std::move(url)), false});
  p.uses.push_back(&l.url);
  if (with_tftp) {
    p.options.push_back({150, dhcp::Value::of_ips({"10.34.1.6"}), true});
    p.uses.push_back(&l.tftp);
  }
  return p;
}

TEST(ProfileTable, EqualProfilesAreOneAndTheModelIsSetOnTheMadeOne) {
  Lines l;
  ProfileTable t;
  auto a = t.intern(profile(l, "http://p/"), l.model);
  auto b = t.intern(profile(l, "http://p/"), l.model);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(a->model, "yealink.T46S");
  EXPECT_EQ(a->source_model, &l.model);
  ASSERT_EQ(a->options.size(), 2u);
  EXPECT_EQ(a->options[0].value.text, "http://p/");
  EXPECT_EQ(a->uses, (std::vector<const ast::OptionUse*>{&l.url, &l.tftp}));
  EXPECT_EQ(t.size(), 1u);
}

TEST(ProfileTable, ValuesForcingOrOptionLinesThatDifferAreNotShared) {
  Lines l;
  ProfileTable t;
  auto base = t.intern(profile(l, "http://p/"), l.model);
  EXPECT_NE(t.intern(profile(l, "http://q/"), l.model).get(), base.get());
  EXPECT_NE(t.intern(profile(l, "http://p/", false), l.model).get(), base.get());
  SourcedProfile forced = profile(l, "http://p/");
  forced.options[1].force = false;
  EXPECT_NE(t.intern(std::move(forced), l.model).get(), base.get());
  // The same values from another option line: its diagnostics point elsewhere.
  SourcedProfile other = profile(l, "http://p/");
  other.uses[1] = &l.url;
  EXPECT_NE(t.intern(std::move(other), l.model).get(), base.get());
  EXPECT_EQ(t.size(), 5u);
  EXPECT_EQ(t.intern(profile(l, "http://p/"), l.model).get(), base.get());
}

TEST(ProfileTable, ThreadsInterningAtOnceGetOneProfile) {
  Lines l;
  ProfileTable t;
  std::vector<const SourcedProfile*> got(4 * 500);
  std::vector<std::shared_ptr<const SourcedProfile>> keep(got.size());
  {
    std::vector<std::jthread> threads;
    for (int k = 0; k < 4; ++k)
      threads.emplace_back([&, k] {
        for (int i = 0; i < 500; ++i) {
          keep[k * 500 + i] = t.intern(profile(l, "http://p/" + std::to_string(i % 3)), l.model);
          got[k * 500 + i] = keep[k * 500 + i].get();
        }
      });
  }
  EXPECT_EQ(t.size(), 3u);
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], got[i % 500 % 3]) << i;
}

TEST(ProfileTable, StopsEnteringAtItsLimitButStillFindsWhatItHas) {
  Lines l;
  ProfileTable t(2);
  auto a = t.intern(profile(l, "a"), l.model);
  auto b = t.intern(profile(l, "b"), l.model);
  auto c1 = t.intern(profile(l, "c"), l.model);
  auto c2 = t.intern(profile(l, "c"), l.model);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_NE(c1.get(), c2.get());
  EXPECT_EQ(c1->options[0].value.text, "c");
  EXPECT_EQ(c2->model, "yealink.T46S");
  EXPECT_EQ(t.intern(profile(l, "a"), l.model).get(), a.get());
  EXPECT_EQ(t.intern(profile(l, "b"), l.model).get(), b.get());
}

}  // namespace
