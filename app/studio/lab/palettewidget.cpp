#include "app/studio/lab/palettewidget.h"

#include "app/studio/icons.h"
#include "app/studio/lab/diagramscene.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPalette>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sds::gui {

namespace {

constexpr int kKindRole = Qt::UserRole + 1;

// Drags carry the kind's key, which is all the canvas needs to create it.
class PaletteTree final : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override { return {QLatin1String(kKindMimeType)}; }
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        if (items.isEmpty() || items.first()->data(0, kKindRole).isNull())
            return nullptr;
        auto *mime = new QMimeData;
        mime->setData(QLatin1String(kKindMimeType),
                      items.first()->data(0, kKindRole).toString().toUtf8());
        return mime;
    }
};

} // namespace

PaletteWidget::PaletteWidget(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new PaletteTree(this))
{
    setObjectName(QStringLiteral("palette"));
    m_filter->setPlaceholderText(tr("Filter components…"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(8);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setIconSize(QSize(22, 22));
    m_tree->installEventFilter(this);

    for (const QString &group : diagram::groups()) {
        auto *header = new QTreeWidgetItem(m_tree, {group});
        header->setFlags(Qt::ItemIsEnabled);
        QFont f = header->font(0);
        f.setBold(true);
        header->setFont(0, f);
        for (const diagram::KindSpec &k : diagram::catalogue()) {
            if (k.group != group)
                continue;
            auto *item = new QTreeWidgetItem(header, {k.name});
            item->setData(0, kKindRole, k.key);
            item->setToolTip(0, QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                                    .arg(k.name.toHtmlEscaped(), k.help.toHtmlEscaped(),
                                         tr("Drag onto the canvas, or press Enter")));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        }
    }
    m_tree->expandAll();
    refreshIcons();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);

    connect(m_filter, &QLineEdit::textChanged, this, &PaletteWidget::setFilter);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const diagram::KindSpec *k = diagram::findKind(item->data(0, kKindRole).toString()))
            emit kindActivated(k->kind);
    });
}

void PaletteWidget::refreshIcons()
{
    const QColor text = QApplication::palette().color(QPalette::Text);
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *header = m_tree->topLevelItem(g);
        for (int i = 0; i < header->childCount(); ++i) {
            QTreeWidgetItem *item = header->child(i);
            item->setIcon(
                0, themedIcon(QStringLiteral("kind-") + item->data(0, kKindRole).toString(), text));
        }
    }
}

void PaletteWidget::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    const QString needle = text.trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *header = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < header->childCount(); ++i) {
            QTreeWidgetItem *item = header->child(i);
            const diagram::KindSpec *k = diagram::findKind(item->data(0, kKindRole).toString());
            const bool match = needle.isEmpty() || k->name.contains(needle, Qt::CaseInsensitive) ||
                               k->key.contains(needle, Qt::CaseInsensitive) ||
                               k->help.contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        header->setHidden(shown == 0);
    }
}

QStringList PaletteWidget::visibleKinds() const
{
    QStringList out;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *header = m_tree->topLevelItem(g);
        for (int i = 0; i < header->childCount(); ++i) {
            if (!header->child(i)->isHidden() && !header->isHidden())
                out << header->child(i)->data(0, kKindRole).toString();
        }
    }
    return out;
}

bool PaletteWidget::eventFilter(QObject *watched, QEvent *event)
{
    // Enter on a kind adds it; QTreeWidget's itemActivated also covers the
    // platform's activation key, this makes Return work everywhere.
    if (watched == m_tree && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            m_tree->currentItem()) {
            if (const diagram::KindSpec *k =
                    diagram::findKind(m_tree->currentItem()->data(0, kKindRole).toString())) {
                emit kindActivated(k->kind);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sds::gui
