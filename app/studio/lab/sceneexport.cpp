#include "app/studio/lab/sceneexport.h"

#include "app/studio/lab/diagramscene.h"
#include "app/studio/lab/edgeitem.h"
#include "app/studio/lab/nodeitem.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace sds::gui {

QString exportScene(DiagramScene &scene, const QString &path, const QColor &background,
                    const QString &title)
{
    QRectF bounds;
    for (QGraphicsItem *item : scene.items()) {
        if (item->type() == NodeItem::Type || item->type() == EdgeItem::Type)
            bounds = bounds.united(item->sceneBoundingRect());
    }
    if (bounds.isEmpty())
        return QCoreApplication::translate("LabPage", "The canvas is empty.");
    bounds.adjust(-24, -24, 24, 24);
    const QList<QGraphicsItem *> selected = scene.selectedItems();
    scene.clearSelection(); // a picture without selection marks
    bool ok = false;
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(bounds.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), bounds.size()));
        svg.setTitle(title);
        QPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            painter.fillRect(QRectF(QPointF(0, 0), bounds.size()), background);
            scene.render(&painter, QRectF(QPointF(0, 0), bounds.size()), bounds);
            ok = painter.end() && QFileInfo(path).size() > 0;
        }
    } else {
        QImage image((bounds.size() * 2).toSize(), QImage::Format_ARGB32);
        image.fill(background);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, QRectF(QPointF(0, 0), image.size()), bounds);
        painter.end();
        ok = image.save(path, "PNG");
    }
    for (QGraphicsItem *item : selected)
        item->setSelected(true);
    return ok ? QString() : QCoreApplication::translate("LabPage", "Cannot write %1.").arg(path);
}

} // namespace sds::gui
