// A mapped input that shrinks while phonec reads it (an editor truncating it in place) makes the
// kernel raise SIGBUS on the vanished pages. Instead of a crash, phonec then says which file
// changed under it and exits with status 1.
#pragma once
#include <cstddef>
#include <string>

namespace phonec::diag {

// Registers [p, p + size) as the mapping of `path` (at most 64 at once; beyond that unguarded).
void guard_mapping(const void* p, std::size_t size, const std::string& path);
void unguard_mapping(const void* p);

}  // namespace phonec::diag
