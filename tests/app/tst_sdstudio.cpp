// Runs the real sdstudio executable the way a user or a script would.
#include "core/appinfo.h"
#include "processrun.h"

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestSdstudio : public QObject
{
    Q_OBJECT

private:
    static ProcessRun run(const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        return runProcess(QStringLiteral(SDS_APP_PATH), args, env);
    }

private slots:
    void versionPrintsVersionAndCredit()
    {
        const ProcessRun r = run({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("sdstudio ") + sds::appinfo::version()));
        QVERIFY(r.out.contains(QStringLiteral("The System Design Primer")));
    }

    void helpListsEveryOption()
    {
        const ProcessRun r = run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *option :
             {"--view", "--content-dir", "--data-dir", "--screenshot", "--version", "--help",
              "--topic", "--search", "--scenario", "--open", "--run"})
            QVERIFY2(r.out.contains(QLatin1String(option)), option);
    }

    void badArgumentsExit2WithAMessage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("view") << QStringList{QStringLiteral("--view"), QStringLiteral("chat")}
                              << QStringLiteral("unknown view 'chat'");
        QTest::newRow("option") << QStringList{QStringLiteral("--nope")}
                                << QStringLiteral("Unknown option 'nope'");
        QTest::newRow("data dir") << QStringList{QStringLiteral("--data-dir"),
                                                 QStringLiteral("/proc/sdstudio/x")}
                                  << QStringLiteral("cannot create data folder");
    }

    void badArgumentsExit2WithAMessage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessRun r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void screenshotShowsTheChosenModeAndRemembersIt()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        const QString data = dir.filePath(QStringLiteral("profile"));
        const ProcessRun r = run({QStringLiteral("--data-dir"), data, QStringLiteral("--view"),
                                  QStringLiteral("lab"), QStringLiteral("--screenshot"), png});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(png), qPrintable(r.out));

        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 640 && image.height() >= 400);

        // --data-dir holds the whole profile: the settings file records the mode.
        QSettings settings(data + QStringLiteral("/settings.ini"), QSettings::IniFormat);
        QCOMPARE(settings.value(QStringLiteral("window/mode")).toString(), QStringLiteral("lab"));
        QVERIFY(!settings.value(QStringLiteral("window/geometry")).toByteArray().isEmpty());

        // The picture is the window in the mode asked for: not blank, and
        // unlike the same window in Learn.
        const QString learnPng = dir.filePath(QStringLiteral("learn.png"));
        const ProcessRun learn =
            run({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("other")),
                 QStringLiteral("--view"), QStringLiteral("learn"), QStringLiteral("--screenshot"),
                 learnPng});
        QCOMPARE(learn.exitCode, 0);
        const QImage other(learnPng);
        QVERIFY(!other.isNull());
        const auto colours = [](const QImage &img) {
            QSet<QRgb> seen;
            for (int y = 0; y < img.height(); y += 4) {
                for (int x = 0; x < img.width(); x += 4)
                    seen.insert(img.pixel(x, y));
            }
            return seen.size();
        };
        QVERIFY2(colours(image) > 16, qPrintable(QString::number(colours(image))));
        QVERIFY2(colours(other) > 16, qPrintable(QString::number(colours(other))));
        const QSize common = image.size().boundedTo(other.size());
        int differing = 0;
        int sampled = 0;
        for (int y = 0; y < common.height(); y += 4) {
            for (int x = 0; x < common.width(); x += 4, ++sampled)
                differing += image.pixel(x, y) != other.pixel(x, y) ? 1 : 0;
        }
        QVERIFY2(differing > sampled / 10,
                 qPrintable(
                     QStringLiteral("%1 of %2 sampled pixels differ").arg(differing).arg(sampled)));
    }

    void topicOpensTheReaderAndIsRememberedInProgress()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("profile"));
        const QString png = dir.filePath(QStringLiteral("page.png"));
        const ProcessRun r = run({QStringLiteral("--data-dir"), data, QStringLiteral("--topic"),
                                  QStringLiteral("sharding"), QStringLiteral("--screenshot"), png});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!QImage(png).isNull());
        QSettings settings(data + QStringLiteral("/settings.ini"), QSettings::IniFormat);
        QCOMPARE(settings.value(QStringLiteral("window/mode")).toString(), QStringLiteral("learn"));
        // The last page is kept in the progress database, a real SQLite file.
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(data + QStringLiteral("/progress.sqlite"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM reader_state WHERE key = 'last_topic'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("sharding"));
        q.finish();
        db.close();
    }

    void unknownTopicExits1()
    {
        QTemporaryDir dir;
        const ProcessRun r =
            run({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--topic"),
                 QStringLiteral("no-such-page"), QStringLiteral("--screenshot"),
                 dir.filePath(QStringLiteral("x.png"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("there is no page 'no-such-page'")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestSdstudio)
#include "tst_sdstudio.moc"
