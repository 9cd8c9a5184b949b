#pragma once

#include "core/cards/ankipackage.h"
#include "core/cards/importbatch.h"
#include "core/srs/srsparams.h"

/**
 * An Anki package turned into an import batch: each card's question and
 * answer rendered from its note type's templates, its deck by name, and its
 * review history replayed through FSRS (fuzz off, so the same file always
 * gives the same state) to give the card its memory state. Reviews Anki
 * logs without a grade (manual rescheduling) are skipped, and a "forget"
 * starts the card over. A card with scheduling but no review log keeps its
 * interval as an estimate of its stability (or Anki's own FSRS memory, when
 * the card carries one), since there is nothing to replay.
 */
namespace sds::cards {

ImportBatch batchFromAnkiPackage(const AnkiPackage &package, const srs::SchedulerParams &params);

/** Reads and converts in one step, for `cards import` and the Import dialog. */
std::optional<ImportBatch> readAnkiImport(const QString &path, const srs::SchedulerParams &params,
                                          QString *error, const AnkiReadLimits &limits = {});

} // namespace sds::cards
