#pragma once

#include <QSet>
#include <QTreeWidget>

namespace sds::content {
class TopicLibrary;
}

namespace sds::gui {

// The reader's table of contents: sections in reading order, each with a
// bar of how much of it is done, and its pages with a done mark. The current
// page is selected; activating a page emits topicActivated.
class TopicTree final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopicTree)

public:
    static constexpr int kIdRole = Qt::UserRole + 1;
    static constexpr int kDoneRole = Qt::UserRole + 2;     // topics: bool
    static constexpr int kProgressRole = Qt::UserRole + 3; // sections: QPoint(done, total)

    explicit TopicTree(QWidget *parent = nullptr);

    void setLibrary(const content::TopicLibrary &library);
    void setDone(const QSet<QString> &done);
    void setCurrentTopic(const QString &id);
    QTreeWidgetItem *itemFor(const QString &id) const;
    void setAccent(const QColor &accent);

signals:
    void topicActivated(const QString &id);

private:
    void updateSectionProgress();
    QColor m_accent;
};

} // namespace sds::gui
