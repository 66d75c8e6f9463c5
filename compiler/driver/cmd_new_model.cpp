#include "driver/cmd_new_model.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "driver/session.h"
#include "sema/program.h"

namespace phonec::driver {
namespace fs = std::filesystem;

namespace {

bool valid_name(const std::string& vendor, const std::string& model) {
  auto ok = [](const std::string& s, bool dash) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (dash && c == '-'))) return false;
    return true;
  };
  return ok(vendor, false) && std::islower(static_cast<unsigned char>(vendor[0])) && ok(model, true);
}

std::string scaffold(const sema::Program& prog, const std::string& vendor, const std::string& model, bool new_vendor) {
  std::string fam = vendor + "." + model + "_family";
  std::string out = "// " + vendor + "." + model + ": written from the new-phone checklist (docs/new-phone.md).\n"
                    "// Answer every `todo` from the vendor's admin guide; `phonec check` lists those left.\n\n";
  if (new_vendor)
    out += "vendor " + vendor + " {\n  title todo;       // the vendor's name as it writes it\n"
           "  docs_url todo;    // where the admin guides are\n  oui todo;         // MAC prefixes, \"00:15:65\", ...\n}\n\n";
  out += "family " + fam + " {\n"
         "  // 2-3. Identity and documentation\n"
         "  docs_url todo;             // the admin guide's URL (public, or behind a login?)\n"
         "  // 4-5. Firmware and language files\n"
         "  firmware todo;             // the firmware version tested\n"
         "  firmware_url todo;         // where the firmware is downloaded\n"
         "  firmware_login todo;       // true if the download needs a login\n"
         "  // 6. Provisioning: DHCP + HTTP or TFTP\n"
         "  transport todo;            // http, https, tftp\n"
         "  // 7. Default credentials and factory reset\n"
         "  default_credentials todo;  // e.g. \"admin / admin (web)\"\n"
         "  factory_reset todo;        // how to reset the phone\n"
         "  // 8. DHCP: how the phone finds its files\n"
         "  vendor_class todo;         // option 60 the phone sends\n"
         "  dhcp_request todo;         // option 55 the phone sends, e.g. 1, 3, 6, 15, 42, 66\n"
         "  option 66 = site.provisioning_url;\n"
         "  // 11. Standard features\n"
         "  timezone_style todo;       // yealink, polycom, aastra, cisco, snom, fanvil, grandstream, htek, gigaset, olson\n"
         "  label_max todo;            // characters a key label shows\n"
         "  key_codes { }              // the vendor's code for each key type: speeddial = ..; blf = ..; park = ..;\n"
         "  // The feature table of the guide: NYT until tested, then Y, N, NT, FK, HK, SK or MN.\n"
         "  features {\n";
  std::string group;
  for (const sema::FeatureDef& f : prog.features) {
    if (f.id == "funckeys") continue;
    out += "    " + f.id + " = NYT;  // " + f.title + "\n";
  }
  out += "  }\n"
         "  // 9. The files the phone requests and what they contain.\n"
         "  file config \"{hex(device.mac)}.cfg\" per device {\n"
         "    format keyvalue;\n"
         "    encoding \"utf-8\";\n"
         "    content {\n"
         "      for line in device.lines {\n"
         "        \"line.{line.number}.user\" = line.username;\n"
         "        \"line.{line.number}.password\" = line.password;\n"
         "        \"line.{line.number}.registrar\" = line.sip.registrar;\n"
         "      }\n"
         "    }\n"
         "  }\n"
         "}\n\n"
         "model " + vendor + "." + model + " : " + fam + " {\n"
         "  title todo;\n"
         "  lines 1;            // SIP accounts\n"
         "  line_keys 0;        // programmable keys\n"
         "}\n";
  return out;
}

}  // namespace

int run_new_model(const std::vector<std::string>& args) {
  std::string name, output;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::cout << "usage: phonec new-model VENDOR.MODEL [-o FILE]\n\nWrites VENDOR/MODEL.phone (or FILE) from the new-phone checklist.\n";
      return 0;
    }
    if ((args[i] == "-o" || args[i] == "--output") && i + 1 < args.size()) output = args[++i];
    else if (name.empty() && args[i][0] != '-') name = args[i];
    else {
      std::cerr << "phonec: unexpected argument '" << args[i] << "'\nTry 'phonec new-model --help'.\n";
      return 2;
    }
  }
  auto dot = name.find('.');
  std::string vendor = dot == std::string::npos ? "" : name.substr(0, dot), model = dot == std::string::npos ? "" : name.substr(dot + 1);
  if (!valid_name(vendor, model)) {
    std::cerr << "phonec: new-model takes VENDOR.MODEL: a lower-case vendor and the model as the vendor writes it "
                 "(letters, digits, '_' and '-'), e.g. yealink.T46S\n";
    return 2;
  }
  Session s({});
  s.load_library();
  bool new_vendor = !s.prog.vendors.count(vendor);
  if (output.empty()) output = vendor + "/" + model + ".phone";
  std::error_code ec;
  if (fs::exists(output, ec)) {
    std::cerr << "phonec: error: '" << output << "' exists; not overwritten\n";
    return 1;
  }
  if (fs::path(output).has_parent_path()) fs::create_directories(fs::path(output).parent_path(), ec);
  std::ofstream f(output, std::ios::binary);
  f << scaffold(s.prog, vendor, model, new_vendor);
  if (!f) {
    std::cerr << "phonec: error: cannot write '" << output << "'\n";
    return 1;
  }
  std::cout << "phonec: wrote " << output << "; answer each 'todo', then: phonec check -I " << fs::path(output).parent_path().parent_path().string()
            << (fs::path(output).parent_path().parent_path().empty() ? "." : "") << " " << output << "\n";
  return 0;
}

}  // namespace phonec::driver
