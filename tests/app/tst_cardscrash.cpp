// Kills sdstudio-cli with SIGKILL in the middle of scripted reviews: the
// collection must come back intact, holding every review the tool said it
// had saved (and at most the one it was saving when it died).
//
// The kill does not race the tool's speed: the tool prints and flushes a
// line after each committed review, and this test reads nothing until it
// has asked for it, so the tool can run ahead of what was read by at most
// the pipe's buffer (64 KiB on Linux, some thousand lines). Far more reviews
// are asked for than that, so the tool is still running when the test has
// read its 300 lines and kills it, however fast or slow either side runs.
#include "core/cards/collection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::cards;

class TestCardsCrash : public QObject
{
    Q_OBJECT

private slots:
    void killedMidReviewKeepsEveryPrintedReview()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.sqlite"));
        constexpr int kCards = 12000;
        constexpr int kKillAfter = 300;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        {
            Collection c;
            QVERIFY2(c.open(path), qPrintable(c.error()));
            const std::optional<qint64> deck = c.addDeck(QStringLiteral("Crash test"));
            QVERIFY(deck);
            QList<NewNote> notes;
            for (int i = 0; i < kCards; ++i) {
                sds::srs::CardState s;
                s.state = sds::srs::State::Review;
                s.stability = 8;
                s.difficulty = 5;
                s.due = now.addSecs(-3600 - i); // all due, spread so the order is fixed
                s.lastReview = s.due.addDays(-8);
                s.scheduledDays = 8;
                s.reps = 3;
                NewNote n;
                n.deckId = *deck;
                n.front = QStringLiteral("question %1").arg(i);
                n.back = QStringLiteral("answer %1").arg(i);
                n.schedule = s;
                notes.append(n);
            }
            QVERIFY2(c.addNotes(notes), qPrintable(c.error()));
            QCOMPARE(c.counts(*deck, now).review, kCards);
        }

        QProcess p;
        p.start(QStringLiteral(SDS_CLI_PATH),
                {QStringLiteral("cards"), QStringLiteral("review"), QStringLiteral("--grade"),
                 QStringLiteral("good"), QStringLiteral("--count"), QString::number(kCards),
                 QStringLiteral("--db"), path});
        QVERIFY(p.waitForStarted());
        static const QRegularExpression line(
            QStringLiteral("^reviewed (\\d+) good -> (\\w+) due (\\S+)$"));
        QHash<qint64, QString> printed; // card id -> its due as printed
        QByteArray pending;
        const auto take = [&] {
            pending += p.readAllStandardOutput();
            qsizetype end;
            while ((end = pending.indexOf('\n')) >= 0) {
                const QString text = QString::fromUtf8(pending.left(end));
                pending.remove(0, end + 1);
                const QRegularExpressionMatch m = line.match(text);
                if (m.hasMatch())
                    printed.insert(m.captured(1).toLongLong(), m.captured(3));
            }
        };
        QElapsedTimer guard; // only against a hung tool, never part of the verdict
        guard.start();
        while (printed.size() < kKillAfter && p.state() == QProcess::Running &&
               guard.elapsed() < 120000) {
            p.waitForReadyRead(100);
            take();
        }
        const bool stillRunning = p.state() == QProcess::Running;
        p.kill();
        QVERIFY(p.waitForFinished(10000));
        take(); // lines already in the pipe were printed before the kill too
        QVERIFY2(stillRunning && p.exitStatus() == QProcess::CrashExit,
                 qPrintable(QStringLiteral("the tool stopped on its own after %1 reviews: %2")
                                .arg(printed.size())
                                .arg(QString::fromUtf8(p.readAllStandardError()))));
        QVERIFY2(printed.size() >= kKillAfter, qPrintable(QString::number(printed.size())));
        // Ahead of what was read by a pipe's buffer at most, so well short of the end.
        QVERIFY2(printed.size() < kCards / 2, qPrintable(QString::number(printed.size())));

        // The collection opens (integrity checked) and holds what was printed.
        {
            Collection c;
            QVERIFY2(c.open(path), qPrintable(c.error()));
            for (auto it = printed.constBegin(); it != printed.constEnd(); ++it) {
                const std::optional<Card> card = c.card(it.key());
                QVERIFY(card);
                QCOMPARE(card->schedule.reps, 4);
                QCOMPARE(card->schedule.due.toString(Qt::ISODate),
                         QDateTime::fromString(it.value(), Qt::ISODateWithMs)
                             .toUTC()
                             .toString(Qt::ISODate));
            }
        }
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
            QVERIFY(!q.next());
            QVERIFY(q.exec(QStringLiteral("SELECT card_id FROM revlog")));
            QList<qint64> logged;
            while (q.next())
                logged.append(q.value(0).toLongLong());
            for (auto it = printed.constBegin(); it != printed.constEnd(); ++it)
                QVERIFY2(logged.contains(it.key()), qPrintable(QString::number(it.key())));
            qInfo("killed after %lld printed reviews; %lld in the log", qint64(printed.size()),
                  qint64(logged.size()));
            QVERIFY2(logged.size() <= printed.size() + 1,
                     qPrintable(QStringLiteral("%1 logged, %2 printed")
                                    .arg(logged.size())
                                    .arg(printed.size())));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }
};

QTEST_GUILESS_MAIN(TestCardsCrash)
#include "tst_cardscrash.moc"
