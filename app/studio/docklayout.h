#pragma once

#include <QByteArray>

class QMainWindow;

namespace sds::gui {

// A main window's docks and toolbars as kept in the settings: the layout
// version and the names of the docks and toolbars travel with
// QMainWindow::saveState(), so a layout saved under another version or
// with another set of docks (one added, removed or renamed since) is
// refused and the window keeps its default layout instead of a broken one.
QByteArray saveDockLayout(const QMainWindow &window, int version);
// False, changing nothing, if @p saved is empty, of another version or
// of other docks and toolbars.
bool restoreDockLayout(QMainWindow &window, const QByteArray &saved, int version);

} // namespace sds::gui
