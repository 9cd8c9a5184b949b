#include "app/studio/lab/diagramclipboard.h"

#include "app/studio/lab/diagramscene.h"
#include "core/diagram/diagramformat.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

namespace sds::gui {

void copyDiagram(const diagram::DiagramData &part)
{
    auto *mime = new QMimeData;
    const QByteArray json = diagram::serializeDiagram(part);
    mime->setData(QLatin1String(kDiagramMimeType), json);
    mime->setText(QString::fromUtf8(json));
    QGuiApplication::clipboard()->setMimeData(mime);
}

std::optional<diagram::DiagramData> pastedDiagram()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime)
        return std::nullopt;
    const QByteArray json = mime->hasFormat(QLatin1String(kDiagramMimeType))
                                ? mime->data(QLatin1String(kDiagramMimeType))
                                : mime->text().toUtf8();
    diagram::LoadResult r = diagram::parseDiagram(json);
    if (!r.ok() || r.diagram.nodes.isEmpty())
        return std::nullopt;
    return std::move(r.diagram);
}

} // namespace sds::gui
