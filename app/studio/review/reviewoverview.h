#pragma once

#include "core/cards/collection.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace sds::gui {

// Review's right side when no card is up: today's counts, a deck's counts,
// the end of a session, or why the collection did not open, each with what
// to do next (Study <deck>, Restore the latest backup). Studying all decks
// is the deck list's Study all, so the welcome offers no button of its own.
class ReviewOverview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewOverview)

public:
    explicit ReviewOverview(QWidget *parent = nullptr);

    /** Today's counts over all decks, and the keys that study them. */
    void showWelcome(const cards::StudyCounts &counts);
    /** A deck's counts and a "Study <name>" button when it has cards due. */
    void showDeck(const QString &name, const cards::StudyCounts &counts);
    /** The end of a session: its tally, and the learning cards still to come today. */
    void showDone(int reviewed, int correct, int learningLater);
    /** Offers the latest backup when @p hasBackups. */
    void showCannotOpen(const QString &error, bool hasBackups);
    /** @p problem: what went wrong after the restore (the built-in decks), or empty. */
    void showRestored(const QDateTime &backupTime, const QString &setAsidePath,
                      const QString &problem);

signals:
    void studyRequested();
    void restoreRequested();

private:
    QLabel *m_message = nullptr;
    QPushButton *m_studyButton = nullptr;
    QPushButton *m_restoreButton = nullptr;
};

} // namespace sds::gui
