#include "app/cli/contentcommand.h"

#include "core/cards/builtindecks.h"
#include "core/content/contentcheck.h"
#include "core/content/contentpaths.h"
#include "core/content/library.h"
#include "core/content/searchindex.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sds::cli {
namespace {

const char *const kUsage =
    "Usage: sdstudio-cli content check [--content-dir DIR]\n"
    "       sdstudio-cli content search QUERY [--limit N] [--json] [--content-dir DIR]\n\n"
    "check   Check the topic and exercise pages (front matter, anchors covered,\n"
    "        links, required sections, exercise steps) and the built-in decks. Exit 1\n"
    "        when a problem is found.\n"
    "search  Full-text search over the pages, best first. Exit 1 when nothing matches.\n\n"
    "Options:\n"
    "  --content-dir DIR  read the content from DIR instead of the built-in copy\n"
    "  --limit N          at most N results (default 10)\n"
    "  --json             search: an array of {\"id\", \"title\", \"snippet\"}, best first\n";

int runCheck(const QString &root, Streams &io)
{
    const content::TopicLibrary lib = content::TopicLibrary::loadContent(root);
    const content::CheckInput input = content::checkInputFor(root);
    QStringList problems = content::checkContent(lib, input);
    QStringList topicIds;
    for (const content::Topic &t : lib.topics())
        topicIds.append(t.id);
    const cards::BuiltinDecks decks = cards::loadBuiltinDecks(content::ContentPaths(root).decks());
    problems += cards::checkBuiltinDecks(decks, topicIds);
    for (const QString &p : problems)
        io.out << p << '\n';
    io.out << lib.topics().size() << " pages in " << lib.sections().size() << " sections, "
           << input.anchors.size() << " anchors, " << input.scenarioIds.size() << " lab templates, "
           << decks.cardCount() << " cards in " << decks.decks.size() << " decks: ";
    if (problems.isEmpty()) {
        io.out << "no problems\n";
        return kExitOk;
    }
    io.out << problems.size() << (problems.size() == 1 ? " problem\n" : " problems\n");
    return kExitFailure;
}

int runSearch(const QString &root, const QString &query, int limit, bool json, Streams &io)
{
    const content::TopicLibrary lib = content::TopicLibrary::loadContent(root);
    content::SearchIndex index;
    if (!index.build(lib)) {
        io.err << "content search: the index could not be built: " << index.error() << '\n';
        return kExitFailure;
    }
    const QList<content::SearchHit> hits = index.search(query, limit);
    if (json) {
        QJsonArray array;
        for (const content::SearchHit &h : hits) {
            array.append(QJsonObject{{QStringLiteral("id"), h.id},
                                     {QStringLiteral("title"), h.title},
                                     {QStringLiteral("snippet"), h.snippet()}});
        }
        io.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        int n = 0;
        for (const content::SearchHit &h : hits) {
            io.out << ++n << ". " << h.title << "  (" << h.id << ", " << h.section << ")\n   "
                   << h.snippet() << '\n';
        }
        if (hits.isEmpty())
            io.err << "content search: no page matches \"" << query << "\"\n";
    }
    return hits.isEmpty() ? kExitFailure : kExitOk;
}

int run(const QStringList &args, Streams &io)
{
    QCommandLineParser p;
    p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption dir(QStringLiteral("content-dir"), {}, QStringLiteral("DIR"));
    const QCommandLineOption limit(QStringLiteral("limit"), {}, QStringLiteral("N"),
                                   QStringLiteral("10"));
    const QCommandLineOption json(QStringLiteral("json"));
    p.addOptions({help, dir, limit, json});
    if (!p.parse(QStringList{QStringLiteral("content")} + args)) {
        io.err << "content: " << p.errorText() << "\n\n" << kUsage;
        return kExitUsage;
    }
    if (p.isSet(help)) {
        io.out << kUsage;
        return kExitOk;
    }
    const QStringList pos = p.positionalArguments();
    QString root = content::ContentPaths().root();
    if (p.isSet(dir)) {
        const QFileInfo info(p.value(dir));
        if (!info.isDir()) {
            io.err << "content: --content-dir " << p.value(dir) << " is not a folder\n";
            return kExitUsage;
        }
        root = info.absoluteFilePath();
    }
    if (pos.size() == 1 && pos[0] == u"check")
        return runCheck(root, io);
    if (!pos.isEmpty() && pos[0] == u"search") {
        if (pos.size() < 2 || pos.mid(1).join(u' ').trimmed().isEmpty()) {
            io.err << "content search: expected a QUERY\n\n" << kUsage;
            return kExitUsage;
        }
        bool ok = false;
        const int n = p.value(limit).toInt(&ok);
        if (!ok || n < 1 || n > 1000) {
            io.err << "content search: --limit must be a whole number from 1 to 1000\n";
            return kExitUsage;
        }
        return runSearch(root, pos.mid(1).join(u' '), n, p.isSet(json), io);
    }
    io.err << "content: expected check or search\n\n" << kUsage;
    return kExitUsage;
}

} // namespace

Command contentCommand()
{
    return Command{QStringLiteral("content"),
                   QStringLiteral("Check the topic pages, or search them."), &run};
}

} // namespace sds::cli
