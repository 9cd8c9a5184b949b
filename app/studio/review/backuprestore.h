#pragma once

#include <QDateTime>

#include <optional>

class QWidget;

namespace sds::cards {
class Collection;
}

namespace sds::gui {

// Offers to put the latest backup in place of a collection that would not
// open, and does it on Yes (the damaged file is kept beside it, renamed).
// The time of the backup restored, or nothing (no backup, No, or a failure
// the user has been told about).
std::optional<QDateTime> restoreLatestBackup(QWidget *parent, cards::Collection &collection);

} // namespace sds::gui
