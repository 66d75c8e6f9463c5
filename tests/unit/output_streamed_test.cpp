// Files written in pieces: write_file_atomic_by() (manifest, stat cache, journal, device list)
// writes exactly the concatenation, leaves nothing behind when its producer fails, and the
// manifest streams in bounded pieces that join to the one text.
#include <gtest/gtest.h>

#include <cerrno>
#include <fcntl.h>

#include <nlohmann/json.hpp>

#include "output/fs_at.h"
#include "output/manifest.h"
#include "output_test_util.h"

using namespace phonec::output;
using namespace phonec::output::testing;

namespace {

int open_dir(const TempDir& t) { return ::open(t.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); }

}  // namespace

TEST(OutputStreamed, PiecesOfEverySizeJoinExactly) {
  TempDir t;
  UniqueFd dir(open_dir(t));
  // Pieces from 0 bytes to over the 1 MiB buffer, crossing its boundary several times.
  std::vector<std::string> pieces;
  std::string expected;
  for (std::size_t n : {0u, 1u, 4095u, 700000u, 1u << 20, 3u, (1u << 20) + 17, 123456u}) {
    std::string p(n, '\0');
    for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<char>('a' + (i * 7 + n) % 26);
    expected += p;
    pieces.push_back(std::move(p));
  }
  FileStamp stamp;
  int err = write_file_atomic_by(
      dir.get(), "big.txt",
      [&](const Put& put) {
        for (const std::string& p : pieces)
          if (int e = put(p)) return e;
        return 0;
      },
      AtomicWrite{0644, 022, false}, &stamp);
  ASSERT_EQ(err, 0);
  EXPECT_EQ(slurp(t / "big.txt"), expected);
  EXPECT_EQ(stamp.size, static_cast<std::int64_t>(expected.size()));
  EXPECT_EQ(tree_of(t.path()).size(), 1u);  // no temporary file left
}

TEST(OutputStreamed, AFailingProducerLeavesTheOldFileAndNoTemporary) {
  TempDir t;
  spit(t / "list", "previous\n");
  UniqueFd dir(open_dir(t));
  int err = write_file_atomic_by(
      dir.get(), "list",
      [&](const Put& put) {
        // More than the buffer first, so that some bytes did reach the temporary file.
        if (int e = put(std::string((1u << 20) + 5, 'x'))) return e;
        return EIO;
      },
      AtomicWrite{0644, 022, false}, nullptr);
  EXPECT_EQ(err, EIO);
  auto tree = tree_of(t.path());
  ASSERT_EQ(tree.size(), 1u);
  EXPECT_EQ(tree["list"], "previous\n");
}

TEST(OutputStreamed, ManifestPiecesAreBoundedAndJoinToOneDocument) {
  std::vector<std::string> paths;
  for (int i = 0; i < 5000; ++i) paths.push_back("tftp/" + std::to_string(100000 + i) + ".cfg");
  const std::string sha(64, 'a');
  std::map<std::string, nlohmann::json> extra{{"assets", nlohmann::json::array({"fw.bin"})}};
  std::string joined;
  std::size_t pieces = 0, largest = 0;
  render_manifest_to(
      paths.size(),
      [&](std::size_t i) { return ManifestEntry{paths[i], i, sha, 0644, "00:15:65:00:00:01", "acme.D1"}; }, extra,
      [&](std::string_view piece) {
        ++pieces;
        largest = std::max(largest, piece.size());
        joined += piece;
      });
  EXPECT_GT(pieces, 5u);                  // 5,000 lines do not come as one piece
  EXPECT_LE(largest, (64u << 10) + 512);  // a piece is at most 64 KiB and one entry
  auto doc = nlohmann::json::parse(joined);
  ASSERT_EQ(doc["files"].size(), paths.size());
  EXPECT_EQ(doc["files"][4999]["path"], paths[4999]);
  EXPECT_EQ(doc["files"][4999]["size"], 4999);
  EXPECT_EQ(doc["assets"][0], "fw.bin");
  EXPECT_EQ(joined.back(), '\n');
}
