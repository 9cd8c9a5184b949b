#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace sds::gui {

// Our icons are single-colour SVGs drawn with `currentColor`; this paints
// them in @p color at any size, so they stay crisp on high-DPI screens and
// follow the light or dark theme. @p name is the file name under
// resources/icons without ".svg". Disabled icons are drawn faded; checked
// ones (QIcon::On) in @p checkedColor when it is given.
QIcon themedIcon(const QString &name, const QColor &color, const QColor &checkedColor = {});

// A full-colour SVG (the application icon), drawn as it is.
QIcon colorIcon(const QString &name);

} // namespace sds::gui
