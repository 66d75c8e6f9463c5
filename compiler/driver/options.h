// Parsing a command's options: the named options plus every other word collected into one
// positional option, the way all of phonec's commands take their inputs.
#pragma once
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

namespace phonec::driver {

// Fills `vm` from `args`; the words that are not options go to `positional` (a list of strings).
// Returns the error message when the command line is not valid.
std::optional<std::string> parse_options(const std::vector<std::string>& args,
                                         const boost::program_options::options_description& named, const char* positional,
                                         boost::program_options::variables_map& vm);

}  // namespace phonec::driver
