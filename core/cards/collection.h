#pragma once

#include "core/cards/browse.h"
#include "core/cards/builtindecks.h"
#include "core/cards/importbatch.h"
#include "core/cards/statistics.h"
#include "core/result.h"
#include "core/srs/fsrs.h"
#include "core/srs/optimizer.h"
#include "core/storage/sqlitefile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * The learner's flashcards in one SQLite file (cards.sqlite in the data
 * folder): decks, notes, cards with their FSRS state, and a review log that
 * keeps each card's state before and after every answer, so an answer can be
 * undone and the scheduler's weights fitted later. SCHEMA.md describes the
 * tables. The file runs in WAL mode with foreign keys on; every change is one
 * transaction that rolls back whole when any part fails, so a crash or bad
 * input never leaves half a change behind. The schema is versioned with
 * PRAGMA user_version and upgraded step by step; a file that is not a
 * collection, or that a newer version wrote, is refused and left byte for
 * byte as it was. Opening checks the file's integrity and, once a day,
 * writes a backup copy to backups/ beside it; a damaged file can be replaced
 * by a backup after it has been moved aside. Built-in decks are merged by
 * their stable card ids, which keeps review history across app versions.
 * Times are stored as whole Unix seconds (UTC) except the review log's,
 * which has milliseconds; "today" is the UTC calendar day, as the
 * scheduler counts days.
 */
namespace sds::cards {

enum class CardFormat { Plain = 0, Html = 1 };
enum class NoteOrigin { Builtin, Anki, Csv, User };

/** Why open() refused a file; None after a successful open. */
enum class OpenProblem { None, CannotOpen, NotACollection, NewerVersion, Damaged };

struct OpenOptions {
    /** Where backups go; empty: "backups" in the collection's folder. */
    QString backupDir;
    int keepBackups = 7;
    /** Back up at open when the last backup is older than a day. */
    bool autoBackup = true;
    /** The time open() takes as now when deciding on a backup; invalid: the clock. */
    QDateTime now;
};

struct BackupInfo {
    QString path;
    QDateTime time; ///< UTC, from the file name
};

struct Deck {
    qint64 id = 0;
    QString name;
    QString builtinId; ///< empty for the learner's own decks
};

struct Card {
    qint64 id = 0;
    qint64 noteId = 0;
    qint64 deckId = 0;
    int ordinal = 0;
    QString front;
    QString back;
    CardFormat format = CardFormat::Plain;
    srs::CardState schedule;
    bool suspended = false;
    QDateTime buriedUntil; ///< invalid when not buried
    // From the note:
    QString builtinId;
    QString topic;
    QStringList tags;
    bool retired = false;
};

/** A note to add with its single card. */
struct NewNote {
    qint64 deckId = 0;
    QString front;
    QString back;
    CardFormat format = CardFormat::Plain;
    QStringList tags;
    QString topic;
    NoteOrigin origin = NoteOrigin::User;
    /** The note's own fields (an Anki note keeps its own); empty: {"Front", "Back"}. */
    QJsonObject fields;
    /** Empty: a new random one. */
    QString guid;
    /** The card's scheduling, for imports; empty, or without a due time: due at once. */
    std::optional<srs::CardState> schedule;
};

/** Cards waiting in a deck (or all decks), excluding suspended, buried and retired ones. */
struct StudyCounts {
    int newCards = 0;      ///< New cards that may still be started today
    int learning = 0;      ///< Learning and Relearning cards due now
    int review = 0;        ///< Review cards due now
    int learningLater = 0; ///< Learning and Relearning cards due later today
    /** New cards waiting there before the day's limit; newCards is the smaller of this and
        what is left of the collection's shared allowance (newCardsLeftToday). */
    int newWaiting = 0;
    int dueNow() const { return newCards + learning + review; }
};

struct DeckCounts {
    Deck deck;
    StudyCounts counts;
};

struct CollectionStats {
    qint64 decks = 0;
    qint64 notes = 0;
    qint64 cards = 0; ///< all cards, retired and suspended ones included
    qint64 reviews = 0;
    StudyCounts due; ///< all decks, now
};

struct ReviewLogEntry {
    qint64 id = 0;
    qint64 cardId = 0;
    QDateTime time; ///< UTC, milliseconds
    srs::Rating rating = srs::Rating::Good;
    int durationMs = 0;
    srs::CardState before;
    srs::CardState after;
};

struct MergeResult {
    int added = 0;
    int updated = 0;
    int retired = 0;
    bool unchanged = false; ///< the decks matched the last merge, so nothing was done
};

class Collection
{
public:
    Collection();
    ~Collection();
    Collection(const Collection &) = delete;
    Collection &operator=(const Collection &) = delete;

    static constexpr int kDefaultNewPerDay = 20;

    /**
     * Opens or creates the collection at @p path. False with error() and
     * problem() set when the file cannot be used; a damaged file's error
     * lists backups(), one of which restoreBackup() can put in its place.
     */
    bool open(const QString &path, const OpenOptions &options = {});
    void close();
    bool isOpen() const { return m_file.isOpen(); }
    QString error() const { return m_error; }
    OpenProblem problem() const { return m_problem; }
    QString path() const { return m_path; }
    /** Set when open() succeeded but its automatic backup failed. */
    QString backupWarning() const { return m_backupWarning; }

    // Backups. These work after a failed open() too.
    QString backupDir() const;
    /** Newest first. */
    QList<BackupInfo> backups() const;
    /** Writes a backup now and drops the oldest beyond the number kept; its path, or empty. */
    QString backupNow();
    /**
     * Replaces the collection with the backup at @p backupPath: the backup is
     * checked first, the current file (with its WAL) is renamed aside, never
     * deleted, and the backup is copied in and opened. setAsidePath() names
     * the moved file.
     */
    bool restoreBackup(const QString &backupPath);
    QString setAsidePath() const { return m_setAside; }

    // Settings.
    /** The scheduler's settings: the stored JSON over srsparams' defaults, fuzz on. */
    srs::SchedulerParams schedulerParams() const;
    /** Settings in ts-fsrs's JSON names (see srsjson.h); checked before they are stored. */
    bool setSchedulerParams(const QJsonObject &json);
    double desiredRetention() const;
    bool setDesiredRetention(double retention);
    int newCardsPerDay() const;
    bool setNewCardsPerDay(int limit);

    // Decks, notes and cards.
    QList<Deck> decks() const;
    std::optional<qint64> addDeck(const QString &name);
    /** Adds the notes, one card each, in one transaction; the new card ids, or nullopt. */
    std::optional<QList<qint64>> addNotes(const QList<NewNote> &notes);
    std::optional<Card> card(qint64 cardId) const;
    bool editCard(qint64 cardId, const QString &front, const QString &back);
    bool deleteNote(qint64 noteId);
    bool setSuspended(qint64 cardId, bool suspended);
    /** Hides the card until the start of the next UTC day after @p now. */
    bool buryUntilTomorrow(qint64 cardId, const QDateTime &now);

    /**
     * Brings the built-in decks into the collection in one transaction: adds
     * new cards, rewords changed ones without touching their scheduling,
     * retires cards marked retired or no longer shipped. Skips all work when
     * the decks are those of the last merge. When @p decks carries loading
     * errors nothing is retired for being missing, since a file that failed
     * to load is not a file that was removed.
     */
    std::optional<MergeResult> mergeBuiltinDecks(const BuiltinDecks &decks);

    // Import and media.
    /**
     * Writes @p batch in one transaction. A note whose guid is already here
     * is updated, not duplicated: its text and tags follow the batch, its
     * deck stays; a card keeps its own scheduling and history unless the
     * batch's history is newer, whose missing reviews are then added and
     * whose state is taken. Media files are stored in the collection.
     */
    std::optional<ImportResult> importBatch(const ImportBatch &batch);
    /** A media file's bytes, or nullopt when there is none by that name. */
    std::optional<QByteArray> media(const QString &name) const;
    /** All notes of deck @p deckId with their cards and review logs, as an export needs them. */
    std::optional<ImportBatch> exportBatch(qint64 deckId) const;

    // Study.
    /** @p deckId empty: all decks. */
    StudyCounts counts(std::optional<qint64> deckId, const QDateTime &now) const;
    /**
     * Every deck's counts. The daily limit of new cards is one for the whole
     * collection, so a deck's newCards is the smaller of its own new cards and
     * newCardsLeftToday(): a card started in another deck lowers it only when
     * that shared allowance is what caps it.
     */
    QList<DeckCounts> countsPerDeck(const QDateTime &now) const;
    /** What is left today of newCardsPerDay(), shared by all decks. */
    int newCardsLeftToday(const QDateTime &now) const;
    /**
     * The card to show next: Learning and Relearning cards due by @p now,
     * earliest first; then due Review cards, earliest first; then New cards,
     * in the order they were added, while today's limit allows.
     */
    std::optional<Card> nextCard(std::optional<qint64> deckId, const QDateTime &now) const;
    /**
     * Answers the card at @p now (taken to the whole second) in one
     * transaction: the card becomes srs::review(card, rating, now, params,
     * srs::fuzzSeed(cardId, reps before the answer)) with fuzz on, and one
     * row goes into the review log. Returns the new state.
     */
    std::optional<srs::CardState> answer(qint64 cardId, srs::Rating rating, const QDateTime &now,
                                         int durationMs);
    /** Puts the card of the latest review back as it was and drops that review; its id. */
    std::optional<qint64> undoLastAnswer();
    /** Oldest first. */
    QList<ReviewLogEntry> reviewLog(qint64 cardId) const;
    CollectionStats stats(const QDateTime &now) const;

    // Optimiser input.
    /**
     * Every card's answers, oldest first, for the optimiser (optimizer.h);
     * cards whose log does not start at their first review (imported with a
     * schedule) are left out. reviewhistory.cpp.
     */
    QList<srs::ReviewHistory> reviewHistories() const;

    // Browsing and statistics.
    /**
     * The ids of the cards that match @p search (browse.h), in its order;
     * @p now decides what is due or buried. nullopt with error() when the
     * search cannot run.
     */
    std::optional<QList<qint64>> findCards(const CardSearch &search, const QDateTime &now) const;
    /** The browser's row for each of @p cardIds that still exists, in the order given. */
    QList<BrowseRow> browseRows(const QList<qint64> &cardIds, const QDateTime &now) const;
    /**
     * The figures of statistics.h as of @p now for one deck or all, with
     * reviews per day for the last @p days days (1 to 3650); nullopt with
     * error() for a bad argument or a failed query.
     */
    std::optional<CardStatistics> statistics(std::optional<qint64> deckId, const QDateTime &now,
                                             int days = 30) const;

private:
    bool fail(const QString &message) const;
    // The public API reports failures through error(): these take a
    // Result's value, or record its message.
    bool reported(const Result<void> &result) const { return result || fail(result.error()); }
    bool reported(Result<void> &&result) const { return reported(std::as_const(result)); }
    template <typename T> std::optional<T> reported(Result<T> &&result) const
    {
        if (!result) {
            fail(result.error());
            return std::nullopt;
        }
        return std::move(result).value();
    }
    QString refusal(storage::SqliteFile::Problem problem, const QString &detail);
    void autoBackup(const QDateTime &now);

    storage::SqliteFile m_file{QStringLiteral("the collection")};
    QString m_path;
    OpenOptions m_options;
    mutable QString m_error;
    OpenProblem m_problem = OpenProblem::None;
    QString m_backupWarning;
    QString m_setAside;
    mutable std::optional<srs::SchedulerParams> m_params; // cached; cleared by the setters
};

} // namespace sds::cards
