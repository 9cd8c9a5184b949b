#include "core/cards/schema.h"

#include "core/cards/cardrow.h"

#include <QSqlQuery>

#include <array>

namespace sds::cards::schema {
namespace {

using Step = bool (*)(QSqlQuery &q);

// The ten FSRS state columns, as cards holds them, each prefixed.
QString stateColumnsDdl(const QString &prefix, bool withDefaults)
{
    const QString d = withDefaults ? QStringLiteral(" DEFAULT 0") : QString();
    return QStringLiteral("%1state INTEGER NOT NULL%2 CHECK (%1state BETWEEN 0 AND 3), "
                          "%1stability REAL NOT NULL%2, "
                          "%1difficulty REAL NOT NULL%2, "
                          "%1due INTEGER NOT NULL, "
                          "%1last_review INTEGER, "
                          "%1scheduled_days INTEGER NOT NULL%2, "
                          "%1elapsed_days INTEGER NOT NULL%2, "
                          "%1learning_step INTEGER NOT NULL%2, "
                          "%1reps INTEGER NOT NULL%2, "
                          "%1lapses INTEGER NOT NULL%2")
        .arg(prefix, d);
}

bool createV1(QSqlQuery &q)
{
    const QString statements[] = {
        QStringLiteral("CREATE TABLE decks ("
                       "id INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL CHECK (name <> ''), "
                       "builtin_id TEXT UNIQUE, "
                       "created INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE notes ("
                       "id INTEGER PRIMARY KEY, "
                       "guid TEXT NOT NULL UNIQUE, "
                       "fields TEXT NOT NULL CHECK (json_valid(fields)), "
                       "tags TEXT NOT NULL DEFAULT '', "
                       "topic TEXT, "
                       "origin TEXT NOT NULL CHECK (origin IN ('builtin', 'anki', 'csv', 'user')), "
                       "builtin_id TEXT UNIQUE, "
                       "retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)), "
                       "modified INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE cards ("
                       "id INTEGER PRIMARY KEY, "
                       "note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE, "
                       "deck_id INTEGER NOT NULL REFERENCES decks(id), "
                       "ordinal INTEGER NOT NULL DEFAULT 0, "
                       "front TEXT NOT NULL, "
                       "back TEXT NOT NULL, "
                       "format INTEGER NOT NULL DEFAULT 0 CHECK (format IN (0, 1)), "
                       "%1, "
                       "suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)), "
                       "buried_until INTEGER NOT NULL DEFAULT 0, "
                       "UNIQUE (note_id, ordinal))")
            .arg(stateColumnsDdl(QString(), true)),
        // The study queue reads "cards in this state, due by then, earliest
        // first" and nothing else, so one index on (state, due) serves the
        // learning, review and new queues and the due counts.
        QStringLiteral("CREATE INDEX cards_queue ON cards(state, due)"),
        QStringLiteral("CREATE INDEX cards_deck ON cards(deck_id)"),
        QStringLiteral("CREATE TABLE revlog ("
                       "id INTEGER PRIMARY KEY, "
                       "card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE, "
                       "time INTEGER NOT NULL, "
                       "rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4), "
                       "duration INTEGER NOT NULL DEFAULT 0, "
                       "%1, %2)")
            .arg(stateColumnsDdl(QStringLiteral("before_"), false),
                 stateColumnsDdl(QStringLiteral("after_"), false)),
        QStringLiteral("CREATE INDEX revlog_card ON revlog(card_id)"),
        QStringLiteral("CREATE INDEX revlog_time ON revlog(time)"),
        // One row: typed columns with their checks rather than loose key-value pairs.
        QStringLiteral("CREATE TABLE config ("
                       "id INTEGER PRIMARY KEY CHECK (id = 1), "
                       "scheduler TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scheduler)), "
                       "desired_retention REAL NOT NULL DEFAULT 0.9 "
                       "CHECK (desired_retention > 0 AND desired_retention < 1), "
                       "new_per_day INTEGER NOT NULL DEFAULT 20 CHECK (new_per_day >= 0), "
                       "last_backup INTEGER, "
                       "builtin_hash TEXT)"),
        QStringLiteral("INSERT INTO config (id) VALUES (1)"),
        QStringLiteral("PRAGMA application_id = %1").arg(qint32(kApplicationId)),
    };
    for (const QString &sql : statements) {
        if (!q.exec(sql))
            return false;
    }
    return true;
}

// Version 2: media files that imported cards refer to, kept inside the
// collection so an import stays one transaction and a backup holds them.
bool addMediaV2(QSqlQuery &q)
{
    return q.exec(QStringLiteral("CREATE TABLE media ("
                                 "name TEXT PRIMARY KEY, "
                                 "data BLOB NOT NULL, "
                                 "added INTEGER NOT NULL)"));
}

// Step i upgrades version i to i + 1. Later versions append here; a step
// never changes once released.
constexpr std::array<Step, 2> kSteps = {&createV1, &addMediaV2};

} // namespace

int currentVersion()
{
    return int(kSteps.size());
}

const QList<storage::Migration> &migrations()
{
    static const QList<storage::Migration> steps(kSteps.begin(), kSteps.end());
    return steps;
}

} // namespace sds::cards::schema
