#pragma once

#include "app/cli/dispatcher.h"

namespace sds::cli {

// `sdstudio-cli challenge list|start|reference|grade`: the lab's challenges
// from the command line. The names and JSON keys are a contract (README).
Command challengeCommand();

} // namespace sds::cli
