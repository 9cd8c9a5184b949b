#pragma once

#include <QWidget>

class QAction;
class QToolButton;
class QVBoxLayout;

namespace sds::gui {

// The sidebar that switches between Learn, Lab and Review. Each button shows
// one of the main window's mode actions, so the sidebar, the Go menu and
// Ctrl+1/2/3 are the same command.
class ModeBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModeBar)

public:
    explicit ModeBar(QWidget *parent = nullptr);

    QToolButton *addModeAction(QAction *action);
    // Colours for the current theme; the checked mode gets the accent.
    void setColors(const QPalette &palette, const QColor &accent);

private:
    QVBoxLayout *m_layout;
};

} // namespace sds::gui
