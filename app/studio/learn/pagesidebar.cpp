#include "app/studio/learn/pagesidebar.h"

#include "app/studio/learn/checklistview.h"
#include "core/content/exerciserender.h"
#include "core/content/library.h"
#include "core/content/pagerender.h"
#include "core/diagram/scenariolibrary.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include <algorithm>

namespace sds::gui {
namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setWeight(QFont::DemiBold);
    label->setFont(f);
    return label;
}

// Draws a sub-heading further in than its heading. Spaces before the text
// indented at most the first line: a sub-heading that wraps went on at the
// edge, and the item's text was not the heading's. Moving the whole item in
// keeps every line, and its selection, in step.
class OutlineDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem inner(option);
        inner.rect.setLeft(inner.rect.left() + indent(index));
        QStyledItemDelegate::paint(painter, inner, index);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        // Wrapped text is measured in the narrower space it is drawn in.
        QStyleOptionViewItem inner(option);
        const int in = indent(index);
        inner.rect.setWidth(std::max(1, inner.rect.width() - in));
        QSize size = QStyledItemDelegate::sizeHint(inner, index);
        size.rwidth() += in;
        return size;
    }

private:
    static int indent(const QModelIndex &index)
    {
        const int level = index.data(PageSidebar::kLevelRole).toInt();
        return std::max(0, level - 2) * PageSidebar::kIndentPerLevel;
    }
};

} // namespace

PageSidebar::PageSidebar(study::ProgressStore &progress, QWidget *parent)
    : QWidget(parent)
    , m_checklist(new ChecklistView(progress, this))
{
    setObjectName(QStringLiteral("pageSidebar"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 8, 8, 8);
    m_outline = new QListWidget(this);
    m_outline->setObjectName(QStringLiteral("pageOutline"));
    m_outline->setFrameShape(QFrame::NoFrame);
    m_outline->setItemDelegate(new OutlineDelegate(m_outline));
    m_related = new QListWidget(this);
    m_related->setObjectName(QStringLiteral("relatedPages"));
    m_related->setFrameShape(QFrame::NoFrame);
    for (QListWidget *list : {m_outline, m_related}) {
        list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        list->setTextElideMode(Qt::ElideRight);
        list->setWordWrap(true);
    }
    m_labBox = heading(tr("Try it in the lab"), this);
    m_labBox->setObjectName(QStringLiteral("labBoxHeading"));
    m_labName = new QLabel(this);
    m_labName->setObjectName(QStringLiteral("labScenarioName"));
    m_labName->setWordWrap(true);
    m_labButton = new QPushButton(tr("Open in the lab  ▶"), this);
    m_labButton->setObjectName(QStringLiteral("openInLabButton"));
    m_tryButton = new QPushButton(tr("Try your own  ▶"), this);
    m_tryButton->setObjectName(QStringLiteral("tryOwnButton"));
    m_tryButton->setToolTip(tr("A new canvas with the same clients and load as the reference "
                               "design; its last run stays pinned in the charts to compare"));
    layout->addWidget(heading(tr("On this page"), this));
    layout->addWidget(m_outline, 3);
    layout->addWidget(heading(tr("Related"), this));
    layout->addWidget(m_related, 2);
    m_checklistHeading = heading(tr("Interview checklist"), this);
    m_checklistHeading->setVisible(false);
    layout->addWidget(m_checklistHeading);
    layout->addWidget(m_checklist, 5);
    layout->addWidget(m_labBox);
    layout->addWidget(m_labName);
    layout->addWidget(m_labButton);
    layout->addWidget(m_tryButton);
    setMinimumWidth(170);

    const auto anchor = [this](QListWidgetItem *item) {
        emit anchorChosen(item->data(Qt::UserRole).toString());
    };
    const auto topic = [this](QListWidgetItem *item) {
        emit topicChosen(item->data(Qt::UserRole).toString());
    };
    connect(m_outline, &QListWidget::itemClicked, this, anchor);
    connect(m_outline, &QListWidget::itemActivated, this, anchor);
    connect(m_related, &QListWidget::itemActivated, this, topic);
    connect(m_related, &QListWidget::itemClicked, this, topic);
    connect(m_labButton, &QPushButton::clicked, this, [this] {
        if (!m_scenarioId.isEmpty())
            emit openScenarioRequested(m_scenarioId);
    });
    connect(m_tryButton, &QPushButton::clicked, this, [this] {
        if (!m_scenarioId.isEmpty())
            emit tryOwnDesignRequested(m_scenarioId);
    });
}

void PageSidebar::showTopic(const content::Topic &topic, const content::Exercise &exercise,
                            const content::TopicLibrary &library,
                            const diagram::ScenarioEntry *scenario)
{
    m_outline->clear();
    for (const content::Heading &h : content::isStepped(topic)
                                         ? content::exerciseOutline(topic, exercise)
                                         : content::outline(topic)) {
        auto *item = new QListWidgetItem(h.text, m_outline);
        item->setData(Qt::UserRole, h.anchor);
        item->setData(kLevelRole, h.level);
    }
    m_related->clear();
    for (const QString &id : topic.related) {
        if (const content::Topic *t = library.find(id)) {
            auto *item = new QListWidgetItem(t->title, m_related);
            item->setData(Qt::UserRole, id);
        }
    }
    // A practice question is worked through the four steps of the interview approach.
    const bool practice = topic.kind == u"exercise" || topic.kind == u"question";
    m_checklist->setQuestion(practice ? topic.id : QString());
    m_checklistHeading->setVisible(practice);
    // A design exercise's scenario is its reference design, to run and to beat.
    const bool reference = topic.kind == u"exercise";
    m_scenarioId = scenario ? scenario->id : QString();
    for (QWidget *w : std::initializer_list<QWidget *>{m_labBox, m_labName, m_labButton})
        w->setVisible(scenario != nullptr);
    m_tryButton->setVisible(reference && scenario);
    m_labBox->setText(reference ? tr("Reference design") : tr("Try it in the lab"));
    m_labName->setText(scenario ? scenario->name : QString());
    m_labName->setToolTip(scenario ? scenario->description : QString());
    m_labButton->setToolTip(scenario ? scenario->description : QString());
}

} // namespace sds::gui
