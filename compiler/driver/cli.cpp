#include "driver/cli.h"

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <unicode/uvernum.h>

#include "driver/build.h"
#include "driver/cmd_assets.h"
#include "driver/cmd_doc.h"
#include "driver/cmd_new_model.h"
#include "driver/commands_extra.h"
#include "driver/options.h"
#include "driver/cmd_lab.h"
#include "tz/zone_rule.h"

namespace phonec {
namespace po = boost::program_options;

namespace {

const char* kUsage = R"(usage: phonec COMMAND [OPTIONS] INPUT...

commands:
  build [OPTIONS] INPUT...   compile model/site files (.phone) and JSON inventories into -o DIR
  check [OPTIONS] INPUT...   parse and type-check everything, write nothing
                             (no input: check the whole shipped model library)
  assets list INPUT... [--missing DIR] [--format text|json]
  assets verify DIR INPUT...
                             the firmware and language files a site needs, and their state
  doc [--format md|html|json] [MODEL...]
                             the feature matrix of the new-phone guide for models
  new-model VENDOR.MODEL [-o FILE]
                             scaffold a model file from the new-phone checklist
  fmt [--check] FILE...      canonical formatting of .phone files
  lsp                        a language server on stdin/stdout
  lab --model M --mac MAC --subnet NET/LEN --server IP [OPTIONS]
                             dhcpd.conf, tftpd-hpa and the files to test one phone
  --version | --help | COMMAND --help

Exit status: 0 success (warnings allowed), 1 errors were reported, 2 bad command line.
)";

po::options_description common_options() {
  po::options_description o("options");
  o.add_options()
      ("help,h", "print this help")
      ("include,I", po::value<std::vector<std::string>>()->composing(), "extra model search path, searched before the shipped models")
      ("diagnostics", po::value<std::string>()->default_value("text"), "how diagnostics are printed: text or json")
      ("Werror", "warnings are errors")
      ("quiet,q", "no progress, only diagnostics and the final summary");
  return o;
}

int usage_error(const std::string& msg) {
  std::cerr << "phonec: " << msg << "\n" << "Try 'phonec --help'.\n";
  return 2;
}

// -Werror is written with one dash, as in gcc: accept it by rewriting it to the long form.
std::vector<std::string> normalise_args(int argc, char** argv, int from) {
  std::vector<std::string> out;
  for (int i = from; i < argc; ++i) {
    std::string a = argv[i];
    out.push_back(a == "-Werror" ? std::string("--Werror") : a);
  }
  return out;
}

int run_compile(const std::string& cmd, const std::vector<std::string>& args) {
  bool check = cmd == "check";
  po::options_description opts = common_options();
  if (!check)
    opts.add_options()
        ("output,o", po::value<std::string>(), "output root (required)")
        ("depfile", po::value<std::string>(), "write a make depfile")
        ("jobs,j", po::value<unsigned>(), "parallel emission (default: all cores)")
        ("from", po::value<std::string>(), "the JSON inputs are exports of another system: provd (Wazo)")
        ("assets", po::value<std::string>(), "firmware and language packs to verify and serve");
  else
    opts.add_options()("strict", "also warn about firmware and language packs whose checksum is unknown");
  po::variables_map vm;
  if (auto err = driver::parse_options(args, opts, "input", vm)) return usage_error(*err);
  if (vm.count("help")) {
    std::cout << "usage: phonec " << cmd << " [OPTIONS] INPUT...\n\n" << opts;
    return 0;
  }
  driver::Options o;
  o.check_only = check;
  if (vm.count("input")) o.inputs = vm["input"].as<std::vector<std::string>>();
  if (vm.count("include")) o.includes = vm["include"].as<std::vector<std::string>>();
  o.diagnostics = vm["diagnostics"].as<std::string>();
  if (o.diagnostics != "text" && o.diagnostics != "json") return usage_error("--diagnostics takes text or json");
  o.werror = vm.count("Werror") > 0;
  o.quiet = vm.count("quiet") > 0;
  if (check) {
    o.all_models = o.inputs.empty();
    o.strict = vm.count("strict") > 0;
  } else {
    if (!vm.count("output")) return usage_error("build needs -o DIR");
    if (o.inputs.empty()) return usage_error("build needs at least one input");
    o.output = vm["output"].as<std::string>();
    if (o.output.empty()) return usage_error("-o needs a directory");
    if (vm.count("assets")) {
      o.assets_dir = vm["assets"].as<std::string>();
      if (o.assets_dir.empty()) return usage_error("--assets needs a directory");
    }
    if (vm.count("depfile")) o.depfile = vm["depfile"].as<std::string>();
    if (vm.count("from")) {
      o.from = vm["from"].as<std::string>();
      if (o.from != "provd") return usage_error("--from takes provd");
    }
    if (vm.count("jobs")) {
      o.jobs = vm["jobs"].as<unsigned>();
      if (o.jobs == 0 || o.jobs > 1024) return usage_error("-j takes 1..1024");
    }
  }
  return driver::run_build(o);
}

}  // namespace

int run_cli(int argc, char** argv) {
  try {
    if (argc < 2) {
      std::cerr << kUsage;
      return 2;
    }
    std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (cmd == "--version") {
      std::cout << "phonec " << PHONEC_VERSION << "\n"
                << "ICU " << U_ICU_VERSION << ", time-zone data " << tz::tzdata_version() << "\n";
      return 0;
    }
    if (cmd == "build" || cmd == "check") return run_compile(cmd, normalise_args(argc, argv, 2));
    if (cmd == "assets") return driver::run_assets(normalise_args(argc, argv, 2));
    if (cmd == "doc") return driver::run_doc(normalise_args(argc, argv, 2));
    if (cmd == "new-model") return driver::run_new_model(normalise_args(argc, argv, 2));
    if (cmd == "fmt") return run_fmt(normalise_args(argc, argv, 2));
    if (cmd == "lsp") return run_lsp(normalise_args(argc, argv, 2));
    if (cmd == "lab") return driver::run_lab(normalise_args(argc, argv, 2));
    return usage_error("unknown command '" + cmd + "'");
  } catch (const std::exception& e) {
    // Every input problem is a diagnostic; reaching this is a bug, but never a crash.
    std::cerr << "phonec: internal error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace phonec
