// SIGKILL at random moments while a large tree is rewritten: every file must then hold its
// complete old or complete new bytes, and the next run must repair everything, including
// removing files the killed run created for a build that is no longer wanted.
#include <gtest/gtest.h>

#include <algorithm>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "output/write_tree.h"
#include "output_test_util.h"

using namespace phonec::output;
using namespace phonec::output::testing;
namespace fs = std::filesystem;

namespace {

// Two builds over overlapping paths, with different contents and sizes, each with paths the other
// does not have (so the kill lands among creations, replacements and removals).
std::vector<OutFile> build(char version, int n) {
  std::vector<OutFile> out;
  for (int i = 0; i < n; ++i) {
    bool only_a = i % 10 == 0, only_b = i % 10 == 1;
    if ((only_a && version != 'A') || (only_b && version != 'B')) continue;
    std::string body(static_cast<std::size_t>(500 + (i * 37 + version) % 3000), version);
    out.push_back({"tftp/d" + std::to_string(i % 13) + "/" + std::to_string(i) + ".cfg",
                   std::string(1, version) + std::to_string(i) + body, i % 4 == 0, "shared", ""});
  }
  return out;
}

std::map<std::string, std::string> as_map(const std::vector<OutFile>& files) {
  std::map<std::string, std::string> m;
  for (const auto& f : files) m[f.path] = f.bytes;
  return m;
}

std::map<std::string, std::string> output_files(const fs::path& root) {
  auto tree = tree_of(root);
  std::erase_if(tree, [](const auto& kv) {
    return kv.first == "manifest.json" || fs::path(kv.first).filename().string().rfind(".phonec-", 0) == 0;
  });
  return tree;
}

// "" if equal, else the first path that differs (the maps are too large to print).
std::string first_difference(const std::map<std::string, std::string>& got,
                             const std::map<std::string, std::string>& want) {
  for (const auto& [path, bytes] : want) {
    auto g = got.find(path);
    if (g == got.end()) return path + " is missing";
    if (g->second != bytes) return path + " has the wrong bytes";
  }
  for (const auto& [path, bytes] : got)
    if (!want.count(path)) return path + " should not exist";
  return "";
}

}  // namespace

TEST(OutputCrash, SigkillLeavesOldOrNewAndTheNextRunRepairs) {
  constexpr int kFiles = 3000;
  const auto a = build('A', kFiles), b = build('B', kFiles);
  const auto ma = as_map(a), mb = as_map(b);
  TempDir t(fast_temp_base());
  WriteOptions opt;
  opt.jobs = 2;

  // How long a full A -> B rewrite takes here, to spread the kills over it.
  ASSERT_TRUE(write_tree(t.path(), a, opt).ok());
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(write_tree(t.path(), b, opt).ok());
  auto full = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(write_tree(t.path(), a, opt).ok());

  std::random_device rd;
  unsigned seed = rd();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed) + ", full rewrite " + std::to_string(full) + " us");
  int killed_midway = 0;
  // At least six rounds, and more (up to 40) until three kills landed inside the write: the
  // calibration above can be inflated by a busy machine, so a run that finishes before its kill
  // halves the window.
  for (int round = 0; round < 40 && (round < 6 || killed_midway < 3); ++round) {
    // The tree holds A. A child rewrites it to B and is killed at a random moment.
    std::uniform_int_distribution<long> when(0, full + full / 4);
    long delay = when(rng);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      WriteResult r = write_tree(t.path(), b, opt);
      ::_exit(r.ok() ? 0 : 1);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(delay));
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status)) {
      ++killed_midway;
    } else {
      ASSERT_EQ(WEXITSTATUS(status), 0);
      full = std::max<long>(full / 2, 1000);
    }

    for (const auto& [path, bytes] : output_files(t.path())) {
      auto ia = ma.find(path), ib = mb.find(path);
      bool old_content = ia != ma.end() && ia->second == bytes;
      bool new_content = ib != mb.end() && ib->second == bytes;
      ASSERT_TRUE(old_content || new_content) << path << " after a kill at " << delay << " us";
    }
    for (const auto& [path, bytes] : ma) {
      if (mb.count(path)) {
        ASSERT_TRUE(fs::exists(t / path)) << path << " vanished";
      }
    }

    // Repair, alternately towards B (finishing the killed run) and back to A (undoing it:
    // the files it created for B must go, although no manifest ever listed them).
    const auto& target = round % 2 ? a : b;
    WriteResult r = write_tree(t.path(), target, opt);
    ASSERT_TRUE(r.ok()) << r.errors[0].message;
    ASSERT_EQ(first_difference(output_files(t.path()), round % 2 ? ma : mb), "");
    ASSERT_EQ(count_temp_files(t.path()), 0);
    ASSERT_FALSE(fs::exists(t / ".phonec-pending"));
    if (round % 2 == 0) {
      ASSERT_TRUE(write_tree(t.path(), a, opt).ok());
    }
  }
  // Most kills must land inside the write, or the test proves little.
  EXPECT_GE(killed_midway, 3);
}
