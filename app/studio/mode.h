#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace sds::gui {

// The three full-page modes of the main window, in sidebar order.
enum class Mode { Learn, Lab, Review };

inline constexpr std::array kAllModes{Mode::Learn, Mode::Lab, Mode::Review};

// Stable key used on the command line (--view) and in saved settings.
QString modeKey(Mode mode);
std::optional<Mode> modeFromKey(QStringView key);
// Name shown to the user in the sidebar, menus and status bar.
QString modeTitle(Mode mode);

} // namespace sds::gui
