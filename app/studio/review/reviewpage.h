#pragma once

#include "core/cards/studysession.h"

#include <QElapsedTimer>
#include <QWidget>

#include <optional>

class QAction;
class QSettings;
class QStackedWidget;

namespace sds::gui {

class CardBrowser;
class CardView;
class DeckList;
class ReviewOverview;
class StatsView;
class Workspace;

// Review mode: the deck list on the left; on the right either an overview
// or the card being studied. It wires the views to a StudySession, opens
// the card browser and the statistics (windows of their own), imports,
// exports and restores backups. The collection belongs to the Workspace.
class ReviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewPage)

public:
    explicit ReviewPage(Workspace &workspace, QWidget *parent = nullptr);
    ~ReviewPage() override = default;

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
    // Where the browser and statistics windows keep their geometry (the app's
    // settings, owned by MainWindow); without them they open centred each time.
    void setWindowSettings(QSettings *settings) { m_windowSettings = settings; }

signals:
    void openTopicRequested(const QString &topicId);
    // A lab note's links: the challenge it came from, the copy of its design.
    void openChallengeRequested(const QString &challengeId);
    void openLabNoteRequested(const QString &fileName);
    void statusMessage(const QString &text, int timeoutMs);
    void dueCountChanged(int due);

private:
    void createActions();
    void showNext();
    void showCard();
    void showWelcome();
    void showDeckOverview(qint64 deckId);
    void deckSelected(std::optional<qint64> deckId);
    /** From the counts refresh() read last, so every view shows the same numbers. */
    cards::StudyCounts countsFor(std::optional<qint64> deckId) const;
    void editCard();
    void suspendCard();
    void buryCard();
    void restoreLatestBackup();
    void cardsChangedInBrowser();
    QDateTime now() const;

    Workspace &m_workspace;
    cards::Collection &m_collection;
    std::optional<qint64> m_deck; // the deck picked; empty: all
    std::optional<cards::StudySession> m_session;
    // What the overview shows, so refresh() can bring its counts up to date.
    enum class OverviewShows { Welcome, Deck, Other };
    OverviewShows m_overviewShows = OverviewShows::Other;
    QList<cards::DeckCounts> m_deckCounts; // as of the last refresh()
    cards::StudyCounts m_allCounts;        // likewise, all decks
    QElapsedTimer m_shownFor;              // how long the card has been on screen, for its answer

    DeckList *m_deckList = nullptr;
    QStackedWidget *m_stack = nullptr;
    ReviewOverview *m_overview = nullptr;
    CardView *m_cardView = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_exportAction = nullptr;
    CardBrowser *m_browser = nullptr; // made on first use
    StatsView *m_statsView = nullptr; // made on first use
    QSettings *m_windowSettings = nullptr;
};

} // namespace sds::gui
