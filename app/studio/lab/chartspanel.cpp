#include "app/studio/lab/chartspanel.h"

#include "app/studio/chartcolours.h"
#include "app/studio/lab/chartformat.h"
#include "app/studio/theme.h"
#include "core/atomicwrite.h"

#include <QChart>
#include <QChartView>
#include <QDir>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace sds::gui {

namespace {

using chartformat::csvField;
using chartformat::labelFormat;
using chartformat::niceStep;

enum Tab { Throughput, Latency, Errors, Utilisation, HitRatio, StaleReads, TabCount };

constexpr double kWindow = 120; // simulated seconds shown
// Points older than this behind the newest are dropped (a window's worth at a
// time), so a long run keeps the per-frame cost of QtCharts, which lays out
// every point of a series whenever the axes move, bounded.
constexpr double kRetain = 2 * kWindow;
// Up to this many new points go in with append(); more are put in with one
// replace(), because Qt 6.4 lays out the whole series again for each
// appended point.
constexpr int kAppendBatch = 8;
constexpr int kMaxNodeLines = 12;

using namespace chartcolours;
const std::array<QColor, 9> kNodeColours = {kBlue, kAmber, kEmerald, kViolet, kPink,
                                            kCyan, kRed,   kLime,    kOrange};

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

struct Chart {
    QChart *chart = nullptr;
    QChartView *view = nullptr;
    QValueAxis *x = nullptr;
    QValueAxis *y = nullptr;
    std::vector<QLineSeries *> lines;  // the current run
    std::vector<QLineSeries *> pinned; // drawn under the lines
    bool percent = false;              // the y axis stops at 100
    bool alwaysLegend = false;         // several lines to tell apart
};

} // namespace

struct ChartsPanel::Private {
    QTabWidget *tabs = nullptr;
    std::array<Chart, TabCount> charts;
    QStringList nodes;
    std::vector<std::size_t> lineNode; // utilisation line -> node index in the samples
    // Every sample since clear(), for csv(); the series keep only the recent ones.
    std::vector<sim::Sample> rows;
    // Points for charts not on screen: QtCharts rebuilds a line's path on
    // every append, so only the chart in view is fed live; the others catch
    // up when shown.
    std::array<std::vector<QList<QPointF>>, TabCount> pending;
    double lastTime = 0;   // newest sample of the current run
    double pinnedEnd = -1; // newest pinned point; < 0 without a pin

    void addLine(Chart &c, const QString &name, const QColor &colour, const QString &key)
    {
        auto *series = new QLineSeries;
        series->setName(name);
        series->setObjectName(key);
        series->setUseOpenGL(false); // GL widgets misbehave offscreen and in some VMs
        c.chart->addSeries(series);
        series->attachAxis(c.x);
        series->attachAxis(c.y);
        QPen pen(colour);
        pen.setWidthF(2);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        series->setPen(pen);
        c.lines.push_back(series);
    }

    void removeLines(Chart &c, std::vector<QLineSeries *> &lines)
    {
        for (QLineSeries *series : lines) {
            c.chart->removeSeries(series);
            delete series;
        }
        lines.clear();
    }

    static void append(QLineSeries *series, const QList<QPointF> &points)
    {
        if (points.isEmpty())
            return;
        if (points.size() <= kAppendBatch) {
            series->append(points);
        } else {
            QList<QPointF> all = series->points();
            all.append(points);
            series->replace(all);
        }
    }

    void trim(QLineSeries *series) const
    {
        const int count = series->count();
        if (count == 0 || series->at(0).x() >= lastTime - kRetain)
            return;
        int first = 0;
        while (first < count && series->at(first).x() < lastTime - kWindow)
            ++first;
        series->removePoints(0, first);
    }

    bool onScreen(int tab) const { return tabs->isVisible() && tabs->currentIndex() == tab; }

    void flush(int tab)
    {
        Chart &c = charts[std::size_t(tab)];
        auto &waiting = pending[std::size_t(tab)];
        for (std::size_t l = 0; l < waiting.size() && l < c.lines.size(); ++l) {
            append(c.lines[l], waiting[l]);
            waiting[l].clear();
            trim(c.lines[l]);
        }
        updateRanges();
    }

    void flushAll()
    {
        for (int t = 0; t < TabCount; ++t)
            flush(t);
    }

    void updateLegends() const
    {
        const bool pinned = pinnedEnd >= 0;
        for (const Chart &c : charts) {
            const bool visible = c.alwaysLegend || pinned;
            if (c.chart->legend()->isVisible() != visible)
                c.chart->legend()->setVisible(visible);
            // One entry says what dashed grey means; the others would repeat it.
            for (std::size_t i = 0; i < c.pinned.size(); ++i) {
                for (QLegendMarker *marker : c.chart->legend()->markers(c.pinned[i]))
                    marker->setVisible(i == 0);
            }
        }
    }

    // @p all: every chart, not just the one in view (a chart out of view is
    // brought up to date when it comes into view: each axis change lays the
    // chart out again).
    void updateRanges(bool all = true)
    {
        // A young run next to a pin shows the pin's first window, so the two
        // runs are compared over the same simulated time.
        double end = lastTime;
        if (pinnedEnd >= 0)
            end = std::max(end, std::min(pinnedEnd, kWindow));
        const double start = std::max(0.0, end - kWindow);
        if (end <= start)
            end = start + 10; // nothing yet: an empty, honest axis
        const double xStep = niceStep((end - start) / 6);
        for (int t = 0; t < TabCount; ++t) {
            Chart &c = charts[std::size_t(t)];
            if (!all && !onScreen(t))
                continue;
            setRangeAndStep(c.x, start, end, xStep);

            double top = 0;
            auto scan = [&](const QLineSeries *series) {
                for (int i = series->count() - 1; i >= 0; --i) {
                    const QPointF &p = series->at(i);
                    if (p.x() < start)
                        break;
                    if (p.x() <= end)
                        top = std::max(top, p.y());
                }
            };
            for (const QLineSeries *series : c.lines)
                scan(series);
            for (const QLineSeries *series : c.pinned)
                scan(series);
            rescaleY(c, top);
        }
    }

    // At least 10 % headroom above the data, on a round number with four to
    // six ticks; grows at once but shrinks only when the data falls well
    // below the axis, so the axis does not twitch with every sample.
    static void rescaleY(Chart &c, double dataMax)
    {
        const double current = c.y->max();
        const double need = dataMax * 1.1;
        if (need <= current && dataMax > current * 0.4)
            return;
        double step = c.percent ? 25 : 0.2;
        double top = c.percent ? 100 : 1;
        if (dataMax > 0) {
            top = std::numeric_limits<double>::max();
            for (const int divisions : {4, 5, 6}) {
                const double s = niceStep(need / divisions);
                const double t = std::ceil(need / s - 1e-9) * s;
                if (t < top * (1 - 1e-9)) {
                    top = t;
                    step = s;
                }
            }
        }
        if (c.percent && top >= 100) {
            top = 100;
            step = 25;
        }
        if (top == current && step == c.y->tickInterval())
            return;
        setRangeAndStep(c.y, 0, top, step);
    }

    // Changes range and tick interval in the order that never has a wide
    // range with a fine interval in between: QtCharts lays the ticks out at
    // each call, and 0.2 over 0..20000 would be a hundred thousand of them.
    static void setRangeAndStep(QValueAxis *axis, double min, double max, double step)
    {
        const bool unchanged =
            axis->min() == min && axis->max() == max && axis->tickInterval() == step;
        if (unchanged)
            return;
        if (step >= axis->tickInterval()) {
            axis->setTickInterval(step);
            axis->setRange(min, max);
        } else {
            axis->setRange(min, max);
            axis->setTickInterval(step);
        }
        axis->setLabelFormat(labelFormat(step));
    }

    void applyPalette(const QPalette &palette, const QFont &font)
    {
        const QColor fg = palette.color(QPalette::WindowText);
        const QColor bg = palette.color(QPalette::Base);
        const QColor labels = blend(fg, bg, 0.75);
        const QColor axisLine = blend(fg, bg, 0.35);
        const QColor grid = blend(fg, bg, 0.12);
        QFont titleFont = font;
        titleFont.setWeight(QFont::DemiBold);
        for (Chart &c : charts) {
            for (QValueAxis *axis : {c.x, c.y}) {
                axis->setLabelsBrush(labels);
                axis->setLabelsFont(font);
                axis->setTitleBrush(fg);
                axis->setTitleFont(titleFont);
                axis->setLinePenColor(axisLine);
                axis->setGridLineColor(grid);
            }
            c.chart->legend()->setLabelColor(fg);
            c.chart->legend()->setFont(font);
            for (QLineSeries *series : c.pinned)
                series->setPen(pinnedPen(palette));
        }
    }

    static QPen pinnedPen(const QPalette &palette)
    {
        QPen pen(blend(palette.color(QPalette::WindowText), palette.color(QPalette::Base), 0.45));
        pen.setWidthF(1.5);
        pen.setStyle(Qt::DashLine);
        return pen;
    }
};

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    setObjectName(QStringLiteral("charts"));
    d->tabs = new QTabWidget(this);
    d->tabs->setDocumentMode(true);
    connect(d->tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        // The first addTab() below already selects a tab, before the charts exist.
        if (tab >= 0 && tab < TabCount && d->charts.back().x)
            d->flush(tab);
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->tabs);

    struct Spec {
        QString tab;
        QString yTitle;
        bool percent;
    };
    const std::array<Spec, TabCount> specs = {{
        // Short y titles: the lab docks the charts about 250 px high, and
        // QtCharts cuts a vertical title longer than the plot.
        {tr("Throughput"), tr("Completed/s"), false},
        {tr("Latency"), tr("Latency (ms)"), false},
        {tr("Errors"), tr("Failures/s"), false},
        {tr("Utilisation"), tr("Utilisation (%)"), true},
        {tr("Cache hits"), tr("Hit ratio (%)"), true},
        {tr("Stale reads"), tr("Stale/interval"), false},
    }};
    for (int t = 0; t < TabCount; ++t) {
        Chart &c = d->charts[std::size_t(t)];
        c.percent = specs[std::size_t(t)].percent;
        c.chart = new QChart;
        // The view's base colour shows through, so the chart follows the palette.
        c.chart->setBackgroundVisible(false);
        c.chart->setPlotAreaBackgroundVisible(false);
        // Height is what the dock lacks: no outer padding, legend at the side.
        c.chart->layout()->setContentsMargins(0, 0, 0, 0);
        c.chart->setMargins(QMargins(4, 8, 4, 2));
        c.chart->legend()->setAlignment(Qt::AlignRight);
        c.chart->legend()->setVisible(false);
        c.x = new QValueAxis;
        c.x->setTitleText(tr("Simulated time (s)"));
        c.y = new QValueAxis;
        c.y->setTitleText(specs[std::size_t(t)].yTitle);
        for (QValueAxis *axis : {c.x, c.y}) {
            // Ticks on round numbers, whatever the range while scrolling.
            axis->setTickType(QValueAxis::TicksDynamic);
            axis->setTickAnchor(0);
            axis->setMinorTickCount(0);
        }
        c.y->setRange(0, c.percent ? 100 : 1);
        c.y->setTickInterval(c.percent ? 25 : 0.2);
        c.y->setLabelFormat(labelFormat(c.y->tickInterval()));
        c.chart->addAxis(c.x, Qt::AlignBottom);
        c.chart->addAxis(c.y, Qt::AlignLeft);
        c.view = new QChartView(c.chart);
        c.view->setRenderHint(QPainter::Antialiasing);
        c.view->setFrameShape(QFrame::NoFrame);
        c.view->setBackgroundRole(QPalette::Base);
        c.view->setObjectName(QStringLiteral("chart%1").arg(t));
        d->tabs->addTab(c.view, specs[std::size_t(t)].tab);
    }
    d->addLine(d->charts[Throughput], tr("Throughput"), kBlue, QStringLiteral("throughput"));
    d->addLine(d->charts[Latency], tr("p50"), kEmerald, QStringLiteral("p50"));
    d->addLine(d->charts[Latency], tr("p95"), kAmber, QStringLiteral("p95"));
    d->addLine(d->charts[Latency], tr("p99"), kRed, QStringLiteral("p99"));
    d->charts[Latency].alwaysLegend = true;
    d->addLine(d->charts[Errors], tr("Errors"), kRed, QStringLiteral("errors"));
    d->addLine(d->charts[HitRatio], tr("Hit ratio"), kViolet, QStringLiteral("hitRatio"));
    d->addLine(d->charts[StaleReads], tr("Stale reads"), kOrange, QStringLiteral("staleReads"));
    d->applyPalette(palette(), font());
    d->updateRanges();
    d->updateLegends();
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::setNodes(const QStringList &ids)
{
    d->nodes = ids;
    Chart &c = d->charts[Utilisation];
    d->removeLines(c, c.lines);
    // A line per node reads up to a dozen or so nodes; beyond that the chart
    // is a tangle and QtCharts slows the window. The CSV keeps every node.
    // Empty ids (clients) get no line.
    d->lineNode.clear();
    for (int i = 0; i < ids.size() && int(d->lineNode.size()) < kMaxNodeLines; ++i) {
        if (ids.at(i).isEmpty())
            continue;
        d->addLine(c, ids.at(i), kNodeColours[d->lineNode.size() % kNodeColours.size()],
                   QStringLiteral("util/") + ids.at(i));
        d->lineNode.push_back(std::size_t(i));
    }
    c.alwaysLegend = !ids.isEmpty();
    clear();
}

void ChartsPanel::addSamples(const std::vector<sim::Sample> &samples)
{
    if (samples.empty())
        return;
    std::array<std::vector<QList<QPointF>>, TabCount> points;
    for (int t = 0; t < TabCount; ++t)
        points[std::size_t(t)].resize(d->charts[std::size_t(t)].lines.size());
    const std::size_t nodeCount = d->charts[Utilisation].lines.size();
    for (const sim::Sample &s : samples) {
        points[Throughput][0].append({s.time, s.throughput});
        points[Latency][0].append({s.time, s.p50 * 1000});
        points[Latency][1].append({s.time, s.p95 * 1000});
        points[Latency][2].append({s.time, s.p99 * 1000});
        points[Errors][0].append({s.time, s.errorRate});
        for (std::size_t l = 0; l < nodeCount; ++l) {
            const std::size_t n = d->lineNode[l];
            if (n < s.utilization.size())
                points[Utilisation][l].append({s.time, double(s.utilization[n]) * 100});
        }
        if (s.hitRatio >= 0) // no cache lookups in the interval: no point, not 0 %
            points[HitRatio][0].append({s.time, s.hitRatio * 100});
        points[StaleReads][0].append({s.time, double(s.staleReads)});

        // Queues and up states are not exported; copying them would double
        // what a long live run keeps (rows are bounded by SimRunner::seriesLimit()).
        sim::Sample row = s;
        std::vector<float>().swap(row.queue);
        std::vector<std::uint8_t>().swap(row.up);
        d->rows.push_back(std::move(row));
    }
    d->lastTime = std::max(d->lastTime, samples.back().time);
    for (int t = 0; t < TabCount; ++t) {
        Chart &c = d->charts[std::size_t(t)];
        auto &waiting = d->pending[std::size_t(t)];
        if (waiting.size() != c.lines.size())
            waiting.assign(c.lines.size(), {});
        for (std::size_t l = 0; l < c.lines.size(); ++l) {
            if (d->onScreen(t)) {
                Private::append(c.lines[l], points[std::size_t(t)][l]);
                d->trim(c.lines[l]);
                continue;
            }
            waiting[l].append(points[std::size_t(t)][l]);
            // Keep what the chart would keep, so a hidden chart cannot grow without bound.
            qsizetype old = 0;
            while (old < waiting[l].size() && waiting[l][old].x() < d->lastTime - kRetain)
                ++old;
            waiting[l].remove(0, old);
        }
    }
    d->updateRanges(false);
}

void ChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    d->flush(d->tabs->currentIndex());
}

void ChartsPanel::clear()
{
    for (auto &waiting : d->pending)
        waiting.clear();
    for (Chart &c : d->charts) {
        for (QLineSeries *series : c.lines)
            series->clear();
    }
    d->rows.clear();
    d->lastTime = 0;
    d->updateRanges();
    d->updateLegends();
}

void ChartsPanel::pin()
{
    d->flushAll();
    bool any = false;
    for (const Chart &c : d->charts) {
        for (const QLineSeries *series : c.lines)
            any = any || series->count() > 0;
    }
    if (!any)
        return; // nothing to compare with: keep the pin there is
    clearPin();
    const QPen pen = Private::pinnedPen(palette());
    for (Chart &c : d->charts) {
        for (QLineSeries *line : c.lines) {
            auto *series = new QLineSeries;
            series->setName(c.pinned.empty() ? tr("Pinned run")
                                             : tr("Pinned %1").arg(line->name()));
            series->setObjectName(QStringLiteral("pinned/") + line->objectName());
            series->setUseOpenGL(false);
            series->replace(line->points());
            c.chart->addSeries(series);
            series->attachAxis(c.x);
            series->attachAxis(c.y);
            series->setPen(pen);
            c.pinned.push_back(series);
        }
        // QtCharts draws series in the order they were added: put the
        // current lines back on top of the pin.
        for (QLineSeries *line : c.lines) {
            c.chart->removeSeries(line);
            c.chart->addSeries(line);
            line->attachAxis(c.x);
            line->attachAxis(c.y);
        }
    }
    d->pinnedEnd = d->lastTime;
    d->updateRanges();
    d->updateLegends();
}

void ChartsPanel::clearPin()
{
    for (Chart &c : d->charts)
        d->removeLines(c, c.pinned);
    d->pinnedEnd = -1;
    d->updateRanges();
    d->updateLegends();
}

bool ChartsPanel::hasPin() const
{
    return d->pinnedEnd >= 0;
}

int ChartsPanel::pointCount(int tab, int line) const
{
    if (tab < 0 || tab >= TabCount)
        return 0;
    const Chart &c = d->charts[std::size_t(tab)];
    if (line < 0 || std::size_t(line) >= c.lines.size())
        return 0;
    const auto &waiting = d->pending[std::size_t(tab)];
    const qsizetype later =
        std::size_t(line) < waiting.size() ? waiting[std::size_t(line)].size() : 0;
    return c.lines[std::size_t(line)]->count() + int(later);
}

QString ChartsPanel::csv() const
{
    QStringList header = {QStringLiteral("time_s"),    QStringLiteral("throughput_rps"),
                          QStringLiteral("error_rps"), QStringLiteral("p50_ms"),
                          QStringLiteral("p95_ms"),    QStringLiteral("p99_ms"),
                          QStringLiteral("hit_ratio"), QStringLiteral("stale_reads")};
    for (const QString &id : d->nodes) {
        if (!id.isEmpty()) // clients have no utilisation
            header.append(csvField(QStringLiteral("util_") + id));
    }
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    QStringList fields;
    for (const sim::Sample &s : d->rows) {
        fields = {number(s.time),
                  number(s.throughput),
                  number(s.errorRate),
                  number(s.p50 * 1000),
                  number(s.p95 * 1000),
                  number(s.p99 * 1000),
                  s.hitRatio >= 0 ? number(s.hitRatio) : QString(),
                  QString::number(s.staleReads)};
        for (qsizetype n = 0; n < d->nodes.size(); ++n) {
            if (d->nodes.at(n).isEmpty())
                continue;
            fields.append(std::size_t(n) < s.utilization.size()
                              ? number(double(s.utilization[std::size_t(n)]))
                              : QString());
        }
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

bool ChartsPanel::exportCsv(const QString &path, QString *error) const
{
    const Result<void> saved = writeFileAtomically(path, csv().toUtf8());
    if (!saved && error)
        *error = saved.error();
    return saved.ok();
}

void ChartsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        d->applyPalette(palette(), font());
    QWidget::changeEvent(event);
}

} // namespace sds::gui
