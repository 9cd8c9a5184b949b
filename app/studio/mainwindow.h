#pragma once

#include "app/studio/mode.h"
#include "core/diagram/diagramdata.h"

#include <QMainWindow>

#include <array>

class QAction;
class QActionGroup;
class QMenu;
class QSettings;
class QStackedWidget;
class QUndoGroup;

namespace sds::gui {

class LabPage;
class LearnPage;
class ReviewPage;
class ModeBar;
class Theme;
class Workspace;
struct StartupOptions;

// The one window: a sidebar of modes (Learn, Lab, Review), the current
// mode's page, menus and a status bar. It remembers its geometry, dock
// layout, mode and theme in the QSettings it is given, and shows the
// Workspace's start-up problems in its status bar once it is built.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(QSettings &settings, Workspace &workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    Mode currentMode() const;
    void setCurrentMode(Mode mode);
    QWidget *page(Mode mode) const;
    QAction *modeAction(Mode mode) const;
    Theme *theme() const { return m_theme; }
    Workspace &workspace() const { return m_workspace; }

    LabPage *lab() const { return m_lab; }
    LearnPage *learn() const { return m_learn; }
    ReviewPage *review() const { return m_review; }
    QAction *quickOpenAction() const { return m_quickOpenAction; }
    // Opens the lab template @p id (a file in the scenarios folder) in the lab.
    bool openScenario(const QString &id);
    // "Try your own" for a design exercise: an empty canvas against the load
    // of the reference design @p referenceId, whose run is pinned to compare.
    bool tryOwnDesign(const QString &referenceId);
    // Opens challenge @p id in the lab: its start design and its brief.
    bool openChallenge(const QString &id);
    // Most recent first; files that no longer exist are dropped when the menu opens.
    QStringList recentFiles() const;

    // What the command line asked for: the mode, a diagram or template, a
    // page, a search, a run. Returns what could not be done, a message each.
    QStringList apply(const StartupOptions &options);
    // After a crash, asks whether to recover the autosaved diagram.
    void offerRecovery();

    // Writes geometry, dock state, mode and theme; also done on close.
    void saveSettings();

signals:
    void currentModeChanged(sds::gui::Mode mode);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createPages();
    void createActions();
    void createMenus();
    void restoreSettings();
    void applyThemeColors();
    void saveScreenshotAs();
    void showAbout();
    void updateTitle(const QString &document, bool modified);
    void rememberFile(const QString &path);
    void fillRecentMenu(QMenu *menu);
    void fillChallengesMenu(QMenu *menu);
    void challengeSolved(const QString &id);
    void addLabNote(const QString &front, const QString &back, const diagram::DiagramData &design,
                    const QString &topic);
    void openLabNote(const QString &fileName); // a card's lab: link
    // Zoom in (0) or out (1) on the page in front: the reader's text or the canvas.
    void zoomFront(int which);

    QSettings &m_settings;
    Workspace &m_workspace;
    Theme *m_theme;
    ModeBar *m_modeBar;
    QStackedWidget *m_stack;
    QUndoGroup *m_undoGroup;
    QActionGroup *m_modeGroup;
    std::array<QAction *, kAllModes.size()> m_modeActions{};
    std::array<QWidget *, kAllModes.size()> m_pages{};
    QActionGroup *m_themeGroup = nullptr;
    LabPage *m_lab = nullptr;
    LearnPage *m_learn = nullptr;
    ReviewPage *m_review = nullptr;
    QAction *m_quickOpenAction = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
};

} // namespace sds::gui
