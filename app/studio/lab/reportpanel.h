#pragma once

#include "core/sim/cost.h"
#include "core/sim/metrics.h"

#include <QWidget>

class QTextBrowser;

namespace sds::gui {

// The run's summary as a table: throughput, latency percentiles with the
// 95 % interval of the mean, failures by cause, and a row per component.
// It fills in while the run goes and is final when it ends. Rendering a big
// table is slow (QTextDocument layout), so it happens only while the panel is
// visible, and while traffic runs a large design shows the summary alone.
class ReportPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportPanel)

public:
    explicit ReportPanel(QWidget *parent = nullptr);

    // @p running: traffic is flowing, more frames follow soon.
    void showMetrics(const sim::RunMetrics &metrics, bool finished, bool running = false);
    // The design's monthly cost, shown with the next render.
    void setCost(const sim::CostEstimate &cost);
    void clear();
    QString html() const;

    // Above this many components, the per-component lines wait for a pause.
    static constexpr int kLiveComponentLimit = 40;

protected:
    void showEvent(QShowEvent *event) override;

signals:
    void exportRequested();
    void flashcardRequested();

private:
    void render() const;
    QString nodeCost(const QString &id) const;

    QTextBrowser *m_text;
    sim::RunMetrics m_metrics;
    sim::CostEstimate m_cost;
    bool m_finished = false;
    bool m_running = false;
    mutable bool m_dirty = false;
};

} // namespace sds::gui
