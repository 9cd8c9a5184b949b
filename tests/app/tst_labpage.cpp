// The lab driven as a user drives it: real widgets, offscreen.
#include "app/studio/lab/chartspanel.h"
#include "app/studio/lab/diagramscene.h"
#include "app/studio/lab/diagramview.h"
#include "app/studio/lab/edgeitem.h"
#include "app/studio/lab/faulttimeline.h"
#include "app/studio/lab/labpage.h"
#include "app/studio/lab/nodeitem.h"
#include "app/studio/lab/palettewidget.h"
#include "app/studio/lab/propertiespanel.h"
#include "app/studio/lab/reportpanel.h"
#include "app/studio/lab/twinpanel.h"
#include "core/diagram/diagramformat.h"
#include "core/study/estimate.h"
#include "labparts.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollArea>
#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace sds::gui;
using namespace sds::gui::test;
using sds::diagram::NodeKind;

namespace {

// Drops a palette kind on the view at @p viewPos, as a drag from the palette would.
void dropKind(DiagramView *view, const QString &kind, QPoint viewPos)
{
    QMimeData mime;
    mime.setData(QLatin1String(kKindMimeType), kind.toUtf8());
    QDragEnterEvent enter(viewPos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QDragMoveEvent move(viewPos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    QDropEvent drop(viewPos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
}

QPoint viewPointOf(DiagramView *view, NodeItem *item, QPointF local)
{
    return view->mapFromScene(item->mapToScene(local));
}

// How many pixel rows and columns of @p item's text area (right of its icon,
// when it has one at this zoom) on the view's screen carry ink: text differs
// from the node's fill.
QSize labelInk(DiagramView *view, NodeItem *item, const QImage &shot)
{
    const qreal left = view->zoom() >= NodeItem::kIconScale ? 50 : 6;
    const QRect area =
        QRect(viewPointOf(view, item, QPointF(left, 4)), viewPointOf(view, item, QPointF(160, 56)))
            .intersected(shot.rect());
    if (area.isEmpty())
        return {};
    const int fill = QColor(shot.pixel(area.right(), area.bottom())).lightness();
    QSet<int> rows;
    QSet<int> columns;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (std::abs(QColor(shot.pixel(x, y)).lightness() - fill) > 90) {
                rows.insert(y);
                columns.insert(x);
            }
        }
    }
    return {int(columns.size()), int(rows.size())};
}

} // namespace

class TestLabPage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LabPage> shown()
    {
        auto lab = std::make_unique<LabPage>();
        lab->resize(1400, 900);
        lab->show();
        if (!QTest::qWaitForWindowExposed(lab.get()))
            qWarning("lab page not exposed");
        return lab;
    }

    // Two nodes: a client and a web server, placed by drops.
    static void buildTwoNodes(LabPage &lab)
    {
        DiagramView *view = viewOf(lab);
        dropKind(view, QStringLiteral("client"), QPoint(200, 200));
        dropKind(view, QStringLiteral("web_server"), QPoint(600, 200));
    }

private slots:
    void paletteListsTheCatalogueAndFilters()
    {
        auto lab = shown();
        PaletteWidget *palette = paletteOf(*lab);
        QCOMPARE(palette->visibleKinds().size(), qsizetype(sds::diagram::catalogue().size()));
        palette->setFilter(QStringLiteral("cache"));
        QVERIFY(palette->visibleKinds().contains(QStringLiteral("cache")));
        QVERIFY(
            palette->visibleKinds().contains(QStringLiteral("cdn"))); // "edge cache" in its help
        QVERIFY(!palette->visibleKinds().contains(QStringLiteral("client")));
        palette->setFilter(QString());
        QCOMPARE(palette->visibleKinds().size(), qsizetype(sds::diagram::catalogue().size()));
    }

    void dropCreatesTheNodeWhereItFalls()
    {
        auto lab = shown();
        const QPoint at(420, 300);
        dropKind(viewOf(*lab), QStringLiteral("cache"), at);
        const auto &nodes = lab->document().data().nodes;
        QCOMPARE(nodes.size(), 1);
        QCOMPARE(nodes[0].kind, NodeKind::Cache);
        NodeItem *item = sceneOf(*lab)->nodeItem(nodes[0].id);
        QVERIFY(item);
        // Centred on the drop point, give or take the grid.
        const QPointF centre = item->mapToScene(QRectF(QPointF(0, 0), NodeItem::kSize).center());
        const QPointF dropped = viewOf(*lab)->mapToScene(at);
        QVERIFY2(QLineF(centre, dropped).length() <= NodeItem::kGrid,
                 qPrintable(QStringLiteral("%1,%2 vs %3,%4")
                                .arg(centre.x())
                                .arg(centre.y())
                                .arg(dropped.x())
                                .arg(dropped.y())));
        QVERIFY(lab->isModified());
    }

    void newNodesGetReadableLabelsAndTheHintGoes()
    {
        auto lab = shown();
        QSignalSpy empty(sceneOf(*lab), &DiagramScene::emptyChanged);
        dropKind(viewOf(*lab), QStringLiteral("web_server"), QPoint(300, 300));
        QCOMPARE(empty.count(), 1); // the hint on the empty canvas is repainted away
        QCOMPARE(empty.at(0).at(0).toBool(), false);
        dropKind(viewOf(*lab), QStringLiteral("web_server"), QPoint(600, 300));
        QCOMPARE(empty.count(), 1);
        const auto &nodes = lab->document().data().nodes;
        QCOMPARE(nodes.size(), 2);
        QCOMPARE(nodes[0].id, QStringLiteral("web_server"));
        QCOMPARE(nodes[0].displayName(), QStringLiteral("Web server"));
        QCOMPARE(nodes[1].id, QStringLiteral("web_server-2"));
        QCOMPARE(nodes[1].displayName(), QStringLiteral("Web server 2"));
        lab->undoStack()->undo();
        lab->undoStack()->undo();
        QCOMPARE(empty.count(), 2); // empty again: the hint comes back
        QCOMPARE(empty.at(1).at(0).toBool(), true);
    }

    // Every template, exercise design and the estimator's design opens
    // fitted, with labels that read, in a small lab and a roomy one.
    void labelsReadAtTheZoomEveryDesignOpensWith_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QSize>("size");
        const QDir dir(QStringLiteral(":/content/scenarios"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")});
        QVERIFY(files.size() > 10);
        for (const QSize size : {QSize(640, 660), QSize(1400, 900)}) {
            for (const QString &f : files)
                QTest::addRow("%s %dx%d", qPrintable(f), size.width(), size.height())
                    << dir.filePath(f) << size;
            QTest::addRow("estimator %dx%d", size.width(), size.height()) << QString() << size;
        }
    }

    void labelsReadAtTheZoomEveryDesignOpensWith()
    {
        QFETCH(QString, file);
        QFETCH(QSize, size);
        sds::diagram::DiagramData design;
        if (file.isEmpty()) {
            const sds::study::EstimateInput in;
            design = sds::study::scenarioFor(in, sds::study::estimate(in));
        } else {
            const auto loaded = sds::diagram::loadDiagramFile(file);
            QVERIFY(loaded.ok());
            design = loaded.diagram;
        }
        LabPage lab;
        lab.resize(size);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        lab.loadTemplate(design);
        QCoreApplication::processEvents();
        DiagramView *view = viewOf(lab);
        if (const QString dir = qEnvironmentVariable("SDS_SHOT_DIR"); !dir.isEmpty())
            lab.grab().save(QDir(dir).filePath(
                QStringLiteral("%1-%2.png").arg(QFileInfo(file).baseName()).arg(size.width())));
        QVERIFY2(view->zoom() >= NodeItem::kMinLabelScale,
                 qPrintable(QStringLiteral("zoom %1 in a %2x%3 canvas")
                                .arg(view->zoom())
                                .arg(view->viewport()->width())
                                .arg(view->viewport()->height())));
        const QImage shot = view->viewport()->grab().toImage();
        for (const sds::diagram::Node &n : design.nodes) {
            NodeItem *item = sceneOf(lab)->nodeItem(n.id);
            // Fitted: the whole node is on the canvas.
            const QRect onScreen = view->mapFromScene(item->sceneBoundingRect()).boundingRect();
            QVERIFY2(
                view->viewport()->rect().contains(onScreen),
                qPrintable(QStringLiteral("%1 is cut off at zoom %2").arg(n.id).arg(view->zoom())));
            // Readable: a word of text at least 5 px tall (the x-height of "users").
            const QSize ink = labelInk(view, item, shot);
            QVERIFY2(ink.height() >= 5 && ink.width() >= 15,
                     qPrintable(QStringLiteral("%1: ink %2x%3 at zoom %4")
                                    .arg(n.id)
                                    .arg(ink.width())
                                    .arg(ink.height())
                                    .arg(view->zoom())));
        }
    }

    void enterOnAPaletteItemAddsAtTheCentre()
    {
        auto lab = shown();
        QTreeWidget *tree = paletteOf(*lab)->tree();
        QTreeWidgetItem *web =
            tree->findItems(QStringLiteral("Web server"), Qt::MatchRecursive).value(0);
        QVERIFY(web);
        tree->setFocus();
        tree->setCurrentItem(web);
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(lab->document().data().nodes.size(), 1);
        QCOMPARE(lab->document().data().nodes[0].kind, NodeKind::WebServer);
    }

    void dragFromTheHandleConnectsAndUndoRedoRestore()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        QCOMPARE(d.nodes.size(), 2);
        NodeItem *client = sceneOf(*lab)->nodeItem(d.nodes[0].id);
        NodeItem *web = sceneOf(*lab)->nodeItem(d.nodes[1].id);
        DiagramView *view = viewOf(*lab);

        const QPoint from = viewPointOf(view, client, client->handleRect().center());
        const QPoint to = viewPointOf(view, web, QRectF(QPointF(0, 0), NodeItem::kSize).center());
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(view->viewport(), (from + to) / 2);
        QTest::mouseMove(view->viewport(), to);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
        QCOMPARE(d.edges.size(), 1);
        QCOMPARE(d.edges[0].from, d.nodes[0].id);
        QCOMPARE(d.edges[0].to, d.nodes[1].id);
        QVERIFY(sceneOf(*lab)->edgeItem(d.edges[0].id));

        const QByteArray built = sds::diagram::serializeDiagram(d);
        QUndoStack *undo = lab->undoStack();
        QCOMPARE(undo->count(), 3);
        undo->undo(); // the edge
        QVERIFY(d.edges.isEmpty());
        QVERIFY(!sceneOf(*lab)->edgeItem(QStringLiteral("e1")));
        undo->undo(); // the web server
        undo->undo(); // the client
        QVERIFY(d.nodes.isEmpty());
        QVERIFY(!lab->isModified());
        undo->redo();
        undo->redo();
        undo->redo();
        QCOMPARE(sds::diagram::serializeDiagram(d), built);
        QVERIFY(sceneOf(*lab)->edgeItem(d.edges[0].id));
    }

    void invalidConnectionsAreRefusedWithAReason()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        const QString reason =
            sceneOf(*lab)->connectNodes(d.nodes[1].id, d.nodes[0].id); // into the client
        QVERIFY(reason.contains(QStringLiteral("only sends")));
        QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, d.nodes[1].id).isEmpty());
        QVERIFY(sceneOf(*lab)
                    ->connectNodes(d.nodes[0].id, d.nodes[1].id)
                    .contains(QStringLiteral("already")));
        QCOMPARE(d.edges.size(), 1);
    }

    void deletingANodeTakesItsEdgesAndUndoPutsThemBack()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, d.nodes[1].id).isEmpty());
        const QByteArray before = sds::diagram::serializeDiagram(d);
        sceneOf(*lab)->selectNode(d.nodes[1].id);
        lab->deleteAction()->trigger();
        QCOMPARE(d.nodes.size(), 1);
        QVERIFY(d.edges.isEmpty());
        lab->undoStack()->undo();
        QCOMPARE(sds::diagram::serializeDiagram(d), before);
    }

    void editingAPropertyChangesTheDocumentUndoably()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const QString web = lab->document().data().nodes[1].id;
        sceneOf(*lab)->selectNode(web);
        auto *servers =
            qobject_cast<QSpinBox *>(propertiesOf(*lab)->editor(QStringLiteral("servers")));
        QVERIFY(servers);
        QCOMPARE(servers->value(), 8);
        servers->setValue(24);
        QCOMPARE(lab->document().data().node(web)->integer(u"servers"), 24);
        auto *dist =
            qobject_cast<QComboBox *>(propertiesOf(*lab)->editor(QStringLiteral("service_dist")));
        QVERIFY(dist);
        dist->setCurrentIndex(dist->findData(QStringLiteral("lognormal")));
        emit dist->activated(dist->currentIndex());
        QCOMPARE(lab->document().data().node(web)->text(u"service_dist"),
                 QStringLiteral("lognormal"));
        lab->undoStack()->undo();
        lab->undoStack()->undo();
        QCOMPARE(lab->document().data().node(web)->integer(u"servers"), 8);
        QCOMPARE(servers->value(), 8); // the panel follows the document
    }

    void saveThenOpenGivesAnEqualDocument()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("design.json"));
        QByteArray saved;
        {
            auto lab = shown();
            buildTwoNodes(*lab);
            const auto &d = lab->document().data();
            QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, d.nodes[1].id).isEmpty());
            QVERIFY(lab->saveFile(path));
            QVERIFY(!lab->isModified());
            QCOMPARE(lab->displayName(), QStringLiteral("design.json"));
            saved = sds::diagram::serializeDiagram(d);
        }
        auto again = shown();
        QVERIFY(again->openFile(path));
        QCOMPARE(sds::diagram::serializeDiagram(again->document().data()), saved);
        QCOMPARE(again->filePath(), path);
    }

    void aMalformedFileIsReportedAndChangesNothing()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"sdstudio-diagram\", \"version\": 1, \"nodes\": [{\"id\": \"x\", "
                "\"kind\": \"mainframe\"}]}");
        f.close();
        auto lab = shown();
        buildTwoNodes(*lab);
        const QByteArray before = sds::diagram::serializeDiagram(lab->document().data());
        QString shownText;
        QTimer::singleShot(0, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            shownText = box->text() + u'\n' + box->informativeText();
            box->reject();
        });
        QVERIFY(!lab->openFile(bad));
        QVERIFY2(shownText.contains(QStringLiteral("unknown kind 'mainframe'")),
                 qPrintable(shownText));
        QCOMPARE(sds::diagram::serializeDiagram(lab->document().data()), before);
        QVERIFY(lab->filePath().isEmpty());
    }

    void autosaveRecoversAfterACrash()
    {
        QTemporaryDir data;
        QTemporaryDir files;
        const QString path = files.filePath(QStringLiteral("mine.json"));
        QByteArray edited;
        {
            auto lab = shown();
            lab->document().setAutosaveFolder(data.path());
            buildTwoNodes(*lab);
            QVERIFY(lab->saveFile(path));
            QVERIFY(!lab->document().hasRecovery());
            const auto &d = lab->document().data();
            QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, d.nodes[1].id).isEmpty());
            QVERIFY(lab->document().autosaveNow());
            QVERIFY(lab->document().hasRecovery());
            edited = sds::diagram::serializeDiagram(d);
            // The page goes away without a save or a normal close: a crash.
        }
        auto next = shown();
        next->document().setAutosaveFolder(data.path());
        QVERIFY(next->document().hasRecovery());
        QVERIFY(next->document().recover());
        QCOMPARE(sds::diagram::serializeDiagram(next->document().data()), edited);
        QCOMPARE(next->filePath(), path);
        QVERIFY(next->isModified()); // recovered, not yet saved
        next->undoStack()->undo();   // back to the file as saved
        QCOMPARE(next->document().data().edges.size(), 0);
        next->undoStack()->redo();
        QVERIFY(next->saveFile(path));
        QVERIFY(!next->document().hasRecovery()); // saved: nothing left to recover
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(!saved.readAll().contains("autosave_of"));
    }

    void exportsPngAndSvg()
    {
        QTemporaryDir dir;
        auto lab = shown();
        QString error;
        QVERIFY(!lab->exportImage(dir.filePath(QStringLiteral("empty.png")), &error));
        QVERIFY(error.contains(QStringLiteral("empty")));
        buildTwoNodes(*lab);
        const QString png = dir.filePath(QStringLiteral("d.png"));
        QVERIFY2(lab->exportImage(png, &error), qPrintable(error));
        const QImage image(png);
        QVERIFY(image.width() > 2 * NodeItem::kSize.width()); // both nodes, at twice the scale
        const QString svg = dir.filePath(QStringLiteral("d.svg"));
        QVERIFY2(lab->exportImage(svg, &error), qPrintable(error));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("Web server")); // the labels are text, not pixels
        QVERIFY(!lab->exportImage(QStringLiteral("/proc/nowhere/d.png"), &error));
    }

    void copyPasteAndDuplicateGiveFreshIds()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, d.nodes[1].id).isEmpty());
        lab->selectAllAction()->trigger();
        lab->copySelection();
        lab->paste();
        QCOMPARE(d.nodes.size(), 4);
        QCOMPARE(d.edges.size(), 2); // the edge between the copies came along, renamed
        QSet<QString> ids;
        for (const auto &n : d.nodes)
            ids.insert(n.id);
        QCOMPARE(ids.size(), 4);
        QCOMPARE(d.nodes[2].x, d.nodes[0].x + 40);
        QVERIFY(ids.contains(d.edges[1].from) && ids.contains(d.edges[1].to));
        QVERIFY(d.edges[1].from != d.edges[0].from);
        lab->undoStack()->undo();
        QCOMPARE(d.nodes.size(), 2);
        // Duplicate works on the selection without the clipboard.
        sceneOf(*lab)->selectNode(d.nodes[1].id);
        lab->clipboardActions().at(3)->trigger();
        QCOMPARE(d.nodes.size(), 3);
        QCOMPARE(d.nodes[2].kind, NodeKind::WebServer);
        // Text that is not a diagram is refused, nothing changes.
        QGuiApplication::clipboard()->setText(QStringLiteral("hello"));
        lab->paste();
        QCOMPARE(d.nodes.size(), 3);
    }

    void tabWalksTheNodes()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        viewOf(*lab)->setFocus();
        sceneOf(*lab)->selectNode(d.nodes[0].id);
        QTest::keyClick(viewOf(*lab), Qt::Key_Tab);
        QCOMPARE(sceneOf(*lab)->selectedNodeIds(), QStringList{d.nodes[1].id});
        QTest::keyClick(viewOf(*lab), Qt::Key_Tab);
        QCOMPARE(sceneOf(*lab)->selectedNodeIds(), QStringList{d.nodes[0].id});
        QTest::keyClick(viewOf(*lab), Qt::Key_Backtab, Qt::ShiftModifier);
        QCOMPARE(sceneOf(*lab)->selectedNodeIds(), QStringList{d.nodes[1].id});
    }

    void theTwinPredictsThenCompares()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, d.nodes[1].id).isEmpty());
        sds::diagram::RunSettings longRun;
        longRun.durationS = 100000;
        QVERIFY(lab->document().diagram().setRun(longRun).isEmpty());
        lab->findChild<QComboBox *>(QStringLiteral("speed"))->setCurrentIndex(6); // 60x
        lab->run();
        // 100 rps on 8 servers of 10 ms: 12.5 % busy, response 10 ms.
        QVERIFY2(
            twinOf(*lab)->summary().contains(QStringLiteral("predicted mean latency 10.00 ms")),
            qPrintable(twinOf(*lab)->summary()));
        QCOMPARE(twinOf(*lab)->table()->rowCount(), 1);
        QCOMPARE(twinOf(*lab)->table()->item(0, 1)->text(), QStringLiteral("12.5 %"));
        QTRY_VERIFY_WITH_TIMEOUT(twinOf(*lab)->summary().contains(QStringLiteral("CI")), 20000);
        QVERIFY(twinOf(*lab)->table()->item(0, 2)->text().endsWith(QStringLiteral("%")));
        // The load slider re-predicts: twice the rate, twice as busy.
        lab->findChild<QSlider *>(QStringLiteral("load"))->setValue(200);
        QCOMPARE(twinOf(*lab)->table()->item(0, 1)->text(), QStringLiteral("25.0 %"));
        lab->pause();

        auto cached = shown();
        cached->loadTemplate(
            sds::diagram::loadDiagramFile(
                QStringLiteral(SDS_TEST_DATA_DIR "/../../content/scenarios/cache-aside.json"))
                .diagram);
        cached->run();
        QVERIFY2(twinOf(*cached)->summary().contains(QStringLiteral("No formula applies")),
                 qPrintable(twinOf(*cached)->summary()));
        cached->pause();
    }

    void theReportSumsUpAndExportsJson()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, d.nodes[1].id).isEmpty());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("summary.json"));
        const sds::Result<void> early = lab->exportSummary(path); // nothing has run
        QVERIFY(!early);
        QVERIFY(early.error().contains(QStringLiteral("Run the diagram first")));
        sds::diagram::RunSettings run; // 60 s, 5 s warm-up
        QVERIFY(lab->document().diagram().setRun(run).isEmpty());
        lab->findChild<QComboBox *>(QStringLiteral("speed"))->setCurrentIndex(7); // Max
        lab->run();
        // The live run goes on past the run length; paused, the report sums it up.
        QTRY_VERIFY_WITH_TIMEOUT(
            runOf(*lab)->lastFrame() && runOf(*lab)->lastFrame()->simTime > run.durationS, 20000);
        lab->pause();
        QTRY_VERIFY(reportOf(*lab)->html().contains(QStringLiteral("measured after the warm-up")));
        QVERIFY(reportOf(*lab)->html().contains(d.nodes[1].id));
        const sds::Result<void> done = lab->exportSummary(path);
        QVERIFY2(done, qPrintable(done.error()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        // The same keys as sdstudio-cli sim run --json, and the run's figures.
        for (const char *key :
             {"completed", "throughput_rps", "latency_ms", "nodes", "latency_mean_ci95_ms"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QVERIFY(std::abs(o.value(QStringLiteral("throughput_rps")).toDouble() - 100) < 10);
        QVERIFY(!o.contains(QStringLiteral("wall_s")));
    }

    void problemsAreListedAndMarked()
    {
        auto lab = shown();
        dropKind(viewOf(*lab), QStringLiteral("web_server"), QPoint(300, 300));
        QListWidget *problems = problemsOf(*lab);
        bool noClient = false;
        for (int i = 0; i < problems->count(); ++i)
            noClient = noClient || problems->item(i)->text().contains(QStringLiteral("no client"));
        QVERIFY(noClient);
        // Marked on the canvas too: a client connected to nothing says so
        // when hovered, until it is connected.
        const QString web = lab->document().data().nodes.at(0).id;
        const auto marked = [&](const QString &id) {
            return sceneOf(*lab)->nodeItem(id)->toolTip().contains(u"⚠");
        };
        dropKind(viewOf(*lab), QStringLiteral("client"), QPoint(120, 300));
        const QString users = lab->document().data().nodes.at(1).id;
        QVERIFY(marked(users));
        QVERIFY(sceneOf(*lab)->nodeItem(users)->toolTip().contains(u"not connected"));
        QVERIFY(sceneOf(*lab)->connectNodes(users, web).isEmpty());
        QVERIFY(!marked(web));
        QVERIFY(!marked(users));
        QCOMPARE(problems->count(), 0);
    }

    // Properties gets the column: no value cut off, more than three rows in
    // view; an empty Problems list shrinks to its title with the count, and
    // grows back when there are problems.
    void propertiesGetTheRoomAndProblemsShrinkWhenEmpty_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("small") << QSize(640, 660);
        QTest::newRow("roomy") << QSize(1400, 900);
    }

    void propertiesGetTheRoomAndProblemsShrinkWhenEmpty()
    {
        QFETCH(QSize, size);
        LabPage lab;
        lab.resize(size);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        const auto loaded = sds::diagram::loadDiagramFile(
            QStringLiteral(":/content/scenarios/load-balanced-web-tier.json"));
        QVERIFY(loaded.ok());
        lab.loadTemplate(loaded.diagram);
        QCoreApplication::processEvents();
        auto *problemsDock = lab.findChild<QDockWidget *>(QStringLiteral("problemsDock"));
        auto *propertiesDock = lab.findChild<QDockWidget *>(QStringLiteral("propertiesDock"));
        QCOMPARE(problemsDock->windowTitle(), QStringLiteral("Problems (0)"));
        QCOMPARE(problemsDock->toggleViewAction()->text(), QStringLiteral("Problems"));
        QTRY_VERIFY2(problemsDock->height() < 2 * problemsDock->fontMetrics().height() + 12,
                     qPrintable(QString::number(problemsDock->height())));
        QVERIFY(problemsDock->width() >= propertiesDock->width() - 2); // the title is not squeezed

        // A database node: every editor in view is whole, and more than three are in view.
        const QString db = loaded.diagram.nodes.last().id;
        sceneOf(lab)->selectNode(db);
        QCoreApplication::processEvents();
        PropertiesPanel *props = propertiesOf(lab);
        QScrollArea *scroll = props->findChild<QScrollArea *>();
        QVERIFY(scroll);
        const QRect viewport = scroll->viewport()->rect();
        int whole = 0;
        for (QWidget *editor :
             scroll->widget()->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly)) {
            if (qobject_cast<QLabel *>(editor) || !editor->isVisible())
                continue;
            const QRect r(editor->mapTo(scroll->viewport(), QPoint()), editor->size());
            QVERIFY2(r.right() <= viewport.right() + 1,
                     qPrintable(QStringLiteral("%1 cut off: %2 > %3")
                                    .arg(editor->objectName())
                                    .arg(r.right())
                                    .arg(viewport.right())));
            whole += viewport.contains(r) ? 1 : 0;
        }
        QVERIFY2(whole > 3, qPrintable(QString::number(whole)));
        auto *label = qobject_cast<QLineEdit *>(props->editor(QStringLiteral("label")));
        QVERIFY(label);
        QVERIFY(label->fontMetrics().horizontalAdvance(label->text()) < label->width() - 8);

        // Problems: the list comes back with room for them, and the count.
        dropKind(viewOf(lab), QStringLiteral("web_server"), QPoint(100, 100)); // unconnected
        QCoreApplication::processEvents();
        QListWidget *problems = problemsOf(lab);
        QVERIFY(problems->count() > 0);
        QCOMPARE(problemsDock->windowTitle(),
                 QStringLiteral("Problems (%1)").arg(problems->count()));
        QVERIFY(problems->isVisible());
        const int shown = std::min(problems->count(), 3);
        // Whole rows in view (long messages are elided, tooltips have them).
        QTRY_VERIFY(problems->visualItemRect(problems->item(shown - 1)).bottom() <=
                    problems->viewport()->rect().bottom());
    }

    void runningFillsTheChartsAndFailuresShow()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, d.nodes[1].id).isEmpty());
        sds::diagram::RunSettings long_;
        long_.durationS = 100000; // runs until the test stops it
        QVERIFY(lab->document().diagram().setRun(long_).isEmpty());
        lab->findChild<QComboBox *>(QStringLiteral("speed"))->setCurrentIndex(5); // 10x
        lab->run();
        QTRY_VERIFY_WITH_TIMEOUT(chartsOf(*lab)->pointCount(0) >= 5, 20000);
        // A failed server: errors appear in the metrics, and stop once it is back.
        std::shared_ptr<const LabFrame> last;
        connect(runnerOf(*lab), &SimRunner::frameReady, this,
                [&last](const std::shared_ptr<const LabFrame> &f) { last = f; });
        runnerOf(*lab)->failNode(d.nodes[1].id);
        QTRY_VERIFY_WITH_TIMEOUT(last && last->metrics.nodeDown > 100, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sceneOf(*lab)->nodeItem(d.nodes[1].id)->isDown(), 5000);
        runnerOf(*lab)->restoreNode(d.nodes[1].id);
        QTRY_VERIFY_WITH_TIMEOUT(!sceneOf(*lab)->nodeItem(d.nodes[1].id)->isDown(), 5000);
        const auto failedAtRestore = last->metrics.nodeDown;
        const double timeAtRestore = last->simTime;
        QTRY_VERIFY_WITH_TIMEOUT(last->simTime > timeAtRestore + 5 || last->finished, 20000);
        QCOMPARE(last->metrics.nodeDown, failedAtRestore);
        lab->pause();
    }

    // New, Open or a template after a run: nothing of the old design's run
    // stays on screen, and the load is back to 100 %.
    void aNewDocumentStartsWithACleanRun()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, d.nodes[1].id).isEmpty());
        sds::diagram::RunSettings long_;
        long_.durationS = 100000;
        QVERIFY(lab->document().diagram().setRun(long_).isEmpty());
        QVERIFY(lab->findChild<QLabel *>(QStringLiteral("chartsStartHint"))->isVisible());
        auto *load = lab->findChild<QSlider *>(QStringLiteral("load"));
        load->setValue(250);
        QCOMPARE(runOf(*lab)->loadFactor(), 2.5);
        lab->findChild<QComboBox *>(QStringLiteral("speed"))->setCurrentIndex(5); // 10x
        lab->run();
        QTRY_VERIFY_WITH_TIMEOUT(chartsOf(*lab)->pointCount(0) >= 3, 20000);
        lab->findChild<QAction *>(QStringLiteral("pinAction"))->setChecked(true);
        QVERIFY(chartsOf(*lab)->hasPin());
        auto *clock = lab->findChild<QLabel *>(QStringLiteral("clock"));
        QTRY_VERIFY(clock->text().contains(QStringLiteral("rps")));

        auto *hint = lab->findChild<QLabel *>(QStringLiteral("chartsStartHint"));
        QVERIFY(!hint->isVisible()); // a run is on the charts
        const sds::diagram::DiagramData before = lab->document().data();
        lab->newDiagram();
        QVERIFY(hint->isVisible()); // empty axes say how to start
        QCOMPARE(runOf(*lab)->state(), SimRunner::State::Empty);
        QVERIFY(!runOf(*lab)->hasCurrentRun());
        QCOMPARE(runOf(*lab)->loadFactor(), 1.0);
        QCOMPARE(load->value(), 100);
        QCOMPARE(chartsOf(*lab)->pointCount(0), 0);
        QVERIFY(!chartsOf(*lab)->hasPin());
        QVERIFY(!lab->findChild<QAction *>(QStringLiteral("pinAction"))->isChecked());
        QVERIFY(!clock->text().contains(QStringLiteral("rps")));
        QVERIFY(!lab->runAction()->text().contains(QStringLiteral("Pause")));
        // No frame of the old run reaches the new design.
        QTest::qWait(300);
        QCOMPARE(chartsOf(*lab)->pointCount(0), 0);

        // The same for a template, which also runs from time zero at 100 %.
        lab->loadTemplate(before);
        QCOMPARE(load->value(), 100);
        lab->run();
        QVERIFY(runOf(*lab)->hasCurrentRun());
        QCOMPARE(runOf(*lab)->loadFactor(), 1.0);
        lab->pause();
    }

    // The clock shows the last interval and says when nothing succeeds; the
    // live run goes on past the design's run length until Pause, and Fail
    // stays offered and works all along.
    void theClockAndFailFollowAnOpenEndedRun()
    {
        auto lab = shown();
        buildTwoNodes(*lab);
        const auto &d = lab->document().data();
        const QString server = d.nodes[1].id;
        QVERIFY(sceneOf(*lab)->connectNodes(d.nodes[0].id, server).isEmpty());
        sds::diagram::RunSettings run;
        run.durationS = 30;
        run.warmupS = 0;
        QVERIFY(lab->document().diagram().setRun(run).isEmpty());
        lab->findChild<QComboBox *>(QStringLiteral("speed"))->setCurrentIndex(5); // 10x
        auto *clock = lab->findChild<QLabel *>(QStringLiteral("clock"));
        QCOMPARE(clock->text(), QStringLiteral("Press Run (F5) to send traffic"));
        lab->run();
        QTRY_VERIFY_WITH_TIMEOUT(clock->text().contains(QStringLiteral(" rps")), 20000);
        std::shared_ptr<const LabFrame> last;
        connect(runnerOf(*lab), &SimRunner::frameReady, this,
                [&last](const std::shared_ptr<const LabFrame> &f) { last = f; });
        lab->findChild<QComboBox *>(QStringLiteral("speed"))->setCurrentIndex(7); // Max
        QTRY_VERIFY_WITH_TIMEOUT(last && last->simTime > 3 * run.durationS, 20000);
        QCOMPARE(runOf(*lab)->state(), SimRunner::State::Running);
        QVERIFY(!last->finished);

        // Past the run length, Fail is offered and takes the only server down.
        const auto chooseFail = [&] {
            bool enabled = false;
            QTimer::singleShot(50, this, [&] {
                auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
                QVERIFY(menu);
                for (QAction *a : menu->actions()) {
                    if (a->text().startsWith(QStringLiteral("Fail"))) {
                        enabled = a->isEnabled();
                        a->trigger();
                    }
                }
                menu->close();
            });
            emit sceneOf(*lab)->nodeContextMenu(server, QPoint(200, 200));
            return enabled;
        };
        QVERIFY(chooseFail());
        QTRY_VERIFY_WITH_TIMEOUT(clock->text().contains(QStringLiteral("no successful requests")),
                                 20000);
        QVERIFY(!clock->text().contains(QStringLiteral("p99 0")));
        QVERIFY(last->metrics.nodeDown > 0);
        QCOMPARE(runOf(*lab)->state(), SimRunner::State::Running);
        lab->pause();
        QCOMPARE(runOf(*lab)->state(), SimRunner::State::Paused);
    }

    void bigReportWaitsForAPauseToListComponents()
    {
        using namespace sds::diagram;
        auto lab = shown();
        DiagramData d;
        d.run.durationS = 100000;
        Node users;
        users.id = QStringLiteral("users");
        users.kind = NodeKind::Client;
        d.nodes.append(users);
        Node lb;
        lb.id = QStringLiteral("lb");
        lb.kind = NodeKind::LoadBalancer;
        d.nodes.append(lb);
        const auto edge = [&d](const QString &id, const QString &from, const QString &to) {
            Edge e;
            e.id = id;
            e.from = from;
            e.to = to;
            e.latencyMs = 1;
            d.edges.append(e);
        };
        edge(QStringLiteral("in"), QStringLiteral("users"), QStringLiteral("lb"));
        const int servers = ReportPanel::kLiveComponentLimit + 5;
        for (int i = 0; i < servers; ++i) {
            Node web;
            web.id = QStringLiteral("web-%1").arg(i);
            web.kind = NodeKind::WebServer;
            web.x = 300;
            web.y = i * 80;
            d.nodes.append(web);
            edge(QStringLiteral("e%1").arg(i), QStringLiteral("lb"), web.id);
        }
        lab->loadTemplate(d);
        reportOf(*lab)->show();
        lab->run();
        QTRY_VERIFY_WITH_TIMEOUT(
            reportOf(*lab)->html().contains(QStringLiteral("listed when the run pauses")), 20000);
        QVERIFY(!reportOf(*lab)->html().contains(QStringLiteral("web-7")));
        lab->pause();
        QTRY_VERIFY_WITH_TIMEOUT(reportOf(*lab)->html().contains(QStringLiteral("web-7")), 10000);
        QVERIFY(reportOf(*lab)->html().contains(QStringLiteral("web-%1").arg(servers - 1)));
    }

    void faultsAppearOnTheTimeLine()
    {
        auto lab = shown();
        const auto loaded = sds::diagram::loadDiagramFile(
            QStringLiteral(":/content/scenarios/load-balanced-web-tier.json"));
        QVERIFY(loaded.ok());
        QVERIFY(!loaded.diagram.faults.isEmpty());
        lab->loadTemplate(loaded.diagram);
        FaultTimeline *line = timelineOf(*lab);
        QVERIFY(line->isVisible());
        const sds::diagram::Fault &f = loaded.diagram.faults.first();
        QCOMPARE(line->spans().size(), loaded.diagram.faults.size());
        QCOMPARE(line->spans().first().node, f.node);
        QCOMPARE(line->spans().first().fromS, f.atS);
        QCOMPARE(line->spans().first().toS, f.atS + f.durationS);
        QCOMPARE(line->duration(), loaded.diagram.run.durationS);

        // Clicking the bar selects the node on the canvas.
        QTest::mouseClick(line, Qt::LeftButton, {}, line->spanRect(0).center().toPoint());
        QCOMPARE(sceneOf(*lab)->selectedItems().size(), 1);
        QCOMPARE(sceneOf(*lab)->selectedItems().first(), sceneOf(*lab)->nodeItem(f.node));

        // The cursor follows the run; a failure by hand becomes an open span.
        lab->run();
        QTRY_VERIFY_WITH_TIMEOUT(line->time() > 1, 20000);
        const QString other =
            f.node == QStringLiteral("web-1") ? QStringLiteral("web-3") : QStringLiteral("web-1");
        QVERIFY(sceneOf(*lab)->nodeItem(other));
        bool chosen = false;
        QTimer::singleShot(50, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            for (QAction *a : menu->actions()) {
                if (a->text().startsWith(QStringLiteral("Fail"))) {
                    a->trigger();
                    chosen = true;
                }
            }
            menu->close();
        });
        emit sceneOf(*lab)->nodeContextMenu(other, QPoint(200, 200));
        QVERIFY(chosen);
        QCOMPARE(line->spans().size(), loaded.diagram.faults.size() + 1);
        QCOMPARE(line->spans().last().node, other);
        QVERIFY(!line->spans().last().planned);
        QVERIFY(line->spans().last().toS < 0);
        QTRY_VERIFY_WITH_TIMEOUT(sceneOf(*lab)->nodeItem(other)->isDown(), 10000);

        // Past the run length the strip scrolls with the cursor, and the
        // charts keep a sliding window rather than the whole run.
        lab->findChild<QComboBox *>(QStringLiteral("speed"))->setCurrentIndex(7); // Max
        const double length = loaded.diagram.run.durationS;
        QTRY_VERIFY_WITH_TIMEOUT(line->time() > 4 * length, 30000);
        lab->pause();
        QVERIFY(line->viewStart() > 2 * length);
        QVERIFY(line->time() >= line->viewStart());
        QVERIFY(line->time() <= line->viewStart() + line->viewSpan());
        QVERIFY(line->spanRect(0).isNull()); // the planned fault scrolled out
        const int points = chartsOf(*lab)->pointCount(0);
        QVERIFY2(points > 60 && points <= 241, qPrintable(QString::number(points)));
        // Reset keeps the plan and drops what was done by hand.
        lab->resetAction()->trigger();
        QCOMPARE(line->spans().size(), loaded.diagram.faults.size());
        QCOMPARE(line->time(), 0.0);
    }
};

QTEST_MAIN(TestLabPage)
#include "tst_labpage.moc"
