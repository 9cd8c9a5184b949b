// Runs the real sdstudio executable the way a user or a script would.
#include "core/appinfo.h"

#include <QImage>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestSdstudio : public QObject {
    Q_OBJECT

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QStringList &args) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SDS_APP_PATH), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void versionPrintsVersionAndCredit() {
        const Run r = run({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("sdstudio ") + sds::appinfo::version()));
        QVERIFY(r.out.contains(QStringLiteral("The System Design Primer")));
    }

    void helpListsEveryOption() {
        const Run r = run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *option :
             {"--view", "--content-dir", "--data-dir", "--screenshot", "--version", "--help"})
            QVERIFY2(r.out.contains(QLatin1String(option)), option);
    }

    void badArgumentsExit2WithAMessage_data() {
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

    void badArgumentsExit2WithAMessage() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void screenshotShowsTheChosenModeAndRemembersIt() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        const QString data = dir.filePath(QStringLiteral("profile"));
        const Run r = run({QStringLiteral("--data-dir"), data, QStringLiteral("--view"),
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
    }
};

QTEST_GUILESS_MAIN(TestSdstudio)
#include "tst_sdstudio.moc"
