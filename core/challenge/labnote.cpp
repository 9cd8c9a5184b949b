#include "core/challenge/labnote.h"

#include <QRegularExpression>

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

QString question(const QString &prediction, const QString &plain)
{
    return prediction.trimmed().isEmpty() ? plain
                                          : QStringLiteral("I predicted: ") + prediction.trimmed() +
                                                QStringLiteral("\nWas I right?");
}

QString ms(double seconds)
{
    return QStringLiteral("%1 ms").arg(seconds * 1000, 0, 'f', seconds < 0.01 ? 2 : 1);
}

} // namespace

LabNote labNote(const Challenge &challenge, const GradeResult &result, const QString &prediction)
{
    LabNote note;
    note.tags = {QStringLiteral("lab"), QStringLiteral("challenge")};
    note.front = QStringLiteral("**%1**\n%2\n%3")
                     .arg(challenge.title, situation(challenge.brief),
                          question(prediction, QStringLiteral("What limits this design, and does "
                                                              "it meet its goals?")));

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

LabNote runNote(const QString &designName, double rateRps, const sim::RunMetrics &run,
                const QHash<QString, QString> &labels, const QString &prediction)
{
    LabNote note;
    note.tags = {QStringLiteral("lab")};
    note.front = QStringLiteral("**%1** at %2 requests a second\n%3")
                     .arg(designName, QString::number(rateRps, 'g', 4),
                          question(prediction, QStringLiteral("What throughput and latency does "
                                                              "it reach, and what limits it?")));
    QStringList lines;
    lines << QStringLiteral("Measured over %1 s: %2 answered a second.")
                 .arg(QString::number(run.measured, 'f', 0),
                      QString::number(run.throughput(), 'f', 1));
    if (run.latency.count() > 0)
        lines << QStringLiteral("Latency: p50 %1, p95 %2, p99 %3.")
                     .arg(ms(run.latency.quantile(0.5)), ms(run.latency.quantile(0.95)),
                          ms(run.latency.quantile(0.99)));
    else
        lines << QStringLiteral("No request was answered.");
    const double finished = double(run.completed + run.failed);
    if (run.failed > 0)
        lines << QStringLiteral("Errors: %1 % (%2 failed).")
                     .arg(QString::number(100.0 * double(run.failed) / finished, 'f', 2))
                     .arg(run.failed);
    if (run.staleReads > 0)
        lines << QStringLiteral("Stale reads: %1.").arg(run.staleReads);
    const sim::NodeMetrics *busiest = nullptr;
    for (const sim::NodeMetrics &n : run.nodes)
        if (n.servers > 0 && (!busiest || n.utilization > busiest->utilization))
            busiest = &n;
    if (busiest)
        lines << QStringLiteral("Busiest: %1 at %2 % busy, %3 waiting on average.")
                     .arg(labels.value(busiest->id, busiest->id),
                          QString::number(busiest->utilization * 100, 'f', 0),
                          QString::number(busiest->meanQueue, 'f', 1));
    note.back = lines.join(u'\n');
    return note;
}

QString challengeLink(const QString &id)
{
    return QStringLiteral("[Open the challenge](challenge:%1)").arg(id);
}

QString designLink(const QString &fileName)
{
    return QStringLiteral("[Reopen this design in the lab](lab:%1)").arg(fileName);
}

bool isLabNoteFile(const QString &fileName)
{
    // Only names the app makes: a link on an imported card cannot reach other files.
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9-]+\\.json$"));
    return name.match(fileName).hasMatch();
}

} // namespace sds::challenge
