// Collection::statistics() on a real collection file with two months of
// study simulated at chosen times: every answer the test gives is written
// down, and each expected figure is worked out from that record and from
// the cards as the API returns them, never copied from the code's output.
#include "core/cards/collection.h"
#include "core/cards/statistics.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>

using namespace sds::cards;
using sds::srs::Rating;
using sds::srs::State;

namespace {

// Noon; the simulated sessions run up to it, some across midnight.
const QDateTime kNow(QDate(2030, 3, 10), QTime(12, 0), Qt::UTC);
constexpr int kDays = 60;

struct Answer {
    qint64 cardId = 0;
    qint64 deckId = 0;
    QDateTime time;
    Rating rating = Rating::Good;
    State before = State::New;
    int beforeInterval = 0;
};

// The buckets statistics.h documents.
int bucketOf(int days)
{
    const int upper[] = {1, 3, 7, 15, 30, 90, 180, 365};
    for (int i = 0; i < 8; ++i) {
        if (days <= upper[i])
            return i;
    }
    return 8;
}

Rating ratingFor(int n)
{
    if (n % 9 == 0)
        return Rating::Again;
    if (n % 7 == 0)
        return Rating::Hard;
    if (n % 5 == 0)
        return Rating::Easy;
    return Rating::Good;
}

} // namespace

class TstCardStats : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Collection m_c;
    qint64 m_deckA = 0;
    qint64 m_deckB = 0;
    QList<qint64> m_ids;
    QList<Answer> m_answers;
    QSet<qint64> m_deleted;

    bool answer(qint64 id, Rating rating, const QDateTime &t)
    {
        const auto card = m_c.card(id);
        if (!card)
            return false;
        m_answers.append(
            {id, card->deckId, t, rating, card->schedule.state, card->schedule.scheduledDays});
        return m_c.answer(id, rating, t, 5000).has_value();
    }

    // What statistics(deck) should report, from the record.
    QList<Answer> answersIn(std::optional<qint64> deck) const
    {
        QList<Answer> out;
        for (const Answer &a : m_answers) {
            if (!m_deleted.contains(a.cardId) && (!deck || a.deckId == *deck))
                out.append(a);
        }
        return out;
    }

    void checkAgainstRecord(std::optional<qint64> deck, int days)
    {
        const auto stats = m_c.statistics(deck, kNow, days);
        QVERIFY2(stats, qPrintable(m_c.error()));
        QCOMPARE(stats->today, kNow.date());
        const QList<Answer> answers = answersIn(deck);

        QCOMPARE(stats->reviewsPerDay.size(), days);
        for (int i = 0; i < days; ++i) {
            const DayReviews &d = stats->reviewsPerDay[i];
            QCOMPARE(d.day, kNow.date().addDays(i - days + 1));
            std::array<int, 4> want{};
            for (const Answer &a : answers) {
                if (a.time.toUTC().date() == d.day)
                    ++want[std::size_t(int(a.rating) - 1)];
            }
            QVERIFY2(d.byRating == want, qPrintable(d.day.toString(Qt::ISODate)));
        }

        QCOMPARE(stats->lastYear.size(), CardStatistics::kYearDays);
        for (int i = 0; i < CardStatistics::kYearDays; ++i) {
            const QDate day = kNow.date().addDays(i - CardStatistics::kYearDays + 1);
            const auto want = std::count_if(answers.cbegin(), answers.cend(), [&](const Answer &a) {
                return a.time.toUTC().date() == day;
            });
            QCOMPARE(stats->lastYear[i], int(want));
        }

        std::array<int, 9> reviews{}, passed{};
        for (const Answer &a : answers) {
            if (a.before != State::Review)
                continue;
            ++reviews[std::size_t(bucketOf(a.beforeInterval))];
            if (a.rating != Rating::Again)
                ++passed[std::size_t(bucketOf(a.beforeInterval))];
        }
        QCOMPARE(stats->retention.size(), 9);
        for (int b = 0; b < 9; ++b) {
            QCOMPARE(stats->retention[b].reviews, reviews[std::size_t(b)]);
            QCOMPARE(stats->retention[b].passed, passed[std::size_t(b)]);
        }

        std::array<int, CardStatistics::kForecastDays> forecast{};
        CardStateCounts states;
        for (const qint64 id : m_ids) {
            const auto card = m_c.card(id);
            if (!card || (deck && card->deckId != *deck))
                continue;
            const State state = card->schedule.state;
            if (card->suspended)
                ++states.suspended;
            else if (card->buriedUntil.isValid() && card->buriedUntil > kNow)
                ++states.buried;
            else if (state == State::New)
                ++states.newCards;
            else if (state == State::Learning)
                ++states.learning;
            else if (state == State::Review)
                ++states.review;
            else
                ++states.relearning;
            if (card->suspended || state == State::New)
                continue;
            const qint64 day =
                std::max<qint64>(0, kNow.date().daysTo(card->schedule.due.toUTC().date()));
            if (day < CardStatistics::kForecastDays)
                ++forecast[std::size_t(day)];
        }
        QCOMPARE(stats->dueForecast.size(), CardStatistics::kForecastDays);
        for (int i = 0; i < CardStatistics::kForecastDays; ++i)
            QCOMPARE(stats->dueForecast[i], forecast[std::size_t(i)]);
        QCOMPARE(stats->states.newCards, states.newCards);
        QCOMPARE(stats->states.learning, states.learning);
        QCOMPARE(stats->states.review, states.review);
        QCOMPARE(stats->states.relearning, states.relearning);
        QCOMPARE(stats->states.suspended, states.suspended);
        QCOMPARE(stats->states.buried, states.buried);
        QCOMPARE(stats->states.retired, 0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_c.open(m_dir.filePath(QStringLiteral("cards.sqlite"))));
        m_deckA = *m_c.addDeck(QStringLiteral("A"));
        m_deckB = *m_c.addDeck(QStringLiteral("B"));
        QList<NewNote> notes;
        for (int i = 0; i < 30; ++i) {
            NewNote n;
            n.deckId = i % 3 == 0 ? m_deckB : m_deckA;
            n.front = QStringLiteral("front %1").arg(i);
            n.back = QStringLiteral("back %1").arg(i);
            notes.append(n);
        }
        const auto ids = m_c.addNotes(notes);
        QVERIFY(ids);
        m_ids = *ids;

        // A review more than a year ago: in no chart but the card's history.
        QVERIFY(answer(m_ids.last(), Rating::Good, kNow.addDays(-400)));

        // Two sessions a day, every card that comes up answered by a fixed
        // pattern of ratings; every sixth day is skipped. The evening
        // session starts 30 s before midnight, so answers fall either side.
        int n = 0;
        for (int d = -kDays; d <= 0; ++d) {
            if (d % 6 == 0 && d != 0)
                continue;
            const QDate day = kNow.date().addDays(d);
            for (const QTime start : {QTime(9, 0), QTime(23, 59, 30)}) {
                QDateTime t(day, start, Qt::UTC);
                for (int k = 0; k < 40 && t <= kNow; ++k) {
                    const auto card = m_c.nextCard(std::nullopt, t);
                    if (!card)
                        break;
                    QVERIFY(answer(card->id, ratingFor(++n), t));
                    t = t.addSecs(20);
                }
            }
        }
        QVERIFY2(m_answers.size() > 100, qPrintable(QString::number(m_answers.size())));
        // Something to show in several retention buckets and on each side of midnight.
        QSet<int> buckets;
        bool afterMidnight = false;
        for (const Answer &a : m_answers) {
            if (a.before == State::Review)
                buckets.insert(bucketOf(a.beforeInterval));
            afterMidnight = afterMidnight || a.time.time() < QTime(0, 5);
        }
        QVERIFY(buckets.size() >= 3);
        QVERIFY(afterMidnight);

        // One review card suspended, one buried.
        int suspended = 0, buried = 0;
        for (const qint64 id : m_ids) {
            const auto card = m_c.card(id);
            if (card->schedule.state != State::Review)
                continue;
            if (!suspended++)
                QVERIFY(m_c.setSuspended(id, true));
            else if (!buried++)
                QVERIFY(m_c.buryUntilTomorrow(id, kNow));
        }
        QVERIFY(suspended > 0 && buried > 0);
    }

    void allDecksMatchTheRecord() { checkAgainstRecord(std::nullopt, 30); }

    void oneDeckMatchesTheRecord()
    {
        checkAgainstRecord(m_deckB, 30);
        checkAgainstRecord(m_deckA, 90);
    }

    void shortAndLongSpans()
    {
        checkAgainstRecord(std::nullopt, 1);
        checkAgainstRecord(std::nullopt, 400);
        // The one review of 400 days ago is in the long span only.
        const auto longSpan = m_c.statistics({}, kNow, 401);
        QVERIFY(longSpan);
        int total = 0;
        for (const DayReviews &d : longSpan->reviewsPerDay)
            total += d.total();
        QCOMPARE(total, int(answersIn({}).size()));
        int year = 0;
        for (const int count : longSpan->lastYear)
            year += count;
        QCOMPARE(year, total - 1);
    }

    void deletedNotesTakeTheirReviews()
    {
        // Delete the deck B card with the most answers.
        QHash<qint64, int> per;
        for (const Answer &a : m_answers) {
            if (a.deckId == m_deckB)
                ++per[a.cardId];
        }
        qint64 busiest = 0;
        for (auto it = per.cbegin(); it != per.cend(); ++it) {
            if (!busiest || it.value() > per.value(busiest))
                busiest = it.key();
        }
        QVERIFY(per.value(busiest) > 1);
        const auto before = m_c.statistics({}, kNow, 90);
        QVERIFY(m_c.deleteNote(m_c.card(busiest)->noteId));
        m_deleted.insert(busiest);
        m_ids.removeOne(busiest);
        const auto after = m_c.statistics({}, kNow, 90);
        int sumBefore = 0, sumAfter = 0;
        for (int i = 0; i < 90; ++i) {
            sumBefore += before->reviewsPerDay[i].total();
            sumAfter += after->reviewsPerDay[i].total();
        }
        QCOMPARE(sumAfter, sumBefore - per.value(busiest));
        checkAgainstRecord(std::nullopt, 90);
        checkAgainstRecord(m_deckB, 30);
    }

    void emptyCollectionIsAllZero()
    {
        QTemporaryDir dir;
        Collection c;
        QVERIFY(c.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        const auto stats = c.statistics({}, kNow);
        QVERIFY(stats);
        QCOMPARE(stats->reviewsPerDay.size(), 30);
        for (const DayReviews &d : stats->reviewsPerDay)
            QCOMPARE(d.total(), 0);
        QCOMPARE(std::accumulate(stats->dueForecast.cbegin(), stats->dueForecast.cend(), 0), 0);
        QCOMPARE(stats->states.total(), 0);
        for (const RetentionBucket &b : stats->retention)
            QCOMPARE(b.reviews, 0);
    }

    void badArgumentsSayWhy()
    {
        QVERIFY(!m_c.statistics({}, kNow, 0));
        QVERIFY(m_c.error().contains(QStringLiteral("days")));
        QVERIFY(!m_c.statistics({}, kNow, 5000));
        QVERIFY(!m_c.statistics({}, QDateTime()));
        QVERIFY(!m_c.error().isEmpty());
        Collection closed;
        QVERIFY(!closed.statistics({}, kNow));
        // The collection still answers afterwards.
        QVERIFY(m_c.statistics({}, kNow));
    }
};

QTEST_APPLESS_MAIN(TstCardStats)
#include "tst_cardstats.moc"
