#pragma once

#include "app/studio/learn/navigationhistory.h"
#include "core/content/exercise.h"
#include "core/diagram/diagramdata.h"

#include <QColor>
#include <QWidget>

class QAction;
class QStackedWidget;

namespace sds::content {
class TopicLibrary;
}

namespace sds::study {
class ProgressStore;
}

namespace sds::gui {

class EstimatorView;
class PageSidebar;
class ReaderView;
class SearchPanel;
class StudyPlanView;
class TopicTree;
class Workspace;

// Learn mode. A mediator: it wires the search panel over the topic tree, the
// reader (or the study plan, or the estimator) and the page sidebar to the
// Workspace's topic library, search index and progress store, keeps the
// back/forward history, and hands scenario: links to whoever opens the lab.
class LearnPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LearnPage)

public:
    explicit LearnPage(Workspace &workspace, QWidget *parent = nullptr);
    ~LearnPage() override = default;

    QString currentTopicId() const { return m_currentId; }
    bool isShowingStudyPlan() const;
    bool isShowingEstimator() const;

    /** Shows a page; false (and a status message) when there is no such page. */
    bool openTopic(const QString &id, const QString &anchor = {});
    /** Opens a page and marks where the words of @p query occur in it. */
    bool openSearchResult(const QString &id, const QString &query);
    /** Types @p words into the search field: the results replace the tree. */
    void search(const QString &words);
    void showStudyPlan();
    void showEstimator();
    void goBack();
    void goForward();
    void setCurrentDone(bool done);
    /** Re-renders with colours for the current palette and @p accent. */
    void applyTheme(const QColor &accent);
    /** Topics and lab templates for quick-open; runs it and opens the choice. */
    void quickOpen();
    /** The Challenges section of the tree, with the progress store's solved marks. */
    void refreshChallenges();

    QList<QAction *> navigationActions() const; // back, forward, previous, next, plan
    QList<QAction *> viewActions() const;       // text larger, smaller
    QAction *doneAction() const { return m_doneAction; }
    QAction *searchAction() const { return m_searchAction; }

signals:
    void openScenarioRequested(const QString &id);
    // "Try your own" on a design exercise: a new canvas against @p scenarioId's load.
    void tryOwnDesignRequested(const QString &scenarioId);
    void openDiagramRequested(const sds::diagram::DiagramData &diagram);
    void openDeckRequested(const QString &deckId);
    void openChallengeRequested(const QString &challengeId);
    void statusMessage(const QString &text, int timeoutMs);

private:
    using Place = NavigationHistory::Place;

    void buildUi();
    void createActions();
    void display(const Place &place, const QString &anchor);
    void render(bool keepScroll);
    void updateChrome();
    void navigateTo(const Place &place, const QString &anchor);
    Place here() const;
    void openNeighbour(bool next);
    void followExerciseLink(const QString &url);
    void refreshProgress();

    Workspace &m_workspace;
    const content::TopicLibrary &m_library;
    study::ProgressStore &m_progress;
    QString m_currentId;
    NavigationHistory m_history;
    content::Exercise m_exercise; // the current page's steps, when it has any

    TopicTree *m_tree = nullptr;
    SearchPanel *m_search = nullptr;
    QStackedWidget *m_centre = nullptr;
    ReaderView *m_reader = nullptr;
    StudyPlanView *m_plan = nullptr;
    EstimatorView *m_estimator = nullptr;
    QWidget *m_estimatorArea = nullptr; // scrolls, so the form never widens the window
    PageSidebar *m_sidebar = nullptr;

    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QAction *m_prevAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_planAction = nullptr;
    QAction *m_estimatorAction = nullptr;
    QAction *m_doneAction = nullptr;
    QAction *m_searchAction = nullptr;
    QList<QAction *> m_viewActions; // from the reader: larger and smaller text
};

} // namespace sds::gui
