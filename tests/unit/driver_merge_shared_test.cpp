// merge_shared: the collision check over every file of a build. Two devices never share a path;
// shared files with the same bytes merge; anything else at one path is an error naming both
// owners, reported where the later one was found, in the order the files come.
#include <gtest/gtest.h>

#include "driver/emit_all.h"

using namespace phonec;
using driver::Produced;

namespace {

Produced file(const std::string& path, const std::string& bytes, const char* owner, const char* model,
              std::uint32_t at) {
  Produced p;
  p.file = output::OutFile{path, bytes, false, owner, model};
  p.origin = Range{0, at, at + 1};
  p.owner_range = std::string_view(owner) == "shared" ? Range{} : Range{1, at, at + 2};
  return p;
}

struct Merge {
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog{sm, diags};
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags.all()) out.push_back(d.code + ": " + d.message);
    return out;
  }
};

}  // namespace

TEST(DriverMergeShared, DevicesCollideAndSharedFilesMergeOrCollide) {
  Merge m;
  std::vector<Produced> a = {file("tftp/001565aabb01.cfg", "1", "00:15:65:aa:bb:01", "acme.D1", 10),
                             file("tftp/common.cfg", "d", "00:15:65:aa:bb:01", "acme.D1", 11)};
  std::vector<Produced> b = {file("tftp/001565aabb01.cfg", "2", "00:15:65:aa:bb:02", "acme.D1", 20)};
  std::vector<Produced> shared = {file("tftp/y.cfg", "same", "shared", "acme.D1", 30),
                                  file("tftp/y.cfg", "same", "shared", "acme.D2", 31),
                                  file("tftp/y.cfg", "other", "shared", "acme.D3", 32),
                                  file("tftp/common.cfg", "d", "shared", "", 33),
                                  file("tftp/z.cfg", "z", "shared", "", 34)};
  std::vector<output::OutFile> out = driver::merge_shared(m.prog, {&a, &b}, shared);
  EXPECT_EQ(m.messages(), (std::vector<std::string>{
                              "path-collision: device 00:15:65:aa:bb:02 and device 00:15:65:aa:bb:01 both write "
                              "'tftp/001565aabb01.cfg'",
                              "path-collision: model acme.D3 and model acme.D1 both write 'tftp/y.cfg'",
                              "path-collision: the site and device 00:15:65:aa:bb:01 both write 'tftp/common.cfg'"}));
  // Each reported at the later file (its device, else its pattern), the first named in a note.
  const auto& d = m.diags.all();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].range.file, 1u);
  EXPECT_EQ(d[0].range.begin, 20u);
  EXPECT_EQ(d[0].notes.at(0).range.begin, 10u);
  EXPECT_EQ(d[0].notes.at(1).range.begin, 20u);
  EXPECT_EQ(d[1].range.file, 0u);
  EXPECT_EQ(d[1].range.begin, 32u);
  EXPECT_EQ(d[1].notes.at(0).range.begin, 30u);
  EXPECT_EQ(d[2].range.begin, 33u);
  EXPECT_EQ(d[2].notes.at(0).range.begin, 11u);
  // The first of each shared path is kept, in order, with its bytes.
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].path, "tftp/y.cfg");
  EXPECT_EQ(out[0].bytes, "same");
  EXPECT_EQ(out[0].model, "acme.D1");
  EXPECT_EQ(out[1].path, "tftp/z.cfg");
  EXPECT_TRUE(out[1].device.is_shared());
  // The device files stay where they are.
  EXPECT_EQ(a[0].file.bytes, "1");
  EXPECT_EQ(b[0].file.bytes, "2");
}

TEST(DriverMergeShared, ManyFilesWithoutCollisionsGiveNoDiagnostic) {
  Merge m;
  std::vector<std::vector<Produced>> lists(3000);
  std::vector<std::vector<Produced>*> ptrs;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    lists[i].push_back(file("tftp/" + std::to_string(i) + ".cfg", "x", "00:15:65:aa:bb:01", "acme.D1", 1));
    lists[i].push_back(file("tftp/" + std::to_string(i) + "-user.cfg", "x", "00:15:65:aa:bb:01", "acme.D1", 1));
    ptrs.push_back(&lists[i]);
  }
  std::vector<Produced> shared = {file("tftp/2999.cfg", "x", "shared", "acme.D1", 5)};
  std::vector<output::OutFile> out = driver::merge_shared(m.prog, ptrs, shared);
  EXPECT_TRUE(out.empty());
  ASSERT_EQ(m.diags.all().size(), 1u);
  EXPECT_EQ(m.messages()[0], "path-collision: model acme.D1 and device 00:15:65:aa:bb:01 both write 'tftp/2999.cfg'");
}
