#pragma once

namespace phonec {
// Parses the command line and runs one command. Exit status: 0 ok, 1 errors reported, 2 bad usage.
int run_cli(int argc, char** argv);
}  // namespace phonec
