#pragma once

#include <QColor>
#include <QObject>
#include <QString>

#include <optional>

class QPalette;

namespace sds::content {
struct PageStyle;
}

namespace sds::gui {

enum class ThemeChoice { System, Light, Dark };

// Mixes two colours: @p t = 1 gives @p a, 0 gives @p b. Muted text and
// icons are the text colour blended towards the background.
QColor blend(const QColor &a, const QColor &b, qreal t);

// The reader's page colours from @p palette and @p accent, and its type
// size: the application font's, one point larger, plus @p zoom steps.
content::PageStyle pageStyle(const QPalette &palette, QColor accent, int zoom);

QString themeKey(ThemeChoice choice);
std::optional<ThemeChoice> themeFromKey(const QString &key);

// Applies the light or dark palette to the whole application, or hands the
// palette back to the platform when the choice is "follow the system". Emits
// changed() whenever the effective darkness or accent changes, whether the user picked a
// theme or the desktop switched under a "System" choice, so views that draw
// their own colours (icons, page stylesheets) can follow.
class Theme final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Theme)

public:
    explicit Theme(QObject *parent = nullptr);

    ThemeChoice choice() const { return m_choice; }
    void setChoice(ThemeChoice choice);

    bool isDark() const { return m_dark; }
    // The one accent colour of the app, tuned for the current darkness.
    QColor accent() const;

signals:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshDarkness();

    ThemeChoice m_choice = ThemeChoice::System;
    bool m_dark = false;
    QColor m_accent;
};

} // namespace sds::gui
