#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

/**
 * Reading and writing zip archives (libzip), with the limits an importer of
 * files from strangers needs: no entry may inflate past a cap, and the
 * entries together may not pass a total cap, counted as the bytes really
 * come out rather than as the archive claims, so a zip bomb stops early
 * with an error instead of filling memory.
 */
namespace sds::cards {

struct ZipLimits {
    qint64 maxEntryBytes = qint64(512) << 20;
    qint64 maxTotalBytes = qint64(1) << 30;
};

class ZipReader
{
public:
    ZipReader() = default;
    ~ZipReader();
    ZipReader(const ZipReader &) = delete;
    ZipReader &operator=(const ZipReader &) = delete;

    /** False with error() set when @p path is missing or not a zip archive. */
    bool open(const QString &path, const ZipLimits &limits = {});
    QString error() const { return m_error; }
    QList<QString> names() const;
    bool contains(const QString &name) const;
    /** The entry's bytes; nullopt with error() set when it is missing, damaged or too large. */
    std::optional<QByteArray> read(const QString &name);

private:
    void *m_zip = nullptr; // zip_t, kept out of the header
    ZipLimits m_limits;
    qint64 m_readSoFar = 0;
    QString m_error;
};

/** One entry of an archive to write. */
struct ZipEntry {
    QString name;
    QByteArray data;
};

/** Writes @p entries to a new archive at @p path (deflated); false with @p error on failure. */
bool writeZip(const QString &path, const QList<ZipEntry> &entries, QString *error);

} // namespace sds::cards
