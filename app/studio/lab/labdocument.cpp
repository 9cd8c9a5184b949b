#include "app/studio/lab/labdocument.h"

#include "app/studio/lab/diagramcommands.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <QUndoStack>

namespace sds::gui {

namespace {
constexpr int kAutosaveMs = 30000;
// Where an autosaved diagram came from travels inside it, among the keys the
// format keeps without knowing them.
const auto kAutosaveOf = QStringLiteral("autosave_of");
} // namespace

LabDocument::LabDocument(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
{
    connect(&m_diagram, &diagram::Diagram::changed, this, [this] {
        ++m_revision;
        emit titleChanged(displayName(), isModified());
    });
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean)
            discardRecovery(); // the real file has it all now
        emit titleChanged(displayName(), isModified());
    });
}

LabDocument::~LabDocument()
{
    // The stack's clean-up must not count as a clean save.
    m_undo->disconnect(this);
    m_diagram.disconnect(this);
}

bool LabDocument::isModified() const
{
    return !m_undo->isClean();
}

QString LabDocument::displayName() const
{
    if (!m_path.isEmpty())
        return QFileInfo(m_path).fileName();
    return data().name.isEmpty() ? tr("Untitled diagram") : data().name;
}

void LabDocument::newDiagram()
{
    replace({}, {});
}

void LabDocument::loadTemplate(const diagram::DiagramData &data)
{
    replace(data, {});
}

diagram::LoadResult LabDocument::open(const QString &path)
{
    diagram::LoadResult r = diagram::loadDiagramFile(path);
    if (r.ok())
        replace(r.diagram, path);
    return r;
}

Result<void> LabDocument::save(const QString &path)
{
    if (QString error; !diagram::saveDiagramFile(data(), path, &error))
        return fail(error);
    m_undo->setClean();
    setPath(path);
    return {};
}

void LabDocument::replace(const diagram::DiagramData &data, const QString &path)
{
    m_diagram.reset(data);
    m_undo->clear();
    setPath(path);
    emit replaced();
}

void LabDocument::setPath(const QString &path)
{
    m_path = path;
    emit titleChanged(displayName(), isModified());
}

void LabDocument::setAutosaveFolder(const QString &dir)
{
    m_autosaveDir = dir + QStringLiteral("/autosave");
    if (m_autosave)
        return;
    m_autosave = new QTimer(this);
    m_autosave->setObjectName(QStringLiteral("autosaveTimer"));
    m_autosave->setInterval(kAutosaveMs);
    connect(m_autosave, &QTimer::timeout, this, [this] {
        if (isModified())
            autosaveNow();
    });
    m_autosave->start();
}

QString LabDocument::autosavePath() const
{
    return m_autosaveDir.isEmpty() ? QString() : m_autosaveDir + QStringLiteral("/lab.json");
}

bool LabDocument::autosaveNow()
{
    if (m_autosaveDir.isEmpty() || !QDir().mkpath(m_autosaveDir))
        return false;
    diagram::DiagramData copy = data();
    copy.extra.insert(kAutosaveOf, m_path);
    QString error;
    return diagram::saveDiagramFile(copy, autosavePath(), &error);
}

bool LabDocument::hasRecovery() const
{
    return !autosavePath().isEmpty() && QFileInfo::exists(autosavePath());
}

bool LabDocument::recover()
{
    diagram::LoadResult r = diagram::loadDiagramFile(autosavePath());
    if (!r.ok())
        return false;
    const QString original = r.diagram.extra.take(kAutosaveOf).toString();
    // An edit like any other: the title shows it unsaved, and undo returns
    // to the file as it is on disk.
    diagram::DiagramData before;
    if (!original.isEmpty()) {
        const diagram::LoadResult onDisk = diagram::loadDiagramFile(original);
        if (onDisk.ok())
            before = onDisk.diagram;
    }
    m_diagram.reset(before);
    m_undo->clear();
    setPath(original);
    m_undo->push(
        new ReplaceDiagramCommand(m_diagram, before, r.diagram, tr("Recover autosaved diagram")));
    emit replaced();
    return true;
}

void LabDocument::discardRecovery()
{
    if (!autosavePath().isEmpty())
        QFile::remove(autosavePath());
}

} // namespace sds::gui
