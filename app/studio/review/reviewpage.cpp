#include "app/studio/review/reviewpage.h"

#include "app/studio/pageaction.h"
#include "app/studio/review/backuprestore.h"
#include "app/studio/review/cardbrowser.h"
#include "app/studio/review/cardtablemodel.h"
#include "app/studio/review/cardtransfer.h"
#include "app/studio/review/cardview.h"
#include "app/studio/review/decklist.h"
#include "app/studio/review/editcarddialog.h"
#include "app/studio/review/reviewoverview.h"
#include "app/studio/review/statsview.h"
#include "app/studio/windowgeometry.h"
#include "app/studio/workspace.h"

#include <QAction>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace sds::gui {

ReviewPage::ReviewPage(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_collection(workspace.cards())
{
    setObjectName(QStringLiteral("reviewPage"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(splitter);
    m_deckList = new DeckList(m_collection, splitter);
    m_stack = new QStackedWidget(splitter);
    m_overview = new ReviewOverview(m_stack);
    m_stack->addWidget(m_overview);
    m_cardView = new CardView(m_collection, m_stack);
    m_stack->addWidget(m_cardView);
    splitter->addWidget(m_deckList);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 900});

    connect(m_overview, &ReviewOverview::studyRequested, this, [this] { study(m_deck); });
    connect(m_overview, &ReviewOverview::restoreRequested, this, &ReviewPage::restoreLatestBackup);
    connect(m_deckList, &DeckList::studyRequested, this, &ReviewPage::study);
    connect(m_deckList, &DeckList::deckSelected, this, &ReviewPage::deckSelected);
    connect(m_deckList, &DeckList::browseRequested, this, &ReviewPage::openBrowser);
    connect(m_deckList, &DeckList::statsRequested, this, &ReviewPage::openStats);
    connect(m_cardView, &CardView::showAnswerRequested, this, &ReviewPage::showAnswer);
    connect(m_cardView, &CardView::answerRequested, this, &ReviewPage::answer);
    connect(m_cardView, &CardView::topicRequested, this, &ReviewPage::openTopicRequested);
    connect(m_cardView, &CardView::linkClicked, this, [this](const QUrl &url) {
        if (url.scheme() == u"challenge")
            return emit openChallengeRequested(url.path());
        if (url.scheme() == u"lab")
            return emit openLabNoteRequested(url.path());
        if (url.scheme() == u"topic")
            return emit openTopicRequested(url.path());
        emit statusMessage(
            tr("Not opened: %1 (card links are shown, not followed)").arg(url.toString()), 8000);
    });
    createActions();

    if (m_collection.isOpen()) {
        refresh();
        showWelcome();
    } else {
        m_overviewShows = OverviewShows::Other;
        m_overview->showCannotOpen(m_collection.error(), !m_collection.backups().isEmpty());
        m_stack->setCurrentWidget(m_overview);
    }
}

void ReviewPage::createActions()
{
    const auto make = [this](const QString &text, const QKeySequence &key, auto &&slot) {
        return addPageAction(this, text, key, slot);
    };
    make(tr("Show Answer"), QKeySequence(Qt::Key_Space), [this] {
        if (isStudying() && !m_session->isAnswerShown())
            showAnswer();
    });
    for (int i = 0; i < 4; ++i) {
        make(tr("Grade %1").arg(i + 1), QKeySequence(Qt::Key_1 + i), [this, i] {
            if (isStudying() && m_session->isAnswerShown())
                answer(srs::Rating(i + 1));
        });
    }
    make(tr("Undo Answer"), QKeySequence::Undo, [this] {
        undoAnswer();
    })->setObjectName(QStringLiteral("undoAnswerAction"));
    make(tr("Edit Card"), QKeySequence(Qt::Key_E), [this] { editCard(); });
    make(tr("Suspend Card"), QKeySequence(Qt::Key_S), [this] { suspendCard(); });
    make(tr("Bury Card Until Tomorrow"), QKeySequence(Qt::Key_B), [this] { buryCard(); });
    make(tr("Browse Cards"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
         [this] { openBrowser(); });
    make(tr("Statistics"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), [this] { openStats(); });
    // Import and export live in the File menu, so they work from any mode.
    m_importAction = new QAction(tr("&Import Flashcards…"), this);
    m_importAction->setObjectName(QStringLiteral("importCardsAction"));
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_importAction->setStatusTip(tr("Add an Anki deck (.apkg) or a CSV/TSV file to your cards"));
    connect(m_importAction, &QAction::triggered, this, &ReviewPage::importCards);
    m_exportAction = new QAction(tr("E&xport Deck…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportDeckAction"));
    m_exportAction->setStatusTip(tr("Write the selected deck as an Anki package or CSV"));
    connect(m_exportAction, &QAction::triggered, this, &ReviewPage::exportDeck);
    m_deckList->setContextActions({m_exportAction, m_importAction});
}

void ReviewPage::importCards()
{
    if (!m_collection.isOpen()) {
        emit statusMessage(tr("The flashcards could not be opened, so nothing can be imported"),
                           6000);
        return;
    }
    if (cardtransfer::importInteractively(this, m_collection))
        refresh();
}

void ReviewPage::importCardsFrom(const QString &path)
{
    if (m_collection.isOpen() && cardtransfer::importFile(this, m_collection, path))
        refresh();
}

void ReviewPage::exportDeck()
{
    const std::optional<qint64> deck = m_deckList->selectedDeck();
    if (!deck) {
        QMessageBox::information(this, tr("Export Deck"),
                                 tr("Select the deck to export in the deck list first."));
        return;
    }
    cardtransfer::exportInteractively(this, m_collection, *deck);
}

QDateTime ReviewPage::now() const
{
    return QDateTime::currentDateTimeUtc();
}

bool ReviewPage::isStudying() const
{
    return m_stack->currentWidget() == m_cardView && m_session && m_session->current();
}

int ReviewPage::dueNow() const
{
    return m_collection.isOpen() ? m_collection.counts(std::nullopt, now()).dueNow() : 0;
}

void ReviewPage::refresh()
{
    if (!m_collection.isOpen())
        return;
    // One reading of the counts at one moment feeds the list, the overview
    // and the card's header alike.
    const QDateTime t = now();
    m_deckCounts = m_collection.countsPerDeck(t);
    m_allCounts = m_collection.counts(std::nullopt, t);
    m_deckList->setCounts(m_deckCounts, m_collection.newCardsLeftToday(t),
                          m_collection.newCardsPerDay());
    if (m_stack->currentWidget() == m_overview) {
        if (m_overviewShows == OverviewShows::Welcome)
            m_overview->showWelcome(m_allCounts);
        else if (m_overviewShows == OverviewShows::Deck && m_deck)
            showDeckOverview(*m_deck);
    } else if (isStudying()) {
        m_cardView->setCounts(countsFor(m_session->deck()));
    }
    emit dueCountChanged(m_allCounts.dueNow());
    if (m_statsView && m_statsView->isVisible())
        m_statsView->markStale();
}

cards::StudyCounts ReviewPage::countsFor(std::optional<qint64> deckId) const
{
    if (!deckId)
        return m_allCounts;
    for (const cards::DeckCounts &d : m_deckCounts) {
        if (d.deck.id == *deckId)
            return d.counts;
    }
    return {};
}

void ReviewPage::showDeckOverview(qint64 deckId)
{
    for (const cards::DeckCounts &d : m_deckCounts) {
        if (d.deck.id != deckId)
            continue;
        m_deck = deckId;
        m_overviewShows = OverviewShows::Deck;
        m_overview->showDeck(d.deck.name, d.counts);
        m_stack->setCurrentWidget(m_overview);
        return;
    }
    showWelcome();
}

void ReviewPage::deckSelected(std::optional<qint64> deckId)
{
    // A card on screen stays: picking a deck is not a reason to drop it.
    if (isStudying())
        return;
    if (deckId)
        showDeckOverview(*deckId);
    else
        showWelcome();
}

bool ReviewPage::showDeck(const QString &builtinId)
{
    for (const cards::Deck &d : m_collection.decks()) {
        if (d.builtinId != builtinId)
            continue;
        refresh();
        m_deckList->selectDeck(d.id);
        showDeckOverview(d.id);
        return true;
    }
    emit statusMessage(tr("There is no deck '%1'").arg(builtinId), 6000);
    return false;
}

void ReviewPage::study(std::optional<qint64> deckId)
{
    m_deck = deckId;
    m_session.emplace(m_collection, deckId);
    showNext();
}

void ReviewPage::showNext()
{
    if (!m_collection.isOpen() || !m_session)
        return;
    const bool more = m_session->next(now()).has_value();
    refresh();
    if (more) {
        showCard();
        return;
    }
    m_overviewShows = OverviewShows::Other;
    m_overview->showDone(m_session->reviewed(), m_session->correct(),
                         m_session->counts(now()).learningLater);
    m_stack->setCurrentWidget(m_overview);
}

void ReviewPage::showCard()
{
    m_stack->setCurrentWidget(m_cardView);
    m_cardView->showFront(*m_session->current(), countsFor(m_session->deck()));
    m_shownFor.start();
}

void ReviewPage::showAnswer()
{
    if (!m_session || !m_session->showAnswer())
        return;
    const QDateTime t = now();
    m_cardView->showBack(*m_session->current(), m_session->preview(t), t);
}

void ReviewPage::answer(srs::Rating rating)
{
    if (!m_session || !m_session->current() || !m_session->isAnswerShown())
        return;
    if (!m_session->answer(rating, now(), m_shownFor.elapsed())) {
        emit statusMessage(tr("The answer could not be saved: %1").arg(m_collection.error()),
                           10000);
        return;
    }
    if (m_browser && m_browser->isVisible())
        m_browser->model()->refreshCard(m_session->current()->id);
    showNext(); // refreshes the counts
}

void ReviewPage::undoAnswer()
{
    // Ctrl+Z works before any study too: it takes back the last answer given.
    if (!m_session)
        m_session.emplace(m_collection, m_deck);
    if (!m_session->undo()) {
        emit statusMessage(tr("There is no answer to take back"), 4000);
        return;
    }
    refresh();
    if (m_session->current()) {
        showCard();
        emit statusMessage(tr("Answer taken back"), 4000);
    }
}

void ReviewPage::editCard()
{
    if (!isStudying())
        return;
    EditCardDialog dialog(m_session->current()->front, m_session->current()->back, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (!m_session->edit(dialog.front(), dialog.back())) {
        QMessageBox::warning(this, tr("Card not changed"), m_collection.error());
        return;
    }
    const bool shown = m_session->isAnswerShown();
    showCard();
    if (shown)
        showAnswer();
    emit statusMessage(tr("Card saved"), 4000);
}

void ReviewPage::suspendCard()
{
    if (!isStudying() || !m_session->suspend())
        return;
    emit statusMessage(tr("Card suspended: it stays out of study until you unsuspend it"), 5000);
    showNext();
}

void ReviewPage::buryCard()
{
    if (!isStudying() || !m_session->bury(now()))
        return;
    emit statusMessage(tr("Card buried until tomorrow"), 5000);
    showNext();
}

void ReviewPage::showWelcome()
{
    m_deck.reset();
    m_overviewShows = OverviewShows::Welcome;
    m_overview->showWelcome(m_allCounts);
    m_stack->setCurrentWidget(m_overview);
}

void ReviewPage::restoreLatestBackup()
{
    const std::optional<QDateTime> restored = gui::restoreLatestBackup(this, m_collection);
    if (!restored)
        return;
    // The learner's cards are back either way; the built-in decks may lag.
    QString problem;
    if (const Result<void> merged = m_workspace.mergeBuiltinDecks(); !merged) {
        problem = tr("The built-in decks could not be merged: %1").arg(merged.error());
        emit statusMessage(problem, 10000);
    }
    refresh();
    m_overviewShows = OverviewShows::Other;
    m_overview->showRestored(*restored, m_collection.setAsidePath(), problem);
    m_stack->setCurrentWidget(m_overview);
}

void ReviewPage::openBrowser()
{
    if (!m_collection.isOpen())
        return;
    if (!m_browser) {
        m_browser = new CardBrowser(m_collection, this);
        connect(m_browser, &CardBrowser::collectionChanged, this,
                &ReviewPage::cardsChangedInBrowser);
        placeWindow(*m_browser, *this, {0.75, 0.8}, m_windowSettings,
                    QStringLiteral("review/browserGeometry"));
    }
    if (!m_browser->isVisible()) {
        m_browser->reload();
        m_browser->setDeck(m_deckList->selectedDeck());
        // The card being studied is the one the learner most likely means.
        if (m_session && m_session->current())
            m_browser->selectCard(m_session->current()->id);
    }
    showInFront(*m_browser);
}

void ReviewPage::openStats()
{
    if (!m_collection.isOpen())
        return;
    if (!m_statsView) {
        m_statsView = new StatsView(m_collection, this);
        placeWindow(*m_statsView, *this, {0.65, 0.85}, m_windowSettings,
                    QStringLiteral("review/statsGeometry"));
    }
    if (!m_statsView->isVisible())
        m_statsView->setDeck(m_deckList->selectedDeck());
    showInFront(*m_statsView);
}

void ReviewPage::cardsChangedInBrowser()
{
    refresh();
    if (!isStudying())
        return;
    // The card on screen may have been edited, suspended or deleted.
    if (!m_session->reload()) {
        showNext();
        return;
    }
    m_cardView->setCard(*m_session->current(), m_session->isAnswerShown());
}

} // namespace sds::gui
