#include "app/studio/learn/learnpage.h"

#include "app/studio/learn/estimatorview.h"
#include "app/studio/learn/quickopen.h"
#include "app/studio/learn/studyplanview.h"
#include "app/studio/learn/topictree.h"
#include "app/studio/pageaction.h"
#include "app/studio/theme.h"
#include "app/studio/workspace.h"
#include "core/content/exerciserender.h"
#include "core/content/pagerender.h"
#include "core/study/studyplan.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMouseEvent>
#include <QPushButton>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace sds::gui {
namespace {

const auto kLastTopicKey = QStringLiteral("last_topic");
// Places that are not topic pages; '@' cannot start a page id.
const auto kPlan = QStringLiteral("@plan");
const auto kEstimator = QStringLiteral("@estimator");
const auto kTimelineKey = QStringLiteral("plan_timeline");
const auto kZoomKey = QStringLiteral("reader_zoom");
constexpr int kMaxHistory = 100;

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setWeight(QFont::DemiBold);
    label->setFont(f);
    return label;
}

} // namespace

LearnPage::LearnPage(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_library(workspace.library())
    , m_progress(workspace.progress())
    , m_accent(QColor(0x2a, 0x62, 0xc9))
{
    setObjectName(QStringLiteral("learnPage"));
    m_zoom = m_progress.value(kZoomKey, QStringLiteral("0")).toInt();

    buildUi();
    createActions();
    m_tree->setLibrary(m_library);
    refreshProgress();

    const QStringList problems = m_workspace.problems(Workspace::Area::Learn);
    m_warning->setText(problems.join(QStringLiteral("\n")));
    m_warning->setVisible(!problems.isEmpty());

    const QString last = m_progress.value(kLastTopicKey);
    if (last == kPlan || last == kEstimator)
        display(Place{last, 0}, {});
    else if (m_library.find(last))
        display(Place{last, 0}, {});
    else if (!m_library.topics().isEmpty())
        display(Place{m_library.topics().first().id, 0}, {});
    updateChrome();
}

LearnPage::~LearnPage() = default;

void LearnPage::buildUi()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("learnSplitter"));
    splitter->setChildrenCollapsible(false);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(splitter);

    // Left: search and the topic tree (or the search results).
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("topicSearch"));
    m_search->setPlaceholderText(tr("Search all pages…"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_leftStack = new QStackedWidget(left);
    m_tree = new TopicTree(m_leftStack);
    m_results = new QListWidget(m_leftStack);
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->setWordWrap(true);
    m_results->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->viewport()->installEventFilter(this);
    m_leftStack->addWidget(m_tree);
    m_leftStack->addWidget(m_results);
    auto *planButton = new QPushButton(tr("Study plan"), left);
    planButton->setObjectName(QStringLiteral("studyPlanButton"));
    auto *estimatorButton = new QPushButton(tr("Estimator"), left);
    estimatorButton->setObjectName(QStringLiteral("estimatorButton"));
    estimatorButton->setToolTip(tr("Back-of-the-envelope calculator"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(planButton);
    buttons->addWidget(estimatorButton);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_leftStack, 1);
    leftLayout->addLayout(buttons);

    // Centre: the page with its header and footer, or the study plan.
    m_centre = new QStackedWidget(splitter);
    auto *reading = new QWidget(m_centre);
    auto *readingLayout = new QVBoxLayout(reading);
    readingLayout->setContentsMargins(4, 8, 4, 8);
    m_warning = new QLabel(reading);
    m_warning->setObjectName(QStringLiteral("learnWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; "
                                            "padding: 6px; border-radius: 4px; }"));
    m_warning->hide();
    auto *header = new QHBoxLayout;
    m_crumb = new QLabel(reading);
    m_crumb->setObjectName(QStringLiteral("pageCrumb"));
    m_crumb->setTextFormat(Qt::PlainText);
    m_doneButton = new QToolButton(reading);
    m_doneButton->setObjectName(QStringLiteral("doneButton"));
    m_doneButton->setCheckable(true);
    m_doneButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    header->addWidget(m_crumb, 1);
    header->addWidget(m_doneButton);
    m_view = new QTextBrowser(reading);
    m_view->setObjectName(QStringLiteral("pageView"));
    m_view->setOpenLinks(false);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->document()->setDocumentMargin(16);
    m_view->viewport()->installEventFilter(this);
    auto *footer = new QHBoxLayout;
    m_prevButton = new QPushButton(reading);
    m_prevButton->setObjectName(QStringLiteral("previousTopicButton"));
    m_nextButton = new QPushButton(reading);
    m_nextButton->setObjectName(QStringLiteral("nextTopicButton"));
    footer->addWidget(m_prevButton);
    footer->addStretch(1);
    footer->addWidget(m_nextButton);
    readingLayout->addWidget(m_warning);
    readingLayout->addLayout(header);
    readingLayout->addWidget(m_view, 1);
    readingLayout->addLayout(footer);
    m_plan = new StudyPlanView(m_centre);
    auto *scroll = new QScrollArea(m_centre);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_estimator = new EstimatorView(scroll);
    scroll->setWidget(m_estimator);
    m_estimatorArea = scroll;
    m_centre->addWidget(reading);
    m_centre->addWidget(m_plan);
    m_centre->addWidget(m_estimatorArea);

    // Right: outline, related pages, the lab template.
    auto *right = new QWidget(splitter);
    m_right = right;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 8, 8, 8);
    m_outline = new QListWidget(right);
    m_outline->setObjectName(QStringLiteral("pageOutline"));
    m_outline->setFrameShape(QFrame::NoFrame);
    m_related = new QListWidget(right);
    m_related->setObjectName(QStringLiteral("relatedPages"));
    m_related->setFrameShape(QFrame::NoFrame);
    for (QListWidget *list : {m_outline, m_related}) {
        list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        list->setTextElideMode(Qt::ElideRight);
        list->setWordWrap(true);
    }
    m_labBox = heading(tr("Try it in the lab"), right);
    m_labName = new QLabel(right);
    m_labName->setWordWrap(true);
    m_labButton = new QPushButton(tr("Open in the lab  ▶"), right);
    m_labButton->setObjectName(QStringLiteral("openInLabButton"));
    m_tryButton = new QPushButton(tr("Try your own  ▶"), right);
    m_tryButton->setObjectName(QStringLiteral("tryOwnButton"));
    m_tryButton->setToolTip(tr("A new canvas with the same clients and load as the reference "
                               "design; its last run stays pinned in the charts to compare"));
    rightLayout->addWidget(heading(tr("On this page"), right));
    rightLayout->addWidget(m_outline, 3);
    rightLayout->addWidget(heading(tr("Related"), right));
    rightLayout->addWidget(m_related, 2);
    rightLayout->addWidget(m_labBox);
    rightLayout->addWidget(m_labName);
    rightLayout->addWidget(m_labButton);
    rightLayout->addWidget(m_tryButton);

    splitter->addWidget(left);
    splitter->addWidget(m_centre);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({280, 820, 220});
    left->setMinimumWidth(220);
    right->setMinimumWidth(170);

    connect(m_tree, &TopicTree::topicActivated, this, [this](const QString &id) { openTopic(id); });
    connect(m_search, &QLineEdit::textChanged, this, &LearnPage::runSearch);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        QListWidgetItem *item = m_results->currentItem();
        if (!item && m_results->count() > 0)
            item = m_results->item(0);
        if (item)
            openSearchResult(item->data(Qt::UserRole).toString(), m_search->text());
    });
    connect(m_results, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        openSearchResult(item->data(Qt::UserRole).toString(), m_search->text());
    });
    connect(m_results, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        openSearchResult(item->data(Qt::UserRole).toString(), m_search->text());
    });
    connect(planButton, &QPushButton::clicked, this, &LearnPage::showStudyPlan);
    connect(estimatorButton, &QPushButton::clicked, this, &LearnPage::showEstimator);
    connect(m_estimator, &EstimatorView::scenarioRequested, this, &LearnPage::openDiagramRequested);
    connect(m_view, &QTextBrowser::anchorClicked, this, &LearnPage::followLink);
    connect(m_view, qOverload<const QUrl &>(&QTextBrowser::highlighted), this,
            [this](const QUrl &url) {
                emit statusMessage(url.isEmpty() ? QString() : url.toString(), 0);
            });
    connect(m_doneButton, &QToolButton::clicked, this, &LearnPage::setCurrentDone);
    connect(m_prevButton, &QPushButton::clicked, this, [this] {
        if (const content::Topic *t = m_library.previous(m_currentId))
            openTopic(t->id);
    });
    connect(m_nextButton, &QPushButton::clicked, this, [this] {
        if (const content::Topic *t = m_library.next(m_currentId))
            openTopic(t->id);
    });
    connect(m_outline, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        m_view->scrollToAnchor(item->data(Qt::UserRole).toString());
    });
    connect(m_outline, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        m_view->scrollToAnchor(item->data(Qt::UserRole).toString());
    });
    connect(m_related, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { openTopic(item->data(Qt::UserRole).toString()); });
    connect(m_related, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { openTopic(item->data(Qt::UserRole).toString()); });
    connect(m_labButton, &QPushButton::clicked, this, [this] {
        if (const content::Topic *t = m_library.find(m_currentId); t && !t->scenario.isEmpty())
            emit openScenarioRequested(t->scenario);
    });
    connect(m_tryButton, &QPushButton::clicked, this, [this] {
        if (const content::Topic *t = m_library.find(m_currentId); t && !t->scenario.isEmpty())
            emit tryOwnDesignRequested(t->scenario);
    });
    connect(m_plan, &StudyPlanView::openTopic, this, [this](const QString &id) { openTopic(id); });
    connect(m_plan, &StudyPlanView::openScenario, this, &LearnPage::openScenarioRequested);
    connect(m_plan, &StudyPlanView::timelineChosen, this,
            [this](const QString &id) { m_progress.setValue(kTimelineKey, id); });
    connect(m_plan, &StudyPlanView::topicDoneToggled, this, [this](const QString &id, bool done) {
        m_progress.setTopicDone(id, done);
        refreshProgress();
    });
}

void LearnPage::createActions()
{
    const auto make = [this](const QString &text, const QKeySequence &key, auto &&slot) {
        return addPageAction(this, text, key, slot);
    };
    m_backAction = make(tr("&Back"), QKeySequence::Back, [this] { goBack(); });
    m_backAction->setObjectName(QStringLiteral("learnBackAction"));
    m_forwardAction = make(tr("&Forward"), QKeySequence::Forward, [this] { goForward(); });
    m_forwardAction->setObjectName(QStringLiteral("learnForwardAction"));
    m_prevAction = make(tr("&Previous Topic"), QKeySequence(Qt::CTRL | Qt::Key_PageUp),
                        [this] { m_prevButton->click(); });
    m_nextAction = make(tr("&Next Topic"), QKeySequence(Qt::CTRL | Qt::Key_PageDown),
                        [this] { m_nextButton->click(); });
    m_planAction = make(tr("&Study Plan"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                        [this] { showStudyPlan(); });
    m_estimatorAction = make(tr("&Estimator"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                             [this] { showEstimator(); });
    m_doneAction = make(tr("Mark Page as &Done"), QKeySequence(Qt::CTRL | Qt::Key_D),
                        [this] { setCurrentDone(!m_progress.isTopicDone(m_currentId)); });
    m_doneAction->setObjectName(QStringLiteral("markDoneAction"));
    m_searchAction = make(tr("&Search Pages"), QKeySequence::Find, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    m_zoomInAction = make(tr("&Larger Text"), QKeySequence::ZoomIn, [this] { zoom(1); });
    m_zoomOutAction = make(tr("S&maller Text"), QKeySequence::ZoomOut, [this] { zoom(-1); });
    // Ctrl+= as well, since Ctrl++ needs Shift on most keyboards.
    m_zoomInAction->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
}

QList<QAction *> LearnPage::navigationActions() const
{
    return {m_backAction, m_forwardAction, m_prevAction,
            m_nextAction, m_planAction,    m_estimatorAction};
}

QList<QAction *> LearnPage::viewActions() const
{
    return {m_zoomInAction, m_zoomOutAction};
}

bool LearnPage::isShowingStudyPlan() const
{
    return m_centre->currentWidget() == m_plan;
}

bool LearnPage::isShowingEstimator() const
{
    return m_centre->currentWidget() == m_estimatorArea;
}

LearnPage::Place LearnPage::here() const
{
    if (isShowingStudyPlan())
        return Place{kPlan};
    if (isShowingEstimator())
        return Place{kEstimator};
    return Place{m_currentId, m_view->verticalScrollBar()->value()};
}

void LearnPage::navigateTo(const Place &place, const QString &anchor)
{
    const Place from = here();
    if (from.id != place.id && !from.id.isEmpty()) {
        m_backStack.append(from);
        if (m_backStack.size() > kMaxHistory)
            m_backStack.removeFirst();
        m_forwardStack.clear();
    }
    display(place, anchor);
}

bool LearnPage::openTopic(const QString &id, const QString &anchor)
{
    if (!m_library.find(id)) {
        emit statusMessage(tr("There is no page '%1'").arg(id), 6000);
        return false;
    }
    navigateTo(Place{id, 0}, anchor);
    return true;
}

bool LearnPage::openSearchResult(const QString &id, const QString &query)
{
    if (!openTopic(id))
        return false;
    highlight(query);
    return true;
}

void LearnPage::showStudyPlan()
{
    navigateTo(Place{kPlan}, {});
}

void LearnPage::showEstimator()
{
    navigateTo(Place{kEstimator}, {});
}

void LearnPage::goBack()
{
    if (m_backStack.isEmpty())
        return;
    m_forwardStack.append(here());
    const Place p = m_backStack.takeLast();
    display(p, {});
}

void LearnPage::goForward()
{
    if (m_forwardStack.isEmpty())
        return;
    m_backStack.append(here());
    const Place p = m_forwardStack.takeLast();
    display(p, {});
}

void LearnPage::display(const Place &place, const QString &anchor)
{
    if (place.id == kEstimator) {
        m_centre->setCurrentWidget(m_estimatorArea);
        m_progress.setValue(kLastTopicKey, kEstimator);
        m_tree->clearSelection();
        updateChrome();
        return;
    }
    if (place.id == kPlan) {
        QList<study::ScenarioName> scenarios;
        for (const auto &e : m_workspace.scenarios().entries())
            scenarios.append({e.id, e.name});
        m_plan->setPlan(study::loadStudyPlan(m_workspace.paths().studyPlan(), m_library, scenarios,
                                             m_progress.doneTopics(), m_progress.triedScenarios()),
                        m_progress.value(kTimelineKey, QStringLiteral("medium")));
        m_centre->setCurrentWidget(m_plan);
        m_progress.setValue(kLastTopicKey, kPlan);
        m_tree->clearSelection();
        updateChrome();
        return;
    }
    const bool samePage = place.id == here().id;
    m_centre->setCurrentWidget(m_view->parentWidget());
    m_currentId = place.id;
    if (!samePage)
        render();
    m_view->setExtraSelections({});
    if (!anchor.isEmpty())
        m_view->scrollToAnchor(anchor);
    else
        m_view->verticalScrollBar()->setValue(place.scroll);
    m_progress.setValue(kLastTopicKey, m_currentId);
    m_tree->setCurrentTopic(m_currentId);
    updateChrome();
}

void LearnPage::render()
{
    const content::Topic *t = m_library.find(m_currentId);
    if (!t)
        return;
    const QPalette pal = QApplication::palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor base = pal.color(QPalette::Base);
    content::PageStyle style;
    style.text = text.name();
    style.muted = blend(text, base, 0.62).name();
    style.link = m_accent.name();
    style.border = blend(text, base, 0.28).name();
    style.tableHeader = blend(text, base, 0.08).name();
    style.calloutBackground = blend(m_accent, base, 0.13).name();
    style.calloutBorder = m_accent.name();
    style.codeBackground = blend(text, base, 0.07).name();
    style.basePointSize = std::clamp(QApplication::font().pointSize() + 1 + m_zoom, 7, 30);
    const bool stepped = content::isStepped(*t);
    m_exercise = stepped ? content::parseExercise(t->body) : content::Exercise{};
    if (stepped) {
        const QMap<int, study::StepState> saved = m_progress.exerciseSteps(t->id);
        QList<content::StepView> steps;
        for (qsizetype i = 0; i < m_exercise.steps.size(); ++i) {
            const study::StepState st = saved.value(int(i) + 1);
            steps.append(content::StepView{st.open, st.attempted, st.revealed});
        }
        m_view->setHtml(content::renderExercisePage(*t, m_exercise, steps, style));
    } else {
        m_view->setHtml(content::renderPage(*t, style));
    }

    m_outline->clear();
    for (const content::Heading &h :
         stepped ? content::exerciseOutline(*t, m_exercise) : content::outline(*t)) {
        auto *item = new QListWidgetItem(
            (h.level > 2 ? QStringLiteral("    ") : QString()) + h.text, m_outline);
        item->setData(Qt::UserRole, h.anchor);
    }
    m_related->clear();
    for (const QString &id : t->related) {
        if (const content::Topic *r = m_library.find(id)) {
            auto *item = new QListWidgetItem(r->title, m_related);
            item->setData(Qt::UserRole, id);
        }
    }
    const diagram::ScenarioEntry *scenario =
        t->scenario.isEmpty() ? nullptr : m_workspace.scenarios().find(t->scenario);
    for (QWidget *w : std::initializer_list<QWidget *>{m_labBox, m_labName, m_labButton})
        w->setVisible(scenario != nullptr);
    // A design exercise's scenario is its reference design, to run and to beat.
    const bool reference = t->kind == u"exercise";
    m_tryButton->setVisible(reference && scenario);
    m_labBox->setText(reference ? tr("Reference design") : tr("Try it in the lab"));
    m_labName->setText(scenario ? scenario->name : QString());
    m_labName->setToolTip(scenario ? scenario->description : QString());
    m_labButton->setToolTip(scenario ? scenario->description : QString());
}

void LearnPage::updateChrome()
{
    const bool plan = isShowingStudyPlan() || isShowingEstimator();
    const content::Topic *t = plan ? nullptr : m_library.find(m_currentId);
    const bool done = t && m_progress.isTopicDone(t->id);
    m_crumb->setText(t ? QStringLiteral("%1  ›  %2").arg(t->section, t->title) : QString());
    m_doneButton->setChecked(done);
    m_doneButton->setText(done ? tr("✓ Done") : tr("Mark as done"));
    m_doneButton->setToolTip(
        tr("Mark this page as read (%1)")
            .arg(m_doneAction ? m_doneAction->shortcut().toString(QKeySequence::NativeText)
                              : QString()));
    m_doneButton->setEnabled(t && m_progress.isOpen());
    if (m_doneAction)
        m_doneAction->setEnabled(t && m_progress.isOpen());
    const content::Topic *prev = t ? m_library.previous(t->id) : nullptr;
    const content::Topic *next = t ? m_library.next(t->id) : nullptr;
    m_prevButton->setText(prev ? tr("◀  %1").arg(prev->title) : tr("◀  Previous"));
    m_nextButton->setText(next ? tr("%1  ▶").arg(next->title) : tr("Next  ▶"));
    m_prevButton->setEnabled(prev);
    m_nextButton->setEnabled(next);
    if (m_prevAction) {
        m_prevAction->setEnabled(prev);
        m_nextAction->setEnabled(next);
        m_backAction->setEnabled(!m_backStack.isEmpty());
        m_forwardAction->setEnabled(!m_forwardStack.isEmpty());
    }
    // The outline, related pages and lab box belong to a page, not the plan.
    m_right->setVisible(!plan);
}

void LearnPage::setCurrentDone(bool done)
{
    if (m_currentId.isEmpty() || isShowingStudyPlan() || isShowingEstimator())
        return;
    if (!m_progress.setTopicDone(m_currentId, done)) {
        emit statusMessage(tr("Could not save: %1").arg(m_progress.error()), 8000);
        updateChrome();
        return;
    }
    refreshProgress();
    updateChrome();
    const content::Topic *t = m_library.find(m_currentId);
    emit statusMessage(done ? tr("“%1” marked as done").arg(t->title)
                            : tr("“%1” marked as not done").arg(t->title),
                       4000);
}

void LearnPage::refreshProgress()
{
    m_tree->setDone(m_progress.doneTopics());
}

void LearnPage::followExerciseLink(const QString &url)
{
    const content::ExerciseLink link = content::parseExerciseLink(url);
    const content::Topic *t = m_library.find(m_currentId);
    const int count = int(m_exercise.steps.size());
    if (!t || !content::isStepped(*t) || link.action == content::ExerciseLink::Action::None ||
        link.step > count)
        return;
    QList<int> steps;
    if (link.step > 0) {
        steps.append(link.step);
    } else {
        for (int i = 1; i <= count; ++i)
            steps.append(i);
    }
    bool ok = true;
    switch (link.action) {
    case content::ExerciseLink::Action::Reveal:
    case content::ExerciseLink::Action::Hide:
        ok = m_progress.setSolutionsOpen(t->id, steps,
                                         link.action == content::ExerciseLink::Action::Reveal);
        break;
    case content::ExerciseLink::Action::Attempt:
    case content::ExerciseLink::Action::Unattempt:
        for (int step : steps)
            ok = ok && m_progress.setStepAttempted(
                           t->id, step, link.action == content::ExerciseLink::Action::Attempt);
        break;
    case content::ExerciseLink::Action::None:
        break;
    }
    if (!ok) {
        emit statusMessage(m_progress.isOpen() ? tr("Could not save: %1").arg(m_progress.error())
                                               : tr("Your progress cannot be saved this time"),
                           8000);
    }
    // Re-render in place: the text above the step is unchanged, so keeping
    // the scroll position leaves the step where the learner was reading.
    const int scroll = m_view->verticalScrollBar()->value();
    render();
    m_view->verticalScrollBar()->setValue(scroll);
    checkExerciseComplete();
}

void LearnPage::checkExerciseComplete()
{
    const content::Topic *t = m_library.find(m_currentId);
    if (!t || !content::isStepped(*t) || m_exercise.steps.isEmpty() ||
        m_progress.isTopicDone(t->id))
        return;
    const QMap<int, study::StepState> saved = m_progress.exerciseSteps(t->id);
    for (int i = 1; i <= int(m_exercise.steps.size()); ++i) {
        if (!saved.value(i).worked())
            return;
    }
    if (m_progress.setTopicDone(t->id, true)) {
        refreshProgress();
        updateChrome();
        emit statusMessage(tr("Every step of “%1” worked: marked as done").arg(t->title), 6000);
    }
}

void LearnPage::followLink(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme.startsWith(QStringLiteral("sds-"))) {
        followExerciseLink(url.toString());
    } else if (scheme == u"topic") {
        openTopic(url.path(), url.fragment());
    } else if (scheme == u"scenario") {
        emit openScenarioRequested(url.path());
    } else if (scheme == u"deck") {
        emit openDeckRequested(url.path());
    } else if (scheme.isEmpty() && url.hasFragment()) {
        m_view->scrollToAnchor(url.fragment());
    } else if (scheme == u"https" || scheme == u"http" || scheme == u"mailto") {
        if (!QDesktopServices::openUrl(url))
            emit statusMessage(tr("No web browser could open %1").arg(url.toString()), 8000);
    } else {
        emit statusMessage(tr("Links of the kind '%1' are not followed").arg(url.toString()), 6000);
    }
}

void LearnPage::search(const QString &words)
{
    m_search->setText(words);
}

void LearnPage::runSearch(const QString &text)
{
    m_results->clear();
    if (text.trimmed().isEmpty()) {
        m_leftStack->setCurrentWidget(m_tree);
        return;
    }
    m_leftStack->setCurrentWidget(m_results);
    const QList<content::SearchHit> hits = m_workspace.search().search(text, 30);
    const QColor muted = blend(QApplication::palette().color(QPalette::Text),
                               QApplication::palette().color(QPalette::Base), 0.6);
    for (const content::SearchHit &h : hits) {
        auto *item = new QListWidgetItem(m_results);
        item->setData(Qt::UserRole, h.id);
        item->setToolTip(h.title);
        auto *label = new QLabel(QStringLiteral("<b>%1</b> <span style=\"color:%2\">· %3</span><br>"
                                                "<span style=\"color:%2\">%4</span>")
                                     .arg(h.title.toHtmlEscaped(), muted.name(),
                                          h.section.toHtmlEscaped(), h.snippetHtml()),
                                 m_results);
        label->setWordWrap(true);
        label->setContentsMargins(4, 4, 4, 6);
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
        m_results->setItemWidget(item, label);
    }
    fitResultHeights();
    if (hits.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No page matches “%1”").arg(text), m_results);
        item->setFlags(Qt::NoItemFlags);
    } else {
        m_results->setCurrentRow(0);
    }
}

void LearnPage::fitResultHeights()
{
    // Word-wrapped labels need their height for the list's current width.
    const int width = std::max(120, m_results->viewport()->width() - 4);
    for (int i = 0; i < m_results->count(); ++i) {
        QListWidgetItem *item = m_results->item(i);
        if (auto *label = qobject_cast<QLabel *>(m_results->itemWidget(item)))
            item->setSizeHint(QSize(width, label->heightForWidth(width) + 2));
    }
}

void LearnPage::highlight(const QString &query)
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
    emit statusMessage(tr("%n match(es) on this page", nullptr, int(marks.size())), 5000);
}

int LearnPage::highlightCount() const
{
    return int(m_view->extraSelections().size());
}

void LearnPage::applyTheme(const QColor &accent)
{
    m_accent = accent;
    m_tree->setAccent(accent);
    // A light tint for the chosen result keeps its snippet readable.
    const QPalette pal = QApplication::palette();
    m_results->setStyleSheet(
        QStringLiteral("QListWidget#searchResults::item { border-bottom: 1px solid %1; }"
                       "QListWidget#searchResults::item:selected { background: %2; }")
            .arg(blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.12).name(),
                 blend(accent, pal.color(QPalette::Base), 0.22).name()));
    if (!m_currentId.isEmpty()) {
        const int scroll = m_view->verticalScrollBar()->value();
        render();
        m_view->verticalScrollBar()->setValue(scroll);
    }
}

void LearnPage::zoom(int steps)
{
    m_zoom = std::clamp(m_zoom + steps, -4, 12);
    m_progress.setValue(kZoomKey, QString::number(m_zoom));
    applyTheme(m_accent);
}

void LearnPage::quickOpen()
{
    QList<QuickOpen::Entry> entries;
    for (const content::Topic &t : m_library.topics())
        entries.append({QuickOpen::Entry::Kind::Topic, t.id, t.title, t.section});
    for (const auto &e : m_workspace.scenarios().entries())
        entries.append({QuickOpen::Entry::Kind::Scenario, e.id, e.name, tr("Lab template")});
    QuickOpen dialog(entries, window());
    if (dialog.exec() != QDialog::Accepted || !dialog.chosen())
        return;
    const QuickOpen::Entry e = *dialog.chosen();
    if (e.kind == QuickOpen::Entry::Kind::Topic)
        openTopic(e.id);
    else
        emit openScenarioRequested(e.id);
}

bool LearnPage::eventFilter(QObject *watched, QEvent *event)
{
    if (m_view && watched == m_view->viewport() && event->type() == QEvent::Resize) {
        // Lines of more than about 90 characters are hard to read: centre a
        // column in wide windows.
        const int maxText = fontMetrics().averageCharWidth() * (92 + 8 * m_zoom);
        const int width = static_cast<QResizeEvent *>(event)->size().width();
        m_view->document()->setDocumentMargin(std::max(16, (width - maxText) / 2));
    }
    if (m_results && watched == m_results->viewport() && event->type() == QEvent::Resize)
        fitResultHeights();
    if (event->type() == QEvent::MouseButtonPress) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::BackButton) {
            goBack();
            return true;
        }
        if (mouse->button() == Qt::ForwardButton) {
            goForward();
            return true;
        }
    }
    // Down from the search field walks into the results.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) &&
            m_leftStack->currentWidget() == m_results && m_results->count() > 0) {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            m_results->setCurrentRow(
                std::clamp(m_results->currentRow() + step, 0, m_results->count() - 1));
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            m_search->clear();
            m_view->setFocus();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sds::gui
