// Runs the real sdstudio-cli executable the way a script would.
#include "core/appinfo.h"
#include "processrun.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

class TestCli : public QObject {
    Q_OBJECT

private:
    static ProcessRun run(const QStringList &args) {
        return runProcess(QStringLiteral(SDS_CLI_PATH), args);
    }

private slots:
    void helpGoesToStdoutAndSucceeds_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
        QTest::newRow("-h") << QStringList{QStringLiteral("-h")};
        QTest::newRow("help") << QStringList{QStringLiteral("help")};
    }

    void helpGoesToStdoutAndSucceeds() {
        QFETCH(QStringList, args);
        const ProcessRun r = run(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("Usage: sdstudio-cli")));
        QVERIFY(r.out.contains(QStringLiteral("Commands:")));
        QVERIFY(r.err.isEmpty());
    }

    void versionPrintsVersionAndCredit() {
        const ProcessRun r = run({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("sdstudio-cli ") + sds::appinfo::version()));
        QVERIFY(r.out.contains(QStringLiteral("CC BY 4.0")));
    }

    void misuseExits2AndSaysWhy_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << QStringList{} << QStringLiteral("Usage: sdstudio-cli");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("teleport")}
                                         << QStringLiteral("unknown command 'teleport'");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--fast")} << QStringLiteral("unknown option '--fast'");
        QTest::newRow("help for unknown")
            << QStringList{QStringLiteral("help"), QStringLiteral("teleport")}
            << QStringLiteral("unknown command 'teleport'");
    }

    void misuseExits2AndSaysWhy() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessRun r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void linksNoGuiLibrary() {
        // The architecture's promise: the headless tool needs no display
        // stack. Read the executable's dynamic section to prove it.
        const QString readelf = QStandardPaths::findExecutable(QStringLiteral("readelf"));
        QVERIFY2(!readelf.isEmpty(), "readelf (binutils) is installed with the compiler");
        QProcess p;
        p.start(readelf, {QStringLiteral("-d"), QStringLiteral(SDS_CLI_PATH)});
        QVERIFY(p.waitForFinished(30000));
        const QString needed = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY(needed.contains(QStringLiteral("libQt6Core")));
        for (const char *gui : {"libQt6Gui", "libQt6Widgets", "libQt6Svg", "libQt6Charts"})
            QVERIFY2(!needed.contains(QLatin1String(gui)), gui);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
