#pragma once

#include "core/cards/statistics.h"

#include <QDateTime>
#include <QWidget>

#include <optional>

class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPieSeries;
class QStackedWidget;

namespace sds::cards {
class Collection;
}

namespace sds::gui {

class HeatmapWidget;

// Flashcard statistics, a window of its own beside Review mode
// (Ctrl+Shift+T): reviews per day stacked by rating, a year's calendar
// heatmap, the due forecast for the next 30 days, true retention by
// interval and the cards by state, for all decks or one. Each chart says
// what to do when it has nothing to show yet.
class StatsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsView)

public:
    explicit StatsView(cards::Collection &collection, QWidget *parent = nullptr);
    ~StatsView() override;

    /** Reads the figures again. */
    void reload();
    /**
     * The collection changed: reads again now if the window is active,
     * else when it is next activated, so answering cards beside it does
     * not pay for a full recount (a second or so at 100,000 cards) each time.
     */
    void markStale();
    void setDeck(std::optional<qint64> deckId);
    /** The span of the reviews chart: 30, 90 or 365 days. */
    void setDays(int days);
    /** A fixed time, for tests; invalid: the clock. */
    void setNow(const QDateTime &now) { m_now = now; }

    // For tests.
    const std::optional<cards::CardStatistics> &statistics() const { return m_stats; }
    QChart *reviewsChart() const { return m_reviews.chart; }
    QChart *forecastChart() const { return m_forecast.chart; }
    QChart *retentionChart() const { return m_retention.chart; }
    QChart *statesChart() const { return m_states.chart; }
    HeatmapWidget *heatmap() const { return m_heatmap; }
    QLabel *summary() const { return m_summary; }
    /** The message a chart shows instead of bars, or empty when it shows bars. */
    QString emptyMessage(QChart *chart) const;

protected:
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Panel {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QLabel *empty = nullptr;
        QStackedWidget *stack = nullptr;
    };
    QWidget *makePanel(Panel &panel, const QString &title, const QString &subtitle,
                       QWidget *parent);
    void showEmpty(Panel &panel, const QString &message);
    void fillReviews();
    void fillForecast();
    void fillRetention();
    void fillStates();
    void fillSummary();
    void applyPalette();
    QDateTime now() const;

    cards::Collection &m_collection;
    std::optional<qint64> m_deck;
    int m_days = 30;
    bool m_stale = false;
    QDateTime m_now;
    std::optional<cards::CardStatistics> m_stats;

    QComboBox *m_deckFilter = nullptr;
    QComboBox *m_spanFilter = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_reviewsTitle = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_nothing = nullptr;
    Panel m_reviews;
    Panel m_forecast;
    Panel m_retention;
    Panel m_states;
    HeatmapWidget *m_heatmap = nullptr;
    QLabel *m_heatmapTitle = nullptr;
};

} // namespace sds::gui
