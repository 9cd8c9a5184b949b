#pragma once

#include "app/cli/dispatcher.h"

namespace sds::cli {

// `sdstudio-cli cards stats` and `cards review`: the flashcard collection
// without a window, for scripts and tests. The JSON keys of stats and the
// line printed per review are a contract other tools rely on.
Command cardsCommand();

} // namespace sds::cli
