#include "app/studio/review/cardbrowser.h"

#include "app/studio/review/cardtablemodel.h"
#include "app/studio/theme.h"
#include "core/cards/collection.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace sds::gui {
namespace {

QLabel *mutedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

CardBrowser::CardBrowser(cards::Collection &collection, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_collection(collection)
{
    setObjectName(QStringLiteral("cardBrowser"));
    setWindowTitle(tr("Browse Cards"));
    m_model = new CardTableModel(m_collection, this);
    buildUi();
    createActions();
    resize(1080, 700);
}

CardBrowser::~CardBrowser() = default;

void CardBrowser::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);

    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("browserSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
        tr("Search: words, tag:caching, deck:\"System design\", is:due, -is:suspended"));
    m_deckFilter = new QComboBox(this);
    m_deckFilter->setObjectName(QStringLiteral("browserDeckFilter"));
    m_deckFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_stateFilter = new QComboBox(this);
    m_stateFilter->setObjectName(QStringLiteral("browserStateFilter"));
    m_stateFilter->addItem(tr("Any state"), -1);
    const std::pair<QString, cards::CardFilter> states[] = {
        {tr("New"), cards::CardFilter::New},
        {tr("Learning"), cards::CardFilter::Learning},
        {tr("Review"), cards::CardFilter::Review},
        {tr("Relearning"), cards::CardFilter::Relearning},
        {tr("Due now"), cards::CardFilter::Due},
        {tr("Suspended"), cards::CardFilter::Suspended},
        {tr("Buried"), cards::CardFilter::Buried},
        {tr("Retired"), cards::CardFilter::Retired},
    };
    for (const auto &[name, filter] : states)
        m_stateFilter->addItem(name, int(filter));
    m_count = mutedLabel({}, this);
    m_count->setObjectName(QStringLiteral("browserCount"));
    bar->addWidget(m_search, 1);
    bar->addWidget(m_deckFilter);
    bar->addWidget(m_stateFilter);
    bar->addSpacing(8);
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("browserError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #ef4444"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    m_tableStack = new QStackedWidget(splitter);
    m_table = new QTableView(m_tableStack);
    m_table->setObjectName(QStringLiteral("browserTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures 100,000 rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(CardTableModel::Front, QHeaderView::Stretch);
    const int em = fontMetrics().horizontalAdvance(u'M');
    const std::pair<int, int> widths[] = {
        {CardTableModel::Deck, 14 * em},    {CardTableModel::Tags, 11 * em},
        {CardTableModel::State, 9 * em},    {CardTableModel::Due, 10 * em},
        {CardTableModel::Interval, 6 * em}, {CardTableModel::Reps, 6 * em},
        {CardTableModel::Lapses, 6 * em},
    };
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, width);
    header->setSortIndicator(CardTableModel::Due, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);

    m_empty = new QLabel(m_tableStack);
    m_empty->setObjectName(QStringLiteral("browserEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setMargin(32);
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(m_empty);

    m_editor = new QWidget(splitter);
    auto *ed = new QVBoxLayout(m_editor);
    ed->setContentsMargins(0, 8, 0, 0);
    m_cardInfo = mutedLabel(tr("Select a card to edit it."), m_editor);
    m_cardInfo->setObjectName(QStringLiteral("browserCardInfo"));
    m_cardInfo->setWordWrap(true);
    auto *sides = new QHBoxLayout;
    const auto side = [this, sides](const QString &title, const QString &name) {
        auto *box = new QVBoxLayout;
        box->addWidget(new QLabel(title, m_editor));
        auto *edit = new QPlainTextEdit(m_editor);
        edit->setObjectName(name);
        edit->setTabChangesFocus(true);
        box->addWidget(edit);
        sides->addLayout(box);
        return edit;
    };
    m_front = side(tr("Front"), QStringLiteral("browserFront"));
    m_back = side(tr("Back"), QStringLiteral("browserBack"));
    auto *buttons = new QHBoxLayout;
    m_suspendButton = new QPushButton(tr("Suspend"), m_editor);
    m_suspendButton->setObjectName(QStringLiteral("browserSuspend"));
    m_deleteButton = new QPushButton(tr("Delete…"), m_editor);
    m_deleteButton->setObjectName(QStringLiteral("browserDelete"));
    m_revertButton = new QPushButton(tr("Revert"), m_editor);
    m_revertButton->setObjectName(QStringLiteral("browserRevert"));
    m_saveButton = new QPushButton(tr("Save"), m_editor);
    m_saveButton->setObjectName(QStringLiteral("browserSave"));
    m_saveButton->setDefault(true);
    buttons->addWidget(m_suspendButton);
    buttons->addWidget(m_deleteButton);
    buttons->addStretch(1);
    buttons->addWidget(mutedLabel(tr("Ctrl+S saves · Ctrl+J suspends · Del deletes"), m_editor));
    buttons->addSpacing(8);
    buttons->addWidget(m_revertButton);
    buttons->addWidget(m_saveButton);
    ed->addWidget(m_cardInfo);
    ed->addLayout(sides, 1);
    ed->addLayout(buttons);
    splitter->addWidget(m_tableStack);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({420, 230});
    layout->addWidget(splitter, 1);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_searchTimer, &QTimer::timeout, this, &CardBrowser::applySearch);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &CardBrowser::applySearch);
    connect(m_deckFilter, &QComboBox::currentIndexChanged, this, &CardBrowser::applySearch);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &CardBrowser::applySearch);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CardBrowser::showSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CardBrowser::updateCount);
    // Queued: the view takes the focus back while it finishes the click.
    const auto focusEditor = [this] {
        QTimer::singleShot(0, this, [this] {
            if (m_shownCard) {
                m_front->setFocus(Qt::OtherFocusReason);
                m_front->moveCursor(QTextCursor::End);
            }
        });
    };
    connect(m_table, &QTableView::doubleClicked, this, focusEditor);
    connect(m_table, &QTableView::activated, this, focusEditor);
    for (QPlainTextEdit *edit : {m_front, m_back}) {
        connect(edit, &QPlainTextEdit::textChanged, this, [this] {
            if (!m_loadingEditor)
                setDirty(true);
        });
    }
    connect(m_saveButton, &QPushButton::clicked, this, &CardBrowser::saveEdit);
    connect(m_revertButton, &QPushButton::clicked, this, [this] {
        setDirty(false);
        showSelected();
    });
    connect(m_suspendButton, &QPushButton::clicked, this, &CardBrowser::toggleSuspended);
    connect(m_deleteButton, &QPushButton::clicked, this, &CardBrowser::deleteSelected);
    setDirty(false);
}

void CardBrowser::createActions()
{
    const auto make = [this](QWidget *owner, const QString &text, const QList<QKeySequence> &keys,
                             auto &&slot) {
        auto *action = new QAction(text, owner);
        action->setShortcuts(keys);
        action->setShortcutContext(owner == this ? Qt::WindowShortcut : Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, slot);
        owner->addAction(action);
        return action;
    };
    make(this, tr("Find"), {QKeySequence::Find}, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    make(this, tr("Save Card"), {QKeySequence::Save, QKeySequence(Qt::CTRL | Qt::Key_Return)},
         [this] { saveEdit(); });
    make(this, tr("Close"), {QKeySequence::Close, QKeySequence(Qt::Key_Escape)}, [this] {
        // Esc first clears a search, as in a search field anywhere.
        if (m_search->hasFocus() && !m_search->text().isEmpty()) {
            m_search->clear();
            applySearch();
            return;
        }
        close();
    });
    // The table's own actions, also its context menu: Delete must not
    // delete cards while the editor has the focus.
    m_suspendAction = make(m_table, tr("Suspend / Unsuspend"), {QKeySequence(Qt::CTRL | Qt::Key_J)},
                           [this] { toggleSuspended(); });
    m_suspendAction->setShortcutContext(Qt::WindowShortcut);
    m_deleteAction =
        make(m_table, tr("Delete…"), {QKeySequence::Delete}, [this] { deleteSelected(); });
    make(this, tr("Delete Cards"), {QKeySequence(Qt::CTRL | Qt::Key_Delete)},
         [this] { deleteSelected(); });
}

void CardBrowser::setNow(const QDateTime &now)
{
    m_model->setNow(now);
}

void CardBrowser::reload()
{
    const QVariant deck = m_deckFilter->currentData();
    const QSignalBlocker quiet(m_deckFilter);
    m_deckFilter->clear();
    m_deckFilter->addItem(tr("All decks"), qint64(-1));
    for (const cards::Deck &d : m_collection.decks())
        m_deckFilter->addItem(d.name, d.id);
    const int index = deck.isValid() ? m_deckFilter->findData(deck) : 0;
    m_deckFilter->setCurrentIndex(std::max(0, index));
    applySearch();
}

void CardBrowser::setDeck(std::optional<qint64> deckId)
{
    if (m_deckFilter->count() == 0)
        reload();
    const int index = m_deckFilter->findData(deckId ? *deckId : qint64(-1));
    const QSignalBlocker quiet(m_deckFilter);
    m_deckFilter->setCurrentIndex(std::max(0, index));
    applySearch();
}

void CardBrowser::applySearch()
{
    m_searchTimer->stop();
    QString why;
    const std::optional<QList<cards::SearchTerm>> terms =
        cards::parseCardSearch(m_search->text(), &why);
    if (!terms) {
        // The last good results stay; the sentence says what to fix.
        m_errorLabel->setText(why);
        m_errorLabel->show();
        return;
    }
    cards::CardSearch search;
    search.terms = *terms;
    if (const qint64 deck = m_deckFilter->currentData().toLongLong(); deck > 0)
        search.deckId = deck;
    if (const int state = m_stateFilter->currentData().toInt(); state >= 0)
        search.filter = cards::CardFilter(state);
    const std::optional<qint64> keep = m_shownCard;
    if (m_dirty)
        saveEdit();
    m_total = m_collection.stats(m_model->now()).cards;
    if (!m_model->setSearch(search)) {
        m_errorLabel->setText(tr("The search failed: %1").arg(m_model->error()));
        m_errorLabel->show();
    } else {
        m_errorLabel->hide();
    }
    const int row = keep ? m_model->rowOf(*keep) : -1;
    if (m_model->rowCount() > 0)
        selectOnly(std::max(0, row));
    else
        showSelected();
    if (row >= 0)
        m_table->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtCenter);
    updateCount();
}

void CardBrowser::selectOnly(int row)
{
    // QTableView::selectRow() in extended mode may extend from an anchor;
    // a program's selection is always just this row.
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void CardBrowser::selectCard(qint64 cardId)
{
    const int row = m_model->rowOf(cardId);
    if (row >= 0)
        selectOnly(row);
}

std::optional<qint64> CardBrowser::currentCardId() const
{
    return m_shownCard;
}

void CardBrowser::updateCount()
{
    const qint64 total = m_total;
    const int shown = m_model->rowCount();
    const int selected = int(m_table->selectionModel()->selectedRows().size());
    QString text = shown == total
                       ? tr("%n card(s)", nullptr, int(total))
                       : tr("%1 of %n card(s)", nullptr, int(total)).arg(QLocale().toString(shown));
    if (selected > 1)
        text += tr(" · %1 selected").arg(selected);
    m_count->setText(text);
    if (shown > 0) {
        m_tableStack->setCurrentWidget(m_table);
        return;
    }
    m_empty->setText(
        total == 0
            ? tr("<h3>No cards yet</h3><p>Cards appear here once a deck has some: the built-in "
                 "decks are added when Review mode opens, and imported decks join them.</p>")
            : tr("<h3>No card matches</h3><p>Try fewer words, choose <i>All decks</i> and "
                 "<i>Any state</i>, or press Esc in the search box to clear it.</p><p>Searches "
                 "combine words with tag:NAME, deck:NAME and is:new, is:learning, is:review, "
                 "is:due, is:suspended; a leading - leaves matches out.</p>"));
    m_tableStack->setCurrentWidget(m_empty);
}

QList<qint64> CardBrowser::selectedCardIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.append(m_model->cardId(index.row()));
    if (ids.isEmpty() && m_shownCard)
        ids.append(*m_shownCard);
    return ids;
}

void CardBrowser::setDirty(bool dirty)
{
    m_dirty = dirty;
    m_saveButton->setEnabled(dirty);
    m_revertButton->setEnabled(dirty);
}

void CardBrowser::showSelected()
{
    if (m_loadingEditor)
        return;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const qint64 id = current.isValid() ? m_model->cardId(current.row()) : 0;
    if (m_dirty && m_shownCard && id != *m_shownCard && !saveEdit()) {
        // The edit cannot be stored as it is: go back to it rather than drop it.
        const qint64 back = *m_shownCard;
        QTimer::singleShot(0, this, [this, back] { selectCard(back); });
        return;
    }
    const std::optional<cards::Card> card =
        id ? m_collection.card(id) : std::optional<cards::Card>();
    m_loadingEditor = true;
    m_front->setPlainText(card ? card->front : QString());
    m_back->setPlainText(card ? card->back : QString());
    m_loadingEditor = false;
    setDirty(false);
    m_shownCard = card ? std::optional<qint64>(card->id) : std::nullopt;
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_front, m_back, m_suspendButton, m_deleteButton})
        w->setEnabled(card.has_value());
    m_suspendAction->setEnabled(card.has_value());
    m_deleteAction->setEnabled(card.has_value());
    if (!card) {
        m_cardInfo->setText(tr("Select a card to edit it."));
        return;
    }
    const std::optional<cards::BrowseRow> row = m_model->browseRow(current.row());
    QStringList info;
    if (row) {
        info << row->deck;
        if (!row->tags.isEmpty())
            info << tr("tags: %1").arg(row->tags.join(QStringLiteral(", ")));
    }
    info << tr("%n review(s)", nullptr, card->schedule.reps)
         << tr("%n lapse(s)", nullptr, card->schedule.lapses);
    if (card->format == cards::CardFormat::Html)
        info << tr("imported HTML: edit the markup");
    if (!card->builtinId.isEmpty())
        info << tr("built-in card");
    m_cardInfo->setText(info.join(QStringLiteral("  ·  ")));
    m_suspendButton->setText(card->suspended ? tr("Unsuspend") : tr("Suspend"));
}

bool CardBrowser::saveEdit()
{
    if (!m_shownCard || !m_dirty)
        return true;
    if (m_front->toPlainText().trimmed().isEmpty() || m_back->toPlainText().trimmed().isEmpty()) {
        m_errorLabel->setText(tr("Not saved: a card needs both a front and a back."));
        m_errorLabel->show();
        return false;
    }
    if (!m_collection.editCard(*m_shownCard, m_front->toPlainText(), m_back->toPlainText())) {
        m_errorLabel->setText(tr("Not saved: %1").arg(m_collection.error()));
        m_errorLabel->show();
        return false;
    }
    m_errorLabel->hide();
    setDirty(false);
    m_model->refreshCard(*m_shownCard);
    emit collectionChanged();
    return true;
}

void CardBrowser::toggleSuspended()
{
    const QList<qint64> ids = selectedCardIds();
    if (ids.isEmpty())
        return;
    bool allSuspended = true;
    for (const qint64 id : ids) {
        const std::optional<cards::Card> card = m_collection.card(id);
        allSuspended = allSuspended && card && card->suspended;
    }
    for (const qint64 id : ids) {
        if (!m_collection.setSuspended(id, !allSuspended)) {
            m_errorLabel->setText(m_collection.error());
            m_errorLabel->show();
        }
        m_model->refreshCard(id);
    }
    m_suspendButton->setText(allSuspended ? tr("Suspend") : tr("Unsuspend"));
    emit collectionChanged();
}

void CardBrowser::deleteSelected()
{
    const QList<qint64> ids = selectedCardIds();
    if (ids.isEmpty())
        return;
    QList<qint64> notes;
    bool builtin = false;
    for (const qint64 id : ids) {
        if (const std::optional<cards::Card> card = m_collection.card(id)) {
            if (!notes.contains(card->noteId))
                notes.append(card->noteId);
            builtin = builtin || !card->builtinId.isEmpty();
        }
    }
    QMessageBox ask(QMessageBox::Question, tr("Delete Cards"),
                    tr("Delete %n card(s) and their review history?", nullptr, int(ids.size())),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    ask.setObjectName(QStringLiteral("deleteConfirm"));
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.button(QMessageBox::Yes)->setText(tr("Delete"));
    ask.setInformativeText(builtin ? tr("This cannot be undone. Built-in cards come back as new "
                                        "cards when the app's decks change; to keep one out of "
                                        "study, suspend it instead.")
                                   : tr("This cannot be undone."));
    if (ask.exec() != QMessageBox::Yes)
        return;
    const int row = m_table->selectionModel()->currentIndex().row();
    QStringList failed;
    for (const qint64 note : notes) {
        if (!m_collection.deleteNote(note))
            failed << m_collection.error();
    }
    m_shownCard.reset();
    setDirty(false);
    m_total = m_collection.stats(m_model->now()).cards;
    m_model->reload();
    if (m_model->rowCount() > 0)
        selectOnly(std::clamp(row, 0, m_model->rowCount() - 1));
    else
        showSelected();
    updateCount();
    if (!failed.isEmpty()) {
        m_errorLabel->setText(
            tr("Not every card was deleted: %1").arg(failed.join(QStringLiteral("; "))));
        m_errorLabel->show();
    }
    emit collectionChanged();
}

void CardBrowser::closeEvent(QCloseEvent *event)
{
    if (m_dirty) {
        const auto choice = QMessageBox::question(
            this, tr("Unsaved Card"), tr("Save the changes to this card?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (choice == QMessageBox::Cancel || (choice == QMessageBox::Save && !saveEdit())) {
            event->ignore();
            return;
        }
        setDirty(false);
        showSelected();
    }
    QWidget::closeEvent(event);
}

} // namespace sds::gui
