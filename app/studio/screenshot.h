#pragma once

#include <QString>

class QWidget;

namespace sds::gui {

// Renders @p window as it looks now and writes a PNG to @p path. Returns an
// empty string on success, otherwise what went wrong, for the user.
QString saveScreenshot(QWidget *window, const QString &path);

// For --screenshot: waits until @p window is on screen and has painted, saves
// it to @p path and quits the application with 0, or 1 after printing why on
// stderr. Gives up after a few seconds if the window is never exposed.
void screenshotWhenRenderedThenQuit(QWidget *window, const QString &path, int settleMs = 300);

} // namespace sds::gui
