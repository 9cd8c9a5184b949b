#pragma once

#include "core/cards/collection.h"

#include <QCoreApplication>
#include <QString>

namespace sds::gui {

// The words for a deck's three counts, in one place: the deck list's
// columns, the overview and the card view's header name them alike, so a
// learner never sees "Learn 1" beside "Learning 0".
class CountWords final
{
    Q_DECLARE_TR_FUNCTIONS(sds::gui::CountWords)

public:
    static QString newCards() { return tr("New"); }
    static QString learning() { return tr("Learning"); }
    static QString due() { return tr("Due"); }
    /** "New 19 · Learning 1 · Due 3"; @p bold puts the numbers in <b> for rich text. */
    static QString summary(const cards::StudyCounts &c, bool bold = false)
    {
        const auto n = [bold](int v) {
            return bold ? QStringLiteral("<b>%1</b>").arg(v) : QString::number(v);
        };
        return QStringLiteral("%1 %2 · %3 %4 · %5 %6")
            .arg(newCards(), n(c.newCards), learning(), n(c.learning), due(), n(c.review));
    }
    /** Why New may read less than a deck holds: the day's limit is the collection's. */
    static QString sharedLimit(int left, int perDay)
    {
        return tr("New cards today: %1 of %2 left, shared by all decks").arg(left).arg(perDay);
    }
};

} // namespace sds::gui
