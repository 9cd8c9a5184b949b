#include "app/cli/cardscommand.h"

#include "core/cards/builtindecks.h"
#include "core/cards/collection.h"
#include "core/cards/transfer.h"
#include "core/content/contentpaths.h"
#include "core/datalocation.h"
#include "core/srs/srsjson.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sds::cli {
namespace {

const char *const kUsage =
    "Usage: sdstudio-cli cards stats [--db PATH] [--json]\n"
    "       sdstudio-cli cards review --grade again|hard|good|easy [--count N] [--db PATH]\n"
    "       sdstudio-cli cards import FILE [--deck NAME] [--db PATH]\n"
    "       sdstudio-cli cards export --deck NAME FILE [--db PATH]\n\n"
    "stats   Decks, notes, cards, cards due now and reviews so far, with a table of\n"
    "        the decks. \"due\" counts learning and review cards due now and the new\n"
    "        cards that may still be started today. The day's limit of new cards is\n"
    "        shared by all decks, so a deck's \"new\" is at most what is left of it.\n"
    "review  Answer the next N due cards with one grade, as a script would, each in\n"
    "        its own transaction. Prints \"reviewed <card id> <grade> -> <state> due\n"
    "        <time>\" as each answer is saved, then how many were answered; fewer\n"
    "        than N due is not an error.\n\n"
    "Options:\n"
    "  --db PATH    the collection (default: cards.sqlite in the data folder)\n"
    "  --json       stats: one object {\"decks\", \"notes\", \"cards\", \"due\", \"reviews\",\n"
    "               \"new_left_today\", \"new_per_day\"};\n"
    "               \"decks\" is an array of {\"id\", \"name\", \"builtin_id\", \"new\",\n"
    "               \"learning\", \"review\", \"due\"}, one per deck\n"
    "  --grade G    review: again, hard, good or easy\n"
    "  --count N    review: how many cards to answer (default 1)\n"
    "  --deck NAME  export: the deck to write; import: the deck for CSV rows\n"
    "               (default: the file's name)\n\n"
    "Opening a collection merges the built-in decks into it, as the app does.\n";

const QStringList kGrades = {QStringLiteral("again"), QStringLiteral("hard"),
                             QStringLiteral("good"), QStringLiteral("easy")};

int usageError(Streams &io, const QString &message)
{
    io.err << "cards: " << message << "\n\n" << kUsage;
    return kExitUsage;
}

// The collection as the app would find it: opened (checked, backed up)
// and with the built-in decks merged.
bool openCollection(cards::Collection &c, const QString &path, Streams &io)
{
    if (!c.open(path)) {
        io.err << "cards: " << c.error() << '\n';
        return false;
    }
    if (!c.backupWarning().isEmpty())
        io.err << "cards: warning: the daily backup failed: " << c.backupWarning() << '\n';
    const cards::BuiltinDecks decks = cards::loadBuiltinDecks(content::ContentPaths().decks());
    for (const QString &e : decks.errors)
        io.err << "cards: warning: built-in deck " << e << '\n';
    // A merge that fails changes nothing (one transaction), so the
    // learner's own cards stay usable; say so and carry on.
    if (!c.mergeBuiltinDecks(decks))
        io.err << "cards: warning: " << c.error() << '\n';
    return true;
}

int runStats(cards::Collection &c, bool json, Streams &io)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const cards::CollectionStats s = c.stats(now);
    if (json) {
        // A script tells the decks apart by id and name, and sees each one's counts.
        QJsonArray decks;
        for (const cards::DeckCounts &d : c.countsPerDeck(now)) {
            decks.append(QJsonObject{{QStringLiteral("id"), double(d.deck.id)},
                                     {QStringLiteral("name"), d.deck.name},
                                     {QStringLiteral("builtin_id"), d.deck.builtinId},
                                     {QStringLiteral("new"), d.counts.newCards},
                                     {QStringLiteral("learning"), d.counts.learning},
                                     {QStringLiteral("review"), d.counts.review},
                                     {QStringLiteral("due"), d.counts.dueNow()}});
        }
        const QJsonObject o{{QStringLiteral("decks"), decks},
                            {QStringLiteral("new_left_today"), c.newCardsLeftToday(now)},
                            {QStringLiteral("new_per_day"), c.newCardsPerDay()},
                            {QStringLiteral("notes"), s.notes},
                            {QStringLiteral("cards"), s.cards},
                            {QStringLiteral("due"), s.due.dueNow()},
                            {QStringLiteral("reviews"), s.reviews}};
        io.out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    const auto row = [&](const QString &name, const QString &a, const QString &b, const QString &d,
                         const QString &e) {
        io.out << name.leftJustified(32, u' ', true) << a.rightJustified(6) << b.rightJustified(8)
               << d.rightJustified(8) << e.rightJustified(8) << '\n';
    };
    // "Learning", the app's word for the same count.
    row(QStringLiteral("Deck"), QStringLiteral("New"), QStringLiteral("Learning"),
        QStringLiteral("Review"), QStringLiteral("Later"));
    for (const cards::DeckCounts &d : c.countsPerDeck(now)) {
        row(d.deck.name, QString::number(d.counts.newCards), QString::number(d.counts.learning),
            QString::number(d.counts.review), QString::number(d.counts.learningLater));
    }
    row(QStringLiteral("All decks"), QString::number(s.due.newCards),
        QString::number(s.due.learning), QString::number(s.due.review),
        QString::number(s.due.learningLater));
    io.out << '\n'
           << s.decks << " decks, " << s.notes << " notes, " << s.cards << " cards, "
           << s.due.dueNow() << " due now, " << s.reviews << " reviews\n"
           << "New cards today: " << c.newCardsLeftToday(now) << " of " << c.newCardsPerDay()
           << " left, shared by all decks (a deck's New is at most this)\n";
    return kExitOk;
}

int runReview(cards::Collection &c, const QString &grade, int count, Streams &io)
{
    const auto rating = srs::Rating(kGrades.indexOf(grade) + 1);
    int done = 0;
    while (done < count) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const std::optional<cards::Card> card = c.nextCard({}, now);
        if (!card)
            break;
        const std::optional<srs::CardState> after = c.answer(card->id, rating, now, 0);
        if (!after) {
            io.err << "cards review: card " << card->id << ": " << c.error() << '\n';
            return kExitFailure;
        }
        ++done;
        // Printed only once committed, and flushed at once: whoever reads
        // this may stop the process at any moment and trust every line.
        io.out << "reviewed " << card->id << ' ' << grade << " -> " << srs::stateName(after->state)
               << " due " << srs::isoUtc(after->due) << '\n';
        io.out.flush();
    }
    io.out << done << " of " << count << (count == 1 ? " review" : " reviews") << " done"
           << (done < count ? "; no more cards are due now" : "") << '\n';
    return kExitOk;
}

int runImport(cards::Collection &c, const QString &file, const QString &deck, Streams &io)
{
    QString error;
    const std::optional<cards::ImportResult> result = cards::importFile(c, file, &error, deck);
    if (!result) {
        io.err << "cards import: " << file << ": " << error << '\n';
        return kExitFailure;
    }
    for (const QString &w : result->warnings)
        io.err << "cards import: warning: " << w << '\n';
    io.out << "imported " << file << ": " << cards::describeImport(*result) << '\n';
    return kExitOk;
}

int runExport(const cards::Collection &c, const QString &deck, const QString &file, Streams &io)
{
    QString error;
    const std::optional<int> notes = cards::exportDeck(c, deck, file, &error);
    if (!notes) {
        io.err << "cards export: " << error << '\n';
        return kExitFailure;
    }
    io.out << "exported " << *notes << " notes of \"" << deck << "\" to " << file << '\n';
    return kExitOk;
}

int run(const QStringList &args, Streams &io)
{
    QCommandLineParser p;
    p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption db(QStringLiteral("db"), {}, QStringLiteral("PATH"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption grade(QStringLiteral("grade"), {}, QStringLiteral("G"));
    const QCommandLineOption count(QStringLiteral("count"), {}, QStringLiteral("N"));
    const QCommandLineOption deck(QStringLiteral("deck"), {}, QStringLiteral("NAME"));
    p.addOptions({help, db, json, grade, count, deck});
    if (!p.parse(QStringList{QStringLiteral("cards")} + args))
        return usageError(io, p.errorText());
    if (p.isSet(help)) {
        io.out << kUsage;
        return kExitOk;
    }
    const QStringList pos = p.positionalArguments();
    const QString verb = pos.value(0);
    const bool transfer = verb == u"import" || verb == u"export";
    if (transfer) {
        if (pos.size() != 2)
            return usageError(io, QStringLiteral("%1 needs one FILE").arg(verb));
        if (p.isSet(grade) || p.isSet(count) || p.isSet(json))
            return usageError(
                io, QStringLiteral("--grade, --count and --json do not belong to %1").arg(verb));
        if (verb == u"export" && p.value(deck).trimmed().isEmpty())
            return usageError(io, QStringLiteral("export needs --deck NAME"));
    } else if (pos.size() != 1 || (verb != u"stats" && verb != u"review")) {
        return usageError(io, QStringLiteral("expected stats, review, import or export"));
    } else if (p.isSet(deck)) {
        return usageError(io, QStringLiteral("--deck belongs to import and export"));
    }
    const bool review = verb == u"review";
    if (!review && (p.isSet(grade) || p.isSet(count)))
        return usageError(io, QStringLiteral("--grade and --count belong to review"));
    if (review && p.isSet(json))
        return usageError(io, QStringLiteral("--json belongs to stats"));

    QString gradeName;
    int n = 1;
    if (review) {
        gradeName = p.value(grade).toLower();
        if (!p.isSet(grade) || !kGrades.contains(gradeName))
            return usageError(io, QStringLiteral("review needs --grade again, hard, good or easy"));
        bool ok = true;
        if (p.isSet(count))
            n = p.value(count).toInt(&ok);
        if (!ok || n < 1 || n > 1'000'000)
            return usageError(io,
                              QStringLiteral("--count must be a whole number from 1 to 1000000"));
    }

    QString path;
    if (p.isSet(db)) {
        const QFileInfo info(p.value(db));
        if (info.isDir())
            return usageError(io, QStringLiteral("--db %1 is a folder").arg(p.value(db)));
        if (!info.absoluteDir().exists())
            return usageError(
                io, QStringLiteral("--db %1: the folder does not exist").arg(p.value(db)));
        path = info.absoluteFilePath();
    } else {
        const DataLocation data = resolveDataDir({});
        if (!data.ok()) {
            io.err << "cards: " << data.error << '\n';
            return kExitFailure;
        }
        path = QDir(data.path).filePath(QStringLiteral("cards.sqlite"));
    }

    cards::Collection c;
    if (!openCollection(c, path, io))
        return kExitFailure;
    if (verb == u"import")
        return runImport(c, pos[1], p.value(deck), io);
    if (verb == u"export")
        return runExport(c, p.value(deck), pos[1], io);
    return review ? runReview(c, gradeName, n, io) : runStats(c, p.isSet(json), io);
}

} // namespace

Command cardsCommand()
{
    return Command{QStringLiteral("cards"),
                   QStringLiteral("Flashcards: statistics, scripted reviews, import and export."),
                   &run};
}

} // namespace sds::cli
