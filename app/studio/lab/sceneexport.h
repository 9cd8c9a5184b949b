#pragma once

#include <QColor>
#include <QString>

namespace sds::gui {

class DiagramScene;

// Writes the scene's nodes and edges (not the selection marks) as a PNG at
// twice the screen resolution, or as SVG when @p path ends in .svg, on
// @p background. Returns why not, or an empty string.
QString exportScene(DiagramScene &scene, const QString &path, const QColor &background,
                    const QString &title);

} // namespace sds::gui
