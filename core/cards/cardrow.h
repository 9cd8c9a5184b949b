#pragma once

#include "core/cards/collection.h"

#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

// How a card and an FSRS state map onto table columns; shared by the
// collection's sources, not part of the public API. The same ten state
// columns appear in cards and, prefixed with before_ and after_, in revlog.
namespace sds::cards::detail {

// state, stability, difficulty, due, last_review, scheduled_days,
// elapsed_days, learning_step, reps, lapses
const QStringList &stateColumns();
// "prefix" + each state column, joined with ", "; "c." gives "c.state, c.stability, ...".
QString stateColumnList(const QString &prefix);
QVariantList stateValues(const srs::CardState &state);
srs::CardState readState(const QSqlQuery &q, int firstColumn);

// "SELECT <card columns> FROM cards c JOIN notes n ON n.id = c.note_id", for readCard().
QString selectCards();
Card readCard(const QSqlQuery &q);

QString originName(NoteOrigin origin);
QString joinTags(const QStringList &tags);
QStringList splitTags(const QString &tags);

} // namespace sds::cards::detail
