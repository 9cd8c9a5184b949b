#pragma once

#include <QGraphicsView>

namespace sds::gui {

// The canvas viewport: a dotted grid, rubber-band selection, zoom with
// Ctrl+wheel (and Ctrl+0 to fit), pan with the middle button or Space+drag.
class DiagramView final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagramView)

public:
    explicit DiagramView(QGraphicsScene *scene, QWidget *parent = nullptr);

    void zoomBy(qreal factor);
    void fitAll();
    qreal zoom() const;

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    bool focusNextPrevChild(bool next) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool m_fitPending = false; // asked to fit before the view had its real size
    bool m_fitted = false;     // showing the fit, not a zoom or pan of the user's
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panFrom;
};

} // namespace sds::gui
