#pragma once

#include "core/cards/zipfile.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * The contents of an Anki deck package (.apkg) as plain data, read without
 * trusting it. The archive holds a SQLite collection, `collection.anki21b`
 * (zstd-compressed, schema 18: note types, fields, templates and decks in
 * their own tables, template text in protobuf), `collection.anki21` or
 * `collection.anki2` (schema 11: note types and decks as JSON in `col`);
 * the newest one present is read, since newer Anki versions put a stub
 * note in the older file. Media come from the `media` map (JSON in old
 * packages, zstd-compressed protobuf in new ones); every name is checked,
 * so a `../` or absolute path is an error rather than a file written
 * somewhere. Ids from the file are 64-bit integers whichever way the JSON
 * typed them; cards join decks by `cards.did`.
 */
namespace sds::cards {

struct AnkiTemplate {
    int ordinal = 0;
    QString name;
    QString question;
    QString answer;
};

struct AnkiNoteType {
    qint64 id = 0;
    QString name;
    bool cloze = false;
    QStringList fields; ///< by ordinal
    QList<AnkiTemplate> templates;
};

struct AnkiNote {
    qint64 id = 0;
    QString guid;
    qint64 noteTypeId = 0;
    QStringList fields; ///< by ordinal, split on 0x1f
    QStringList tags;
};

struct AnkiCard {
    qint64 id = 0;
    qint64 noteId = 0;
    qint64 deckId = 0;
    int ordinal = 0;
    int type = 0;  ///< 0 new, 1 learning, 2 review, 3 relearning
    int queue = 0; ///< -1 suspended, -2/-3 buried, else as type
    qint64 due = 0;
    int interval = 0; ///< days when positive
    int reps = 0;
    int lapses = 0;
    QString data; ///< JSON; Anki's FSRS keeps {"s": stability, "d": difficulty} here
};

struct AnkiReview {
    qint64 id = 0; ///< milliseconds since the epoch: the time of the answer
    qint64 cardId = 0;
    int ease = 0; ///< 1-4; 0 for manual changes
    int interval = 0;
    int durationMs = 0;
    int type = 0; ///< 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled
};

struct AnkiPackage {
    QString collectionFile;       ///< which of the collection files was read
    QDateTime created;            ///< col.crt: day 0 of review cards' due numbers
    QHash<qint64, QString> decks; ///< id to name, "Parent::Child"
    QHash<qint64, AnkiNoteType> noteTypes;
    QList<AnkiNote> notes; ///< in the file's order
    QList<AnkiCard> cards;
    QList<AnkiReview> reviews;       ///< oldest first
    QMap<QString, QByteArray> media; ///< file name to bytes
};

struct AnkiReadLimits {
    ZipLimits zip;
    /**
     * No field may be longer. Real decks have 121 KB backs, but a card may
     * hold a long code listing or an image inlined as data, which Anki
     * takes; the entry and total bounds of the archive stop abuse.
     */
    qint64 maxFieldBytes = qint64(64) << 20;
};

/** Reads the package at @p path; nullopt with @p error set to what is wrong. */
std::optional<AnkiPackage> readAnkiPackage(const QString &path, QString *error,
                                           const AnkiReadLimits &limits = {});

/** True when @p name may be stored as a media file: no folders, no "..", nothing absolute. */
bool isSafeMediaName(const QString &name);

} // namespace sds::cards
