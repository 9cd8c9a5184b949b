#pragma once

#include <QDateTime>
#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace sds::cards {
class Collection;
}

namespace sds::gui {

class CardTableModel;

// The card browser, a window of its own beside Review mode (Ctrl+Shift+B):
// a search box (words, tag:, deck:, is:new and so on), deck and state
// filters, a sortable table of every matching card, and an editor for the
// selected card's front and back. Delete removes the selected cards' notes
// after asking; Ctrl+J suspends or unsuspends them. Searches run in SQL
// while typing, so the window stays quick with 100,000 cards.
class CardBrowser final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardBrowser)

public:
    explicit CardBrowser(cards::Collection &collection, QWidget *parent = nullptr);
    ~CardBrowser() override;

    /** Reads the decks and runs the search again (on show, or after reviews). */
    void reload();
    /** Selects the deck in the deck filter; empty: all decks. */
    void setDeck(std::optional<qint64> deckId);
    /** A fixed time for what is due and buried, for tests; invalid: the clock. */
    void setNow(const QDateTime &now);
    /** Runs the search box's text now rather than after the typing pause. */
    void applySearch();
    void selectCard(qint64 cardId);
    std::optional<qint64> currentCardId() const;
    bool saveEdit();
    void deleteSelected();
    void toggleSuspended();

    // For tests.
    QTableView *table() const { return m_table; }
    CardTableModel *model() const { return m_model; }
    QLineEdit *searchBox() const { return m_search; }
    QComboBox *deckFilter() const { return m_deckFilter; }
    QComboBox *stateFilter() const { return m_stateFilter; }
    QPlainTextEdit *frontEdit() const { return m_front; }
    QPlainTextEdit *backEdit() const { return m_back; }
    QLabel *emptyLabel() const { return m_empty; }
    QLabel *errorLabel() const { return m_errorLabel; }

signals:
    /** Cards were edited, deleted, suspended or unsuspended. */
    void collectionChanged();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void createActions();
    void showSelected();
    void updateCount();
    void setDirty(bool dirty);
    QList<qint64> selectedCardIds() const;
    void selectOnly(int row);

    cards::Collection &m_collection;
    CardTableModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_deckFilter = nullptr;
    QComboBox *m_stateFilter = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_errorLabel = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QWidget *m_editor = nullptr;
    QLabel *m_cardInfo = nullptr;
    QPlainTextEdit *m_front = nullptr;
    QPlainTextEdit *m_back = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_suspendButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QAction *m_suspendAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QTimer *m_searchTimer = nullptr;
    std::optional<qint64> m_shownCard; // the card in the editor
    qint64 m_total = 0;                // cards in the collection, read with each search
    bool m_dirty = false;
    bool m_loadingEditor = false;
};

} // namespace sds::gui
