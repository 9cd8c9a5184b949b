#include "app/studio/learn/checklistview.h"

#include "core/study/progressstore.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sds::gui {

namespace {

constexpr int kStepRole = Qt::UserRole + 1;
constexpr int kPointRole = Qt::UserRole + 2; // -1 on a step's own row

QString minutes(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ChecklistView::ChecklistView(study::ProgressStore &progress, QWidget *parent)
    : QWidget(parent)
    , m_progress(progress)
    , m_tree(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_timerButton(new QPushButton(tr("Time step"), this))
    , m_resetButton(new QPushButton(tr("Reset"), this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("interviewChecklist"));
    m_tree->setObjectName(QStringLiteral("checklistTree"));
    // One column that wraps: the sidebar is narrow, and a cut-off point is no use.
    m_tree->setColumnCount(1);
    m_tree->setHeaderHidden(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->setWordWrap(true);
    m_tree->setUniformRowHeights(false);
    m_tree->setIndentation(14);
    m_tree->setTextElideMode(Qt::ElideNone);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_tree->viewport()->installEventFilter(this);
    m_tree->installEventFilter(this);
    const QList<study::ChecklistStep> &steps = study::interviewSteps();
    for (int s = 0; s < steps.size(); ++s) {
        auto *step = new QTreeWidgetItem(m_tree);
        step->setData(0, kStepRole, s);
        step->setData(0, kPointRole, -1);
        step->setToolTip(0, tr("About %1 minutes of a 45-minute interview; T starts its timer")
                                .arg(steps[s].budgetMinutes));
        for (int p = 0; p < steps[s].points.size(); ++p) {
            auto *point = new QTreeWidgetItem(step, {steps[s].points[p]});
            point->setData(0, kStepRole, s);
            point->setData(0, kPointRole, p);
            point->setFlags(point->flags() | Qt::ItemIsUserCheckable);
            point->setCheckState(0, Qt::Unchecked);
            point->setToolTip(0, steps[s].points[p]);
        }
    }
    m_tree->expandAll();
    m_summary->setObjectName(QStringLiteral("checklistSummary"));
    m_summary->setWordWrap(true);
    m_timerButton->setObjectName(QStringLiteral("checklistTimerButton"));
    m_timerButton->setToolTip(tr("Time the step the cursor is in (T)"));
    m_resetButton->setObjectName(QStringLiteral("checklistResetButton"));
    m_resetButton->setToolTip(tr("Untick everything and clear the times, to practise this "
                                 "question again"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_timerButton, 1);
    buttons->addWidget(m_resetButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);

    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &ChecklistView::showTimes);
    connect(m_tree, &QTreeWidget::itemChanged, this, &ChecklistView::itemChanged);
    connect(m_timerButton, &QPushButton::clicked, this,
            [this] { toggleTimer(m_running >= 0 ? m_running : std::max(0, currentStep())); });
    connect(m_resetButton, &QPushButton::clicked, this, &ChecklistView::reset);
    setVisible(false);
}

ChecklistView::~ChecklistView()
{
    setQuestion({}); // the time of a running step is kept
}

void ChecklistView::setQuestion(const QString &questionId)
{
    if (questionId == m_state.questionId() && !questionId.isEmpty())
        return;
    if (!m_state.questionId().isEmpty()) {
        stopTimer();
        save();
    }
    m_state = study::InterviewChecklist::load(m_progress, questionId);
    setVisible(!questionId.isEmpty());
    const QSignalBlocker block(m_tree);
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        QTreeWidgetItem *step = m_tree->topLevelItem(s);
        for (int p = 0; p < step->childCount(); ++p)
            step->child(p)->setCheckState(0, m_state.isTicked(s, p) ? Qt::Checked : Qt::Unchecked);
    }
    m_tree->setCurrentItem(m_tree->topLevelItem(0));
    showTimes();
}

void ChecklistView::toggleTimer(int step)
{
    const bool sameStep = step == m_running;
    stopTimer();
    if (!sameStep && step >= 0 && step < m_tree->topLevelItemCount()) {
        m_running = step;
        m_clock.start();
        m_tick->start();
    }
    save();
    showTimes();
}

void ChecklistView::reset()
{
    stopTimer();
    m_state.reset();
    const QString id = m_state.questionId();
    save();
    m_state = study::InterviewChecklist(); // so setQuestion reloads the cleared state
    setQuestion(id);
}

// A tree lays rows out at one line each; a wrapped point needs its height
// set from the width it has, again whenever the sidebar is resized.
void ChecklistView::fitRows()
{
    const QFontMetrics fm(m_tree->font());
    const int width = m_tree->viewport()->width();
    const int check = style()->pixelMetric(QStyle::PM_IndicatorWidth) + 8;
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        QTreeWidgetItem *step = m_tree->topLevelItem(s);
        const auto fit = [&](QTreeWidgetItem *item, int indent) {
            const int w = std::max(40, width - indent - 8);
            const QRect r =
                QFontMetrics(item->font(0))
                    .boundingRect(QRect(0, 0, w, 10000), Qt::TextWordWrap, item->text(0));
            item->setSizeHint(0, QSize(w, std::max(fm.height(), r.height()) + 4));
        };
        fit(step, m_tree->indentation());
        for (int p = 0; p < step->childCount(); ++p)
            fit(step->child(p), 2 * m_tree->indentation() + check);
    }
    m_tree->doItemsLayout();
}

bool ChecklistView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        fitRows();
    if (watched == m_tree && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_T) {
        toggleTimer(currentStep());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ChecklistView::itemChanged(QTreeWidgetItem *item, int column)
{
    const int point = item->data(0, kPointRole).toInt();
    if (column != 0 || point < 0)
        return;
    m_state.setTicked(item->data(0, kStepRole).toInt(), point, item->checkState(0) == Qt::Checked);
    save();
    showTimes();
}

void ChecklistView::stopTimer()
{
    if (m_running < 0)
        return;
    m_state.addElapsed(m_running, m_clock.elapsed());
    m_running = -1;
    m_tick->stop();
}

void ChecklistView::showTimes()
{
    const QList<study::ChecklistStep> &steps = study::interviewSteps();
    int ticked = 0;
    int points = 0;
    qint64 total = 0;
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        const qint64 ms = m_state.elapsedMs(s) + (s == m_running ? m_clock.elapsed() : 0);
        total += ms;
        QTreeWidgetItem *step = m_tree->topLevelItem(s);
        const QSignalBlocker block(m_tree);
        const QString time = ms > 0 || s == m_running
                                 ? tr("%1 of %2 min").arg(minutes(ms)).arg(steps[s].budgetMinutes)
                                 : tr("%1 min").arg(steps[s].budgetMinutes);
        step->setText(0, tr("%1. %2 (%3)").arg(s + 1).arg(steps[s].title, time));
        QFont f = step->font(0);
        f.setBold(s == m_running);
        step->setFont(0, f);
        ticked += m_state.tickedCount(s);
        points += int(steps[s].points.size());
    }
    fitRows();
    m_summary->setText(
        tr("%1 of %2 points covered · %3 in all").arg(ticked).arg(points).arg(minutes(total)));
    m_timerButton->setText(m_running >= 0 ? tr("Stop step %1").arg(m_running + 1)
                                          : tr("Time step"));
}

void ChecklistView::save()
{
    if (!m_state.questionId().isEmpty())
        m_state.save(m_progress);
}

int ChecklistView::currentStep() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(0, kStepRole).toInt() : -1;
}

} // namespace sds::gui
