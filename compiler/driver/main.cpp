// phonec: the command-line entry point. Everything else lives in phonec_core.
#include "driver/cli.h"

int main(int argc, char** argv) { return phonec::run_cli(argc, argv); }
