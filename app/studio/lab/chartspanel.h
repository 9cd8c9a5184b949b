#pragma once

#include "core/sim/metrics.h"

#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QTabWidget;

namespace sds::gui {

// The lab's live charts (QtCharts), one tab each: throughput; latency p50,
// p95, p99; error rate; utilisation per node; cache hit ratio; stale reads.
// They scroll with simulated time. Pinning keeps the current run's lines,
// dashed, under the next run's for an A/B comparison.
class ChartsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsPanel)

public:
    explicit ChartsPanel(QWidget *parent = nullptr);
    ~ChartsPanel() override;

    // The nodes of the run, in the order of Sample::utilization; clears the series.
    void setNodes(const QStringList &ids);
    void addSamples(const std::vector<sim::Sample> &samples);
    void clear();
    void pin();
    void clearPin();
    bool hasPin() const;

    // Points in the current (unpinned) series of chart @p tab (0-based, in
    // tab order) and line @p line: for tests and export. A long run's series
    // keep the last two to four minutes only; csv() keeps every sample.
    int pointCount(int tab, int line = 0) const;
    // The time series as CSV: time_s, throughput_rps, error_rps, p50_ms,
    // p95_ms, p99_ms, hit_ratio, stale_reads, then util_<id> per node.
    QString csv() const;
    bool exportCsv(const QString &path, QString *error) const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sds::gui
