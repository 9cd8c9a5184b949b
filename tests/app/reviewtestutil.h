#pragma once

#include "core/cards/cardhtml.h"
#include "core/cards/collection.h"
#include "findchild.h"

#include <QObject>
#include <QPushButton>
#include <QTextBrowser>
#include <QTextDocument>
#include <QWidget>

#include <optional>

// What the Review tests read off the page, as a learner would: widgets by
// their object names, and the card on screen by its front.
namespace reviewtest {

using ::child;

// The card whose front the card view shows, looked up among all cards in
// @p cards (fronts differ across the decks the tests use); nullopt when no
// card, or more than one, reads like it.
inline std::optional<qint64> shownCard(QWidget &page, const sds::cards::Collection &cards)
{
    auto *view = child<QTextBrowser>(page, "cardView");
    if (!view || !view->isVisibleTo(&page))
        return std::nullopt;
    const QString shown = view->toPlainText();
    std::optional<qint64> found;
    const auto ids = cards.findCards({}, QDateTime::currentDateTimeUtc());
    for (qint64 id : ids.value_or(QList<qint64>{})) {
        const std::optional<sds::cards::Card> card = cards.card(id);
        QTextDocument doc;
        doc.setHtml(card->format == sds::cards::CardFormat::Html
                        ? sds::cards::sanitizeHtml(card->front)
                        : sds::cards::plainToHtml(card->front));
        const QString front = doc.toPlainText();
        if (shown != front && !shown.startsWith(front + u'\n'))
            continue;
        if (found)
            return std::nullopt;
        found = id;
    }
    return found;
}

// The answer is shown: the grades are up and Show answer is gone.
inline bool answerShown(QWidget &page)
{
    return child<QWidget>(page, "gradeRow")->isVisibleTo(&page) &&
           !child<QPushButton>(page, "showAnswerButton")->isVisibleTo(&page);
}

} // namespace reviewtest
