#pragma once

#include <QByteArray>
#include <QObject>

class QMainWindow;

namespace sds::gui {

// The lab page's dock layout. The one the learner left is restored when the
// page is first shown, since dock sizes only mean something once the page
// has its real size (restoring earlier kept where the docks were but not
// how big); without one, or when the docks have changed since it was saved,
// the default docks are proportioned to the page then, so a small window
// keeps a usable canvas.
class LabLayout final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabLayout)

public:
    // Bump when the lab's docks or toolbars change in a way their names do not show.
    static constexpr int kVersion = 3;

    explicit LabLayout(QMainWindow &page);

    QByteArray save() const;
    void restore(const QByteArray &saved);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyDefaultSizes();

    QMainWindow &m_page;
    QByteArray m_pending; // to restore at the first show
    bool m_shown = false;
};

} // namespace sds::gui
