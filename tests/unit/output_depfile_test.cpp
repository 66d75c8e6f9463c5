#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>

#include "output/depfile.h"
#include "output_test_util.h"

using namespace phonec::output;
using namespace phonec::output::testing;
namespace fs = std::filesystem;

TEST(OutputDepfile, EscapesLikeClangAndWrapsWithEmptyRules) {
  EXPECT_EQ(render_depfile("out dir/manifest.json",
                           {"site.json", "models/a b.phone", "x#1.phone", "$HOME.phone", "a\\ b", "site.json",
                            "bad\nname"}),
            "out\\ dir/manifest.json: site.json models/a\\ b.phone x\\#1.phone \\\n"
            "  $$HOME.phone a\\\\\\ b\n"
            "\nsite.json:\n"
            "\nmodels/a\\ b.phone:\n"
            "\nx\\#1.phone:\n"
            "\n$$HOME.phone:\n"
            "\na\\\\\\ b:\n");
}

TEST(OutputDepfile, SingleNamesAndBackslashRuns) {
  EXPECT_EQ(escape_make_name("plain/path.phone"), "plain/path.phone");
  EXPECT_EQ(escape_make_name("a\\b"), "a\\b");            // a backslash before a letter stays single
  EXPECT_EQ(escape_make_name("a\\\\ b"), "a\\\\\\\\\\ b");  // two before a space: doubled, then "\ "
  EXPECT_EQ(escape_make_name("a\\#"), "a\\\\\\#");
  EXPECT_EQ(escape_make_name("$$"), "$$$$");
  EXPECT_EQ(render_depfile("t", {}), "t:\n");
  EXPECT_FALSE(representable_in_depfile("a\nb"));
  EXPECT_FALSE(representable_in_depfile(std::string("a\0b", 3)));
  EXPECT_TRUE(representable_in_depfile("a b$#"));
}

TEST(OutputDepfile, WriteDepfileOnlyWhenChanged) {
  TempDir t;
  fs::path d = t / "out.d";
  ASSERT_EQ(write_depfile(d, "a: b\n"), std::nullopt);
  struct stat before = lstat_of(d);
  ASSERT_EQ(write_depfile(d, "a: b\n"), std::nullopt);
  struct stat same = lstat_of(d);
  EXPECT_EQ(same.st_ino, before.st_ino);
  EXPECT_EQ(same.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
  ASSERT_EQ(write_depfile(d, "a: c\n"), std::nullopt);
  EXPECT_EQ(slurp(d), "a: c\n");
  EXPECT_EQ(count_temp_files(t.path()), 0);
  EXPECT_EQ(lstat_of(d).st_mode & 0777, 0644u);
  EXPECT_NE(write_depfile(t / "no/such/dir/out.d", "x"), std::nullopt);
}

namespace {

void set_mtime(const fs::path& p, long offset_seconds) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  struct timespec times[2] = {now, now};
  times[1].tv_sec += offset_seconds;
  times[0].tv_sec += offset_seconds;
  ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0) << p;
}

int run_make(const fs::path& dir, const std::string& args) {
  std::string cmd = "cd '" + dir.string() + "' && make -s " + args + " >make.log 2>&1";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST(OutputDepfile, RealMakeParsesTheEscapedNames) {
  TempDir t;
  const std::vector<std::string> inputs = {"has space.phone", "dollar$sign.phone", "hash#mark.phone",
                                           "models/deep dir/x.phone", "back\\ slash.phone"};
  for (const auto& in : inputs) spit(t / in, "x");
  spit(t / "Makefile",
       "out/manifest.json:\n"
       "\tmkdir -p out && touch out/manifest.json\n"
       "-include out.d\n");
  ASSERT_EQ(write_depfile(t / "out.d", render_depfile("out/manifest.json", inputs)), std::nullopt);
  for (const auto& in : inputs) set_mtime(t / in, -1000);

  EXPECT_EQ(run_make(t.path(), "-q"), 1);  // never built
  ASSERT_EQ(run_make(t.path(), ""), 0) << slurp(t / "make.log");
  // Up to date only if make found every prerequisite under its real name: a mis-parsed name
  // would be a missing file with an empty rule, which always counts as newer.
  EXPECT_EQ(run_make(t.path(), "-q"), 0) << slurp(t / "make.log");
  for (const auto& in : inputs) {
    set_mtime(t / in, +1000);
    EXPECT_EQ(run_make(t.path(), "-q"), 1) << in;
    set_mtime(t / in, -1000);
    EXPECT_EQ(run_make(t.path(), "-q"), 0) << in;
  }
  // A deleted input does not break make (gcc -MP empty rules): it rebuilds.
  fs::remove(t / "has space.phone");
  EXPECT_EQ(run_make(t.path(), ""), 0) << slurp(t / "make.log");
}
