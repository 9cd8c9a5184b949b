#pragma once

#include "app/studio/lab/simrunner.h"
#include "core/diagram/diagram.h"

#include <QMainWindow>

#include <atomic>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QSlider;
class QThread;
class QUndoStack;

namespace sds::gui {

class ChartsPanel;
class DiagramScene;
class DiagramView;
class FaultTimeline;
class PaletteWidget;
class PropertiesPanel;
class ReportPanel;
class TwinPanel;

// The Lab mode: palette, canvas, properties, problems and charts around one
// diagram document, and the controls that run simulated traffic through it.
// A main window of its own inside the app's window, so its docks and
// toolbar live with the canvas and are saved with the app's layout.
class LabPage final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabPage)

public:
    explicit LabPage(QWidget *parent = nullptr);
    ~LabPage() override;

    diagram::Diagram &document() { return m_doc; }
    QUndoStack *undoStack() const { return m_undo; }
    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    PaletteWidget *componentPalette() const { return m_palette; }
    PropertiesPanel *properties() const { return m_properties; }
    ChartsPanel *charts() const { return m_charts; }
    TwinPanel *twin() const { return m_twin; }
    ReportPanel *report() const { return m_report; }
    FaultTimeline *timeline() const { return m_timeline; }
    // The summary of the current run as `sdstudio-cli sim run --json` prints it.
    bool exportSummary(const QString &path, QString *error);
    SimRunner *runner() const { return m_runner; }
    QListWidget *problems() const { return m_problems; }

    // The file being edited (empty for a new diagram) and its state.
    QString filePath() const { return m_path; }
    bool isModified() const;
    QString displayName() const;

    // File operations; each reports to the user itself and returns success.
    bool openFile(const QString &path);
    bool saveFile(const QString &path);
    void newDiagram();
    void loadTemplate(const diagram::DiagramData &data);
    // The learner's own attempt at a design exercise: the run of @p reference
    // is pinned in the charts (the learner's last run of it, or a run made
    // now, in the background, at its stated load), the load slider goes back
    // to 100 %, and the canvas gets a new diagram with only its clients.
    void startAttempt(const diagram::DiagramData &reference);
    // The background run of a reference design, while it lasts (for tests).
    QThread *referenceRun() const { return m_referenceRun; }
    // Asks about unsaved changes; false if the user cancelled.
    bool maybeSave();

    // Autosave: every 30 s while modified, the diagram is written to
    // DIR/autosave/; a clean save or a normal close removes it, so one left
    // behind means the app did not end normally.
    void setAutosaveFolder(const QString &dir);
    QString autosavePath() const;
    bool autosaveNow();
    bool hasRecovery() const;
    // Loads the autosaved diagram as an unsaved edit (undoable); false if unreadable.
    bool recover();
    void discardRecovery();
    // Asks the user whether to recover a diagram left by a crash.
    void offerRecovery();

    // Writes the canvas as PNG (at twice the screen resolution) or SVG, by suffix.
    bool exportImage(const QString &path, QString *error);

    // Actions for the app's menus.
    QAction *newAction() const { return m_newAction; }
    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *saveAsAction() const { return m_saveAsAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *selectAllAction() const { return m_selectAllAction; }
    QList<QAction *> clipboardActions() const
    {
        return {m_cutAction, m_copyAction, m_pasteAction, m_duplicateAction};
    }
    void copySelection();
    void paste();
    QAction *runAction() const { return m_runAction; }
    QAction *stepAction() const { return m_stepAction; }
    QAction *resetAction() const { return m_resetAction; }
    QList<QAction *> viewActions() const;

    void run();
    void pause();
    void updatePrediction();

signals:
    void documentTitleChanged(const QString &title, bool modified);
    // A file was opened or saved: it belongs in the recent files.
    void fileUsed(const QString &path);
    void statusMessage(const QString &message, int timeoutMs);

private:
    void createActions();
    void createDocks();
    void createToolBar();
    void selectionChanged();
    void documentChanged();
    void updateProblems();
    void showFrame(const std::shared_ptr<const LabFrame> &frame);
    void runnerStateChanged(SimRunner::State state);
    void nodeMenu(const QString &id, const QPoint &screenPos);
    void setPath(const QString &path);
    QWidget *wrapCharts();
    void startReferenceRun(const diagram::DiagramData &reference);
    // Puts @p samples (of the nodes @p ids) on the charts and pins them; with
    // no samples, pins the run the charts hold.
    void pinReferenceRun(const QStringList &ids, const std::vector<sim::Sample> &samples);
    void stopReferenceRun();
    void exportDiagram();
    bool saveAs();

    diagram::Diagram m_doc;
    QUndoStack *m_undo;
    DiagramScene *m_scene;
    DiagramView *m_view;
    PaletteWidget *m_palette;
    PropertiesPanel *m_properties;
    ChartsPanel *m_charts;
    TwinPanel *m_twin;
    ReportPanel *m_report;
    std::shared_ptr<const LabFrame> m_lastFrame;
    double m_reportedAt = -1; // simulated time of the report shown
    QListWidget *m_problems;
    SimRunner *m_runner;
    QString m_path;
    QString m_autosaveDir;
    bool m_runnerStale = true; // the document changed since the runner loaded it

    QAction *m_newAction;
    QAction *m_openAction;
    QAction *m_saveAction;
    QAction *m_saveAsAction;
    QAction *m_exportAction;
    QAction *m_deleteAction;
    QAction *m_selectAllAction;
    QAction *m_cutAction;
    QAction *m_copyAction;
    QAction *m_pasteAction;
    QAction *m_duplicateAction;
    QAction *m_zoomInAction;
    QAction *m_zoomOutAction;
    QAction *m_fitAction;
    QAction *m_runAction;
    QAction *m_stepAction;
    QAction *m_resetAction;
    QAction *m_pinAction = nullptr;
    QString m_runName; // the diagram name of the run on the charts
    QThread *m_referenceRun = nullptr;
    std::shared_ptr<std::atomic<bool>> m_referenceCancel;
    QComboBox *m_speed = nullptr;
    QSlider *m_load = nullptr;
    QLabel *m_loadLabel = nullptr;
    QLabel *m_clock = nullptr;
    FaultTimeline *m_timeline = nullptr;
};

} // namespace sds::gui
