// The grammar itself: no rule can loop without consuming input (PEGTL analyze), and every rule
// that can raise on failure has a human message.
#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/errors.hpp"
#include "grammar/phone.hpp"

TEST(Grammar, AnalyzeFindsNoProblems) { EXPECT_EQ(tao::pegtl::analyze<phonec::grammar::file>(1), 0u); }
