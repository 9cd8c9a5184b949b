#include "app/studio/lab/comparepanel.h"

#include "app/studio/chartcolours.h"
#include "app/studio/lab/experimentjob.h"
#include "core/sim/network.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sds::gui {

using experiment::Metric;

namespace {

enum Column { MetricCol, ACol, BCol, DiffCol, IntervalCol, VerdictCol, ColumnCount };

// The design as the runs see it: compiled, at its load.
std::optional<sim::Network> network(const diagram::DiagramData &d, double loadFactor,
                                    QString *error)
{
    sim::CompileResult c = sim::compileNetwork(d);
    if (!c.ok()) {
        *error = c.errors.join(QStringLiteral("; "));
        return std::nullopt;
    }
    c.network.loadFactor = loadFactor;
    return std::move(c.network);
}

} // namespace

ComparePanel::ComparePanel(QWidget *parent)
    : QWidget(parent)
    , m_seeds(new QSpinBox)
    , m_requests(new QSpinBox)
    , m_start(new QPushButton(tr("Compare")))
    , m_replicate(new QPushButton(tr("Replicate this design")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_note(new QLabel)
    , m_table(new QTableWidget(int(experiment::kMetricCount), ColumnCount))
    , m_job(new ExperimentJob(this))
{
    setObjectName(QStringLiteral("comparePanel"));
    m_seeds->setObjectName(QStringLiteral("compareSeeds"));
    m_requests->setObjectName(QStringLiteral("compareRequests"));
    m_start->setObjectName(QStringLiteral("compareStart"));
    m_replicate->setObjectName(QStringLiteral("replicateStart"));
    m_replicate->setToolTip(tr("Run the design on the canvas once per seed and give each "
                               "metric's mean with its 95 % interval"));
    m_cancel->setObjectName(QStringLiteral("compareCancel"));
    m_progress->setObjectName(QStringLiteral("compareProgress"));
    m_note->setObjectName(QStringLiteral("compareNote"));
    m_table->setObjectName(QStringLiteral("compareTable"));

    m_seeds->setRange(2, 1000);
    m_seeds->setValue(10);
    m_seeds->setPrefix(tr("Seeds: "));
    m_seeds->setToolTip(tr("Both designs run once per seed, on the same seeds"));
    m_requests->setRange(100, 10'000'000);
    m_requests->setSingleStep(10000);
    m_requests->setValue(20000);
    m_requests->setGroupSeparatorShown(true);
    m_requests->setPrefix(tr("Requests per run: "));
    m_cancel->setEnabled(false);
    m_progress->setFormat(tr("%v / %m runs"));
    m_progress->setVisible(false);
    m_note->setWordWrap(true);

    m_table->setHorizontalHeaderLabels({tr("Metric"), tr("A (pinned)"), tr("B (now)"), tr("B − A"),
                                        tr("95 % interval"), tr("Verdict")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (Metric m : experiment::allMetrics())
        m_table->setItem(int(m), MetricCol, new QTableWidgetItem(experiment::metricLabel(m)));

    // Controls in a column beside the table, so the dock stays narrow enough
    // for a small window (the bottom docks span its whole width).
    auto *column = new QVBoxLayout;
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_seeds);
    column->addWidget(m_requests);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    column->addLayout(buttons);
    column->addWidget(m_replicate);
    column->addWidget(m_progress);
    column->addWidget(m_note);
    column->addStretch(1);
    auto *controls = new QWidget;
    controls->setLayout(column);
    auto *scroll = new QScrollArea;
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(200);
    scroll->setMaximumWidth(260);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(scroll);
    layout->addWidget(m_table, 1);

    connect(m_start, &QPushButton::clicked, this, &ComparePanel::start);
    connect(m_replicate, &QPushButton::clicked, this, &ComparePanel::replicate);
    connect(m_seeds, &QSpinBox::valueChanged, this, &ComparePanel::seedsChanged);
    connect(m_cancel, &QPushButton::clicked, this, &ComparePanel::cancel);
    connect(m_job, &ExperimentJob::progressed, this, [this](int done, int total) {
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(m_job, &ExperimentJob::finished, this, &ComparePanel::finished);

    setRunning(false);
}

ComparePanel::~ComparePanel() = default;

void ComparePanel::setPinned(std::optional<diagram::DiagramData> design, double loadFactor)
{
    m_pinned = std::move(design);
    m_pinnedLoad = loadFactor;
    // A verdict about another pair must not stay on screen.
    if (m_result || (m_pinned && m_replication)) {
        m_result.reset();
        m_replication.reset();
        clearCells();
        setHeaders(true);
    }
    if (!isRunning())
        setRunning(false);
}

void ComparePanel::setCurrent(const diagram::DiagramData &design, double loadFactor)
{
    m_current = design;
    m_currentLoad = loadFactor;
}

void ComparePanel::setHeaders(bool comparing)
{
    if (comparing)
        m_table->setHorizontalHeaderLabels({tr("Metric"), tr("A (pinned)"), tr("B (now)"),
                                            tr("B − A"), tr("95 % interval"), tr("Verdict")});
    else
        m_table->setHorizontalHeaderLabels(
            {tr("Metric"), tr("Mean"), tr("95 % interval"), QString(), QString(), QString()});
    for (int col = DiffCol; col < ColumnCount; ++col)
        m_table->setColumnHidden(col, !comparing);
}

void ComparePanel::clearCells()
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        for (int col = ACol; col < ColumnCount; ++col)
            delete m_table->takeItem(row, col);
}

int ComparePanel::seeds() const
{
    return m_seeds->value();
}

bool ComparePanel::isRunning() const
{
    return m_job->isRunning();
}

void ComparePanel::showIdleNote()
{
    if (m_replication)
        return;
    if (!m_pinned) {
        m_note->setText(tr("Pin a run for comparison above the charts (or try your own design "
                           "for an exercise), change the design, then Compare: both run on the "
                           "same seeds and each metric gets a verdict. Replicate runs the "
                           "design on the canvas alone for each metric's interval."));
        return;
    }
    if (!m_result && !m_replication)
        m_note->setText(tr("A is the pinned design at %1 % load, B the design on the canvas at "
                           "%2 %. Compare runs both on the same seeds.")
                            .arg(qRound(m_pinnedLoad * 100))
                            .arg(qRound(m_currentLoad * 100)));
}

// The seeds and run length the panel's fields ask for, from the canvas's seed.
experiment::ReplicationPlan ComparePanel::replicationPlan() const
{
    experiment::ReplicationPlan plan;
    plan.seeds = m_seeds->value();
    plan.baseSeed = m_current.run.seed;
    plan.length.requests = std::uint64_t(m_requests->value());
    return plan;
}

void ComparePanel::start()
{
    if (isRunning() || !m_pinned)
        return;
    QString error;
    const auto a = network(*m_pinned, m_pinnedLoad, &error);
    const auto b = a ? network(m_current, m_currentLoad, &error) : std::nullopt;
    if (!a || !b) {
        m_note->setText(tr("Cannot compare: %1").arg(error));
        return;
    }
    const experiment::ReplicationPlan plan = replicationPlan();
    m_seedsRun = plan.seeds;
    m_inbox = std::make_shared<experiment::Comparison>();
    m_job->start([a = *a, b = *b, plan, inbox = m_inbox](experiment::Progress &progress) {
        *inbox = experiment::compare(a, b, plan, &progress);
    });
    m_note->setText(tr("Running A and B on %1 seeds…").arg(plan.seeds));
    setRunning(true);
}

void ComparePanel::replicate()
{
    if (isRunning())
        return;
    QString error;
    const auto net = network(m_current, m_currentLoad, &error);
    if (!net) {
        m_note->setText(tr("Cannot run: %1").arg(error));
        return;
    }
    const experiment::ReplicationPlan plan = replicationPlan();
    m_seedsRun = plan.seeds;
    m_runsInbox = std::make_shared<std::vector<experiment::RunResult>>();
    m_job->start([net = *net, plan, inbox = m_runsInbox](experiment::Progress &progress) {
        *inbox = experiment::runReplications(net, plan, &progress);
    });
    m_note->setText(tr("Running the design on %1 seeds…").arg(plan.seeds));
    setRunning(true);
}

void ComparePanel::cancel()
{
    m_job->cancel();
}

void ComparePanel::finished()
{
    if (m_runsInbox) {
        const experiment::Summary summary = experiment::summarize(*m_runsInbox);
        const bool cancelled = m_job->wasCancelled();
        m_runsInbox.reset();
        setRunning(false);
        if (cancelled) {
            m_note->setText(tr("Cancelled"));
            return;
        }
        m_result.reset();
        m_replication = summary;
        showReplication();
        return;
    }
    setRunning(false);
    if (m_inbox->cancelled) {
        m_note->setText(tr("Cancelled: no verdict from a partial set of seeds"));
        return;
    }
    m_result = *m_inbox;
    m_replication.reset();
    showResult();
}

void ComparePanel::showReplication()
{
    setHeaders(false);
    clearCells();
    const experiment::Summary &s = *m_replication;
    for (Metric m : experiment::allMetrics()) {
        const experiment::Estimate &e = s[m];
        auto *mean = new QTableWidgetItem(experiment::formatMetric(m, e.mean));
        mean->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(int(m), ACol, mean);
        auto *interval =
            new QTableWidgetItem(e.valid() ? QStringLiteral("%1 to %2")
                                                 .arg(experiment::formatMetric(m, e.low),
                                                      experiment::formatMetric(m, e.high))
                                           : tr("no value"));
        interval->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(int(m), BCol, interval);
    }
    QString note = tr("The design on the canvas over %1 seeds at %2 % load: each metric's mean "
                      "and its 95 % interval (Student t).")
                       .arg(m_seedsRun)
                       .arg(qRound(m_currentLoad * 100));
    if (s.overloadedRuns)
        note += QLatin1Char(' ') +
                tr("%n run(s) overloaded: queues grew without bound.", nullptr, s.overloadedRuns);
    m_note->setText(note);
}

void ComparePanel::showResult()
{
    setHeaders(true);
    const experiment::Comparison &c = *m_result;
    const QPalette pal = palette();
    for (Metric m : experiment::allMetrics()) {
        const experiment::MetricComparison &mc = c[m];
        const int row = int(m);
        const auto set = [&](int col, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setTextAlignment(col == VerdictCol ? Qt::AlignLeft | Qt::AlignVCenter
                                                     : Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, col, item);
            return item;
        };
        set(ACol, experiment::formatMetric(m, mc.a.mean));
        set(BCol, experiment::formatMetric(m, mc.b.mean));
        set(DiffCol, (mc.diff.mean > 0 ? QStringLiteral("+") : QString()) +
                         experiment::formatMetric(m, mc.diff.mean));
        set(IntervalCol, mc.diff.valid() ? QStringLiteral("%1 to %2")
                                               .arg(experiment::formatMetric(m, mc.diff.low),
                                                    experiment::formatMetric(m, mc.diff.high))
                                         : tr("no value"));
        QTableWidgetItem *verdict = set(VerdictCol, experiment::verdictText(mc.verdict));
        if (mc.verdict == experiment::Verdict::Better)
            verdict->setForeground(chartcolours::kEmerald);
        else if (mc.verdict == experiment::Verdict::Worse)
            verdict->setForeground(chartcolours::kRed);
        else
            verdict->setForeground(pal.color(QPalette::PlaceholderText));
    }
    QString note = tr("%1 seeds, the same for A and B. Better or worse only when the whole "
                      "interval of B − A is on one side of zero and the change is over 1 %.")
                       .arg(m_seedsRun);
    if (c.a.overloadedRuns || c.b.overloadedRuns)
        note += QLatin1Char(' ') + tr("Overloaded runs (queues without bound): A %1, B %2.")
                                       .arg(c.a.overloadedRuns)
                                       .arg(c.b.overloadedRuns);
    m_note->setText(note);
}

void ComparePanel::setRunning(bool running)
{
    m_start->setEnabled(!running && m_pinned.has_value());
    m_start->setToolTip(m_pinned ? tr("Run A and B on the same seeds")
                                 : tr("Pin a run for comparison first"));
    m_replicate->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    m_seeds->setEnabled(!running);
    m_requests->setEnabled(!running);
    if (!running)
        showIdleNote();
}

} // namespace sds::gui
