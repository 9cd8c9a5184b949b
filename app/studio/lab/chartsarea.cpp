#include "app/studio/lab/chartsarea.h"

#include "app/studio/lab/chartspanel.h"

#include <QAction>
#include <QEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QToolBar>
#include <QVBoxLayout>

namespace sds::gui {

ChartsArea::ChartsArea(QWidget *parent)
    : QWidget(parent)
    , m_charts(new ChartsPanel(this))
{
    setObjectName(QStringLiteral("chartsArea"));
    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_pinAction = bar->addAction(tr("Pin run for comparison"));
    m_pinAction->setObjectName(QStringLiteral("pinAction"));
    m_pinAction->setCheckable(true);
    m_pinAction->setToolTip(tr("Keep this run's lines, dashed, under the next run's (A/B)"));
    connect(m_pinAction, &QAction::toggled, this, [this](bool on) {
        on ? m_charts->pin() : m_charts->clearPin();
        setPinned(on && m_charts->hasPin());
        emit pinToggled(m_charts->hasPin());
    });
    m_compareAction = bar->addAction(QString());
    m_compareAction->setObjectName(QStringLiteral("compareAction"));
    m_compareAction->setToolTip(tr("Run the pinned design and this one on the same seeds and "
                                   "say, per metric, whether the change is better, worse or "
                                   "no clear difference"));
    connect(m_compareAction, &QAction::triggered, this, &ChartsArea::compareRequested);
    setCompareSeeds(10);
    QAction *csv = bar->addAction(tr("Export CSV…"));
    csv->setToolTip(tr("Save the time series of this run as CSV"));
    connect(csv, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Time Series"), QStringLiteral("run.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !m_charts->exportCsv(path, &error))
            QMessageBox::warning(this, tr("Time series not exported"), error);
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(m_charts, 1);

    m_hint = new QLabel(tr("Press Run (F5) to send traffic through the design; the charts "
                           "fill as it runs."),
                        m_charts);
    m_hint->setObjectName(QStringLiteral("chartsStartHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setAutoFillBackground(true);
    m_hint->setMargin(12);
    m_charts->installEventFilter(this);
}

void ChartsArea::showStartHint(bool shown)
{
    m_hint->setVisible(shown);
    if (shown) {
        m_hint->setGeometry(m_charts->rect());
        m_hint->raise();
    }
}

bool ChartsArea::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_charts && event->type() == QEvent::Resize)
        m_hint->setGeometry(m_charts->rect());
    return QWidget::eventFilter(watched, event);
}

void ChartsArea::pinRun(const QStringList &ids, const std::vector<sim::Sample> &series)
{
    if (!series.empty()) {
        m_charts->setNodes(ids);
        m_charts->addSamples(series);
    }
    m_charts->pin();
    m_charts->clear();
    setPinned(m_charts->hasPin());
    showStartHint(false); // the pinned lines are what to look at
}

void ChartsArea::clearAll()
{
    m_charts->clearPin();
    m_charts->clear();
    setPinned(false);
}

void ChartsArea::setPinned(bool pinned)
{
    const QSignalBlocker block(m_pinAction);
    m_pinAction->setChecked(pinned);
    m_compareAction->setEnabled(pinned);
}

bool ChartsArea::isPinned() const
{
    return m_pinAction->isChecked();
}

void ChartsArea::setCompareSeeds(int seeds)
{
    m_compareAction->setText(tr("Compare (%1 seeds)").arg(seeds));
}

} // namespace sds::gui
