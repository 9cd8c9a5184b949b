#pragma once

#include "app/cli/dispatcher.h"

namespace sds::cli {

// `sdstudio-cli sim run FILE ...` and `sim analyze FILE ...`: the headless
// runner over core/sim. The JSON keys are a contract other tools rely on.
Command simCommand();

} // namespace sds::cli
