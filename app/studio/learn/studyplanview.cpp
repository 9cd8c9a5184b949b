#include "app/studio/learn/studyplanview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sds::gui {
namespace {
constexpr int kKindRole = Qt::UserRole + 1;
constexpr int kIdRole = Qt::UserRole + 2;
} // namespace

StudyPlanView::StudyPlanView(QWidget *parent)
    : QWidget(parent)
    , m_timeline(new QComboBox(this))
    , m_aim(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_nextLabel(new QLabel(this))
    , m_next(new QPushButton(tr("Open next"), this))
    , m_steps(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("studyPlan"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(10);

    auto *title = new QLabel(tr("Study plan"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setWeight(QFont::DemiBold);
    title->setFont(big);
    layout->addWidget(title);

    auto *row = new QHBoxLayout;
    auto *timelineLabel = new QLabel(tr("&Timeline:"), this);
    timelineLabel->setBuddy(m_timeline);
    m_timeline->setObjectName(QStringLiteral("timelineBox"));
    row->addWidget(timelineLabel);
    row->addWidget(m_timeline);
    row->addStretch(1);
    layout->addLayout(row);

    m_aim->setWordWrap(true);
    layout->addWidget(m_aim);
    m_progress->setObjectName(QStringLiteral("planProgress"));
    m_progress->setFormat(tr("%v of %m done"));
    layout->addWidget(m_progress);

    auto *nextRow = new QHBoxLayout;
    m_nextLabel->setWordWrap(true);
    m_next->setObjectName(QStringLiteral("planNextButton"));
    nextRow->addWidget(m_nextLabel, 1);
    nextRow->addWidget(m_next);
    layout->addLayout(nextRow);

    m_steps->setObjectName(QStringLiteral("planSteps"));
    m_steps->setHeaderHidden(true);
    m_steps->setColumnCount(1);
    m_steps->setUniformRowHeights(true);
    layout->addWidget(m_steps, 1);

    auto *hint = new QLabel(tr("Tick a page when you have read it; double-click an item to "
                               "open it. Lab templates tick themselves when you open them."),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    layout->addWidget(hint);

    connect(m_timeline, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        showTimeline();
        emit timelineChosen(timelineId());
    });
    connect(m_steps, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_filling || item->data(0, kKindRole).toInt() != int(study::PlanItem::Kind::Topic))
            return;
        emit topicDoneToggled(item->data(0, kIdRole).toString(),
                              item->checkState(0) == Qt::Checked);
    });
    connect(m_steps, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        if (!item->parent())
            return;
        study::PlanItem p;
        p.kind = study::PlanItem::Kind(item->data(0, kKindRole).toInt());
        p.id = item->data(0, kIdRole).toString();
        openItem(p);
    });
}

void StudyPlanView::setPlan(const study::StudyPlanData &plan, const QString &timelineId)
{
    m_plan = plan;
    m_filling = true;
    m_timeline->clear();
    for (const study::Timeline &t : m_plan.timelines)
        m_timeline->addItem(t.title, t.id);
    const int at = m_timeline->findData(timelineId);
    m_timeline->setCurrentIndex(at < 0 ? 0 : at);
    m_filling = false;
    showTimeline();
}

QString StudyPlanView::timelineId() const
{
    return m_timeline->currentData().toString();
}

void StudyPlanView::openItem(const study::PlanItem &item)
{
    if (item.kind == study::PlanItem::Kind::Topic)
        emit openTopic(item.id);
    else
        emit openScenario(item.id);
}

void StudyPlanView::showTimeline()
{
    m_filling = true;
    m_steps->clear();
    const int index = m_timeline->currentIndex();
    if (!m_plan.ok() || index < 0 || index >= m_plan.timelines.size()) {
        m_aim->setText(m_plan.ok() ? QString()
                                   : tr("The study plan could not be read: %1").arg(m_plan.error));
        m_next->setEnabled(false);
        m_filling = false;
        return;
    }
    const study::Timeline &t = m_plan.timelines.at(index);
    m_aim->setText(t.aim);
    m_progress->setRange(0, t.totalCount());
    m_progress->setValue(t.doneCount());
    int n = 0;
    for (const study::PlanStep &step : t.steps) {
        auto *stepItem = new QTreeWidgetItem(m_steps, {tr("%1. %2   (%3/%4)")
                                                           .arg(++n)
                                                           .arg(step.title)
                                                           .arg(step.doneCount())
                                                           .arg(step.items.size())});
        QFont bold = stepItem->font(0);
        bold.setWeight(QFont::DemiBold);
        stepItem->setFont(0, bold);
        stepItem->setToolTip(0, step.note);
        stepItem->setFlags(Qt::ItemIsEnabled);
        auto *note = new QTreeWidgetItem(stepItem, {step.note});
        note->setFlags(Qt::ItemIsEnabled);
        note->setForeground(0, palette().color(QPalette::PlaceholderText));
        for (const study::PlanItem &item : step.items) {
            const bool lab = item.kind == study::PlanItem::Kind::Scenario;
            auto *child =
                new QTreeWidgetItem(stepItem, {lab ? tr("Lab: %1").arg(item.title) : item.title});
            child->setData(0, kKindRole, int(item.kind));
            child->setData(0, kIdRole, item.id);
            child->setFlags(lab ? Qt::ItemIsEnabled | Qt::ItemIsSelectable
                                : Qt::ItemIsEnabled | Qt::ItemIsSelectable |
                                      Qt::ItemIsUserCheckable);
            child->setCheckState(0, item.done ? Qt::Checked : Qt::Unchecked);
        }
        // Finished steps fold away; the rest stay open.
        stepItem->setExpanded(step.doneCount() < step.items.size());
    }
    const study::PlanItem *next = t.nextItem();
    m_next->disconnect();
    if (next) {
        const study::PlanItem item = *next;
        m_nextLabel->setText(tr("<b>Next:</b> %1").arg(item.title.toHtmlEscaped()));
        m_next->setEnabled(true);
        connect(m_next, &QPushButton::clicked, this, [this, item] { openItem(item); });
    } else {
        m_nextLabel->setText(tr("<b>All done.</b> Every item of this timeline is ticked."));
        m_next->setEnabled(false);
    }
    m_filling = false;
}

} // namespace sds::gui
