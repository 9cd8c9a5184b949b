#include "app/studio/lab/labfileactions.h"

#include "app/studio/lab/labdocument.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>

namespace sds::gui {

namespace {
const char *const kFileFilter =
    QT_TRANSLATE_NOOP("LabFileActions", "Diagrams (*.json);;All files (*)");
} // namespace

LabFileActions::LabFileActions(LabDocument &document, QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_window(window)
    , m_newAction(new QAction(tr("&New Diagram"), this))
    , m_openAction(new QAction(tr("&Open Diagram…"), this))
    , m_saveAction(new QAction(tr("&Save Diagram"), this))
    , m_saveAsAction(new QAction(tr("Save Diagram &As…"), this))
{
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, [this] {
        if (maybeSave())
            m_document.newDiagram();
    });
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, [this] {
        if (!maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Open Diagram"), QFileInfo(m_document.path()).path(), tr(kFileFilter));
        if (!path.isEmpty())
            open(path);
    });
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this,
            [this] { m_document.path().isEmpty() ? saveAs() : save(m_document.path()); });
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &LabFileActions::saveAs);
}

bool LabFileActions::open(const QString &path)
{
    const diagram::LoadResult r = m_document.open(path);
    if (!r.ok()) {
        // The open document stays as it was.
        QMessageBox box(QMessageBox::Warning, tr("Cannot open diagram"),
                        tr("%1 could not be opened.").arg(QFileInfo(path).fileName()),
                        QMessageBox::Ok, m_window);
        box.setObjectName(QStringLiteral("openErrorBox"));
        box.setDetailedText(r.errors.join(u'\n'));
        box.setInformativeText(r.errors.first());
        box.exec();
        return false;
    }
    emit fileUsed(path);
    if (!r.warnings.isEmpty())
        emit statusMessage(tr("Opened with %n warning(s): %1", nullptr, int(r.warnings.size()))
                               .arg(r.warnings.first()),
                           8000);
    else
        emit statusMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

bool LabFileActions::save(const QString &path)
{
    if (const Result<void> saved = m_document.save(path); !saved) {
        QMessageBox::warning(m_window, tr("Diagram not saved"), saved.error());
        return false;
    }
    emit fileUsed(path);
    emit statusMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

bool LabFileActions::saveAs()
{
    const QString current = m_document.path();
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Save Diagram As"),
        current.isEmpty() ? m_document.displayName() + QStringLiteral(".json") : current,
        tr(kFileFilter));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    return save(path);
}

bool LabFileActions::maybeSave()
{
    if (!m_document.isModified())
        return true;
    const auto answer = QMessageBox::question(
        m_window, tr("Unsaved diagram"),
        tr("Save the changes to %1?").arg(m_document.displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return m_document.path().isEmpty() ? saveAs() : save(m_document.path());
    return true;
}

void LabFileActions::offerRecovery()
{
    if (!m_document.hasRecovery())
        return;
    const QFileInfo info(m_document.autosavePath());
    const auto answer = QMessageBox::question(
        m_window, tr("Recover diagram"),
        tr("The lab was not closed normally. A diagram was autosaved at %1. Recover it?")
            .arg(QLocale().toString(info.lastModified(), QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    if (answer == QMessageBox::Yes && m_document.recover())
        emit statusMessage(tr("Recovered the autosaved diagram; save it to keep it"), 8000);
    else
        m_document.discardRecovery();
}

} // namespace sds::gui
