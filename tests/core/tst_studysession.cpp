// A study session over a real cards.sqlite: the queue it serves, answers
// with the time shown, undo, bury, suspend, edits, counts and the tally.
#include "core/cards/studysession.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::cards;
using sds::srs::Rating;
using sds::srs::State;

namespace {

// Noon, so no test sits on the UTC day boundary the daily limits use.
const QDateTime kNow(QDate(2030, 3, 10), QTime(12, 0), Qt::UTC);

} // namespace

class TestStudySession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<Collection> m_c;
    qint64 m_deck = 0;
    qint64 m_other = 0;
    QList<qint64> m_cards; // m_deck's, in the order added (the order New cards are served)
    qint64 m_otherCard = 0;

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(QStringLiteral("cards.sqlite")));
        m_c.emplace();
        OpenOptions o;
        o.autoBackup = false;
        o.now = kNow;
        QVERIFY2(m_c->open(m_dir.filePath(QStringLiteral("cards.sqlite")), o),
                 qPrintable(m_c->error()));
        m_deck = *m_c->addDeck(QStringLiteral("Mine"));
        m_other = *m_c->addDeck(QStringLiteral("Other"));
        const auto note = [](qint64 deck, const QString &front, const QString &back) {
            NewNote n;
            n.deckId = deck;
            n.front = front;
            n.back = back;
            return n;
        };
        QList<NewNote> notes;
        for (int i = 1; i <= 3; ++i)
            notes.append(
                note(m_deck, QStringLiteral("front %1").arg(i), QStringLiteral("back %1").arg(i)));
        notes.append(note(m_other, QStringLiteral("elsewhere"), QStringLiteral("there")));
        const std::optional<QList<qint64>> ids = m_c->addNotes(notes);
        QVERIFY2(ids, qPrintable(m_c->error()));
        m_cards = ids->mid(0, 3);
        m_otherCard = ids->at(3);
    }

    void cleanup() { m_c.reset(); }

    void nextServesTheDeckInOrder()
    {
        StudySession s(*m_c, m_deck);
        QVERIFY(!s.current());
        QCOMPARE(s.next(kNow)->id, m_cards[0]);
        QCOMPARE(s.current()->front, QStringLiteral("front 1"));
        QVERIFY(!s.isAnswerShown());
        // All decks: the other deck's card is in the queue too.
        StudySession all(*m_c, std::nullopt);
        QSet<qint64> seen;
        while (all.next(kNow)) {
            seen.insert(all.current()->id);
            QVERIFY(all.showAnswer());
            QVERIFY(all.answer(Rating::Easy, kNow, 1000));
        }
        QCOMPARE(seen, QSet<qint64>({m_cards[0], m_cards[1], m_cards[2], m_otherCard}));
    }

    void anAnswerNeedsTheAnswerShown()
    {
        StudySession s(*m_c, m_deck);
        QVERIFY(!s.showAnswer()); // no card yet
        s.next(kNow);
        QVERIFY(!s.answer(Rating::Good, kNow, 1000));
        QVERIFY(m_c->reviewLog(m_cards[0]).isEmpty());
        QCOMPARE(s.reviewed(), 0);
        QVERIFY(s.showAnswer());
        QVERIFY(s.isAnswerShown());
        QVERIFY(s.answer(Rating::Good, kNow, 1000));
        QCOMPARE(m_c->reviewLog(m_cards[0]).size(), 1);
    }

    void answerRecordsTheTimeShownAndTheTally()
    {
        StudySession s(*m_c, m_deck);
        s.next(kNow);
        s.showAnswer();
        const auto preview = s.preview(kNow);
        QVERIFY(s.answer(Rating::Good, kNow, 1234));
        QCOMPARE(s.current()->id, m_cards[0]); // current until next()
        const auto log = m_c->reviewLog(m_cards[0]);
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().rating, Rating::Good);
        QCOMPARE(log.first().durationMs, 1234);
        // The label Good showed is what Good scheduled.
        QCOMPARE(m_c->card(m_cards[0])->schedule.due, preview[2].due);
        QCOMPARE(m_c->card(m_cards[0])->schedule.state, State::Learning);
        QCOMPARE(s.reviewed(), 1);
        QCOMPARE(s.correct(), 1);

        QCOMPARE(s.next(kNow)->id, m_cards[1]);
        QVERIFY(!s.isAnswerShown());
        s.showAnswer();
        // A card left on screen for hours records the cap, not the hours.
        QVERIFY(s.answer(Rating::Again, kNow, 5LL * 3600 * 1000));
        QCOMPARE(m_c->reviewLog(m_cards[1]).first().durationMs, int(StudySession::kMaxShownMs));
        QCOMPARE(s.reviewed(), 2);
        QCOMPARE(s.correct(), 1);
    }

    void theSessionEndsWhenNothingIsDue()
    {
        StudySession s(*m_c, m_other);
        s.next(kNow);
        s.showAnswer();
        QVERIFY(s.answer(Rating::Good, kNow, 1000));
        // Good on a new card: learning again in minutes, not now.
        QVERIFY(!s.next(kNow));
        QVERIFY(!s.current());
        QCOMPARE(s.counts(kNow).learningLater, 1);
        QCOMPARE(s.next(kNow.addSecs(3600))->id, m_otherCard);
    }

    void undoPutsTheCardBackAndTheTallyDown()
    {
        StudySession s(*m_c, m_deck);
        s.next(kNow);
        s.showAnswer();
        QVERIFY(s.answer(Rating::Good, kNow, 1000));
        s.next(kNow);
        s.showAnswer();
        QVERIFY(s.answer(Rating::Again, kNow, 1000));
        QCOMPARE(s.next(kNow)->id, m_cards[2]);
        QCOMPARE(s.reviewed(), 2);

        QVERIFY(s.undo());
        QCOMPARE(s.current()->id, m_cards[1]);
        QVERIFY(!s.isAnswerShown());
        QVERIFY(m_c->reviewLog(m_cards[1]).isEmpty());
        QCOMPARE(m_c->card(m_cards[1])->schedule.state, State::New);
        QCOMPARE(s.reviewed(), 1);
        QCOMPARE(s.correct(), 1); // the Again went, the Good stays
        QVERIFY(s.undo());
        QCOMPARE(s.current()->id, m_cards[0]);
        QCOMPARE(s.reviewed(), 0);
        QCOMPARE(s.correct(), 0);
        QVERIFY(!s.undo()); // nothing left to take back
        QCOMPARE(s.current()->id, m_cards[0]);
    }

    void undoReachesAnEarlierSessionWithoutTouchingThisTally()
    {
        {
            StudySession earlier(*m_c, m_deck);
            earlier.next(kNow);
            earlier.showAnswer();
            QVERIFY(earlier.answer(Rating::Hard, kNow, 1000));
        }
        StudySession s(*m_c, std::nullopt);
        QVERIFY(s.undo());
        QCOMPARE(s.current()->id, m_cards[0]);
        QVERIFY(m_c->reviewLog(m_cards[0]).isEmpty());
        QCOMPARE(s.reviewed(), 0);
    }

    void buryHidesTheCardUntilTomorrow()
    {
        StudySession s(*m_c, m_deck);
        s.next(kNow);
        QVERIFY(s.bury(kNow));
        QVERIFY(m_c->card(m_cards[0])->buriedUntil.isValid());
        QCOMPARE(s.counts(kNow).newCards, 2);
        QCOMPARE(s.next(kNow)->id, m_cards[1]);
        QCOMPARE(s.reviewed(), 0); // burying is not answering
        StudySession tomorrow(*m_c, m_deck);
        QCOMPARE(tomorrow.next(kNow.addDays(1))->id, m_cards[0]);
    }

    void suspendTakesTheCardOut()
    {
        StudySession s(*m_c, m_deck);
        s.next(kNow);
        QVERIFY(s.suspend());
        QVERIFY(m_c->card(m_cards[0])->suspended);
        QCOMPARE(s.counts(kNow).newCards, 2);
        QCOMPARE(s.next(kNow)->id, m_cards[1]);
        StudySession none(*m_c, m_deck);
        QVERIFY(!none.suspend()); // no card up
        QVERIFY(!none.bury(kNow));
    }

    void editAndReloadFollowTheCollection()
    {
        StudySession s(*m_c, m_deck);
        s.next(kNow);
        s.showAnswer();
        QVERIFY(s.edit(QStringLiteral("new front"), QStringLiteral("new back")));
        QCOMPARE(s.current()->front, QStringLiteral("new front"));
        QCOMPARE(m_c->card(m_cards[0])->back, QStringLiteral("new back"));
        QVERIFY(s.isAnswerShown());

        // Changed elsewhere (the browser): reload sees it, or sees it gone.
        QVERIFY(m_c->editCard(m_cards[0], QStringLiteral("browser front"), QStringLiteral("b")));
        QVERIFY(s.reload());
        QCOMPARE(s.current()->front, QStringLiteral("browser front"));
        QVERIFY(m_c->setSuspended(m_cards[0], true));
        QVERIFY(!s.reload());
        QVERIFY(!s.current());
        s.next(kNow);
        QVERIFY(m_c->deleteNote(s.current()->noteId));
        QVERIFY(!s.reload());
        QVERIFY(!s.current());
    }

    void countsAreTheDecks()
    {
        StudySession mine(*m_c, m_deck);
        StudySession all(*m_c, std::nullopt);
        QCOMPARE(mine.counts(kNow).newCards, 3);
        QCOMPARE(all.counts(kNow).newCards, 4);
        mine.next(kNow);
        mine.showAnswer();
        QVERIFY(mine.answer(Rating::Again, kNow, 1000));
        const StudyCounts c = mine.counts(kNow);
        QCOMPARE(c.newCards, 2);
        QCOMPARE(c.learning + c.learningLater, 1);
        QCOMPARE(all.counts(kNow).newCards, 3);
    }
};

QTEST_APPLESS_MAIN(TestStudySession)
#include "tst_studysession.moc"
