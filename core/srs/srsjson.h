#pragma once

#include "core/srs/fsrs.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * Scheduler settings, card states and review histories as JSON, under the
 * names ts-fsrs uses: parameters, request_retention, maximum_interval,
 * enable_short_term, learning_steps, relearning_steps for the settings;
 * state, stability, difficulty, scheduled_days, due, reps, lapses for a card.
 * It is the format of `sdstudio-cli srs replay` and of the reference vectors
 * in tests/data/srs. Reading never trusts its input: each problem names the
 * key (and the review, by index) it concerns. Times must carry a zone ("Z"
 * or an offset), since a bare local time means a different moment on every
 * machine; they are written in UTC with milliseconds, as JavaScript's
 * toISOString writes them.
 */
namespace sds::srs {

struct ReviewEvent {
    QDateTime time; ///< UTC
    Rating rating = Rating::Good;
};

/** A card's history to replay from New: the settings, its creation and its reviews in order. */
struct ReplayInput {
    SchedulerParams params;
    QDateTime created; ///< UTC; invalid when the input gave none
    QList<ReviewEvent> reviews;
    QStringList warnings; ///< keys that were not understood and so were ignored
};

/** The settings in @p o; keys absent (or null) keep ts-fsrs's defaults. */
std::optional<SchedulerParams> paramsFromJson(const QJsonObject &o, QString *error);

/** Settings plus "created" and "reviews": [{"time", "rating"}, ...] in time order. */
std::optional<ReplayInput> replayInputFromJson(const QJsonObject &o, QString *error);
std::optional<ReplayInput> parseReplayInput(const QByteArray &json, QString *error);

/** The card after each review of @p input, starting from a new card. */
QList<CardState> replay(const ReplayInput &input);

/** state, stability, difficulty, scheduled_days, due, reps, lapses. */
QJsonObject cardToJson(const CardState &card);

/** "2024-05-01T09:30:00.000Z". */
QString isoUtc(const QDateTime &time);
/** An ISO 8601 date and time with a zone, in UTC; nullopt without a zone or when malformed. */
std::optional<QDateTime> parseIsoUtc(const QString &text);

} // namespace sds::srs
