#include "app/studio/startupoptions.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sds::gui;
using Action = StartupParse::Action;

Q_DECLARE_METATYPE(StartupParse::Action)
Q_DECLARE_METATYPE(sds::gui::Mode)

class TestStartupOptions : public QObject
{
    Q_OBJECT

private:
    static StartupParse parse(QStringList args)
    {
        args.prepend(QStringLiteral("sdstudio"));
        return parseStartupOptions(args);
    }

private slots:
    void actions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<Action>("action");
        QTest::addColumn<QString>("textHas");
        QTest::newRow("nothing") << QStringList{} << Action::Run << QString();
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << Action::ShowHelp
                                << QStringLiteral("Usage: sdstudio");
        QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << Action::ShowHelp
                            << QStringLiteral("--screenshot");
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")}
                                   << Action::ShowVersion << QStringLiteral("CC BY 4.0");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")}
                                        << Action::Error << QStringLiteral("frobnicate");
        QTest::newRow("positional") << QStringList{QStringLiteral("file.json")} << Action::Error
                                    << QStringLiteral("file.json");
        QTest::newRow("bad view") << QStringList{QStringLiteral("--view"), QStringLiteral("chat")}
                                  << Action::Error << QStringLiteral("learn, lab or review");
        QTest::newRow("view without value")
            << QStringList{QStringLiteral("--view")} << Action::Error << QStringLiteral("view");
        QTest::newRow("missing content dir")
            << QStringList{QStringLiteral("--content-dir"), QStringLiteral("/no/such/folder")}
            << Action::Error << QStringLiteral("/no/such/folder");
        QTest::newRow("screenshot into missing folder")
            << QStringList{QStringLiteral("--screenshot"), QStringLiteral("/no/such/dir/a.png")}
            << Action::Error << QStringLiteral("does not exist");
        QTest::newRow("screenshot is a folder")
            << QStringList{QStringLiteral("--screenshot"), QStringLiteral("/tmp")} << Action::Error
            << QStringLiteral("file name");
    }

    void actions()
    {
        QFETCH(QStringList, args);
        QFETCH(Action, action);
        QFETCH(QString, textHas);
        const StartupParse r = parse(args);
        QCOMPARE(r.action, action);
        QVERIFY2(r.text.contains(textHas), qPrintable(r.text));
    }

    void views_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<Mode>("mode");
        QTest::newRow("learn") << QStringLiteral("learn") << Mode::Learn;
        QTest::newRow("lab") << QStringLiteral("lab") << Mode::Lab;
        QTest::newRow("review") << QStringLiteral("review") << Mode::Review;
        QTest::newRow("any case") << QStringLiteral("Review") << Mode::Review;
    }

    void views()
    {
        QFETCH(QString, key);
        QFETCH(Mode, mode);
        const StartupParse r = parse({QStringLiteral("--view=") + key});
        QCOMPARE(r.action, Action::Run);
        QVERIFY(r.options.view.has_value());
        QCOMPARE(*r.options.view, mode);
    }

    void noViewMeansRestoreLast() { QVERIFY(!parse({}).options.view.has_value()); }

    void topicAndSearchOpenTheReader()
    {
        const auto r = parse({QStringLiteral("--topic"), QStringLiteral("cache-aside"),
                              QStringLiteral("--search"), QStringLiteral("stale read")});
        QCOMPARE(int(r.action), int(Action::Run));
        QCOMPARE(r.options.topic, QStringLiteral("cache-aside"));
        QCOMPARE(r.options.search, QStringLiteral("stale read"));
        QCOMPARE(r.options.view, std::optional<Mode>(Mode::Learn));
        // An explicit view wins.
        const auto lab = parse({QStringLiteral("--search"), QStringLiteral("x"),
                                QStringLiteral("--view"), QStringLiteral("lab")});
        QCOMPARE(lab.options.view, std::optional<Mode>(Mode::Lab));
    }

    void foldersAndScreenshotAreMadeAbsolute()
    {
        QTemporaryDir content;
        QVERIFY(content.isValid());
        const StartupParse r = parse({QStringLiteral("--content-dir"), content.path(),
                                      QStringLiteral("--data-dir"), QStringLiteral("profile"),
                                      QStringLiteral("--screenshot"), QStringLiteral("shot.png")});
        QCOMPARE(r.action, Action::Run);
        QCOMPARE(r.options.contentDir, content.path());
        QCOMPARE(r.options.dataDir, QStringLiteral("profile")); // created later, not here
        QVERIFY(QFileInfo(r.options.screenshotPath).isAbsolute());
        QVERIFY(r.options.screenshotPath.endsWith(QStringLiteral("/shot.png")));
    }

    void modeKeysRoundTrip()
    {
        for (Mode m : kAllModes) {
            QCOMPARE(modeFromKey(modeKey(m)), std::optional<Mode>(m));
            QVERIFY(!modeTitle(m).isEmpty());
        }
        QVERIFY(!modeFromKey(u"").has_value());
    }
};

QTEST_APPLESS_MAIN(TestStartupOptions)
#include "tst_startupoptions.moc"
