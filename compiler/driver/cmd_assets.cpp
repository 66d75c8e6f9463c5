#include "driver/cmd_assets.h"

#include <boost/program_options.hpp>
#include <iostream>

#include "driver/options.h"
#include "driver/asset_store.h"
#include "driver/serve_assets.h"

namespace phonec::driver {
namespace po = boost::program_options;

namespace {

const char* kAssetsUsage = R"(usage: phonec assets list INPUT... [--missing DIR] [--format text|json]
       phonec assets verify DIR INPUT...

list:   the firmware images and language packs the devices of INPUT will request, with the
        vendor's download URL, size and SHA-256 ("unknown" where the vendor publishes none);
        --missing DIR lists only those DIR does not hold intact.
verify: exit 0 only when DIR holds every needed file with the declared checksum; otherwise
        lists what is missing or wrong.
)";

int usage(const std::string& msg) {
  std::cerr << "phonec: " << msg << "\n" << "Try 'phonec assets --help'.\n";
  return 2;
}

std::string or_unknown(const std::string& s) { return s.empty() ? "unknown" : s; }

}  // namespace

int run_assets(const std::vector<std::string>& args) {
  if (args.empty()) return usage("assets needs 'list' or 'verify'");
  if (args[0] == "--help" || args[0] == "-h") {
    std::cout << kAssetsUsage;
    return 0;
  }
  std::string sub = args[0];
  if (sub != "list" && sub != "verify") return usage("unknown assets command '" + sub + "'");
  po::options_description opts("options");
  opts.add_options()
      ("help,h", "print this help")
      ("include,I", po::value<std::vector<std::string>>()->composing(), "extra model search path")
      ("diagnostics", po::value<std::string>()->default_value("text"), "how diagnostics are printed: text or json");
  if (sub == "list")
    opts.add_options()
        ("missing", po::value<std::string>(), "only the files DIR does not hold intact")
        ("format", po::value<std::string>()->default_value("text"), "text or json");
  po::variables_map vm;
  if (auto err = parse_options(std::vector<std::string>(args.begin() + 1, args.end()), opts, "input", vm))
    return usage(*err);
  if (vm.count("help")) {
    std::cout << kAssetsUsage << "\n" << opts;
    return 0;
  }
  Options o;
  o.assets_cmd = sub;
  o.quiet = true;
  if (vm.count("input")) o.inputs = vm["input"].as<std::vector<std::string>>();
  if (vm.count("include")) o.includes = vm["include"].as<std::vector<std::string>>();
  o.diagnostics = vm["diagnostics"].as<std::string>();
  if (o.diagnostics != "text" && o.diagnostics != "json") return usage("--diagnostics takes text or json");
  if (sub == "list") {
    o.assets_format = vm["format"].as<std::string>();
    if (o.assets_format != "text" && o.assets_format != "json") return usage("--format takes text or json");
    if (vm.count("missing")) o.missing_dir = vm["missing"].as<std::string>();
  } else {
    if (o.inputs.empty()) return usage("verify needs DIR and at least one input");
    o.missing_dir = o.inputs.front();
    o.inputs.erase(o.inputs.begin());
  }
  if (o.inputs.empty()) return usage("assets " + sub + " needs at least one input");
  return run_build(o);
}

int run_assets_report(const Options& opt, const std::vector<sema::NeededAsset>& needed) {
  AssetStore store;
  std::vector<AssetCheck> checks(needed.size());
  if (!opt.missing_dir.empty()) {
    std::string why;
    if (!store.open(opt.missing_dir, why)) {
      std::cerr << "phonec: error: " << why << "\n";
      return 1;
    }
    for (std::size_t i = 0; i < needed.size(); ++i) checks[i] = store.check(*needed[i].asset);
  }
  auto wanted = [&](std::size_t i) {
    return opt.missing_dir.empty() || checks[i].state == AssetCheck::State::Missing ||
           checks[i].state == AssetCheck::State::Mismatch;
  };

  if (opt.assets_cmd == "list") {
    if (opt.assets_format == "json") {
      nlohmann::ordered_json arr = nlohmann::ordered_json::array();
      for (std::size_t i = 0; i < needed.size(); ++i) {
        if (!wanted(i)) continue;
        nlohmann::ordered_json j = asset_json(needed[i]);
        if (!opt.missing_dir.empty()) j["state"] = state_name(checks[i].state);
        arr.push_back(j);
      }
      std::cout << arr.dump(2) << "\n";
    } else {
      for (std::size_t i = 0; i < needed.size(); ++i) {
        if (!wanted(i)) continue;
        const sema::Asset& a = *needed[i].asset;
        std::cout << a.path << "\n"
                  << "  " << asset_what(needed[i]) << ", " << sema::devices_text(needed[i]) << "\n"
                  << "  url     " << a.url << (a.login ? " (vendor login needed)" : "") << "\n"
                  << "  size    " << (a.size < 0 ? std::string("unknown") : std::to_string(a.size)) << "\n"
                  << "  sha256  " << or_unknown(a.sha256) << "\n";
        if (!opt.missing_dir.empty()) std::cout << "  state   " << state_name(checks[i].state) << "\n";
      }
    }
    return 0;
  }

  // verify
  std::size_t bad = 0, unverified = 0;
  for (std::size_t i = 0; i < needed.size(); ++i) {
    const sema::Asset& a = *needed[i].asset;
    const AssetCheck& c = checks[i];
    switch (c.state) {
      case AssetCheck::State::Ok: break;
      case AssetCheck::State::Unverified:
        ++unverified;
        std::cout << "unverified " << a.path << ": no published checksum; found " << c.file.string() << " sha256 "
                  << c.actual_sha256 << "\n";
        break;
      case AssetCheck::State::Missing:
        ++bad;
        std::cout << "missing " << a.path << " (" << asset_what(needed[i]) << "): download " << a.url
                  << (a.login ? " (vendor login needed)" : "") << "\n";
        break;
      case AssetCheck::State::Mismatch:
        ++bad;
        std::cout << "mismatch " << a.path << " (" << asset_what(needed[i]) << "): " << c.file.string()
                  << ": expected sha256 " << or_unknown(a.sha256) << ", actual sha256 " << c.actual_sha256;
        if (a.size >= 0 && static_cast<std::uint64_t>(a.size) != c.size)
          std::cout << ", expected " << a.size << " bytes, found " << c.size;
        std::cout << "\n";
        break;
    }
  }
  std::cerr << "phonec: " << needed.size() << " asset" << (needed.size() == 1 ? "" : "s") << ": "
            << needed.size() - bad - unverified << " verified, " << unverified << " without a checksum, " << bad
            << " missing or wrong\n";
  return bad ? 1 : 0;
}

}  // namespace phonec::driver
