// A no-op rebuild that does not compile: DIR/.phonec-build records what the last successful build
// read and printed. When the next build reads the same files (same size, mtime, ctime, inode),
// with the same options, binary and ICU, and DIR still holds exactly what that build wrote (every
// file's stamp as the stat cache recorded it, nothing changed since the record, not even a mode:
// the file's ctime is older than the record's), the build's result is known: its diagnostics are
// printed again and nothing else happens. Any doubt (a missing or malformed record, a file
// touched, an option changed) means a normal build, so the record can only cost speed. A build
// whose inputs changed less than two seconds before it started leaves no record: file times are
// too coarse to tell whether it read them before or after the change.
//
// Builds with --assets, --depfile, lab subnets or provd inputs never use a record: their outputs
// depend on more than the files read (an assets folder's contents) or must move a date.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "diag/source.h"
#include "driver/build.h"

namespace phonec::driver {

inline constexpr std::string_view kBuildRecordName = ".phonec-build";

// What identifies a build's command: options, working and data directories, this binary, ICU.
// Empty when the build may not use a record.
std::string build_record_key(const Options& opt);

// When DIR's record vouches for this build: prints what the recorded build printed (its
// diagnostics and summary) and returns true.
bool replay_build_record(const Options& opt, const std::string& key);

// After a successful build that started at `started_ns` (CLOCK_REALTIME): records what it read
// (sm's files), printed (`diagnostics`, on the stream of opt.diagnostics) and counted. Any failure
// only means no record (and none left).
void write_build_record(const Options& opt, const std::string& key, std::int64_t started_ns, const SourceManager& sm,
                        std::string_view diagnostics, std::size_t devices, std::size_t files, std::size_t warnings);

// Now, as file times count it (CLOCK_REALTIME, nanoseconds).
std::int64_t realtime_ns();

// "1 device", "3 devices".
std::string plural(std::size_t n, const char* word);

// The summary line a build prints last.
std::string build_summary(std::size_t devices, std::size_t written, std::size_t unchanged, std::size_t removed,
                          std::size_t warnings);

}  // namespace phonec::driver
