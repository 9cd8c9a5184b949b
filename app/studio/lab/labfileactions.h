#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace sds::gui {

class LabDocument;

// The lab document's conversation with the user about files: New, Open,
// Save and Save As with their dialogs, the question about unsaved changes,
// the warnings when a file cannot be read or written, and the offer to
// recover a diagram after a crash. The document itself shows no dialogs.
class LabFileActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabFileActions)

public:
    // Dialogs open over @p window.
    LabFileActions(LabDocument &document, QWidget *window);

    QAction *newAction() const { return m_newAction; }
    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *saveAsAction() const { return m_saveAsAction; }

    // Each reports to the user itself and returns success.
    bool open(const QString &path);
    bool save(const QString &path);
    bool saveAs();
    // Asks about unsaved changes; false if the user cancelled.
    bool maybeSave();
    void offerRecovery();

signals:
    // A file was opened or saved: it belongs in the recent files.
    void fileUsed(const QString &path);
    void statusMessage(const QString &message, int timeoutMs);

private:
    LabDocument &m_document;
    QWidget *m_window;
    QAction *m_newAction;
    QAction *m_openAction;
    QAction *m_saveAction;
    QAction *m_saveAsAction;
};

} // namespace sds::gui
