#include "app/studio/learn/learnpage.h"

#include "app/studio/learn/estimatorview.h"
#include "app/studio/learn/pagesidebar.h"
#include "app/studio/learn/quickopen.h"
#include "app/studio/learn/readerview.h"
#include "app/studio/learn/searchpanel.h"
#include "app/studio/learn/studyplanview.h"
#include "app/studio/learn/topictree.h"
#include "app/studio/pageaction.h"
#include "app/studio/workspace.h"
#include "core/study/exerciseprogress.h"
#include "core/study/studyplan.h"

#include <QAction>
#include <QHBoxLayout>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace sds::gui {
namespace {

const auto kLastTopicKey = QStringLiteral("last_topic");
// Places that are not topic pages; '@' cannot start a page id.
const auto kPlan = QStringLiteral("@plan");
const auto kEstimator = QStringLiteral("@estimator");
const auto kTimelineKey = QStringLiteral("plan_timeline");
const auto kZoomKey = QStringLiteral("reader_zoom");

} // namespace

LearnPage::LearnPage(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_library(workspace.library())
    , m_progress(workspace.progress())
{
    setObjectName(QStringLiteral("learnPage"));
    buildUi();
    m_reader->setZoom(m_progress.value(kZoomKey, QStringLiteral("0")).toInt());
    createActions();
    m_tree->setLibrary(m_library);
    refreshChallenges();
    refreshProgress();
    m_reader->setWarning(m_workspace.problems(Workspace::Area::Learn).join(QStringLiteral("\n")));

    const QString last = m_progress.value(kLastTopicKey);
    if (last == kPlan || last == kEstimator || m_library.find(last))
        display(Place{last, 0}, {});
    else if (!m_library.topics().isEmpty())
        display(Place{m_library.topics().first().id, 0}, {});
    updateChrome();
}

void LearnPage::buildUi()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("learnSplitter"));
    splitter->setChildrenCollapsible(false);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(splitter);

    // Left: search over the topic tree, then the study plan and the estimator.
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    // Made inside the column, as the panel will hold it: the first page's
    // scrollToItem() runs before the column has its size.
    m_tree = new TopicTree(left);
    m_search = new SearchPanel(m_workspace.search(), m_tree, left);
    auto *planButton = new QPushButton(tr("Study plan"), left);
    planButton->setObjectName(QStringLiteral("studyPlanButton"));
    auto *estimatorButton = new QPushButton(tr("Estimator"), left);
    estimatorButton->setObjectName(QStringLiteral("estimatorButton"));
    estimatorButton->setToolTip(tr("Back-of-the-envelope calculator"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(planButton);
    buttons->addWidget(estimatorButton);
    leftLayout->addWidget(m_search, 1);
    leftLayout->addLayout(buttons);

    // Centre: the page, the study plan or the estimator.
    m_centre = new QStackedWidget(splitter);
    m_reader = new ReaderView(m_library, m_workspace.scenarios(), m_centre);
    m_reader->setChallenges(&m_workspace.challenges());
    m_plan = new StudyPlanView(m_centre);
    auto *scroll = new QScrollArea(m_centre);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_estimator = new EstimatorView(scroll);
    scroll->setWidget(m_estimator);
    m_estimatorArea = scroll;
    m_centre->addWidget(m_reader);
    m_centre->addWidget(m_plan);
    m_centre->addWidget(m_estimatorArea);

    m_sidebar = new PageSidebar(m_progress, splitter);

    splitter->addWidget(left);
    splitter->addWidget(m_centre);
    splitter->addWidget(m_sidebar);
    splitter->setStretchFactor(1, 1); // the page takes what the window gains
    splitter->setSizes({280, 820, 220});
    left->setMinimumWidth(220);

    connect(m_tree, &TopicTree::topicActivated, this, [this](const QString &id) { openTopic(id); });
    connect(m_search, &SearchPanel::resultChosen, this, &LearnPage::openSearchResult);
    connect(m_search, &SearchPanel::dismissed, m_reader, &ReaderView::focusText);
    connect(m_search, &SearchPanel::backRequested, this, &LearnPage::goBack);
    connect(m_search, &SearchPanel::forwardRequested, this, &LearnPage::goForward);
    connect(planButton, &QPushButton::clicked, this, &LearnPage::showStudyPlan);
    connect(estimatorButton, &QPushButton::clicked, this, &LearnPage::showEstimator);
    connect(m_estimator, &EstimatorView::scenarioRequested, this, &LearnPage::openDiagramRequested);

    connect(m_reader, &ReaderView::topicLinkClicked, this, &LearnPage::openTopic);
    connect(m_reader, &ReaderView::scenarioLinkClicked, this, &LearnPage::openScenarioRequested);
    connect(m_reader, &ReaderView::deckLinkClicked, this, &LearnPage::openDeckRequested);
    connect(m_reader, &ReaderView::challengeLinkClicked, this, &LearnPage::openChallengeRequested);
    connect(m_tree, &TopicTree::challengeActivated, this, &LearnPage::openChallengeRequested);
    connect(m_reader, &ReaderView::exerciseLinkClicked, this, &LearnPage::followExerciseLink);
    connect(m_reader, &ReaderView::statusMessage, this, &LearnPage::statusMessage);
    connect(m_reader, &ReaderView::doneToggled, this, &LearnPage::setCurrentDone);
    connect(m_reader, &ReaderView::previousClicked, this, [this] { openNeighbour(false); });
    connect(m_reader, &ReaderView::nextClicked, this, [this] { openNeighbour(true); });
    connect(m_reader, &ReaderView::zoomChanged, this, [this](int zoom) {
        m_progress.setValue(kZoomKey, QString::number(zoom));
        render(true);
    });
    connect(m_reader, &ReaderView::backRequested, this, &LearnPage::goBack);
    connect(m_reader, &ReaderView::forwardRequested, this, &LearnPage::goForward);

    connect(m_sidebar, &PageSidebar::anchorChosen, m_reader, &ReaderView::scrollToAnchor);
    connect(m_sidebar, &PageSidebar::topicChosen, this,
            [this](const QString &id) { openTopic(id); });
    connect(m_sidebar, &PageSidebar::openScenarioRequested, this,
            &LearnPage::openScenarioRequested);
    connect(m_sidebar, &PageSidebar::tryOwnDesignRequested, this,
            &LearnPage::tryOwnDesignRequested);

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
                        [this] { openNeighbour(false); });
    m_nextAction = make(tr("&Next Topic"), QKeySequence(Qt::CTRL | Qt::Key_PageDown),
                        [this] { openNeighbour(true); });
    m_planAction = make(tr("&Study Plan"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                        [this] { showStudyPlan(); });
    m_estimatorAction = make(tr("&Estimator"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                             [this] { showEstimator(); });
    m_doneAction = make(tr("Mark Page as &Done"), QKeySequence(Qt::CTRL | Qt::Key_D),
                        [this] { setCurrentDone(!m_progress.isTopicDone(m_currentId)); });
    m_doneAction->setObjectName(QStringLiteral("markDoneAction"));
    m_searchAction =
        make(tr("&Search Pages"), QKeySequence::Find, [this] { m_search->focusField(); });
    m_viewActions = m_reader->addZoomActions(this);
}

QList<QAction *> LearnPage::navigationActions() const
{
    return {m_backAction, m_forwardAction, m_prevAction,
            m_nextAction, m_planAction,    m_estimatorAction};
}

QList<QAction *> LearnPage::viewActions() const
{
    return m_viewActions;
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
    return Place{m_currentId, m_reader->scroll()};
}

void LearnPage::navigateTo(const Place &place, const QString &anchor)
{
    m_history.navigate(here(), place.id);
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
    const int marks = m_reader->highlight(query);
    emit statusMessage(SearchPanel::matchesOnPage(marks), 5000);
    return true;
}

void LearnPage::openNeighbour(bool next)
{
    if (const content::Topic *t =
            next ? m_library.next(m_currentId) : m_library.previous(m_currentId))
        openTopic(t->id);
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
    if (const auto place = m_history.back(here()))
        display(*place, {});
}

void LearnPage::goForward()
{
    if (const auto place = m_history.forward(here()))
        display(*place, {});
}

void LearnPage::display(const Place &place, const QString &anchor)
{
    if (place.id == kPlan || place.id == kEstimator) {
        if (place.id == kPlan) {
            QList<study::ScenarioName> scenarios;
            for (const auto &e : m_workspace.scenarios().entries())
                scenarios.append({e.id, e.name});
            m_plan->setPlan(study::loadStudyPlan(m_workspace.paths().studyPlan(), m_library,
                                                 scenarios, m_progress.doneTopics(),
                                                 m_progress.triedScenarios()),
                            m_progress.value(kTimelineKey, QStringLiteral("medium")));
        }
        m_centre->setCurrentWidget(place.id == kPlan ? static_cast<QWidget *>(m_plan)
                                                     : m_estimatorArea);
        m_progress.setValue(kLastTopicKey, place.id);
        m_tree->clearSelection();
        updateChrome();
        return;
    }
    const bool samePage = place.id == here().id;
    m_centre->setCurrentWidget(m_reader);
    m_currentId = place.id;
    if (!samePage)
        render(false);
    m_reader->showPlace(anchor, place.scroll);
    m_progress.setValue(kLastTopicKey, m_currentId);
    m_tree->setCurrentTopic(m_currentId);
    updateChrome();
}

void LearnPage::render(bool keepScroll)
{
    const content::Topic *t = m_library.find(m_currentId);
    if (!t)
        return;
    // When redrawing the same page, the text above the reader's line is
    // unchanged: the same scroll position leaves them where they were reading.
    const int scroll = m_reader->scroll();
    m_exercise = content::isStepped(*t) ? content::parseExercise(t->body) : content::Exercise{};
    m_reader->showTopic(
        *t, m_exercise,
        study::ExerciseProgress(m_progress, t->id, int(m_exercise.steps.size())).steps());
    m_sidebar->showTopic(*t, m_exercise, m_library,
                         t->scenario.isEmpty() ? nullptr
                                               : m_workspace.scenarios().find(t->scenario));
    if (keepScroll)
        m_reader->setScroll(scroll);
}

void LearnPage::updateChrome()
{
    const bool plan = isShowingStudyPlan() || isShowingEstimator();
    const content::Topic *t = plan ? nullptr : m_library.find(m_currentId);
    m_reader->setTopic(t, t && m_progress.isTopicDone(t->id), m_progress.isOpen(),
                       m_doneAction->shortcut().toString(QKeySequence::NativeText));
    m_doneAction->setEnabled(t && m_progress.isOpen());
    const content::Topic *prev = t ? m_library.previous(t->id) : nullptr;
    const content::Topic *next = t ? m_library.next(t->id) : nullptr;
    m_reader->setNeighbours(prev, next);
    m_prevAction->setEnabled(prev);
    m_nextAction->setEnabled(next);
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
    // The outline, related pages and lab box belong to a page, not the plan.
    m_sidebar->setVisible(!plan);
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
    emit statusMessage(
        (done ? tr("“%1” marked as done") : tr("“%1” marked as not done")).arg(t->title), 4000);
}

void LearnPage::refreshChallenges()
{
    QList<TopicTree::ChallengeEntry> entries;
    for (const challenge::Challenge &c : m_workspace.challenges().entries())
        entries.append({c.id, c.title, c.level});
    m_tree->setChallenges(entries, m_progress.solvedChallenges());
}

void LearnPage::refreshProgress()
{
    m_tree->setDone(m_progress.doneTopics());
}

void LearnPage::followExerciseLink(const QString &url)
{
    const content::Topic *t = m_library.find(m_currentId);
    if (!t || !content::isStepped(*t))
        return;
    study::ExerciseProgress exercise(m_progress, t->id, int(m_exercise.steps.size()));
    const auto change = exercise.apply(content::parseExerciseLink(url));
    if (change == study::ExerciseProgress::Change::Ignored)
        return;
    if (change == study::ExerciseProgress::Change::Failed) {
        emit statusMessage(m_progress.isOpen() ? tr("Could not save: %1").arg(m_progress.error())
                                               : tr("Your progress cannot be saved this time"),
                           8000);
    }
    render(true);
    if (exercise.markDoneIfWorked()) {
        refreshProgress();
        updateChrome();
        emit statusMessage(tr("Every step of “%1” worked: marked as done").arg(t->title), 6000);
    }
}

void LearnPage::search(const QString &words)
{
    m_search->setText(words);
}

void LearnPage::applyTheme(const QColor &accent)
{
    m_tree->setAccent(accent);
    m_search->setAccent(accent);
    m_reader->setAccent(accent);
    if (!m_currentId.isEmpty())
        render(true);
}

void LearnPage::quickOpen()
{
    QList<QuickOpen::Entry> entries;
    for (const content::Topic &t : m_library.topics())
        entries.append({QuickOpen::Entry::Kind::Topic, t.id, t.title, t.section});
    for (const auto &e : m_workspace.scenarios().entries())
        entries.append({QuickOpen::Entry::Kind::Scenario, e.id, e.name, tr("Lab template")});
    for (const challenge::Challenge &c : m_workspace.challenges().entries())
        entries.append({QuickOpen::Entry::Kind::Challenge, c.id, c.title,
                        tr("Challenge, level %1").arg(c.level)});
    QuickOpen dialog(entries, window());
    if (dialog.exec() != QDialog::Accepted || !dialog.chosen())
        return;
    const QuickOpen::Entry e = *dialog.chosen();
    switch (e.kind) {
    case QuickOpen::Entry::Kind::Topic:
        openTopic(e.id);
        break;
    case QuickOpen::Entry::Kind::Scenario:
        emit openScenarioRequested(e.id);
        break;
    case QuickOpen::Entry::Kind::Challenge:
        emit openChallengeRequested(e.id);
        break;
    }
}

} // namespace sds::gui
