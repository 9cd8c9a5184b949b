#pragma once

#include <QWidget>

class QColor;
class QLineEdit;
class QListWidget;
class QStackedWidget;

namespace sds::content {
class SearchIndex;
}

namespace sds::gui {

// The search field over a browsing widget (the topic tree): typing replaces
// it with the pages that match, each with its section and a snippet; Up and
// Down in the field walk the results, Enter or a click chooses one, Escape
// clears the field and gives the tree back.
class SearchPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchPanel)

public:
    static constexpr int kMaxResults = 30;

    // @p browse is shown while the field is empty; the panel takes it over.
    explicit SearchPanel(const content::SearchIndex &index, QWidget *browse,
                         QWidget *parent = nullptr);

    void setText(const QString &words);
    void focusField(); // and select what is typed, to type over it
    void setAccent(const QColor &accent);

    // "1 match on this page", "8 matches on this page": tr()'s %n plural
    // needs a translation file to say more than "match(es)", and the app
    // ships none.
    static QString matchesOnPage(int count);

signals:
    void resultChosen(const QString &id, const QString &query);
    // Escape in the field: the field is cleared and the reader takes the keyboard.
    void dismissed();
    // The mouse's back and forward buttons over the field or the results.
    void backRequested();
    void forwardRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void runSearch(const QString &text);
    void fitResultHeights();
    void chooseCurrent();

    const content::SearchIndex &m_index;
    QLineEdit *m_field = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_browse = nullptr;
    QListWidget *m_results = nullptr;
};

} // namespace sds::gui
