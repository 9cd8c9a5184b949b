// The FSRS-6 scheduler against the reference implementation: every review of
// tests/data/srs/vectors.json (written by ts-fsrs through generate.mjs there)
// is replayed and each field of the card compared; then the rules around it:
// step strings, invalid settings, fuzz.
#include "core/srs/fsrs.h"
#include "core/srs/fsrsformulas.h"
#include "core/srs/fuzz.h"
#include "core/srs/srsjson.h"
#include "core/srs/srsparams.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <cmath>

using namespace sds::srs;

namespace {

// The reference rounds stability, difficulty and retrievability to 8
// decimals at every step, so agreeing libm's give identical numbers; this
// leaves room for a last-bit difference in exp, log or pow only.
constexpr double kRelTolerance = 1e-9;

double relativeDeviation(double actual, double expected)
{
    if (actual == expected)
        return 0.0;
    return std::abs(actual - expected) / std::max(std::abs(expected), 1e-300);
}

QDateTime utc(const char *iso)
{
    return *parseIsoUtc(QString::fromLatin1(iso));
}

QJsonObject loadVectors()
{
    QFile f(QStringLiteral(SDS_TEST_DATA_DIR "/srs/vectors.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestFsrs : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_vectors;
    double m_maxDeviation = 0;
    int m_reviewsChecked = 0;

    // Compares one card field by field with what ts-fsrs wrote; on the first
    // difference says which field and where.
    QString compare(const CardState &c, const QJsonObject &e, const QString &where, bool full)
    {
        const auto mismatch = [&](const char *field, const QString &got, const QString &want) {
            return QStringLiteral("%1: %2 is %3, reference %4")
                .arg(where, QLatin1String(field), got, want);
        };
        const QString state = e.value(u"state").toString();
        if (stateName(c.state) != state)
            return mismatch("state", stateName(c.state), state);
        for (const auto &[field, value] :
             {std::pair{"stability", c.stability}, std::pair{"difficulty", c.difficulty}}) {
            const double want = e.value(QLatin1String(field)).toDouble();
            const double dev = relativeDeviation(value, want);
            m_maxDeviation = std::max(m_maxDeviation, dev);
            if (dev > kRelTolerance)
                return mismatch(field, QString::number(value, 'g', 17),
                                QString::number(want, 'g', 17));
        }
        const QString due = e.value(u"due").toString();
        if (isoUtc(c.due) != due)
            return mismatch("due", isoUtc(c.due), due);
        const std::pair<const char *, int> ints[] = {
            {"scheduled_days", c.scheduledDays},
            {"reps", c.reps},
            {"lapses", c.lapses},
            {"elapsed_days", c.elapsedDays},
            {"learning_steps", c.learningSteps},
        };
        for (const auto &[field, value] : ints) {
            if (!full && QByteArrayView(field) == "elapsed_days")
                continue;
            const int want = e.value(QLatin1String(field)).toInt(-1);
            if (value != want)
                return mismatch(field, QString::number(value), QString::number(want));
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        m_vectors = loadVectors();
        QVERIFY2(!m_vectors.isEmpty(), "tests/data/srs/vectors.json is missing or not JSON");
        QVERIFY(m_vectors.value(u"histories").toArray().size() >= 300);
    }

    void cleanupTestCase()
    {
        qInfo("%d reviews compared with ts-fsrs; largest relative deviation %.3g", m_reviewsChecked,
              m_maxDeviation);
    }

    void replaysReferenceHistories_data()
    {
        QTest::addColumn<QJsonObject>("history");
        const QJsonArray histories = m_vectors.value(u"histories").toArray();
        for (const QJsonValue &h : histories) {
            const QJsonObject o = h.toObject();
            QTest::newRow(qPrintable(o.value(u"name").toString())) << o;
        }
    }

    void replaysReferenceHistories()
    {
        QFETCH(QJsonObject, history);
        QString error;
        const std::optional<ReplayInput> in = replayInputFromJson(history, &error);
        QVERIFY2(in, qPrintable(error));
        const QJsonArray expected = history.value(u"expected").toArray();
        QCOMPARE(in->reviews.size(), expected.size());

        CardState card = newCard(in->created);
        QCOMPARE(card.state, State::New);
        for (qsizetype i = 0; i < in->reviews.size(); ++i) {
            const ReviewEvent &r = in->reviews[i];
            const QJsonObject want = expected[i].toObject();
            const QString where = QStringLiteral("review %1 (%2, rating %3)")
                                      .arg(i)
                                      .arg(isoUtc(r.time))
                                      .arg(int(r.rating));

            // The four outcomes, where the reference listed them, then the one taken.
            const QJsonArray outcomes = want.value(u"preview").toArray();
            if (!outcomes.isEmpty()) {
                const std::array<CardState, 4> all = preview(card, r.time, in->params);
                for (int g = 0; g < 4; ++g) {
                    const QString problem =
                        compare(all[std::size_t(g)], outcomes[g].toObject(),
                                where + QStringLiteral(", preview of rating %1").arg(g + 1), true);
                    QVERIFY2(problem.isEmpty(), qPrintable(problem));
                }
            }

            card = review(card, r.rating, r.time, in->params);
            const QString problem = compare(card, want, where, true);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QCOMPARE(card.lastReview, r.time);
            ++m_reviewsChecked;

            const QJsonObject recall = want.value(u"retrievability").toObject();
            if (!recall.isEmpty()) {
                const QDateTime at = *parseIsoUtc(recall.value(u"at").toString());
                const double r = retrievability(card, at, in->params);
                const double ref = recall.value(u"value").toDouble();
                const double dev = relativeDeviation(r, ref);
                m_maxDeviation = std::max(m_maxDeviation, dev);
                QVERIFY2(dev <= kRelTolerance,
                         qPrintable(QStringLiteral("%1: retrievability at %2 is %3, reference %4")
                                        .arg(where, isoUtc(at))
                                        .arg(r, 0, 'g', 17)
                                        .arg(ref, 0, 'g', 17)));
            }
        }

        // The replay helper the command line uses must agree with the loop above.
        const QList<CardState> replayed = replay(*in);
        QCOMPARE(replayed.size(), in->reviews.size());
        QCOMPARE(replayed.last().stability, card.stability);
        QCOMPARE(replayed.last().due, card.due);
    }

    void fuzzRangesMatchReference()
    {
        const QJsonArray ranges = m_vectors.value(u"fuzz_ranges").toArray();
        QVERIFY(ranges.size() >= 100);
        for (const QJsonValue &v : ranges) {
            const QJsonObject o = v.toObject();
            const double interval = o.value(u"interval").toDouble();
            const int elapsed = o.value(u"elapsed_days").toInt();
            const int maximum = o.value(u"maximum_interval").toInt();
            const FuzzRange r = fuzzRange(interval, elapsed, maximum);
            const QString where = QStringLiteral("interval %1, elapsed %2, maximum %3")
                                      .arg(interval)
                                      .arg(elapsed)
                                      .arg(maximum);
            QVERIFY2(r.min == o.value(u"min").toInt(), qPrintable(where));
            QVERIFY2(r.max == o.value(u"max").toInt(), qPrintable(where));
        }
    }

    void defaultsAreFsrs6()
    {
        const SchedulerParams p;
        QCOMPARE(p.weights.size(), std::size_t(21));
        QCOMPARE(p.weights[20], 0.1542);
        QCOMPARE(p.requestRetention, 0.9);
        QCOMPARE(p.maximumInterval, 36500);
        QVERIFY(p.enableShortTerm);
        QVERIFY(!p.enableFuzz);
        QCOMPARE(p.learningSteps, (QList<int>{1, 10}));
        QCOMPARE(p.relearningSteps, (QList<int>{10}));
        QVERIFY(checkParams(p).isEmpty());
    }

    void stabilityIsTheNinetyPercentPoint_data()
    {
        QTest::addColumn<double>("decay");
        QTest::newRow("FSRS-6 default") << 0.1542;
        QTest::newRow("FSRS-5") << 0.5;
        QTest::newRow("lowest") << 0.1;
        QTest::newRow("highest") << 0.8;
    }

    void stabilityIsTheNinetyPercentPoint()
    {
        // Whatever the decay, recall has fallen to 90 % after `stability` days.
        QFETCH(double, decay);
        for (double s : {0.5, 1.0, 3.7, 25.0, 400.0}) {
            QVERIFY(std::abs(forgettingCurve(decay, s, s) - 0.9) < 1e-7);
            QCOMPARE(forgettingCurve(decay, 0, s), 1.0);
            QVERIFY(forgettingCurve(decay, 2 * s, s) < forgettingCurve(decay, s, s));
        }
    }

    void elapsedDaysCountCalendarDays()
    {
        // Two minutes apart across midnight UTC is a day; 23 hours within one date is not.
        QCOMPARE(calendarDaysBetween(utc("2024-03-01T23:59:00Z"), utc("2024-03-02T00:01:00Z")), 1);
        QCOMPARE(calendarDaysBetween(utc("2024-03-01T00:30:00Z"), utc("2024-03-01T23:30:00Z")), 0);
        QCOMPARE(calendarDaysBetween(utc("2024-03-01T22:00:00-05:00"), utc("2024-03-02T01:00:00Z")),
                 0);
        const SchedulerParams p;
        CardState c = review(newCard(utc("2024-03-01T00:00:00Z")), Rating::Easy,
                             utc("2024-03-01T23:59:00Z"), p);
        c = review(c, Rating::Good, utc("2024-03-02T00:01:00Z"), p);
        QCOMPARE(c.elapsedDays, 1);
        // Retrievability counts whole 24-hour days instead, as ts-fsrs does.
        QCOMPARE(retrievability(c, utc("2024-03-02T23:00:00Z"), p), 1.0);
        QVERIFY(retrievability(c, utc("2024-03-03T00:02:00Z"), p) < 1.0);
        QCOMPARE(
            retrievability(newCard(utc("2024-03-01T00:00:00Z")), utc("2024-05-01T00:00:00Z"), p),
            0.0);
    }

    void stepStrings_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<QString>("error");
        QTest::newRow("minutes") << QStringLiteral("10m") << 10 << QString();
        QTest::newRow("hours") << QStringLiteral("1h") << 60 << QString();
        QTest::newRow("days") << QStringLiteral("2d") << 2880 << QString();
        QTest::newRow("zero") << QStringLiteral("0m") << 0 << QString();
        QTest::newRow("empty") << QString() << -1 << QStringLiteral("is not a step");
        QTest::newRow("unit only") << QStringLiteral("m") << -1 << QStringLiteral("is not a step");
        QTest::newRow("no unit") << QStringLiteral("10") << -1 << QStringLiteral("has no unit");
        QTest::newRow("seconds") << QStringLiteral("30s") << -1 << QStringLiteral("has no unit");
        QTest::newRow("fraction") << QStringLiteral("1.5h") << -1
                                  << QStringLiteral("not a whole number");
        QTest::newRow("negative") << QStringLiteral("-5m") << -1
                                  << QStringLiteral("not a whole number");
        QTest::newRow("space") << QStringLiteral("5 m") << -1
                               << QStringLiteral("not a whole number");
        QTest::newRow("too long") << QStringLiteral("40000d") << -1
                                  << QStringLiteral("longer than 100 years");
        QTest::newRow("huge") << QStringLiteral("99999999999999999999999m") << -1
                              << QStringLiteral("longer than 100 years");
    }

    void stepStrings()
    {
        QFETCH(QString, step);
        QFETCH(int, minutes);
        QFETCH(QString, error);
        QString why;
        const std::optional<int> m = parseStep(step, &why);
        if (error.isEmpty()) {
            QVERIFY2(m, qPrintable(why));
            QCOMPARE(*m, minutes);
        } else {
            QVERIFY(!m);
            QVERIFY2(why.contains(error), qPrintable(why));
            QVERIFY2(why.contains(QLatin1Char('\'') + step + QLatin1Char('\'')), qPrintable(why));
        }
    }

    void stepListNamesTheBadStep()
    {
        QString why;
        QCOMPARE(
            parseSteps({QStringLiteral("1m"), QStringLiteral("10m"), QStringLiteral("1h")}, &why),
            (QList<int>{1, 10, 60}));
        QVERIFY(!parseSteps({QStringLiteral("1m"), QStringLiteral("ten")}, &why));
        QVERIFY2(why.startsWith(QStringLiteral("step 2: 'ten'")), qPrintable(why));
        QCOMPARE(parseSteps({}, &why), QList<int>{});
    }

    void invalidSettingsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("19 weights")
            << QByteArray(R"({"parameters": [1,2,3,4,5,6,7,8,9,10,11,12,
            13,14,15,16,17,18,19]})")
            << QStringLiteral("parameters: expected 21 weights (FSRS-6), got 19");
        QTest::newRow("22 weights") << QByteArray(R"({"parameters": [1,2,3,4,5,6,7,8,9,10,11,12,
            13,14,15,16,17,18,19,20,21,22]})")
                                    << QStringLiteral("got 22");
        QTest::newRow("weight not a number")
            << QByteArray(
                   R"({"parameters": [1,2,3,4,5,6,7,8,9,10,"x",12,13,14,15,16,17,18,19,20,21]})")
            << QStringLiteral("parameters[10] must be a number");
        QTest::newRow("weights not a list")
            << QByteArray(R"({"parameters": 3})") << QStringLiteral("parameters must be a list");
        QTest::newRow("retention 0") << QByteArray(R"({"request_retention": 0})")
                                     << QStringLiteral("request_retention must be between 0 and 1");
        QTest::newRow("retention 1") << QByteArray(R"({"request_retention": 1})")
                                     << QStringLiteral("request_retention must be between 0 and 1");
        QTest::newRow("retention 1.2")
            << QByteArray(R"({"request_retention": 1.2})") << QStringLiteral("not 1.2");
        QTest::newRow("retention negative")
            << QByteArray(R"({"request_retention": -0.5})") << QStringLiteral("not -0.5");
        QTest::newRow("retention text") << QByteArray(R"({"request_retention": "0.9"})")
                                        << QStringLiteral("request_retention must be a number");
        QTest::newRow("negative maximum") << QByteArray(R"({"maximum_interval": -5})")
                                          << QStringLiteral("maximum_interval must be at least 1");
        QTest::newRow("zero maximum") << QByteArray(R"({"maximum_interval": 0})")
                                      << QStringLiteral("maximum_interval must be at least 1");
        QTest::newRow("fractional maximum") << QByteArray(R"({"maximum_interval": 10.5})")
                                            << QStringLiteral("maximum_interval must be a whole");
        QTest::newRow("short-term not bool") << QByteArray(R"({"enable_short_term": 1})")
                                             << QStringLiteral("enable_short_term must be true");
        QTest::newRow("bad learning step") << QByteArray(R"({"learning_steps": ["1m", "10x"]})")
                                           << QStringLiteral("learning_steps: step 2: '10x'");
        QTest::newRow("learning step number") << QByteArray(R"({"learning_steps": [1, 10]})")
                                              << QStringLiteral("learning_steps[0] must be a step");
        QTest::newRow("bad relearning step") << QByteArray(R"({"relearning_steps": "1w"})")
                                             << QStringLiteral("relearning_steps: step 1: '1w'");
    }

    void invalidSettingsAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString why;
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        QVERIFY(!o.isEmpty());
        QVERIFY(!paramsFromJson(o, &why));
        QVERIFY2(why.contains(error), qPrintable(why));
    }

    void settingsFromJson()
    {
        QString why;
        const std::optional<SchedulerParams> p = paramsFromJson(
            QJsonDocument::fromJson(R"({"request_retention": 0.85, "maximum_interval": 180,
                "enable_short_term": false, "learning_steps": "1h",
                "relearning_steps": ["5m", "1d"], "parameters": null})")
                .object(),
            &why);
        QVERIFY2(p, qPrintable(why));
        QCOMPARE(p->requestRetention, 0.85);
        QCOMPARE(p->maximumInterval, 180);
        QVERIFY(!p->enableShortTerm);
        QCOMPARE(p->learningSteps, QList<int>{60});
        QCOMPARE(p->relearningSteps, (QList<int>{5, 1440}));
        QCOMPARE(p->weights, kDefaultWeights);
    }

    void checkParamsOnTheStruct()
    {
        SchedulerParams p;
        p.weights[3] = std::nan("");
        QVERIFY(checkParams(p).contains(QStringLiteral("w3 is not a finite number")));
        p = {};
        p.maximumInterval = -1;
        QVERIFY(checkParams(p).startsWith(QStringLiteral("maximum_interval")));
        p = {};
        p.relearningSteps = {10, -3};
        QVERIFY(checkParams(p).startsWith(QStringLiteral("relearning_steps: step 2")));
        QString why;
        QVERIFY(!weightsFromList(QList<double>(21, 1.0).mid(1), &why));
        QVERIFY(why.contains(QStringLiteral("got 20")));
        QList<double> w(kDefaultWeights.begin(), kDefaultWeights.end());
        w[7] = std::numeric_limits<double>::infinity();
        QVERIFY(!weightsFromList(w, &why));
        QVERIFY(why.contains(QStringLiteral("w7")));
    }

    void replayInputChecksReviews_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{\"reviews\": [")
                                  << QStringLiteral("not valid JSON");
        QTest::newRow("array at top")
            << QByteArray("[]") << QStringLiteral("expected a JSON object");
        QTest::newRow("no reviews") << QByteArray("{}") << QStringLiteral("reviews must be a list");
        QTest::newRow("rating 5")
            << QByteArray(R"({"reviews": [{"time": "2024-01-01T00:00:00Z", "rating": 5}]})")
            << QStringLiteral("reviews[0].rating must be 1 (Again)");
        QTest::newRow("rating 0")
            << QByteArray(R"({"reviews": [{"time": "2024-01-01T00:00:00Z", "rating": 0}]})")
            << QStringLiteral("not 0");
        QTest::newRow("rating text")
            << QByteArray(R"({"reviews": [{"time": "2024-01-01T00:00:00Z", "rating": "Good"}]})")
            << QStringLiteral("reviews[0].rating");
        QTest::newRow("rating fraction")
            << QByteArray(R"({"reviews": [{"time": "2024-01-01T00:00:00Z", "rating": 2.5}]})")
            << QStringLiteral("not 2.5");
        QTest::newRow("no zone")
            << QByteArray(R"({"reviews": [{"time": "2024-01-01T00:00:00", "rating": 3}]})")
            << QStringLiteral("reviews[0].time must be an ISO 8601 time with a zone");
        QTest::newRow("bad time") << QByteArray(
                                         R"({"reviews": [{"time": "yesterday", "rating": 3}]})")
                                  << QStringLiteral("reviews[0].time");
        QTest::newRow("out of order")
            << QByteArray(R"({"reviews": [{"time": "2024-01-02T00:00:00Z", "rating": 3},
                {"time": "2024-01-01T00:00:00Z", "rating": 3}]})")
            << QStringLiteral("reviews[1].time 2024-01-01T00:00:00.000Z is earlier than "
                              "reviews[0].time");
        QTest::newRow("before created") << QByteArray(R"({"created": "2024-02-01T00:00:00Z",
                "reviews": [{"time": "2024-01-01T00:00:00Z", "rating": 3}]})")
                                        << QStringLiteral("earlier than created");
    }

    void replayInputChecksReviews()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString why;
        QVERIFY(!parseReplayInput(json, &why));
        QVERIFY2(why.contains(error), qPrintable(why));
    }

    void replayInputWarnsOfUnknownKeys()
    {
        QString why;
        const std::optional<ReplayInput> in = parseReplayInput(
            R"({"request_retension": 0.8, "reviews": [{"time": "2024-01-01T10:00:00+02:00",
                "rating": 3}]})",
            &why);
        QVERIFY2(in, qPrintable(why));
        QCOMPARE(in->warnings,
                 QStringList{QStringLiteral("unknown key 'request_retension' ignored")});
        QCOMPARE(in->params.requestRetention, 0.9);
        QCOMPARE(isoUtc(in->reviews.first().time), QStringLiteral("2024-01-01T08:00:00.000Z"));
    }

    // The optimiser fits with the same formulas unrounded (NoRound); they may
    // differ from the scheduler's only by the 8-decimal rounding, so the
    // reference histories above vouch for them too.
    void unroundedFormulasTrackTheRoundedOnes_data()
    {
        QTest::addColumn<bool>("shortTerm");
        QTest::addColumn<double>("decay");
        QTest::newRow("defaults") << true << kDefaultWeights[20];
        QTest::newRow("days only, steep curve") << false << 0.8;
    }
    void unroundedFormulasTrackTheRoundedOnes()
    {
        QFETCH(bool, shortTerm);
        QFETCH(double, decay);
        Weights w = kDefaultWeights;
        w[20] = decay;
        const detail::Fsrs6<double, detail::Round8> rounded(w, shortTerm);
        const detail::Fsrs6<double, detail::NoRound> smooth(w, shortTerm);
        // Each rounding moves a value by at most 5e-9; a few of them, scaled
        // by the formula, stay far below this.
        const auto close = [](double a, double b) {
            return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b));
        };
        int checked = 0;
        for (int g = 1; g <= 4; ++g) {
            QVERIFY(close(smooth.initDifficulty(g), rounded.initDifficulty(g)));
            QCOMPARE(smooth.initStability(g), rounded.initStability(g));
            for (const double d : {1.0, 3.3, 7.25, 10.0}) {
                QVERIFY(close(smooth.nextDifficulty(d, g), rounded.nextDifficulty(d, g)));
                for (const double s : {0.1, 2.5, 40.0, 3000.0}) {
                    for (const int days : {0, 1, 9, 400}) {
                        const double r = rounded.retrievability(days, s);
                        QVERIFY(close(smooth.retrievability(days, s), r));
                        QVERIFY2(close(smooth.nextStability(d, s, days, g, r),
                                       rounded.nextStability(d, s, days, g, r)),
                                 qPrintable(QStringLiteral("g %1, d %2, s %3, days %4")
                                                .arg(g)
                                                .arg(d)
                                                .arg(s)
                                                .arg(days)));
                        ++checked;
                    }
                }
            }
        }
        QCOMPARE(checked, 256);
        // R(S) = 0.9 whatever the decay, for both.
        QVERIFY(close(smooth.retrievability(40.0, 40.0), 0.9));
        QVERIFY(close(rounded.retrievability(40.0, 40.0), 0.9));
    }

    void fuzzStaysInTheReferenceRange()
    {
        for (int interval = 1; interval <= 3000; interval += interval < 60 ? 1 : 37) {
            for (int elapsed : {0, interval / 2, interval, interval * 2}) {
                for (int maximum : {36500, 365, 30}) {
                    const int capped = std::min(interval, maximum);
                    const FuzzRange range = fuzzRange(capped, elapsed, maximum);
                    QVERIFY(range.min <= range.max);
                    for (quint64 seed = 0; seed < 40; ++seed) {
                        const int f = fuzzedInterval(capped, elapsed, maximum,
                                                     fuzzFactor(fuzzSeed(seed, interval)));
                        if (capped < 2.5) {
                            QCOMPARE(f, capped);
                        } else {
                            QVERIFY2(f >= range.min && f <= range.max,
                                     qPrintable(QStringLiteral("%1 -> %2").arg(capped).arg(f)));
                        }
                    }
                }
            }
        }
        // The ends of the range are reachable.
        QCOMPARE(fuzzedInterval(100, 0, 36500, 0.0), fuzzRange(100, 0, 36500).min);
        QCOMPARE(fuzzedInterval(100, 0, 36500, 0.9999999999), fuzzRange(100, 0, 36500).max);
    }

    void fuzzFactorIsAUniformFunctionOfTheSeed()
    {
        double sum = 0;
        QSet<double> distinct;
        constexpr int n = 20000;
        for (quint64 seed = 0; seed < n; ++seed) {
            const double f = fuzzFactor(seed);
            QVERIFY(f >= 0.0 && f < 1.0);
            QCOMPARE(fuzzFactor(seed), f);
            sum += f;
            distinct.insert(f);
        }
        QCOMPARE(distinct.size(), n);
        QVERIFY(std::abs(sum / n - 0.5) < 0.01);
        QVERIFY(fuzzSeed(7, 3) != fuzzSeed(7, 4));
        QVERIFY(fuzzSeed(7, 3) != fuzzSeed(8, 3));
    }

    void fuzzedReviewsAreDeterministicAndSpread()
    {
        // A card in Review with a month-long Good interval, reviewed with fuzz on.
        SchedulerParams plain;
        CardState c = newCard(utc("2024-01-01T09:00:00Z"));
        for (int i = 0; i < 4; ++i)
            c = review(c, Rating::Good, i == 0 ? c.due : c.due.addSecs(600), plain);
        QCOMPARE(c.state, State::Review);
        const QDateTime when = c.due;
        const CardState unfuzzed = review(c, Rating::Good, when, plain);
        QVERIFY(unfuzzed.scheduledDays > 20);

        SchedulerParams fuzzy = plain;
        fuzzy.enableFuzz = true;
        const FuzzRange range =
            fuzzRange(unfuzzed.scheduledDays, unfuzzed.elapsedDays, fuzzy.maximumInterval);
        QSet<int> seen;
        for (quint64 card = 1; card <= 300; ++card) {
            const quint64 seed = fuzzSeed(card, c.reps + 1);
            const CardState a = review(c, Rating::Good, when, fuzzy, seed);
            const CardState b = review(c, Rating::Good, when, fuzzy, seed);
            QCOMPARE(a.scheduledDays, b.scheduledDays);
            QCOMPARE(a.due, b.due);
            // Fuzz moves the date only; the memory model is untouched.
            QCOMPARE(a.stability, unfuzzed.stability);
            QCOMPARE(a.difficulty, unfuzzed.difficulty);
            QVERIFY2(a.scheduledDays >= range.min && a.scheduledDays <= range.max,
                     qPrintable(QString::number(a.scheduledDays)));
            QCOMPARE(a.due, when.addDays(a.scheduledDays));
            seen.insert(a.scheduledDays);
            // Hard, Good and Easy keep their order under fuzz.
            const std::array<CardState, 4> all = preview(c, when, fuzzy, seed);
            QVERIFY(all[1].scheduledDays < all[2].scheduledDays);
            QVERIFY(all[2].scheduledDays < all[3].scheduledDays);
        }
        // 300 seeds over a range of several days: each day of it turns up.
        QCOMPARE(seen.size(), range.max - range.min + 1);
        QVERIFY(seen.size() >= 3);

        // Fuzz off, the seed is ignored.
        QCOMPARE(review(c, Rating::Good, when, plain, 1).due,
                 review(c, Rating::Good, when, plain, 2).due);
    }

    void fuzzOnGraduationUsesTheRange()
    {
        // Easy on a new card graduates straight to an interval in days.
        SchedulerParams p;
        p.learningSteps = {};
        p.weights[3] = 30.0; // initial stability after Easy: about a month
        const QDateTime t = utc("2024-06-01T12:00:00Z");
        const CardState unfuzzed = review(newCard(t), Rating::Easy, t, p);
        QCOMPARE(unfuzzed.state, State::Review);
        p.enableFuzz = true;
        const FuzzRange range = fuzzRange(unfuzzed.scheduledDays, 0, p.maximumInterval);
        QVERIFY(range.max > range.min);
        QSet<int> seen;
        for (quint64 seed = 0; seed < 200; ++seed) {
            const int days = review(newCard(t), Rating::Easy, t, p, seed).scheduledDays;
            QVERIFY(days >= range.min && days <= range.max);
            seen.insert(days);
        }
        QVERIFY(seen.size() > 1);
        // Under 2.5 days nothing moves.
        p.weights[3] = 1.0;
        for (quint64 seed = 0; seed < 50; ++seed)
            QCOMPARE(review(newCard(t), Rating::Easy, t, p, seed).scheduledDays, 1);
    }
};

QTEST_APPLESS_MAIN(TestFsrs)
#include "tst_fsrs.moc"
