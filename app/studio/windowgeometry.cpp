#include "app/studio/windowgeometry.h"

#include <QCoreApplication>
#include <QEvent>
#include <QPointer>
#include <QRect>
#include <QScreen>
#include <QSettings>
#include <QWidget>

#include <algorithm>

namespace sds::gui {

namespace {

// Saves the window's geometry when it is hidden; a child of the window, so
// it goes with it. The settings are MainWindow's and may go first in tests.
class GeometryKeeper final : public QObject
{
public:
    GeometryKeeper(QWidget &window, QSettings &settings, const QString &key)
        : QObject(&window)
        , m_window(window)
        , m_settings(&settings)
        , m_key(key)
    {
        window.installEventFilter(this);
        // Quitting does not hide the window before it is destroyed.
        connect(qApp, &QCoreApplication::aboutToQuit, this, [this] {
            if (m_window.isVisible())
                save();
        });
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == &m_window && event->type() == QEvent::Hide && !event->spontaneous())
            save();
        return false;
    }

private:
    void save()
    {
        if (m_settings)
            m_settings->setValue(m_key, m_window.saveGeometry());
    }

    QWidget &m_window;
    QPointer<QSettings> m_settings;
    QString m_key;
};

} // namespace

void showInFront(QWidget &window)
{
    window.show();
    window.raise();
    window.activateWindow();
}

QRect centredRect(const QRect &available, const QPoint &centre, QSizeF share, QSize minimum)
{
    const QSize size =
        QSize(int(available.width() * share.width()), int(available.height() * share.height()))
            .expandedTo(minimum)
            .boundedTo(available.size());
    QRect r(QPoint(), size);
    r.moveCenter(centre);
    // Over a window near the screen's edge it would stick out: keep it on screen.
    r.moveLeft(std::clamp(r.left(), available.left(), available.right() - r.width() + 1));
    r.moveTop(std::clamp(r.top(), available.top(), available.bottom() - r.height() + 1));
    return r;
}

void placeWindow(QWidget &window, const QWidget &anchor, QSizeF share, QSettings *settings,
                 const QString &key)
{
    if (settings)
        new GeometryKeeper(window, *settings, key);
    // restoreGeometry() also moves a window saved on a screen now gone back onto one.
    if (settings && window.restoreGeometry(settings->value(key).toByteArray()))
        return;
    const QWidget *over = anchor.window();
    QScreen *screen = over->screen();
    const QRect available = screen->availableGeometry();
    const QRect frame = over->isVisible() ? over->frameGeometry() : available;
    const QRect r =
        centredRect(available, frame.center(), share, window.minimumSizeHint().expandedTo({0, 0}));
    window.resize(r.size());
    window.move(r.topLeft());
}

} // namespace sds::gui
