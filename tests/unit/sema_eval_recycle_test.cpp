// Each thread writes a file over the nodes of files it rendered before (sema::recycle): their
// strings, children and lists are reused. The bytes must not depend on what those files were.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "emit/render.h"
#include "tests/fuzz/targets.h"

namespace {
using namespace phonec;

// The rendered files of a seed site of the fuzz corpus, by path (one job: this thread).
std::map<std::string, std::string> build(const std::string& seed) {
  std::ifstream in(std::filesystem::path(PHONEC_TEST_DIR) / "fuzz/corpus/fuzz_pipeline" / seed, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog(sm, diags);
  fuzz::prepare(prog);
  driver::Compiled c = fuzz::compile_site(prog, sm.add(seed, ss.str()));
  EXPECT_FALSE(diags.has_errors()) << seed;
  std::map<std::string, std::string> files;
  for (const output::OutFile& f : c.files) files[f.path] = f.bytes;
  return files;
}

TEST(SemaEvalRecycle, BytesDoNotDependOnTheFilesRenderedBefore) {
  // A thread of its own has nothing to reuse: the reference.
  std::map<std::string, std::string> fresh, after_others, again;
  std::thread([&] { fresh = build("office.json"); }).join();
  // The same site on a thread that rendered other models' files (other shapes: XML trees,
  // key = value lists of other lengths), then on one that rendered this very site.
  std::thread([&] {
    build("e2e-site.json");
    build("two-devices.json");
    after_others = build("office.json");
    again = build("office.json");
  }).join();
  ASSERT_GT(fresh.size(), 5u);
  EXPECT_EQ(fresh, after_others);
  EXPECT_EQ(fresh, again);
}

// What is given back leaves the caller's document empty, as a moved-from one would be.
TEST(SemaEvalRecycle, RecycledDocIsEmptiedAndNotSecret) {
  emit::Doc doc;
  doc.nodes.resize(3);
  doc.nodes[0].children.resize(2);
  doc.secret = true;
  sema::recycle(std::move(doc));
  EXPECT_TRUE(doc.nodes.empty());
  EXPECT_FALSE(doc.secret);
}

}  // namespace
