#pragma once

#include <QString>

namespace sds::gui {

// Where this run of the application reads and writes, decided once at start.
struct AppContext {
    QString dataDir;    // absolute, existing, writable
    QString contentDir; // empty: the content compiled into the binary
};

} // namespace sds::gui
