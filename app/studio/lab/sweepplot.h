#pragma once

#include "core/experiment/sweep.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace sds::gui {

// One metric of a sweep against the value varied: each point's mean with
// its 95 % interval as a bar, and, for the mean latency where queueing
// theory applies, the analytic twin's curve dashed on the same axes, so the
// knee it predicts can be read against the one measured. Painted by hand:
// interval bars are not something QtCharts draws.
class SweepPlot final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SweepPlot)

public:
    explicit SweepPlot(QWidget *parent = nullptr);

    void setPoints(std::vector<experiment::SweepPoint> points);
    void setMetric(experiment::Metric metric);
    void setAxisTitle(const QString &title);
    // A vertical line at @p value on the x axis (the capacity found), or none.
    void setMarker(std::optional<double> value, const QString &label);
    // What the empty plot says (how to start).
    void setEmptyText(const QString &text);
    // The points whose interval has a value for the metric shown.
    int plottedPoints() const;
    // Whether the twin's curve is on the plot.
    bool showsTwin() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<experiment::SweepPoint> m_points;
    experiment::Metric m_metric = experiment::Metric::LatencyP99;
    QString m_axisTitle;
    QString m_emptyText;
    std::optional<double> m_marker;
    QString m_markerLabel;
};

} // namespace sds::gui
