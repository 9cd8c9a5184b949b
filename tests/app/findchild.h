#pragma once

#include <QObject>

// The child of @p parent called @p name, as the GUI tests reach a page's
// parts (pages have no getters for tests). The test stops at once when there
// is none, since every later check would be about nothing.
template <class T> T *child(const QObject &parent, const char *name)
{
    T *found = parent.findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no %s named %s", T::staticMetaObject.className(), name);
    return found;
}
