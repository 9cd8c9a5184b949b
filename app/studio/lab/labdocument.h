#pragma once

#include "core/diagram/diagram.h"
#include "core/diagram/diagramformat.h"
#include "core/result.h"

#include <QObject>
#include <QString>

class QTimer;
class QUndoStack;

namespace sds::gui {

// The lab's document, as Tiled's Document is the editor's: the diagram, its
// undo stack, the file it came from, whether it has unsaved changes, and
// the autosave that lets a crash lose at most 30 seconds of work. It shows
// no dialogs: open() and save() return what went wrong, and the page
// decides how to tell the user. revision() counts edits, so whoever derives
// something from the diagram (the run controller's compiled network) can
// tell whether it is still current without comparing diagrams.
class LabDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabDocument)

public:
    explicit LabDocument(QObject *parent = nullptr);
    ~LabDocument() override;

    diagram::Diagram &diagram() { return m_diagram; }
    const diagram::DiagramData &data() const { return m_diagram.data(); }
    QUndoStack *undoStack() const { return m_undo; }
    // Bumped by every change of the diagram, undo and redo included.
    quint64 revision() const { return m_revision; }

    // The file being edited (empty for a new diagram) and its state.
    QString path() const { return m_path; }
    bool isModified() const;
    QString displayName() const;

    // Each of these replaces the whole document and clears the undo stack.
    void newDiagram();
    void loadTemplate(const diagram::DiagramData &data);
    // On failure the document stays as it was; the result says why.
    diagram::LoadResult open(const QString &path);
    // Atomic: a failed save leaves the file on disk as it was.
    Result<void> save(const QString &path);

    // Autosave: every 30 s while modified, the diagram is written to
    // DIR/autosave/lab.json; a clean save or a normal close removes it, so
    // one left behind means the app did not end normally.
    void setAutosaveFolder(const QString &dir);
    QString autosavePath() const;
    bool autosaveNow();
    bool hasRecovery() const;
    // Loads the autosaved diagram as an unsaved edit (undoable); false if unreadable.
    bool recover();
    void discardRecovery();

signals:
    void titleChanged(const QString &name, bool modified);
    // The document was replaced (new, open, template, recovery): views fit
    // the new diagram and a run of the old one no longer applies.
    void replaced();

private:
    void replace(const diagram::DiagramData &data, const QString &path);
    void setPath(const QString &path);

    diagram::Diagram m_diagram;
    QUndoStack *m_undo;
    QString m_path;
    QString m_autosaveDir;
    QTimer *m_autosave = nullptr;
    quint64 m_revision = 0;
};

} // namespace sds::gui
