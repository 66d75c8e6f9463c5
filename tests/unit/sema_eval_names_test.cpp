// Names in content are resolved once, by the content checker, to a binding's slot or a global's
// kind (sema/name_slots.h); evaluation reads them without a search. Shadowed and unbound names
// must still read what the innermost binding in scope holds.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <unistd.h>

#include "tests/fuzz/targets.h"

namespace {
using namespace phonec;
namespace fs = std::filesystem;

const char* const model_text = R"(vendor acme { title "Acme"; }
family acme.names {
  lines 2;
  line_keys 2;
  key_codes { speeddial = 1; }
  file config "{hex(device.mac)}-{model.short_name}.cfg" per device {
    format keyvalue;
    content {
      let n = "outer";
      "a" = n;
      for line in device.lines {
        "b.{line.number}" = n;
        let n = "in{line.number}";
        "c.{line.number}" = n;
        for line in device.funckeys { "d.{line.position}" = "{n}/{line.label}"; }
        "e.{line.number}" = line.username;
        if line.number == 1 { let n = "if"; "f" = n; } else { "g" = n; }
        "h.{line.number}" = n;
        // Bound in place (stored data) and copied (another let's value); then enough bindings
        // for the list of them to grow and move.
        let u = line.username;
        let v = n;
        let w1 = "1"; let w2 = "2"; let w3 = "3"; let w4 = "4"; let w5 = "5";
        let w6 = "6"; let w7 = "7"; let w8 = "8"; let w9 = "9"; let w10 = "10";
        "j.{line.number}" = "{u} {v} {w10}";
      }
      "i" = n;
      "t" = "{key_codes.speeddial} {upper(n)} {lookup(key_codes, "speeddial")}";
      let key_codes = "shadowed";
      "k" = key_codes;
      "m" = "{model.short_name} {site.sip.registrar} {codes.enablednd}";
    }
  }
}
model acme.N1 : acme.names { }
)";

const char* const site_text = R"({"format": "phonec-inventory/1",
 "site": {"admin_password": "x", "sip": {"registrar": "10.0.0.1"}},
 "devices": [{"mac": "02:00:00:00:00:01", "model": "acme.N1",
   "lines": [{"number": 1, "display_name": "A", "username": "u1", "password": "p"},
             {"number": 2, "display_name": "B", "username": "u2", "password": "p"}],
   "funckeys": [{"position": 1, "type": "speeddial", "value": "1", "label": "K1"},
                {"position": 2, "type": "speeddial", "value": "2", "label": "K2"}]}]})";

TEST(SemaEvalNames, ShadowedBindingsAndGlobalsReadTheInnermostInScope) {
  fs::path dir = fs::temp_directory_path() / ("phonec-eval-names-" + std::to_string(::getpid()));
  fs::create_directories(dir / "acme");
  std::ofstream(dir / "acme" / "acme.phone") << model_text;
  SourceManager sm;
  Diagnostics diags;
  sema::Program prog(sm, diags);
  fuzz::prepare(prog);
  prog.model_paths.insert(prog.model_paths.begin(), dir);
  driver::Compiled c = fuzz::compile_site(prog, sm.add("site.json", site_text));
  fs::remove_all(dir);
  ASSERT_FALSE(diags.has_errors()) << render_all_text(diags, sm);
  std::map<std::string, std::string> files;
  for (const output::OutFile& f : c.files) files[f.path] = f.bytes;
  for (const auto& list : c.device_files)
    for (const driver::Produced& p : list) files[p.file.path] = p.file.bytes;
  ASSERT_TRUE(files.count("tftp/020000000001-N1.cfg")) << files.size();
  EXPECT_EQ(files["tftp/020000000001-N1.cfg"],
            "a = outer\n"
            "b.1 = outer\n"
            "c.1 = in1\n"
            "d.1 = in1/K1\n"
            "d.2 = in1/K2\n"
            "e.1 = u1\n"
            "f = if\n"
            "h.1 = in1\n"
            "j.1 = u1 in1 10\n"
            "b.2 = outer\n"
            "c.2 = in2\n"
            "d.1 = in2/K1\n"
            "d.2 = in2/K2\n"
            "e.2 = u2\n"
            "g = in2\n"
            "h.2 = in2\n"
            "j.2 = u2 in2 10\n"
            "i = outer\n"
            "t = 1 OUTER 1\n"
            "k = shadowed\n"
            "m = N1 10.0.0.1 *25\n");
}

}  // namespace
