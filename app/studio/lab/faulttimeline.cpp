#include "app/studio/lab/faulttimeline.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace sds::gui {
namespace {
constexpr int kLaneHeight = 14;
constexpr int kMaxLanes = 4;
constexpr int kAxisHeight = 14;
constexpr int kLabelWidth = 110;
// The window shown: the design's run length, but neither a blink nor hours.
constexpr double kMinSpanS = 30;
constexpr double kMaxSpanS = 600;
// Where the cursor stays once the window scrolls, as a share of the window.
constexpr double kCursorAt = 0.9;

// A round step that gives about @p ticks ticks over @p span.
double niceStep(double span, int ticks)
{
    const double raw = span / std::max(ticks, 1);
    const double mag = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (raw <= m * mag)
            return m * mag;
    }
    return 10 * mag;
}
} // namespace

FaultTimeline::FaultTimeline(QWidget *parent)
    : QWidget(parent)
    , m_accent(QColor(0x2a, 0x62, 0xc9))
{
    setObjectName(QStringLiteral("faultTimeline"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize FaultTimeline::sizeHint() const
{
    return {600, kAxisHeight + 6 + std::max(1, laneCount()) * kLaneHeight};
}

QSize FaultTimeline::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

void FaultTimeline::setAccent(const QColor &accent)
{
    m_accent = accent;
    update();
}

void FaultTimeline::setPlan(const diagram::DiagramData &diagram)
{
    m_spans.removeIf([](const Span &s) { return s.planned; });
    for (const diagram::Fault &f : diagram.faults) {
        const diagram::Node *n = diagram.node(f.node);
        m_spans.append(
            Span{f.node, n ? n->displayName() : f.node, f.atS, f.atS + f.durationS, true});
    }
    m_durationS = std::max(1.0, diagram.run.durationS);
    m_lanes.clear();
    for (const Span &s : m_spans) {
        if (!m_lanes.contains(s.node))
            m_lanes.append(s.node);
    }
    updateGeometry();
    update();
}

double FaultTimeline::viewSpan() const
{
    return std::clamp(m_durationS, kMinSpanS, kMaxSpanS);
}

void FaultTimeline::setTime(double simTimeS)
{
    m_timeS = simTimeS;
    const double span = viewSpan();
    if (m_timeS > m_viewStartS + kCursorAt * span || m_timeS < m_viewStartS)
        m_viewStartS = std::max(0.0, m_timeS - kCursorAt * span);
    update();
}

void FaultTimeline::nodeFailed(const QString &node, const QString &label)
{
    m_spans.append(Span{node, label, m_timeS, -1, false});
    if (!m_lanes.contains(node))
        m_lanes.append(node);
    updateGeometry();
    update();
}

void FaultTimeline::nodeRestored(const QString &node)
{
    for (Span &s : m_spans) {
        if (!s.planned && s.node == node && s.toS < 0)
            s.toS = m_timeS;
    }
    update();
}

void FaultTimeline::reset()
{
    m_spans.removeIf([](const Span &s) { return !s.planned; });
    m_lanes.clear();
    for (const Span &s : m_spans) {
        if (!m_lanes.contains(s.node))
            m_lanes.append(s.node);
    }
    m_timeS = 0;
    m_viewStartS = 0;
    updateGeometry();
    update();
}

int FaultTimeline::laneCount() const
{
    return int(std::min<qsizetype>(m_lanes.size(), kMaxLanes));
}

int FaultTimeline::laneOf(const QString &node) const
{
    // Nodes past the last lane share it, so the strip never grows unbounded.
    return int(std::min<qsizetype>(m_lanes.indexOf(node), kMaxLanes - 1));
}

QRectF FaultTimeline::plotRect() const
{
    return QRectF(kLabelWidth, 2, width() - kLabelWidth - 10, height() - kAxisHeight - 4);
}

double FaultTimeline::xOf(double timeS) const
{
    const QRectF plot = plotRect();
    return plot.left() + plot.width() * std::clamp((timeS - m_viewStartS) / viewSpan(), 0.0, 1.0);
}

QRectF FaultTimeline::barRect(const Span &s, int lane) const
{
    const double end = s.toS < 0 ? std::max(m_timeS, s.fromS) : s.toS;
    if (end < m_viewStartS || s.fromS > m_viewStartS + viewSpan())
        return {}; // scrolled out of the window
    const double x0 = xOf(s.fromS);
    const double x1 = xOf(end);
    return QRectF(x0, plotRect().top() + lane * kLaneHeight + 2, std::max(3.0, x1 - x0),
                  kLaneHeight - 4);
}

qsizetype FaultTimeline::spanAt(QPointF p) const
{
    for (qsizetype i = m_spans.size() - 1; i >= 0; --i) {
        const QRectF r = barRect(m_spans.at(i), laneOf(m_spans.at(i).node));
        if (!r.isNull() && r.adjusted(-2, -2, 2, 2).contains(p))
            return i;
    }
    return -1;
}

void FaultTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    QColor muted = text;
    muted.setAlphaF(0.55);
    QColor faint = text;
    faint.setAlphaF(0.12);
    const QRectF plot = plotRect();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);

    // Elapsed part of the window, then the axis with ticks.
    const double now = xOf(m_timeS);
    p.fillRect(QRectF(plot.left(), plot.top(), now - plot.left(), plot.height()), faint);
    p.setPen(muted);
    const double axisY = plot.bottom() + 1;
    p.drawLine(QPointF(plot.left(), axisY), QPointF(plot.right(), axisY));
    const double span = viewSpan();
    // As many ticks as fit with room for their labels ("120 s").
    const int fit =
        int(plot.width() / (QFontMetrics(small).horizontalAdvance(QStringLiteral("0000 s")) + 12));
    const double step = niceStep(span, std::clamp(fit, 1, 8));
    for (double t = std::ceil(m_viewStartS / step - 1e-9) * step; t <= m_viewStartS + span + 1e-9;
         t += step) {
        const double x = xOf(t);
        p.drawLine(QPointF(x, axisY), QPointF(x, axisY + 3));
        p.drawText(QRectF(x - 30, axisY + 2, 60, kAxisHeight), Qt::AlignHCenter | Qt::AlignTop,
                   QStringLiteral("%1 s").arg(t));
    }

    if (m_lanes.isEmpty()) {
        p.drawText(QRectF(0, plot.top(), kLabelWidth - 8, plot.height()),
                   Qt::AlignRight | Qt::AlignVCenter, tr("Faults"));
        p.drawText(plot.adjusted(8, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("None planned. Right-click a node › Fail during a run."));
    } else {
        for (int lane = 0; lane < laneCount(); ++lane) {
            QString name = m_lanes.at(lane);
            for (const Span &s : m_spans) {
                if (s.node == name)
                    name = s.label;
            }
            if (lane == kMaxLanes - 1 && m_lanes.size() > kMaxLanes)
                name = tr("%n more", nullptr, int(m_lanes.size() - lane));
            const QRectF row(0, plot.top() + lane * kLaneHeight, kLabelWidth - 8, kLaneHeight);
            p.setPen(text);
            p.drawText(row, Qt::AlignRight | Qt::AlignVCenter,
                       p.fontMetrics().elidedText(name, Qt::ElideRight, int(row.width())));
        }
        const QColor down(0xd0, 0x3b, 0x3b);
        for (const Span &s : m_spans) {
            const QRectF r = barRect(s, laneOf(s.node));
            if (r.isNull())
                continue;
            QColor fill = down;
            fill.setAlphaF(s.planned ? 0.85 : 0.55);
            p.setPen(s.planned ? Qt::NoPen : QPen(down, 1.2, Qt::DashLine));
            p.setBrush(fill);
            p.drawRoundedRect(r, 3, 3);
        }
    }
    // The cursor: where the run is now.
    p.setPen(QPen(m_accent, 2));
    p.drawLine(QPointF(now, plot.top()), QPointF(now, axisY));
}

void FaultTimeline::mousePressEvent(QMouseEvent *event)
{
    const qsizetype i = spanAt(event->position());
    if (i >= 0)
        emit nodeClicked(m_spans.at(i).node);
    QWidget::mousePressEvent(event);
}

bool FaultTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const qsizetype i = spanAt(help->pos());
        if (i < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const Span &s = m_spans.at(i);
        const QString when = s.toS < 0
                                 ? tr("down since %1 s, not yet restored").arg(s.fromS, 0, 'f', 1)
                                 : tr("down from %1 s to %2 s (%3 s)")
                                       .arg(s.fromS, 0, 'f', 1)
                                       .arg(s.toS, 0, 'f', 1)
                                       .arg(s.toS - s.fromS, 0, 'f', 1);
        QToolTip::showText(
            help->globalPos(),
            tr("%1: %2 · %3")
                .arg(s.label, when, s.planned ? tr("planned in the file") : tr("failed by hand")),
            this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace sds::gui
