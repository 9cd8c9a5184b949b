#include "app/studio/lab/labpage.h"
#include "app/studio/learn/learnpage.h"
#include "app/studio/mainwindow.h"
#include "app/studio/screenshot.h"
#include "app/studio/startupoptions.h"
#include "core/appinfo.h"
#include "core/datalocation.h"

#include <QApplication>
#include <QLineEdit>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    using namespace sds::gui;

    // Parse before QApplication exists, so --help and --version need no display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const StartupParse parsed = parseStartupOptions(arguments);
    switch (parsed.action) {
    case StartupParse::Action::ShowHelp:
    case StartupParse::Action::ShowVersion:
        std::fputs(qPrintable(parsed.text), stdout);
        return 0;
    case StartupParse::Action::Error:
        std::fprintf(stderr, "sdstudio: %s\nRun 'sdstudio --help' for the options.\n",
                     qPrintable(parsed.text));
        return 2;
    case StartupParse::Action::Run:
        break;
    }

    QApplication app(argc, argv);
    sds::appinfo::registerWithApplication();
    QApplication::setApplicationDisplayName(sds::appinfo::name());
    QGuiApplication::setDesktopFileName(sds::appinfo::appId());

    const sds::DataLocation data = sds::resolveDataDir(parsed.options.dataDir);
    if (!data.ok()) {
        std::fprintf(stderr, "sdstudio: %s\n", qPrintable(data.error));
        return 2;
    }

    // With --data-dir the folder is a whole profile, settings included, so a
    // trial run or a test never touches the user's own window layout.
    const auto settings =
        parsed.options.dataDir.isEmpty()
            ? std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                          QStringLiteral("sdstudio"), QStringLiteral("sdstudio"))
            : std::make_unique<QSettings>(data.path + QStringLiteral("/settings.ini"),
                                          QSettings::IniFormat);
    MainWindow window(*settings, AppContext{data.path, parsed.options.contentDir});
    if (parsed.options.view)
        window.setCurrentMode(*parsed.options.view);
    int status = 0;
    if (!parsed.options.openFile.isEmpty() && !window.lab()->openFile(parsed.options.openFile))
        status = 1;
    if (!parsed.options.scenario.isEmpty() && !window.openScenario(parsed.options.scenario)) {
        std::fprintf(stderr, "sdstudio: there is no lab template '%s'\n",
                     qPrintable(parsed.options.scenario));
        status = 1;
    }
    if (!parsed.options.topic.isEmpty()) {
        const bool found =
            parsed.options.search.isEmpty()
                ? window.learn()->openTopic(parsed.options.topic)
                : window.learn()->openSearchResult(parsed.options.topic, parsed.options.search);
        if (!found) {
            std::fprintf(stderr, "sdstudio: there is no page '%s'\n",
                         qPrintable(parsed.options.topic));
            status = 1;
        }
    } else if (!parsed.options.search.isEmpty()) {
        window.learn()->searchField()->setText(parsed.options.search);
    }
    // A scripted run (a screenshot) must not report success for a page or
    // template that does not exist; an interactive start still opens.
    if (status != 0 && !parsed.options.screenshotPath.isEmpty())
        return status;
    if (status == 0 && parsed.options.run)
        window.lab()->run();
    // Also when the app is told to quit without closing the window (the
    // screenshot run, a session logout).
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &window, &MainWindow::saveSettings);
    window.show();

    // After a crash, offer the autosaved diagram once the window is up
    // (not in a scripted run, which must not wait for an answer).
    if (parsed.options.screenshotPath.isEmpty() && parsed.options.openFile.isEmpty() &&
        parsed.options.scenario.isEmpty())
        QTimer::singleShot(0, window.lab(), [&window] { window.lab()->offerRecovery(); });
    if (!parsed.options.screenshotPath.isEmpty())
        screenshotWhenRenderedThenQuit(&window, parsed.options.screenshotPath,
                                       parsed.options.screenshotDelayMs);
    return QApplication::exec();
}
