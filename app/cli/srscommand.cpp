#include "app/cli/srscommand.h"

#include "core/srs/srsjson.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace sds::cli {
namespace {

// A review history is small; anything bigger is not one.
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;

const char *const kUsage =
    "Usage: sdstudio-cli srs replay FILE\n\n"
    "replay  Replay a card's reviews through the FSRS-6 scheduler, starting from a new\n"
    "        card, and print a JSON array with the card after each review:\n"
    "        {\"state\", \"stability\", \"difficulty\", \"scheduled_days\", \"due\", \"reps\",\n"
    "        \"lapses\"}; state is New, Learning, Review or Relearning.\n\n"
    "FILE is a JSON object (\"-\" reads standard input):\n"
    "  \"reviews\"            [{\"time\": \"2024-05-01T09:30:00Z\", \"rating\": 1-4}, ...]\n"
    "                       in time order; 1 Again, 2 Hard, 3 Good, 4 Easy\n"
    "and optionally the scheduler's settings, named as in ts-fsrs:\n"
    "  \"parameters\"         the 21 FSRS-6 weights (default: FSRS-6's)\n"
    "  \"request_retention\"  recall probability to schedule for, 0-1 (default 0.9)\n"
    "  \"maximum_interval\"   longest interval in days (default 36500)\n"
    "  \"enable_short_term\"  same-day steps and reviews (default true)\n"
    "  \"learning_steps\"     e.g. [\"1m\", \"10m\"] (default); units m, h, d\n"
    "  \"relearning_steps\"   e.g. [\"10m\"] (default)\n"
    "  \"created\"            when the card was made (default: the first review)\n"
    "Times are ISO 8601 with a zone; output times are UTC. Fuzz is off.\n";

int replayFile(const QString &path, Streams &io)
{
    QByteArray bytes;
    if (path == u"-") {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            io.err << "srs replay: cannot read standard input\n";
            return kExitFailure;
        }
        bytes = in.read(kMaxFileBytes + 1);
    } else {
        const QFileInfo info(path);
        if (!info.exists()) {
            io.err << "srs replay: " << path << ": no such file\n";
            return kExitUsage;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            io.err << "srs replay: " << path << ": " << file.errorString() << '\n';
            return kExitFailure;
        }
        bytes = file.read(kMaxFileBytes + 1);
    }
    if (bytes.size() > kMaxFileBytes) {
        io.err << "srs replay: " << path << ": larger than 64 MiB, which is no review history\n";
        return kExitUsage;
    }

    QString error;
    const std::optional<srs::ReplayInput> input = srs::parseReplayInput(bytes, &error);
    if (!input) {
        io.err << "srs replay: " << path << ": " << error << '\n';
        return kExitUsage;
    }
    for (const QString &w : input->warnings)
        io.err << "srs replay: " << path << ": warning: " << w << '\n';

    QJsonArray cards;
    for (const srs::CardState &card : srs::replay(*input))
        cards.append(srs::cardToJson(card));
    io.out << QJsonDocument(cards).toJson(QJsonDocument::Indented);
    return kExitOk;
}

int run(const QStringList &args, Streams &io)
{
    if (args.isEmpty()) {
        io.err << kUsage;
        return kExitUsage;
    }
    if (args.first() == u"-h" || args.first() == u"--help") {
        io.out << kUsage;
        return kExitOk;
    }
    if (args.first() != u"replay") {
        io.err << "srs: unknown action '" << args.first() << "'; use replay\n\n" << kUsage;
        return kExitUsage;
    }
    const QStringList rest = args.mid(1);
    if (rest.size() == 1 && (rest[0] == u"-h" || rest[0] == u"--help")) {
        io.out << kUsage;
        return kExitOk;
    }
    if (rest.size() != 1 || (rest[0].startsWith(u'-') && rest[0] != u"-")) {
        io.err << "srs replay: expected exactly one FILE\n\n" << kUsage;
        return kExitUsage;
    }
    return replayFile(rest[0], io);
}

} // namespace

Command srsCommand()
{
    return Command{QStringLiteral("srs"),
                   QStringLiteral("Replay flashcard reviews through the FSRS-6 scheduler."), &run};
}

} // namespace sds::cli
