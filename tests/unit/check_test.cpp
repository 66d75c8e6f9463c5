// The checker: each diagnostic of the inventory and model checks, with its full rendered text
// (the contract's gcc style: location, message, source line, caret, notes).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct PhonecRun {
  int rc;
  std::string err;
};

// Runs the real binary in a fresh folder holding the given files; the source tree's prefix is
// removed from paths so model locations read models/...
PhonecRun run_phonec(const std::vector<std::pair<std::string, std::string>>& files, const std::string& args) {
  fs::path dir = fs::temp_directory_path() / ("phonec-check-" + std::to_string(::getpid()) + "-" +
                                              std::to_string(std::rand()));
  fs::create_directories(dir);
  for (auto& [name, text] : files) {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << text;
  }
  std::string cmd = "cd '" + dir.string() + "' && PHONEC_DATA_DIR='" PHONEC_SOURCE_DATA_DIR "' '" PHONEC_BINARY "' " + args +
                    " 2>&1 >/dev/null";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int status = ::pclose(p);
  fs::remove_all(dir);
  std::string prefix = std::string(PHONEC_SOURCE_DATA_DIR) + "/";
  for (std::size_t at; (at = out.find(prefix)) != std::string::npos;) out.erase(at, prefix.size());
  return PhonecRun{WEXITSTATUS(status), out};
}

// The site: a provisioning URL, and a SIP registrar unless `site_extra` gives its own sip.
std::string inventory(const std::string& site_extra, const std::string& devices) {
  std::string sip = site_extra.find("\"sip\"") == std::string::npos ? ", \"sip\": {\"registrar\": \"10.34.1.6\"}" : "";
  if (site_extra.find("\"admin_password\"") == std::string::npos) sip += ", \"admin_password\": \"adm\"";
  return "{\n  \"format\": \"phonec-inventory/1\",\n  \"site\": {\"provisioning_url\": \"http://10.34.1.6/\"" + sip +
         site_extra + "},\n  \"devices\": [\n" + devices + "\n  ]\n}\n";
}

const char* kLine = R"({"number": 1, "display_name": "A", "username": "1001", "password": "pw"})";

std::string device(const std::string& mac, const std::string& model, const std::string& extra = "") {
  return std::string("    {\"mac\": \"") + mac + "\", \"model\": \"" + model + "\", \"lines\": [" + kLine + "]" + extra + "}";
}

// A small model of our own, so that note locations do not move when the shipped models change.
const char* kModel = R"(vendor acme { title "Acme"; }
family acme.desk {
  lines 2;
  line_keys 4;
  label_max 8;
  key_codes { speeddial = 1; blf = 2; }
  file config "{hex(device.mac)}.cfg" per device {
    format keyvalue;
    content {
      for line in device.lines { "line.{line.number}.name" = label(line.display_name); }
      for key in device.funckeys { "key.{key.position}" = key.value; }
    }
  }
}
model acme.D1 : acme.desk { }
)";

std::string acme(const std::string& mac, const std::string& extra = "") {
  return std::string("    {\"mac\": \"") + mac + "\", \"model\": \"acme.D1\", \"lines\": [" + kLine + "]" + extra + "}";
}

struct Case {
  const char* name;
  std::string site_extra;
  std::string devices;
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.name; }

class CheckDiagnostics : public ::testing::TestWithParam<Case> {};

// The expected text of each case is tests/unit/check_expected/<case>.txt, reviewed by a person;
// UPDATE_GOLDENS=1 rewrites it after a reviewed change.
TEST_P(CheckDiagnostics, RendersTheFullDiagnostic) {
  const Case& c = GetParam();
  PhonecRun r = run_phonec({{"site.json", inventory(c.site_extra, c.devices)}, {"models/acme/acme.phone", kModel}},
                           "check -I models site.json");
  EXPECT_EQ(r.rc, 1);
  fs::path golden = fs::path(PHONEC_TEST_DIR) / "unit" / "check_expected" / (std::string(c.name) + ".txt");
  if (const char* u = std::getenv("UPDATE_GOLDENS"); u && std::string(u) == "1") {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << r.err;
  }
  std::ifstream in(golden, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << golden;
  std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(r.err, expected);
}

INSTANTIATE_TEST_SUITE_P(
    Inventory, CheckDiagnostics,
    ::testing::Values(
        Case{"KeyOutOfRange", "", acme("00:15:65:aa:bb:cc", R"(, "funckeys": [{"position": 31, "type": "blf", "value": "1002"}])")},
        Case{"UnknownModelWithSuggestion", "", device("00:15:65:aa:bb:cc", "acme.D2")},
        Case{"UnknownFieldWithSuggestion", "", R"(    {"mac": "00:15:65:aa:bb:cc", "model": "acme.D1", "lnies": []})"},
        Case{"DuplicateMacBothLocations", "", acme("00:15:65:aa:bb:cc") + ",\n" + acme("001565AABBCC")},
        Case{"KeyTypeTheModelLacks", "", acme("00:15:65:aa:bb:cc", R"(, "funckeys": [{"position": 1, "type": "park", "value": "700"}])")},
        Case{"UnknownKeyType", "", acme("00:15:65:aa:bb:cc", R"(, "funckeys": [{"position": 1, "type": "bfl", "value": "700"}])")},
        Case{"DuplicateKeyPosition", "", acme("00:15:65:aa:bb:cc", R"(, "funckeys": [{"position": 1, "type": "blf", "value": "1"}, {"position": 1, "type": "blf", "value": "2"}])")},
        Case{"BadMac", "", acme("00:15:65:aa:bb")},
        Case{"ControlCharacterNamed", "", R"(    {"mac": "00:15:65:aa:bb:cc", "model": "acme.D1", "lines": [{"number": 1, "display_name": "A\nB", "username": "1001", "password": "pw"}]})"},
        Case{"SecretNeverPrinted", "", R"(    {"mac": "00:15:65:aa:bb:cc", "model": "acme.D1", "lines": [{"number": 1, "display_name": "A", "username": "1001", "password": "hunter2\u0007"}]})"},
        Case{"TooManyLines", "", R"(    {"mac": "00:15:65:aa:bb:cc", "model": "acme.D1", "lines": [)" + std::string(kLine) + R"(, {"number": 3, "display_name": "B", "username": "1002", "password": "pw"}]})"},
        Case{"DuplicateLine", "", R"(    {"mac": "00:15:65:aa:bb:cc", "model": "acme.D1", "lines": [)" + std::string(kLine) + ", " + kLine + "]}"},
        Case{"UnknownTimeZone", R"(, "timezone": "Europe/Pari")", acme("00:15:65:aa:bb:cc")},
        Case{"ValueOutOfRange", R"(, "sip": {"registrar": "10.34.1.6", "port": 70000})", acme("00:15:65:aa:bb:cc")},
        Case{"WrongJsonType", "", R"(    {"mac": "00:15:65:aa:bb:cc", "model": "acme.D1", "lines": [{"number": "1", "display_name": "A", "username": "1001", "password": "pw"}]})"},
        Case{"EnumWithSuggestion", R"(, "sip": {"registrar": "10.34.1.6", "transport": "tpc"})", acme("00:15:65:aa:bb:cc")},
        Case{"MissingRegistrar", R"(, "sip": null)", acme("00:15:65:aa:bb:cc")},
        Case{"NoAdminPassword", R"(, "admin_password": null)", acme("00:15:65:aa:bb:cc", R"(, "funckeys": [{"position": 9, "type": "blf", "value": "1"}])")},
        Case{"UnknownService", "", acme("00:15:65:aa:bb:cc", R"(, "funckeys": [{"position": 1, "type": "service", "service": "enabldnd"}])")}),
    [](const ::testing::TestParamInfo<Case>& i) { return std::string(i.param.name); });

}  // namespace
