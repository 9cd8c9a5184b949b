#pragma once

#include "app/studio/lab/canvasactions.h"
#include "app/studio/lab/labdocument.h"
#include "app/studio/lab/labfileactions.h"
#include "app/studio/lab/lablayout.h"
#include "app/studio/lab/runtoolbar.h"
#include "core/challenge/challenge.h"
#include "core/diagram/diagramdata.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class QAction;
class QDockWidget;
class QUndoStack;

namespace sds::gui {

class ChallengePanel;
class ChartsArea;
class ChartsPanel;
class DiagramScene;
class DiagramView;
class FaultTimeline;
class LabExperiments;
class PaletteWidget;
class ProblemsList;
class PropertiesPanel;
class ReportPanel;
class RunController;
class TwinPanel;

// The Lab mode: the canvas with its palette, properties, problems, charts,
// twin and report docks, around one LabDocument, and the run controls of
// one RunController. The page wires them and talks to the user (dialogs,
// menus, status messages); what is edited and what runs live in those two.
// A main window of its own inside the app's window, so its docks and
// toolbar live with the canvas and are saved with the app's layout.
class LabPage final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabPage)

public:
    explicit LabPage(QWidget *parent = nullptr);
    ~LabPage() override;

    LabDocument &document() { return *m_document; }
    QUndoStack *undoStack() const { return m_document->undoStack(); }
    QString filePath() const { return m_document->path(); }
    bool isModified() const { return m_document->isModified(); }
    QString displayName() const { return m_document->displayName(); }

    // File operations; each reports to the user itself and returns success.
    bool openFile(const QString &path) { return m_files->open(path); }
    bool saveFile(const QString &path) { return m_files->save(path); }
    void newDiagram() { m_document->newDiagram(); }
    void loadTemplate(const diagram::DiagramData &data) { m_document->loadTemplate(data); }
    // The learner's own attempt at a design exercise: the run of @p reference
    // is pinned in the charts (the learner's last run of it, or a run made
    // now, in the background, at its stated load), the load goes back to
    // 100 %, and the canvas gets a new diagram with only its clients.
    void startAttempt(const diagram::DiagramData &reference);
    // A challenge: its start design as a new untitled diagram named after it
    // (the learner's files are never written), and its brief beside the canvas.
    void openChallenge(const challenge::Challenge &c, bool solved);
    ChallengePanel *challengePanel() const { return m_challenge; }
    // Loads the open challenge's reference design (asks about unsaved changes first).
    bool openChallengeReference();
    // A card from the graded challenge, or else from the last run (see labNote()).
    void makeFlashcard();
    // Asks about unsaved changes; false if the user cancelled.
    bool maybeSave() { return m_files->maybeSave(); }
    // Asks the user whether to recover a diagram left by a crash.
    void offerRecovery() { m_files->offerRecovery(); }
    // Writes the canvas as PNG (at twice the screen resolution) or SVG, by suffix.
    bool exportImage(const QString &path, QString *error);
    // The summary of the current run as `sdstudio-cli sim run --json` prints it.
    Result<void> exportSummary(const QString &path);
    void copySelection() { m_canvas->copySelection(); }
    void paste() { m_canvas->paste(); }
    void run();
    void pause();
    // Icons and accents for the current palette.
    void applyTheme(const QColor &accent);

    // Actions for the app's menus.
    QAction *newAction() const { return m_files->newAction(); }
    QAction *openAction() const { return m_files->openAction(); }
    QAction *saveAction() const { return m_files->saveAction(); }
    QAction *saveAsAction() const { return m_files->saveAsAction(); }
    QAction *exportAction() const { return m_exportAction; }
    QAction *deleteAction() const { return m_canvas->deleteAction(); }
    QAction *selectAllAction() const { return m_canvas->selectAllAction(); }
    QList<QAction *> clipboardActions() const { return m_canvas->clipboardActions(); }
    QAction *runAction() const { return m_toolBar->runAction(); }
    QAction *stepAction() const { return m_toolBar->stepAction(); }
    QAction *resetAction() const { return m_toolBar->resetAction(); }
    // Zoom in, zoom out (no keys of their own: the app's one pair calls them) and fit.
    QList<QAction *> viewActions() const { return m_canvas->viewActions(); }
    // Show or hide each dock, in the order they are made, so a closed one can come back.
    QList<QAction *> panelActions() const { return m_panelActions; }
    // The docks' layout for the settings, and back (see LabLayout).
    QByteArray saveLayout() const { return m_layout->save(); }
    void restoreLayout(const QByteArray &layout) { m_layout->restore(layout); }

signals:
    void documentTitleChanged(const QString &title, bool modified);
    // A file was opened or saved: it belongs in the recent files.
    void fileUsed(const QString &path);
    void statusMessage(const QString &message, int timeoutMs);
    // The challenge panel's requests, for whoever keeps progress and pages.
    void challengeSolved(const QString &id);
    void openTopicRequested(const QString &id);
    // A card for "My lab notes", and the design it was made from, to reopen.
    void flashcardRequested(const QString &front, const QString &back,
                            const sds::diagram::DiagramData &design, const QString &topic);

private:
    void createDocks();
    void connectRun();
    void selectionChanged();
    void documentChanged();
    void showCost(const sim::RunMetrics *run);
    void documentReplaced();
    void runLoaded(const QStringList &chartIds);
    void showFrame(const std::shared_ptr<const LabFrame> &frame);
    void runnerStateChanged(SimRunner::State state);
    void nodeMenu(const QString &id, const QPoint &screenPos);
    void pinReferenceRun(const QStringList &ids, const std::vector<sim::Sample> &series);
    void exportDiagram();
    void connectChallenge();

    LabDocument *m_document;
    LabFileActions *m_files;
    RunController *m_run;
    DiagramScene *m_scene;
    DiagramView *m_view;
    PaletteWidget *m_palette;
    PropertiesPanel *m_properties;
    ChartsArea *m_chartsArea;
    ChartsPanel *m_charts;
    TwinPanel *m_twin;
    ReportPanel *m_report;
    ProblemsList *m_problems;
    RunToolBar *m_toolBar;
    FaultTimeline *m_timeline;
    CanvasActions *m_canvas;
    LabExperiments *m_experiments;
    QDockWidget *m_compareDock = nullptr;
    ChallengePanel *m_challenge;
    QDockWidget *m_challengeDock = nullptr;
    QAction *m_exportAction;
    QList<QAction *> m_panelActions;
    LabLayout *m_layout = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    double m_reportedAt = -1; // simulated time of the report shown
    bool m_keepPin = false;   // a new document that keeps the pinned run (an attempt)
};

} // namespace sds::gui
