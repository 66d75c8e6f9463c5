// `phonec fmt` and `phonec lsp`. Each takes the arguments after its command word and returns
// the exit status (0 ok, 1 errors reported, 2 bad command line).
#pragma once
#include <string>
#include <vector>

namespace phonec {

int run_fmt(const std::vector<std::string>& args);
int run_lsp(const std::vector<std::string>& args);

}  // namespace phonec
