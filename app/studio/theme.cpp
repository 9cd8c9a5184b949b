#include "app/studio/theme.h"

#include "core/content/pagerender.h"

#include <QApplication>
#include <QEvent>
#include <QFont>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

#include <algorithm>

namespace sds::gui {

namespace {

const QColor kAccentLight(0x25, 0x63, 0xeb);
const QColor kAccentDark(0x60, 0xa5, 0xfa);

QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, kAccentLight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, kAccentLight);
    return p;
}

QPalette darkPalette()
{
    const QColor window(0x25, 0x27, 0x2b);
    const QColor base(0x1b, 0x1d, 0x20);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor muted(0x80, 0x84, 0x8a);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2f, 0x32, 0x37));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x36, 0x3b));
    p.setColor(QPalette::Mid, QColor(0x22, 0x24, 0x27));
    p.setColor(QPalette::Dark, QColor(0x15, 0x16, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, kAccentDark);
    p.setColor(QPalette::HighlightedText, QColor(0x10, 0x12, 0x14));
    p.setColor(QPalette::Link, kAccentDark);
    p.setColor(QPalette::LinkVisited, QColor(0xc0, 0x84, 0xfc));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, muted);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x44, 0x47, 0x4d));
    return p;
}

} // namespace

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * t + b.redF() * (1 - t)),
                            float(a.greenF() * t + b.greenF() * (1 - t)),
                            float(a.blueF() * t + b.blueF() * (1 - t)));
}

content::PageStyle pageStyle(const QPalette &palette, QColor accent, int zoom)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    content::PageStyle style;
    style.text = text.name();
    style.muted = blend(text, base, 0.62).name();
    style.link = accent.name();
    style.border = blend(text, base, 0.28).name();
    style.tableHeader = blend(text, base, 0.08).name();
    style.calloutBackground = blend(accent, base, 0.13).name();
    style.calloutBorder = accent.name();
    style.codeBackground = blend(text, base, 0.07).name();
    style.basePointSize = std::clamp(QApplication::font().pointSize() + 1 + zoom, 7, 30);
    return style;
}

QString themeKey(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::System:
        return QStringLiteral("system");
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    }
    return {};
}

std::optional<ThemeChoice> themeFromKey(const QString &key)
{
    for (auto c : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark}) {
        if (key == themeKey(c))
            return c;
    }
    return std::nullopt;
}

Theme::Theme(QObject *parent)
    : QObject(parent)
{
    // Fusion draws both palettes faithfully; platform styles may ignore a
    // dark palette and leave white buttons on a dark window.
    if (QApplication::style()->name().compare(u"fusion", Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    qApp->installEventFilter(this);
    refreshDarkness();
}

void Theme::setChoice(ThemeChoice choice)
{
    m_choice = choice;
    switch (choice) {
    case ThemeChoice::System:
        // An empty palette hands the colours back to the platform theme, so
        // later desktop switches between light and dark reach the app.
        QApplication::setPalette(QPalette());
        break;
    case ThemeChoice::Light:
        QApplication::setPalette(lightPalette());
        break;
    case ThemeChoice::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
    refreshDarkness();
}

QColor Theme::accent() const
{
    return m_accent;
}

bool Theme::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
        refreshDarkness();
    return QObject::eventFilter(watched, event);
}

void Theme::refreshDarkness()
{
    const QPalette p = QApplication::palette();
    const bool dark =
        p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
    // Under "System" the platform's highlight is the accent, so a user's
    // desktop accent colour carries over.
    const QColor accent = m_choice == ThemeChoice::System ? p.color(QPalette::Highlight)
                          : dark                          ? kAccentDark
                                                          : kAccentLight;
    if (dark == m_dark && accent == m_accent)
        return;
    m_dark = dark;
    m_accent = accent;
    emit changed();
}

} // namespace sds::gui
