#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "output/manifest.h"
#include "output/write_tree.h"
#include "output_test_util.h"

using namespace phonec::output;
using namespace phonec::output::testing;
namespace fs = std::filesystem;

namespace {

const std::string kShaEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string kShaAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

std::vector<OutFile> small_build() {
  return {
      {"tftp/001565aabbcc.cfg", "abc", true, "00:15:65:aa:bb:cc", "yealink.T46S"},
      {"dhcp/dhcpd.conf", "", false, "shared", ""},
      {"tftp/y000000000044.cfg", "abc", false, "shared", "yealink.T46S"},
  };
}

// The files' identity and mtime to the nanosecond: equal means "not rewritten".
struct Ident {
  ino_t ino;
  long sec, nsec;
  bool operator==(const Ident&) const = default;
};
Ident ident(const fs::path& p) {
  struct stat st = lstat_of(p);
  return {st.st_ino, static_cast<long>(st.st_mtim.tv_sec), st.st_mtim.tv_nsec};
}

void let_clock_tick() { std::this_thread::sleep_for(std::chrono::milliseconds(15)); }

}  // namespace

TEST(OutputTree, WritesFilesAndExactManifest) {
  TempDir t;
  fs::path out = t / "out";  // created by write_tree
  WriteResult r = write_tree(out, small_build());
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  EXPECT_EQ(r.written, 3u);
  EXPECT_EQ(r.unchanged, 0u);
  EXPECT_TRUE(r.manifest_written);
  EXPECT_EQ(slurp(out / "tftp/001565aabbcc.cfg"), "abc");
  EXPECT_EQ(slurp(out / "dhcp/dhcpd.conf"), "");
  EXPECT_EQ(slurp(out / "manifest.json"),
            "{\n"
            "  \"format\": \"phonec-manifest/1\",\n"
            "  \"files\": [\n"
            "    {\"path\": \"dhcp/dhcpd.conf\", \"size\": 0, \"sha256\": \"" + kShaEmpty +
                "\", \"mode\": \"0644\", \"device\": \"shared\", \"model\": \"\"},\n"
            "    {\"path\": \"tftp/001565aabbcc.cfg\", \"size\": 3, \"sha256\": \"" + kShaAbc +
                "\", \"mode\": \"0640\", \"device\": \"00:15:65:aa:bb:cc\", \"model\": \"yealink.T46S\"},\n"
            "    {\"path\": \"tftp/y000000000044.cfg\", \"size\": 3, \"sha256\": \"" + kShaAbc +
                "\", \"mode\": \"0644\", \"device\": \"shared\", \"model\": \"yealink.T46S\"}\n"
            "  ]\n"
            "}\n");
  EXPECT_EQ(count_temp_files(out), 0);
  EXPECT_FALSE(fs::exists(out / ".phonec-pending"));
}

TEST(OutputTree, ManifestIsIndependentOfInputOrderAndHoldsNoSecrets) {
  TempDir a, b;
  auto files = small_build();
  ASSERT_TRUE(write_tree(a.path(), files).ok());
  std::reverse(files.begin(), files.end());
  ASSERT_TRUE(write_tree(b.path(), files).ok());
  EXPECT_EQ(slurp(a / "manifest.json"), slurp(b / "manifest.json"));
  std::string m = slurp(a / "manifest.json");
  EXPECT_EQ(m.find("\"abc\""), std::string::npos);
}

TEST(OutputTree, ManifestRendersExtraSectionsAndEmptyBuilds) {
  std::map<std::string, nlohmann::json> extra;
  extra["assets"] = nlohmann::json::array({{{"path", "fw/T46S.rom"}, {"state", "missing"}}});
  EXPECT_EQ(render_manifest({}, extra),
            "{\n  \"format\": \"phonec-manifest/1\",\n  \"files\": [],\n  \"assets\": [\n    {\n"
            "      \"path\": \"fw/T46S.rom\",\n      \"state\": \"missing\"\n    }\n  ]\n}\n");
  EXPECT_EQ(render_manifest({{"a \"q\"\\", 1, kShaAbc, 0644, "shared", "x\x01"}}),
            "{\n  \"format\": \"phonec-manifest/1\",\n  \"files\": [\n    {\"path\": \"a \\\"q\\\"\\\\\", \"size\": 1, "
            "\"sha256\": \"" + kShaAbc + "\", \"mode\": \"0644\", \"device\": \"shared\", \"model\": \"x\\u0001\"}\n  ]\n}\n");
}

TEST(OutputTree, SecondWriteOfTheSameSetTouchesNothing) {
  TempDir t;
  ASSERT_TRUE(write_tree(t.path(), small_build()).ok());
  std::vector<std::string> paths = {"tftp/001565aabbcc.cfg", "dhcp/dhcpd.conf", "tftp/y000000000044.cfg",
                                    "manifest.json"};
  std::map<std::string, Ident> before;
  for (const auto& p : paths) before[p] = ident(t / p);
  for (int round = 0; round < 3; ++round) {  // round 2 runs with a fully trusted stat cache
    let_clock_tick();
    WriteResult r = write_tree(t.path(), small_build());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.written, 0u);
    EXPECT_EQ(r.unchanged, 3u);
    EXPECT_EQ(r.removed, 0u);
    EXPECT_FALSE(r.manifest_written);
    for (const auto& p : paths) EXPECT_EQ(ident(t / p), before[p]) << p << " round " << round;
    EXPECT_EQ(count_temp_files(t.path()), 0);
  }
}

TEST(OutputTree, OneChangedFileIsTheOnlyOneRewritten) {
  TempDir t;
  ASSERT_TRUE(write_tree(t.path(), small_build()).ok());
  Ident dhcp = ident(t / "dhcp/dhcpd.conf"), y = ident(t / "tftp/y000000000044.cfg"),
        mac = ident(t / "tftp/001565aabbcc.cfg"), man = ident(t / "manifest.json");
  let_clock_tick();
  auto files = small_build();
  files[0].bytes = "abd";  // same size: only the bytes tell
  WriteResult r = write_tree(t.path(), files);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.written, 1u);
  EXPECT_EQ(r.unchanged, 2u);
  EXPECT_EQ(slurp(t / "tftp/001565aabbcc.cfg"), "abd");
  EXPECT_NE(ident(t / "tftp/001565aabbcc.cfg"), mac);
  EXPECT_EQ(ident(t / "dhcp/dhcpd.conf"), dhcp);
  EXPECT_EQ(ident(t / "tftp/y000000000044.cfg"), y);
  EXPECT_NE(ident(t / "manifest.json"), man);
  EXPECT_NE(slurp(t / "manifest.json").find("{\"path\": \"tftp/001565aabbcc.cfg\", \"size\": 3, \"sha256\": \"a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9\""),
            std::string::npos);
}

TEST(OutputTree, FileEditedBehindOurBackIsRepairedEvenWithTheStatCache) {
  TempDir t;
  ASSERT_TRUE(write_tree(t.path(), small_build()).ok());
  let_clock_tick();
  ASSERT_TRUE(write_tree(t.path(), small_build()).ok());  // leaves a fully trusted cache
  let_clock_tick();
  spit(t / "tftp/y000000000044.cfg", "xyz");  // same size, in place, newer mtime
  WriteResult r = write_tree(t.path(), small_build());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.written, 1u);
  EXPECT_EQ(slurp(t / "tftp/y000000000044.cfg"), "abc");
  // And with the cache gone entirely, a no-op still reads and keeps everything.
  fs::remove(t / ".phonec-state");
  Ident mac = ident(t / "tftp/001565aabbcc.cfg");
  r = write_tree(t.path(), small_build());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.written, 0u);
  EXPECT_EQ(ident(t / "tftp/001565aabbcc.cfg"), mac);
  EXPECT_TRUE(fs::exists(t / ".phonec-state"));
}

TEST(OutputTree, StaleFilesAreRemovedAndEmptyDirsPruned) {
  TempDir t;
  std::vector<OutFile> first = {{"a/b/c.cfg", "1", false, "shared", ""},
                                {"a/d.cfg", "2", false, "shared", ""},
                                {"k/e/f.cfg", "3", false, "shared", ""},
                                {"x.cfg", "4", false, "shared", ""}};
  ASSERT_TRUE(write_tree(t.path(), first).ok());
  spit(t / "k/user.txt", "mine");  // a file we never wrote keeps its directory alive
  spit(t / "notes.txt", "mine too");
  WriteResult r = write_tree(t.path(), {{"x.cfg", "4", false, "shared", ""}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.removed, 3u);
  EXPECT_EQ(r.unchanged, 1u);
  EXPECT_FALSE(fs::exists(t / "a"));
  EXPECT_FALSE(fs::exists(t / "k/e"));
  EXPECT_EQ(slurp(t / "k/user.txt"), "mine");
  EXPECT_EQ(slurp(t / "notes.txt"), "mine too");
  EXPECT_TRUE(fs::is_directory(t.path()));
  std::map<std::string, std::string> want = {{"k/user.txt", "mine"}, {"notes.txt", "mine too"}, {"x.cfg", "4"}};
  auto tree = tree_of(t.path());
  tree.erase("manifest.json");
  tree.erase(".phonec-state");
  EXPECT_EQ(tree, want);
  // Removing everything never removes DIR itself.
  ASSERT_TRUE(write_tree(t.path(), {}).ok());
  EXPECT_TRUE(fs::is_directory(t.path()));
  EXPECT_FALSE(fs::exists(t / "x.cfg"));
}

TEST(OutputTree, StaleRemovalWorksFromTheManifestAlone) {
  TempDir t;
  ASSERT_TRUE(write_tree(t.path(), small_build()).ok());
  fs::remove(t / ".phonec-state");
  WriteResult r = write_tree(t.path(), {{"dhcp/dhcpd.conf", "", false, "shared", ""}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.removed, 2u);
  EXPECT_FALSE(fs::exists(t / "tftp"));
}

TEST(OutputTree, TamperedManifestCannotMakeUsDeleteOutsideTheRoot) {
  TempDir t;
  fs::path out = t / "out";
  spit(t / "victim", "keep me");
  spit(out / "manifest.json",
       "{\"format\": \"phonec-manifest/1\", \"files\": [{\"path\": \"../victim\"}, {\"path\": \"" +
           (t / "victim").string() + "\"}, {\"path\": \"ok.cfg\"}]}");
  spit(out / "ok.cfg", "old");
  WriteResult r = write_tree(out, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.removed, 1u);
  EXPECT_EQ(slurp(t / "victim"), "keep me");
  EXPECT_FALSE(fs::exists(out / "ok.cfg"));
}

TEST(OutputTree, UnreadablePreviousManifestIsAWarningNotADeletion) {
  TempDir t;
  spit(t / "manifest.json", "not json");
  spit(t / "user.cfg", "u");
  WriteResult r = write_tree(t.path(), small_build());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "previous manifest.json is not valid JSON; files of the previous build are not removed");
  EXPECT_EQ(slurp(t / "user.cfg"), "u");
}

TEST(OutputTree, ModesFollowSecretnessWhateverTheUmask) {
  for (mode_t um : {022, 077}) {
    UmaskGuard guard(um);
    TempDir t;
    ASSERT_TRUE(write_tree(t / "out", small_build()).ok());
    EXPECT_EQ(lstat_of(t / "out/tftp/001565aabbcc.cfg").st_mode & 07777, 0640u) << um;
    EXPECT_EQ(lstat_of(t / "out/tftp/y000000000044.cfg").st_mode & 07777, 0644u) << um;
    EXPECT_EQ(lstat_of(t / "out/manifest.json").st_mode & 07777, 0644u) << um;
    EXPECT_EQ(lstat_of(t / "out/tftp").st_mode & 07777, 0755u) << um;
  }
}

TEST(OutputTree, OnlyAWrongModeIsRepairedWithoutRewriting) {
  TempDir t;
  ASSERT_TRUE(write_tree(t.path(), small_build()).ok());
  ::chmod((t / "tftp/001565aabbcc.cfg").c_str(), 0666);
  Ident before = ident(t / "tftp/001565aabbcc.cfg");
  WriteResult r = write_tree(t.path(), small_build());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.written, 0u);
  EXPECT_EQ(r.mode_fixed, 1u);
  EXPECT_EQ(lstat_of(t / "tftp/001565aabbcc.cfg").st_mode & 07777, 0640u);
  EXPECT_EQ(ident(t / "tftp/001565aabbcc.cfg"), before);
  // A secret turning public changes only the mode, and the manifest.
  auto files = small_build();
  files[0].secret = false;
  r = write_tree(t.path(), files);
  EXPECT_EQ(r.mode_fixed, 1u);
  EXPECT_TRUE(r.manifest_written);
  EXPECT_EQ(lstat_of(t / "tftp/001565aabbcc.cfg").st_mode & 07777, 0644u);
}

TEST(OutputTree, SymlinkedDirectoryInsideTheRootIsRefused) {
  TempDir t;
  fs::path out = t / "out", outside = t / "outside";
  fs::create_directories(out);
  fs::create_directories(outside);
  fs::create_directory_symlink(outside, out / "tftp");
  auto files = small_build();
  files.push_back({"tftp/deeper/x.cfg", "x", false, "shared", ""});
  WriteResult r = write_tree(out, files);
  ASSERT_EQ(r.errors.size(), 1u);  // one error, naming the link, not one per file below it
  EXPECT_EQ(to_string(r.errors[0], out),
            (out / "tftp").string() + ": is a symbolic link or not a directory; nothing is written through it");
  EXPECT_TRUE(fs::is_empty(outside));
  EXPECT_FALSE(fs::exists(out / "dhcp"));  // found before any write: nothing else was written
  EXPECT_FALSE(fs::exists(out / "manifest.json"));
}

TEST(OutputTree, SymlinkedFileIsNotWrittenThrough) {
  TempDir t;
  fs::path out = t / "out";
  spit(t / "passwd", "root:x:0:0");
  fs::create_directories(out / "tftp");
  fs::create_symlink(t / "passwd", out / "tftp/001565aabbcc.cfg");
  WriteResult r = write_tree(out, small_build());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].path, "tftp/001565aabbcc.cfg");
  EXPECT_EQ(r.errors[0].message, "is a symbolic link; phonec does not replace it");
  EXPECT_EQ(slurp(t / "passwd"), "root:x:0:0");
  EXPECT_FALSE(fs::exists(out / "dhcp"));
}

TEST(OutputTree, BadPathsAreRejectedBeforeAnythingIsCreated) {
  for (const std::string& bad : std::vector<std::string>{"../x", "/etc/x", "a/../../b", std::string("a\0b", 3), "a//b", "manifest.json"}) {
    TempDir t;
    auto files = small_build();
    files.push_back({bad, "evil", false, "shared", ""});
    WriteResult r = write_tree(t / "out", files);
    ASSERT_EQ(r.errors.size(), 1u) << bad;
    EXPECT_EQ(r.errors[0].path, bad);
    EXPECT_EQ(r.errors[0].message.rfind("output path ", 0), 0u) << r.errors[0].message;
    EXPECT_FALSE(fs::exists(t / "out"));
    EXPECT_FALSE(fs::exists(t / "x"));
  }
}

TEST(OutputTree, DuplicatesAndFileDirectoryClashesAreErrors) {
  TempDir t;
  WriteResult r = write_tree(t / "out", {{"a", "1", false, "shared", ""},
                                         {"a/b", "2", false, "shared", ""},
                                         {"c", "3", false, "shared", ""},
                                         {"c", "4", false, "shared", ""}});
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].path, "c");
  EXPECT_EQ(r.errors[0].message, "two files of the build have this path");
  EXPECT_EQ(r.errors[1].path, "a");
  EXPECT_EQ(r.errors[1].message, "is both a file and a directory in the build");
  EXPECT_FALSE(fs::exists(t / "out"));
}

TEST(OutputTree, LeftoverTempFilesAreCleanedUp) {
  TempDir t;
  ASSERT_TRUE(write_tree(t.path(), small_build()).ok());
  pid_t gone = ::fork();  // a killed run's process: one that is no longer there
  if (gone == 0) ::_exit(0);
  ASSERT_GT(gone, 0);
  ::waitpid(gone, nullptr, 0);
  spit(t / ("tftp/.phonec-tmp-" + std::to_string(gone) + "-1"), "half a fi");
  fs::remove(t / ".phonec-state");  // what a killed run leaves: no cache
  ASSERT_TRUE(write_tree(t.path(), small_build()).ok());
  EXPECT_EQ(count_temp_files(t.path()), 0);
}

TEST(OutputTree, ProgressReportsEveryFileAndManyThreadsGiveTheSameTree) {
  TempDir a(fast_temp_base()), b(fast_temp_base());
  std::vector<OutFile> files;
  for (int i = 0; i < 1500; ++i)
    files.push_back({"tftp/d" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".cfg",
                     std::string(static_cast<std::size_t>(i % 300), 'x') + std::to_string(i), i % 3 == 0, "shared", ""});
  Progress last;
  int calls = 0;
  WriteOptions opt;
  opt.jobs = 4;
  opt.progress = [&](const Progress& p) {
    last = p;
    ++calls;
  };
  WriteResult r = write_tree(a.path(), files, opt);
  ASSERT_TRUE(r.ok());
  EXPECT_GE(calls, 2);
  EXPECT_EQ(last.total, 1500u);
  EXPECT_EQ(last.done, 1500u);
  EXPECT_EQ(last.written, 1500u);
  WriteOptions one;
  one.jobs = 1;
  ASSERT_TRUE(write_tree(b.path(), files, one).ok());
  EXPECT_EQ(slurp(a / "manifest.json"), slurp(b / "manifest.json"));
  r = write_tree(a.path(), files, opt);
  EXPECT_EQ(last.unchanged, 1500u);
  EXPECT_EQ(r.written, 0u);
}

TEST(OutputTree, TouchManifestBumpsOnlyTheManifest) {
  TempDir t;
  ASSERT_TRUE(write_tree(t.path(), small_build()).ok());
  Ident man = ident(t / "manifest.json"), mac = ident(t / "tftp/001565aabbcc.cfg");
  let_clock_tick();
  WriteOptions opt;
  opt.touch_manifest = true;
  WriteResult r = write_tree(t.path(), small_build(), opt);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.manifest_written);
  EXPECT_NE(ident(t / "manifest.json"), man);
  EXPECT_EQ(ident(t / "tftp/001565aabbcc.cfg"), mac);
  // The cache followed the touch: the next plain run still trusts it and changes nothing.
  man = ident(t / "manifest.json");
  r = write_tree(t.path(), small_build());
  EXPECT_EQ(r.written, 0u);
  EXPECT_EQ(ident(t / "manifest.json"), man);
}
