#include "app/studio/learn/searchpanel.h"

#include "app/studio/learn/historybuttons.h"
#include "app/studio/theme.h"
#include "core/content/searchindex.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMouseEvent>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace sds::gui {

SearchPanel::SearchPanel(const content::SearchIndex &index, QWidget *browse, QWidget *parent)
    : QWidget(parent)
    , m_index(index)
    , m_browse(browse)
{
    setObjectName(QStringLiteral("searchPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("topicSearch"));
    m_field->setPlaceholderText(tr("Search all pages…"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    m_stack = new QStackedWidget(this);
    m_results = new QListWidget(m_stack);
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->setWordWrap(true);
    m_results->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->viewport()->installEventFilter(this);
    m_stack->addWidget(m_browse);
    m_stack->addWidget(m_results);
    layout->addWidget(m_field);
    layout->addWidget(m_stack, 1);
    // The field first, however long ago the browsing widget was made: the
    // window's first focus goes to it, so typing searches at once.
    setTabOrder(m_field, m_browse);

    connect(m_field, &QLineEdit::textChanged, this, &SearchPanel::runSearch);
    connect(m_field, &QLineEdit::returnPressed, this, &SearchPanel::chooseCurrent);
    connect(m_results, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        emit resultChosen(item->data(Qt::UserRole).toString(), m_field->text());
    });
}

void SearchPanel::setText(const QString &words)
{
    m_field->setText(words);
}

void SearchPanel::focusField()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchPanel::setAccent(const QColor &accent)
{
    // A light tint for the chosen result keeps its snippet readable.
    const QPalette pal = QApplication::palette();
    m_results->setStyleSheet(
        QStringLiteral("QListWidget#searchResults::item { border-bottom: 1px solid %1; }"
                       "QListWidget#searchResults::item:selected { background: %2; }")
            .arg(blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.12).name(),
                 blend(accent, pal.color(QPalette::Base), 0.22).name()));
}

QString SearchPanel::matchesOnPage(int count)
{
    if (count <= 0)
        return tr("No matches on this page");
    if (count == 1)
        return tr("1 match on this page");
    return tr("%1 matches on this page").arg(QLocale().toString(count));
}

void SearchPanel::chooseCurrent()
{
    QListWidgetItem *item = m_results->currentItem();
    if (!item && m_results->count() > 0)
        item = m_results->item(0);
    if (item)
        emit resultChosen(item->data(Qt::UserRole).toString(), m_field->text());
}

void SearchPanel::runSearch(const QString &text)
{
    m_results->clear();
    if (text.trimmed().isEmpty()) {
        m_stack->setCurrentWidget(m_browse);
        return;
    }
    m_stack->setCurrentWidget(m_results);
    const QList<content::SearchHit> hits = m_index.search(text, kMaxResults);
    const QColor muted = blend(QApplication::palette().color(QPalette::Text),
                               QApplication::palette().color(QPalette::Base), 0.6);
    for (const content::SearchHit &h : hits) {
        auto *item = new QListWidgetItem(m_results);
        item->setData(Qt::UserRole, h.id);
        item->setToolTip(h.title);
        auto *label = new QLabel(QStringLiteral("<b>%1</b> <span style=\"color:%2\">· %3</span><br>"
                                                "<span style=\"color:%2\">%4</span>")
                                     .arg(h.title.toHtmlEscaped(), muted.name(),
                                          h.section.toHtmlEscaped(), h.snippetHtml()),
                                 m_results);
        label->setWordWrap(true);
        label->setContentsMargins(4, 4, 4, 6);
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
        m_results->setItemWidget(item, label);
    }
    fitResultHeights();
    if (hits.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No page matches “%1”").arg(text), m_results);
        item->setFlags(Qt::NoItemFlags);
    } else {
        m_results->setCurrentRow(0);
    }
}

void SearchPanel::fitResultHeights()
{
    // Word-wrapped labels need their height for the list's current width.
    const int width = std::max(120, m_results->viewport()->width() - 4);
    for (int i = 0; i < m_results->count(); ++i) {
        QListWidgetItem *item = m_results->item(i);
        if (auto *label = qobject_cast<QLabel *>(m_results->itemWidget(item)))
            item->setSizeHint(QSize(width, label->heightForWidth(width) + 2));
    }
}

bool SearchPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_results->viewport() && event->type() == QEvent::Resize)
        fitResultHeights();
    if (const int step = historyStep(event)) {
        if (step < 0)
            emit backRequested();
        else
            emit forwardRequested();
        return true;
    }
    // Down from the search field walks into the results.
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) &&
            m_stack->currentWidget() == m_results && m_results->count() > 0) {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            m_results->setCurrentRow(
                std::clamp(m_results->currentRow() + step, 0, m_results->count() - 1));
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            m_field->clear();
            emit dismissed();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sds::gui
