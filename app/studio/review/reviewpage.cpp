#include "app/studio/review/reviewpage.h"

#include "app/studio/pageaction.h"
#include "app/studio/review/cardbrowser.h"
#include "app/studio/review/cardtablemodel.h"
#include "app/studio/review/cardtransfer.h"
#include "app/studio/review/optimizerdialog.h"
#include "app/studio/review/statsview.h"
#include "app/studio/workspace.h"
#include "core/cards/cardhtml.h"
#include "core/srs/fuzz.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace sds::gui {
namespace {

constexpr int kDeckRole = Qt::UserRole + 1; // qint64 deck id; -1: all decks

// "10m", "1h", "4d", "2.5mo", "1.2y": how far away the next review is.
QString interval(const QDateTime &from, const QDateTime &to)
{
    const double minutes = std::max<qint64>(0, from.secsTo(to)) / 60.0;
    if (minutes < 1)
        return QStringLiteral("<1m");
    if (minutes < 60)
        return QStringLiteral("%1m").arg(std::lround(minutes));
    const double hours = minutes / 60;
    if (hours < 24)
        return QStringLiteral("%1h").arg(std::lround(hours));
    const double days = hours / 24;
    if (days < 30)
        return QStringLiteral("%1d").arg(std::lround(days));
    if (days < 365)
        return QStringLiteral("%1mo").arg(days / 30, 0, 'f', days < 300 ? 1 : 0);
    return QStringLiteral("%1y").arg(days / 365, 0, 'f', 1);
}

} // namespace

ReviewPage::ReviewPage(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_collection(workspace.cards())
{
    setObjectName(QStringLiteral("reviewPage"));
    buildUi();
    createActions();
    if (m_collection.isOpen()) {
        refresh();
        showWelcome();
    } else {
        m_restoreButton->setVisible(!m_collection.backups().isEmpty());
        m_studyButton->hide();
        showOverview(tr("<b>Your flashcards could not be opened.</b><br>%1<br>Nothing has been "
                        "changed or deleted.")
                         .arg(m_collection.error().toHtmlEscaped()));
    }
}

ReviewPage::~ReviewPage() = default;

void ReviewPage::buildUi()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(splitter);

    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    m_decks = new QTreeWidget(left);
    m_decks->setObjectName(QStringLiteral("deckList"));
    m_decks->setRootIsDecorated(false);
    m_decks->setColumnCount(4);
    m_decks->setHeaderLabels({tr("Deck"), tr("New"), tr("Learn"), tr("Due")});
    m_decks->header()->setStretchLastSection(false);
    m_decks->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_decks->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    auto *studyAll = new QPushButton(tr("Study all"), left);
    studyAll->setObjectName(QStringLiteral("studyAllButton"));
    auto *browseButton = new QPushButton(tr("Browse"), left);
    browseButton->setObjectName(QStringLiteral("browseButton"));
    browseButton->setToolTip(tr("Search, edit, suspend and delete cards (Ctrl+Shift+B)"));
    auto *statsButton = new QPushButton(tr("Stats"), left);
    statsButton->setObjectName(QStringLiteral("statsButton"));
    statsButton->setToolTip(
        tr("Reviews per day, forecast, retention and a year's heatmap (Ctrl+Shift+T)"));
    auto *tools = new QHBoxLayout;
    tools->addWidget(browseButton);
    tools->addWidget(statsButton);
    tools->addWidget(makeOptimizerButton(m_collection, left));
    leftLayout->addWidget(m_decks, 1);
    leftLayout->addWidget(studyAll);
    leftLayout->addLayout(tools);
    connect(browseButton, &QPushButton::clicked, this, &ReviewPage::openBrowser);
    connect(statsButton, &QPushButton::clicked, this, &ReviewPage::openStats);
    connect(studyAll, &QPushButton::clicked, this, [this] { study(std::nullopt); });
    // Right-click a deck: export it (import adds decks, so it is in the File menu).
    m_decks->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_decks, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 id = item->data(0, kDeckRole).toLongLong();
        study(id < 0 ? std::nullopt : std::optional<qint64>(id));
    });

    m_stack = new QStackedWidget(splitter);
    // Overview: a message and what to do next.
    auto *overview = new QWidget(m_stack);
    auto *ov = new QVBoxLayout(overview);
    ov->setContentsMargins(32, 32, 32, 32);
    m_message = new QLabel(overview);
    m_message->setObjectName(QStringLiteral("reviewMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_studyButton = new QPushButton(tr("Study now"), overview);
    m_studyButton->setObjectName(QStringLiteral("studyNowButton"));
    m_restoreButton = new QPushButton(tr("Restore the latest backup…"), overview);
    m_restoreButton->setObjectName(QStringLiteral("restoreBackupButton"));
    m_restoreButton->hide();
    ov->addWidget(m_message);
    ov->addWidget(m_studyButton, 0, Qt::AlignLeft);
    ov->addWidget(m_restoreButton, 0, Qt::AlignLeft);
    ov->addStretch(1);
    connect(m_studyButton, &QPushButton::clicked, this, [this] { study(m_deck); });
    connect(m_restoreButton, &QPushButton::clicked, this, &ReviewPage::restoreLatestBackup);

    // The card.
    auto *cardPage = new QWidget(m_stack);
    auto *cv = new QVBoxLayout(cardPage);
    cv->setContentsMargins(16, 8, 16, 12);
    auto *top = new QHBoxLayout;
    m_progress = new QLabel(cardPage);
    m_topicButton = new QPushButton(cardPage);
    m_topicButton->setObjectName(QStringLiteral("cardTopicButton"));
    m_topicButton->setFlat(true);
    m_topicButton->setCursor(Qt::PointingHandCursor);
    top->addWidget(m_progress, 1);
    top->addWidget(m_topicButton);
    m_card = new QTextBrowser(cardPage);
    m_card->setObjectName(QStringLiteral("cardView"));
    m_card->setOpenLinks(false);
    m_card->setFrameShape(QFrame::NoFrame);
    m_card->document()->setDocumentMargin(24);
    m_showAnswer = new QPushButton(tr("Show answer   (Space)"), cardPage);
    m_showAnswer->setObjectName(QStringLiteral("showAnswerButton"));
    m_showAnswer->setMinimumHeight(40);
    m_gradeRow = new QWidget(cardPage);
    auto *grades = new QHBoxLayout(m_gradeRow);
    grades->setContentsMargins(0, 0, 0, 0);
    const char *names[] = {QT_TR_NOOP("Again"), QT_TR_NOOP("Hard"), QT_TR_NOOP("Good"),
                           QT_TR_NOOP("Easy")};
    for (int i = 0; i < 4; ++i) {
        auto *b = new QPushButton(m_gradeRow);
        b->setObjectName(QStringLiteral("grade%1").arg(i + 1));
        b->setMinimumHeight(44);
        b->setToolTip(tr("%1 (%2)").arg(tr(names[i])).arg(i + 1));
        grades->addWidget(b);
        m_grades.append(b);
        connect(b, &QPushButton::clicked, this, [this, i] { answer(srs::Rating(i + 1)); });
    }
    cv->addLayout(top);
    cv->addWidget(m_card, 1);
    cv->addWidget(m_showAnswer);
    cv->addWidget(m_gradeRow);
    connect(m_showAnswer, &QPushButton::clicked, this, &ReviewPage::showAnswer);
    connect(m_topicButton, &QPushButton::clicked, this, [this] {
        if (m_current && !m_current->topic.isEmpty())
            emit openTopicRequested(m_current->topic);
    });
    connect(m_card, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        emit statusMessage(
            tr("Not opened: %1 (card links are shown, not followed)").arg(url.toString()), 8000);
    });

    m_stack->addWidget(overview);
    m_stack->addWidget(cardPage);
    splitter->addWidget(left);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 900});
}

void ReviewPage::createActions()
{
    const auto make = [this](const QString &text, const QKeySequence &key, auto &&slot) {
        return addPageAction(this, text, key, slot);
    };
    make(tr("Show Answer"), QKeySequence(Qt::Key_Space), [this] {
        if (isStudying() && !m_answerShown)
            showAnswer();
    });
    for (int i = 0; i < 4; ++i) {
        make(tr("Grade %1").arg(i + 1), QKeySequence(Qt::Key_1 + i), [this, i] {
            if (isStudying() && m_answerShown)
                answer(srs::Rating(i + 1));
        });
    }
    m_undoAction = make(tr("Undo Answer"), QKeySequence::Undo, [this] { undoAnswer(); });
    m_editAction = make(tr("Edit Card"), QKeySequence(Qt::Key_E), [this] { editCard(); });
    m_suspendAction = make(tr("Suspend Card"), QKeySequence(Qt::Key_S), [this] { suspendCard(); });
    m_buryAction =
        make(tr("Bury Card Until Tomorrow"), QKeySequence(Qt::Key_B), [this] { buryCard(); });
    make(tr("Browse Cards"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
         [this] { openBrowser(); });
    make(tr("Statistics"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), [this] { openStats(); });
    // Import and export live in the File menu, so they work from any mode.
    m_importAction = new QAction(tr("&Import Flashcards…"), this);
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_importAction->setStatusTip(tr("Add an Anki deck (.apkg) or a CSV/TSV file to your cards"));
    connect(m_importAction, &QAction::triggered, this, &ReviewPage::importCards);
    m_exportAction = new QAction(tr("E&xport Deck…"), this);
    m_exportAction->setStatusTip(tr("Write the selected deck as an Anki package or CSV"));
    connect(m_exportAction, &QAction::triggered, this, &ReviewPage::exportDeck);
    m_decks->addAction(m_exportAction);
    m_decks->addAction(m_importAction);
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
    const std::optional<qint64> deck = selectedDeck();
    if (!deck) {
        QMessageBox::information(this, tr("Export Deck"),
                                 tr("Select the deck to export in the deck list first."));
        return;
    }
    cardtransfer::exportInteractively(this, m_collection, *deck);
}

void ReviewPage::setCardHtml(bool withAnswer)
{
    if (m_current) {
        QTextDocument *doc = m_card->document();
        for (const QString &name : cards::localImages(m_current->front + m_current->back)) {
            QImage image;
            if (const auto bytes = m_collection.media(name); bytes && image.loadFromData(*bytes))
                doc->addResource(QTextDocument::ImageResource, QUrl(name), image);
        }
    }
    m_card->setHtml(cardHtml(withAnswer));
}

QDateTime ReviewPage::now() const
{
    return QDateTime::currentDateTimeUtc();
}

QPushButton *ReviewPage::gradeButton(srs::Rating rating) const
{
    return m_grades.at(int(rating) - 1);
}

bool ReviewPage::isStudying() const
{
    return m_stack->currentIndex() == 1 && m_current.has_value();
}

std::optional<qint64> ReviewPage::currentCardId() const
{
    return m_current ? std::optional<qint64>(m_current->id) : std::nullopt;
}

int ReviewPage::dueNow() const
{
    return m_collection.isOpen() ? m_collection.counts(std::nullopt, now()).dueNow() : 0;
}

void ReviewPage::refresh()
{
    if (!m_collection.isOpen())
        return;
    const QDateTime t = now();
    m_decks->clear();
    const auto addRow = [this](const QString &name, qint64 id, const cards::StudyCounts &c) {
        auto *item =
            new QTreeWidgetItem(m_decks, {name, QString::number(c.newCards),
                                          QString::number(c.learning), QString::number(c.review)});
        item->setData(0, kDeckRole, id);
        item->setForeground(1, QColor(0x2a, 0x62, 0xc9));
        item->setForeground(2, QColor(0xc0, 0x39, 0x2b));
        item->setForeground(3, QColor(0x1e, 0x8e, 0x3e));
        for (int col = 1; col < 4; ++col)
            item->setTextAlignment(col, Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    for (const cards::DeckCounts &d : m_collection.countsPerDeck(t))
        addRow(d.deck.name, d.deck.id, d.counts);
    const int due = m_collection.counts(std::nullopt, t).dueNow();
    emit dueCountChanged(due);
    if (m_statsView && m_statsView->isVisible())
        m_statsView->markStale();
}

bool ReviewPage::showDeck(const QString &builtinId)
{
    for (const cards::Deck &d : m_collection.decks()) {
        if (d.builtinId != builtinId)
            continue;
        m_deck = d.id;
        for (int i = 0; i < m_decks->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = m_decks->topLevelItem(i);
            if (item->data(0, kDeckRole).toLongLong() == d.id)
                m_decks->setCurrentItem(item);
        }
        const cards::StudyCounts c = m_collection.counts(d.id, now());
        showOverview(tr("<h2>%1</h2><p><b>%2</b> new, <b>%3</b> in learning, <b>%4</b> due for "
                        "review.</p>")
                         .arg(d.name.toHtmlEscaped())
                         .arg(c.newCards)
                         .arg(c.learning)
                         .arg(c.review));
        m_studyButton->setVisible(c.dueNow() > 0);
        return true;
    }
    emit statusMessage(tr("There is no deck '%1'").arg(builtinId), 6000);
    return false;
}

void ReviewPage::study(std::optional<qint64> deckId)
{
    m_deck = deckId;
    m_sessionCount = 0;
    m_sessionCorrect = 0;
    showNext();
}

void ReviewPage::showNext()
{
    if (!m_collection.isOpen())
        return;
    m_current = m_collection.nextCard(m_deck, now());
    if (!m_current) {
        refresh();
        QString text = m_sessionCount > 0
                           ? tr("<b>Done for now.</b> %n card(s) reviewed this session", nullptr,
                                m_sessionCount) +
                                 tr(", %1 % remembered.")
                                     .arg(std::lround(100.0 * m_sessionCorrect / m_sessionCount))
                           : tr("<b>Nothing is due.</b>");
        const cards::StudyCounts later = m_collection.counts(m_deck, now());
        if (later.learningLater > 0)
            text += tr("<br>%n card(s) in learning come back later today.", nullptr,
                       later.learningLater);
        m_studyButton->setVisible(false);
        showOverview(text);
        return;
    }
    showCard();
}

QString ReviewPage::cardHtml(bool withAnswer) const
{
    const auto render = [this](const QString &text) {
        return m_current->format == cards::CardFormat::Html ? cards::sanitizeHtml(text)
                                                            : cards::plainToHtml(text);
    };
    QString html =
        QStringLiteral("<div style=\"font-size:15pt\">%1</div>").arg(render(m_current->front));
    if (withAnswer)
        html += QStringLiteral("<hr><div style=\"font-size:14pt\">%1</div>")
                    .arg(render(m_current->back));
    return html;
}

void ReviewPage::showCard()
{
    m_answerShown = false;
    m_stack->setCurrentIndex(1);
    setCardHtml(false);
    const cards::StudyCounts c = m_collection.counts(m_deck, now());
    m_progress->setText(
        tr("New %1 · Learning %2 · Due %3").arg(c.newCards).arg(c.learning).arg(c.review));
    m_topicButton->setVisible(!m_current->topic.isEmpty());
    m_topicButton->setText(tr("Read the topic ▶"));
    m_showAnswer->show();
    m_gradeRow->hide();
    m_showAnswer->setFocus();
    m_shownFor.start();
}

void ReviewPage::showAnswer()
{
    if (!m_current)
        return;
    m_answerShown = true;
    setCardHtml(true);
    const QDateTime t = now();
    const auto next = srs::preview(m_current->schedule, t, m_collection.schedulerParams(),
                                   srs::fuzzSeed(quint64(m_current->id), m_current->schedule.reps));
    const char *names[] = {QT_TR_NOOP("Again"), QT_TR_NOOP("Hard"), QT_TR_NOOP("Good"),
                           QT_TR_NOOP("Easy")};
    for (int i = 0; i < 4; ++i)
        m_grades[i]->setText(
            QStringLiteral("%1\n%2").arg(tr(names[i]), interval(t, next[std::size_t(i)].due)));
    m_showAnswer->hide();
    m_gradeRow->show();
    m_grades[2]->setFocus();
}

void ReviewPage::answer(srs::Rating rating)
{
    if (!m_current || !m_answerShown)
        return;
    const int ms = int(std::min<qint64>(m_shownFor.elapsed(), 600000));
    if (!m_collection.answer(m_current->id, rating, now(), ms)) {
        emit statusMessage(tr("The answer could not be saved: %1").arg(m_collection.error()),
                           10000);
        return;
    }
    ++m_sessionCount;
    if (rating != srs::Rating::Again)
        ++m_sessionCorrect;
    if (m_browser && m_browser->isVisible())
        m_browser->model()->refreshCard(m_current->id);
    refresh();
    showNext();
}

void ReviewPage::undoAnswer()
{
    const std::optional<qint64> id = m_collection.undoLastAnswer();
    if (!id) {
        emit statusMessage(tr("There is no answer to take back"), 4000);
        return;
    }
    if (m_sessionCount > 0)
        --m_sessionCount;
    m_current = m_collection.card(*id);
    refresh();
    if (m_current) {
        showCard();
        emit statusMessage(tr("Answer taken back"), 4000);
    }
}

void ReviewPage::editCard()
{
    if (!isStudying())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Edit Card"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *front = new QPlainTextEdit(m_current->front, &dialog);
    front->setObjectName(QStringLiteral("editFront"));
    auto *back = new QPlainTextEdit(m_current->back, &dialog);
    back->setObjectName(QStringLiteral("editBack"));
    layout->addWidget(new QLabel(tr("Front"), &dialog));
    layout->addWidget(front);
    layout->addWidget(new QLabel(tr("Back"), &dialog));
    layout->addWidget(back);
    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    dialog.resize(560, 420);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (front->toPlainText().trimmed().isEmpty() || back->toPlainText().trimmed().isEmpty()) {
        QMessageBox::warning(this, tr("Card not changed"),
                             tr("A card needs both a front and a back."));
        return;
    }
    if (!m_collection.editCard(m_current->id, front->toPlainText(), back->toPlainText())) {
        QMessageBox::warning(this, tr("Card not changed"), m_collection.error());
        return;
    }
    const bool shown = m_answerShown;
    m_current = m_collection.card(m_current->id);
    showCard();
    if (shown)
        showAnswer();
    emit statusMessage(tr("Card saved"), 4000);
}

void ReviewPage::suspendCard()
{
    if (!isStudying() || !m_collection.setSuspended(m_current->id, true))
        return;
    emit statusMessage(tr("Card suspended: it stays out of study until you unsuspend it"), 5000);
    refresh();
    showNext();
}

void ReviewPage::buryCard()
{
    if (!isStudying() || !m_collection.buryUntilTomorrow(m_current->id, now()))
        return;
    emit statusMessage(tr("Card buried until tomorrow"), 5000);
    refresh();
    showNext();
}

void ReviewPage::showWelcome()
{
    const cards::StudyCounts c = m_collection.counts(std::nullopt, now());
    showOverview(
        tr("<h2>Flashcards</h2><p>Today: <b>%1</b> new, <b>%2</b> in learning, <b>%3</b> due for "
           "review.</p><p>Double-click a deck, or press <b>Study all</b>.</p>"
           "<p style=\"color:gray\">Space shows the answer · 1 Again · 2 Hard · 3 Good · 4 Easy · "
           "Ctrl+Z takes an answer back · E edits the card · S suspends it · B buries it until "
           "tomorrow</p>")
            .arg(c.newCards)
            .arg(c.learning)
            .arg(c.review));
    m_studyButton->setVisible(c.dueNow() > 0);
}

void ReviewPage::showOverview(const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentIndex(0);
}

void ReviewPage::restoreLatestBackup()
{
    const QList<cards::BackupInfo> backups = m_collection.backups();
    if (backups.isEmpty())
        return;
    const cards::BackupInfo &latest = backups.first();
    const auto choice = QMessageBox::question(
        this, tr("Restore Backup"),
        tr("Replace your flashcards with the backup of %1? The damaged file is kept beside it, "
           "renamed, not deleted.")
            .arg(QLocale().toString(latest.time.toLocalTime(), QLocale::ShortFormat)));
    if (choice != QMessageBox::Yes)
        return;
    if (!m_collection.restoreBackup(latest.path)) {
        QMessageBox::warning(this, tr("Backup not restored"), m_collection.error());
        return;
    }
    m_restoreButton->hide();
    m_studyButton->show();
    QString mergeError;
    if (!m_workspace.mergeBuiltinDecks(&mergeError))
        emit statusMessage(tr("The built-in decks could not be merged: %1").arg(mergeError), 10000);
    refresh();
    showOverview(tr("Restored the backup of %1. The damaged file was kept as %2.")
                     .arg(QLocale().toString(latest.time.toLocalTime(), QLocale::ShortFormat),
                          QDir::toNativeSeparators(m_collection.setAsidePath()).toHtmlEscaped()));
}

} // namespace sds::gui

namespace sds::gui {

std::optional<qint64> ReviewPage::selectedDeck() const
{
    // The deck the learner picked, not the one a view makes current on focus.
    const QList<QTreeWidgetItem *> picked = m_decks->selectedItems();
    const qint64 id = picked.isEmpty() ? -1 : picked.first()->data(0, kDeckRole).toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

void ReviewPage::openBrowser()
{
    if (!m_collection.isOpen())
        return;
    if (!m_browser) {
        m_browser = new CardBrowser(m_collection, this);
        connect(m_browser, &CardBrowser::collectionChanged, this,
                &ReviewPage::cardsChangedInBrowser);
    }
    if (!m_browser->isVisible()) {
        m_browser->reload();
        m_browser->setDeck(selectedDeck());
        // The card being studied is the one the learner most likely means.
        if (m_current)
            m_browser->selectCard(m_current->id);
    }
    m_browser->show();
    m_browser->raise();
    m_browser->activateWindow();
}

void ReviewPage::openStats()
{
    if (!m_collection.isOpen())
        return;
    if (!m_statsView)
        m_statsView = new StatsView(m_collection, this);
    if (!m_statsView->isVisible())
        m_statsView->setDeck(selectedDeck());
    m_statsView->show();
    m_statsView->raise();
    m_statsView->activateWindow();
}

void ReviewPage::cardsChangedInBrowser()
{
    refresh();
    if (!isStudying())
        return;
    // The card on screen may have been edited, suspended or deleted.
    const std::optional<cards::Card> card = m_collection.card(m_current->id);
    if (!card || card->suspended) {
        showNext();
        return;
    }
    const bool shown = m_answerShown;
    m_current = card;
    setCardHtml(shown);
}

} // namespace sds::gui
