#include "app/studio/learn/learnpage.h"

#include "app/studio/learn/estimatorview.h"
#include "app/studio/learn/pagesidebar.h"
#include "app/studio/learn/quickopen.h"
#include "app/studio/learn/readerview.h"
#include "app/studio/learn/searchpanel.h"
#include "app/studio/learn/studyplanview.h"
#include "app/studio/learn/topictree.h"
#include "app/studio/pageaction.h"
#include "app/studio/theme.h"
#include "app/studio/workspace.h"
#include "core/content/exerciserender.h"
#include "core/content/pagerender.h"
#include "core/study/exerciseprogress.h"
#include "core/study/studyplan.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
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
    , m_accent(QColor(0x2a, 0x62, 0xc9))
{
    setObjectName(QStringLiteral("learnPage"));
    buildUi();
    m_reader->setZoom(m_progress.value(kZoomKey, QStringLiteral("0")).toInt());
    createActions();
    m_tree->setLibrary(m_library);
    refreshProgress();
    m_reader->setWarning(m_workspace.problems(Workspace::Area::Learn).join(QStringLiteral("\n")));

    const QString last = m_progress.value(kLastTopicKey);
    if (last == kPlan || last == kEstimator || m_library.find(last))
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
    m_reader = new ReaderView(m_centre);
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

    m_sidebar = new PageSidebar(splitter);

    splitter->addWidget(left);
    splitter->addWidget(m_centre);
    splitter->addWidget(m_sidebar);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({280, 820, 220});
    left->setMinimumWidth(220);

    const auto open = [this](const QString &id) {
        openTopic(id);
    };
    connect(m_tree, &TopicTree::topicActivated, this, open);
    connect(m_search, &SearchPanel::resultChosen, this, &LearnPage::openSearchResult);
    connect(m_search, &SearchPanel::dismissed, m_reader, &ReaderView::focusText);
    connect(m_search, &SearchPanel::backRequested, this, &LearnPage::goBack);
    connect(m_search, &SearchPanel::forwardRequested, this, &LearnPage::goForward);
    connect(planButton, &QPushButton::clicked, this, &LearnPage::showStudyPlan);
    connect(estimatorButton, &QPushButton::clicked, this, &LearnPage::showEstimator);
    connect(m_estimator, &EstimatorView::scenarioRequested, this, &LearnPage::openDiagramRequested);

    connect(m_reader, &ReaderView::linkClicked, this, &LearnPage::followLink);
    connect(m_reader, &ReaderView::linkHovered, this, [this](const QUrl &url) {
        emit statusMessage(url.isEmpty() ? QString() : url.toString(), 0);
    });
    connect(m_reader, &ReaderView::doneToggled, this, &LearnPage::setCurrentDone);
    connect(m_reader, &ReaderView::previousClicked, this, [this] { openNeighbour(false); });
    connect(m_reader, &ReaderView::nextClicked, this, [this] { openNeighbour(true); });
    connect(m_reader, &ReaderView::backRequested, this, &LearnPage::goBack);
    connect(m_reader, &ReaderView::forwardRequested, this, &LearnPage::goForward);

    connect(m_sidebar, &PageSidebar::anchorChosen, m_reader, &ReaderView::scrollToAnchor);
    connect(m_sidebar, &PageSidebar::topicChosen, this, open);
    connect(m_sidebar, &PageSidebar::openInLabClicked, this, [this] {
        if (const content::Topic *t = m_library.find(m_currentId); t && !t->scenario.isEmpty())
            emit openScenarioRequested(t->scenario);
    });
    connect(m_sidebar, &PageSidebar::tryOwnClicked, this, [this] {
        if (const content::Topic *t = m_library.find(m_currentId); t && !t->scenario.isEmpty())
            emit tryOwnDesignRequested(t->scenario);
    });

    connect(m_plan, &StudyPlanView::openTopic, this, open);
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
    const int marks = m_reader->highlight(query, m_accent);
    emit statusMessage(tr("%n match(es) on this page", nullptr, marks), 5000);
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
    m_centre->setCurrentWidget(m_reader);
    m_currentId = place.id;
    if (!samePage)
        render();
    m_reader->clearHighlight();
    if (!anchor.isEmpty())
        m_reader->scrollToAnchor(anchor);
    else
        m_reader->setScroll(place.scroll);
    m_progress.setValue(kLastTopicKey, m_currentId);
    m_tree->setCurrentTopic(m_currentId);
    updateChrome();
}

void LearnPage::render()
{
    const content::Topic *t = m_library.find(m_currentId);
    if (!t)
        return;
    const content::PageStyle style = pageStyle(QApplication::palette(), m_accent, m_reader->zoom());
    const bool stepped = content::isStepped(*t);
    m_exercise = stepped ? content::parseExercise(t->body) : content::Exercise{};
    if (stepped) {
        const study::ExerciseProgress exercise(m_progress, t->id, int(m_exercise.steps.size()));
        m_reader->setHtml(content::renderExercisePage(*t, m_exercise, exercise.steps(), style));
    } else {
        m_reader->setHtml(content::renderPage(*t, style));
    }
    m_sidebar->setOutline(stepped ? content::exerciseOutline(*t, m_exercise)
                                  : content::outline(*t));
    QList<const content::Topic *> related;
    for (const QString &id : t->related) {
        if (const content::Topic *r = m_library.find(id))
            related.append(r);
    }
    m_sidebar->setRelated(related);
    // A design exercise's scenario is its reference design, to run and to beat.
    m_sidebar->setScenario(t->scenario.isEmpty() ? nullptr
                                                 : m_workspace.scenarios().find(t->scenario),
                           t->kind == u"exercise");
}

void LearnPage::rerenderInPlace()
{
    // The text above the reader's line is unchanged, so keeping the scroll
    // position leaves the learner where they were reading.
    const int scroll = m_reader->scroll();
    render();
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
    rerenderInPlace();
    if (exercise.markDoneIfWorked()) {
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
        m_reader->scrollToAnchor(url.fragment());
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

void LearnPage::applyTheme(const QColor &accent)
{
    m_accent = accent;
    m_tree->setAccent(accent);
    m_search->setAccent(accent);
    if (!m_currentId.isEmpty())
        rerenderInPlace();
}

void LearnPage::zoom(int steps)
{
    m_progress.setValue(kZoomKey, QString::number(m_reader->zoomBy(steps)));
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

} // namespace sds::gui
