#include "app/cli/challengecommand.h"

#include "app/cli/runprogress.h"
#include "core/challenge/challengelibrary.h"
#include "core/challenge/gradereport.h"
#include "core/content/contentpaths.h"
#include "core/diagram/diagramformat.h"
#include "core/diagram/scenariolibrary.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>

#include <cmath>

namespace sds::cli {

namespace {

const char *const kUsage =
    "Usage: sdstudio-cli challenge list [--json]\n"
    "       sdstudio-cli challenge start ID FILE\n"
    "       sdstudio-cli challenge reference ID FILE\n"
    "       sdstudio-cli challenge grade ID DESIGN.json [--seeds K] [--threads T] [--json]\n\n"
    "list       The challenges in campaign order, easy to hard, with their goals.\n"
    "start      Write the challenge's starting design (its clients) to FILE.\n"
    "reference  Write a design that solves it to FILE.\n"
    "grade      Run DESIGN.json under the challenge's own workload and faults over K seeds\n"
    "           (default: the challenge's; more are added while a goal is too close to call)\n"
    "           and say which goals pass, what limits the design and where its tail comes\n"
    "           from. Exit 0 when graded (solved or not), 2 on bad input.\n\n"
    "Every command takes --content-dir DIR to read the challenges from DIR.\n";

struct Loaded {
    diagram::ScenarioLibrary scenarios;
    challenge::ChallengeLibrary challenges;
};

Loaded loadLibrary(const QString &contentDir)
{
    const content::ContentPaths paths = content::ContentPaths::forDir(contentDir);
    Loaded l;
    l.scenarios = diagram::ScenarioLibrary::load(paths.scenarios());
    const auto &scenarios = l.scenarios;
    l.challenges = challenge::ChallengeLibrary::load(
        paths.challenges(), [&scenarios](const QString &id) -> const diagram::DiagramData * {
            const diagram::ScenarioEntry *e = scenarios.find(id);
            return e ? &e->diagram : nullptr;
        });
    return l;
}

void printGrade(const challenge::Challenge &c, const challenge::GradeResult &r, QTextStream &out)
{
    out << c.title << ": " << (r.solved ? "solved" : "not solved") << " (" << r.seeds
        << " seeds)\n\n";
    for (const auto &g : r.goals) {
        const QString limit = (g.goal.atMost ? QStringLiteral("<= ") : QStringLiteral(">= ")) +
                              challenge::formatGoalValue(g.goal.metric, g.goal.limit);
        const QString value = g.value.valid()
                                  ? challenge::formatGoalValue(g.goal.metric, g.value.mean)
                                  : QStringLiteral("none");
        const QString ci = g.value.valid()
                               ? QStringLiteral("[%1, %2]")
                                     .arg(challenge::formatGoalValue(g.goal.metric, g.value.low),
                                          challenge::formatGoalValue(g.goal.metric, g.value.high))
                               : QString();
        out << "  " << challenge::verdictKey(g.verdict).leftJustified(10) << " "
            << challenge::goalMetricLabel(g.goal.metric).leftJustified(15)
            << value.rightJustified(12) << "  " << ci.leftJustified(26) << " goal " << limit
            << "\n";
    }
    out << "\nCost: " << challenge::formatGoalValue(challenge::GoalMetric::Cost, r.cost.mean)
        << " a month\n";
    if (r.overloadedRuns > 0)
        out << "Overloaded: " << r.overloadedRuns << " of " << r.seeds
            << " runs stopped as requests piled up without bound.\n";
    if (const auto &b = r.diagnosis.bottleneck)
        out << "Bottleneck: " << b->why << "\n";
    const auto &t = r.diagnosis.tail;
    if (!t.parts.isEmpty()) {
        out << "Where the slowest 1 % wait (" << t.requests << " requests at or above "
            << QString::number(t.thresholdMs, 'f', 1) << " ms):\n";
        for (const auto &p : t.parts) {
            if (p.share < 0.01)
                continue;
            out << "  " << p.label.leftJustified(24)
                << QString::number(p.share * 100, 'f', 0).rightJustified(3) << " %  (";
            QStringList parts;
            for (std::size_t k = 0; k < sim::kTimeKinds; ++k) {
                if (p.parts[k] >= 0.005)
                    parts << challenge::timeKindKey(sim::TimeKind(k)) + QLatin1Char(' ') +
                                 QString::number(p.parts[k] * 100, 'f', 0) + QStringLiteral(" %");
            }
            out << parts.join(QStringLiteral(", ")) << ")\n";
        }
    }
    for (qsizetype k = 0; k < r.diagnosis.faults.size(); ++k) {
        const auto &f = r.diagnosis.faults[k];
        out << "Fault: " << (k < r.faultNames.size() ? r.faultNames[k] : f.node) << " (" << f.node
            << " from " << f.atS << " s for " << f.durationS << " s): " << f.errors
            << " requests failed meanwhile\n";
    }
    for (const QString &n : r.notes)
        out << "Note: " << n << "\n";
    if (!r.hints.isEmpty()) {
        out << "\nHints:\n";
        for (const auto &h : r.hints)
            out << "  - " << h.text
                << (h.topic.isEmpty() ? QString() : QStringLiteral(" (topic: %1)").arg(h.topic))
                << "\n";
    }
}

int writeDesign(const diagram::DiagramData &d, const QString &file, Streams &io)
{
    QString error;
    if (!diagram::saveDiagramFile(d, file, &error)) {
        io.err << "challenge: cannot write " << file << ": " << error << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

int run(const QStringList &args, Streams &io)
{
    QCommandLineParser p;
    p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption seeds(QStringLiteral("seeds"), {}, QStringLiteral("K"));
    const QCommandLineOption threads(QStringLiteral("threads"), {}, QStringLiteral("T"));
    const QCommandLineOption dir(QStringLiteral("content-dir"), {}, QStringLiteral("DIR"));
    const QCommandLineOption help(QStringLiteral("help"));
    p.addOptions({json, seeds, threads, dir, help});
    if (!p.parse(QStringList{QStringLiteral("challenge")} + args)) {
        io.err << "challenge: " << p.errorText() << "\n" << kUsage;
        return kExitUsage;
    }
    const QStringList pos = p.positionalArguments();
    if (p.isSet(help) || pos.isEmpty()) {
        (p.isSet(help) ? io.out : io.err) << kUsage;
        return p.isSet(help) ? kExitOk : kExitUsage;
    }
    if (p.isSet(dir) && !QFileInfo(p.value(dir)).isDir()) {
        io.err << "challenge: --content-dir " << p.value(dir) << " is not a folder\n";
        return kExitUsage;
    }
    const Loaded lib = loadLibrary(p.value(dir));
    for (const QString &e : lib.challenges.errors())
        io.err << "challenge: skipped " << e << "\n";

    const QString action = pos.first();
    if (action == QLatin1String("list")) {
        if (pos.size() != 1) {
            io.err << kUsage;
            return kExitUsage;
        }
        if (p.isSet(json)) {
            io.out << QJsonDocument(challenge::challengeListJson(lib.challenges.entries()))
                          .toJson(QJsonDocument::Indented);
            return kExitOk;
        }
        for (const auto &c : lib.challenges.entries())
            io.out << c.id.leftJustified(34) << " level " << c.level << "  " << c.title << "\n";
        return kExitOk;
    }
    const bool known = action == QLatin1String("start") || action == QLatin1String("reference") ||
                       action == QLatin1String("grade");
    if (!known || pos.size() != 3) {
        io.err << (known ? QString()
                         : QStringLiteral("challenge: unknown action \"%1\"\n").arg(action))
               << kUsage;
        return kExitUsage;
    }
    const challenge::Challenge *c = lib.challenges.find(pos[1]);
    if (!c) {
        io.err << "challenge: there is no challenge \"" << pos[1]
               << "\"; `sdstudio-cli challenge list` names them\n";
        return kExitUsage;
    }
    if (action == QLatin1String("start"))
        return writeDesign(c->start, pos[2], io);
    if (action == QLatin1String("reference"))
        return writeDesign(c->reference, pos[2], io);

    const diagram::LoadResult design = diagram::loadDiagramFile(pos[2]);
    if (!design.ok()) {
        io.err << "challenge: " << pos[2] << ": " << design.errors.join(QStringLiteral("; "))
               << "\n";
        return kExitUsage;
    }
    challenge::GradeOptions options;
    bool okNumber = true;
    if (p.isSet(seeds)) {
        options.seeds = p.value(seeds).toInt(&okNumber);
        if (!okNumber || options.seeds < 2 || options.seeds > 1000) {
            io.err << "challenge: --seeds must be a whole number from 2 to 1000\n";
            return kExitUsage;
        }
    }
    if (p.isSet(threads)) {
        options.threads = p.value(threads).toInt(&okNumber);
        if (!okNumber || options.threads < 1 || options.threads > 256) {
            io.err << "challenge: --threads must be a whole number from 1 to 256\n";
            return kExitUsage;
        }
    }
    experiment::Progress progress;
    std::optional<Result<challenge::GradeResult>> graded;
    withProgress(progress, io, QStringLiteral("Grading \"%1\"").arg(c->title), options.threads,
                 [&] { graded = challenge::grade(*c, design.diagram, options, &progress); });
    if (!graded->ok()) {
        io.err << "challenge: " << pos[2] << ": " << graded->error() << "\n";
        return kExitUsage;
    }
    const challenge::GradeResult &r = graded->value();
    if (r.cancelled) {
        io.err << "challenge: cancelled\n";
        return kExitFailure;
    }
    if (p.isSet(json))
        io.out << QJsonDocument(challenge::gradeJson(r)).toJson(QJsonDocument::Indented);
    else
        printGrade(*c, r, io.out);
    return kExitOk;
}

} // namespace

Command challengeCommand()
{
    return {QStringLiteral("challenge"),
            QStringLiteral("list, start and grade the lab's challenges"), run};
}

} // namespace sds::cli
