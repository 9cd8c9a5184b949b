#include "app/studio/learn/quickopen.h"

#include "core/content/fuzzy.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace sds::gui {

QuickOpen::QuickOpen(QList<Entry> entries, QWidget *parent)
    : QDialog(parent)
    , m_entries(std::move(entries))
    , m_field(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("quickOpen"));
    setWindowTitle(tr("Quick Open"));
    resize(520, 420);
    auto *layout = new QVBoxLayout(this);
    m_field->setObjectName(QStringLiteral("quickOpenField"));
    m_field->setPlaceholderText(tr("Go to a topic or lab template…"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("quickOpenList"));
    m_list->setUniformItemSizes(true);
    auto *hint = new QLabel(tr("↑↓ to move · Enter to open · Esc to close"), this);
    hint->setEnabled(false);
    layout->addWidget(m_field);
    layout->addWidget(m_list, 1);
    layout->addWidget(hint);
    connect(m_field, &QLineEdit::textChanged, this, &QuickOpen::refilter);
    connect(m_field, &QLineEdit::returnPressed, this, &QuickOpen::choose);
    connect(m_list, &QListWidget::itemActivated, this, &QuickOpen::choose);
    refilter({});
}

void QuickOpen::refilter(const QString &text)
{
    struct Scored {
        int score;
        qsizetype index;
    };
    QList<Scored> scored;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const int s = content::fuzzyScore(text, m_entries.at(i).title);
        if (s >= 0 || text.trimmed().isEmpty())
            scored.append({text.trimmed().isEmpty() ? 0 : s, i});
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const Scored &a, const Scored &b) { return a.score > b.score; });
    m_list->clear();
    for (const Scored &s : scored) {
        const Entry &e = m_entries.at(s.index);
        auto *item =
            new QListWidgetItem(QStringLiteral("%1    —  %2").arg(e.title, e.detail), m_list);
        item->setData(Qt::UserRole, int(s.index));
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void QuickOpen::choose()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    m_chosen = &m_entries.at(item->data(Qt::UserRole).toInt());
    accept();
}

bool QuickOpen::eventFilter(QObject *watched, QEvent *event)
{
    // Arrow keys in the field move the list's selection, as in every quick-open.
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            const int row = std::clamp(m_list->currentRow() + step, 0, m_list->count() - 1);
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace sds::gui
