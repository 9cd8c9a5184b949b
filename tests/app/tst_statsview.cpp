// The statistics window over a real collection whose reviews the test gave
// at chosen times: the chart series, the heatmap and the summary must show
// the numbers worked out from the test's own record of answers.
#include "app/studio/review/heatmapwidget.h"
#include "app/studio/review/statsview.h"
#include "core/cards/collection.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QLabel>
#include <QLegend>
#include <QPieSeries>
#include <QPieSlice>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace sds::gui;
using namespace sds::cards;
using sds::srs::Rating;
using sds::srs::State;

namespace {

const QDateTime kNow(QDate(2030, 3, 10), QTime(12, 0), Qt::UTC);

struct Answer {
    qint64 cardId;
    qint64 deckId;
    QDateTime time;
    Rating rating;
    State before;
    int beforeInterval;
};

QAbstractBarSeries *barSeries(QChart *chart)
{
    for (QAbstractSeries *s : chart->series()) {
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(s))
            return bars;
    }
    return nullptr;
}

} // namespace

class TestStatsView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Collection m_c;
    qint64 m_deckA = 0;
    qint64 m_deckB = 0;
    QList<qint64> m_ids;
    QList<Answer> m_answers;

    void answer(int card, Rating rating, const QDateTime &t)
    {
        const qint64 id = m_ids[card];
        const auto c = m_c.card(id);
        QVERIFY(c);
        m_answers.append({id, c->deckId, t, rating, c->schedule.state, c->schedule.scheduledDays});
        QVERIFY(m_c.answer(id, rating, t, 3000));
    }

    std::array<int, 4> tally(const QDate &day, std::optional<qint64> deck = {}) const
    {
        std::array<int, 4> out{};
        for (const Answer &a : m_answers) {
            if (a.time.date() == day && (!deck || a.deckId == *deck))
                ++out[std::size_t(int(a.rating) - 1)];
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_c.open(m_dir.filePath(QStringLiteral("cards.sqlite"))));
        m_deckA = *m_c.addDeck(QStringLiteral("A"));
        m_deckB = *m_c.addDeck(QStringLiteral("B"));
        QList<NewNote> notes;
        for (int i = 0; i < 8; ++i) {
            NewNote n;
            n.deckId = i < 5 ? m_deckA : m_deckB;
            n.front = QStringLiteral("front %1").arg(i);
            n.back = QStringLiteral("back %1").arg(i);
            notes.append(n);
        }
        m_ids = *m_c.addNotes(notes);
        const auto at = [](int day, int hour) {
            return QDateTime(kNow.date().addDays(day), QTime(hour, 0), Qt::UTC);
        };
        // Cards 0 and 5 reach Review early and are answered again later:
        // 0 forgotten, 5 recalled.
        answer(0, Rating::Easy, at(-20, 10));
        answer(5, Rating::Easy, at(-20, 10).addSecs(30));
        answer(0, Rating::Again, at(-3, 10));
        answer(5, Rating::Good, at(-2, 18));
        answer(1, Rating::Again, at(-3, 10).addSecs(40));
        answer(1, Rating::Good, at(-3, 10).addSecs(700));
        answer(2, Rating::Hard, at(-1, 22));
        answer(3, Rating::Good, at(0, 9));
        answer(6, Rating::Easy, at(0, 9).addSecs(20));
        QVERIFY(m_c.setSuspended(m_ids[7], true));
        QCOMPARE(m_answers[2].before, State::Review);
        QCOMPARE(m_answers[3].before, State::Review);
    }

    void chartsShowTheRecord()
    {
        StatsView view(m_c);
        view.setNow(kNow);
        view.reload();
        view.show();

        QAbstractBarSeries *reviews = barSeries(view.reviewsChart());
        QVERIFY(reviews);
        QCOMPARE(reviews->count(), 4);
        QCOMPARE(reviews->barSets().first()->count(), 30);
        int total = 0;
        for (int i = 0; i < 30; ++i) {
            const QDate day = kNow.date().addDays(i - 29);
            const std::array<int, 4> want = tally(day);
            for (int r = 0; r < 4; ++r) {
                QCOMPARE(int(reviews->barSets()[r]->at(i)), want[std::size_t(r)]);
                total += want[std::size_t(r)];
            }
            QCOMPARE(view.heatmap()->count(day), want[0] + want[1] + want[2] + want[3]);
        }
        QCOMPARE(total, int(m_answers.size()));
        QVERIFY(view.emptyMessage(view.reviewsChart()).isEmpty());

        // Forecast: every started, unsuspended card on the day it is due.
        QAbstractBarSeries *forecast = barSeries(view.forecastChart());
        QVERIFY(forecast);
        std::array<int, 30> due{};
        for (const qint64 id : m_ids) {
            const auto c = m_c.card(id);
            if (c->suspended || c->schedule.state == State::New)
                continue;
            const qint64 day = std::max<qint64>(0, kNow.date().daysTo(c->schedule.due.date()));
            if (day < 30)
                ++due[std::size_t(day)];
        }
        for (int i = 0; i < 30; ++i)
            QCOMPARE(int(forecast->barSets().first()->at(i)), due[std::size_t(i)]);

        // Retention: one bar per interval bucket that has answers.
        QAbstractBarSeries *retention = barSeries(view.retentionChart());
        QVERIFY(retention);
        QMap<int, std::pair<int, int>> buckets; // upper bound -> (answers, recalled)
        const int upper[] = {1, 3, 7, 15, 30, 90, 180, 365, 1 << 30};
        for (const Answer &a : m_answers) {
            if (a.before != State::Review)
                continue;
            const int b = *std::find_if(std::begin(upper), std::end(upper),
                                        [&](int u) { return a.beforeInterval <= u; });
            buckets[b].first += 1;
            buckets[b].second += a.rating != Rating::Again ? 1 : 0;
        }
        QBarSet *recalled = retention->barSets().first();
        QCOMPARE(recalled->count(), buckets.size());
        int i = 0;
        for (auto it = buckets.cbegin(); it != buckets.cend(); ++it, ++i)
            QCOMPARE(recalled->at(i), std::round(1000.0 * it->second / it->first) / 10);

        // States: the pie's slices.
        auto *pie = qobject_cast<QPieSeries *>(view.statesChart()->series().first());
        QVERIFY(pie);
        QMap<QString, int> slices;
        for (QPieSlice *s : pie->slices())
            slices.insert(s->label().section(u':', 0, 0), int(s->value()));
        int newCards = 0, learning = 0, review = 0, relearning = 0;
        for (const qint64 id : m_ids) {
            const auto c = m_c.card(id);
            if (c->suspended)
                continue;
            switch (c->schedule.state) {
            case State::New:
                ++newCards;
                break;
            case State::Learning:
                ++learning;
                break;
            case State::Review:
                ++review;
                break;
            case State::Relearning:
                ++relearning;
                break;
            }
        }
        QCOMPARE(slices.value(QStringLiteral("New")), newCards);
        QCOMPARE(slices.value(QStringLiteral("Learning")), learning);
        QCOMPARE(slices.value(QStringLiteral("Review")), review);
        QCOMPARE(slices.value(QStringLiteral("Relearning")), relearning);
        QCOMPARE(slices.value(QStringLiteral("Suspended")), 1);
        QVERIFY(!slices.contains(QStringLiteral("Buried")));

        const std::array<int, 4> today = tally(kNow.date());
        QVERIFY(view.summary()->text().contains(
            QStringLiteral("Today <b>%1</b>").arg(today[0] + today[1] + today[2] + today[3])));
    }

    void oneDeck()
    {
        StatsView view(m_c);
        view.setNow(kNow);
        view.setDeck(m_deckB);
        QAbstractBarSeries *reviews = barSeries(view.reviewsChart());
        QVERIFY(reviews);
        int shown = 0;
        for (QBarSet *set : reviews->barSets()) {
            for (int i = 0; i < set->count(); ++i)
                shown += int(set->at(i));
        }
        int want = 0;
        for (int d = -29; d <= 0; ++d) {
            const std::array<int, 4> t = tally(kNow.date().addDays(d), m_deckB);
            want += t[0] + t[1] + t[2] + t[3];
        }
        QCOMPARE(shown, want);
        QVERIFY(want > 0 && want < int(m_answers.size()));
    }

    void emptyChartsSayWhatToDo()
    {
        QTemporaryDir dir;
        Collection fresh;
        QVERIFY(fresh.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        const qint64 deck = *fresh.addDeck(QStringLiteral("Only"));
        NewNote n;
        n.deckId = deck;
        n.front = QStringLiteral("q");
        n.back = QStringLiteral("a");
        QVERIFY(fresh.addNotes({n}));
        StatsView view(fresh);
        view.setNow(kNow);
        view.reload();
        QVERIFY(view.emptyMessage(view.reviewsChart()).contains(QStringLiteral("Study all")));
        QVERIFY(!view.emptyMessage(view.forecastChart()).isEmpty());
        QVERIFY(!view.emptyMessage(view.retentionChart()).isEmpty());
        QVERIFY(view.emptyMessage(view.statesChart()).isEmpty()); // one new card to show
        QVERIFY(view.reviewsChart()->series().isEmpty());
    }

    void followsThePalette()
    {
        StatsView view(m_c);
        view.setNow(kNow);
        view.reload();
        QPalette dark = view.palette();
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1b, 0x1d, 0x20));
        view.setPalette(dark);
        QCOMPARE(view.reviewsChart()->legend()->labelColor(), QColor(0xe6, 0xe6, 0xe6));
        QPalette light = dark;
        light.setColor(QPalette::WindowText, Qt::black);
        view.setPalette(light);
        QCOMPARE(view.reviewsChart()->legend()->labelColor(), QColor(Qt::black));
    }
};

QTEST_MAIN(TestStatsView)
#include "tst_statsview.moc"
