#pragma once

#include "app/cli/dispatcher.h"
#include "core/experiment/parallel.h"

#include <functional>

namespace sds::cli {

// Runs @p work on a thread of its own while this one shows "runs done / total"
// on a terminal's stderr and turns Ctrl+C into a cancel of @p progress. Shared
// by the experiments (sim compare|sweep|capacity) and challenge grading.
void withProgress(experiment::Progress &progress, Streams &io, const QString &what, int threads,
                  const std::function<void()> &work);

} // namespace sds::cli
