#pragma once

#include <QSet>
#include <QTreeWidget>

namespace sds::content {
class TopicLibrary;
}

namespace sds::gui {

// The reader's table of contents: sections in reading order, each with a
// bar of how much of it is done, and its pages with a done mark. The current
// page is selected; activating a page emits topicActivated. The lab's
// challenges follow in a section of their own, in campaign order, with
// their level and a solved mark; activating one emits challengeActivated.
class TopicTree final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopicTree)

public:
    static constexpr int kIdRole = Qt::UserRole + 1;
    static constexpr int kDoneRole = Qt::UserRole + 2;      // topics: bool
    static constexpr int kProgressRole = Qt::UserRole + 3;  // sections: QPoint(done, total)
    static constexpr int kChallengeRole = Qt::UserRole + 4; // true on the challenges' rows

    struct ChallengeEntry {
        QString id;
        QString title;
        int level = 1;
    };

    explicit TopicTree(QWidget *parent = nullptr);

    void setLibrary(const content::TopicLibrary &library);
    void setDone(const QSet<QString> &done);
    // The Challenges section, replaced; none when @p challenges is empty.
    void setChallenges(const QList<ChallengeEntry> &challenges, const QSet<QString> &solved);
    QTreeWidgetItem *challengeItem(const QString &id) const;
    void setCurrentTopic(const QString &id);
    QTreeWidgetItem *itemFor(const QString &id) const;
    void setAccent(const QColor &accent);

signals:
    void topicActivated(const QString &id);
    void challengeActivated(const QString &id);

private:
    void activate(QTreeWidgetItem *item);
    QTreeWidgetItem *challengeSection() const;
    void updateSectionProgress();
    QColor m_accent;
};

} // namespace sds::gui
