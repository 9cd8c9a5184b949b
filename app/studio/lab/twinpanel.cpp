#include "app/studio/lab/twinpanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace sds::gui {

namespace {

enum Column { Node, PredictedUtil, SimulatedUtil, PredictedResponse, ColumnCount };

QString percent(double v)
{
    return std::isfinite(v) ? QStringLiteral("%1 %").arg(v * 100, 0, 'f', 1) : QStringLiteral("—");
}
QString millis(double s)
{
    return std::isfinite(s) ? QStringLiteral("%1 ms").arg(s * 1000, 0, 'f', s < 0.1 ? 2 : 1)
                            : QStringLiteral("unbounded");
}

} // namespace

TwinPanel::TwinPanel(QWidget *parent)
    : QWidget(parent)
    , m_guess(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    setObjectName(QStringLiteral("twin"));
    m_guess->setObjectName(QStringLiteral("twinGuess"));
    m_guess->setPlaceholderText(
        tr("before you run, e.g. p99 under 100 ms; the database limits it"));
    m_guess->setToolTip(tr("Make a flashcard from the run puts this on the card's front"));
    m_guess->setClearButtonEnabled(true);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setHorizontalHeaderLabels(
        {tr("Node"), tr("Predicted busy"), tr("Simulated busy"), tr("Predicted response")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *guessRow = new QHBoxLayout;
    auto *guessLabel = new QLabel(tr("Your &prediction:"), this);
    guessLabel->setBuddy(m_guess);
    guessRow->addWidget(guessLabel);
    guessRow->addWidget(m_guess, 1);
    layout->addLayout(guessRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    clear();
}

void TwinPanel::clear()
{
    m_prediction = {};
    m_table->setRowCount(0);
    m_summary->setText(tr("Run the diagram to see what queueing theory predicts for it beside what "
                          "the simulation measures."));
}

QString TwinPanel::learnerPrediction() const
{
    return m_guess->text().trimmed();
}

QString TwinPanel::summary() const
{
    return m_summary->text();
}

void TwinPanel::setPrediction(const sim::Prediction &p)
{
    m_prediction = p;
    m_table->setRowCount(0);
    if (!p.applicable) {
        m_summary->setText(tr("No formula applies to this design: %1. The simulation is the only "
                              "answer here.")
                               .arg(p.reason));
        return;
    }
    m_table->setRowCount(int(p.nodes.size()));
    for (int r = 0; r < int(p.nodes.size()); ++r) {
        const sim::NodePrediction &n = p.nodes[std::size_t(r)];
        m_table->setItem(r, Node, new QTableWidgetItem(n.id));
        m_table->setItem(r, PredictedUtil, new QTableWidgetItem(percent(n.utilization)));
        m_table->setItem(r, SimulatedUtil, new QTableWidgetItem(QStringLiteral("…")));
        m_table->setItem(r, PredictedResponse, new QTableWidgetItem(millis(n.responseTime)));
        for (int c = 1; c < ColumnCount; ++c)
            m_table->item(r, c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    showMetrics({});
}

void TwinPanel::showMetrics(const sim::RunMetrics &m)
{
    if (!m_prediction.applicable)
        return;
    QString text =
        tr("%1: predicted mean latency %2")
            .arg(m_prediction.model,
                 m_prediction.stable
                     ? millis(m_prediction.meanLatency)
                     : tr("unbounded ('%1' is overloaded)").arg(m_prediction.unstableNode));
    if (m.completed > 0) {
        text += tr(" · simulated %1").arg(millis(m.latency.mean()));
        if (m.latencyMeanCi.valid)
            text += tr(" (95 % CI %1–%2)")
                        .arg(millis(m.latencyMeanCi.low), millis(m.latencyMeanCi.high));
    }
    m_summary->setText(text);
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString id = m_table->item(r, Node)->text();
        for (const sim::NodeMetrics &n : m.nodes) {
            if (n.id == id)
                m_table->item(r, SimulatedUtil)
                    ->setText(m.measured > 0 ? percent(n.utilization) : QStringLiteral("…"));
        }
    }
}

} // namespace sds::gui
