// The card browser's side of the collection on real SQLite files: the
// search language, filtering by text, tag, deck and state in SQL, sorting,
// and the rows the browser shows. Expected ids come from the notes the test
// itself added, filtered in C++.
#include "core/cards/browse.h"
#include "core/cards/collection.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace sds::cards;
using sds::srs::Rating;
using sds::srs::State;

namespace {

const QDateTime kNow(QDate(2030, 3, 10), QTime(12, 0), Qt::UTC);

struct Added {
    qint64 id = 0;
    qint64 deckId = 0;
    NewNote note;
};

QSet<qint64> idsOf(const QList<qint64> &ids)
{
    return QSet<qint64>(ids.cbegin(), ids.cend());
}

} // namespace

class TstCardBrowse : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Collection m_c;
    qint64 m_system = 0;
    qint64 m_child = 0;
    qint64 m_ood = 0;
    QList<Added> m_added;

    QSet<qint64> expected(const std::function<bool(const Added &)> &keep) const
    {
        QSet<qint64> out;
        for (const Added &a : m_added) {
            if (keep(a))
                out.insert(a.id);
        }
        return out;
    }

    QList<qint64> find(const QString &text, std::optional<qint64> deck = {},
                       std::optional<CardFilter> filter = {})
    {
        QString error;
        const auto terms = parseCardSearch(text, &error);
        if (!terms) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        CardSearch s;
        s.terms = *terms;
        s.deckId = deck;
        s.filter = filter;
        return m_c.findCards(s, kNow).value_or(QList<qint64>{});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_c.open(m_dir.filePath(QStringLiteral("cards.sqlite"))));
        m_system = *m_c.addDeck(QStringLiteral("System design"));
        m_child = *m_c.addDeck(QStringLiteral("System design::Caching"));
        m_ood = *m_c.addDeck(QStringLiteral("OO design"));
        const struct {
            qint64 deck;
            const char *front;
            const char *back;
            const char *tags;
            CardFormat format;
        } rows[] = {
            {m_system, "What does a CDN cache?", "Static files near users", "cdn network",
             CardFormat::Plain},
            {m_child, "Write-behind **cache** risk", "Data lost on crash", "caching",
             CardFormat::Plain},
            {m_child, "<div>Cache <b>aside</b> &amp; TTL</div>", "<i>lazy</i> loading",
             "caching::patterns", CardFormat::Html},
            {m_system, "Sharding splits data", "by a key; 100% of rows move on a reshard?",
             "database", CardFormat::Plain},
            {m_system, "Replication lag", "reads may be stale (1000 ms)", "database",
             CardFormat::Plain},
            {m_ood, "Parking lot classes", "Lot, Level, Spot", "ood", CardFormat::Plain},
            {m_ood, "Call center escalation", "Respondent then manager", "ood caching_not",
             CardFormat::Plain},
        };
        QList<NewNote> notes;
        for (const auto &r : rows) {
            NewNote n;
            n.deckId = r.deck;
            n.front = QString::fromUtf8(r.front);
            n.back = QString::fromUtf8(r.back);
            n.tags = QString::fromUtf8(r.tags).split(u' ');
            n.format = r.format;
            notes.append(n);
        }
        const auto ids = m_c.addNotes(notes);
        QVERIFY(ids);
        for (int i = 0; i < notes.size(); ++i)
            m_added.append({ids->at(i), notes[i].deckId, notes[i]});
        // States: card 0 reviewed to Review, card 1 into Learning, card 3
        // suspended, card 4 buried, the rest New.
        QVERIFY(m_c.answer(m_added[0].id, Rating::Easy, kNow.addDays(-20), 1000));
        QVERIFY(m_c.answer(m_added[1].id, Rating::Good, kNow.addSecs(-60), 1000));
        QVERIFY(m_c.setSuspended(m_added[3].id, true));
        QVERIFY(m_c.buryUntilTomorrow(m_added[4].id, kNow));
        QCOMPARE(m_c.card(m_added[0].id)->schedule.state, State::Review);
        QCOMPARE(m_c.card(m_added[1].id)->schedule.state, State::Learning);
    }

    void parsesTerms()
    {
        QString error;
        const auto terms = parseCardSearch(
            QStringLiteral(" cache  -tag:ood deck:\"System design\" is:Due \"write behind\" -x"),
            &error);
        QVERIFY2(terms, qPrintable(error));
        QCOMPARE(terms->size(), 6);
        QCOMPARE(terms->at(0).kind, SearchTerm::Kind::Text);
        QCOMPARE(terms->at(0).value, QStringLiteral("cache"));
        QCOMPARE(terms->at(1).kind, SearchTerm::Kind::Tag);
        QVERIFY(terms->at(1).negated);
        QCOMPARE(terms->at(2).kind, SearchTerm::Kind::Deck);
        QCOMPARE(terms->at(2).value, QStringLiteral("System design"));
        QCOMPARE(terms->at(3).kind, SearchTerm::Kind::Is);
        QCOMPARE(terms->at(3).filter, CardFilter::Due);
        QCOMPARE(terms->at(4).value, QStringLiteral("write behind"));
        QVERIFY(!terms->at(4).negated);
        QVERIFY(terms->at(5).negated);
        QVERIFY(parseCardSearch(QStringLiteral("   "), &error)->isEmpty());
        // In quotes a prefix is text.
        QCOMPARE(parseCardSearch(QStringLiteral("\"tag:x\""), &error)->first().kind,
                 SearchTerm::Kind::Text);
    }

    void badSearchesSayWhy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unclosed quote")
            << QStringLiteral("deck:\"System") << QStringLiteral("quote");
        QTest::newRow("empty tag") << QStringLiteral("cache tag:") << QStringLiteral("tag:");
        QTest::newRow("empty deck") << QStringLiteral("deck:\"\"") << QStringLiteral("deck:");
        QTest::newRow("unknown state")
            << QStringLiteral("is:forgotten") << QStringLiteral("is:new");
    }

    void badSearchesSayWhy()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!parseCardSearch(text, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void filtersByText()
    {
        const auto contains = [](const QString &word) {
            return [word](const Added &a) {
                return a.note.front.contains(word, Qt::CaseInsensitive) ||
                       a.note.back.contains(word, Qt::CaseInsensitive);
            };
        };
        QCOMPARE(idsOf(find(QStringLiteral("CACHE"))), expected(contains(QStringLiteral("cache"))));
        QCOMPARE(find(QStringLiteral("cache")).size(), 3);
        // Words are ANDed; a phrase is one piece of text.
        QCOMPARE(idsOf(find(QStringLiteral("cache risk"))), expected([&](const Added &a) {
                     return contains(QStringLiteral("cache"))(a) &&
                            contains(QStringLiteral("risk"))(a);
                 }));
        QVERIFY(find(QStringLiteral("\"risk cache\"")).isEmpty());
        // LIKE's own wildcards are literal; * is ours.
        QCOMPARE(idsOf(find(QStringLiteral("100%"))), expected(contains(QStringLiteral("100%"))));
        QCOMPARE(find(QStringLiteral("100%")).size(), 1);
        QCOMPARE(idsOf(find(QStringLiteral("shard*data"))), QSet<qint64>{m_added[3].id});
        QCOMPARE(idsOf(find(QStringLiteral("-cache"))),
                 expected([&](const Added &a) { return !contains(QStringLiteral("cache"))(a); }));
    }

    void filtersByTagAndDeck()
    {
        const auto hasTag = [](const QString &tag) {
            return [tag](const Added &a) {
                for (const QString &t : a.note.tags) {
                    if (t.compare(tag, Qt::CaseInsensitive) == 0 ||
                        t.startsWith(tag + QStringLiteral("::"), Qt::CaseInsensitive))
                        return true;
                }
                return false;
            };
        };
        // tag:caching matches caching and caching::patterns, not caching_not.
        QCOMPARE(idsOf(find(QStringLiteral("tag:Caching"))),
                 expected(hasTag(QStringLiteral("caching"))));
        QCOMPARE(find(QStringLiteral("tag:caching")).size(), 2);
        QCOMPARE(idsOf(find(QStringLiteral("tag:database"))),
                 expected(hasTag(QStringLiteral("database"))));
        QCOMPARE(idsOf(find(QStringLiteral("tag:caching*"))).size(), 3);
        // deck:"System design" takes its child deck too; the id filter does not.
        QCOMPARE(idsOf(find(QStringLiteral("deck:\"system design\""))),
                 expected([&](const Added &a) { return a.deckId != m_ood; }));
        QCOMPARE(idsOf(find(QString(), m_system)),
                 expected([&](const Added &a) { return a.deckId == m_system; }));
        QCOMPARE(idsOf(find(QStringLiteral("cache"), m_child)),
                 expected([&](const Added &a) { return a.deckId == m_child; }));
        QCOMPARE(idsOf(find(QStringLiteral("-deck:ood* tag:database"))),
                 expected(hasTag(QStringLiteral("database"))));
    }

    void filtersByState()
    {
        const QSet<qint64> all = expected([](const Added &) { return true; });
        QCOMPARE(idsOf(find(QStringLiteral("is:review"))), QSet<qint64>{m_added[0].id});
        QCOMPARE(idsOf(find(QStringLiteral("is:learning"))), QSet<qint64>{m_added[1].id});
        QCOMPARE(idsOf(find(QStringLiteral("is:suspended"))), QSet<qint64>{m_added[3].id});
        QCOMPARE(idsOf(find(QStringLiteral("is:buried"))), QSet<qint64>{m_added[4].id});
        const QSet<qint64> started{m_added[0].id, m_added[1].id};
        QCOMPARE(idsOf(find(QStringLiteral("is:new"))), all - started);
        QCOMPARE(idsOf(find(QString(), {}, CardFilter::New)),
                 idsOf(find(QStringLiteral("is:new"))));
        QCOMPARE(idsOf(find(QStringLiteral("-is:new -is:review"))), QSet<qint64>{m_added[1].id});
        const QSet<qint64> due = expected([&](const Added &a) {
            const auto card = m_c.card(a.id);
            return card->schedule.state != State::New && card->schedule.due <= kNow;
        });
        QCOMPARE(idsOf(find(QStringLiteral("is:due"))), due);
        // The learning card's next step is minutes away.
        QVERIFY(!due.contains(m_added[1].id));
        QVERIFY(find(QStringLiteral("is:relearning")).isEmpty());
        QVERIFY(find(QStringLiteral("is:retired")).isEmpty());
    }

    void sortsEachColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        for (int c = 0; c <= int(BrowseColumn::Added); ++c) {
            QTest::addRow("column %d up", c) << c << false;
            QTest::addRow("column %d down", c) << c << true;
        }
    }

    void sortsEachColumn()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        CardSearch s;
        s.sortBy = BrowseColumn(column);
        s.descending = descending;
        const auto ids = m_c.findCards(s, kNow);
        QVERIFY(ids);
        QCOMPARE(idsOf(*ids), expected([](const Added &) { return true; }));
        const QList<BrowseRow> rows = m_c.browseRows(*ids, kNow);
        QCOMPARE(rows.size(), ids->size());
        QHash<qint64, QString> rawFront;
        for (const Added &a : m_added)
            rawFront.insert(a.id, a.note.front);
        // The key each row must be ordered by, as a string or a number.
        const auto key = [&](const BrowseRow &r) -> QVariant {
            switch (BrowseColumn(column)) {
            case BrowseColumn::Front:
                return rawFront.value(r.cardId).toLower();
            case BrowseColumn::Deck:
                return r.deck.toLower();
            case BrowseColumn::Tags:
                return r.tags.join(u' ').toLower();
            case BrowseColumn::State:
                return int(r.state);
            case BrowseColumn::Due:
                return (r.state == State::New ? 1LL << 40 : 0) + r.due.toSecsSinceEpoch();
            case BrowseColumn::Interval:
                return r.intervalDays;
            case BrowseColumn::Reps:
                return r.reps;
            case BrowseColumn::Lapses:
                return r.lapses;
            case BrowseColumn::Added:
                return r.cardId;
            }
            return {};
        };
        for (int i = 1; i < rows.size(); ++i) {
            const QVariant a = key(rows[i - 1]), b = key(rows[i]);
            const auto order = QVariant::compare(a, b);
            const bool tieOk = order == QPartialOrdering::Equivalent &&
                               (descending ? rows[i - 1].cardId > rows[i].cardId
                                           : rows[i - 1].cardId < rows[i].cardId);
            const bool ok =
                descending ? order == QPartialOrdering::Greater : order == QPartialOrdering::Less;
            QVERIFY2(
                ok || tieOk,
                qPrintable(
                    QStringLiteral("row %1: %2 then %3").arg(i).arg(a.toString(), b.toString())));
        }
    }

    void rowsCarryWhatTheBrowserShows()
    {
        // Asked out of order, with an id that does not exist.
        const QList<BrowseRow> rows =
            m_c.browseRows({m_added[2].id, 999999, m_added[0].id, m_added[4].id}, kNow);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].cardId, m_added[2].id);
        QCOMPARE(rows[0].front, QStringLiteral("Cache aside & TTL"));
        QCOMPARE(rows[0].deck, QStringLiteral("System design::Caching"));
        QCOMPARE(rows[0].tags, QStringList{QStringLiteral("caching::patterns")});
        QCOMPARE(rows[1].cardId, m_added[0].id);
        const auto card = m_c.card(m_added[0].id);
        QCOMPARE(rows[1].state, State::Review);
        QCOMPARE(rows[1].due, card->schedule.due);
        QCOMPARE(rows[1].intervalDays, card->schedule.scheduledDays);
        QVERIFY(rows[1].intervalDays > 0);
        QCOMPARE(rows[1].reps, 1);
        QVERIFY(!rows[1].buried);
        QVERIFY(rows[2].buried);
        QVERIFY(!m_c.browseRows({m_added[4].id}, kNow.addDays(1)).first().buried);
        QCOMPARE(m_c.browseRows({m_added[1].id}, kNow).first().front,
                 QStringLiteral("Write-behind cache risk"));
    }

    void plainText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("html");
        QTest::addColumn<QString>("plain");
        QTest::newRow("plain marks") << QStringLiteral("A **bold** `code`\nline") << false
                                     << QStringLiteral("A bold code line");
        QTest::newRow("html blocks") << QStringLiteral("<div>one</div><div>two<br>three</div>")
                                     << true << QStringLiteral("one two three");
        QTest::newRow("html entities") << QStringLiteral("a &lt;b&gt; &#65;&#x42; &nbsp;&unknown;")
                                       << true << QStringLiteral("a <b> AB &unknown;");
        QTest::newRow("html hidden") << QStringLiteral("<style>p{}</style><script>x()</script>"
                                                       "<!-- note -->shown")
                                     << true << QStringLiteral("shown");
    }

    void plainText()
    {
        QFETCH(QString, text);
        QFETCH(bool, html);
        QFETCH(QString, plain);
        QCOMPARE(cardPlainText(text, html), plain);
    }

    void closedCollectionSaysSo()
    {
        Collection closed;
        QVERIFY(!closed.findCards({}, kNow));
        QVERIFY(!closed.error().isEmpty());
        QVERIFY(closed.browseRows({1}, kNow).isEmpty());
        QVERIFY(!m_c.findCards({}, QDateTime()));
    }
};

QTEST_APPLESS_MAIN(TstCardBrowse)
#include "tst_cardbrowse.moc"
