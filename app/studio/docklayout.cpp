#include "app/studio/docklayout.h"

#include <QDataStream>
#include <QDockWidget>
#include <QIODevice>
#include <QMainWindow>
#include <QStringList>
#include <QToolBar>

namespace sds::gui {

namespace {

constexpr quint32 kMagic = 0x5344444c; // "SDDL": not a bare saveState() of old

QStringList partNames(const QMainWindow &window)
{
    QStringList names;
    for (const QDockWidget *d : window.findChildren<QDockWidget *>())
        names << QStringLiteral("dock:") + d->objectName();
    for (const QToolBar *t : window.findChildren<QToolBar *>()) {
        if (t->parentWidget() == &window)
            names << QStringLiteral("toolbar:") + t->objectName();
    }
    names.sort();
    return names;
}

} // namespace

QByteArray saveDockLayout(const QMainWindow &window, int version)
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream << kMagic << qint32(version) << partNames(window) << window.saveState(version);
    return out;
}

bool restoreDockLayout(QMainWindow &window, const QByteArray &saved, int version)
{
    if (saved.isEmpty())
        return false;
    QDataStream stream(saved);
    quint32 magic = 0;
    qint32 savedVersion = 0;
    QStringList names;
    QByteArray state;
    stream >> magic >> savedVersion >> names >> state;
    if (stream.status() != QDataStream::Ok || magic != kMagic || savedVersion != version ||
        names != partNames(window))
        return false;
    return window.restoreState(state, version);
}

} // namespace sds::gui
