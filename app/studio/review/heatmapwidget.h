#pragma once

#include <QDate>
#include <QList>
#include <QWidget>

namespace sds::gui {

// A year of reviews as a calendar: one column per week (Monday at the top),
// one cell per day, darker the more reviews that day; a tooltip gives the
// date and the count. Painted by hand in the palette's colours, so it
// follows the light and dark themes.
class HeatmapWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeatmapWidget)

public:
    explicit HeatmapWidget(QWidget *parent = nullptr);

    /** @p counts are reviews per day, oldest first, the last on @p lastDay. */
    void setCounts(const QDate &lastDay, const QList<int> &counts);
    int count(const QDate &day) const;
    QDate firstDay() const { return m_lastDay.addDays(1 - m_counts.size()); }
    QDate lastDay() const { return m_lastDay; }
    /** The day painted at @p pos, or an invalid date. */
    QDate dayAt(const QPoint &pos) const;
    /** 0 for no reviews, else 1 to 4 by the share of the busiest day. */
    int level(int count) const;
    QString toolTipFor(const QDate &day) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Geometry {
        qreal cell = 0;
        qreal gap = 0;
        QPointF origin; // top left of the first week's Monday
        int weeks = 0;
    };
    Geometry geometry() const;
    QDate firstMonday() const;
    QRectF cellRect(const Geometry &g, const QDate &day) const;

    QDate m_lastDay;
    QList<int> m_counts;
    int m_max = 0;
};

} // namespace sds::gui
