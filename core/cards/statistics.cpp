// Collection::statistics(): four read-only queries, each grouped in SQL so
// the work does not grow with the number of reviews held in memory.
#include "core/cards/statistics.h"

#include "core/cards/collection.h"
#include "core/cards/sqlsupport.h"
#include "core/srs/fsrs.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace sds::cards {
namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kDaySecs = 86'400;
constexpr int kMaxDays = 3650;

struct Bucket {
    int min;
    int max; // -1: open
};
constexpr Bucket kBuckets[] = {{0, 1},   {2, 3},    {4, 7},     {8, 15},  {16, 30},
                               {31, 90}, {91, 180}, {181, 365}, {366, -1}};

int bucketOf(int days)
{
    for (int i = 0; i < int(std::size(kBuckets)); ++i) {
        if (kBuckets[i].max < 0 || days <= kBuckets[i].max)
            return i;
    }
    return int(std::size(kBuckets)) - 1;
}

} // namespace

std::optional<CardStatistics> Collection::statistics(std::optional<qint64> deckId,
                                                     const QDateTime &now, int days) const
{
    const auto failed = [this](const QString &why) {
        fail(why);
        return std::nullopt;
    };
    if (!isOpen())
        return failed(QStringLiteral("the collection is not open"));
    if (!now.isValid())
        return failed(QStringLiteral("statistics need a valid time"));
    if (days < 1 || days > kMaxDays)
        return failed(
            QStringLiteral("statistics cover 1 to %1 days, not %2").arg(kMaxDays).arg(days));

    CardStatistics s;
    const QDateTime utc = now.toUTC();
    s.today = utc.date();
    // Day numbers since the epoch, the same integer division SQLite does.
    const qint64 todayNumber =
        QDateTime(s.today, QTime(0, 0), Qt::UTC).toSecsSinceEpoch() / kDaySecs;
    const int span = std::max(days, CardStatistics::kYearDays);
    const qint64 firstDay = todayNumber - span + 1;

    QSqlQuery q(m_file.database());
    q.setForwardOnly(true);
    const QString deckJoin =
        deckId ? QStringLiteral(" JOIN cards c ON c.id = r.card_id") : QString();
    const QString deckWhere = deckId ? QStringLiteral(" AND c.deck_id = ?") : QString();
    const auto withDeck = [&](QVariantList binds) {
        if (deckId)
            binds.append(*deckId);
        return binds;
    };

    // Reviews per day and rating, over the longer of the two spans.
    s.reviewsPerDay.resize(days);
    for (int i = 0; i < days; ++i)
        s.reviewsPerDay[i].day = s.today.addDays(i - days + 1);
    s.lastYear.fill(0, CardStatistics::kYearDays);
    if (!detail::exec(
            q,
            QStringLiteral("SELECT r.time / %1 AS day, r.rating, count(*) FROM revlog r%2 "
                           "WHERE r.time >= ? AND r.time < ?%3 GROUP BY day, r.rating")
                .arg(kDayMs)
                .arg(deckJoin, deckWhere),
            withDeck({firstDay * kDayMs, (todayNumber + 1) * kDayMs})))
        return failed(q.lastError().text());
    while (q.next()) {
        const qint64 ago = todayNumber - q.value(0).toLongLong();
        const int rating = q.value(1).toInt();
        const int count = q.value(2).toInt();
        if (ago < CardStatistics::kYearDays)
            s.lastYear[CardStatistics::kYearDays - 1 - int(ago)] += count;
        if (ago < days && rating >= 1 && rating <= 4)
            s.reviewsPerDay[days - 1 - int(ago)].byRating[std::size_t(rating - 1)] += count;
    }

    // Due forecast: overdue cards count today. "state IN" reads the
    // (state, due) index for the next 30 days only; retired notes are few,
    // so a list of them beats joining every card to its note.
    const QString notRetired =
        QStringLiteral("c.note_id NOT IN (SELECT id FROM notes WHERE retired = 1)");
    s.dueForecast.fill(0, CardStatistics::kForecastDays);
    if (!detail::exec(
            q,
            QStringLiteral("SELECT max(0, c.due / %1 - ?) AS day, count(*) FROM cards c "
                           "WHERE c.state IN (1, 2, 3) AND c.due < ? AND c.suspended = 0 "
                           "AND %2%3 GROUP BY day")
                .arg(kDaySecs)
                .arg(notRetired, deckId ? QStringLiteral(" AND c.deck_id = ?") : QString()),
            withDeck({todayNumber, (todayNumber + CardStatistics::kForecastDays) * kDaySecs})))
        return failed(q.lastError().text());
    while (q.next()) {
        const qint64 day = q.value(0).toLongLong();
        if (day >= 0 && day < CardStatistics::kForecastDays)
            s.dueForecast[int(day)] += q.value(1).toInt();
    }

    // True retention by the interval the card had when it was answered.
    for (const Bucket &b : kBuckets)
        s.retention.append({b.min, b.max, 0, 0});
    if (!detail::exec(q,
                      QStringLiteral("SELECT r.before_scheduled_days, count(*), "
                                     "total(r.rating > 1) FROM revlog r%1 WHERE r.before_state "
                                     "= 2%2 GROUP BY r.before_scheduled_days")
                          .arg(deckJoin, deckWhere),
                      withDeck({})))
        return failed(q.lastError().text());
    while (q.next()) {
        RetentionBucket &b = s.retention[bucketOf(q.value(0).toInt())];
        b.reviews += q.value(1).toInt();
        b.passed += int(q.value(2).toLongLong());
    }

    // Card states, each card counted once, in the order CardStateCounts gives.
    if (!detail::exec(q,
                      QStringLiteral("SELECT CASE WHEN c.note_id IN (SELECT id FROM notes WHERE "
                                     "retired = 1) THEN -3 WHEN c.suspended = 1 THEN -2 WHEN "
                                     "c.buried_until > ? THEN -1 ELSE c.state END AS kind, "
                                     "count(*) FROM cards c%1 GROUP BY kind")
                          .arg(deckId ? QStringLiteral(" WHERE c.deck_id = ?") : QString()),
                      withDeck({utc.toSecsSinceEpoch()})))
        return failed(q.lastError().text());
    while (q.next()) {
        const int count = q.value(1).toInt();
        switch (q.value(0).toInt()) {
        case -3:
            s.states.retired = count;
            break;
        case -2:
            s.states.suspended = count;
            break;
        case -1:
            s.states.buried = count;
            break;
        case int(srs::State::New):
            s.states.newCards = count;
            break;
        case int(srs::State::Learning):
            s.states.learning = count;
            break;
        case int(srs::State::Review):
            s.states.review = count;
            break;
        case int(srs::State::Relearning):
            s.states.relearning = count;
            break;
        default:
            break;
        }
    }
    return s;
}

} // namespace sds::cards
