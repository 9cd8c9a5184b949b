#pragma once

#include <QPoint>
#include <QSize>
#include <QSizeF>

class QRect;
class QSettings;
class QString;
class QWidget;

namespace sds::gui {

// A window of its own (the card browser, the statistics) opens where the
// learner left it: the geometry saved under @p key in @p settings; the first
// time, or without settings, centred over @p anchor's window at @p share of
// the screen's available area, never larger than that area. From then on its
// geometry is saved under @p key whenever it is hidden (closed) and when the
// app quits with it open. Call once, before the window is first shown.
void placeWindow(QWidget &window, const QWidget &anchor, QSizeF share, QSettings *settings,
                 const QString &key);

// Shows @p window, raised above the others and active.
void showInFront(QWidget &window);

// Where placeWindow() puts a window that has no saved geometry: @p share of
// @p available (at least @p minimum, at most @p available), centred on
// @p centre and moved inside @p available.
QRect centredRect(const QRect &available, const QPoint &centre, QSizeF share, QSize minimum);

} // namespace sds::gui
