#include "app/studio/lab/labpage.h"

#include "app/studio/lab/chartspanel.h"
#include "app/studio/lab/diagramscene.h"
#include "app/studio/lab/diagramview.h"
#include "app/studio/lab/faulttimeline.h"
#include "app/studio/lab/nodeitem.h"
#include "app/studio/lab/palettewidget.h"
#include "app/studio/lab/propertiespanel.h"
#include "app/studio/lab/reportpanel.h"
#include "app/studio/lab/twinpanel.h"
#include "core/content/exercise.h"
#include "core/diagram/diagramformat.h"
#include "core/diagram/validation.h"
#include "core/sim/analytic.h"
#include "core/sim/network.h"
#include "core/sim/report.h"
#include "core/sim/simulation.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QSlider>
#include <QStyle>
#include <QThread>
#include <QToolBar>
#include <QUndoStack>

#include <cmath>

namespace sds::gui {

namespace {

const char *const kFileFilter = QT_TRANSLATE_NOOP("LabPage", "Diagrams (*.json);;All files (*)");

struct Speed {
    const char *label;
    double value; // simulated seconds per second; 0 = as fast as possible
};
constexpr Speed kSpeeds[] = {{"0.25×", 0.25}, {"0.5×", 0.5}, {"1×", 1},   {"2×", 2},
                             {"5×", 5},       {"10×", 10},   {"60×", 60}, {"Max", 0}};

QString ms(double seconds)
{
    return QString::number(seconds * 1000, 'f', seconds < 0.1 ? 1 : 0);
}

} // namespace

LabPage::LabPage(QWidget *parent)
    : QMainWindow(parent)
    , m_undo(new QUndoStack(this))
    , m_scene(new DiagramScene(m_doc, *m_undo, this))
    , m_view(new DiagramView(m_scene, this))
    , m_palette(new PaletteWidget)
    , m_properties(new PropertiesPanel(m_doc, *m_undo))
    , m_charts(new ChartsPanel)
    , m_twin(new TwinPanel)
    , m_report(new ReportPanel)
    , m_problems(new QListWidget)
    , m_runner(new SimRunner(this))
{
    setObjectName(QStringLiteral("labPage"));
    setWindowFlags(Qt::Widget); // a page inside the app's window, not a window
    setDockNestingEnabled(true);
    setCentralWidget(m_view);

    createActions();
    createToolBar();
    createDocks();

    connect(m_scene, &QGraphicsScene::selectionChanged, this, &LabPage::selectionChanged);
    connect(m_scene, &DiagramScene::statusMessage, this,
            [this](const QString &m) { emit statusMessage(m, 5000); });
    connect(m_scene, &DiagramScene::nodeContextMenu, this, &LabPage::nodeMenu);
    connect(m_palette, &PaletteWidget::kindActivated, this, [this](diagram::NodeKind kind) {
        m_scene->addNodeAt(kind, m_view->mapToScene(m_view->viewport()->rect().center()));
        m_view->setFocus();
    });
    connect(&m_doc, &diagram::Diagram::changed, this, &LabPage::documentChanged);
    connect(m_undo, &QUndoStack::cleanChanged, this,
            [this] { emit documentTitleChanged(displayName(), isModified()); });
    connect(m_runner, &SimRunner::frameReady, this, &LabPage::showFrame);
    connect(m_runner, &SimRunner::stateChanged, this, &LabPage::runnerStateChanged);
    connect(m_report, &ReportPanel::exportRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Summary"), QStringLiteral("summary.json"), tr("JSON (*.json)"));
        QString error;
        if (!path.isEmpty() && !exportSummary(path, &error))
            QMessageBox::warning(this, tr("Summary not exported"), error);
    });
    connect(m_problems, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (NodeItem *n = m_scene->nodeItem(id)) {
            m_scene->selectNode(id);
            m_view->centerOn(n);
        }
    });
    updateProblems();
    runnerStateChanged(SimRunner::State::Empty);
}

LabPage::~LabPage()
{
    stopReferenceRun();
    // Children outlive the members, but the scene and the panels refer to the
    // document: take them down while it still exists.
    m_scene->disconnect(this);
    m_undo->disconnect(this); // its clean-up must not count as a clean save
    delete m_view;
    delete m_scene;
    delete m_properties;
}

void LabPage::createActions()
{
    m_newAction = new QAction(tr("&New Diagram"), this);
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, [this] {
        if (maybeSave())
            newDiagram();
    });
    m_openAction = new QAction(tr("&Open Diagram…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, [this] {
        if (!maybeSave())
            return;
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Diagram"), QFileInfo(m_path).path(), tr(kFileFilter));
        if (!path.isEmpty())
            openFile(path);
    });
    m_saveAction = new QAction(tr("&Save Diagram"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this,
            [this] { m_path.isEmpty() ? saveAs() : saveFile(m_path); });
    m_saveAsAction = new QAction(tr("Save Diagram &As…"), this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &LabPage::saveAs);

    m_exportAction = new QAction(tr("&Export Diagram…"), this);
    m_exportAction->setToolTip(tr("Save the canvas as a PNG or SVG picture"));
    connect(m_exportAction, &QAction::triggered, this, &LabPage::exportDiagram);

    m_deleteAction = new QAction(tr("&Delete"), this);
    m_deleteAction->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, m_scene, &DiagramScene::deleteSelection);
    m_view->addAction(m_deleteAction);
    const auto canvasAction = [this](const QString &text, QKeySequence key, auto &&slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_view->addAction(a);
        return a;
    };
    m_cutAction = canvasAction(tr("Cu&t"), QKeySequence::Cut, [this] {
        copySelection();
        m_scene->deleteSelection();
    });
    m_copyAction = canvasAction(tr("&Copy"), QKeySequence::Copy, [this] { copySelection(); });
    m_pasteAction = canvasAction(tr("&Paste"), QKeySequence::Paste, [this] { paste(); });
    m_duplicateAction = canvasAction(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), [this] {
        m_scene->pasteDiagram(m_scene->selectionAsDiagram(), QPointF(40, 40));
    });

    m_selectAllAction = new QAction(tr("Select &All"), this);
    m_selectAllAction->setShortcut(QKeySequence::SelectAll);
    m_selectAllAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_selectAllAction, &QAction::triggered, this, [this] {
        for (QGraphicsItem *item : m_scene->items())
            if (item->flags() & QGraphicsItem::ItemIsSelectable)
                item->setSelected(true);
    });
    m_view->addAction(m_selectAllAction);

    m_zoomInAction = new QAction(tr("Zoom &In"), this);
    m_zoomInAction->setShortcut(QKeySequence::ZoomIn);
    connect(m_zoomInAction, &QAction::triggered, this, [this] { m_view->zoomBy(1.25); });
    m_zoomOutAction = new QAction(tr("Zoom &Out"), this);
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAction, &QAction::triggered, this, [this] { m_view->zoomBy(0.8); });
    m_fitAction = new QAction(tr("&Fit Diagram"), this);
    m_fitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_fitAction, &QAction::triggered, m_view, &DiagramView::fitAll);
    for (QAction *a : {m_zoomInAction, m_zoomOutAction, m_fitAction}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }

    m_runAction = new QAction(tr("&Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_runAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_runAction, &QAction::triggered, this,
            [this] { m_runner->state() == SimRunner::State::Running ? pause() : run(); });
    m_stepAction = new QAction(tr("S&tep"), this);
    m_stepAction->setShortcut(QKeySequence(Qt::Key_F6));
    m_stepAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_stepAction->setToolTip(tr("Advance one sample interval of simulated time (F6)"));
    connect(m_stepAction, &QAction::triggered, this, [this] {
        if (m_runnerStale)
            run(), pause();
        m_runner->step();
    });
    m_resetAction = new QAction(tr("R&eset"), this);
    m_resetAction->setToolTip(tr("Back to time zero, same seed"));
    connect(m_resetAction, &QAction::triggered, this, [this] {
        m_runner->reset();
        m_scene->clearLive();
        m_charts->clear();
        m_timeline->reset();
    });
    for (QAction *a : {m_runAction, m_stepAction})
        addAction(a);
}

QList<QAction *> LabPage::viewActions() const
{
    return {m_zoomInAction, m_zoomOutAction, m_fitAction};
}

void LabPage::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("labRunToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_runAction);
    bar->addAction(m_stepAction);
    bar->addAction(m_resetAction);
    bar->addSeparator();

    bar->addWidget(new QLabel(tr(" Speed ")));
    m_speed = new QComboBox;
    m_speed->setObjectName(QStringLiteral("speed"));
    for (const Speed &s : kSpeeds)
        m_speed->addItem(QString::fromUtf8(s.label), s.value);
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(
        tr("Simulated seconds per real second; Max runs as fast as the machine can"));
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_runner->setSpeed(m_speed->itemData(i).toDouble()); });
    bar->addWidget(m_speed);
    bar->addSeparator();

    bar->addWidget(new QLabel(tr(" Load ")));
    m_load = new QSlider(Qt::Horizontal);
    m_load->setObjectName(QStringLiteral("load"));
    m_load->setRange(10, 500);
    m_load->setValue(100);
    m_load->setFixedWidth(160);
    m_load->setToolTip(tr("Every client's request rate, as a share of what the diagram says"));
    m_loadLabel = new QLabel(QStringLiteral("100 %"));
    m_loadLabel->setMinimumWidth(48);
    connect(m_load, &QSlider::valueChanged, this, [this](int v) {
        m_loadLabel->setText(QStringLiteral("%1 %").arg(v));
        m_runner->setRateScale(v / 100.0);
        if (!m_runnerStale)
            updatePrediction();
    });
    bar->addWidget(m_load);
    bar->addWidget(m_loadLabel);
    bar->addSeparator();
    m_clock = new QLabel;
    m_clock->setObjectName(QStringLiteral("clock"));
    bar->addWidget(m_clock);

    // The run as a time line, under the controls, with the faults on it.
    addToolBarBreak();
    QToolBar *line = addToolBar(tr("Time Line"));
    line->setObjectName(QStringLiteral("labTimeLineToolBar"));
    line->setMovable(false);
    m_timeline = new FaultTimeline(line);
    line->addWidget(m_timeline);
    connect(m_timeline, &FaultTimeline::nodeClicked, m_scene, &DiagramScene::selectNode);
}

void LabPage::createDocks()
{
    const auto dock = [this](const QString &title, const QString &name, QWidget *w,
                             Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                       QDockWidget::DockWidgetClosable);
        addDockWidget(area, d);
        return d;
    };
    dock(tr("Components"), QStringLiteral("paletteDock"), m_palette, Qt::LeftDockWidgetArea)
        ->setMinimumWidth(210);
    QDockWidget *props = dock(tr("Properties"), QStringLiteral("propertiesDock"), m_properties,
                              Qt::RightDockWidgetArea);
    props->setMinimumWidth(280);
    QDockWidget *problems =
        dock(tr("Problems"), QStringLiteral("problemsDock"), m_problems, Qt::RightDockWidgetArea);
    splitDockWidget(props, problems, Qt::Vertical);
    resizeDocks({props, problems}, {500, 140}, Qt::Vertical);
    QDockWidget *charts =
        dock(tr("Charts"), QStringLiteral("chartsDock"), wrapCharts(), Qt::BottomDockWidgetArea);
    QDockWidget *twin =
        dock(tr("Analytic twin"), QStringLiteral("twinDock"), m_twin, Qt::BottomDockWidgetArea);
    tabifyDockWidget(charts, twin);
    QDockWidget *report =
        dock(tr("Report"), QStringLiteral("reportDock"), m_report, Qt::BottomDockWidgetArea);
    tabifyDockWidget(twin, report);
    charts->raise();
    m_charts->setMinimumHeight(230);
}

void LabPage::copySelection()
{
    const diagram::DiagramData part = m_scene->selectionAsDiagram();
    if (part.nodes.isEmpty())
        return;
    // Diagram JSON, so a paste works in another window and a text editor
    // shows something readable.
    auto *mime = new QMimeData;
    const QByteArray json = diagram::serializeDiagram(part);
    mime->setData(QLatin1String(kDiagramMimeType), json);
    mime->setText(QString::fromUtf8(json));
    QGuiApplication::clipboard()->setMimeData(mime);
    emit statusMessage(tr("Copied %n node(s)", nullptr, int(part.nodes.size())), 3000);
}

void LabPage::paste()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime)
        return;
    const QByteArray json = mime->hasFormat(QLatin1String(kDiagramMimeType))
                                ? mime->data(QLatin1String(kDiagramMimeType))
                                : mime->text().toUtf8();
    const diagram::LoadResult r = diagram::parseDiagram(json);
    if (!r.ok() || r.diagram.nodes.isEmpty()) {
        emit statusMessage(tr("The clipboard holds no diagram to paste"), 4000);
        return;
    }
    m_scene->pasteDiagram(r.diagram, QPointF(40, 40));
}

bool LabPage::isModified() const
{
    return !m_undo->isClean();
}

QString LabPage::displayName() const
{
    if (!m_path.isEmpty())
        return QFileInfo(m_path).fileName();
    return m_doc.data().name.isEmpty() ? tr("Untitled diagram") : m_doc.data().name;
}

void LabPage::setPath(const QString &path)
{
    m_path = path;
    emit documentTitleChanged(displayName(), isModified());
}

void LabPage::newDiagram()
{
    m_doc.reset({});
    m_undo->clear();
    setPath({});
}

void LabPage::loadTemplate(const diagram::DiagramData &data)
{
    m_doc.reset(data);
    m_undo->clear();
    setPath({});
    m_view->fitAll();
}

void LabPage::startAttempt(const diagram::DiagramData &reference)
{
    // Frames of the run in progress must not land on the cleared charts.
    if (m_runner->state() != SimRunner::State::Empty)
        m_runner->reset();
    m_scene->clearLive();
    stopReferenceRun();
    if (m_runName == reference.name && m_charts->pointCount(0) > 0) {
        // The learner ran the reference: that run is the one to beat.
        pinReferenceRun({}, {});
    } else {
        m_charts->clearPin();
        m_charts->clear();
        if (m_pinAction) {
            const QSignalBlocker block(m_pinAction);
            m_pinAction->setChecked(false);
        }
        startReferenceRun(reference);
    }
    m_runName.clear();
    m_load->setValue(100);
    loadTemplate(content::attemptCanvas(reference));
}

// A large reference design takes seconds to simulate, so it runs on a thread
// of its own while the learner starts building; runUntil() in steps lets it
// stop early when the lab closes or another attempt starts.
void LabPage::startReferenceRun(const diagram::DiagramData &reference)
{
    sim::CompileResult compiled = sim::compileNetwork(reference);
    if (!compiled.ok()) {
        emit statusMessage(tr("The reference design cannot run: %1").arg(compiled.errors.value(0)),
                           8000);
        return;
    }
    QStringList ids;
    for (const diagram::Node &n : reference.nodes)
        ids << (n.kind == diagram::NodeKind::Client ? QString() : n.id);
    auto network = std::make_shared<sim::Network>(std::move(compiled.network));
    auto samples = std::make_shared<std::vector<sim::Sample>>();
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    QThread *worker = QThread::create([network, samples, cancel] {
        sim::Simulation sim(std::move(*network));
        while (!cancel->load() && sim.runUntil(sim.now() + 1.0)) {
        }
        *samples = sim.samples();
    });
    m_referenceRun = worker;
    m_referenceCancel = cancel;
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &QThread::finished, this, [this, worker, samples, cancel, ids] {
        if (m_referenceRun == worker) {
            m_referenceRun = nullptr;
            m_referenceCancel.reset();
        }
        if (cancel->load())
            return;
        if (m_charts->pointCount(0) > 0) {
            // The learner's own run has started; its lines must stay theirs.
            emit statusMessage(tr("Your run began before the reference run was ready, so "
                                  "nothing was pinned: try your own again to compare"),
                               10000);
            return;
        }
        pinReferenceRun(ids, *samples);
    });
    emit statusMessage(tr("Running the reference design to pin it in the charts; build your "
                          "design after the client meanwhile"),
                       10000);
    worker->start(QThread::LowPriority);
}

void LabPage::pinReferenceRun(const QStringList &ids, const std::vector<sim::Sample> &samples)
{
    if (!samples.empty()) {
        m_charts->setNodes(ids);
        m_charts->addSamples(samples);
    }
    m_charts->pin();
    m_charts->clear();
    if (m_pinAction) {
        const QSignalBlocker block(m_pinAction);
        m_pinAction->setChecked(m_charts->hasPin());
    }
    emit statusMessage(tr("The reference run is pinned in the charts: build your design after "
                          "the client and press Run to compare"),
                       10000);
}

void LabPage::stopReferenceRun()
{
    if (!m_referenceRun)
        return;
    // It stops within a simulated second, so waiting is brief.
    m_referenceCancel->store(true);
    m_referenceRun->wait();
    m_referenceRun = nullptr;
    m_referenceCancel.reset();
}

bool LabPage::openFile(const QString &path)
{
    const diagram::LoadResult r = diagram::loadDiagramFile(path);
    if (!r.ok()) {
        // The open document stays as it was.
        QMessageBox box(QMessageBox::Warning, tr("Cannot open diagram"),
                        tr("%1 could not be opened.").arg(QFileInfo(path).fileName()),
                        QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("openErrorBox"));
        box.setDetailedText(r.errors.join(u'\n'));
        box.setInformativeText(r.errors.first());
        box.exec();
        return false;
    }
    m_doc.reset(r.diagram);
    m_undo->clear();
    setPath(path);
    emit fileUsed(path);
    m_view->fitAll();
    if (!r.warnings.isEmpty())
        emit statusMessage(tr("Opened with %n warning(s): %1", nullptr, int(r.warnings.size()))
                               .arg(r.warnings.first()),
                           8000);
    else
        emit statusMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

bool LabPage::saveFile(const QString &path)
{
    QString error;
    if (!diagram::saveDiagramFile(m_doc.data(), path, &error)) {
        QMessageBox::warning(this, tr("Diagram not saved"), error);
        return false;
    }
    m_undo->setClean();
    setPath(path);
    emit fileUsed(path);
    emit statusMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

bool LabPage::saveAs()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save Diagram As"),
        m_path.isEmpty() ? displayName() + QStringLiteral(".json") : m_path, tr(kFileFilter));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    return saveFile(path);
}

bool LabPage::maybeSave()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved diagram"), tr("Save the changes to %1?").arg(displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return m_path.isEmpty() ? saveAs() : saveFile(m_path);
    return true;
}

void LabPage::selectionChanged()
{
    const QStringList nodes = m_scene->selectedNodeIds();
    const QStringList edges = m_scene->selectedEdgeIds();
    if (nodes.size() == 1 && edges.isEmpty())
        m_properties->showNode(nodes.first());
    else if (edges.size() == 1 && nodes.isEmpty())
        m_properties->showEdge(edges.first());
    else
        m_properties->showDiagram();
}

void LabPage::documentChanged()
{
    updateProblems();
    m_timeline->setPlan(m_doc.data());
    // What runs is what was loaded; an edit makes the next Run start afresh.
    if (!m_runnerStale && m_runner->state() != SimRunner::State::Empty) {
        m_runnerStale = true;
        if (m_runner->state() == SimRunner::State::Running)
            emit statusMessage(tr("The diagram changed: press Run to restart with it"), 6000);
    }
    emit documentTitleChanged(displayName(), isModified());
}

void LabPage::updateProblems()
{
    m_problems->clear();
    if (m_doc.data().nodes.isEmpty()) {
        m_scene->setProblems({});
        new QListWidgetItem(tr("Drag a Client from Components onto the canvas to start"),
                            m_problems);
        return;
    }
    const QList<diagram::Problem> problems = diagram::checkDiagram(m_doc.data());
    m_scene->setProblems(problems);
    const QIcon error = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const diagram::Problem &p : problems) {
        auto *item = new QListWidgetItem(p.isError() ? error : warning, p.message, m_problems);
        item->setData(Qt::UserRole, p.nodeId);
        item->setToolTip(p.message +
                         (p.nodeId.isEmpty() ? QString() : tr("\nDouble-click to show it")));
    }
    if (problems.isEmpty())
        new QListWidgetItem(tr("No problems found"), m_problems);
}

void LabPage::run()
{
    if (m_runnerStale || m_runner->state() == SimRunner::State::Empty ||
        m_runner->state() == SimRunner::State::Finished) {
        const QStringList errors = m_runner->load(m_doc.data());
        if (!errors.isEmpty()) {
            emit statusMessage(tr("Cannot run: %1").arg(errors.first()), 8000);
            return;
        }
        m_runnerStale = false;
        m_runName = m_doc.data().name;
        updatePrediction();
        m_scene->clearLive();
        m_charts->clear();
        m_report->clear();
        m_lastFrame.reset();
        m_reportedAt = -1;
        QStringList ids;
        for (const diagram::Node &n : m_doc.data().nodes)
            ids << (n.kind == diagram::NodeKind::Client ? QString() : n.id); // no line for a client
        m_charts->setNodes(ids);
        m_timeline->setPlan(m_doc.data());
        m_timeline->reset();
        m_runner->setRateScale(m_load->value() / 100.0);
        m_runner->setSpeed(m_speed->currentData().toDouble());
    }
    m_runner->run();
}

void LabPage::pause()
{
    m_runner->pause();
}

bool LabPage::exportSummary(const QString &path, QString *error)
{
    const sim::CompileResult compiled = sim::compileNetwork(m_doc.data());
    if (!m_lastFrame || m_runnerStale || !compiled.ok()) {
        *error = tr("Run the diagram first; the summary is of the current run.");
        return false;
    }
    const sim::RunInfo info{0, m_lastFrame->overloaded, m_doc.data().run.seed};
    QJsonObject report = sim::runReport(m_lastFrame->metrics, compiled.network, info);
    report.remove(QStringLiteral("wall_s")); // a live run's wall time says nothing
    report.remove(QStringLiteral("events_per_s"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(report).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void LabPage::updatePrediction()
{
    // Predict, then run: the twin's figures are there before the first
    // request, for the load the slider sets.
    const sim::CompileResult compiled = sim::compileNetwork(m_doc.data());
    if (!compiled.ok())
        return;
    sim::Network scaled = compiled.network;
    for (sim::NodeModel &n : scaled.nodes)
        n.rate *= m_load->value() / 100.0;
    m_twin->setPrediction(sim::analyze(scaled));
}

void LabPage::showFrame(const std::shared_ptr<const LabFrame> &frame)
{
    if (m_runnerStale)
        return; // a frame from the run before the edit
    m_scene->showFrame(*frame);
    m_twin->showMetrics(frame->metrics);
    // The report re-renders a table: once a simulated second is plenty while running.
    const bool settled = frame->finished || m_runner->state() != SimRunner::State::Running;
    if (settled || std::abs(frame->simTime - m_reportedAt) >= 1) {
        m_report->showMetrics(frame->metrics, frame->finished, !settled);
        m_reportedAt = frame->simTime;
    }
    m_lastFrame = frame;
    m_charts->addSamples(frame->newSamples);
    m_timeline->setTime(frame->simTime);
    const sim::RunMetrics &m = frame->metrics;
    QString text = tr("t = %1 s").arg(frame->simTime, 0, 'f', 1);
    if (!frame->newSamples.empty() || m.completed > 0) {
        const double rps =
            frame->newSamples.empty() ? m.throughput() : frame->newSamples.back().throughput;
        const double p99 =
            frame->newSamples.empty() ? m.latency.quantile(0.99) : frame->newSamples.back().p99;
        text += tr("  ·  %1 rps  ·  p99 %2 ms  ·  %3 failed")
                    .arg(std::round(rps))
                    .arg(ms(p99))
                    .arg(m.failed);
    }
    if (frame->overloaded)
        text += tr("  ·  overloaded: stopped");
    m_clock->setText(text);
}

void LabPage::runnerStateChanged(SimRunner::State state)
{
    const bool running = state == SimRunner::State::Running;
    m_runAction->setText(running ? tr("&Pause") : tr("&Run"));
    m_runAction->setToolTip(running ? tr("Pause the traffic (F5)")
                                    : tr("Run traffic through the diagram (F5)"));
    m_resetAction->setEnabled(state != SimRunner::State::Empty);
    // The report lists every component once traffic stops.
    if (state != SimRunner::State::Running && m_lastFrame && !m_runnerStale)
        m_report->showMetrics(m_lastFrame->metrics, m_lastFrame->finished, false);
    if (state == SimRunner::State::Finished)
        emit statusMessage(tr("Run finished"), 4000);
}

void LabPage::nodeMenu(const QString &id, const QPoint &screenPos)
{
    QMenu menu(this);
    const diagram::Node *node = m_doc.data().node(id);
    if (!node)
        return;
    const bool loaded = !m_runnerStale && m_runner->state() != SimRunner::State::Empty;
    NodeItem *item = m_scene->nodeItem(id);
    if (node->kind != diagram::NodeKind::Client) {
        QAction *fail =
            menu.addAction(item && item->isDown() ? tr("Restore %1").arg(node->displayName())
                                                  : tr("Fail %1").arg(node->displayName()));
        fail->setEnabled(loaded);
        if (!loaded)
            fail->setToolTip(tr("Run the diagram first"));
        connect(fail, &QAction::triggered, this, [this, id, item, name = node->displayName()] {
            if (item && item->isDown()) {
                m_runner->restoreNode(id);
                m_timeline->nodeRestored(id);
            } else {
                m_runner->failNode(id);
                m_timeline->nodeFailed(id, name);
            }
        });
        menu.addSeparator();
    }
    menu.addAction(m_deleteAction);
    menu.exec(screenPos);
}

} // namespace sds::gui
