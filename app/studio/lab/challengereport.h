#pragma once

#include "core/challenge/grader.h"

#include <QColor>
#include <QString>

#include <functional>

namespace sds::gui {

// The colours a challenge brief and grade are drawn with, from the theme.
struct ChallengeColours {
    QColor text;
    QColor muted;
    QColor link;
    QColor pass;
    QColor fail;
    QColor close;
    QColor border;
};

// A topic page id to its title; empty when there is no such page (the
// link is then left out, so it never leads nowhere).
using TopicTitle = std::function<QString(const QString &)>;

// HTML for the challenge panel's browser. Links are topic:ID, which the
// panel hands to the reader. A verdict is a mark and a word (✓ passed,
// ✗ failed, ? too close), so it reads without the colour.
QString challengeBriefHtml(const challenge::Challenge &c, bool solved, const TopicTitle &topics,
                           const ChallengeColours &colours);
QString challengeGradeHtml(const challenge::Challenge &c, const challenge::GradeResult &r,
                           const TopicTitle &topics, const ChallengeColours &colours);
// A goal's value in its unit: "41.2 ms", "0.120 %", "$640 a month".
QString displayGoalValue(challenge::GoalMetric metric, double value);
// "≤ 150 ms" or "≥ 99.9 %".
QString formatGoalLimit(const challenge::Goal &goal);
QString verdictText(challenge::Verdict v); // "✓ passed", "✗ failed", "? too close"

} // namespace sds::gui
