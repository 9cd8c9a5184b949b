#pragma once

#include "app/studio/mode.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace sds::gui {

// What the command line asked the window to do.
struct StartupOptions {
    std::optional<Mode> view;    // empty: restore the last mode
    QString contentDir;          // empty: the content built into the binary
    QString dataDir;             // empty: the platform default
    QString screenshotPath;      // non-empty: save a PNG of the window and exit
    int screenshotDelayMs = 300; // wait after the window is shown, before the PNG
    QString openFile;            // a diagram to open in the lab
    QString scenario;            // a lab template to open, by id
    bool run = false;            // start the lab's traffic once open
    QString topic;               // a reader page to open, by id
    QString search;              // with topic: words to mark on the page
};

struct StartupParse {
    enum class Action { Run, ShowHelp, ShowVersion, Error };
    Action action = Action::Run;
    StartupOptions options;
    QString text; // help or version text, or the error message
};

// Parses sdstudio's arguments (arguments[0] is the program). Runs without a
// QApplication, so --help and --version work where no display exists.
StartupParse parseStartupOptions(const QStringList &arguments);

} // namespace sds::gui
