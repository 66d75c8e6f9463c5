#include "driver/options.h"

namespace phonec::driver {
namespace po = boost::program_options;

std::optional<std::string> parse_options(const std::vector<std::string>& args, const po::options_description& named,
                                         const char* positional, po::variables_map& vm) {
  po::options_description hidden;
  hidden.add_options()(positional, po::value<std::vector<std::string>>()->composing(), positional);
  po::options_description all;
  all.add(named).add(hidden);
  po::positional_options_description pos;
  pos.add(positional, -1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

}  // namespace phonec::driver
