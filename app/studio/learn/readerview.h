#pragma once

#include <QColor>
#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTextBrowser;
class QToolButton;
class QUrl;

namespace sds::content {
struct Exercise;
struct StepView;
class TopicLibrary;
struct Topic;
} // namespace sds::content

namespace sds::diagram {
class ScenarioLibrary;
}

namespace sds::challenge {
class ChallengeLibrary;
}

namespace sds::gui {

// The page being read: a problem banner, the crumb with the done button, the
// text itself in a column centred in wide windows, and previous/next. It
// shows what it is given and reports clicks, each kind of link by its own
// signal; which page comes next and what is saved is the Learn page's
// business.
class ReaderView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReaderView)

public:
    static constexpr int kMinZoom = -4;
    static constexpr int kMaxZoom = 12;

    // @p topics and @p scenarios name the pages and lab templates that links point to.
    ReaderView(const content::TopicLibrary &topics, const diagram::ScenarioLibrary &scenarios,
               QWidget *parent = nullptr);

    void setWarning(const QString &text); // hidden when empty
    // The lab's challenges: a page they exercise gets a box of challenge: links.
    void setChallenges(const challenge::ChallengeLibrary *challenges) { m_challenges = challenges; }
    // The colour of links, call-outs and search marks; takes effect with the next page shown.
    void setAccent(const QColor &accent) { m_accent = accent; }
    // Draws @p topic, or, for an exercise, its @p exercise steps as @p steps left them.
    void showTopic(const content::Topic &topic, const content::Exercise &exercise,
                   const QList<content::StepView> &steps);
    // The crumb and done button for @p topic (nothing when null).
    void setTopic(const content::Topic *topic, bool done, bool canMark, const QString &shortcut);
    void setNeighbours(const content::Topic *previous, const content::Topic *next);

    int scroll() const;
    void setScroll(int value);
    // Shows @p anchor, or else the line at @p scroll, without search marks.
    void showPlace(const QString &anchor, int scroll);
    void scrollToAnchor(const QString &anchor);
    void focusText();

    // Marks each occurrence of @p query's words and shows the first in the
    // body; the number of marks.
    int highlight(const QString &query);
    void clearHighlight();

    int zoom() const { return m_zoom; }
    void setZoom(int zoom); // within kMinZoom..kMaxZoom; no signal
    // Larger and smaller text, with shortcuts that work anywhere in @p page.
    QList<QAction *> addZoomActions(QWidget *page);

    // What following @p url does, in words ("Open the page “Cache”"); a web
    // link's address; empty for a link that leads nowhere. The app's own
    // addresses (sds-reveal:2, topic:cache) mean nothing to a learner.
    QString describeLink(const QUrl &url) const;

signals:
    // Links into the app; the view itself follows anchors on the page and
    // opens web links in the browser.
    void topicLinkClicked(const QString &id, const QString &anchor);
    void scenarioLinkClicked(const QString &id);
    void deckLinkClicked(const QString &id);
    void challengeLinkClicked(const QString &id);
    void exerciseLinkClicked(const QString &url); // sds-reveal:2 and the like
    // What a hovered link does (describeLink), or a link that could not be followed.
    void statusMessage(const QString &text, int timeoutMs);
    void doneToggled(bool done);
    // The text size changed by one step (the page shows it when it is redrawn).
    void zoomChanged(int zoom);
    void previousClicked();
    void nextClicked();
    // The mouse's back and forward buttons over the text.
    void backRequested();
    void forwardRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void followLink(const QUrl &url);
    void zoomBy(int steps);
    QString challengesBox(const QString &topicId) const;

    const content::TopicLibrary &m_topics;
    const diagram::ScenarioLibrary &m_scenarios;
    const challenge::ChallengeLibrary *m_challenges = nullptr;
    int m_zoom = 0;
    QColor m_accent = QColor(0x2a, 0x62, 0xc9);
    QLabel *m_warning = nullptr;
    QLabel *m_crumb = nullptr;
    QToolButton *m_doneButton = nullptr;
    QTextBrowser *m_view = nullptr;
    QPushButton *m_prevButton = nullptr;
    QPushButton *m_nextButton = nullptr;
};

} // namespace sds::gui
