#pragma once

#include <QColor>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;
class QToolButton;
class QUrl;

namespace sds::content {
struct Topic;
}

namespace sds::gui {

// The page being read: a problem banner, the crumb with the done button, the
// text itself in a column centred in wide windows, and previous/next. It
// shows what it is given and reports clicks; which page comes next and what
// a link means is the Learn page's business.
class ReaderView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReaderView)

public:
    static constexpr int kMinZoom = -4;
    static constexpr int kMaxZoom = 12;

    explicit ReaderView(QWidget *parent = nullptr);

    void setWarning(const QString &text); // hidden when empty
    void setHtml(const QString &html);
    // The crumb and done button for @p topic (nothing when null).
    void setTopic(const content::Topic *topic, bool done, bool canMark, const QString &shortcut);
    void setNeighbours(const content::Topic *previous, const content::Topic *next);

    int scroll() const;
    void setScroll(int value);
    void scrollToAnchor(const QString &anchor);
    void focusText();

    // Marks each occurrence of @p query's words and shows the first in the
    // body; the number of marks.
    int highlight(const QString &query, const QColor &accent);
    void clearHighlight();

    int zoom() const { return m_zoom; }
    // Steps of one point, within kMinZoom..kMaxZoom; the zoom now.
    int zoomBy(int steps);
    void setZoom(int zoom);

signals:
    void linkClicked(const QUrl &url);
    void linkHovered(const QUrl &url);
    void doneToggled(bool done);
    void previousClicked();
    void nextClicked();
    // The mouse's back and forward buttons over the text.
    void backRequested();
    void forwardRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int m_zoom = 0;
    QLabel *m_warning = nullptr;
    QLabel *m_crumb = nullptr;
    QToolButton *m_doneButton = nullptr;
    QTextBrowser *m_view = nullptr;
    QPushButton *m_prevButton = nullptr;
    QPushButton *m_nextButton = nullptr;
};

} // namespace sds::gui
