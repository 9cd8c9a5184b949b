#include "core/content/exercise.h"

#include <QRegularExpression>

namespace sds::content {
namespace {

QString joined(const QStringList &lines)
{
    return lines.join(u'\n').trimmed();
}

} // namespace

Exercise parseExercise(const QString &body)
{
    Exercise ex;
    static const QRegularExpression step(QStringLiteral("^##\\s+(.*?)\\s*$"));
    static const QRegularExpression solution(QStringLiteral("^###\\s+Solution\\s*$"));
    QStringList statement;
    QStringList prompt;
    QStringList answer;
    bool inSolution = false;
    bool fenced = false;
    bool strayReported = false;

    auto finishStep = [&] {
        if (ex.steps.isEmpty())
            return;
        ex.steps.last().prompt = joined(prompt);
        ex.steps.last().solution = joined(answer);
        prompt.clear();
        answer.clear();
        inSolution = false;
    };

    for (const QString &line : body.split(u'\n')) {
        // Headings inside fenced code (a shell prompt, a C++ comment) are code.
        if (line.trimmed().startsWith(QStringLiteral("```")))
            fenced = !fenced;
        if (!fenced) {
            const QRegularExpressionMatch m = step.match(line);
            if (m.hasMatch()) {
                finishStep();
                ex.steps.append(ExerciseStep{m.captured(1), {}, {}, 0});
                continue;
            }
            if (solution.match(line).hasMatch()) {
                if (ex.steps.isEmpty()) {
                    if (!strayReported)
                        ex.problems.append(QStringLiteral(
                            "a \"### Solution\" comes before the first step (## heading)"));
                    strayReported = true;
                } else {
                    ++ex.steps.last().solutionHeadings;
                    inSolution = true;
                }
                continue;
            }
        }
        if (ex.steps.isEmpty())
            statement.append(line);
        else if (inSolution)
            answer.append(line);
        else
            prompt.append(line);
    }
    finishStep();
    ex.statement = joined(statement);

    if (ex.statement.isEmpty())
        ex.problems.append(QStringLiteral("no problem statement before the first step"));
    if (ex.steps.isEmpty())
        ex.problems.append(QStringLiteral("has no steps: each step is a \"##\" heading"));
    for (qsizetype i = 0; i < ex.steps.size(); ++i) {
        const ExerciseStep &s = ex.steps.at(i);
        const QString where = QStringLiteral("step %1 (\"%2\")").arg(i + 1).arg(s.title);
        if (s.solutionHeadings == 0)
            ex.problems.append(where + QStringLiteral(" has no \"### Solution\""));
        else if (s.solutionHeadings > 1)
            ex.problems.append(where + QStringLiteral(" has %1 \"### Solution\" headings; "
                                                      "it needs exactly one")
                                           .arg(s.solutionHeadings));
        if (s.prompt.isEmpty())
            ex.problems.append(where +
                               QStringLiteral(" has no prompt before its \"### Solution\""));
        if (s.solutionHeadings > 0 && s.solution.isEmpty())
            ex.problems.append(where + QStringLiteral(" has an empty solution"));
    }
    return ex;
}

int requiredStepCount(const QString &kind)
{
    if (kind == u"exercise")
        return 5;
    if (kind == u"ood")
        return 3;
    return 0;
}

diagram::DiagramData attemptCanvas(const diagram::DiagramData &reference)
{
    diagram::DiagramData d;
    d.name = QStringLiteral("My design: %1").arg(reference.name);
    d.description =
        QStringLiteral("Your own design for the exercise, driven by the same clients as the "
                       "reference design \"%1\". Add components, run it, and compare with the "
                       "reference run pinned in the charts.")
            .arg(reference.name);
    d.workload = reference.workload;
    d.run = reference.run;
    for (const diagram::Node &n : reference.nodes) {
        if (n.kind == diagram::NodeKind::Client)
            d.nodes.append(n);
    }
    return d;
}

} // namespace sds::content
