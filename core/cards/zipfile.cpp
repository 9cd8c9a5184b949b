#include "core/cards/zipfile.h"

#include <QFile>
#include <QLocale>

#include <zip.h>

namespace sds::cards {
namespace {

zip_t *asZip(void *p)
{
    return static_cast<zip_t *>(p);
}

QString megabytes(qint64 bytes)
{
    return QLocale::c().toString(double(bytes) / (1 << 20), 'f', 1) + QStringLiteral(" MB");
}

} // namespace

ZipReader::~ZipReader()
{
    if (m_zip)
        zip_discard(asZip(m_zip));
}

bool ZipReader::open(const QString &path, const ZipLimits &limits)
{
    m_limits = limits;
    m_readSoFar = 0;
    int code = 0;
    zip_t *z = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS)
            m_error = QStringLiteral("%1 is not a zip archive (an .apkg file is one)").arg(path);
        else
            m_error = QStringLiteral("cannot open %1: %2")
                          .arg(path, QString::fromUtf8(zip_error_strerror(&e)));
        zip_error_fini(&e);
        return false;
    }
    m_zip = z;
    return true;
}

QList<QString> ZipReader::names() const
{
    QList<QString> out;
    if (!m_zip)
        return out;
    const zip_int64_t n = zip_get_num_entries(asZip(m_zip), 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        if (const char *name = zip_get_name(asZip(m_zip), zip_uint64_t(i), ZIP_FL_ENC_GUESS))
            out.append(QString::fromUtf8(name));
    }
    return out;
}

bool ZipReader::contains(const QString &name) const
{
    return m_zip && zip_name_locate(asZip(m_zip), name.toUtf8().constData(), 0) >= 0;
}

std::optional<QByteArray> ZipReader::read(const QString &name)
{
    if (!m_zip) {
        m_error = QStringLiteral("no archive is open");
        return std::nullopt;
    }
    zip_file_t *f = zip_fopen(asZip(m_zip), name.toUtf8().constData(), 0);
    if (!f) {
        m_error = QStringLiteral("the archive has no readable entry \"%1\": %2")
                      .arg(name, QString::fromUtf8(zip_strerror(asZip(m_zip))));
        return std::nullopt;
    }
    // Read in chunks and count what really comes out: the sizes in the
    // archive's directory are the sender's claim, not a promise.
    QByteArray data;
    char chunk[64 * 1024];
    for (;;) {
        const zip_int64_t got = zip_fread(f, chunk, sizeof chunk);
        if (got < 0) {
            m_error = QStringLiteral("the entry \"%1\" is damaged: %2")
                          .arg(name, QString::fromUtf8(zip_file_strerror(f)));
            zip_fclose(f);
            return std::nullopt;
        }
        if (got == 0)
            break;
        m_readSoFar += got;
        if (data.size() + got > m_limits.maxEntryBytes) {
            m_error = QStringLiteral("the entry \"%1\" unpacks to more than %2, the most one "
                                     "entry may hold; the file may be a zip bomb")
                          .arg(name, megabytes(m_limits.maxEntryBytes));
            zip_fclose(f);
            return std::nullopt;
        }
        if (m_readSoFar > m_limits.maxTotalBytes) {
            m_error = QStringLiteral("the archive unpacks to more than %1 in all; the file may "
                                     "be a zip bomb")
                          .arg(megabytes(m_limits.maxTotalBytes));
            zip_fclose(f);
            return std::nullopt;
        }
        data.append(chunk, qsizetype(got));
    }
    zip_fclose(f);
    return data;
}

bool writeZip(const QString &path, const QList<ZipEntry> &entries, QString *error)
{
    int code = 0;
    zip_t *z = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        *error = QStringLiteral("cannot create %1: %2")
                     .arg(path, QString::fromUtf8(zip_error_strerror(&e)));
        zip_error_fini(&e);
        return false;
    }
    for (const ZipEntry &entry : entries) {
        // libzip reads the buffer when the archive is closed, so it must
        // stay alive until then: the entries list owns it.
        zip_source_t *src =
            zip_source_buffer(z, entry.data.constData(), zip_uint64_t(entry.data.size()), 0);
        if (!src || zip_file_add(z, entry.name.toUtf8().constData(), src,
                                 ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
            *error = QStringLiteral("cannot add %1 to %2: %3")
                         .arg(entry.name, path, QString::fromUtf8(zip_strerror(z)));
            if (src)
                zip_source_free(src);
            zip_discard(z);
            return false;
        }
    }
    if (zip_close(z) < 0) {
        *error =
            QStringLiteral("cannot write %1: %2").arg(path, QString::fromUtf8(zip_strerror(z)));
        zip_discard(z);
        return false;
    }
    return true;
}

} // namespace sds::cards
