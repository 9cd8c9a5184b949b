#pragma once

#include "core/content/exercise.h"
#include "core/content/library.h"
#include "core/diagram/diagramdata.h"
#include "core/study/progressstore.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTextBrowser;
class QToolButton;

namespace sds::gui {

class EstimatorView;
class StudyPlanView;
class TopicTree;
class Workspace;

// Learn mode: the topic tree with progress on the left, the page in the
// middle (or the study plan), the page's outline, related pages and its lab
// template on the right. Exercise pages show their steps with the
// solutions hidden until asked for, and remember which were tried or seen. The topic library,
// search index and progress store come from the Workspace; the page keeps a back/forward
// history and hands scenario: links to whoever opens the lab.
class LearnPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LearnPage)

public:
    explicit LearnPage(Workspace &workspace, QWidget *parent = nullptr);
    ~LearnPage() override;

    const content::TopicLibrary &library() const { return m_library; }
    study::ProgressStore &progress() { return m_progress; }
    QString currentTopicId() const { return m_currentId; }
    bool isShowingStudyPlan() const;

    /** Shows a page; false (and a status message) when there is no such page. */
    bool openTopic(const QString &id, const QString &anchor = {});
    /** Opens a page and marks where the words of @p query occur in it. */
    bool openSearchResult(const QString &id, const QString &query);
    /** Types @p words into the search field: the results replace the tree. */
    void search(const QString &words);
    void showStudyPlan();
    void showEstimator();
    bool isShowingEstimator() const;
    void goBack();
    void goForward();
    void setCurrentDone(bool done);
    /** Re-renders with colours for the current palette and @p accent. */
    void applyTheme(const QColor &accent);
    /** Topics and lab templates for quick-open; runs it and opens the choice. */
    void quickOpen();

    QList<QAction *> navigationActions() const; // back, forward, previous, next, plan
    QList<QAction *> viewActions() const;       // text larger, smaller
    QAction *doneAction() const { return m_doneAction; }
    QAction *searchAction() const { return m_searchAction; }

    // For tests and screenshots.
    QTextBrowser *view() const { return m_view; }
    TopicTree *tree() const { return m_tree; }
    QLineEdit *searchField() const { return m_search; }
    QListWidget *results() const { return m_results; }
    QListWidget *outlineList() const { return m_outline; }
    QListWidget *relatedList() const { return m_related; }
    StudyPlanView *studyPlan() const { return m_plan; }
    EstimatorView *estimator() const { return m_estimator; }
    QPushButton *labButton() const { return m_labButton; }
    QPushButton *tryOwnButton() const { return m_tryButton; }
    QAction *backAction() const { return m_backAction; }
    QAction *forwardAction() const { return m_forwardAction; }
    int highlightCount() const;

signals:
    void openScenarioRequested(const QString &id);
    // "Try your own" on a design exercise: a new canvas against @p scenarioId's load.
    void tryOwnDesignRequested(const QString &scenarioId);
    void openDiagramRequested(const sds::diagram::DiagramData &diagram);
    void openDeckRequested(const QString &deckId);
    void statusMessage(const QString &text, int timeoutMs);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Place {
        QString id; // a topic id, or kPlan / kEstimator
        int scroll = 0;
    };

    void buildUi();
    void createActions();
    void display(const Place &place, const QString &anchor);
    void render();
    void updateChrome();
    void navigateTo(const Place &place, const QString &anchor);
    Place here() const;
    void followLink(const QUrl &url);
    void runSearch(const QString &text);
    void fitResultHeights();
    void highlight(const QString &query);
    void refreshProgress();
    void followExerciseLink(const QString &url);
    // Marks an exercise done once every step was tried or its solution seen.
    void checkExerciseComplete();
    void zoom(int steps);

    Workspace &m_workspace;
    const content::TopicLibrary &m_library;
    study::ProgressStore &m_progress;
    QString m_currentId;
    QList<Place> m_backStack;
    QList<Place> m_forwardStack;
    QColor m_accent;
    int m_zoom = 0;
    content::Exercise m_exercise; // the current page's steps, when it has any

    QLineEdit *m_search = nullptr;
    QStackedWidget *m_leftStack = nullptr;
    TopicTree *m_tree = nullptr;
    QListWidget *m_results = nullptr;
    QStackedWidget *m_centre = nullptr;
    QLabel *m_warning = nullptr;
    QLabel *m_crumb = nullptr;
    QToolButton *m_doneButton = nullptr;
    QTextBrowser *m_view = nullptr;
    QPushButton *m_prevButton = nullptr;
    QPushButton *m_nextButton = nullptr;
    StudyPlanView *m_plan = nullptr;
    EstimatorView *m_estimator = nullptr;
    QWidget *m_estimatorArea = nullptr; // scrolls, so the form never widens the window
    QWidget *m_right = nullptr;
    QListWidget *m_outline = nullptr;
    QListWidget *m_related = nullptr;
    QLabel *m_labBox = nullptr;
    QLabel *m_labName = nullptr;
    QPushButton *m_labButton = nullptr;
    QPushButton *m_tryButton = nullptr;

    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QAction *m_prevAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_planAction = nullptr;
    QAction *m_estimatorAction = nullptr;
    QAction *m_doneAction = nullptr;
    QAction *m_searchAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
};

} // namespace sds::gui
