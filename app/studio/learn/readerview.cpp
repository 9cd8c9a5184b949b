#include "app/studio/learn/readerview.h"

#include "app/studio/learn/historybuttons.h"
#include "app/studio/pageaction.h"
#include "app/studio/theme.h"
#include "core/challenge/challengelibrary.h"
#include "core/content/exerciserender.h"
#include "core/content/library.h"
#include "core/content/pagerender.h"
#include "core/content/searchindex.h"
#include "core/content/topic.h"
#include "core/diagram/scenariolibrary.h"

#include <QApplication>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace sds::gui {

ReaderView::ReaderView(const content::TopicLibrary &topics,
                       const diagram::ScenarioLibrary &scenarios, QWidget *parent)
    : QWidget(parent)
    , m_topics(topics)
    , m_scenarios(scenarios)
{
    setObjectName(QStringLiteral("readerView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 8, 4, 8);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("learnWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; "
                                            "padding: 6px; border-radius: 4px; }"));
    m_warning->hide();
    auto *header = new QHBoxLayout;
    m_crumb = new QLabel(this);
    m_crumb->setObjectName(QStringLiteral("pageCrumb"));
    m_crumb->setTextFormat(Qt::PlainText);
    m_doneButton = new QToolButton(this);
    m_doneButton->setObjectName(QStringLiteral("doneButton"));
    m_doneButton->setCheckable(true);
    m_doneButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    header->addWidget(m_crumb, 1);
    header->addWidget(m_doneButton);
    m_view = new QTextBrowser(this);
    m_view->setObjectName(QStringLiteral("pageView"));
    m_view->setOpenLinks(false);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->document()->setDocumentMargin(16);
    m_view->viewport()->installEventFilter(this);
    auto *footer = new QHBoxLayout;
    m_prevButton = new QPushButton(this);
    m_prevButton->setObjectName(QStringLiteral("previousTopicButton"));
    m_nextButton = new QPushButton(this);
    m_nextButton->setObjectName(QStringLiteral("nextTopicButton"));
    footer->addWidget(m_prevButton);
    footer->addStretch(1);
    footer->addWidget(m_nextButton);
    layout->addWidget(m_warning);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    layout->addLayout(footer);

    connect(m_view, &QTextBrowser::anchorClicked, this, &ReaderView::followLink);
    connect(m_view, qOverload<const QUrl &>(&QTextBrowser::highlighted), this,
            [this](const QUrl &url) {
                emit statusMessage(url.isEmpty() ? QString() : describeLink(url), 0);
            });
    connect(m_doneButton, &QToolButton::clicked, this, &ReaderView::doneToggled);
    connect(m_prevButton, &QPushButton::clicked, this, &ReaderView::previousClicked);
    connect(m_nextButton, &QPushButton::clicked, this, &ReaderView::nextClicked);
}

void ReaderView::followLink(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme.startsWith(QStringLiteral("sds-"))) {
        emit exerciseLinkClicked(url.toString());
    } else if (scheme == u"topic") {
        emit topicLinkClicked(url.path(), url.fragment());
    } else if (scheme == u"scenario") {
        emit scenarioLinkClicked(url.path());
    } else if (scheme == u"deck") {
        emit deckLinkClicked(url.path());
    } else if (scheme == u"challenge") {
        emit challengeLinkClicked(url.path());
    } else if (scheme.isEmpty() && url.hasFragment()) {
        m_view->scrollToAnchor(url.fragment());
    } else if (scheme == u"https" || scheme == u"http" || scheme == u"mailto") {
        if (!QDesktopServices::openUrl(url))
            emit statusMessage(tr("No web browser could open %1").arg(url.toString()), 8000);
    } else {
        emit statusMessage(tr("Links of the kind '%1' are not followed").arg(url.toString()), 6000);
    }
}

QString ReaderView::describeLink(const QUrl &url) const
{
    const QString scheme = url.scheme();
    if (scheme.startsWith(QStringLiteral("sds-")))
        return content::describeExerciseLink(url.toString());
    if (scheme == u"topic") {
        const content::Topic *t = m_topics.find(url.path());
        return t ? tr("Open the page “%1”").arg(t->title) : QString();
    }
    if (scheme == u"scenario") {
        const diagram::ScenarioEntry *s = m_scenarios.find(url.path());
        return s ? tr("Open the lab template “%1”").arg(s->name) : QString();
    }
    if (scheme == u"deck")
        return tr("Review the flashcards of this deck");
    if (scheme == u"challenge") {
        const challenge::Challenge *c = m_challenges ? m_challenges->find(url.path()) : nullptr;
        return c ? tr("Open the challenge “%1” in the lab").arg(c->title) : QString();
    }
    if (scheme.isEmpty() && url.hasFragment())
        return tr("Go to another part of this page");
    // A web address tells where the browser will go.
    if (scheme == u"https" || scheme == u"http" || scheme == u"mailto")
        return url.toString();
    return {};
}

void ReaderView::setWarning(const QString &text)
{
    m_warning->setText(text);
    m_warning->setVisible(!text.isEmpty());
}

void ReaderView::showTopic(const content::Topic &topic, const content::Exercise &exercise,
                           const QList<content::StepView> &steps)
{
    const content::PageStyle style = pageStyle(QApplication::palette(), m_accent, m_zoom);
    QString html = content::isStepped(topic)
                       ? content::renderExercisePage(topic, exercise, steps, style)
                       : content::renderPage(topic, style);
    if (const QString box = challengesBox(topic.id); !box.isEmpty()) {
        const qsizetype end = html.lastIndexOf(QStringLiteral("</body>"));
        html.insert(end < 0 ? html.size() : end, box);
    }
    m_view->setHtml(html);
}

// After the page, in the style of its call-outs: the challenges that list
// this page among their topics, in campaign order.
QString ReaderView::challengesBox(const QString &topicId) const
{
    if (!m_challenges)
        return {};
    QStringList links;
    for (const challenge::Challenge &c : m_challenges->entries()) {
        if (c.topics.contains(topicId))
            links << QStringLiteral("<a href=\"challenge:%1\">%2</a> (level %3)")
                         .arg(c.id.toHtmlEscaped(), c.title.toHtmlEscaped())
                         .arg(c.level);
    }
    if (links.isEmpty())
        return {};
    return QStringLiteral("<table class=\"callout\" width=\"100%\" cellspacing=\"0\" "
                          "cellpadding=\"10\"><tr><td class=\"callout\"><b>%1</b><br/>%2<br/>%3"
                          "</td></tr></table>")
        .arg(tr("Challenges"),
             tr("Put this page to work: build a design in the lab that meets the goals."),
             links.join(QStringLiteral(" · ")));
}

void ReaderView::setTopic(const content::Topic *topic, bool done, bool canMark,
                          const QString &shortcut)
{
    // A page that opens its section ("Start here") would name it twice.
    QString crumb;
    if (topic) {
        const bool same =
            topic->section.trimmed().isEmpty() ||
            topic->section.trimmed().compare(topic->title.trimmed(), Qt::CaseInsensitive) == 0;
        crumb = same ? topic->title : QStringLiteral("%1  ›  %2").arg(topic->section, topic->title);
    }
    m_crumb->setText(crumb);
    m_doneButton->setChecked(done);
    m_doneButton->setText(done ? tr("✓ Done") : tr("Mark as done"));
    m_doneButton->setToolTip(tr("Mark this page as read (%1)").arg(shortcut));
    m_doneButton->setEnabled(topic && canMark);
}

void ReaderView::setNeighbours(const content::Topic *previous, const content::Topic *next)
{
    m_prevButton->setText(previous ? tr("◀  %1").arg(previous->title) : tr("◀  Previous"));
    m_nextButton->setText(next ? tr("%1  ▶").arg(next->title) : tr("Next  ▶"));
    m_prevButton->setEnabled(previous);
    m_nextButton->setEnabled(next);
}

int ReaderView::scroll() const
{
    return m_view->verticalScrollBar()->value();
}

void ReaderView::setScroll(int value)
{
    m_view->verticalScrollBar()->setValue(value);
}

void ReaderView::showPlace(const QString &anchor, int scroll)
{
    clearHighlight();
    if (!anchor.isEmpty())
        m_view->scrollToAnchor(anchor);
    else
        setScroll(scroll);
}

void ReaderView::scrollToAnchor(const QString &anchor)
{
    m_view->scrollToAnchor(anchor);
}

void ReaderView::focusText()
{
    m_view->setFocus();
}

int ReaderView::highlight(const QString &query)
{
    QList<QTextEdit::ExtraSelection> marks;
    QTextCharFormat format;
    format.setBackground(blend(m_accent, QApplication::palette().color(QPalette::Base), 0.35));
    const QStringList terms = content::SearchIndex::queryTerms(query);
    for (qsizetype i = 0; i < terms.size(); ++i) {
        // "write behind" matches "write-behind"; the last word also as a prefix,
        // as the search itself does.
        QStringList words = terms.at(i).split(u' ');
        for (QString &w : words)
            w = QRegularExpression::escape(w);
        QString pattern = QStringLiteral("\\b") + words.join(QStringLiteral("[\\s\\-._']+"));
        pattern += i == terms.size() - 1 ? QStringLiteral("\\w*") : QStringLiteral("\\b");
        const QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
        QTextCursor c(m_view->document());
        while (true) {
            c = m_view->document()->find(re, c);
            if (c.isNull())
                break;
            marks.append(QTextEdit::ExtraSelection{c, format});
        }
    }
    std::sort(marks.begin(), marks.end(), [](const auto &a, const auto &b) {
        return a.cursor.position() < b.cursor.position();
    });
    m_view->setExtraSelections(marks);
    // Show the first match in the body, past the title.
    for (const auto &m : marks) {
        if (m.cursor.block().blockNumber() > 1) {
            QTextCursor c = m.cursor;
            c.clearSelection();
            m_view->setTextCursor(c);
            m_view->ensureCursorVisible();
            break;
        }
    }
    return int(marks.size());
}

void ReaderView::clearHighlight()
{
    m_view->setExtraSelections({});
}

QList<QAction *> ReaderView::addZoomActions(QWidget *page)
{
    // No keys: the app's one Zoom In / Zoom Out pair triggers these in Learn
    // mode, so Ctrl++ is listed once and never ambiguous with the lab's zoom.
    QAction *larger =
        addPageAction(page, tr("&Larger Text"), QKeySequence(), [this] { zoomBy(1); });
    QAction *smaller =
        addPageAction(page, tr("S&maller Text"), QKeySequence(), [this] { zoomBy(-1); });
    return {larger, smaller};
}

void ReaderView::zoomBy(int steps)
{
    setZoom(m_zoom + steps);
    emit zoomChanged(m_zoom);
}

void ReaderView::setZoom(int zoom)
{
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
}

bool ReaderView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) {
        // Lines of more than about 90 characters are hard to read: centre a
        // column in wide windows.
        const int maxText = fontMetrics().averageCharWidth() * (92 + 8 * m_zoom);
        const int width = static_cast<QResizeEvent *>(event)->size().width();
        m_view->document()->setDocumentMargin(std::max(16, (width - maxText) / 2));
    }
    if (const int step = watched == m_view->viewport() ? historyStep(event) : 0) {
        if (step < 0)
            emit backRequested();
        else
            emit forwardRequested();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sds::gui
