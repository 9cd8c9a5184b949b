#include "core/challenge/labnote.h"

namespace sds::challenge {

namespace {

// The brief's first sentence, without Markdown emphasis: the situation in short.
QString situation(const QString &brief)
{
    QString text = brief.section(QStringLiteral("\n\n"), 0, 0).simplified();
    text.remove(QStringLiteral("**"));
    const qsizetype end = text.indexOf(QStringLiteral(". "));
    return end > 0 ? text.left(end + 1) : text;
}

} // namespace

LabNote labNote(const Challenge &challenge, const GradeResult &result, const QString &prediction)
{
    LabNote note;
    note.tags = {QStringLiteral("lab"), QStringLiteral("challenge")};
    const QString question =
        prediction.trimmed().isEmpty()
            ? QStringLiteral("What limits this design, and does it meet its goals?")
            : QStringLiteral("I predicted: ") + prediction.trimmed() +
                  QStringLiteral("\nWas I right?");
    note.front =
        QStringLiteral("**%1**\n%2\n%3").arg(challenge.title, situation(challenge.brief), question);

    QStringList lines;
    lines << (result.solved ? QStringLiteral("**Solved** over %1 seeds.")
                            : QStringLiteral("**Not solved** over %1 seeds."))
                 .arg(result.seeds);
    for (const GoalResult &g : result.goals) {
        lines << QStringLiteral("%1: %2 (goal %3 %4): %5")
                     .arg(goalMetricLabel(g.goal.metric),
                          g.value.valid() ? formatGoalValue(g.goal.metric, g.value.mean)
                                          : QStringLiteral("nothing answered"),
                          g.goal.atMost ? QStringLiteral("at most") : QStringLiteral("at least"),
                          formatGoalValue(g.goal.metric, g.goal.limit), verdictKey(g.verdict));
    }
    if (result.diagnosis.bottleneck)
        lines << QStringLiteral("Limited by: ") + result.diagnosis.bottleneck->why;
    if (!result.diagnosis.tail.parts.isEmpty()) {
        const TailPart &top = result.diagnosis.tail.parts.first();
        lines << QStringLiteral("The slowest 1 % spent %1 % of their time at %2.")
                     .arg(QString::number(top.share * 100, 'f', 0), top.label);
    }
    note.back = lines.join(u'\n');
    return note;
}

} // namespace sds::challenge
