#include "app/studio/review/cardtablemodel.h"

#include "core/cards/collection.h"

#include <QColor>
#include <QFont>
#include <QLocale>

namespace sds::gui {
namespace {

constexpr int kPageSize = 256;
constexpr int kPagesKept = 32;

cards::BrowseColumn browseColumn(int column)
{
    switch (column) {
    case CardTableModel::Front:
        return cards::BrowseColumn::Front;
    case CardTableModel::Deck:
        return cards::BrowseColumn::Deck;
    case CardTableModel::Tags:
        return cards::BrowseColumn::Tags;
    case CardTableModel::State:
        return cards::BrowseColumn::State;
    case CardTableModel::Due:
        return cards::BrowseColumn::Due;
    case CardTableModel::Interval:
        return cards::BrowseColumn::Interval;
    case CardTableModel::Reps:
        return cards::BrowseColumn::Reps;
    case CardTableModel::Lapses:
        return cards::BrowseColumn::Lapses;
    default:
        break;
    }
    return cards::BrowseColumn::Added;
}

QString stateText(const cards::BrowseRow &r)
{
    QString text = srs::stateName(r.state);
    if (r.retired)
        return CardTableModel::tr("%1 · retired").arg(text);
    if (r.suspended)
        return CardTableModel::tr("%1 · suspended").arg(text);
    if (r.buried)
        return CardTableModel::tr("%1 · buried").arg(text);
    return text;
}

QString intervalText(int days)
{
    if (days <= 0)
        return QStringLiteral("–");
    if (days < 30)
        return CardTableModel::tr("%1 d").arg(days);
    if (days < 365)
        return CardTableModel::tr("%1 mo").arg(days / 30.0, 0, 'f', 1);
    return CardTableModel::tr("%1 y").arg(days / 365.0, 0, 'f', 1);
}

} // namespace

CardTableModel::CardTableModel(cards::Collection &collection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_collection(collection)
{}

QDateTime CardTableModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

bool CardTableModel::setSearch(const cards::CardSearch &search)
{
    const cards::BrowseColumn sortBy = m_search.sortBy;
    const bool descending = m_search.descending;
    m_search = search;
    m_search.sortBy = sortBy;
    m_search.descending = descending;
    return reload();
}

bool CardTableModel::reload()
{
    const std::optional<QList<qint64>> ids = m_collection.findCards(m_search, now());
    beginResetModel();
    m_pages.clear();
    m_pageOrder.clear();
    if (ids) {
        m_ids = *ids;
        m_error.clear();
    } else {
        m_ids.clear();
        m_error = m_collection.error();
    }
    endResetModel();
    return ids.has_value();
}

qint64 CardTableModel::cardId(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int CardTableModel::rowOf(qint64 cardId) const
{
    return int(m_ids.indexOf(cardId));
}

std::optional<cards::BrowseRow> CardTableModel::browseRow(int row) const
{
    const cards::BrowseRow *r = rowAt(row);
    return r ? std::optional<cards::BrowseRow>(*r) : std::nullopt;
}

void CardTableModel::refreshCard(qint64 cardId)
{
    const int row = rowOf(cardId);
    if (row < 0)
        return;
    const auto page = m_pages.find(row / kPageSize);
    if (page == m_pages.end())
        return; // read afresh when next shown
    const QList<cards::BrowseRow> fresh = m_collection.browseRows({cardId}, now());
    if (fresh.isEmpty() || row % kPageSize >= page->size())
        return;
    (*page)[row % kPageSize] = fresh.first();
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const cards::BrowseRow *CardTableModel::rowAt(int row) const
{
    if (row < 0 || row >= m_ids.size())
        return nullptr;
    const int pageNumber = row / kPageSize;
    auto page = m_pages.find(pageNumber);
    if (page == m_pages.end()) {
        QList<cards::BrowseRow> rows =
            m_collection.browseRows(m_ids.mid(qsizetype(pageNumber) * kPageSize, kPageSize), now());
        // A card deleted elsewhere leaves a gap; keep rows aligned with ids.
        if (rows.size() !=
            qMin<qsizetype>(kPageSize, m_ids.size() - qsizetype(pageNumber) * kPageSize)) {
            QHash<qint64, cards::BrowseRow> byId;
            for (const cards::BrowseRow &r : rows)
                byId.insert(r.cardId, r);
            rows.clear();
            for (const qint64 id : m_ids.mid(qsizetype(pageNumber) * kPageSize, kPageSize)) {
                cards::BrowseRow r = byId.value(id);
                r.cardId = id;
                rows.append(r);
            }
        }
        if (m_pageOrder.size() >= kPagesKept)
            m_pages.remove(m_pageOrder.takeFirst());
        m_pageOrder.append(pageNumber);
        page = m_pages.insert(pageNumber, rows);
    }
    const int offset = row % kPageSize;
    return offset < page->size() ? &page->at(offset) : nullptr;
}

int CardTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int CardTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CardTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= ColumnCount)
        return {};
    if (role == kCardIdRole)
        return cardId(index.row());
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::ForegroundRole &&
        role != Qt::BackgroundRole && role != Qt::TextAlignmentRole && role != Qt::FontRole)
        return {};
    const cards::BrowseRow *r = rowAt(index.row());
    if (!r)
        return {};
    const bool isNew = r->state == srs::State::New;
    switch (role) {
    case Qt::TextAlignmentRole:
        if (index.column() >= Interval)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        // Translucent, so the tint reads on the light and the dark palette.
        if (r->suspended || r->retired)
            return QColor(245, 158, 11, 46);
        if (r->buried)
            return QColor(128, 128, 128, 40);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Due && !isNew && r->due <= now() && !r->suspended)
            return QColor(0xef, 0x44, 0x44); // overdue or due now
        return {};
    case Qt::FontRole:
        if (r->suspended || r->retired) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Front)
            return r->front.size() > 80 ? r->front : QVariant();
        if (index.column() == Due && r->due.isValid())
            return QLocale().toString(r->due.toLocalTime(), QLocale::LongFormat);
        if (index.column() == State)
            return stateText(*r);
        return {};
    default:
        break;
    }
    switch (index.column()) {
    case Front:
        return r->front.left(300);
    case Deck:
        return r->deck;
    case Tags:
        return r->tags.join(u' ');
    case State:
        return stateText(*r);
    case Due: {
        if (isNew)
            return tr("new");
        const QDateTime local = r->due.toLocalTime();
        if (local.date() == now().toLocalTime().date())
            return tr("today %1").arg(QLocale().toString(local.time(), QLocale::ShortFormat));
        return QLocale().toString(local.date(), QLocale::ShortFormat);
    }
    case Interval:
        return intervalText(r->intervalDays);
    case Reps:
        return r->reps;
    case Lapses:
        return r->lapses;
    default:
        break;
    }
    return {};
}

QVariant CardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Front:
        return tr("Front");
    case Deck:
        return tr("Deck");
    case Tags:
        return tr("Tags");
    case State:
        return tr("State");
    case Due:
        return tr("Due");
    case Interval:
        return tr("Interval");
    case Reps:
        return tr("Reviews");
    case Lapses:
        return tr("Lapses");
    default:
        break;
    }
    return {};
}

void CardTableModel::sort(int column, Qt::SortOrder order)
{
    m_search.sortBy = browseColumn(column);
    m_search.descending = order == Qt::DescendingOrder;
    reload();
}

} // namespace sds::gui
