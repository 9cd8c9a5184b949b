#include "core/content/contentcheck.h"

#include "core/content/codeblocks.h"
#include "core/content/contentpaths.h"
#include "core/content/exercise.h"
#include "core/diagram/scenariolibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QUrl>

namespace sds::content {
namespace {

struct BodySection {
    int level = 0;
    QString title;
    QStringList lines;
};

// Splits a body at its ## and ### headings (outside fenced code); lines
// before the first heading form a level-0 section.
QList<BodySection> splitSections(const QString &body)
{
    QList<BodySection> out{BodySection{}};
    bool fenced = false;
    static const QRegularExpression heading(QStringLiteral("^(#{1,6})\\s+(.*)$"));
    for (const QString &line : body.split(u'\n')) {
        if (line.trimmed().startsWith(QStringLiteral("```")))
            fenced = !fenced;
        const QRegularExpressionMatch m = fenced ? QRegularExpressionMatch() : heading.match(line);
        if (m.hasMatch()) {
            out.append(BodySection{int(m.captured(1).size()), m.captured(2).trimmed(), {}});
            continue;
        }
        out.last().lines.append(line);
    }
    return out;
}

bool hasText(const QStringList &lines)
{
    for (const QString &l : lines) {
        if (!l.trimmed().isEmpty())
            return true;
    }
    return false;
}

bool hasTable(const QStringList &lines)
{
    static const QRegularExpression rule(QStringLiteral("^\\s*\\|?\\s*:?-{3,}"));
    for (const QString &l : lines) {
        if (l.trimmed().startsWith(u'|') && rule.match(l).hasMatch())
            return true;
    }
    return false;
}

} // namespace

QStringList requiredTopicSections()
{
    return {QStringLiteral("How it works"), QStringLiteral("Trade-offs"),
            QStringLiteral("When to use it"), QStringLiteral("Pitfalls")};
}

QStringList readAnchors(const QString &tsvPath, QString *error)
{
    QFile f(tsvPath);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(tsvPath, f.errorString());
        return {};
    }
    QStringList anchors;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString anchor = lines.at(i).section(u'\t', 0, 0).trimmed();
        if (!anchor.isEmpty())
            anchors.append(anchor);
    }
    return anchors;
}

CheckInput checkInputFor(const QString &root)
{
    CheckInput input;
    // The primer's topics, then the senior topics the primer leaves out: both must be covered.
    input.anchors = readAnchors(QStringLiteral(":/resources/primer/primer-topics.tsv")) +
                    readAnchors(QStringLiteral(":/resources/primer/senior-topics.tsv"));
    const ContentPaths paths(root);
    input.scenarioIds = diagram::ScenarioLibrary::load(paths.scenarios()).ids();
    const QDir decks(paths.decks());
    for (const QString &f : decks.entryList({QStringLiteral("*.json")}, QDir::Files))
        input.deckIds.append(f.chopped(5));
    // Built-in decks are folders named by their id, each with a deck.json.
    for (const QString &d : decks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (QFileInfo::exists(decks.filePath(d + QStringLiteral("/deck.json"))))
            input.deckIds.append(d);
    }
    return input;
}

QStringList checkContent(const TopicLibrary &library, const CheckInput &input)
{
    QStringList problems = library.errors();
    QHash<QString, QString> coveredBy;
    QHash<int, QString> orders;
    static const QRegularExpression link(QStringLiteral("\\]\\(([^)\\s]*)\\)"));

    for (const Topic &t : library.topics()) {
        const bool inExercises = QFileInfo(t.path).dir().dirName() == u"exercises";
        const QString file =
            (inExercises ? QStringLiteral("exercises/") : QString()) + t.id + QStringLiteral(".md");
        // Exercises and interview questions practise many topics; none owns an anchor.
        const bool practice = isStepped(t) || t.kind == u"question";
        auto problem = [&](const QString &message) {
            problems.append(file + QStringLiteral(": ") + message);
        };

        if (t.title.trimmed().isEmpty())
            problem(QStringLiteral("empty title"));
        if (t.section.trimmed().isEmpty())
            problem(QStringLiteral("empty section"));
        if (orders.contains(t.order))
            problem(QStringLiteral("order %1 is also used by %2")
                        .arg(t.order)
                        .arg(orders.value(t.order)));
        orders.insert(t.order, t.id);
        if (t.covers.isEmpty() && !practice)
            problem(QStringLiteral("covers no anchor"));
        for (const QString &a : t.covers) {
            if (!input.anchors.contains(a))
                problem(QStringLiteral("covers \"%1\", which is not a listed anchor").arg(a));
            else if (coveredBy.contains(a))
                problem(QStringLiteral("covers \"%1\", already covered by %2")
                            .arg(a, coveredBy.value(a)));
            coveredBy.insert(a, t.id);
        }
        for (const QString &r : t.related) {
            if (!library.find(r))
                problem(QStringLiteral("related page \"%1\" does not exist").arg(r));
        }
        if (!t.scenario.isEmpty() && !input.scenarioIds.contains(t.scenario))
            problem(QStringLiteral("scenario \"%1\" does not exist").arg(t.scenario));
        if (t.sources.isEmpty())
            problem(QStringLiteral("lists no sources"));
        for (const QString &s : t.sources) {
            const QUrl u(s);
            if (!u.isValid() || (u.scheme() != u"https" && u.scheme() != u"http") ||
                u.host().isEmpty())
                problem(QStringLiteral("source \"%1\" is not a web address").arg(s));
        }

        // Links in the body.
        auto it = link.globalMatch(t.body);
        while (it.hasNext()) {
            const QString target = it.next().captured(1);
            const QString scheme = target.section(u':', 0, 0);
            const QString rest = target.section(u':', 1);
            if (target.isEmpty() || !target.contains(u':')) {
                problem(QStringLiteral(
                            "link \"%1\" has no scheme (use topic:, scenario:, deck: or https:)")
                            .arg(target));
            } else if (scheme == u"topic") {
                const QString id = rest.section(u'#', 0, 0);
                if (!library.find(id))
                    problem(QStringLiteral("link to missing page \"%1\"").arg(id));
            } else if (scheme == u"scenario") {
                if (!input.scenarioIds.contains(rest))
                    problem(QStringLiteral("link to missing lab template \"%1\"").arg(rest));
            } else if (scheme == u"deck") {
                if (!input.deckIds.contains(rest))
                    problem(QStringLiteral("link to missing deck \"%1\"").arg(rest));
            } else if (scheme != u"https" && scheme != u"http" && scheme != u"mailto") {
                problem(QStringLiteral("link \"%1\" uses an unknown scheme").arg(target));
            }
        }

        // Structure.
        const QList<BodySection> sections = splitSections(t.body);
        if (!hasText(sections.first().lines) && t.kind == u"topic")
            problem(QStringLiteral("no opening paragraph before the first heading"));
        for (qsizetype i = 1; i < sections.size(); ++i) {
            const BodySection &s = sections.at(i);
            if (s.level == 1)
                problem(QStringLiteral("uses a # heading; the title is printed by the reader"));
            const bool hasChild = i + 1 < sections.size() && sections.at(i + 1).level > s.level;
            if (!hasText(s.lines) && !hasChild && !isStepped(t)) // steps: checked below
                problem(QStringLiteral("section \"%1\" is empty").arg(s.title));
        }
        if (t.body.trimmed().isEmpty())
            problem(QStringLiteral("the page has no body"));
        if (t.kind == u"topic") {
            qsizetype from = 1;
            for (const QString &want : requiredTopicSections()) {
                qsizetype found = -1;
                for (qsizetype i = from; i < sections.size(); ++i) {
                    if (sections.at(i).level == 2 && sections.at(i).title == want) {
                        found = i;
                        break;
                    }
                }
                if (found < 0) {
                    problem(QStringLiteral("missing the \"## %1\" section (or it is out of order)")
                                .arg(want));
                    continue;
                }
                if (want == u"Trade-offs") {
                    QStringList lines = sections.at(found).lines;
                    for (qsizetype j = found + 1; j < sections.size() && sections.at(j).level > 2;
                         ++j)
                        lines += sections.at(j).lines;
                    if (!hasTable(lines))
                        problem(QStringLiteral("the Trade-offs section has no table"));
                }
                from = found + 1;
            }
        }
        if (isStepped(t)) {
            const Exercise ex = parseExercise(t.body);
            for (const QString &p : ex.problems)
                problem(p);
            const int want = requiredStepCount(t.kind);
            if (!ex.steps.isEmpty() && ex.steps.size() != want)
                problem(
                    QStringLiteral("has %1 steps; %2 pages have %3")
                        .arg(ex.steps.size())
                        .arg(t.kind == u"ood" ? QStringLiteral("OOD") : QStringLiteral("exercise"))
                        .arg(want));
            if (t.kind == u"exercise" && t.scenario.isEmpty())
                problem(QStringLiteral("names no scenario: a design exercise needs its reference "
                                       "design (scenario: exercise-%1)")
                            .arg(t.id));
        }
        // Code fences that include a file beside the page (codeblocks.h).
        for (const QString &p :
             includeProblems(t.body, t.path.isEmpty() ? QString() : QFileInfo(t.path).path()))
            problem(p);
        if (!t.scenario.isEmpty() &&
            !t.body.contains(QStringLiteral("](scenario:%1)").arg(t.scenario)))
            problem(QStringLiteral("names scenario \"%1\" but has no call-out linking to it")
                        .arg(t.scenario));
    }
    for (const QString &a : input.anchors) {
        if (!coveredBy.contains(a))
            problems.append(QStringLiteral("anchor \"%1\" is covered by no page").arg(a));
    }
    return problems;
}

} // namespace sds::content
