// LabPage's care for files beyond open and save: autosave and recovery after
// a crash, export of the canvas as a picture, and the bar above the charts.
#include "app/studio/lab/chartspanel.h"
#include "app/studio/lab/diagramcommands.h"
#include "app/studio/lab/diagramscene.h"
#include "app/studio/lab/diagramview.h"
#include "app/studio/lab/edgeitem.h"
#include "app/studio/lab/labpage.h"
#include "app/studio/lab/nodeitem.h"
#include "core/diagram/diagramformat.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QSvgGenerator>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace sds::gui {

namespace {
constexpr int kAutosaveMs = 30000;
const auto kAutosaveOf = QStringLiteral("autosave_of");
} // namespace

QWidget *LabPage::wrapCharts()
{
    // A slim bar above the charts: compare runs, take the numbers away.
    auto *host = new QWidget;
    auto *bar = new QToolBar(host);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction *pin = bar->addAction(tr("Pin run for comparison"));
    m_pinAction = pin;
    pin->setObjectName(QStringLiteral("pinAction"));
    pin->setCheckable(true);
    pin->setToolTip(tr("Keep this run's lines, dashed, under the next run's (A/B)"));
    connect(pin, &QAction::toggled, this,
            [this](bool on) { on ? m_charts->pin() : m_charts->clearPin(); });
    QAction *csv = bar->addAction(tr("Export CSV…"));
    csv->setToolTip(tr("Save the time series of this run as CSV"));
    connect(csv, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Time Series"), QStringLiteral("run.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !m_charts->exportCsv(path, &error))
            QMessageBox::warning(this, tr("Time series not exported"), error);
    });
    auto *layout = new QVBoxLayout(host);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(m_charts, 1);
    return host;
}

void LabPage::exportDiagram()
{
    const QString base = QFileInfo(m_path).completeBaseName();
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
    QRectF bounds;
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->type() == NodeItem::Type || item->type() == EdgeItem::Type)
            bounds = bounds.united(item->sceneBoundingRect());
    }
    if (bounds.isEmpty()) {
        *error = tr("The canvas is empty.");
        return false;
    }
    bounds.adjust(-24, -24, 24, 24);
    const QList<QGraphicsItem *> selected = m_scene->selectedItems();
    m_scene->clearSelection(); // a picture without selection marks
    bool ok = false;
    const QColor background = QWidget::palette().color(QPalette::Base);
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(bounds.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), bounds.size()));
        svg.setTitle(displayName());
        QPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            painter.fillRect(QRectF(QPointF(0, 0), bounds.size()), background);
            m_scene->render(&painter, QRectF(QPointF(0, 0), bounds.size()), bounds);
            ok = painter.end() && QFileInfo(path).size() > 0;
        }
    } else {
        QImage image((bounds.size() * 2).toSize(), QImage::Format_ARGB32);
        image.fill(background);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        m_scene->render(&painter, QRectF(QPointF(0, 0), image.size()), bounds);
        painter.end();
        ok = image.save(path, "PNG");
    }
    for (QGraphicsItem *item : selected)
        item->setSelected(true);
    if (!ok)
        *error = tr("Cannot write %1.").arg(path);
    return ok;
}

void LabPage::setAutosaveFolder(const QString &dir)
{
    m_autosaveDir = dir + QStringLiteral("/autosave");
    if (findChild<QTimer *>(QStringLiteral("autosaveTimer")))
        return;
    auto *timer = new QTimer(this);
    timer->setObjectName(QStringLiteral("autosaveTimer"));
    timer->setInterval(kAutosaveMs);
    connect(timer, &QTimer::timeout, this, [this] {
        if (isModified())
            autosaveNow();
    });
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean)
            discardRecovery(); // the real file has it all now
    });
    timer->start();
}

QString LabPage::autosavePath() const
{
    return m_autosaveDir.isEmpty() ? QString() : m_autosaveDir + QStringLiteral("/lab.json");
}

bool LabPage::autosaveNow()
{
    if (m_autosaveDir.isEmpty() || !QDir().mkpath(m_autosaveDir))
        return false;
    // Where the diagram came from travels inside the autosave, among the
    // keys the format keeps without knowing them.
    diagram::DiagramData copy = m_doc.data();
    copy.extra.insert(kAutosaveOf, m_path);
    QString error;
    return diagram::saveDiagramFile(copy, autosavePath(), &error);
}

bool LabPage::hasRecovery() const
{
    return !autosavePath().isEmpty() && QFileInfo::exists(autosavePath());
}

bool LabPage::recover()
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
    m_doc.reset(before);
    m_undo->clear();
    setPath(original);
    m_undo->push(
        new ReplaceDiagramCommand(m_doc, before, r.diagram, tr("Recover autosaved diagram")));
    m_view->fitAll();
    return true;
}

void LabPage::discardRecovery()
{
    if (!autosavePath().isEmpty())
        QFile::remove(autosavePath());
}

void LabPage::offerRecovery()
{
    if (!hasRecovery())
        return;
    const QFileInfo info(autosavePath());
    const auto answer = QMessageBox::question(
        this, tr("Recover diagram"),
        tr("The lab was not closed normally. A diagram was autosaved at %1. Recover it?")
            .arg(QLocale().toString(info.lastModified(), QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    if (answer == QMessageBox::Yes && recover())
        emit statusMessage(tr("Recovered the autosaved diagram; save it to keep it"), 8000);
    else
        discardRecovery();
}

} // namespace sds::gui
