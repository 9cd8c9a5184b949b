#pragma once

#include "core/cards/collection.h"

#include <QWidget>

#include <array>

class QLabel;
class QPushButton;
class QTextBrowser;
class QUrl;

namespace sds::gui {

// The card being studied: the progress line and "Read the topic" above it,
// its front with Show answer (Space), then the back with Again / Hard / Good
// / Easy, each labelled with the interval it would give. It shows what the
// page hands it and forwards the learner's choices; images come from the
// collection's media.
class CardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardView)

public:
    explicit CardView(const cards::Collection &collection, QWidget *parent = nullptr);

    /** Shows @p card's front and Show answer; @p counts go in the progress line. */
    void showFront(const cards::Card &card, const cards::StudyCounts &counts);
    /** The header's counts: the session's deck, as the deck list shows it. */
    void setCounts(const cards::StudyCounts &counts);
    /** Adds the back and the grades; @p next[i] is what grade i + 1 gives at @p now. */
    void showBack(const cards::Card &card, const std::array<srs::CardState, 4> &next,
                  const QDateTime &now);
    /** Shows @p card again where it is, with or without its back (after an edit elsewhere). */
    void setCard(const cards::Card &card, bool withAnswer);

signals:
    void showAnswerRequested();
    void answerRequested(srs::Rating rating);
    void topicRequested(const QString &topicId);
    void linkClicked(const QUrl &url);

private:
    const cards::Collection &m_collection;
    QString m_topic;
    QLabel *m_progress = nullptr;
    QPushButton *m_topicButton = nullptr;
    QTextBrowser *m_card = nullptr;
    QPushButton *m_showAnswer = nullptr;
    QWidget *m_gradeRow = nullptr;
    std::array<QPushButton *, 4> m_grades{};
};

} // namespace sds::gui
