#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace sds::content {
struct Exercise;
class TopicLibrary;
struct Topic;
} // namespace sds::content

namespace sds::diagram {
struct ScenarioEntry;
}

namespace sds::study {
class ProgressStore;
}

namespace sds::gui {

class ChecklistView;

// Beside the page: its outline, the related pages, the interview checklist
// on a practice question, and its lab template: a topic's "Try it in the
// lab", or an exercise's reference design with "Try your own" as well.
// Hidden parts are those the page does not have.
class PageSidebar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageSidebar)

public:
    // The outline's items carry their heading level (2 for ##, 3 for ###) in this role.
    static constexpr int kLevelRole = Qt::UserRole + 1;
    // How far in a sub-heading sits in the outline, per level below ##.
    static constexpr int kIndentPerLevel = 16;

    // The checklist keeps its ticks and times in @p progress.
    explicit PageSidebar(study::ProgressStore &progress, QWidget *parent = nullptr);

    // The outline of @p topic (its steps, for an exercise), its related pages
    // that @p library has, and the lab box for @p scenario, if any.
    void showTopic(const content::Topic &topic, const content::Exercise &exercise,
                   const content::TopicLibrary &library, const diagram::ScenarioEntry *scenario);

signals:
    void anchorChosen(const QString &anchor);
    void topicChosen(const QString &id);
    void openScenarioRequested(const QString &scenarioId);
    void tryOwnDesignRequested(const QString &scenarioId);

private:
    QListWidget *m_outline = nullptr;
    QListWidget *m_related = nullptr;
    QLabel *m_checklistHeading = nullptr;
    ChecklistView *m_checklist = nullptr;
    QLabel *m_labBox = nullptr;
    QLabel *m_labName = nullptr;
    QPushButton *m_labButton = nullptr;
    QPushButton *m_tryButton = nullptr;
    QString m_scenarioId;
};

} // namespace sds::gui
