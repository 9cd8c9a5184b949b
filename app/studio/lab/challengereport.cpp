#include "app/studio/lab/challengereport.h"

#include "core/content/pagerender.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace sds::gui {

using challenge::GoalMetric;
using challenge::Verdict;

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("ChallengeReport", text, nullptr, n);
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString css(const ChallengeColours &c)
{
    return QStringLiteral("<style>body { color: %1; } a { color: %2; } .muted { color: %3; } "
                          "h3 { margin-top: 14px; margin-bottom: 4px; } "
                          "td { padding: 2px 6px 2px 0; } th { text-align: left; padding: 2px "
                          "6px 2px 0; color: %3; font-weight: normal; }</style>")
        .arg(c.text.name(), c.link.name(), c.muted.name());
}

QString topicLink(const QString &id, const TopicTitle &topics)
{
    const QString title = topics ? topics(id) : QString();
    if (title.isEmpty())
        return {};
    return QStringLiteral("<a href=\"topic:%1\">%2</a>").arg(esc(id), esc(title));
}

QString percent(double share)
{
    return QLocale().toString(share * 100, 'f', 0) + QStringLiteral(" %");
}

// A share as a row of blocks, ten to the whole: readable in any font and theme.
QString bar(double share)
{
    const int full = std::clamp(int(std::lround(share * 10)), 0, 10);
    return QString(full, QChar(0x2588)) + QString(10 - full, QChar(0x2591));
}

QColor verdictColour(Verdict v, const ChallengeColours &c)
{
    return v == Verdict::Pass ? c.pass : v == Verdict::Fail ? c.fail : c.close;
}

} // namespace

QString displayGoalValue(GoalMetric metric, double v)
{
    const QString value = challenge::formatGoalValue(metric, v, QLocale());
    return metric == GoalMetric::Cost && std::isfinite(v) ? value + tr(" a month") : value;
}

QString formatGoalLimit(const challenge::Goal &goal)
{
    return (goal.atMost ? QStringLiteral("≤ ") : QStringLiteral("≥ ")) +
           displayGoalValue(goal.metric, goal.limit);
}

QString verdictText(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return tr("✓ passed");
    case Verdict::Fail:
        return tr("✗ failed");
    case Verdict::TooClose:
        return tr("? too close");
    }
    return {};
}

QString challengeBriefHtml(const challenge::Challenge &c, bool solved, const TopicTitle &topics,
                           const ChallengeColours &colours)
{
    QString html = css(colours);
    html += QStringLiteral("<p class=\"muted\">%1%2</p>")
                .arg(tr("Level %1 of 5").arg(c.level),
                     solved ? QStringLiteral(" · <span style=\"color: %1\">%2</span>")
                                  .arg(colours.pass.name(), tr("✓ solved"))
                            : QString());
    html += content::markdownToHtml(c.brief);
    html += QStringLiteral("<h3>%1</h3><table>").arg(tr("Goals"));
    for (const challenge::Goal &g : c.goals)
        html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                    .arg(esc(challenge::goalMetricLabel(g.metric)), esc(formatGoalLimit(g)));
    html += QStringLiteral("</table>");
    if (!c.faults.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("What happens during the run"));
        for (const challenge::ChallengeFault &f : c.faults) {
            const QString what =
                f.label.isEmpty() ? (f.node.isEmpty() ? f.kinds.join(u'/') : f.node) : f.label;
            html += QStringLiteral("<li>%1</li>")
                        .arg(esc(tr("%1 at %2 s, for %3 s")
                                     .arg(what)
                                     .arg(QLocale().toString(f.atS))
                                     .arg(QLocale().toString(f.durationS))));
        }
        html += QStringLiteral("</ul>");
    }
    QStringList links;
    for (const QString &id : c.topics)
        if (const QString link = topicLink(id, topics); !link.isEmpty())
            links << link;
    if (!links.isEmpty())
        html += QStringLiteral("<p>%1 %2</p>")
                    .arg(tr("Read first:"), links.join(QStringLiteral(" · ")));
    html += QStringLiteral("<p class=\"muted\">%1</p>")
                .arg(tr("Build your design on the canvas, then press Check my design. The "
                        "clients, the load and the faults are the challenge's, whatever the "
                        "canvas says."));
    return html;
}

QString challengeGradeHtml(const challenge::Challenge &c, const challenge::GradeResult &r,
                           const TopicTitle &topics, const ChallengeColours &colours)
{
    QString html = css(colours);
    const int passed =
        int(std::count_if(r.goals.begin(), r.goals.end(), [](const challenge::GoalResult &g) {
            return g.verdict == Verdict::Pass;
        }));
    html +=
        r.solved
            ? QStringLiteral("<h3 style=\"color: %1\">%2</h3>")
                  .arg(colours.pass.name(), tr("✓ Solved: every goal holds"))
            : QStringLiteral("<h3 style=\"color: %1\">%2</h3>")
                  .arg(colours.fail.name(),
                       tr("✗ Not solved yet: %1 of %2 goals pass").arg(passed).arg(r.goals.size()));
    html += QStringLiteral("<p class=\"muted\">%1</p>")
                .arg(tr("Over %1 seeds. A goal passes when its whole 95 % interval is within "
                        "the limit, fails when the whole interval is outside it.")
                         .arg(r.seeds));
    // A goal per paragraph, not a table: the panel is narrow, and a line
    // that wraps reads better than a column squeezed to a word.
    for (const challenge::GoalResult &g : r.goals) {
        const GoalMetric m = g.goal.metric;
        QString value =
            g.value.valid() ? displayGoalValue(m, g.value.mean) : tr("no value (nothing answered)");
        if (g.value.valid() && g.value.high > g.value.low)
            value += QStringLiteral(" <span class=\"muted\">(%1)</span>")
                         .arg(esc(tr("95 %: %1 – %2")
                                      .arg(displayGoalValue(m, g.value.low),
                                           displayGoalValue(m, g.value.high))));
        html += QStringLiteral("<p><b style=\"color: %1\">%2</b> · %3<br/>%4 · %5</p>")
                    .arg(verdictColour(g.verdict, colours).name(), esc(verdictText(g.verdict)),
                         esc(challenge::goalMetricLabel(m)), value,
                         esc(tr("limit %1").arg(formatGoalLimit(g.goal))));
    }
    const bool costGoal = std::any_of(r.goals.begin(), r.goals.end(), [](const auto &g) {
        return g.goal.metric == GoalMetric::Cost;
    });
    if (!costGoal && r.cost.valid())
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("Cost: %1").arg(esc(displayGoalValue(GoalMetric::Cost, r.cost.mean))));

    const challenge::Diagnosis &d = r.diagnosis;
    html += QStringLiteral("<h3>%1</h3>").arg(tr("What limits the design"));
    html += d.bottleneck ? QStringLiteral("<p>%1</p>").arg(esc(d.bottleneck->why))
                         : QStringLiteral("<p>%1</p>").arg(tr("Nothing but the clients ran."));
    if (!d.tail.parts.isEmpty()) {
        html +=
            QStringLiteral("<h3>%1</h3><p class=\"muted\">%2</p>")
                .arg(tr("Where the slowest 1 % wait"),
                     tr("%1 requests took %2 or more in one traced run; each component's "
                        "share of their time, and what it was spent on.")
                         .arg(QLocale().toString(qulonglong(d.tail.requests)),
                              esc(displayGoalValue(GoalMetric::LatencyP99, d.tail.thresholdMs))));
        for (const challenge::TailPart &p : d.tail.parts) {
            if (p.share < 0.005)
                continue; // under half a per cent says nothing
            QStringList parts;
            const QStringList names{tr("queueing"), tr("service"), tr("network"), tr("retry")};
            for (std::size_t k = 0; k < p.parts.size(); ++k)
                if (p.parts[k] >= 0.005)
                    parts << QStringLiteral("%1 %2").arg(names.at(qsizetype(k)),
                                                         percent(p.parts[k]));
            html +=
                QStringLiteral("<p><b>%1</b> %2 <span style=\"color: %3\">%4</span><br/>"
                               "<span class=\"muted\">%5</span></p>")
                    .arg(esc(p.label.isEmpty() ? p.node : p.label), percent(p.share),
                         colours.link.name(), bar(p.share), esc(parts.join(QStringLiteral(" · "))));
        }
    }
    if (!d.faults.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("What the faults cost"));
        for (qsizetype i = 0; i < d.faults.size(); ++i) {
            const challenge::FaultImpact &f = d.faults.at(i);
            const QString name = i < r.faultNames.size() && !r.faultNames.at(i).isEmpty()
                                     ? r.faultNames.at(i)
                                     : f.node;
            html += QStringLiteral("<li>%1</li>")
                        .arg(esc(tr("%1 (%2, at %3 s for %4 s): %5 requests failed meanwhile")
                                     .arg(name, f.node)
                                     .arg(QLocale().toString(f.atS))
                                     .arg(QLocale().toString(f.durationS))
                                     .arg(QLocale().toString(f.errors, 'f', 0))));
        }
        html += QStringLiteral("</ul>");
    }
    QStringList notes = r.notes;
    if (r.overloadedRuns > 0)
        notes << tr("%1 of the %2 runs were stopped because requests piled up without bound: "
                    "the design cannot keep up with the load.")
                     .arg(r.overloadedRuns)
                     .arg(r.seeds);
    if (!notes.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Notes"));
        for (const QString &n : notes)
            html += QStringLiteral("<li>%1</li>").arg(esc(n));
        html += QStringLiteral("</ul>");
    }
    if (!r.hints.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Hints"));
        for (const challenge::Hint &h : r.hints) {
            const QString link = topicLink(h.topic, topics);
            html +=
                QStringLiteral("<li>%1%2</li>")
                    .arg(esc(h.text), link.isEmpty() ? QString() : QStringLiteral(" → ") + link);
        }
        html += QStringLiteral("</ul>");
    }
    Q_UNUSED(c);
    return html;
}

} // namespace sds::gui
