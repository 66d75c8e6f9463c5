// `phonec lsp`: a Language Server Protocol server (full text sync) on a pair of streams.
#pragma once
#include <filesystem>
#include <iosfwd>

namespace phonec::lsp {

// Serves until "exit" (status 0 after "shutdown", else 1) or the end of the input (1).
int serve(std::istream& in, std::ostream& out, const std::filesystem::path& data_dir);

}  // namespace phonec::lsp
