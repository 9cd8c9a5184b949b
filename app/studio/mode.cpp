#include "app/studio/mode.h"

#include <QCoreApplication>

namespace sds::gui {

QString modeKey(Mode mode)
{
    switch (mode) {
    case Mode::Learn:
        return QStringLiteral("learn");
    case Mode::Lab:
        return QStringLiteral("lab");
    case Mode::Review:
        return QStringLiteral("review");
    }
    return {};
}

std::optional<Mode> modeFromKey(QStringView key)
{
    for (Mode m : kAllModes) {
        if (key.compare(modeKey(m), Qt::CaseInsensitive) == 0)
            return m;
    }
    return std::nullopt;
}

QString modeTitle(Mode mode)
{
    switch (mode) {
    case Mode::Learn:
        return QCoreApplication::translate("Mode", "Learn");
    case Mode::Lab:
        return QCoreApplication::translate("Mode", "Lab");
    case Mode::Review:
        return QCoreApplication::translate("Mode", "Review");
    }
    return {};
}

} // namespace sds::gui
