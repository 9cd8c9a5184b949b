#pragma once

#include "app/cli/dispatcher.h"

namespace sds::cli {

// `sdstudio-cli sim compare A B`, `sim sweep FILE ...` and `sim capacity FILE
// ...`: many runs of a design over seeds, in parallel (core/experiment). The
// JSON keys are a contract other tools rely on (README, "Experiments").
bool isExperimentAction(const QString &action);
int runExperiment(const QStringList &args, Streams &io);

extern const char *const kExperimentSynopsis; // usage lines, after sim's own
extern const char *const kExperimentDetails;  // what each does, and the options

} // namespace sds::cli
