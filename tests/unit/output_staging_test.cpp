// Staging (Spool::stage): a first build's files are created as temporary files in their own
// folders while devices render, and write_tree renames them into place. Proven here: the bytes
// and modes land, the final file is the staged inode (renamed, not written again), no temporary
// file is left; a build that does not commit leaves the folder as it found it (missing, or
// empty); a folder that holds anything, or a path that is not a plain relative one, is not
// staged.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>
#include <vector>

#include "output/sha256.h"
#include "output/spool.h"
#include "output/write_tree.h"
#include "output_test_util.h"

using namespace phonec::output;
using namespace phonec::output::testing;
namespace fs = std::filesystem;

namespace {

OutFile staged(Spool& s, const std::string& path, const std::string& bytes, bool secret) {
  OutFile f{path, "", secret, "00:15:65:00:00:01", "acme.D1"};
  EXPECT_TRUE(s.stage(path, bytes, file_mode(secret), f.spool_offset)) << path;
  f.staged = true;
  f.spool = &s;
  f.spool_size = bytes.size();
  f.sha256 = sha256(bytes);
  return f;
}

ino_t inode(const fs::path& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

std::string text(int i) { return "line " + std::to_string(i) + " Zoë\n"; }
std::string path(int i) { return i % 10 == 0 ? "a/b/f" + std::to_string(i) + ".cfg" : "tftp/f" + std::to_string(i) + ".cfg"; }

}  // namespace

TEST(OutputStaging, StagedFilesAreRenamedIntoPlace) {
  TempDir t;
  const fs::path out = t / "new/out";
  std::string err;
  auto spool = Spool::open(out, err);
  ASSERT_TRUE(spool) << err;
  ASSERT_TRUE(spool->start_staging(out));
  ASSERT_TRUE(fs::is_directory(out)) << "made for the staged files";
  constexpr int kThreads = 4, kEach = 100;
  std::vector<OutFile> files(kThreads * kEach);
  {
    std::vector<std::jthread> pool;
    for (int th = 0; th < kThreads; ++th)
      pool.emplace_back([&, th] {
        for (int i = th * kEach; i < (th + 1) * kEach; ++i) files[i] = staged(*spool, path(i), text(i), i % 3 == 0);
      });
  }
  EXPECT_EQ(count_temp_files(out), kThreads * kEach);
  std::vector<ino_t> staged_inodes;
  for (const OutFile& f : files)
    staged_inodes.push_back(inode(out / fs::path(f.path).parent_path() / Spool::staged_name(f.spool_offset)));
  WriteResult r = write_tree(out, files);
  ASSERT_TRUE(r.ok()) << r.errors.front().message;
  EXPECT_EQ(r.written, files.size());
  spool->staging_done();
  spool.reset();
  EXPECT_EQ(count_temp_files(out), 0);
  for (int i = 0; i < kThreads * kEach; ++i) {
    const fs::path p = out / path(i);
    EXPECT_EQ(slurp(p), text(i));
    EXPECT_EQ(inode(p), staged_inodes[i]) << "renamed, not written again: " << path(i);
    EXPECT_EQ(fs::status(p).permissions(), i % 3 == 0 ? fs::perms(0640) : fs::perms(0644)) << path(i);
  }
  // A rebuild over the placed tree keeps every file.
  std::vector<OutFile> again;
  for (int i = 0; i < kThreads * kEach; ++i) again.push_back({path(i), text(i), i % 3 == 0, "00:15:65:00:00:01", "acme.D1"});
  EXPECT_EQ(write_tree(out, again).unchanged, again.size());
}

TEST(OutputStaging, AFirstBuildThatDoesNotCommitLeavesNothing) {
  TempDir t;
  std::string err;
  {
    auto spool = Spool::open(t / "x/out", err);
    ASSERT_TRUE(spool && spool->start_staging(t / "x/out"));
    for (int i = 0; i < 20; ++i) staged(*spool, path(i), text(i), false);
    ASSERT_EQ(count_temp_files(t / "x/out"), 20);
  }
  EXPECT_FALSE(fs::exists(t / "x")) << "the folders made for the build are gone";
  fs::create_directory(t / "empty");
  {
    auto spool = Spool::open(t / "empty", err);
    ASSERT_TRUE(spool && spool->start_staging(t / "empty"));
    for (int i = 0; i < 20; ++i) staged(*spool, path(i), text(i), false);
  }
  EXPECT_TRUE(fs::is_directory(t / "empty")) << "a folder that was there stays";
  EXPECT_TRUE(fs::is_empty(t / "empty"));
}

TEST(OutputStaging, OnlyIntoAnEmptyFolderAndOnlyPlainPaths) {
  TempDir t;
  std::string err;
  spit(t / "used/keep.txt", "mine");
  auto spool = Spool::open(t / "used", err);
  ASSERT_TRUE(spool);
  EXPECT_FALSE(spool->start_staging(t / "used"));
  std::uint64_t id;
  EXPECT_FALSE(spool->stage("tftp/a.cfg", "x", 0644, id)) << "not staging: the caller spools";
  EXPECT_FALSE(fs::exists(t / "used/tftp"));

  auto fresh = Spool::open(t / "fresh", err);
  ASSERT_TRUE(fresh && fresh->start_staging(t / "fresh"));
  EXPECT_FALSE(fresh->stage("../evil.cfg", "x", 0644, id));
  EXPECT_FALSE(fresh->stage("/abs.cfg", "x", 0644, id));
  EXPECT_FALSE(fresh->stage("tftp/.phonec-state", "x", 0644, id));
  EXPECT_FALSE(fs::exists(t / "evil.cfg"));
  EXPECT_TRUE(fs::is_empty(t / "fresh"));
}

// A killed run's temporary files are removed; a running process's (another build into the same
// folder, staging) are not.
TEST(OutputStaging, LeftoverTempFilesOfLiveProcessesStay) {
  TempDir t;
  ASSERT_TRUE(write_tree(t.path(), {{"tftp/a.cfg", "a", false, "shared", ""}}).ok());
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);  // a process that is gone
  const std::string dead = ".phonec-tmp-" + std::to_string(child) + "-s1";
  const std::string live = ".phonec-tmp-" + std::to_string(::getppid()) + "-s1";
  spit(t / "tftp" / dead, "half");
  spit(t / "tftp" / live, "busy");
  fs::remove(t / ".phonec-state");  // what a killed run leaves: no cache
  ASSERT_TRUE(write_tree(t.path(), {{"tftp/a.cfg", "a", false, "shared", ""}}).ok());
  EXPECT_FALSE(fs::exists(t / "tftp" / dead));
  EXPECT_TRUE(fs::exists(t / "tftp" / live));
}
