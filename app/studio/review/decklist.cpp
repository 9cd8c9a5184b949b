#include "app/studio/review/decklist.h"

#include "app/studio/review/countwords.h"
#include "app/studio/review/optimizerdialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sds::gui {
namespace {

constexpr int kDeckRole = Qt::UserRole + 1; // qint64 deck id; -1: all decks

} // namespace

DeckList::DeckList(cards::Collection &collection, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("deckPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 4, 8);
    m_decks = new QTreeWidget(this);
    m_decks->setObjectName(QStringLiteral("deckList"));
    m_decks->setRootIsDecorated(false);
    m_decks->setColumnCount(4);
    m_decks->setHeaderLabels(
        {tr("Deck"), CountWords::newCards(), CountWords::learning(), CountWords::due()});
    m_decks->header()->setStretchLastSection(false);
    m_decks->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_decks->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_newLimit = new QLabel(this);
    m_newLimit->setObjectName(QStringLiteral("newLimitLabel"));
    m_newLimit->setWordWrap(true);
    m_newLimit->setStyleSheet(QStringLiteral("color: gray"));
    auto *studyAll = new QPushButton(tr("Study all"), this);
    studyAll->setObjectName(QStringLiteral("studyAllButton"));
    auto *browseButton = new QPushButton(tr("Browse"), this);
    browseButton->setObjectName(QStringLiteral("browseButton"));
    browseButton->setToolTip(tr("Search, edit, suspend and delete cards (Ctrl+Shift+B)"));
    auto *statsButton = new QPushButton(tr("Stats"), this);
    statsButton->setObjectName(QStringLiteral("statsButton"));
    statsButton->setToolTip(
        tr("Reviews per day, forecast, retention and a year's heatmap (Ctrl+Shift+T)"));
    auto *tools = new QHBoxLayout;
    tools->addWidget(browseButton);
    tools->addWidget(statsButton);
    tools->addWidget(makeOptimizerButton(collection, this));
    layout->addWidget(m_decks, 1);
    layout->addWidget(m_newLimit);
    layout->addWidget(studyAll);
    layout->addLayout(tools);
    connect(browseButton, &QPushButton::clicked, this, &DeckList::browseRequested);
    connect(statsButton, &QPushButton::clicked, this, &DeckList::statsRequested);
    connect(studyAll, &QPushButton::clicked, this, [this] { emit studyRequested(std::nullopt); });
    // Right-click a deck: export it (import adds decks, so it is in the File menu).
    m_decks->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_decks, &QTreeWidget::itemSelectionChanged, this, [this] {
        if (!m_rebuilding)
            emit deckSelected(selectedDeck());
    });
    // A click on the deck already picked brings its overview back too (after a session's end).
    connect(m_decks, &QTreeWidget::itemClicked, this,
            [this] { emit deckSelected(selectedDeck()); });
    connect(m_decks, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 id = item->data(0, kDeckRole).toLongLong();
        emit studyRequested(id < 0 ? std::nullopt : std::optional<qint64>(id));
    });
}

void DeckList::setCounts(const QList<cards::DeckCounts> &decks, int newLeft, int newPerDay)
{
    const std::optional<qint64> picked = selectedDeck();
    m_rebuilding = true;
    m_decks->clear();
    const QString shared = CountWords::sharedLimit(newLeft, newPerDay);
    m_newLimit->setText(shared);
    m_decks->headerItem()->setToolTip(
        1, tr("New cards you may start today in each deck. %1: a card started in one deck "
              "lowers another's only when that limit is what holds it back.")
               .arg(shared));
    for (const cards::DeckCounts &d : decks) {
        const cards::StudyCounts &c = d.counts;
        auto *item =
            new QTreeWidgetItem(m_decks, {d.deck.name, QString::number(c.newCards),
                                          QString::number(c.learning), QString::number(c.review)});
        item->setData(0, kDeckRole, d.deck.id);
        item->setForeground(1, QColor(0x2a, 0x62, 0xc9));
        item->setForeground(2, QColor(0xc0, 0x39, 0x2b));
        item->setForeground(3, QColor(0x1e, 0x8e, 0x3e));
        for (int col = 1; col < 4; ++col)
            item->setTextAlignment(col, Qt::AlignRight | Qt::AlignVCenter);
        if (c.newWaiting > c.newCards)
            item->setToolTip(1, tr("%n new card(s) in this deck; the daily limit shared by all "
                                   "decks leaves %1 for today",
                                   nullptr, c.newWaiting)
                                    .arg(c.newCards));
        if (picked && d.deck.id == *picked)
            m_decks->setCurrentItem(item);
    }
    m_rebuilding = false;
    if (picked && selectedDeck() != picked)
        emit deckSelected(std::nullopt); // the deck is gone
}

std::optional<qint64> DeckList::selectedDeck() const
{
    const QList<QTreeWidgetItem *> picked = m_decks->selectedItems();
    const qint64 id = picked.isEmpty() ? -1 : picked.first()->data(0, kDeckRole).toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

void DeckList::selectDeck(qint64 deckId)
{
    for (int i = 0; i < m_decks->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_decks->topLevelItem(i);
        if (item->data(0, kDeckRole).toLongLong() == deckId)
            m_decks->setCurrentItem(item);
    }
}

void DeckList::setContextActions(const QList<QAction *> &actions)
{
    m_decks->addActions(actions);
}

} // namespace sds::gui
