#pragma once

#include "core/sim/metrics.h"

#include <QWidget>

class QTextBrowser;

namespace sds::gui {

// The run's summary as a table: throughput, latency percentiles with the
// 95 % interval of the mean, failures by cause, and a row per component.
// It fills in while the run goes and is final when it ends.
class ReportPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportPanel)

public:
    explicit ReportPanel(QWidget *parent = nullptr);

    void showMetrics(const sim::RunMetrics &metrics, bool finished);
    void clear();
    QString html() const;

signals:
    void exportRequested();

private:
    QTextBrowser *m_text;
};

} // namespace sds::gui
