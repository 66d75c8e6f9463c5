// Fitting every value of a settings tree to its phone: display limits for labels, the file's
// charset for everything (labels per the model's policy; credentials and secrets never change).
#pragma once
#include <string>

#include "diag/diagnostic.h"
#include "emit/doc.h"
#include "sema/program.h"
#include "text/encoding.h"

namespace phonec::emit {

bool fit_values(Doc& doc, const sema::Model& model, text::Encoding enc, const std::string& who, Diagnostics& diags,
                const std::string& charset_policy = {});

}  // namespace phonec::emit
