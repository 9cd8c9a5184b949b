#pragma once

#include "core/cards/browse.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>

#include <optional>

namespace sds::cards {
class Collection;
}

namespace sds::gui {

// The card browser's table. The collection filters and sorts in SQL and
// hands over only the matching card ids; rows are read a page at a time as
// the view asks for them, with a few pages kept, so 100,000 cards cost a
// list of ids, not 100,000 rows in memory. sort() runs the search again in
// the new order.
class CardTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardTableModel)

public:
    enum Column { Front, Deck, Tags, State, Due, Interval, Reps, Lapses, ColumnCount };
    static constexpr int kCardIdRole = Qt::UserRole + 1;

    explicit CardTableModel(cards::Collection &collection, QObject *parent = nullptr);

    /** Runs @p search (its sort is replaced by the model's); false with error() if it failed. */
    bool setSearch(const cards::CardSearch &search);
    /** Runs the search again, after cards were changed or deleted. */
    bool reload();
    QString error() const { return m_error; }
    /** The time that decides what is due and buried; invalid: the clock. */
    void setNow(const QDateTime &now) { m_now = now; }
    QDateTime now() const;

    qint64 cardId(int row) const;
    /** The row of @p cardId, or -1. */
    int rowOf(qint64 cardId) const;
    std::optional<cards::BrowseRow> browseRow(int row) const;
    /** Reads one card's row again (after an edit or suspend). */
    void refreshCard(qint64 cardId);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    const cards::BrowseRow *rowAt(int row) const;

    cards::Collection &m_collection;
    cards::CardSearch m_search;
    QList<qint64> m_ids;
    QDateTime m_now;
    QString m_error;
    // Pages of rows by page number, and the order they were read in, oldest first.
    mutable QHash<int, QList<cards::BrowseRow>> m_pages;
    mutable QList<int> m_pageOrder;
};

} // namespace sds::gui
