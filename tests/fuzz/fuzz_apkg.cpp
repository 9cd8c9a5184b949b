// libFuzzer target for the Anki package reader: the zip archive, the three
// collection generations (collection.anki2, .anki21, zstd .anki21b), the
// media map in JSON or protobuf, and the card templates each note is drawn
// with. Any crash, hang, sanitizer report or broken invariant is a finding.
//
// The first byte says what the rest is, so the fuzzer reaches past the
// archive's checksums into the collection itself: 0 a whole .apkg; 1 the
// SQLite file of a legacy collection.anki2; 2 the SQLite file of a schema 18
// collection.anki21b (zstd-compressed here, with its meta). Seeds: the same
// byte before the primer's decks, or before the collection inside one.
//
// Build with the fuzz preset, then e.g.:
//   build/fuzz/bin/fuzz_apkg -max_total_time=1800 build/fuzz/corpus-apkg SEEDS
// where SEEDS holds the seeds made by tests/fuzz/apkg_seeds.sh.
#include "core/cards/ankipackage.h"
#include "core/cards/ankitemplate.h"
#include "core/cards/zipfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdlib>
#include <zstd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace sds::cards;
    // The reader takes a path, as the app gives it: one file, rewritten each time.
    static QTemporaryDir dir;
    static const QString path = QDir(dir.path()).filePath(QStringLiteral("input.apkg"));
    if (size == 0)
        return 0;
    const QByteArray rest(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    QString error;
    switch (data[0] % 3) {
    case 0: {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        f.write(rest);
        break;
    }
    case 1:
        if (!writeZip(path,
                      {{QStringLiteral("collection.anki2"), rest}, {QStringLiteral("media"), "{}"}},
                      &error))
            std::abort();
        break;
    default: {
        QByteArray packed(qsizetype(ZSTD_compressBound(std::size_t(rest.size()))), '\0');
        const std::size_t n = ZSTD_compress(packed.data(), std::size_t(packed.size()),
                                            rest.constData(), std::size_t(rest.size()), 1);
        if (ZSTD_isError(n))
            std::abort();
        packed.truncate(qsizetype(n));
        if (!writeZip(path,
                      {{QStringLiteral("collection.anki21b"), packed},
                       {QStringLiteral("meta"), QByteArray("\x08\x03", 2)}},
                      &error))
            std::abort();
        break;
    }
    }
    // Small bounds, so an input cannot make a run slow by inflating a lot.
    AnkiReadLimits limits;
    limits.zip.maxEntryBytes = 8 << 20;
    limits.zip.maxTotalBytes = 16 << 20;
    limits.maxFieldBytes = 1 << 20;
    error.clear();
    const std::optional<AnkiPackage> package = readAnkiPackage(path, &error, limits);
    if (!package) {
        if (error.isEmpty())
            std::abort(); // a refusal must say why
        return 0;
    }
    for (const QString &name : package->media.keys()) {
        if (!isSafeMediaName(name))
            std::abort(); // an unsafe name must never get this far
    }
    for (const AnkiCard &card : package->cards) {
        const auto note = std::find_if(package->notes.begin(), package->notes.end(),
                                       [&](const AnkiNote &n) { return n.id == card.noteId; });
        if (note == package->notes.end())
            continue;
        const auto type = package->noteTypes.constFind(note->noteTypeId);
        if (type == package->noteTypes.constEnd() || type->templates.isEmpty())
            continue;
        QHash<QString, QString> fields;
        for (qsizetype i = 0; i < type->fields.size() && i < note->fields.size(); ++i)
            fields.insert(type->fields.at(i), note->fields.at(i));
        const AnkiTemplate &t =
            type->templates.at(std::min<qsizetype>(card.ordinal, type->templates.size() - 1));
        const RenderedCard rendered =
            renderAnkiCard(t.question, t.answer, fields, type->cloze ? card.ordinal + 1 : 0);
        (void)htmlToPlainText(rendered.front + rendered.back);
    }
    return 0;
}
