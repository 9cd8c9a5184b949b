#include "app/studio/lab/reportpanel.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace sds::gui {

namespace {

QString ms(double seconds)
{
    return QString::number(seconds * 1000, 'f', seconds < 0.1 ? 2 : 1);
}
QString count(std::uint64_t n)
{
    return QLocale().toString(qulonglong(n));
}

} // namespace

ReportPanel::ReportPanel(QWidget *parent)
    : QWidget(parent)
    , m_text(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("report"));
    auto *exportButton = new QPushButton(tr("Export Summary as JSON…"), this);
    connect(exportButton, &QPushButton::clicked, this, &ReportPanel::exportRequested);
    auto *cardButton = new QPushButton(tr("Make a Flashcard"), this);
    cardButton->setObjectName(QStringLiteral("reportFlashcard"));
    cardButton->setToolTip(tr("Add a card with this run's figures to the deck “My lab notes”"));
    connect(cardButton, &QPushButton::clicked, this, &ReportPanel::flashcardRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(exportButton);
    buttons->addWidget(cardButton);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    clear();
}

void ReportPanel::clear()
{
    m_dirty = false;
    m_text->setHtml(
        tr("<p>The summary of a run shows here: throughput, latency percentiles with "
           "their confidence interval, failures by cause and a line per component.</p>"));
}

QString ReportPanel::html() const
{
    if (m_dirty)
        render();
    return m_text->toHtml();
}

void ReportPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        render();
}

void ReportPanel::showMetrics(const sim::RunMetrics &metrics, bool finished, bool running)
{
    m_metrics = metrics;
    m_finished = finished;
    m_running = running;
    m_dirty = true;
    if (isVisible())
        render();
}

void ReportPanel::setCost(const sim::CostEstimate &cost)
{
    m_cost = cost;
    m_dirty = true;
    if (isVisible())
        render();
}

QString ReportPanel::nodeCost(const QString &id) const
{
    for (const sim::CostItem &item : m_cost.items)
        if (item.node == id)
            return sim::formatDollars(item.perMonth);
    return QStringLiteral("—");
}

void ReportPanel::render() const
{
    m_dirty = false;
    const sim::RunMetrics &m = m_metrics;
    const bool finished = m_finished;
    QString h;
    h += QStringLiteral("<h3>%1</h3>")
             .arg(finished ? tr("Run finished: %1 s simulated, %2 s measured after the warm-up")
                                 .arg(m.now, 0, 'f', 1)
                                 .arg(m.measured, 0, 'f', 1)
                           : tr("So far: %1 s simulated, %2 s measured after the warm-up")
                                 .arg(m.now, 0, 'f', 1)
                                 .arg(m.measured, 0, 'f', 1));
    h += QStringLiteral("<table cellspacing=0 cellpadding=3 border=1>");
    const auto row = [&h](const QString &name, const QString &value) {
        h += QStringLiteral("<tr><td>%1</td><td align=right>%2</td></tr>").arg(name, value);
    };
    row(tr("Completed"), count(m.completed));
    row(tr("Throughput"), tr("%1 rps").arg(m.throughput(), 0, 'f', 1));
    row(tr("Latency mean"),
        m.latencyMeanCi.valid
            ? tr("%1 ms (95 % CI %2–%3)")
                  .arg(ms(m.latency.mean()), ms(m.latencyMeanCi.low), ms(m.latencyMeanCi.high))
            : tr("%1 ms").arg(ms(m.latency.mean())));
    row(tr("p50 / p95 / p99 / p99.9"),
        tr("%1 / %2 / %3 / %4 ms")
            .arg(ms(m.latency.quantile(0.5)), ms(m.latency.quantile(0.95)),
                 ms(m.latency.quantile(0.99)), ms(m.latency.quantile(0.999))));
    row(tr("Failed"),
        tr("%1 (rejected %2, timed out %3, node down %4)")
            .arg(count(m.failed), count(m.rejected), count(m.timeouts), count(m.nodeDown)));
    if (m.retries > 0)
        row(tr("Retries sent"), count(m.retries));
    if (m.staleReads > 0)
        row(tr("Stale reads"), count(m.staleReads));
    if (m.lostWrites > 0)
        row(tr("Writes lost"), count(m.lostWrites));
    if (!m_cost.items.empty())
        row(tr("Cost per month"), sim::formatDollars(m_cost.total));
    if (m.jobsCompleted > 0)
        row(tr("Jobs done by workers"),
            tr("%1, mean %2 ms").arg(count(m.jobsCompleted), ms(m.jobLatency.mean())));
    h += QStringLiteral("</table><h4>%1</h4>").arg(tr("Components"));
    if (m_running && m.nodes.size() > kLiveComponentLimit) {
        h += tr("<p>The %1 components are listed when the run pauses or ends.</p>")
                 .arg(m.nodes.size());
        m_text->setHtml(h);
        return;
    }
    h += QStringLiteral(
             "<table cellspacing=0 cellpadding=3 border=1><tr><th>%1</th><th>%2</th><th>%3</th>"
             "<th>%4</th><th>%5</th><th>%6</th><th>%7</th></tr>")
             .arg(tr("Node"), tr("Busy"), tr("Queue"), tr("Served"), tr("Dropped"), tr("Hit ratio"),
                  tr("Cost / month"));
    for (const sim::NodeMetrics &n : m.nodes) {
        if (n.servers == 0 && n.served == 0)
            continue; // clients
        h += QStringLiteral("<tr><td>%1</td><td align=right>%2 %</td><td align=right>%3</td>"
                            "<td align=right>%4</td><td align=right>%5</td><td align=right>%6</td>"
                            "<td align=right>%7</td></tr>")
                 .arg(n.id.toHtmlEscaped())
                 .arg(n.utilization * 100, 0, 'f', 1)
                 .arg(n.meanQueue, 0, 'f', 2)
                 .arg(count(n.served), count(n.dropped()),
                      n.isCache ? QStringLiteral("%1 %").arg(n.hitRatio() * 100, 0, 'f', 1)
                                : QStringLiteral("—"),
                      nodeCost(n.id));
    }
    h += QStringLiteral("</table>");
    m_text->setHtml(h);
}

} // namespace sds::gui
