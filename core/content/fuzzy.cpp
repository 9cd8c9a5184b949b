#include "core/content/fuzzy.h"

#include <algorithm>

namespace sds::content {

namespace {

bool isWordStart(const QString &c, qsizetype i)
{
    return i == 0 || !c.at(i - 1).isLetterOrNumber();
}

// One way of placing the pattern's letters: each at its next occurrence, or
// (preferWordStarts) at the next word start holding it when there is one.
int place(const QString &p, const QString &c, bool preferWordStarts)
{
    int score = 0;
    qsizetype at = 0;
    qsizetype previous = -2;
    for (const QChar want : p) {
        qsizetype found = c.indexOf(want, at);
        if (found < 0)
            return -1;
        if (preferWordStarts && !isWordStart(c, found)) {
            for (qsizetype i = found + 1; i < c.size(); ++i) {
                if (c.at(i) == want && isWordStart(c, i)) {
                    found = i;
                    break;
                }
            }
        }
        score += 1;
        if (isWordStart(c, found))
            score += 8;
        if (found == previous + 1)
            score += 5;
        previous = found;
        at = found + 1;
    }
    return score;
}

} // namespace

int fuzzyScore(const QString &pattern, const QString &candidate)
{
    QString p;
    for (const QChar c : pattern) {
        if (!c.isSpace())
            p += c.toLower();
    }
    if (p.isEmpty())
        return 0;
    const QString c = candidate.toLower();
    int score = std::max(place(p, c, false), place(p, c, true));
    if (score < 0)
        return -1;
    if (c.startsWith(p))
        score += 20;
    return score * 4 - int(c.size());
}

} // namespace sds::content
