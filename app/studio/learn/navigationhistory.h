#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace sds::gui {

// The reader's back and forward stacks, as a browser keeps them: going
// somewhere new records where the learner was and forgets what lay
// forward; back and forward trade the current place for the top of one
// stack. Each place keeps its scroll position, so back returns to the line
// the learner was reading. At most kMaxEntries places are kept: the oldest
// go first.
class NavigationHistory
{
public:
    struct Place {
        QString id; // a topic id, or a reader place such as the study plan
        int scroll = 0;
        friend bool operator==(const Place &, const Place &) = default;
    };

    static constexpr qsizetype kMaxEntries = 100;

    // Leaving @p from for the place @p toId. Moving within a page, or from
    // nowhere (the first page shown), is not a step to go back over.
    void navigate(const Place &from, const QString &toId)
    {
        if (from.id.isEmpty() || from.id == toId)
            return;
        push(m_back, from);
        m_forward.clear();
    }

    // The place to show instead of @p here, which becomes the top of the
    // other stack; nothing when there is nowhere to go.
    std::optional<Place> back(const Place &here) { return step(m_back, m_forward, here); }
    std::optional<Place> forward(const Place &here) { return step(m_forward, m_back, here); }

    bool canGoBack() const { return !m_back.isEmpty(); }
    bool canGoForward() const { return !m_forward.isEmpty(); }
    qsizetype backCount() const { return m_back.size(); }
    qsizetype forwardCount() const { return m_forward.size(); }

private:
    static void push(QList<Place> &stack, const Place &place)
    {
        stack.append(place);
        if (stack.size() > kMaxEntries)
            stack.removeFirst();
    }

    static std::optional<Place> step(QList<Place> &from, QList<Place> &to, const Place &here)
    {
        if (from.isEmpty())
            return std::nullopt;
        push(to, here);
        return from.takeLast();
    }

    QList<Place> m_back;
    QList<Place> m_forward;
};

} // namespace sds::gui
