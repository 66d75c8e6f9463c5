// The spool: files appended from several threads read back byte for byte; write_tree places
// spooled files like in-memory ones, recognises an unchanged one by hash (with and without the
// stat cache) and replaces a changed one.
#include <gtest/gtest.h>

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

OutFile spooled(Spool& s, const std::string& path, const std::string& bytes) {
  OutFile f{path, "", false, "00:15:65:00:00:01", "acme.D1"};
  EXPECT_EQ(s.append(bytes, f.spool_offset), 0);
  f.spool = &s;
  f.spool_size = bytes.size();
  f.sha256 = sha256(bytes);
  return f;
}

}  // namespace

TEST(OutputSpool, ThreadsAppendAndReadBack) {
  TempDir t;
  std::string err;
  auto spool = Spool::open(t / "not/yet/there", err);  // the nearest existing ancestor is used
  ASSERT_TRUE(spool) << err;
  constexpr int kThreads = 4, kEach = 500;
  std::vector<std::vector<std::uint64_t>> offsets(kThreads, std::vector<std::uint64_t>(kEach));
  auto text = [](int th, int i) { return std::string(static_cast<std::size_t>(i % 97), static_cast<char>('a' + th)) + std::to_string(i) + "\n"; };
  {
    std::vector<std::jthread> pool;
    for (int th = 0; th < kThreads; ++th)
      pool.emplace_back([&, th] {
        for (int i = 0; i < kEach; ++i) ASSERT_EQ(spool->append(text(th, i), offsets[th][i]), 0);
      });
  }
  std::string got;
  for (int th = 0; th < kThreads; ++th)
    for (int i = 0; i < kEach; ++i) {
      ASSERT_EQ(spool->read(offsets[th][i], text(th, i).size(), got), 0);
      ASSERT_EQ(got, text(th, i));
    }
  EXPECT_TRUE(fs::is_empty(t.path())) << "the spool has no name in the tree";
}

// A file written in pieces while others append to the build's spool keeps its bytes in one run
// in a spool of its own, which lives as long as the build's.
TEST(OutputSpool, AnotherSpoolKeepsAFileInOneRun) {
  TempDir t;
  std::string err;
  auto spool = Spool::open(t.path(), err);
  ASSERT_TRUE(spool) << err;
  Spool* own = spool->another(err);
  ASSERT_NE(own, nullptr) << err;
  ASSERT_NE(own, spool.get());
  std::uint64_t first = 0, at = 0, other = 0;
  ASSERT_EQ(own->append("dhcpd ", first), 0);
  ASSERT_EQ(spool->append("a device file", other), 0);  // interleaved in time, not in the run
  ASSERT_EQ(own->append("hosts", at), 0);
  EXPECT_EQ(at, first + 6);
  std::string got;
  ASSERT_EQ(own->read(first, 11, got), 0);
  EXPECT_EQ(got, "dhcpd hosts");
  ASSERT_EQ(spool->read(other, 13, got), 0);
  EXPECT_EQ(got, "a device file");
  EXPECT_TRUE(fs::is_empty(t.path()));
}

TEST(OutputSpool, WriteTreePlacesKeepsAndReplaces) {
  TempDir t;
  std::string err;
  auto spool = Spool::open(t.path(), err);
  ASSERT_TRUE(spool) << err;
  auto build = [&](const std::string& a) {
    return write_tree(t / "out", {spooled(*spool, "tftp/a.cfg", a), spooled(*spool, "tftp/b.cfg", "two\n")});
  };
  WriteResult r = build("one\n");
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  EXPECT_EQ(r.written, 2u);
  EXPECT_EQ(slurp(t / "out/tftp/a.cfg"), "one\n");
  EXPECT_EQ(slurp(t / "out/tftp/b.cfg"), "two\n");
  EXPECT_NE(slurp(t / "out/manifest.json").find("\"path\": \"tftp/a.cfg\", \"size\": 4, \"sha256\": \"" + sha256_hex("one\n")),
            std::string::npos);
  const auto ino = lstat_of(t / "out/tftp/a.cfg").st_ino;

  r = build("one\n");  // the stat cache vouches for both
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.written, 0u);
  EXPECT_EQ(r.unchanged, 2u);

  fs::remove(t / "out/.phonec-state");  // no cache: the files on disk are hashed and compared
  r = build("one\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.written, 0u);
  EXPECT_EQ(lstat_of(t / "out/tftp/a.cfg").st_ino, ino);

  fs::remove(t / "out/.phonec-state");
  r = build("ONE\n");  // same size, other bytes
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.written, 1u);
  EXPECT_EQ(slurp(t / "out/tftp/a.cfg"), "ONE\n");
}
