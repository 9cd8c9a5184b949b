#pragma once

#include "core/diagram/diagramdata.h"

#include <QList>
#include <QWidget>

namespace sds::gui {

// A strip under the lab's toolbar showing the run as a time line: the faults
// the diagram file plans (a bar per node, from its start for its duration),
// failures the user caused from a node's menu (open until restored), and a
// cursor at the current simulated time. Clicking a bar selects its node.
// The lab's run is open-ended, so the strip shows a window as long as the
// design's run length (within bounds) that scrolls once the cursor nears its end.
class FaultTimeline final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultTimeline)

public:
    struct Span {
        QString node;
        QString label;
        double fromS = 0;
        double toS = -1; ///< < 0: still down
        bool planned = true;
    };

    explicit FaultTimeline(QWidget *parent = nullptr);

    /** The diagram's planned faults and run length; keeps manual spans. */
    void setPlan(const diagram::DiagramData &diagram);
    void setTime(double simTimeS);
    void nodeFailed(const QString &node, const QString &label);
    void nodeRestored(const QString &node);
    /** Back to time zero: manual spans go, planned ones stay. */
    void reset();

    const QList<Span> &spans() const { return m_spans; }
    double duration() const { return m_durationS; }
    double time() const { return m_timeS; }
    /** The simulated time at the strip's left edge, and the span it shows. */
    double viewStart() const { return m_viewStartS; }
    double viewSpan() const;
    /** Where span @p i is drawn, in widget coordinates. */
    QRectF spanRect(qsizetype i) const
    {
        return barRect(m_spans.at(i), laneOf(m_spans.at(i).node));
    }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    void setAccent(const QColor &accent);

signals:
    void nodeClicked(const QString &node);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF barRect(const Span &s, int lane) const;
    QRectF plotRect() const;
    double xOf(double timeS) const;
    int laneOf(const QString &node) const;
    int laneCount() const;
    qsizetype spanAt(QPointF p) const;

    QList<Span> m_spans;
    QStringList m_lanes;
    double m_durationS = 60;
    double m_timeS = 0;
    double m_viewStartS = 0;
    QColor m_accent;
};

} // namespace sds::gui
