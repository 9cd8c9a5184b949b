#include "app/studio/modebar.h"

#include "app/studio/theme.h"

#include <QAction>
#include <QToolButton>
#include <QVBoxLayout>

namespace sds::gui {

namespace {
constexpr int kWidth = 88;
constexpr int kIconSize = 28;
} // namespace

ModeBar::ModeBar(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("modeBar"));
    setFixedWidth(kWidth);
    setAttribute(Qt::WA_StyledBackground);
    m_layout->setContentsMargins(6, 10, 6, 10);
    m_layout->setSpacing(6);
    m_layout->addStretch();
}

QToolButton *ModeBar::addModeAction(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    button->setIconSize(QSize(kIconSize, kIconSize));
    button->setAutoRaise(true);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    button->setFocusPolicy(Qt::TabFocus);
    m_layout->insertWidget(m_layout->count() - 1, button);
    return button;
}

void ModeBar::setColors(const QPalette &palette, const QColor &accent)
{
    // Set a shade apart from the page in both themes, with the accent as a
    // soft tint behind the current mode.
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    const auto css = [](const QColor &c) {
        return QStringLiteral("rgba(%1,%2,%3,%4)")
            .arg(c.red())
            .arg(c.green())
            .arg(c.blue())
            .arg(c.alphaF());
    };
    QColor tint = accent;
    tint.setAlphaF(0.2f);
    setStyleSheet(QStringLiteral("#modeBar { background: %1; border-right: 1px solid %2; }"
                                 "#modeBar QToolButton { border: none; border-radius: 8px;"
                                 " padding: 6px 2px; color: %3; }"
                                 "#modeBar QToolButton:hover { background: %4; }"
                                 "#modeBar QToolButton:checked { background: %5; color: %6;"
                                 " font-weight: 600; }")
                      .arg(css(blend(text, window, 0.05)), css(blend(text, window, 0.15)),
                           css(text), css(blend(text, window, 0.1)), css(tint), css(accent)));
}

} // namespace sds::gui
