#include "app/studio/lab/runtoolbar.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace sds::gui {

namespace {

struct Speed {
    const char *label;
    double value; // simulated seconds per second; 0 = as fast as possible
};
constexpr Speed kSpeeds[] = {{"0.25×", 0.25}, {"0.5×", 0.5}, {"1×", 1},   {"2×", 2},
                             {"5×", 5},       {"10×", 10},   {"60×", 60}, {"Max", 0}};
constexpr int kDefaultSpeed = 2; // 1×

QString ms(double seconds)
{
    return QString::number(seconds * 1000, 'f', seconds < 0.1 ? 1 : 0);
}

} // namespace

RunToolBar::RunToolBar(QWidget *parent)
    : QToolBar(tr("Run"), parent)
    , m_runAction(new QAction(tr("&Run"), this))
    , m_stepAction(new QAction(tr("S&tep"), this))
    , m_resetAction(new QAction(tr("R&eset"), this))
    , m_speed(new QComboBox(this))
    , m_load(new QSlider(Qt::Horizontal, this))
    , m_loadLabel(new QLabel(QStringLiteral("100 %"), this))
    , m_clock(new QLabel(this))
    , m_cost(new QLabel(this))
{
    setObjectName(QStringLiteral("labRunToolBar"));
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_runAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_stepAction->setShortcut(QKeySequence(Qt::Key_F6));
    m_stepAction->setToolTip(tr("Advance one sample interval of simulated time (F6)"));
    m_resetAction->setToolTip(tr("Back to time zero, same seed"));
    for (QAction *a : {m_runAction, m_stepAction, m_resetAction}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    addSeparator();

    addWidget(new QLabel(tr(" Speed "), this));
    m_speed->setObjectName(QStringLiteral("speed"));
    for (const Speed &s : kSpeeds)
        m_speed->addItem(QString::fromUtf8(s.label), s.value);
    m_speed->setCurrentIndex(kDefaultSpeed);
    m_speed->setToolTip(
        tr("Simulated seconds per real second; Max runs as fast as the machine can"));
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this](int i) { emit speedChanged(m_speed->itemData(i).toDouble()); });
    addWidget(m_speed);
    addSeparator();

    addWidget(new QLabel(tr(" Load "), this));
    m_load->setObjectName(QStringLiteral("load"));
    m_load->setRange(10, 500);
    m_load->setValue(100);
    m_load->setFixedWidth(160);
    m_load->setToolTip(tr("Every client's request rate, as a share of what the diagram says"));
    m_loadLabel->setMinimumWidth(48);
    connect(m_load, &QSlider::valueChanged, this, [this](int percent) {
        m_loadLabel->setText(QStringLiteral("%1 %").arg(percent));
        emit loadFactorChanged(percent / 100.0);
    });
    addWidget(m_load);
    addWidget(m_loadLabel);
    // The clock and the cost are placed by the page, in the time line's row,
    // where they stay in view in a narrow window.
    m_clock->setObjectName(QStringLiteral("clock"));
    m_clock->setContentsMargins(6, 0, 10, 0);
    m_cost->setObjectName(QStringLiteral("costLabel"));
    m_cost->setContentsMargins(10, 0, 6, 0);
    showState(SimRunner::State::Empty);
    clearClock();
}

void RunToolBar::showLoadFactor(double factor)
{
    const int percent = int(std::lround(factor * 100));
    const QSignalBlocker block(m_load);
    m_load->setValue(percent);
    m_loadLabel->setText(QStringLiteral("%1 %").arg(m_load->value()));
}

void RunToolBar::showState(SimRunner::State state)
{
    const bool running = state == SimRunner::State::Running;
    m_runAction->setText(running ? tr("&Pause") : tr("&Run"));
    m_runAction->setToolTip(running ? tr("Pause the traffic (F5)")
                                    : tr("Run traffic through the diagram (F5)"));
    m_resetAction->setEnabled(state != SimRunner::State::Empty);
}

void RunToolBar::clearClock()
{
    m_lastSample.reset();
    m_clock->setMinimumWidth(0);
    m_clock->setText(tr("Press Run (F5) to send traffic"));
}

void RunToolBar::showFrame(const LabFrame &frame)
{
    const sim::RunMetrics &m = frame.metrics;
    if (!frame.newSamples.empty())
        m_lastSample = frame.newSamples.back();
    else if (frame.simTime == 0)
        m_lastSample.reset(); // back at time zero (reset)
    QString text = tr("t = %1 s").arg(frame.simTime, 0, 'f', 1);
    if (m_lastSample) {
        // The last interval, so the figures move with the load, not a run average.
        if (m_lastSample->throughput > 0)
            text += tr(" · %1 rps · p99 %2 ms")
                        .arg(std::round(m_lastSample->throughput))
                        .arg(ms(m_lastSample->p99));
        else
            text += tr(" · no successful requests");
        text += tr(" · %1 failed").arg(m.failed);
    }
    if (frame.overloaded)
        text += tr(" · overloaded: stopped");
    else if (frame.seriesFull)
        text += tr(" · stopped: a run keeps %1 h of simulated time at most")
                    .arg(frame.simTime / 3600, 0, 'f', 1);
    m_clock->setText(text);
    // Grow only, so the time line beside it does not twitch with every digit.
    m_clock->setMinimumWidth(std::max(m_clock->minimumWidth(), m_clock->sizeHint().width()));
}

void RunToolBar::showCost(const sim::CostEstimate &cost)
{
    m_cost->setVisible(!cost.items.empty());
    m_cost->setText(tr("%1 / month").arg(sim::formatDollars(cost.total)));
    QStringList lines{tr("What the design would cost per month at cloud list prices:")};
    for (const sim::CostItem &item : cost.items)
        lines << QStringLiteral("%1: %2 (%3)")
                     .arg(item.node, sim::formatDollars(item.perMonth), item.basis);
    if (!cost.trafficKnown)
        lines << tr("Services priced per request (DNS, CDN, rate limiter, object store, queue) "
                    "count from a run.");
    m_cost->setToolTip(lines.join(QLatin1Char('\n')));
}

} // namespace sds::gui
