#include "app/studio/review/backuprestore.h"

#include "core/cards/collection.h"

#include <QLocale>
#include <QMessageBox>

namespace sds::gui {

std::optional<QDateTime> restoreLatestBackup(QWidget *parent, cards::Collection &collection)
{
    const QList<cards::BackupInfo> backups = collection.backups();
    if (backups.isEmpty())
        return std::nullopt;
    const cards::BackupInfo &latest = backups.first();
    const auto choice = QMessageBox::question(
        parent, QMessageBox::tr("Restore Backup"),
        QMessageBox::tr("Replace your flashcards with the backup of %1? The damaged file is kept "
                        "beside it, renamed, not deleted.")
            .arg(QLocale().toString(latest.time.toLocalTime(), QLocale::ShortFormat)));
    if (choice != QMessageBox::Yes)
        return std::nullopt;
    if (!collection.restoreBackup(latest.path)) {
        QMessageBox::warning(parent, QMessageBox::tr("Backup not restored"), collection.error());
        return std::nullopt;
    }
    return latest.time;
}

} // namespace sds::gui
