#pragma once

#include "app/cli/dispatcher.h"

namespace sds::cli {

// `sdstudio-cli content check` and `content search QUERY`: the content
// checks and the reader's full-text search without a window. The JSON of
// search (id, title, snippet) is a contract other tools rely on.
Command contentCommand();

} // namespace sds::cli
