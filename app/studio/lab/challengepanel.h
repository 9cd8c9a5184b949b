#pragma once

#include "app/studio/lab/challengereport.h"
#include "core/challenge/challenge.h"
#include "core/challenge/grader.h"
#include "core/diagram/diagramdata.h"
#include "core/result.h"

#include <QWidget>

#include <memory>
#include <optional>

class QBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QUrl;

namespace sds::gui {

class ExperimentJob;

// The open challenge beside the canvas: its title and level, a Brief tab
// (the Markdown brief, the goals with their limits, the faults, the pages it
// exercises) and a Result tab (each goal's verdict, value, interval and
// limit, what limits the design, where the tail waits, what the faults
// cost, notes and hints). Check my design grades the design it is given on
// a worker thread with a progress bar that can be cancelled; the panel
// keeps no store: a solve is announced and the page records it.
class ChallengePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChallengePanel)

public:
    explicit ChallengePanel(QWidget *parent = nullptr);
    ~ChallengePanel() override;

    void setTopicTitles(TopicTitle titles) { m_topics = std::move(titles); }
    // Colours for the current palette; redraws what is shown.
    void applyPalette();

    // Shows @p c, its brief in front; any grade of another challenge is dropped.
    void setChallenge(const challenge::Challenge &c, bool solved);
    const challenge::Challenge *challenge() const;

    // Grades @p design against the open challenge, off the GUI thread.
    void check(const diagram::DiagramData &design);
    void cancel();
    bool isGrading() const;
    // The last grade (reset by a new check or challenge); the grader's refusal instead.
    const std::optional<challenge::GradeResult> &result() const { return m_result; }
    const QString &refusal() const { return m_refusal; }
    void showBrief();
    void showResult();

signals:
    void checkRequested();
    // A grade ended: with a result, a refusal, or cancelled.
    void gradeFinished();
    void solved(const QString &challengeId);
    void topicRequested(const QString &id);
    void referenceRequested();
    void flashcardRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void finished();
    void render();
    void setGrading(bool grading);
    void followLink(const QUrl &url);
    ChallengeColours colours() const;

    std::optional<challenge::Challenge> m_challenge;
    bool m_solved = false;
    TopicTitle m_topics;
    QLabel *m_title;
    QTabWidget *m_tabs;
    QTextBrowser *m_brief;
    QTextBrowser *m_report;
    QLabel *m_message;
    QPushButton *m_check;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QPushButton *m_reference;
    QPushButton *m_flashcard;
    QBoxLayout *m_moreRow = nullptr;
    ExperimentJob *m_job;
    std::shared_ptr<std::optional<Result<challenge::GradeResult>>> m_inbox;
    std::optional<challenge::GradeResult> m_result;
    QString m_refusal;
};

} // namespace sds::gui
