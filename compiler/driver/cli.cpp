#include "driver/cli.h"

#include <iostream>
#include <string>
#include <unicode/uvernum.h>

namespace phonec {

static const char* kUsage = R"(usage: phonec COMMAND [OPTIONS] ...

commands:
  build [OPTIONS] INPUT...   compile model/site files (.phone) and JSON inventories
  check INPUT...             parse and type-check everything, write nothing
  --version | --help | COMMAND --help
)";

int run_cli(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "--version") {
    std::cout << "phonec " << PHONEC_VERSION << " (ICU " << U_ICU_VERSION << ")\n";
    return 0;
  }
  std::cerr << "phonec: unknown command '" << cmd << "'\n" << kUsage;
  return 2;
}

}  // namespace phonec
