#include "app/studio/review/reviewoverview.h"

#include "app/studio/review/countwords.h"

#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace sds::gui {

ReviewOverview::ReviewOverview(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("reviewOverview"));
    auto *ov = new QVBoxLayout(this);
    ov->setContentsMargins(32, 32, 32, 32);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("reviewMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_studyButton = new QPushButton(tr("Study now"), this);
    m_studyButton->setObjectName(QStringLiteral("studyNowButton"));
    m_restoreButton = new QPushButton(tr("Restore the latest backup…"), this);
    m_restoreButton->setObjectName(QStringLiteral("restoreBackupButton"));
    m_restoreButton->hide();
    ov->addWidget(m_message);
    ov->addWidget(m_studyButton, 0, Qt::AlignLeft);
    ov->addWidget(m_restoreButton, 0, Qt::AlignLeft);
    ov->addStretch(1);
    connect(m_studyButton, &QPushButton::clicked, this, &ReviewOverview::studyRequested);
    connect(m_restoreButton, &QPushButton::clicked, this, &ReviewOverview::restoreRequested);
}

void ReviewOverview::showWelcome(const cards::StudyCounts &counts)
{
    m_message->setText(
        tr("<h2>Flashcards</h2><p>Today, all decks: %1</p><p>Press <b>Study all</b>, or "
           "select a deck to study it alone.</p>"
           "<p style=\"color:gray\">Space shows the answer · 1 Again · 2 Hard · 3 Good · 4 Easy · "
           "Ctrl+Z takes an answer back · E edits the card · S suspends it · B buries it until "
           "tomorrow</p>")
            .arg(CountWords::summary(counts, true)));
    // Study all under the deck list does this already; one button for one thing.
    m_studyButton->hide();
}

void ReviewOverview::showDeck(const QString &name, const cards::StudyCounts &counts)
{
    m_message->setText(
        tr("<h2>%1</h2><p>%2</p>").arg(name.toHtmlEscaped(), CountWords::summary(counts, true)));
    // Named after the deck, so it is plainly not Study all.
    m_studyButton->setText(tr("Study %1").arg(name));
    m_studyButton->setVisible(counts.dueNow() > 0);
}

void ReviewOverview::showDone(int reviewed, int correct, int learningLater)
{
    QString text =
        reviewed > 0
            ? tr("<b>Done for now.</b> %n card(s) reviewed this session", nullptr, reviewed) +
                  tr(", %1 % remembered.").arg(std::lround(100.0 * correct / reviewed))
            : tr("<b>Nothing is due.</b>");
    if (learningLater > 0)
        text += tr("<br>%n card(s) in learning come back later today.", nullptr, learningLater);
    m_message->setText(text);
    m_studyButton->setVisible(false);
}

void ReviewOverview::showCannotOpen(const QString &error, bool hasBackups)
{
    m_message->setText(tr("<b>Your flashcards could not be opened.</b><br>%1<br>Nothing has been "
                          "changed or deleted.")
                           .arg(error.toHtmlEscaped()));
    m_restoreButton->setVisible(hasBackups);
    m_studyButton->hide();
}

void ReviewOverview::showRestored(const QDateTime &backupTime, const QString &setAsidePath,
                                  const QString &problem)
{
    QString text = tr("Restored the backup of %1. The damaged file was kept as %2.")
                       .arg(QLocale().toString(backupTime.toLocalTime(), QLocale::ShortFormat),
                            QDir::toNativeSeparators(setAsidePath).toHtmlEscaped());
    if (!problem.isEmpty())
        text += QStringLiteral("<br>") + problem.toHtmlEscaped();
    m_message->setText(text);
    m_restoreButton->hide();
    m_studyButton->hide(); // Study all, under the deck list, is the way on
}

} // namespace sds::gui
