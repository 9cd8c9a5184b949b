#include "app/studio/lab/challengepanel.h"

#include "app/studio/lab/experimentjob.h"
#include "app/studio/theme.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace sds::gui {

namespace {

QTextBrowser *browser(const QString &name)
{
    auto *b = new QTextBrowser;
    b->setObjectName(name);
    b->setOpenLinks(false);
    b->setFrameShape(QFrame::NoFrame);
    return b;
}

} // namespace

ChallengePanel::ChallengePanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_tabs(new QTabWidget)
    , m_brief(browser(QStringLiteral("challengeBrief")))
    , m_report(browser(QStringLiteral("challengeReport")))
    , m_message(new QLabel)
    , m_check(new QPushButton(tr("Check my design")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_reference(new QPushButton(tr("Reference design")))
    , m_flashcard(new QPushButton(tr("Make a flashcard")))
    , m_job(new ExperimentJob(this))
{
    setObjectName(QStringLiteral("challengePanel"));
    m_title->setObjectName(QStringLiteral("challengeTitle"));
    m_tabs->setObjectName(QStringLiteral("challengeTabs"));
    m_message->setObjectName(QStringLiteral("challengeMessage"));
    m_check->setObjectName(QStringLiteral("challengeCheck"));
    m_cancel->setObjectName(QStringLiteral("challengeCancel"));
    m_progress->setObjectName(QStringLiteral("challengeProgress"));
    m_reference->setObjectName(QStringLiteral("challengeReference"));
    m_flashcard->setObjectName(QStringLiteral("challengeFlashcard"));

    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setWeight(QFont::DemiBold);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setVisible(false);
    m_progress->setFormat(tr("%v / %m runs"));
    m_progress->setVisible(false);
    m_check->setToolTip(tr("Run the design on the canvas under the challenge's load and faults, "
                           "over several seeds, and judge each goal"));
    m_reference->setToolTip(
        tr("Open the reference design, one that meets every goal, as a new untitled diagram: "
           "your own stays as it is"));
    m_flashcard->setToolTip(tr("Add a card to the deck \"My lab notes\": the challenge's "
                               "question, and what your design measured and what limited it"));
    m_tabs->addTab(m_brief, tr("Brief"));
    m_tabs->addTab(m_report, tr("Result"));
    m_tabs->setDocumentMode(true);

    auto *checkRow = new QHBoxLayout;
    checkRow->addWidget(m_check, 1);
    checkRow->addWidget(m_cancel);
    auto *moreRow = new QBoxLayout(QBoxLayout::LeftToRight);
    m_moreRow = moreRow;
    moreRow->addWidget(m_reference);
    moreRow->addWidget(m_flashcard);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addLayout(checkRow);
    layout->addLayout(moreRow);
    setMinimumWidth(220);

    connect(m_check, &QPushButton::clicked, this, &ChallengePanel::checkRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ChallengePanel::cancel);
    connect(m_reference, &QPushButton::clicked, this, &ChallengePanel::referenceRequested);
    connect(m_flashcard, &QPushButton::clicked, this, &ChallengePanel::flashcardRequested);
    connect(m_brief, &QTextBrowser::anchorClicked, this, &ChallengePanel::followLink);
    connect(m_report, &QTextBrowser::anchorClicked, this, &ChallengePanel::followLink);
    connect(m_job, &ExperimentJob::progressed, this, [this](int done, int total) {
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(m_job, &ExperimentJob::finished, this, &ChallengePanel::finished);
    render();
    setGrading(false);
}

ChallengePanel::~ChallengePanel() = default;

// Whole words on the buttons even in a small window: side by side when
// they fit, one above the other when they do not.
void ChallengePanel::resizeEvent(QResizeEvent *event)
{
    const int needed = m_reference->sizeHint().width() + m_flashcard->sizeHint().width() + 24;
    m_moreRow->setDirection(width() >= needed ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    QWidget::resizeEvent(event);
}

const challenge::Challenge *ChallengePanel::challenge() const
{
    return m_challenge ? &*m_challenge : nullptr;
}

bool ChallengePanel::isGrading() const
{
    return m_job->isRunning();
}

void ChallengePanel::setChallenge(const challenge::Challenge &c, bool solved)
{
    cancel();
    m_challenge = c;
    m_solved = solved;
    m_result.reset();
    m_refusal.clear();
    m_message->setVisible(false);
    render();
    showBrief();
    setGrading(isGrading());
}

void ChallengePanel::showBrief()
{
    m_tabs->setCurrentWidget(m_brief);
}

void ChallengePanel::showResult()
{
    m_tabs->setCurrentWidget(m_report);
}

void ChallengePanel::check(const diagram::DiagramData &design)
{
    if (!m_challenge || isGrading())
        return;
    m_result.reset();
    m_refusal.clear();
    m_inbox = std::make_shared<std::optional<Result<challenge::GradeResult>>>();
    m_job->start([c = *m_challenge, design, inbox = m_inbox](experiment::Progress &progress) {
        *inbox = challenge::grade(c, design, {}, &progress);
    });
    m_message->setText(tr("Grading your design over several seeds…"));
    m_message->setStyleSheet({});
    m_message->setVisible(true);
    m_progress->setValue(0);
    render();
    setGrading(true);
}

void ChallengePanel::cancel()
{
    m_job->cancel();
}

void ChallengePanel::finished()
{
    const Result<challenge::GradeResult> graded =
        m_inbox && m_inbox->has_value() ? **m_inbox
                                        : Result<challenge::GradeResult>::failure(QString());
    const bool cancelled = m_job->wasCancelled() || (graded && graded->cancelled);
    m_inbox.reset();
    if (cancelled) {
        m_message->setText(tr("Cancelled: no verdict from part of the seeds"));
        m_message->setStyleSheet({});
    } else if (!graded) {
        // The design cannot be graded at all (a client added or missing, a
        // design the simulator refuses): the grader's own words, plainly.
        m_refusal = graded.error();
        m_message->setText(tr("This design cannot be graded: %1").arg(m_refusal));
        m_message->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #7a1c14; "
                                                "padding: 6px; border-radius: 4px; }"));
    } else {
        m_result = *graded;
        m_message->setVisible(false);
        if (m_result->solved)
            m_solved = true;
    }
    setGrading(false); // after the result: Make a flashcard needs one
    render();
    if (m_result)
        showResult();
    if (m_result && m_result->solved)
        emit solved(m_challenge->id);
    emit gradeFinished();
}

ChallengeColours ChallengePanel::colours() const
{
    const QPalette pal = QApplication::palette();
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    ChallengeColours c;
    c.text = pal.color(QPalette::Text);
    // The placeholder colour is the text colour in some light palettes.
    c.muted = blend(c.text, pal.color(QPalette::Base), 0.62);
    c.link = pal.color(QPalette::Link);
    c.border = pal.color(QPalette::Mid);
    // Darker on light, lighter on dark, so each reads against its background.
    c.pass = dark ? QColor(0x4a, 0xde, 0x80) : QColor(0x15, 0x80, 0x3d);
    c.fail = dark ? QColor(0xf8, 0x71, 0x71) : QColor(0xb9, 0x1c, 0x1c);
    c.close = dark ? QColor(0xfb, 0xbf, 0x24) : QColor(0xa1, 0x62, 0x07);
    return c;
}

void ChallengePanel::applyPalette()
{
    render();
}

void ChallengePanel::render()
{
    if (!m_challenge) {
        m_title->setText(tr("No challenge open"));
        m_brief->setHtml(tr("<p>Open a challenge from <b>Lab › Challenges</b> or from the "
                            "Challenges list in Learn: its brief shows here, and <b>Check my "
                            "design</b> grades what you build on the canvas.</p>"));
        m_report->clear();
        m_tabs->setTabEnabled(1, false);
        return;
    }
    m_title->setText(m_challenge->title);
    const ChallengeColours c = colours();
    m_brief->setHtml(challengeBriefHtml(*m_challenge, m_solved, m_topics, c));
    if (m_result)
        m_report->setHtml(challengeGradeHtml(*m_challenge, *m_result, m_topics, c));
    else
        m_report->clear();
    m_tabs->setTabEnabled(1, m_result.has_value());
}

void ChallengePanel::setGrading(bool grading)
{
    const bool open = m_challenge.has_value();
    m_check->setEnabled(open && !grading);
    m_cancel->setEnabled(grading);
    m_cancel->setVisible(grading);
    m_progress->setVisible(grading);
    m_reference->setEnabled(open && !grading);
    m_flashcard->setEnabled(!grading && m_result.has_value());
}

void ChallengePanel::followLink(const QUrl &url)
{
    if (url.scheme() == u"topic")
        emit topicRequested(url.path());
}

} // namespace sds::gui
