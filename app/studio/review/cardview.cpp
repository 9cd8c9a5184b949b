#include "app/studio/review/cardview.h"

#include "app/studio/review/countwords.h"
#include "core/cards/cardhtml.h"

#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

#include <cmath>

namespace sds::gui {
namespace {

constexpr const char *kGradeNames[] = {QT_TRANSLATE_NOOP("sds::gui::CardView", "Again"),
                                       QT_TRANSLATE_NOOP("sds::gui::CardView", "Hard"),
                                       QT_TRANSLATE_NOOP("sds::gui::CardView", "Good"),
                                       QT_TRANSLATE_NOOP("sds::gui::CardView", "Easy")};

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

QString cardHtml(const cards::Card &card, bool withAnswer)
{
    const auto render = [&card](const QString &text) {
        return card.format == cards::CardFormat::Html ? cards::sanitizeHtml(text)
                                                      : cards::plainToHtml(text);
    };
    QString html = QStringLiteral("<div style=\"font-size:15pt\">%1</div>").arg(render(card.front));
    if (withAnswer)
        html += QStringLiteral("<hr><div style=\"font-size:14pt\">%1</div>").arg(render(card.back));
    return html;
}

} // namespace

CardView::CardView(const cards::Collection &collection, QWidget *parent)
    : QWidget(parent)
    , m_collection(collection)
{
    setObjectName(QStringLiteral("cardPage"));
    auto *cv = new QVBoxLayout(this);
    cv->setContentsMargins(16, 8, 16, 12);
    auto *top = new QHBoxLayout;
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("cardProgress"));
    m_topicButton = new QPushButton(this);
    m_topicButton->setObjectName(QStringLiteral("cardTopicButton"));
    m_topicButton->setFlat(true);
    m_topicButton->setCursor(Qt::PointingHandCursor);
    top->addWidget(m_progress, 1);
    top->addWidget(m_topicButton);
    m_card = new QTextBrowser(this);
    m_card->setObjectName(QStringLiteral("cardView"));
    m_card->setOpenLinks(false);
    m_card->setFrameShape(QFrame::NoFrame);
    m_card->document()->setDocumentMargin(24);
    m_showAnswer = new QPushButton(tr("Show answer   (Space)"), this);
    m_showAnswer->setObjectName(QStringLiteral("showAnswerButton"));
    m_showAnswer->setMinimumHeight(40);
    m_gradeRow = new QWidget(this);
    m_gradeRow->setObjectName(QStringLiteral("gradeRow"));
    auto *grades = new QHBoxLayout(m_gradeRow);
    grades->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 4; ++i) {
        auto *b = new QPushButton(m_gradeRow);
        b->setObjectName(QStringLiteral("grade%1").arg(i + 1));
        b->setMinimumHeight(44);
        b->setToolTip(tr("%1 (%2)").arg(tr(kGradeNames[i])).arg(i + 1));
        grades->addWidget(b);
        m_grades[std::size_t(i)] = b;
        connect(b, &QPushButton::clicked, this,
                [this, i] { emit answerRequested(srs::Rating(i + 1)); });
    }
    cv->addLayout(top);
    cv->addWidget(m_card, 1);
    cv->addWidget(m_showAnswer);
    cv->addWidget(m_gradeRow);
    connect(m_showAnswer, &QPushButton::clicked, this, &CardView::showAnswerRequested);
    connect(m_topicButton, &QPushButton::clicked, this, [this] {
        if (!m_topic.isEmpty())
            emit topicRequested(m_topic);
    });
    connect(m_card, &QTextBrowser::anchorClicked, this, &CardView::linkClicked);
}

void CardView::showFront(const cards::Card &card, const cards::StudyCounts &counts)
{
    setCard(card, false);
    setCounts(counts);
    m_topicButton->setVisible(!card.topic.isEmpty());
    m_topicButton->setText(tr("Read the topic ▶"));
    m_showAnswer->show();
    m_gradeRow->hide();
    m_showAnswer->setFocus();
}

void CardView::setCounts(const cards::StudyCounts &counts)
{
    m_progress->setText(CountWords::summary(counts));
}

void CardView::showBack(const cards::Card &card, const std::array<srs::CardState, 4> &next,
                        const QDateTime &now)
{
    setCard(card, true);
    for (std::size_t i = 0; i < m_grades.size(); ++i)
        m_grades[i]->setText(
            QStringLiteral("%1\n%2").arg(tr(kGradeNames[i]), interval(now, next[i].due)));
    m_showAnswer->hide();
    m_gradeRow->show();
    m_grades[2]->setFocus();
}

void CardView::setCard(const cards::Card &card, bool withAnswer)
{
    m_topic = card.topic;
    QTextDocument *doc = m_card->document();
    for (const QString &name : cards::localImages(card.front + card.back)) {
        QImage image;
        if (const auto bytes = m_collection.media(name); bytes && image.loadFromData(*bytes))
            doc->addResource(QTextDocument::ImageResource, QUrl(name), image);
    }
    m_card->setHtml(cardHtml(card, withAnswer));
}

} // namespace sds::gui
