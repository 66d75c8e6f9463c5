// Decoders: read vendor fields back the way the phone would, so tests can replay what a phone
// does in each year and compare it with ICU's own transitions. Independent of the encoders:
// they parse the emitted text, never reuse encoder state.
#pragma once
#include <optional>
#include <string>

#include "tz/encode.h"

namespace phonec::tz {

// What the phone ends up following: a fixed yearly rule, or a whole tz-database zone.
struct Decoded {
  std::optional<Rule> rule;
  std::string zone_id;
};

std::optional<Decoded> decode(Style style, const Fields& fields, std::string& error);

std::optional<YearTimeline> decoded_timeline(const Decoded& decoded, int year);

}  // namespace phonec::tz
