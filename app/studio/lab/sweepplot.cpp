#include "app/studio/lab/sweepplot.h"

#include "app/studio/chartcolours.h"
#include "app/studio/lab/chartformat.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace sds::gui {

using experiment::Metric;

namespace {

// What the plot shows of a point: error rate as a percentage, like the tables.
double shown(Metric m, double v)
{
    return m == Metric::ErrorRate ? v * 100 : v;
}

struct Range {
    double lo = 0, hi = 1, step = 0.2;
    double firstTick() const { return std::ceil(lo / step - 1e-9) * step; }
};

// Ticks at a nice step; @p padded leaves room so points at the ends and
// their interval bars are not cut by the frame.
Range niceRange(double lo, double hi, int ticks, bool padded)
{
    if (!(hi > lo)) {
        const double pad = std::abs(lo) > 0 ? std::abs(lo) * 0.1 : 1;
        lo -= pad;
        hi += pad;
    }
    Range r;
    r.step = chartformat::niceStep((hi - lo) / ticks);
    if (padded) {
        const double pad = (hi - lo) * 0.04;
        r.lo = lo - pad;
        r.hi = hi + pad;
    } else {
        r.lo = std::floor(lo / r.step) * r.step;
        r.hi = std::ceil(hi * 1.02 / r.step) * r.step;
    }
    return r;
}

} // namespace

SweepPlot::SweepPlot(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("sweepPlot"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SweepPlot::setPoints(std::vector<experiment::SweepPoint> points)
{
    m_points = std::move(points);
    update();
}

void SweepPlot::setMetric(Metric metric)
{
    m_metric = metric;
    update();
}

void SweepPlot::setAxisTitle(const QString &title)
{
    m_axisTitle = title;
    update();
}

void SweepPlot::setMarker(std::optional<double> value, const QString &label)
{
    m_marker = value;
    m_markerLabel = label;
    update();
}

void SweepPlot::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

int SweepPlot::plottedPoints() const
{
    return int(std::count_if(m_points.begin(), m_points.end(),
                             [this](const auto &p) { return p.summary[m_metric].valid(); }));
}

bool SweepPlot::showsTwin() const
{
    if (m_metric != Metric::LatencyMean)
        return false;
    return std::count_if(m_points.begin(), m_points.end(),
                         [](const auto &p) { return p.analyticLatencyMs.has_value(); }) >= 2;
}

QSize SweepPlot::sizeHint() const
{
    return {520, 260};
}

QSize SweepPlot::minimumSizeHint() const
{
    return {200, 150};
}

void SweepPlot::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QColor text = pal.color(QPalette::Text);
    const QColor grid = pal.color(QPalette::Mid);

    if (plottedPoints() == 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                   m_emptyText);
        return;
    }

    // Data ranges: intervals, and the twin only as far as the data goes
    // (near saturation it climbs without bound and would flatten the rest).
    double xlo = m_points.front().value, xhi = xlo, ylo = 0, yhi = 0;
    bool first = true;
    for (const auto &pt : m_points) {
        xlo = std::min(xlo, pt.value);
        xhi = std::max(xhi, pt.value);
        const auto &e = pt.summary[m_metric];
        if (!e.valid())
            continue;
        const double lo = shown(m_metric, e.low), hi = shown(m_metric, e.high);
        ylo = first ? lo : std::min(ylo, lo);
        yhi = first ? hi : std::max(yhi, hi);
        first = false;
    }
    const bool twin = showsTwin();
    if (twin)
        for (const auto &pt : m_points)
            if (pt.analyticLatencyMs)
                yhi = std::max(yhi, std::min(*pt.analyticLatencyMs, 1.5 * yhi));
    ylo = std::min(ylo, 0.0);
    const Range xr = niceRange(xlo, xhi, 6, true), yr = niceRange(ylo, yhi, 5, false);

    const QFontMetrics fm(font());
    const int left = fm.horizontalAdvance(QStringLiteral("00000.0")) + 14;
    const QRectF area(left, fm.height() * 2 + 6, width() - left - 16,
                      height() - fm.height() * 4 - 14);
    if (area.width() < 40 || area.height() < 30)
        return;
    const auto X = [&](double v) {
        return area.left() + (v - xr.lo) / (xr.hi - xr.lo) * area.width();
    };
    const auto Y = [&](double v) {
        return area.bottom() - (v - yr.lo) / (yr.hi - yr.lo) * area.height();
    };

    // Grid and ticks.
    p.setFont(font());
    for (double v = yr.firstTick(); v <= yr.hi + yr.step * 1e-6; v += yr.step) {
        p.setPen(QPen(grid, 0.5));
        p.drawLine(QPointF(area.left(), Y(v)), QPointF(area.right(), Y(v)));
        p.setPen(text);
        p.drawText(QRectF(0, Y(v) - fm.height() / 2.0, left - 6, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, chartformat::tickLabel(v, yr.step));
    }
    for (double v = xr.firstTick(); v <= xr.hi + xr.step * 1e-6; v += xr.step) {
        p.setPen(QPen(grid, 0.5));
        p.drawLine(QPointF(X(v), area.top()), QPointF(X(v), area.bottom()));
        p.setPen(text);
        p.drawText(QRectF(X(v) - 40, area.bottom() + 3, 80, fm.height()), Qt::AlignCenter,
                   chartformat::tickLabel(v, xr.step));
    }
    p.setPen(text);
    p.drawText(QRectF(area.left(), area.bottom() + fm.height() + 4, area.width(), fm.height()),
               Qt::AlignCenter, m_axisTitle);
    const QString unit = experiment::metricUnit(m_metric);
    p.drawText(QRectF(4, 2, width() / 2.0, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               experiment::metricLabel(m_metric) +
                   (unit.isEmpty() ? QString() : QStringLiteral(" (") + unit + QLatin1Char(')')));

    p.save();
    p.setClipRect(area.adjusted(-1, -1, 1, 1));
    // The twin's curve first, so the measurements sit on top.
    if (twin) {
        QPainterPath path;
        bool started = false;
        for (const auto &pt : m_points) {
            if (!pt.analyticLatencyMs) {
                started = false;
                continue;
            }
            const QPointF q(X(pt.value), Y(*pt.analyticLatencyMs));
            started ? path.lineTo(q) : path.moveTo(q);
            started = true;
        }
        p.setPen(QPen(chartcolours::kAmber, 2, Qt::DashLine));
        p.drawPath(path);
    }
    if (m_marker && *m_marker >= xr.lo && *m_marker <= xr.hi) {
        p.setPen(QPen(chartcolours::kEmerald, 1.5, Qt::DashDotLine));
        p.drawLine(QPointF(X(*m_marker), area.top()), QPointF(X(*m_marker), area.bottom()));
        p.drawText(QPointF(X(*m_marker) + 4, area.top() + fm.ascent() + 2), m_markerLabel);
    }
    const QColor dot = chartcolours::kBlue;
    QPainterPath line;
    bool started = false;
    for (const auto &pt : m_points) {
        const auto &e = pt.summary[m_metric];
        if (!e.valid())
            continue;
        const double x = X(pt.value);
        p.setPen(QPen(dot, 1.5));
        p.drawLine(QPointF(x, Y(shown(m_metric, e.low))), QPointF(x, Y(shown(m_metric, e.high))));
        p.drawLine(QPointF(x - 4, Y(shown(m_metric, e.low))),
                   QPointF(x + 4, Y(shown(m_metric, e.low))));
        p.drawLine(QPointF(x - 4, Y(shown(m_metric, e.high))),
                   QPointF(x + 4, Y(shown(m_metric, e.high))));
        const QPointF c(x, Y(shown(m_metric, e.mean)));
        started ? line.lineTo(c) : line.moveTo(c);
        started = true;
        p.setBrush(dot);
        p.drawEllipse(c, 3.5, 3.5);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(dot, 1));
    p.drawPath(line);
    p.restore();

    // Legend, top right.
    const QString measured = tr("measured: mean and 95 % interval");
    const QString predicted = tr("analytic twin");
    int x = width() - 12 - fm.horizontalAdvance(measured) - 22;
    if (twin)
        x -= fm.horizontalAdvance(predicted) + 40;
    const int y = fm.height() / 2 + 4;
    p.setPen(QPen(dot, 1.5));
    p.setBrush(dot);
    p.drawEllipse(QPointF(x + 6, y), 3.5, 3.5);
    p.setPen(text);
    p.drawText(QPointF(x + 16, y + fm.ascent() / 2.0 - 1), measured);
    if (twin) {
        const int tx = x + 16 + fm.horizontalAdvance(measured) + 18;
        p.setPen(QPen(chartcolours::kAmber, 2, Qt::DashLine));
        p.drawLine(QPointF(tx, y), QPointF(tx + 18, y));
        p.setPen(text);
        p.drawText(QPointF(tx + 24, y + fm.ascent() / 2.0 - 1), predicted);
    }
}

} // namespace sds::gui
