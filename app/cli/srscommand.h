#pragma once

#include "app/cli/dispatcher.h"

namespace sds::cli {

// `sdstudio-cli srs replay FILE`: replays a card's review history through the
// FSRS-6 scheduler (core/srs) and prints the card after each review. The
// input keys and the JSON printed are a contract other tools rely on.
Command srsCommand();

} // namespace sds::cli
