#include "app/studio/review/heatmapwidget.h"

#include "app/studio/theme.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace sds::gui {
namespace {

constexpr qreal kMaxCell = 15;
constexpr qreal kMinCell = 6;

} // namespace

HeatmapWidget::HeatmapWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("reviewHeatmap"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void HeatmapWidget::setCounts(const QDate &lastDay, const QList<int> &counts)
{
    m_lastDay = lastDay;
    m_counts = counts;
    m_max = counts.isEmpty() ? 0 : *std::max_element(counts.cbegin(), counts.cend());
    updateGeometry();
    update();
}

int HeatmapWidget::count(const QDate &day) const
{
    if (!m_lastDay.isValid() || day > m_lastDay || day < firstDay())
        return 0;
    return m_counts.at(m_counts.size() - 1 - qsizetype(day.daysTo(m_lastDay)));
}

int HeatmapWidget::level(int count) const
{
    if (count <= 0 || m_max <= 0)
        return 0;
    return std::clamp(int(std::ceil(4.0 * count / m_max)), 1, 4);
}

QString HeatmapWidget::toolTipFor(const QDate &day) const
{
    const int n = count(day);
    const QString date = QLocale().toString(day, QLocale::LongFormat);
    return n == 0 ? tr("%1: no reviews").arg(date) : tr("%1: %n review(s)", nullptr, n).arg(date);
}

QDate HeatmapWidget::firstMonday() const
{
    const QDate first = firstDay();
    return first.addDays(1 - first.dayOfWeek());
}

HeatmapWidget::Geometry HeatmapWidget::geometry() const
{
    Geometry g;
    const QFontMetricsF fm(font());
    const qreal left = fm.horizontalAdvance(QStringLiteral("Wed")) + 8;
    const qreal top = fm.height() + 4;
    g.weeks = m_lastDay.isValid() ? int(firstMonday().daysTo(m_lastDay) / 7) + 1 : 53;
    const qreal pitch = std::clamp((width() - left - 4) / g.weeks, kMinCell, kMaxCell + 3);
    g.gap = std::max<qreal>(2, std::round(pitch * 0.18));
    g.cell = pitch - g.gap;
    g.origin = QPointF(left, top);
    return g;
}

QRectF HeatmapWidget::cellRect(const Geometry &g, const QDate &day) const
{
    const qint64 offset = firstMonday().daysTo(day);
    const qreal pitch = g.cell + g.gap;
    return {g.origin.x() + qreal(offset / 7) * pitch, g.origin.y() + qreal(offset % 7) * pitch,
            g.cell, g.cell};
}

QDate HeatmapWidget::dayAt(const QPoint &pos) const
{
    if (!m_lastDay.isValid())
        return {};
    const Geometry g = geometry();
    const qreal pitch = g.cell + g.gap;
    const qreal x = pos.x() - g.origin.x(), y = pos.y() - g.origin.y();
    if (x < 0 || y < 0)
        return {};
    const int week = int(x / pitch), weekday = int(y / pitch);
    if (week >= g.weeks || weekday >= 7)
        return {};
    const QDate day = firstMonday().addDays(qint64(week) * 7 + weekday);
    if (day < firstDay() || day > m_lastDay || !cellRect(g, day).contains(pos))
        return {};
    return day;
}

QSize HeatmapWidget::sizeHint() const
{
    const QFontMetrics fm(font());
    const int height = int(fm.height() + 4 + 7 * (kMaxCell + 3) + fm.height() + 14);
    return {int(fm.horizontalAdvance(QStringLiteral("Wed")) + 12 + 53 * (kMaxCell + 3)), height};
}

QSize HeatmapWidget::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {int(fm.horizontalAdvance(QStringLiteral("Wed")) + 12 + 53 * kMinCell),
            sizeHint().height()};
}

void HeatmapWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor base = pal.color(QPalette::Base);
    const QColor accent = pal.color(QPalette::Highlight);
    const QColor muted = blend(text, base, 0.6);
    const std::array<QColor, 5> shades = {blend(text, base, 0.08), blend(accent, base, 0.3),
                                          blend(accent, base, 0.55), blend(accent, base, 0.8),
                                          accent};
    if (!m_lastDay.isValid())
        return;
    const Geometry g = geometry();
    const QFontMetricsF fm(font());
    p.setFont(font());

    // Weekday names on Monday, Wednesday and Friday rows.
    p.setPen(muted);
    for (const int row : {0, 2, 4}) {
        const QRectF r(0, g.origin.y() + row * (g.cell + g.gap), g.origin.x() - 6, g.cell);
        p.drawText(r, Qt::AlignRight | Qt::AlignVCenter,
                   QLocale().dayName(row + 1, QLocale::ShortFormat));
    }
    // Month names over the week holding each month's first day.
    const QDate first = firstDay();
    for (QDate d(first.year(), first.month(), 1); d <= m_lastDay; d = d.addMonths(1)) {
        if (d < first)
            continue;
        const QRectF cell = cellRect(g, d);
        p.drawText(QPointF(cell.left(), g.origin.y() - 5),
                   QLocale().standaloneMonthName(d.month(), QLocale::ShortFormat));
    }

    const qreal radius = std::max<qreal>(1.5, g.cell * 0.2);
    for (QDate d = first; d <= m_lastDay; d = d.addDays(1)) {
        const QRectF r = cellRect(g, d);
        p.setPen(Qt::NoPen);
        p.setBrush(shades[std::size_t(level(count(d)))]);
        p.drawRoundedRect(r, radius, radius);
    }
    // Today, outlined.
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(text, 1.5));
    p.drawRoundedRect(cellRect(g, m_lastDay).adjusted(-1, -1, 1, 1), radius + 1, radius + 1);

    // The key: Less ▢▢▢▢▢ More, under the last weeks.
    const qreal keyY = g.origin.y() + 7 * (g.cell + g.gap) + 6;
    const QString less = tr("Less"), more = tr("More");
    qreal x = g.origin.x() + g.weeks * (g.cell + g.gap) - g.gap - fm.horizontalAdvance(more);
    p.setPen(muted);
    p.drawText(QPointF(x, keyY + g.cell - 2), more);
    x -= 6;
    for (int i = 4; i >= 0; --i) {
        x -= g.cell;
        p.setPen(Qt::NoPen);
        p.setBrush(shades[std::size_t(i)]);
        p.drawRoundedRect(QRectF(x, keyY, g.cell, g.cell), radius, radius);
        x -= g.gap;
    }
    p.setPen(muted);
    p.drawText(QPointF(x - 4 - fm.horizontalAdvance(less), keyY + g.cell - 2), less);
}

bool HeatmapWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QDate day = dayAt(help->pos());
        if (day.isValid())
            QToolTip::showText(help->globalPos(), toolTipFor(day), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace sds::gui
