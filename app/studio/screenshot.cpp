#include "app/studio/screenshot.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QImage>
#include <QImageWriter>
#include <QPixmap>
#include <QTimer>
#include <QWidget>
#include <QWindow>

#include <cstdio>

namespace sds::gui {

namespace {
constexpr int kPollMs = 20;
constexpr int kExposeTimeoutMs = 10000;
} // namespace

QString saveScreenshot(QWidget *window, const QString &path)
{
    const QPixmap shot = window->grab();
    if (shot.isNull())
        return QStringLiteral("the window could not be rendered");
    QImageWriter writer(path, "png");
    if (!writer.write(shot.toImage()))
        return QStringLiteral("cannot write %1: %2").arg(path, writer.errorString());
    return {};
}

void screenshotWhenRenderedThenQuit(QWidget *window, const QString &path, int settleMs)
{
    auto *poll = new QTimer(window);
    const QDeadlineTimer deadline(kExposeTimeoutMs);
    poll->setInterval(kPollMs);
    QObject::connect(poll, &QTimer::timeout, window, [=] {
        const QWindow *handle = window->windowHandle();
        const bool exposed = handle && handle->isExposed();
        if (!exposed && !deadline.hasExpired())
            return;
        poll->stop();
        poll->deleteLater();
        if (!exposed) {
            std::fprintf(stderr, "sdstudio: the window never appeared on screen; no screenshot\n");
            QApplication::exit(1);
            return;
        }
        QTimer::singleShot(settleMs, window, [=] {
            const QString error = saveScreenshot(window, path);
            if (!error.isEmpty()) {
                std::fprintf(stderr, "sdstudio: %s\n", qPrintable(error));
                QApplication::exit(1);
                return;
            }
            std::fprintf(stdout, "sdstudio: screenshot saved to %s\n", qPrintable(path));
            QApplication::exit(0);
        });
    });
    poll->start();
}

} // namespace sds::gui
