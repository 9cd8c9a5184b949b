#pragma once

#include <QMouseEvent>

namespace sds::gui {

// The mouse's back and forward buttons walk the reader's history wherever
// they are pressed: -1 for back, +1 for forward, 0 for any other event.
inline int historyStep(const QEvent *event)
{
    if (event->type() != QEvent::MouseButtonPress)
        return 0;
    const Qt::MouseButton button = static_cast<const QMouseEvent *>(event)->button();
    return button == Qt::BackButton ? -1 : button == Qt::ForwardButton ? 1 : 0;
}

} // namespace sds::gui
