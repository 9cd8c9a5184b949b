#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace sds::content {
struct Heading;
struct Topic;
} // namespace sds::content

namespace sds::diagram {
struct ScenarioEntry;
}

namespace sds::gui {

// Beside the page: its outline, the related pages, and its lab template: a
// topic's "Try it in the lab", or an exercise's reference design with "Try
// your own" as well. Hidden parts are those the page does not have.
class PageSidebar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageSidebar)

public:
    explicit PageSidebar(QWidget *parent = nullptr);

    void setOutline(const QList<content::Heading> &headings);
    void setRelated(const QList<const content::Topic *> &topics);
    // @p scenario may be null (no lab box); @p reference: an exercise's design to beat.
    void setScenario(const diagram::ScenarioEntry *scenario, bool reference);

signals:
    void anchorChosen(const QString &anchor);
    void topicChosen(const QString &id);
    void openInLabClicked();
    void tryOwnClicked();

private:
    QListWidget *m_outline = nullptr;
    QListWidget *m_related = nullptr;
    QLabel *m_labBox = nullptr;
    QLabel *m_labName = nullptr;
    QPushButton *m_labButton = nullptr;
    QPushButton *m_tryButton = nullptr;
};

} // namespace sds::gui
