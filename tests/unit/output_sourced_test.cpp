// write_tree with files placed from disk (firmware images): hard-linked, recorded in the
// manifest with the caller's checksum, left alone when unchanged, replaced when the source is.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "output/sha256.h"
#include "output/write_tree.h"
#include "output_test_util.h"

using namespace phonec::output;
using namespace phonec::output::testing;
namespace fs = std::filesystem;

namespace {

const std::string kShaAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

OutFile sourced(const fs::path& src, const std::string& sha, std::uint64_t size) {
  OutFile f{"tftp/firmware/fw.rom", "", false, "shared", "acme.D1"};
  f.source_path = src.string();
  f.sha256 = Digest::from_hex(sha).value();
  f.spool_size = size;
  return f;
}

}  // namespace

TEST(OutputSourced, LinksRecordsAndKeeps) {
  TempDir t;
  fs::create_directories(t / "dl");
  spit(t / "dl/fw.rom", "abc");
  WriteResult r = write_tree(t / "out", {sourced(t / "dl/fw.rom", kShaAbc, 3)});
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  EXPECT_EQ(r.written, 1u);
  EXPECT_EQ(lstat_of(t / "out/tftp/firmware/fw.rom").st_ino, lstat_of(t / "dl/fw.rom").st_ino);
  EXPECT_NE(slurp(t / "out/manifest.json").find("{\"path\": \"tftp/firmware/fw.rom\", \"size\": 3, \"sha256\": \"" + kShaAbc +
                                                "\", \"mode\": \"0644\", \"device\": \"shared\", \"model\": \"acme.D1\"}"),
            std::string::npos);

  WriteResult again = write_tree(t / "out", {sourced(t / "dl/fw.rom", kShaAbc, 3)});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.written, 0u);
  EXPECT_EQ(again.unchanged, 1u);
  EXPECT_FALSE(again.manifest_written);
}

TEST(OutputSourced, ReplacedSourceIsRelinkedAndStaleOnesRemoved) {
  TempDir t;
  fs::create_directories(t / "dl");
  spit(t / "dl/fw.rom", "abc");
  ASSERT_TRUE(write_tree(t / "out", {sourced(t / "dl/fw.rom", kShaAbc, 3)}).ok());
  // A new image under another name: the served file follows it; the old link is replaced.
  spit(t / "dl/fw2.rom", "abcd");
  WriteResult r = write_tree(t / "out", {sourced(t / "dl/fw2.rom", sha256_hex("abcd"), 4)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.written, 1u);
  EXPECT_EQ(slurp(t / "out/tftp/firmware/fw.rom"), "abcd");
  EXPECT_EQ(slurp(t / "dl/fw.rom"), "abc");  // the operator's file is never written through
  // Dropped from the build: removed from the tree, the operator's file stays.
  WriteResult gone = write_tree(t / "out", {});
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(gone.removed, 1u);
  EXPECT_FALSE(fs::exists(t / "out/tftp/firmware/fw.rom"));
  EXPECT_TRUE(fs::exists(t / "dl/fw2.rom"));
}

TEST(OutputSourced, MissingSourceIsAnErrorNamingThePath) {
  TempDir t;
  WriteResult r = write_tree(t / "out", {sourced(t / "dl/none.rom", kShaAbc, 3)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].path, "tftp/firmware/fw.rom");
  EXPECT_EQ(r.errors[0].message, "No such file or directory");
}
