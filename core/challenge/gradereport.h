#pragma once

#include "core/challenge/challengelibrary.h"
#include "core/challenge/grader.h"

#include <QJsonArray>
#include <QJsonObject>

/**
 * The JSON that `sdstudio-cli challenge list --json` and `challenge grade
 * --json` print, with the key names scripts rely on (documented in the
 * README): for a grade, `challenge`, `solved`, `seeds`, `cost_per_month`,
 * `goals` (each `id`, `metric`, `limit`, `value`, `ci95`, `verdict`),
 * `bottleneck`, `tail_attribution` and `hints`, plus `faults` and `notes`.
 * Values are in the goals' own units: milliseconds, requests per second,
 * fractions for error rate and availability, US dollars a month.
 */
namespace sds::challenge {

QJsonArray challengeListJson(const QList<Challenge> &challenges);
QJsonObject gradeJson(const GradeResult &result);

} // namespace sds::challenge
