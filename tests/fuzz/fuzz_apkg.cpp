// libFuzzer target for the Anki package reader: the zip archive, the three
// collection generations (collection.anki2, .anki21, zstd .anki21b), the
// media map in JSON or protobuf, and the card templates each note is drawn
// with. Any crash, hang, sanitizer report or broken invariant is a finding.
//
// Build with the fuzz preset, then e.g.:
//   build/fuzz/bin/fuzz_apkg -max_total_time=1800 build/fuzz/corpus-apkg tests/data/anki
#include "core/cards/ankipackage.h"
#include "core/cards/ankitemplate.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace sds::cards;
    // The reader takes a path, as the app gives it: one file, rewritten each time.
    static QTemporaryDir dir;
    static const QString path = QDir(dir.path()).filePath(QStringLiteral("input.apkg"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    // Small bounds, so an input cannot make a run slow by inflating a lot.
    AnkiReadLimits limits;
    limits.zip.maxEntryBytes = 8 << 20;
    limits.zip.maxTotalBytes = 16 << 20;
    limits.maxFieldBytes = 1 << 20;
    QString error;
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
