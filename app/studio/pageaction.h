#pragma once

#include <QAction>
#include <QKeySequence>
#include <QWidget>

#include <utility>

namespace sds::gui {

// An action whose shortcut works while the keyboard focus is inside @p page
// (Learn, Lab or Review), so one key can mean something different in each
// mode; it can also be listed in the menus.
template <typename Slot>
QAction *addPageAction(QWidget *page, const QString &text, const QKeySequence &key, Slot &&slot)
{
    auto *action = new QAction(text, page);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(action, &QAction::triggered, page, std::forward<Slot>(slot));
    page->addAction(action);
    return action;
}

} // namespace sds::gui
