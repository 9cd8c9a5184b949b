#include "app/studio/lab/labpage.h"

#include "app/studio/lab/challengepanel.h"
#include "app/studio/lab/chartsarea.h"
#include "app/studio/lab/chartspanel.h"
#include "app/studio/lab/comparepanel.h"
#include "app/studio/lab/diagramclipboard.h"
#include "app/studio/lab/diagramscene.h"
#include "app/studio/lab/diagramview.h"
#include "app/studio/lab/faulttimeline.h"
#include "app/studio/lab/labdocument.h"
#include "app/studio/lab/labexperiments.h"
#include "app/studio/lab/labfileactions.h"
#include "app/studio/lab/nodeitem.h"
#include "app/studio/lab/palettewidget.h"
#include "app/studio/lab/problemslist.h"
#include "app/studio/lab/propertiespanel.h"
#include "app/studio/lab/reportpanel.h"
#include "app/studio/lab/runcontroller.h"
#include "app/studio/lab/runtoolbar.h"
#include "app/studio/lab/sceneexport.h"
#include "app/studio/lab/sweeppanel.h"
#include "app/studio/lab/twinpanel.h"
#include "core/challenge/labnote.h"
#include "core/content/exercise.h"
#include "core/diagram/validation.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace sds::gui {

LabPage::LabPage(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new LabDocument(this))
    , m_files(new LabFileActions(*m_document, this))
    , m_run(new RunController(*m_document, this))
    , m_scene(new DiagramScene(m_document->diagram(), *m_document->undoStack(), this))
    , m_view(new DiagramView(m_scene, this))
    , m_palette(new PaletteWidget)
    , m_properties(new PropertiesPanel(m_document->diagram(), *m_document->undoStack()))
    , m_chartsArea(new ChartsArea)
    , m_charts(m_chartsArea->charts())
    , m_twin(new TwinPanel)
    , m_report(new ReportPanel)
    , m_problems(new ProblemsList)
    , m_toolBar(new RunToolBar(this))
    , m_timeline(new FaultTimeline)
    , m_canvas(new CanvasActions(*m_scene, *m_view, this))
    , m_experiments(new LabExperiments(*m_document, *m_run, this))
    , m_challenge(new ChallengePanel)
    , m_exportAction(new QAction(tr("&Export Diagram…"), this))
{
    setObjectName(QStringLiteral("labPage"));
    m_scene->setObjectName(QStringLiteral("diagramScene"));
    setWindowFlags(Qt::Widget); // a page inside the app's window, not a window
    setDockNestingEnabled(true);
    // The right column runs down to the bottom, so Properties gets the height.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCentralWidget(m_view);

    m_exportAction->setToolTip(tr("Save the canvas as a PNG or SVG picture"));
    connect(m_exportAction, &QAction::triggered, this, &LabPage::exportDiagram);
    addToolBar(m_toolBar);
    // The run as a time line, under the controls, with the faults on it.
    addToolBarBreak();
    QToolBar *line = addToolBar(tr("Time Line"));
    line->setObjectName(QStringLiteral("labTimeLineToolBar"));
    line->setMovable(false);
    line->addWidget(m_toolBar->clock());
    line->addWidget(m_timeline);
    line->addWidget(m_toolBar->cost());
    createDocks();
    m_layout = new LabLayout(*this);
    connectRun();
    connectChallenge();

    connect(m_scene, &QGraphicsScene::selectionChanged, this, &LabPage::selectionChanged);
    connect(m_scene, &DiagramScene::statusMessage, this,
            [this](const QString &m) { emit statusMessage(m, 5000); });
    connect(m_scene, &DiagramScene::nodeContextMenu, this, &LabPage::nodeMenu);
    connect(m_palette, &PaletteWidget::kindActivated, this, [this](diagram::NodeKind kind) {
        m_scene->addNodeAt(kind, m_view->mapToScene(m_view->viewport()->rect().center()));
        m_view->setFocus();
    });
    connect(m_timeline, &FaultTimeline::nodeClicked, m_scene, &DiagramScene::selectNode);
    connect(&m_document->diagram(), &diagram::Diagram::changed, this, &LabPage::documentChanged);
    connect(m_document, &LabDocument::titleChanged, this, &LabPage::documentTitleChanged);
    connect(m_document, &LabDocument::replaced, this, &LabPage::documentReplaced);
    connect(m_files, &LabFileActions::fileUsed, this, &LabPage::fileUsed);
    connect(m_files, &LabFileActions::statusMessage, this, &LabPage::statusMessage);
    connect(m_canvas, &CanvasActions::statusMessage, this, &LabPage::statusMessage);
    connect(m_report, &ReportPanel::flashcardRequested, this, &LabPage::makeFlashcard);
    connect(m_report, &ReportPanel::exportRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Summary"), QStringLiteral("summary.json"), tr("JSON (*.json)"));
        if (path.isEmpty())
            return;
        if (const Result<void> done = exportSummary(path); !done)
            QMessageBox::warning(this, tr("Summary not exported"), done.error());
    });
    connect(m_problems, &ProblemsList::nodeActivated, this, [this](const QString &id) {
        if (NodeItem *n = m_scene->nodeItem(id)) {
            m_scene->selectNode(id);
            m_view->centerOn(n);
        }
    });
    documentChanged();
}

LabPage::~LabPage()
{
    m_run->stopReferenceRun();
    // Children outlive the members, but the scene and the panels refer to the
    // document: take them down while it still exists.
    m_scene->disconnect(this);
    delete m_view;
    delete m_scene;
    delete m_properties;
}

void LabPage::connectRun()
{
    connect(m_toolBar, &RunToolBar::loadFactorChanged, m_run, &RunController::setLoadFactor);
    connect(m_toolBar, &RunToolBar::speedChanged, m_run, &RunController::setSpeed);
    connect(m_run, &RunController::loadFactorChanged, m_toolBar, &RunToolBar::showLoadFactor);
    connect(runAction(), &QAction::triggered, this,
            [this] { m_run->state() == SimRunner::State::Running ? pause() : run(); });
    connect(stepAction(), &QAction::triggered, m_run, &RunController::step);
    connect(resetAction(), &QAction::triggered, this, [this] {
        m_run->reset();
        m_scene->clearLive();
        m_charts->clear();
        m_timeline->reset();
    });
    for (QAction *a : {runAction(), stepAction()})
        addAction(a);
    connect(m_run, &RunController::runLoaded, this, &LabPage::runLoaded);
    connect(m_run, &RunController::frameReady, this, &LabPage::showFrame);
    connect(m_run, &RunController::stateChanged, this, &LabPage::runnerStateChanged);
    connect(m_run, &RunController::predictionChanged, m_twin, &TwinPanel::setPrediction);
    connect(m_run, &RunController::message, this, &LabPage::statusMessage);
    // A pin is the A of a comparison; Compare runs it against the canvas.
    connect(m_chartsArea, &ChartsArea::pinToggled, this,
            [this](bool on) { on ? m_experiments->pinCurrent() : m_experiments->clearPin(); });
    connect(m_chartsArea, &ChartsArea::compareRequested, this, [this] {
        m_compareDock->show();
        m_compareDock->raise();
        m_experiments->compare();
    });
    connect(m_experiments->comparePanel(), &ComparePanel::seedsChanged, m_chartsArea,
            &ChartsArea::setCompareSeeds);
    connect(m_run, &RunController::referenceFinished, this,
            [this](const QStringList &ids, const std::vector<sim::Sample> &series) {
                if (m_charts->pointCount(0) > 0) {
                    // The learner's own run has started; its lines must stay theirs.
                    emit statusMessage(tr("Your run began before the reference run was ready, "
                                          "so nothing was pinned: try your own again to compare"),
                                       10000);
                    return;
                }
                pinReferenceRun(ids, series);
            });
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
        m_panelActions.append(d->toggleViewAction());
        return d;
    };
    // Narrow enough minimums that a small window keeps a canvas; LabLayout
    // proportions them to the page when it is first shown.
    dock(tr("Components"), QStringLiteral("paletteDock"), m_palette, Qt::LeftDockWidgetArea)
        ->setMinimumWidth(150);
    QDockWidget *props = dock(tr("Properties"), QStringLiteral("propertiesDock"), m_properties,
                              Qt::RightDockWidgetArea);
    props->setMinimumWidth(210);
    m_problemsDock =
        dock(tr("Problems"), QStringLiteral("problemsDock"), m_problems, Qt::RightDockWidgetArea);
    splitDockWidget(props, m_problemsDock, Qt::Vertical);
    // The brief shares the right column with Properties, as a tab: a small
    // window keeps its canvas, and the brief is one click from the editor.
    m_challengeDock = dock(tr("Challenge"), QStringLiteral("challengeDock"), m_challenge,
                           Qt::RightDockWidgetArea);
    tabifyDockWidget(props, m_challengeDock);
    props->raise();
    m_challengeDock->hide(); // until a challenge is opened
    QDockWidget *charts =
        dock(tr("Charts"), QStringLiteral("chartsDock"), m_chartsArea, Qt::BottomDockWidgetArea);
    QDockWidget *twin =
        dock(tr("Analytic twin"), QStringLiteral("twinDock"), m_twin, Qt::BottomDockWidgetArea);
    tabifyDockWidget(charts, twin);
    QDockWidget *report =
        dock(tr("Report"), QStringLiteral("reportDock"), m_report, Qt::BottomDockWidgetArea);
    tabifyDockWidget(twin, report);
    QDockWidget *sweep = dock(tr("Sweep"), QStringLiteral("sweepDock"), m_experiments->sweepPanel(),
                              Qt::BottomDockWidgetArea);
    tabifyDockWidget(report, sweep);
    m_compareDock = dock(tr("Compare"), QStringLiteral("compareDock"),
                         m_experiments->comparePanel(), Qt::BottomDockWidgetArea);
    tabifyDockWidget(sweep, m_compareDock);
    charts->raise();
    m_charts->setMinimumHeight(150);
}

void LabPage::connectChallenge()
{
    connect(m_challenge, &ChallengePanel::checkRequested, this, [this] {
        m_challenge->check(m_document->data());
        emit statusMessage(tr("Grading the design on the canvas…"), 4000);
    });
    connect(m_challenge, &ChallengePanel::solved, this, &LabPage::challengeSolved);
    connect(m_challenge, &ChallengePanel::topicRequested, this, &LabPage::openTopicRequested);
    connect(m_challenge, &ChallengePanel::referenceRequested, this,
            &LabPage::openChallengeReference);
    connect(m_challenge, &ChallengePanel::flashcardRequested, this, &LabPage::makeFlashcard);
    connect(m_challenge, &ChallengePanel::gradeFinished, this, [this] {
        const auto &r = m_challenge->result();
        if (r)
            emit statusMessage(r->solved ? tr("Challenge solved: every goal holds")
                                         : tr("Not solved yet: see the Result tab"),
                               6000);
        else if (!m_challenge->refusal().isEmpty())
            emit statusMessage(tr("This design cannot be graded"), 6000);
    });
}

void LabPage::openChallenge(const challenge::Challenge &c, bool solved)
{
    m_challenge->setChallenge(c, solved);
    diagram::DiagramData start = c.start;
    start.name = c.title;
    loadTemplate(start);
    m_challengeDock->show();
    m_challengeDock->raise();
    // The brief and its verdicts need more room than a form of properties.
    if (m_challengeDock->width() < 300 && !m_challengeDock->isFloating())
        resizeDocks({m_challengeDock}, {std::clamp(width() / 3, 260, 420)}, Qt::Horizontal);
}

bool LabPage::openChallengeReference()
{
    const challenge::Challenge *c = m_challenge->challenge();
    if (!c || !maybeSave())
        return false;
    diagram::DiagramData reference = c->reference;
    reference.name = tr("%1: reference").arg(c->title);
    loadTemplate(reference);
    emit statusMessage(
        tr("The reference design of “%1”: a design that meets every goal").arg(c->title), 6000);
    return true;
}

void LabPage::makeFlashcard()
{
    const diagram::DiagramData &design = m_document->data();
    const QString guess = m_twin->learnerPrediction();
    const challenge::Challenge *c = m_challenge->challenge();
    if (c && m_challenge->result()) {
        const challenge::LabNote note = challenge::labNote(*c, *m_challenge->result(), guess);
        emit flashcardRequested(note.front,
                                note.back + QLatin1Char('\n') + challenge::challengeLink(c->id),
                                design, c->topics.value(0));
        return;
    }
    const auto &last = m_run->lastFrame();
    if (!last || !m_run->hasCurrentRun() || last->metrics.measured <= 0) {
        emit statusMessage(tr("Run the design first: a card needs measured figures"), 6000);
        return;
    }
    QHash<QString, QString> labels;
    double rate = 0;
    for (const diagram::Node &n : design.nodes) {
        labels.insert(n.id, n.displayName());
        if (n.kind == diagram::NodeKind::Client)
            rate += n.real(u"rate_rps");
    }
    const challenge::LabNote note =
        challenge::runNote(displayName(), rate * m_run->loadFactor(), last->metrics, labels, guess);
    emit flashcardRequested(note.front, note.back, design, {});
}

void LabPage::applyTheme(const QColor &accent)
{
    m_challenge->applyPalette();
    m_scene->refreshIcons();
    m_palette->refreshIcons();
    m_timeline->setAccent(accent);
}

void LabPage::startAttempt(const diagram::DiagramData &reference)
{
    // Frames of the run in progress must not land on the cleared charts.
    if (m_run->state() != SimRunner::State::Empty)
        m_run->reset();
    m_scene->clearLive();
    m_run->stopReferenceRun();
    if (m_run->runName() == reference.name && m_charts->pointCount(0) > 0) {
        pinReferenceRun({}, {}); // the learner ran the reference: that run is the one to beat
    } else {
        m_chartsArea->clearAll();
        m_run->startReferenceRun(reference);
        emit statusMessage(tr("Running the reference design to pin it in the charts; build your "
                              "design after the client meanwhile"),
                           10000);
    }
    m_experiments->pin(reference, 1); // the reference runs at its stated load
    m_keepPin = true; // the pin, or the one on its way, is what the attempt is measured against
    loadTemplate(content::attemptCanvas(reference));
    m_keepPin = false;
}

void LabPage::pinReferenceRun(const QStringList &ids, const std::vector<sim::Sample> &series)
{
    m_chartsArea->pinRun(ids, series);
    emit statusMessage(tr("The reference run is pinned in the charts: build your design after "
                          "the client and press Run to compare"),
                       10000);
}

void LabPage::exportDiagram()
{
    const QString base = QFileInfo(filePath()).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Diagram"),
        (base.isEmpty() ? QStringLiteral("diagram") : base) + QStringLiteral(".png"),
        tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportImage(path, &error))
        QMessageBox::warning(this, tr("Diagram not exported"), error);
    else
        emit statusMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), 4000);
}

bool LabPage::exportImage(const QString &path, QString *error)
{
    *error = exportScene(*m_scene, path, QWidget::palette().color(QPalette::Base), displayName());
    return error->isEmpty();
}

Result<void> LabPage::exportSummary(const QString &path)
{
    return m_run->exportSummary(path);
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
    const diagram::DiagramData &data = m_document->data();
    const QList<diagram::Problem> problems =
        data.nodes.isEmpty() ? QList<diagram::Problem>{} : diagram::checkDiagram(data);
    m_scene->setProblems(problems);
    m_problems->showProblems(problems, data.nodes.isEmpty());
    // The list shrinks away when there is nothing in it; the title keeps the count.
    m_problemsDock->setWindowTitle(tr("Problems (%1)").arg(problems.size()));
    m_problemsDock->toggleViewAction()->setText(tr("Problems"));
    m_timeline->setPlan(data);
    showCost(nullptr);
}

// The cost follows every edit; with a run, its per-request services are priced too.
void LabPage::showCost(const sim::RunMetrics *run)
{
    const sim::CompileResult &compiled = m_run->compiled();
    const sim::CostEstimate cost =
        compiled.ok() ? sim::monthlyCost(compiled.network, run) : sim::CostEstimate{};
    m_toolBar->showCost(cost);
    m_report->setCost(cost);
}

// New, Open, a template, an exercise's design: the old design's run, figures
// and load do not carry over; the new one starts clean, fitted to view.
void LabPage::documentReplaced()
{
    m_challenge->cancel(); // a grade of the old design must not land on the new one
    m_run->startAfresh();
    m_scene->clearLive();
    m_report->clear();
    m_reportedAt = -1;
    if (m_keepPin) {
        m_charts->clear();
    } else {
        m_run->stopReferenceRun(); // its pin would land on another design
        m_chartsArea->clearAll();
        m_experiments->clearPin();
    }
    m_timeline->reset();
    m_toolBar->clearClock();
    m_chartsArea->showStartHint(!m_keepPin);
    m_view->fitAll();
}

void LabPage::run()
{
    m_run->run();
}

void LabPage::pause()
{
    m_run->pause();
}

void LabPage::runLoaded(const QStringList &chartIds)
{
    m_chartsArea->showStartHint(false);
    m_scene->clearLive();
    m_charts->clear();
    m_report->clear();
    m_reportedAt = -1;
    m_charts->setNodes(chartIds);
    m_timeline->setPlan(m_document->data());
    m_timeline->reset();
}

void LabPage::showFrame(const std::shared_ptr<const LabFrame> &frame)
{
    m_scene->showFrame(*frame);
    m_twin->showMetrics(frame->metrics);
    // The report re-renders a table: once a simulated second is plenty while running.
    const bool settled = frame->finished || m_run->state() != SimRunner::State::Running;
    if (settled || std::abs(frame->simTime - m_reportedAt) >= 1) {
        showCost(&frame->metrics);
        m_report->showMetrics(frame->metrics, frame->finished, !settled);
        m_reportedAt = frame->simTime;
    }
    m_charts->addSamples(frame->newSamples);
    m_timeline->setTime(frame->simTime);
    m_toolBar->showFrame(*frame);
}

void LabPage::runnerStateChanged(SimRunner::State state)
{
    m_toolBar->showState(state);
    // The report lists every component once traffic stops.
    const auto &last = m_run->lastFrame();
    if (state != SimRunner::State::Running && last && m_run->hasCurrentRun())
        m_report->showMetrics(last->metrics, last->finished, false);
    if (state == SimRunner::State::Finished)
        emit statusMessage(tr("Run finished"), 4000);
}

void LabPage::nodeMenu(const QString &id, const QPoint &screenPos)
{
    const diagram::Node *node = m_document->data().node(id);
    if (!node)
        return;
    QMenu menu(this);
    // A failure needs a run that is going on: after the end it would land at
    // the last instant and change nothing.
    const bool ended = m_run->state() == SimRunner::State::Finished;
    const bool loaded = m_run->hasCurrentRun() && !ended;
    NodeItem *item = m_scene->nodeItem(id);
    if (node->kind != diagram::NodeKind::Client) {
        const bool down = item && item->isDown();
        QAction *fail = menu.addAction(down ? tr("Restore %1").arg(node->displayName())
                                            : tr("Fail %1").arg(node->displayName()));
        fail->setEnabled(loaded);
        if (!loaded)
            fail->setToolTip(ended ? tr("The run has ended: press Run to start again")
                                   : tr("Run the diagram first"));
        menu.setToolTipsVisible(true);
        connect(fail, &QAction::triggered, this, [this, id, down, name = node->displayName()] {
            if (down) {
                m_run->restoreNode(id);
                m_timeline->nodeRestored(id);
            } else {
                m_run->failNode(id);
                m_timeline->nodeFailed(id, name);
            }
        });
        menu.addSeparator();
    }
    menu.addAction(deleteAction());
    menu.exec(screenPos);
}

} // namespace sds::gui
