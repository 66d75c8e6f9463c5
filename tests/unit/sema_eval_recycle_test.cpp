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

// The rendered files of a site, by path (one job: this thread).
std::map<std::string, std::string> build(const std::filesystem::path& site) {
  std::ifstream in(site, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog(sm, diags);
  fuzz::prepare(prog);
  driver::Compiled c = fuzz::compile_site(prog, sm.add(site.string(), ss.str()));
  EXPECT_FALSE(diags.has_errors()) << site;
  std::map<std::string, std::string> files;
  for (const output::OutFile& f : c.files) files[f.path] = f.bytes;
  return files;
}

// Golden sites of every vendor on the shipped models: XML trees, key = value lists and INI
// sections of many lengths, so that each file is written over differently shaped ones.
const char* const sites[] = {"aastra-67xx", "cisco-mpp",     "fanvil-x",  "gigaset-n", "grandstream-gxp",
                             "htek-uc9xx",  "polycom-vvx",   "snom-d7xx", "office",    "yealink-t4x",
                             "yealink-t5x", "snom-m-dect"};

std::filesystem::path golden(const char* name) {
  return std::filesystem::path(PHONEC_TEST_DIR) / "golden" / name / "site.json";
}

TEST(SemaEvalRecycle, BytesDoNotDependOnTheFilesRenderedBefore) {
  // The same sites one after the other on one thread, each reusing its predecessors' nodes.
  std::vector<std::map<std::string, std::string>> reused;
  std::thread([&] {
    for (const char* s : sites) reused.push_back(build(golden(s)));
  }).join();
  // Each site again on a thread of its own, which has nothing to reuse: the reference.
  for (std::size_t i = 0; i < std::size(sites); ++i) {
    std::map<std::string, std::string> fresh;
    std::thread([&] { fresh = build(golden(sites[i])); }).join();
    ASSERT_FALSE(fresh.empty()) << sites[i];
    EXPECT_EQ(fresh, reused[i]) << sites[i];
  }
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
