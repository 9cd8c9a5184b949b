#pragma once

#include "core/cards/collection.h"

#include <QElapsedTimer>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTextBrowser;
class QTreeWidget;

namespace sds::gui {

class CardBrowser;
class StatsView;
class Workspace;

// Review mode: the decks with their new / learning / due counts on the left;
// on the right either an overview, or the card being studied: its front,
// Space for the answer, then Again / Hard / Good / Easy (1-4) with the
// interval each would give. Ctrl+Z takes the last answer back, E edits the
// card, S suspends it, B buries it until tomorrow, and a link opens the
// card's topic in the reader. Browse (Ctrl+Shift+B) and Stats
// (Ctrl+Shift+T) under the deck list open the card browser and the
// statistics, each a window of its own. The collection (cards.sqlite in the data
// folder, the built-in decks merged in at start) belongs to the Workspace.
class ReviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewPage)

public:
    explicit ReviewPage(Workspace &workspace, QWidget *parent = nullptr);
    ~ReviewPage() override;

    cards::Collection &collection() { return m_collection; }
    /** Reloads the deck counts (e.g. after the clock moved on). */
    void refresh();
    /** Selects the built-in deck @p builtinId and offers to study it; false if there is none. */
    bool showDeck(const QString &builtinId);
    /** Starts studying a deck, or all decks. */
    void study(std::optional<qint64> deckId);
    void showAnswer();
    void answer(srs::Rating rating);
    void undoAnswer();
    bool isStudying() const;
    bool isAnswerShown() const { return m_answerShown; }
    std::optional<qint64> currentCardId() const;
    int dueNow() const;
    /** Opens (or raises) the card browser, filtered to the selected deck. */
    void openBrowser();
    /** Opens (or raises) the statistics for the selected deck, or all. */
    void openStats();
    /** Asks for an Anki package or CSV file and imports it. */
    void importCards();
    /** Imports @p path without asking for it (the command line's and drops' way in). */
    void importCardsFrom(const QString &path);
    /** Asks for a file and exports the selected deck to it. */
    void exportDeck();
    QAction *importAction() const { return m_importAction; }
    QAction *exportAction() const { return m_exportAction; }

    // For tests.
    QTreeWidget *deckList() const { return m_decks; }
    QTextBrowser *cardView() const { return m_card; }
    QPushButton *gradeButton(srs::Rating rating) const;
    QPushButton *showAnswerButton() const { return m_showAnswer; }
    QLabel *message() const { return m_message; }
    QAction *undoAction() const { return m_undoAction; }
    int reviewedThisSession() const { return m_sessionCount; }
    CardBrowser *browser() const { return m_browser; }
    StatsView *statsView() const { return m_statsView; }

signals:
    void openTopicRequested(const QString &topicId);
    void statusMessage(const QString &text, int timeoutMs);
    void dueCountChanged(int due);

private:
    void buildUi();
    void createActions();
    void showNext();
    void showCard();
    void showOverview(const QString &text);
    void showWelcome();
    void editCard();
    void suspendCard();
    void buryCard();
    void restoreLatestBackup();
    void cardsChangedInBrowser();
    std::optional<qint64> selectedDeck() const;
    QDateTime now() const;
    QString cardHtml(bool withAnswer) const;
    // Shows the current card, with the collection's media files its images name.
    void setCardHtml(bool withAnswer);

    Workspace &m_workspace;
    cards::Collection &m_collection;
    std::optional<qint64> m_deck; // the deck being studied; empty: all
    std::optional<cards::Card> m_current;
    bool m_answerShown = false;
    int m_sessionCount = 0;
    int m_sessionCorrect = 0;
    QElapsedTimer m_shownFor;

    QTreeWidget *m_decks = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_studyButton = nullptr;
    QPushButton *m_restoreButton = nullptr;
    QTextBrowser *m_card = nullptr;
    QLabel *m_progress = nullptr;
    QPushButton *m_topicButton = nullptr;
    QPushButton *m_showAnswer = nullptr;
    QWidget *m_gradeRow = nullptr;
    QList<QPushButton *> m_grades;
    QAction *m_undoAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_suspendAction = nullptr;
    QAction *m_buryAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_exportAction = nullptr;
    CardBrowser *m_browser = nullptr; // made on first use
    StatsView *m_statsView = nullptr; // made on first use
};

} // namespace sds::gui
