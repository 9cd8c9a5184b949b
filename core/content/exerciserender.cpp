#include "core/content/exerciserender.h"

#include <QRegularExpression>

namespace sds::content {
namespace {

// Paragraphs that survive Markdown as <p>…</p> and mark where a box begins
// and ends; nothing a page could contain by accident.
QString beginMarker(qsizetype step)
{
    return QStringLiteral("SDSSOLUTIONBEGIN%1").arg(step);
}

QString endMarker(qsizetype step)
{
    return QStringLiteral("SDSSOLUTIONEND%1").arg(step);
}

} // namespace

ExerciseLink parseExerciseLink(const QString &url)
{
    static const QRegularExpression re(
        QStringLiteral("^sds-(reveal|hide|attempt|unattempt):(all|[1-9][0-9]*)$"));
    const QRegularExpressionMatch m = re.match(url);
    if (!m.hasMatch())
        return {};
    const QString verb = m.captured(1);
    ExerciseLink link;
    link.action = verb == u"reveal"    ? ExerciseLink::Action::Reveal
                  : verb == u"hide"    ? ExerciseLink::Action::Hide
                  : verb == u"attempt" ? ExerciseLink::Action::Attempt
                                       : ExerciseLink::Action::Unattempt;
    link.step = m.captured(2) == u"all" ? 0 : m.captured(2).toInt();
    return link;
}

QString describeExerciseLink(const QString &url)
{
    const ExerciseLink link = parseExerciseLink(url);
    const bool all = link.step == 0;
    const QString step = QString::number(link.step);
    switch (link.action) {
    case ExerciseLink::Action::None:
        break;
    case ExerciseLink::Action::Reveal:
        return all ? QStringLiteral("Show the solutions of all steps")
                   : QStringLiteral("Show the solution of step %1").arg(step);
    case ExerciseLink::Action::Hide:
        return all ? QStringLiteral("Hide the solutions of all steps")
                   : QStringLiteral("Hide the solution of step %1").arg(step);
    case ExerciseLink::Action::Attempt:
        return all ? QStringLiteral("Mark every step as tried")
                   : QStringLiteral("Mark step %1 as tried").arg(step);
    case ExerciseLink::Action::Unattempt:
        return all ? QStringLiteral("Mark every step as not tried yet")
                   : QStringLiteral("Mark step %1 as not tried yet").arg(step);
    }
    return {};
}

QString exerciseMarkdown(const Exercise &exercise, const QList<StepView> &steps)
{
    const auto stepAt = [&](qsizetype i) {
        return i < steps.size() ? steps.at(i) : StepView{};
    };
    const qsizetype count = exercise.steps.size();
    int worked = 0;
    int open = 0;
    for (qsizetype i = 0; i < count; ++i) {
        worked += stepAt(i).worked() ? 1 : 0;
        open += stepAt(i).open ? 1 : 0;
    }

    QString md = exercise.statement + QStringLiteral("\n\n");
    if (count > 0) {
        const QString all = open == count
                                ? QStringLiteral("[▾ Hide all solutions](sds-hide:all)")
                                : QStringLiteral("[▸ Show all solutions](sds-reveal:all)");
        md += QStringLiteral("> **%1 of %2 steps worked.** Work out each step before you open "
                             "its solution. %3\n\n")
                  .arg(worked)
                  .arg(count)
                  .arg(all);
    }
    for (qsizetype i = 0; i < count; ++i) {
        const ExerciseStep &s = exercise.steps.at(i);
        const StepView v = stepAt(i);
        const qsizetype n = i + 1;
        md += QStringLiteral("## %1\n\n%2\n\n").arg(s.title, s.prompt);
        if (v.open) {
            md += QStringLiteral("[▾ Hide solution](sds-hide:%1)\n\n").arg(n);
            md += beginMarker(n) + QStringLiteral("\n\n### Solution\n\n") + s.solution +
                  QStringLiteral("\n\n") + endMarker(n) + QStringLiteral("\n\n");
            continue;
        }
        QStringList parts{QStringLiteral("[▸ Show solution](sds-reveal:%1)").arg(n)};
        if (v.attempted)
            parts << QStringLiteral("✓ Tried ([undo](sds-unattempt:%1))").arg(n);
        else
            parts << QStringLiteral("[I tried this step](sds-attempt:%1)").arg(n);
        if (v.revealed)
            parts << QStringLiteral("solution seen");
        md += parts.join(QStringLiteral("  ·  ")) + QStringLiteral("\n\n");
    }
    return md;
}

QString renderExercisePage(const Topic &topic, const Exercise &exercise,
                           const QList<StepView> &steps, const PageStyle &style)
{
    Topic shown = topic;
    shown.body = exerciseMarkdown(exercise, steps);
    QString html = renderPage(shown, style);
    // An open solution sits behind a rule on its left, in the page's neutral
    // colours, so it reads as the answer rather than a tip; no fill, so its
    // code blocks and call-outs keep their own backgrounds.
    html.replace(QStringLiteral("</style>"),
                 QStringLiteral("table.solution { border-collapse: collapse; margin-top: 2px; "
                                "margin-bottom: 10px; }"
                                "td.solution { border-left: 4px solid %1; }</style>")
                     .arg(style.border));
    static const QRegularExpression begin(QStringLiteral("<p>SDSSOLUTIONBEGIN[0-9]+</p>"));
    static const QRegularExpression end(QStringLiteral("<p>SDSSOLUTIONEND[0-9]+</p>"));
    html.replace(begin, QStringLiteral("<table class=\"solution\" width=\"100%\" cellspacing=\"0\" "
                                       "cellpadding=\"12\"><tr><td class=\"solution\">"));
    html.replace(end, QStringLiteral("</td></tr></table>"));
    return html;
}

QList<Heading> exerciseOutline(const Topic &topic, const Exercise &exercise)
{
    QList<Heading> out;
    for (const ExerciseStep &s : exercise.steps)
        out.append(Heading{2, s.title, anchorFor(s.title)});
    if (!topic.sources.isEmpty())
        out.append(Heading{2, QStringLiteral("Sources"), QStringLiteral("sources")});
    return out;
}

} // namespace sds::content
