#include "app/studio/lab/sweeppanel.h"

#include "app/studio/lab/chartformat.h"
#include "app/studio/lab/experimentjob.h"
#include "app/studio/lab/sweepplot.h"
#include "core/atomicwrite.h"
#include "core/experiment/replications.h"

#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace sds::gui {

using experiment::Metric;

namespace {

// How a parameter reads in the list: "Web server › Servers".
QString parameterLabel(const diagram::DiagramData &d, const QString &name)
{
    if (name == u"rate")
        return SweepPanel::tr("Total request rate (rps)");
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    const QString id = name.left(dot), key = name.mid(dot + 1);
    if (const diagram::Node *n = d.node(id)) {
        const diagram::ParamSpec *spec = diagram::kindSpec(n->kind).param(key);
        const QString unit = spec && !spec->unit.isEmpty()
                                 ? QStringLiteral(" (") + spec->unit + QLatin1Char(')')
                                 : QString();
        return n->displayName() + QStringLiteral(" › ") + (spec ? spec->label : key) + unit;
    }
    return SweepPanel::tr("Edge %1 › %2").arg(id, key);
}

// The parameter's value in the design now, to centre the default range on.
double currentValue(const diagram::DiagramData &d, const experiment::SweepParameter &p)
{
    using T = experiment::SweepParameter::Target;
    if (p.target == T::Node)
        return d.node(p.id)->real(p.key);
    if (p.target == T::Edge) {
        const diagram::Edge &e = d.edges[d.edgeIndex(p.id)];
        return p.key == u"latency_ms" ? e.latencyMs
               : p.key == u"weight"   ? e.weight
                                      : e.probability.value_or(1);
    }
    double total = 0;
    for (const diagram::Node &n : d.nodes)
        if (n.kind == diagram::NodeKind::Client)
            total += n.real(u"rate_rps");
    return total;
}

} // namespace

SweepPanel::SweepPanel(QWidget *parent)
    : QWidget(parent)
    , m_parameter(new QComboBox)
    , m_from(new QDoubleSpinBox)
    , m_to(new QDoubleSpinBox)
    , m_steps(new QSpinBox)
    , m_seeds(new QSpinBox)
    , m_requests(new QSpinBox)
    , m_run(new QPushButton(tr("Run sweep")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_metric(new QComboBox)
    , m_status(new QLabel)
    , m_csv(new QPushButton(tr("Export CSV…")))
    , m_png(new QPushButton(tr("Export PNG…")))
    , m_p99Target(new QDoubleSpinBox)
    , m_limitErrors(new QCheckBox(tr("and errors at most")))
    , m_maxErrors(new QDoubleSpinBox)
    , m_capacityRun(new QPushButton(tr("Find capacity")))
    , m_capacityResult(new QLabel)
    , m_plot(new SweepPlot)
    , m_job(new ExperimentJob(this))
{
    setObjectName(QStringLiteral("sweepPanel"));
    m_parameter->setObjectName(QStringLiteral("sweepParameter"));
    m_from->setObjectName(QStringLiteral("sweepFrom"));
    m_to->setObjectName(QStringLiteral("sweepTo"));
    m_steps->setObjectName(QStringLiteral("sweepSteps"));
    m_seeds->setObjectName(QStringLiteral("sweepSeeds"));
    m_requests->setObjectName(QStringLiteral("sweepRequests"));
    m_run->setObjectName(QStringLiteral("sweepRun"));
    m_cancel->setObjectName(QStringLiteral("sweepCancel"));
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_metric->setObjectName(QStringLiteral("sweepMetric"));
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    m_csv->setObjectName(QStringLiteral("sweepCsv"));
    m_png->setObjectName(QStringLiteral("sweepPng"));
    m_p99Target->setObjectName(QStringLiteral("capacityP99"));
    m_limitErrors->setObjectName(QStringLiteral("capacityLimitErrors"));
    m_maxErrors->setObjectName(QStringLiteral("capacityMaxErrors"));
    m_capacityRun->setObjectName(QStringLiteral("capacityRun"));
    m_capacityResult->setObjectName(QStringLiteral("capacityResult"));
    m_p99Target->setRange(0.01, 1e6);
    m_p99Target->setValue(200);
    m_p99Target->setSuffix(QStringLiteral(" ms"));
    m_p99Target->setToolTip(tr("The service-level objective: p99 latency at most this"));
    m_maxErrors->setRange(0, 100);
    m_maxErrors->setValue(1);
    m_maxErrors->setSuffix(QStringLiteral(" %"));
    m_maxErrors->setEnabled(false);
    connect(m_limitErrors, &QCheckBox::toggled, m_maxErrors, &QWidget::setEnabled);
    m_capacityResult->setWordWrap(true);
    m_capacityResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_parameter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_parameter->setMinimumContentsLength(12);
    m_parameter->setToolTip(tr("What to vary: the total rate, or a number of a node or edge"));
    for (QDoubleSpinBox *s : {m_from, m_to}) {
        s->setDecimals(2);
        s->setRange(0, 1e7);
        s->setKeyboardTracking(false);
    }
    m_steps->setRange(2, 200);
    m_steps->setValue(8);
    m_steps->setToolTip(tr("Points, evenly spaced from the first value to the last"));
    m_seeds->setRange(2, 1000);
    m_seeds->setValue(5);
    m_seeds->setToolTip(
        tr("Runs per point, each with its own seed: more seeds, narrower intervals"));
    m_requests->setRange(100, 10'000'000);
    m_requests->setSingleStep(10000);
    m_requests->setValue(20000);
    m_requests->setGroupSeparatorShown(true);
    m_requests->setToolTip(tr("Each run ends after this many requests have finished"));
    for (Metric m : experiment::allMetrics())
        m_metric->addItem(experiment::metricLabel(m), int(m));
    m_metric->setCurrentIndex(m_metric->findData(int(Metric::LatencyP99)));
    m_cancel->setEnabled(false);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("%v / %m runs"));
    m_progress->setVisible(false);
    m_status->setWordWrap(true);
    m_plot->setEmptyText(tr("Choose what to vary and the range, then Run sweep: each point is "
                            "run with several seeds, and the plot shows the mean and its 95 % "
                            "interval, with queueing theory's curve where it applies."));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Vary"), m_parameter);
    auto *range = new QHBoxLayout;
    range->addWidget(m_from, 1);
    range->addWidget(new QLabel(tr("to")));
    range->addWidget(m_to, 1);
    form->addRow(tr("From"), range);
    form->addRow(tr("Points"), m_steps);
    form->addRow(tr("Seeds"), m_seeds);
    form->addRow(tr("Requests per run"), m_requests);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    form->addRow(buttons);
    form->addRow(m_progress);
    form->addRow(m_status);
    form->addRow(tr("Show"), m_metric);
    auto *exports = new QHBoxLayout;
    exports->addWidget(m_csv);
    exports->addWidget(m_png);
    form->addRow(exports);
    form->addRow(tr("Capacity for p99 ≤"), m_p99Target);
    auto *errors = new QHBoxLayout;
    errors->addWidget(m_limitErrors);
    errors->addWidget(m_maxErrors, 1);
    form->addRow(errors);
    form->addRow(m_capacityRun);
    form->addRow(m_capacityResult);
    auto *controls = new QWidget;
    controls->setLayout(form);
    // In a scroll area, so the dock can be made short without cutting the form.
    auto *scroll = new QScrollArea;
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(220);
    scroll->setMaximumWidth(320);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(scroll);
    layout->addWidget(m_plot, 1);

    connect(m_parameter, &QComboBox::currentIndexChanged, this, &SweepPanel::parameterChosen);
    connect(m_run, &QPushButton::clicked, this, &SweepPanel::run);
    connect(m_capacityRun, &QPushButton::clicked, this, &SweepPanel::findCapacity);
    connect(m_cancel, &QPushButton::clicked, this, &SweepPanel::cancel);
    connect(m_metric, &QComboBox::currentIndexChanged, this,
            [this] { m_plot->setMetric(Metric(m_metric->currentData().toInt())); });
    connect(m_job, &ExperimentJob::progressed, this, [this](int done, int total) {
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(done);
        takeNewPoints();
    });
    connect(m_job, &ExperimentJob::finished, this,
            [this] { m_capacityInbox ? capacityFinished() : finished(); });
    connect(m_csv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Sweep"), QStringLiteral("sweep.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            QMessageBox::warning(this, tr("Sweep not exported"), error);
    });
    connect(m_png, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Plot"), QStringLiteral("sweep.png"), tr("PNG image (*.png)"));
        QString error;
        if (!path.isEmpty() && !exportPng(path, &error))
            QMessageBox::warning(this, tr("Plot not exported"), error);
    });
    m_plot->setMetric(Metric::LatencyP99);
    setRunning(false);
}

SweepPanel::~SweepPanel() = default;

void SweepPanel::setDesign(const diagram::DiagramData &design, double loadFactor)
{
    m_design = design;
    m_loadFactor = loadFactor;
    refreshParameters();
}

void SweepPanel::refreshParameters()
{
    const QString kept = m_parameter->currentData().toString();
    const QStringList names = experiment::sweepableParameters(m_design);
    QStringList shown;
    for (int i = 0; i < m_parameter->count(); ++i)
        shown << m_parameter->itemData(i).toString();
    if (shown == names) {
        for (int i = 0; i < names.size(); ++i) // labels may have changed
            m_parameter->setItemText(i, parameterLabel(m_design, names[i]));
        return;
    }
    {
        const QSignalBlocker block(m_parameter);
        m_parameter->clear();
        for (const QString &n : names)
            m_parameter->addItem(parameterLabel(m_design, n), n);
        m_parameter->setCurrentIndex(std::max(0, int(names.indexOf(kept))));
    }
    if (m_parameter->currentData().toString() != kept)
        parameterChosen();
}

// A new parameter gets a range around its present value: the rate from a
// tenth to one and a half times today's (past the knee for most designs).
void SweepPanel::parameterChosen()
{
    experiment::SweepParameter p;
    if (!experiment::parseSweepParameter(m_design, m_parameter->currentData().toString(), p)
             .isEmpty())
        return;
    const double v = currentValue(m_design, p);
    const int decimals = p.whole ? 0 : 2;
    for (QDoubleSpinBox *s : {m_from, m_to}) {
        s->setDecimals(decimals);
        s->setRange(p.min, std::min(p.max, 1e9));
        s->setSuffix(p.unit.isEmpty() ? QString() : QLatin1Char(' ') + p.unit);
    }
    double from = 0, to = 0;
    if (p.target == experiment::SweepParameter::Target::Rate) {
        from = v > 0 ? v * 0.1 : 10;
        to = v > 0 ? v * 1.5 : 100;
    } else if (v > 0) {
        from = p.whole ? std::max(p.min, std::floor(v / 2)) : v / 2;
        to = p.whole ? std::max(from + 1, v * 2) : v * 2;
    } else {
        from = p.min;
        to = std::min(p.max, p.min + 10);
    }
    m_from->setValue(from);
    m_to->setValue(std::min(to, p.max));
}

bool SweepPanel::isRunning() const
{
    return m_job->isRunning();
}

void SweepPanel::run()
{
    if (isRunning())
        return;
    experiment::SweepPlan plan;
    const QString problem = experiment::parseSweepParameter(
        m_design, m_parameter->currentData().toString(), plan.parameter);
    plan.from = m_from->value();
    plan.to = m_to->value();
    plan.steps = m_steps->value();
    plan.loadFactor = m_loadFactor;
    plan.replications.seeds = m_seeds->value();
    plan.replications.baseSeed = m_design.run.seed;
    plan.replications.length.requests = std::uint64_t(m_requests->value());
    QString error = problem.isEmpty() ? experiment::checkSweepPlan(plan) : problem;
    if (error.isEmpty() && sim::compileNetwork(m_design).errors.size())
        error = tr("The design cannot run yet: see Problems");
    if (!error.isEmpty()) {
        m_status->setText(error);
        return;
    }
    m_plan = plan;
    m_points.clear();
    m_plot->setPoints({});
    m_plot->setMarker(m_capacity &&
                              plan.parameter.target == experiment::SweepParameter::Target::Rate
                          ? std::optional<double>(m_capacity->maxRate.mean)
                          : std::nullopt,
                      tr("capacity"));
    m_plot->setAxisTitle(m_parameter->currentText());
    m_inbox = std::make_shared<Inbox>();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_status->setText(tr("Running %1 points × %2 seeds…")
                          .arg(experiment::sweepValues(plan).size())
                          .arg(plan.replications.seeds));
    m_job->start([design = m_design, plan, inbox = m_inbox](experiment::Progress &progress) {
        experiment::SweepResult r = experiment::runSweep(
            design, plan, &progress, [&inbox](int, const experiment::SweepPoint &p) {
                const std::lock_guard lock(inbox->mutex);
                inbox->points.push_back(p);
            });
        const std::lock_guard lock(inbox->mutex);
        inbox->result = std::move(r);
    });
    setRunning(true);
}

void SweepPanel::findCapacity()
{
    if (isRunning())
        return;
    experiment::CapacityPlan plan;
    plan.goal.p99Ms = m_p99Target->value();
    if (m_limitErrors->isChecked())
        plan.goal.maxErrorRate = m_maxErrors->value() / 100;
    plan.replications.seeds = m_seeds->value();
    plan.replications.baseSeed = m_design.run.seed;
    plan.replications.length.requests = std::uint64_t(m_requests->value());
    sim::CompileResult compiled = sim::compileNetwork(m_design);
    QString error = experiment::checkCapacityPlan(plan);
    if (error.isEmpty() && !compiled.ok())
        error = tr("The design cannot run yet: see Problems");
    if (!error.isEmpty()) {
        m_capacityResult->setText(error);
        return;
    }
    compiled.network.loadFactor = m_loadFactor; // the search starts from the slider's rate
    m_capacityPlan = plan;
    m_capacity.reset();
    m_plot->setMarker(std::nullopt, {});
    m_capacityInbox = std::make_shared<experiment::CapacityResult>();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_capacityResult->setText(tr("Searching over %1 seeds…").arg(plan.replications.seeds));
    m_job->start([net = std::move(compiled.network), plan,
                  inbox = m_capacityInbox](experiment::Progress &progress) {
        *inbox = experiment::findCapacity(net, plan, &progress);
    });
    setRunning(true);
}

void SweepPanel::capacityFinished()
{
    const experiment::CapacityResult r = *m_capacityInbox;
    m_capacityInbox.reset();
    setRunning(false);
    if (r.cancelled) {
        m_capacityResult->setText(tr("Cancelled"));
        return;
    }
    if (!r.problem.isEmpty()) {
        m_capacityResult->setText(r.problem);
        return;
    }
    m_capacity = r;
    const auto rps = [](double v) {
        return QLocale().toString(v, 'f', v < 100 ? 1 : 0);
    };
    m_capacityResult->setText(
        tr("<b>%1 rps</b> (95 % interval %2–%3) over %4 seeds; p99 there %5")
            .arg(rps(r.maxRate.mean), rps(r.maxRate.low), rps(r.maxRate.high))
            .arg(m_capacityPlan.replications.seeds)
            .arg(experiment::formatMetric(Metric::LatencyP99, r.atMax[Metric::LatencyP99].mean)));
    if (m_plan.parameter.target == experiment::SweepParameter::Target::Rate)
        m_plot->setMarker(r.maxRate.mean, tr("capacity"));
}

void SweepPanel::cancel()
{
    m_job->cancel();
}

void SweepPanel::takeNewPoints()
{
    if (!m_inbox)
        return;
    std::vector<experiment::SweepPoint> fresh;
    {
        const std::lock_guard lock(m_inbox->mutex);
        fresh.swap(m_inbox->points);
    }
    if (fresh.empty())
        return;
    m_points.insert(m_points.end(), fresh.begin(), fresh.end());
    std::sort(m_points.begin(), m_points.end(),
              [](const auto &a, const auto &b) { return a.value < b.value; });
    m_plot->setPoints(m_points);
}

void SweepPanel::finished()
{
    takeNewPoints();
    experiment::SweepResult r;
    {
        const std::lock_guard lock(m_inbox->mutex);
        r = std::move(m_inbox->result);
    }
    setRunning(false);
    const double seconds = double(QDateTime::currentMSecsSinceEpoch() - m_startedMs) / 1000;
    if (!r.error.isEmpty()) {
        m_status->setText(r.error);
        return;
    }
    m_points = r.points; // the whole result, in value order
    m_plot->setPoints(m_points);
    int overloaded = 0;
    for (const auto &p : m_points)
        overloaded += p.summary.overloadedRuns > 0 ? 1 : 0;
    QString text = r.cancelled
                       ? tr("Cancelled: %n point(s) finished", nullptr, int(m_points.size()))
                       : tr("%1 points × %2 seeds in %3 s")
                             .arg(m_points.size())
                             .arg(m_plan.replications.seeds)
                             .arg(seconds, 0, 'f', 1);
    if (overloaded)
        text += QLatin1Char(' ') +
                tr("(%n point(s) overloaded: queues grew without bound)", nullptr, overloaded);
    m_status->setText(text);
}

void SweepPanel::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_parameter, m_from, m_to, m_steps, m_seeds, m_requests})
        w->setEnabled(!running);
    m_csv->setEnabled(!running && !m_points.empty());
    m_png->setEnabled(!running && !m_points.empty());
}

QString SweepPanel::csv() const
{
    QStringList header{chartformat::csvField(m_plan.parameter.name())};
    for (Metric m : experiment::allMetrics()) {
        const QString k = experiment::metricKey(m);
        header << k << k + QStringLiteral("_ci95_low") << k + QStringLiteral("_ci95_high");
    }
    header << QStringLiteral("analytic_latency_ms");
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    const auto num = [](double v) {
        return std::isfinite(v) ? QString::number(v, 'g', 10) : QString();
    };
    for (const auto &p : m_points) {
        QStringList row{num(p.value)};
        for (Metric m : experiment::allMetrics()) {
            const auto &e = p.summary[m];
            row << num(e.mean) << num(e.low) << num(e.high);
        }
        row << (p.analyticLatencyMs ? num(*p.analyticLatencyMs) : QString());
        out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

bool SweepPanel::exportCsv(const QString &path, QString *error) const
{
    const Result<void> saved = writeFileAtomically(path, csv().toUtf8());
    if (!saved)
        *error = saved.error();
    return saved.ok();
}

bool SweepPanel::exportPng(const QString &path, QString *error)
{
    // Encoded first, so a short write is seen by its count and not committed.
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    m_plot->grab().toImage().save(&buffer, "PNG");
    const Result<void> saved = writeFileAtomically(path, png);
    if (!saved)
        *error = saved.error();
    return saved.ok();
}

} // namespace sds::gui
