// Replays the fuzz seed corpora and every saved fuzz crash input (tests/fuzz/regressions/) through
// the same target bodies as the libFuzzer binaries, in the ordinary build, so a fixed crash stays
// fixed even where the fuzz preset (clang) is not built.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/fuzz/targets.h"

namespace {
namespace fs = std::filesystem;

using Body = bool (*)(const std::uint8_t*, std::size_t);

std::vector<fs::path> inputs_of(const std::string& target) {
  std::vector<fs::path> out;
  for (const char* kind : {"corpus", "regressions"}) {
    fs::path dir = fs::path(PHONEC_TEST_DIR) / "fuzz" / kind / target;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file() && e.path().filename() != "README.md") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t replay(const std::string& target, Body body) {
  std::size_t n = 0;
  for (const fs::path& p : inputs_of(target)) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    EXPECT_TRUE(body(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size())) << p;
    ++n;
  }
  return n;
}

TEST(HostileFuzzReplay, PhoneParser) { EXPECT_GE(replay("fuzz_phone_parser", phonec::fuzz::phone_parser), 9u); }
TEST(HostileFuzzReplay, JsonInventory) { EXPECT_GE(replay("fuzz_json_inventory", phonec::fuzz::json_inventory), 1u); }
TEST(HostileFuzzReplay, Pipeline) { EXPECT_GE(replay("fuzz_pipeline", phonec::fuzz::pipeline), 2u); }

// The pipeline body really emits: the office seed goes through every stage without an error.
TEST(HostileFuzzReplay, PipelineSeedReachesEmission) {
  std::ifstream in(fs::path(PHONEC_TEST_DIR) / "fuzz/corpus/fuzz_pipeline/office.json", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  using namespace phonec;
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog(sm, diags);
  fuzz::prepare(prog);
  FileId f = sm.add("site.json", text);
  driver::Compiled c = fuzz::compile_site(prog, f);
  EXPECT_FALSE(diags.has_errors()) << render_all_text(diags, sm);
  EXPECT_TRUE(c.rendered);
  // Yealink cfg; Snom pointer, settings and per-model firmware file; 3 DHCP files and tftpd-hpa.
  std::vector<std::string> device_paths;
  for (const auto& list : c.device_files)
    for (const driver::Produced& p : list) device_paths.push_back(p.file.path);
  EXPECT_EQ(device_paths.size(), 3u);
  EXPECT_EQ(c.files.size(), 5u);
}

}  // namespace
