// Collection's side of the optimiser: every card's answers in one query.
#include "core/cards/collection.h"
#include "core/cards/sqlsupport.h"

#include <QSqlQuery>

namespace sds::cards {

QList<srs::ReviewHistory> Collection::reviewHistories() const
{
    QList<srs::ReviewHistory> out;
    QSqlQuery q(m_file.database());
    q.setForwardOnly(true);
    if (!isOpen() ||
        !detail::exec(q, QStringLiteral("SELECT card_id, time, rating, before_state FROM revlog "
                                        "ORDER BY card_id, id")))
        return out;
    qint64 current = -1;
    bool complete = false;
    while (q.next()) {
        const qint64 cardId = q.value(0).toLongLong();
        if (cardId != current) {
            current = cardId;
            // A card imported with a schedule has a past the log never saw;
            // replaying it from New would teach the model something false.
            complete = q.value(3).toInt() == int(srs::State::New);
            if (complete)
                out.append(srs::ReviewHistory{cardId, {}});
        }
        if (complete)
            out.last().reviews.append(
                {detail::fromMsecs(q.value(1).toLongLong()), srs::Rating(q.value(2).toInt())});
    }
    return out;
}

} // namespace sds::cards
