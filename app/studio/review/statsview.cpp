#include "app/studio/review/statsview.h"

#include "app/studio/chartcolours.h"
#include "app/studio/review/heatmapwidget.h"
#include "app/studio/theme.h"
#include "core/cards/collection.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QEvent>
#include <QFrame>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace sds::gui {
namespace {

using namespace chartcolours;

// A round upper bound for a count axis with about four ticks.
int niceCeiling(int max)
{
    if (max <= 4)
        return 4;
    const double magnitude = std::pow(10.0, std::floor(std::log10(max / 4.0)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        const double step = m * magnitude;
        if (step * 4 >= max)
            return int(std::ceil(step) * 4);
    }
    return max;
}

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}

QValueAxis *countAxis(QChart *chart, int max, const QString &title)
{
    auto *y = new QValueAxis;
    y->setRange(0, niceCeiling(max));
    y->setTickCount(5);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(title);
    chart->addAxis(y, Qt::AlignLeft);
    return y;
}

QString bucketLabel(const cards::RetentionBucket &b)
{
    if (b.maxDays < 0)
        return StatsView::tr("> %1 y").arg(std::lround((b.minDays - 1) / 365.0));
    if (b.minDays == 0)
        return StatsView::tr("≤ %1 d").arg(b.maxDays);
    if (b.maxDays <= 30)
        return StatsView::tr("%1–%2 d").arg(b.minDays).arg(b.maxDays);
    // Whole months read better than 31–90 days.
    return StatsView::tr("%1–%2 mo")
        .arg(std::lround((b.minDays - 1) / 30.0))
        .arg(std::lround(b.maxDays / 30.0));
}

} // namespace

StatsView::StatsView(cards::Collection &collection, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_collection(collection)
{
    setObjectName(QStringLiteral("statsView"));
    setWindowTitle(tr("Flashcard Statistics"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 12);

    auto *bar = new QHBoxLayout;
    m_deckFilter = new QComboBox(this);
    m_deckFilter->setObjectName(QStringLiteral("statsDeckFilter"));
    m_deckFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_spanFilter = new QComboBox(this);
    m_spanFilter->setObjectName(QStringLiteral("statsSpanFilter"));
    m_spanFilter->addItem(tr("Last 30 days"), 30);
    m_spanFilter->addItem(tr("Last 3 months"), 90);
    m_spanFilter->addItem(tr("Last year"), 365);
    bar->addWidget(m_deckFilter);
    bar->addWidget(m_spanFilter);
    bar->addStretch(1);
    layout->addLayout(bar);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("statsSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_pages = new QStackedWidget(this);
    auto *scroll = new QScrollArea(m_pages);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(0, 4, 0, 0);
    grid->setSpacing(12);

    grid->addWidget(makePanel(m_reviews, tr("Reviews per day"),
                              tr("Each day's answers, stacked by the button pressed."), content),
                    0, 0, 1, 2);
    // The heatmap panel holds its own widget rather than a chart.
    auto *heatPanel = new QFrame(content);
    heatPanel->setFrameShape(QFrame::StyledPanel);
    heatPanel->setBackgroundRole(QPalette::Base);
    heatPanel->setAutoFillBackground(true);
    auto *hv = new QVBoxLayout(heatPanel);
    m_heatmapTitle = new QLabel(tr("<b>The last twelve months</b>"), heatPanel);
    m_heatmap = new HeatmapWidget(heatPanel);
    hv->addWidget(m_heatmapTitle);
    hv->addWidget(m_heatmap);
    grid->addWidget(heatPanel, 1, 0, 1, 2);
    grid->addWidget(makePanel(m_forecast, tr("Due forecast"),
                              tr("Cards coming due on each of the next 30 days; today includes "
                                 "overdue cards."),
                              content),
                    2, 0);
    grid->addWidget(makePanel(m_states, tr("Cards by state"),
                              tr("Every card once; suspended and buried cards apart."), content),
                    2, 1);
    grid->addWidget(makePanel(m_retention, tr("True retention by interval"),
                              tr("Share of review cards recalled (not Again), by the interval the "
                                 "card had; the count of answers is in brackets."),
                              content),
                    3, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    scroll->setWidget(content);
    m_nothing = new QLabel(m_pages);
    m_nothing->setObjectName(QStringLiteral("statsNothing"));
    m_nothing->setAlignment(Qt::AlignCenter);
    m_nothing->setWordWrap(true);
    m_pages->addWidget(scroll);
    m_pages->addWidget(m_nothing);
    layout->addWidget(m_pages, 1);

    connect(m_deckFilter, &QComboBox::currentIndexChanged, this, [this] {
        const qint64 id = m_deckFilter->currentData().toLongLong();
        m_deck = id > 0 ? std::optional<qint64>(id) : std::nullopt;
        reload();
    });
    connect(m_spanFilter, &QComboBox::currentIndexChanged, this,
            [this] { setDays(m_spanFilter->currentData().toInt()); });
    auto *close = new QAction(tr("Close"), this);
    close->setShortcuts({QKeySequence::Close, QKeySequence(Qt::Key_Escape)});
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);
    auto *refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcuts({QKeySequence::Refresh});
    connect(refresh, &QAction::triggered, this, &StatsView::reload);
    addAction(refresh);
    resize(1040, 860);
}

StatsView::~StatsView() = default;

QWidget *StatsView::makePanel(Panel &panel, const QString &title, const QString &subtitle,
                              QWidget *parent)
{
    auto *frame = new QFrame(parent);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setBackgroundRole(QPalette::Base);
    frame->setAutoFillBackground(true);
    auto *v = new QVBoxLayout(frame);
    auto *titleLabel = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), frame);
    if (&panel == &m_reviews)
        m_reviewsTitle = titleLabel;
    auto *sub = new QLabel(subtitle, frame);
    sub->setWordWrap(true);
    sub->setForegroundRole(QPalette::PlaceholderText);
    panel.chart = new QChart;
    panel.chart->setBackgroundVisible(false);
    panel.chart->setPlotAreaBackgroundVisible(false);
    panel.chart->layout()->setContentsMargins(0, 0, 0, 0);
    panel.chart->setMargins(QMargins(4, 4, 4, 4));
    panel.chart->legend()->setAlignment(Qt::AlignBottom);
    panel.view = new QChartView(panel.chart, frame);
    panel.view->setRenderHint(QPainter::Antialiasing);
    panel.view->setFrameShape(QFrame::NoFrame);
    panel.view->setBackgroundRole(QPalette::Base);
    panel.view->setMinimumHeight(240);
    panel.empty = new QLabel(frame);
    panel.empty->setAlignment(Qt::AlignCenter);
    panel.empty->setWordWrap(true);
    panel.empty->setMargin(24);
    panel.empty->setForegroundRole(QPalette::PlaceholderText);
    panel.stack = new QStackedWidget(frame);
    panel.stack->addWidget(panel.view);
    panel.stack->addWidget(panel.empty);
    v->addWidget(titleLabel);
    v->addWidget(sub);
    v->addWidget(panel.stack, 1);
    return frame;
}

QDateTime StatsView::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

void StatsView::setDeck(std::optional<qint64> deckId)
{
    m_deck = deckId;
    reload();
}

void StatsView::setDays(int days)
{
    m_days = days;
    const QSignalBlocker quiet(m_spanFilter);
    m_spanFilter->setCurrentIndex(std::max(0, m_spanFilter->findData(days)));
    reload();
}

QString StatsView::emptyMessage(QChart *chart) const
{
    for (const Panel *p : {&m_reviews, &m_forecast, &m_retention, &m_states}) {
        if (p->chart == chart)
            return p->stack->currentWidget() == p->empty ? p->empty->text() : QString();
    }
    return {};
}

void StatsView::showEmpty(Panel &panel, const QString &message)
{
    panel.empty->setText(message);
    panel.stack->setCurrentWidget(message.isEmpty() ? static_cast<QWidget *>(panel.view)
                                                    : panel.empty);
}

void StatsView::markStale()
{
    m_stale = true;
    if (isActiveWindow())
        reload();
}

bool StatsView::event(QEvent *event)
{
    if (event->type() == QEvent::WindowActivate && m_stale)
        reload();
    return QWidget::event(event);
}

void StatsView::reload()
{
    m_stale = false;
    const QSignalBlocker quiet(m_deckFilter);
    m_deckFilter->clear();
    m_deckFilter->addItem(tr("All decks"), qint64(-1));
    for (const cards::Deck &d : m_collection.decks())
        m_deckFilter->addItem(d.name, d.id);
    m_deckFilter->setCurrentIndex(std::max(0, m_deck ? m_deckFilter->findData(*m_deck) : 0));
    m_stats = m_collection.statistics(m_deck, now(), m_days);
    if (!m_stats) {
        m_nothing->setText(tr("<h3>No statistics</h3><p>The flashcards could not be read: %1</p>")
                               .arg(m_collection.error().toHtmlEscaped()));
        m_pages->setCurrentWidget(m_nothing);
        m_summary->clear();
        return;
    }
    m_pages->setCurrentIndex(0);
    fillReviews();
    fillForecast();
    fillRetention();
    fillStates();
    m_heatmap->setCounts(m_stats->today, m_stats->lastYear);
    fillSummary();
    applyPalette();
}

void StatsView::fillReviews()
{
    QChart *chart = m_reviews.chart;
    clearChart(chart);
    const QList<cards::DayReviews> &days = m_stats->reviewsPerDay;
    m_reviewsTitle->setText(tr("<b>Reviews per day</b> — %1").arg(m_spanFilter->currentText()));
    int total = 0, max = 0;
    for (const cards::DayReviews &d : days) {
        total += d.total();
        max = std::max(max, d.total());
    }
    if (total == 0) {
        showEmpty(m_reviews, tr("No reviews in this period yet. Press <b>Study all</b> in Review "
                                "mode, and each day's answers show up here, coloured by the "
                                "button you pressed."));
        return;
    }
    showEmpty(m_reviews, {});
    auto *series = new QStackedBarSeries;
    series->setObjectName(QStringLiteral("reviewsSeries"));
    series->setBarWidth(0.75);
    const std::array<std::pair<QString, QColor>, 4> ratings = {
        {{tr("Again"), kRed}, {tr("Hard"), kAmber}, {tr("Good"), kEmerald}, {tr("Easy"), kBlue}}};
    for (std::size_t r = 0; r < ratings.size(); ++r) {
        auto *set = new QBarSet(ratings[r].first);
        set->setColor(ratings[r].second);
        set->setBorderColor(ratings[r].second);
        for (const cards::DayReviews &d : days)
            set->append(d.byRating[r]);
        series->append(set);
    }
    chart->addSeries(series);
    auto *x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const int n = int(days.size());
    x->setRange(-0.5, n - 0.5);
    const int step = n <= 31 ? 7 : n <= 100 ? 14 : 61;
    QList<int> marks;
    for (int i = n - 1; i >= 0; i -= step)
        marks.prepend(i);
    for (const int i : marks) {
        const QString label =
            i == n - 1 ? tr("Today") : QLocale().toString(days[i].day, QStringLiteral("d MMM"));
        x->append(label, i);
    }
    x->setGridLineVisible(false);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(countAxis(chart, max, tr("Reviews")));
    chart->legend()->setVisible(true);
    connect(series, &QStackedBarSeries::hovered, this, [this](bool on, int index) {
        if (!on || !m_stats || index < 0 || index >= m_stats->reviewsPerDay.size()) {
            QToolTip::hideText();
            return;
        }
        const cards::DayReviews &d = m_stats->reviewsPerDay[index];
        QToolTip::showText(QCursor::pos(),
                           tr("%1: %2 reviews\nAgain %3 · Hard %4 · Good %5 · Easy %6")
                               .arg(QLocale().toString(d.day, QLocale::ShortFormat))
                               .arg(d.total())
                               .arg(d.byRating[0])
                               .arg(d.byRating[1])
                               .arg(d.byRating[2])
                               .arg(d.byRating[3]));
    });
}

void StatsView::fillForecast()
{
    QChart *chart = m_forecast.chart;
    clearChart(chart);
    const QList<int> &due = m_stats->dueForecast;
    const int max = due.isEmpty() ? 0 : *std::max_element(due.cbegin(), due.cend());
    if (max == 0) {
        showEmpty(m_forecast, tr("Nothing is scheduled in the next 30 days. A card joins the "
                                 "forecast after its first review."));
        return;
    }
    showEmpty(m_forecast, {});
    auto *series = new QBarSeries;
    series->setObjectName(QStringLiteral("forecastSeries"));
    series->setBarWidth(0.75);
    auto *set = new QBarSet(tr("Due"));
    set->setColor(kViolet);
    set->setBorderColor(kViolet);
    for (const int count : due)
        set->append(count);
    series->append(set);
    chart->addSeries(series);
    auto *x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setRange(-0.5, due.size() - 0.5);
    x->append(tr("Today"), 0);
    for (int i = 7; i < due.size(); i += 7)
        x->append(tr("+%1 d").arg(i), i);
    x->setGridLineVisible(false);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(countAxis(chart, max, tr("Cards")));
    chart->legend()->setVisible(false);
    connect(series, &QBarSeries::hovered, this, [this](bool on, int index) {
        if (!on || !m_stats || index < 0 || index >= m_stats->dueForecast.size()) {
            QToolTip::hideText();
            return;
        }
        const QDate day = m_stats->today.addDays(index);
        QToolTip::showText(
            QCursor::pos(),
            tr("%1: %n card(s) due", nullptr, m_stats->dueForecast[index])
                .arg(index == 0 ? tr("Today") : QLocale().toString(day, QLocale::ShortFormat)));
    });
}

void StatsView::fillRetention()
{
    QChart *chart = m_retention.chart;
    clearChart(chart);
    QStringList categories;
    QList<qreal> values;
    for (const cards::RetentionBucket &b : m_stats->retention) {
        if (b.reviews == 0)
            continue; // a bar of 0 % would read as everything forgotten
        categories << QStringLiteral("%1 (%2)").arg(bucketLabel(b)).arg(b.reviews);
        values << std::round(1000 * b.retention()) / 10;
    }
    if (values.isEmpty()) {
        showEmpty(m_retention, tr("No answers to review cards yet. Retention shows once cards "
                                  "you have learned come due again, a day or more later."));
        return;
    }
    showEmpty(m_retention, {});
    auto *series = new QBarSeries;
    series->setObjectName(QStringLiteral("retentionSeries"));
    series->setBarWidth(0.6);
    auto *set = new QBarSet(tr("Recalled"));
    set->setColor(kEmerald);
    set->setBorderColor(kEmerald);
    set->append(values);
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value %"));
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    x->setGridLineVisible(false);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto *y = new QValueAxis;
    y->setRange(0, 100);
    y->setTickCount(5);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("Recalled (%)"));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    // The retention the scheduler aims for, to read the bars against.
    auto *target = new QLineSeries;
    target->setObjectName(QStringLiteral("desiredRetention"));
    const double desired = 100 * m_collection.desiredRetention();
    target->setName(tr("Desired %1 %").arg(desired, 0, 'f', 0));
    target->append(-0.5, desired);
    target->append(values.size() - 0.5, desired);
    QPen pen(kAmber);
    pen.setWidthF(1.5);
    pen.setStyle(Qt::DashLine);
    target->setPen(pen);
    chart->addSeries(target);
    target->attachAxis(x);
    target->attachAxis(y);
    chart->legend()->setVisible(true);
}

void StatsView::fillStates()
{
    QChart *chart = m_states.chart;
    clearChart(chart);
    const cards::CardStateCounts &s = m_stats->states;
    if (s.total() == 0) {
        showEmpty(m_states, tr("This deck has no cards yet."));
        return;
    }
    showEmpty(m_states, {});
    auto *pie = new QPieSeries;
    pie->setObjectName(QStringLiteral("statesSeries"));
    pie->setHoleSize(0.5);
    pie->setPieSize(0.85);
    const std::pair<QString, int> parts[] = {
        {tr("New"), s.newCards},          {tr("Learning"), s.learning},   {tr("Review"), s.review},
        {tr("Relearning"), s.relearning}, {tr("Suspended"), s.suspended}, {tr("Buried"), s.buried},
        {tr("Retired"), s.retired},
    };
    const QColor colours[] = {kBlue, kAmber, kEmerald, kRed, kYellow, kGrey, kViolet};
    for (std::size_t i = 0; i < std::size(parts); ++i) {
        if (parts[i].second == 0)
            continue;
        QPieSlice *slice = pie->append(
            QStringLiteral("%1: %2").arg(parts[i].first, QLocale().toString(parts[i].second)),
            parts[i].second);
        slice->setColor(colours[i]);
        slice->setBorderColor(palette().color(QPalette::Base));
    }
    chart->addSeries(pie);
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignRight);
}

void StatsView::fillSummary()
{
    const cards::CardStatistics &s = *m_stats;
    int periodTotal = 0, studiedDays = 0;
    for (const cards::DayReviews &d : s.reviewsPerDay) {
        periodTotal += d.total();
        studiedDays += d.total() > 0 ? 1 : 0;
    }
    int reviewAnswers = 0, recalled = 0;
    for (const cards::RetentionBucket &b : s.retention) {
        reviewAnswers += b.reviews;
        recalled += b.passed;
    }
    const QLocale l;
    QStringList parts;
    parts << tr("Today <b>%1</b> reviews").arg(l.toString(s.reviewsPerDay.last().total()));
    parts << tr("%1: <b>%2</b> reviews on <b>%3</b> of %4 days")
                 .arg(m_spanFilter->currentText(), l.toString(periodTotal))
                 .arg(studiedDays)
                 .arg(s.reviewsPerDay.size());
    if (reviewAnswers > 0)
        parts << tr("true retention <b>%1 %</b>")
                     .arg(l.toString(100.0 * recalled / reviewAnswers, 'f', 1));
    if (s.dueForecast.size() > 1)
        parts << tr("due tomorrow <b>%1</b>").arg(l.toString(s.dueForecast[1]));
    m_summary->setText(parts.join(QStringLiteral(" &nbsp;·&nbsp; ")));
}

void StatsView::applyPalette()
{
    const QPalette pal = palette();
    const QColor fg = pal.color(QPalette::WindowText);
    const QColor bg = pal.color(QPalette::Base);
    const QColor labels = blend(fg, bg, 0.75);
    const QColor axisLine = blend(fg, bg, 0.35);
    const QColor grid = blend(fg, bg, 0.12);
    for (const Panel *p : {&m_reviews, &m_forecast, &m_retention, &m_states}) {
        const QList<QAbstractAxis *> axes = p->chart->axes();
        for (QAbstractAxis *axis : axes) {
            axis->setLabelsBrush(labels);
            axis->setLabelsFont(font());
            axis->setTitleBrush(labels);
            axis->setLinePenColor(axisLine);
            axis->setGridLineColor(grid);
        }
        p->chart->legend()->setLabelColor(fg);
        p->chart->legend()->setFont(font());
        const QList<QAbstractSeries *> series = p->chart->series();
        for (QAbstractSeries *s : series) {
            if (auto *bars = qobject_cast<QAbstractBarSeries *>(s)) {
                const QList<QBarSet *> sets = bars->barSets();
                for (QBarSet *set : sets)
                    set->setLabelColor(fg);
            }
            if (auto *pie = qobject_cast<QPieSeries *>(s)) {
                const QList<QPieSlice *> slices = pie->slices();
                for (QPieSlice *slice : slices)
                    slice->setBorderColor(bg);
            }
        }
    }
}

void StatsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
    QWidget::changeEvent(event);
}

} // namespace sds::gui
