#include "app/studio/learn/topictree.h"

#include "core/content/library.h"

#include <QHeaderView>
#include <QPainter>
#include <QStyledItemDelegate>

namespace sds::gui {
namespace {

// Draws a done mark before each page and a progress bar after each section.
class TopicDelegate final : public QStyledItemDelegate
{
public:
    TopicDelegate(const QColor *accent, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_accent(accent)
    {}

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const bool section = !index.parent().isValid();
        const QRect r = opt.rect;
        const QColor text = opt.palette.color(
            opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
        QColor muted = text;
        muted.setAlphaF(0.45);

        if (section) {
            const QPoint progress = index.data(TopicTree::kProgressRole).toPoint();
            const int barWidth = 44;
            opt.rect.setRight(r.right() - barWidth - 40);
            opt.font.setWeight(QFont::DemiBold);
            QStyledItemDelegate::paint(painter, opt, index);
            painter->save();
            painter->setRenderHint(QPainter::Antialiasing);
            const QRect count(r.right() - barWidth - 38, r.top(), 32, r.height());
            painter->setPen(muted);
            QFont small = opt.font;
            small.setWeight(QFont::Normal);
            small.setPointSizeF(small.pointSizeF() * 0.85);
            painter->setFont(small);
            painter->drawText(count, Qt::AlignRight | Qt::AlignVCenter,
                              QStringLiteral("%1/%2").arg(progress.x()).arg(progress.y()));
            const QRectF bar(r.right() - barWidth - 2, r.center().y() - 2.5, barWidth, 5);
            QColor track = text;
            track.setAlphaF(0.15);
            painter->setPen(Qt::NoPen);
            painter->setBrush(track);
            painter->drawRoundedRect(bar, 2.5, 2.5);
            if (progress.y() > 0 && progress.x() > 0) {
                QRectF fill = bar;
                fill.setWidth(bar.width() * progress.x() / progress.y());
                painter->setBrush(*m_accent);
                painter->drawRoundedRect(fill, 2.5, 2.5);
            }
            painter->restore();
            return;
        }

        const int markWidth = 18;
        opt.rect.setLeft(r.left() + markWidth);
        // The selection background spans the whole row, mark included.
        if (opt.state & QStyle::State_Selected)
            painter->fillRect(r, opt.palette.color(QPalette::Highlight));
        QStyledItemDelegate::paint(painter, opt, index);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QPointF c(r.left() + markWidth / 2.0, r.center().y() + 0.5);
        if (index.data(TopicTree::kDoneRole).toBool()) {
            QPen pen(opt.state & QStyle::State_Selected ? text : *m_accent, 2.0);
            pen.setCapStyle(Qt::RoundCap);
            pen.setJoinStyle(Qt::RoundJoin);
            painter->setPen(pen);
            const QPointF pts[] = {c + QPointF(-4, 0), c + QPointF(-1, 3), c + QPointF(4.5, -3.5)};
            painter->drawPolyline(pts, 3);
        } else {
            painter->setPen(QPen(muted, 1.2));
            painter->drawEllipse(c, 3.5, 3.5);
        }
        painter->restore();
    }

private:
    const QColor *m_accent;
};

} // namespace

TopicTree::TopicTree(QWidget *parent)
    : QTreeWidget(parent)
    , m_accent(QColor(0x2a, 0x62, 0xc9))
{
    setObjectName(QStringLiteral("topicTree"));
    setHeaderHidden(true);
    setColumnCount(1);
    setUniformRowHeights(true);
    setIndentation(10);
    setItemDelegate(new TopicDelegate(&m_accent, this));
    setFrameShape(QFrame::NoFrame);
    connect(this, &QTreeWidget::itemActivated, this, &TopicTree::activate);
    connect(this, &QTreeWidget::itemClicked, this, &TopicTree::activate);
}

void TopicTree::activate(QTreeWidgetItem *item)
{
    if (!item || !item->parent())
        return;
    const QString id = item->data(0, kIdRole).toString();
    if (item->data(0, kChallengeRole).toBool())
        emit challengeActivated(id);
    else
        emit topicActivated(id);
}

QTreeWidgetItem *TopicTree::challengeSection() const
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->data(0, kChallengeRole).toBool())
            return topLevelItem(i);
    return nullptr;
}

void TopicTree::setChallenges(const QList<ChallengeEntry> &challenges, const QSet<QString> &solved)
{
    delete challengeSection();
    if (challenges.isEmpty()) {
        updateSectionProgress();
        return;
    }
    auto *section = new QTreeWidgetItem(this, {tr("Challenges")});
    section->setFlags(Qt::ItemIsEnabled);
    section->setData(0, kChallengeRole, true);
    for (const ChallengeEntry &c : challenges) {
        const bool done = solved.contains(c.id);
        auto *item = new QTreeWidgetItem(section, {tr("%1 · level %2").arg(c.title).arg(c.level)});
        item->setData(0, kIdRole, c.id);
        item->setData(0, kChallengeRole, true);
        item->setData(0, kDoneRole, done);
        item->setToolTip(0, (done ? tr("%1\nLevel %2 of 5 · solved · opens in the lab")
                                  : tr("%1\nLevel %2 of 5 · not solved yet · opens in the lab"))
                                .arg(c.title)
                                .arg(c.level));
    }
    section->setExpanded(true);
    updateSectionProgress();
}

QTreeWidgetItem *TopicTree::challengeItem(const QString &id) const
{
    QTreeWidgetItem *section = challengeSection();
    for (int j = 0; section && j < section->childCount(); ++j)
        if (section->child(j)->data(0, kIdRole).toString() == id)
            return section->child(j);
    return nullptr;
}

void TopicTree::setAccent(const QColor &accent)
{
    m_accent = accent;
    viewport()->update();
}

void TopicTree::setLibrary(const content::TopicLibrary &library)
{
    clear();
    for (const content::Section &s : library.sections()) {
        auto *sectionItem = new QTreeWidgetItem(this, {s.title});
        sectionItem->setFlags(Qt::ItemIsEnabled);
        for (const QString &id : s.topicIds) {
            const content::Topic *t = library.find(id);
            auto *item = new QTreeWidgetItem(sectionItem, {t->title});
            item->setData(0, kIdRole, id);
            item->setData(0, kDoneRole, false);
            item->setToolTip(0, t->title);
        }
    }
    expandAll();
    updateSectionProgress();
}

void TopicTree::setDone(const QSet<QString> &done)
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = topLevelItem(i);
        if (section->data(0, kChallengeRole).toBool())
            continue; // solved marks come with setChallenges
        for (int j = 0; j < section->childCount(); ++j) {
            QTreeWidgetItem *item = section->child(j);
            item->setData(0, kDoneRole, done.contains(item->data(0, kIdRole).toString()));
        }
    }
    updateSectionProgress();
}

void TopicTree::updateSectionProgress()
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = topLevelItem(i);
        int done = 0;
        for (int j = 0; j < section->childCount(); ++j)
            done += section->child(j)->data(0, kDoneRole).toBool() ? 1 : 0;
        section->setData(0, kProgressRole, QPoint(done, section->childCount()));
        section->setToolTip(0, (section->data(0, kChallengeRole).toBool()
                                    ? tr("%1: %2 of %3 solved")
                                    : tr("%1: %2 of %3 pages done"))
                                   .arg(section->text(0))
                                   .arg(done)
                                   .arg(section->childCount()));
    }
    viewport()->update();
}

QTreeWidgetItem *TopicTree::itemFor(const QString &id) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = topLevelItem(i);
        if (section->data(0, kChallengeRole).toBool())
            continue;
        for (int j = 0; j < section->childCount(); ++j) {
            if (section->child(j)->data(0, kIdRole).toString() == id)
                return section->child(j);
        }
    }
    return nullptr;
}

void TopicTree::setCurrentTopic(const QString &id)
{
    QTreeWidgetItem *item = itemFor(id);
    if (!item) {
        clearSelection();
        return;
    }
    const QSignalBlocker block(this);
    setCurrentItem(item);
    scrollToItem(item);
}

} // namespace sds::gui
