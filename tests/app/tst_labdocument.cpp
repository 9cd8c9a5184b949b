#include "../core/simtestutil.h"
#include "app/studio/lab/labdocument.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace sds::gui;
using namespace simtest;

namespace {
const QString C = QStringLiteral("client");
const QString S = QStringLiteral("server");

DiagramData twoNodes()
{
    DiagramData d = diagram(
        {node(C, NodeKind::Client, client(100)), node(S, NodeKind::WebServer, station(2, 5))},
        {edge(C, S)}, 10, 0, 3);
    d.name = QStringLiteral("Two nodes");
    return d;
}
} // namespace

// The lab document without a window: revisions, open and save without
// dialogs, the modified state, autosave and recovery.
class TestLabDocument : public QObject
{
    Q_OBJECT

private slots:
    void everyChangeAndUndoBumpsTheRevision()
    {
        LabDocument doc;
        QSignalSpy replaced(&doc, &LabDocument::replaced);
        doc.loadTemplate(twoNodes());
        QCOMPARE(replaced.count(), 1);
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.displayName(), QStringLiteral("Two nodes"));
        const quint64 r0 = doc.revision();
        doc.undoStack()->push(new QUndoCommand); // an empty command changes nothing
        QCOMPARE(doc.revision(), r0);
        QVERIFY(doc.diagram().moveNode(S, 40, 40).isEmpty());
        QVERIFY(doc.revision() > r0);
        const quint64 r1 = doc.revision();
        doc.diagram().setInfo(QStringLiteral("Renamed"), {});
        QVERIFY(doc.revision() > r1);
        QCOMPARE(doc.displayName(), QStringLiteral("Renamed"));
    }

    void aFileThatDoesNotLoadLeavesTheDocumentAsItWas()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"sdstudio-diagram\", \"version\": 1, \"nodes\": [{]");
        f.close();
        LabDocument doc;
        doc.loadTemplate(twoNodes());
        const quint64 revision = doc.revision();
        QSignalSpy replaced(&doc, &LabDocument::replaced);
        const auto r = doc.open(bad);
        QVERIFY(!r.ok());
        QVERIFY(!r.errors.isEmpty());
        QCOMPARE(replaced.count(), 0);
        QCOMPARE(doc.revision(), revision);
        QCOMPARE(doc.data().nodes.size(), 2);
        QVERIFY(doc.path().isEmpty());
    }

    void saveThenOpenKeepsPathAndCleanState()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.json"));
        LabDocument doc;
        doc.loadTemplate(twoNodes());
        QVERIFY(doc.diagram().moveNode(S, 80, 10).isEmpty());
        doc.undoStack()->push(new QUndoCommand(QStringLiteral("edit")));
        QVERIFY(doc.isModified());
        const sds::Result<void> saved = doc.save(path);
        QVERIFY2(saved, qPrintable(saved.error()));
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.path(), path);
        QCOMPARE(doc.displayName(), QStringLiteral("d.json"));

        LabDocument other;
        QVERIFY(other.open(path).ok());
        QCOMPARE(other.path(), path);
        QCOMPARE(other.data().node(S)->x, 80.0);
        QVERIFY(!other.isModified());
    }

    void aFailedSaveKeepsTheModifiedStateAndThePath()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.json"));
        LabDocument doc;
        doc.loadTemplate(twoNodes());
        QVERIFY(doc.save(path));
        doc.undoStack()->push(new QUndoCommand(QStringLiteral("edit")));
        QSignalSpy title(&doc, &LabDocument::titleChanged);
        // Below a regular file no folder can be made, not even by root.
        const sds::Result<void> failed = doc.save(path + QStringLiteral("/inside.json"));
        QVERIFY(!failed);
        QVERIFY(!failed.error().isEmpty());
        QVERIFY(doc.isModified());
        QCOMPARE(doc.path(), path);
        QCOMPARE(title.count(), 0);
    }

    void autosaveRecoversAsAnUndoableEdit()
    {
        QTemporaryDir data;
        {
            LabDocument doc;
            doc.setAutosaveFolder(data.path());
            doc.loadTemplate(twoNodes());
            QVERIFY(!doc.hasRecovery());
            QVERIFY(doc.autosaveNow());
            QVERIFY(doc.hasRecovery());
        } // a crash: nothing removed the autosave
        LabDocument next;
        next.setAutosaveFolder(data.path());
        QVERIFY(next.hasRecovery());
        QSignalSpy replaced(&next, &LabDocument::replaced);
        QVERIFY(next.recover());
        QCOMPARE(replaced.count(), 1);
        QCOMPARE(next.data().nodes.size(), 2);
        QVERIFY(next.isModified());
        next.undoStack()->undo();
        QVERIFY(next.data().nodes.isEmpty()); // back to the file as it is on disk: none
        next.discardRecovery();
        QVERIFY(!next.hasRecovery());
    }
};

QTEST_MAIN(TestLabDocument)
#include "tst_labdocument.moc"
