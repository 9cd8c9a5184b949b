#include "app/studio/emptystate.h"

#include "app/studio/icons.h"
#include "app/studio/theme.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace sds::gui {

namespace {
constexpr int kIconSize = 96;
constexpr int kTextWidth = 520;
} // namespace

EmptyState::EmptyState(const QString &iconName, const QString &title, const QString &text,
                       QWidget *parent)
    : QWidget(parent)
    , m_iconName(iconName)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(title, this))
    , m_text(new QLabel(text, this))
{
    m_icon->setAlignment(Qt::AlignCenter);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setObjectName(QStringLiteral("emptyTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setFixedWidth(kTextWidth);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_icon, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addWidget(m_title, 0, Qt::AlignHCenter);
    layout->addSpacing(6);
    layout->addWidget(m_text, 0, Qt::AlignHCenter);
    layout->addStretch(3);
    fitText();
    updateColors();
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

void EmptyState::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateColors();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitText();
    QWidget::changeEvent(event);
}

void EmptyState::fitText()
{
    // A word-wrapped label placed with an alignment gets no height-for-width
    // from the layout, so give it the height its wrapped text needs.
    m_text->setFixedHeight(m_text->heightForWidth(kTextWidth));
}

void EmptyState::updateColors()
{
    const QPalette p = palette();
    const QColor fg = p.color(QPalette::WindowText);
    const QColor bg = p.color(QPalette::Window);
    m_icon->setPixmap(themedIcon(m_iconName, blend(fg, bg, 0.45)).pixmap(kIconSize, kIconSize));
    QPalette textPalette = m_text->palette();
    textPalette.setColor(QPalette::WindowText, blend(fg, bg, 0.75));
    m_text->setPalette(textPalette);
}

} // namespace sds::gui
