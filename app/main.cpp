#include "app/studio/mainwindow.h"
#include "app/studio/screenshot.h"
#include "app/studio/startupoptions.h"
#include "app/studio/workspace.h"
#include "core/appinfo.h"
#include "core/datalocation.h"

#include <QApplication>
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
    // Every store and all content open here, before the window listens for anything.
    Workspace workspace(data.path, sds::content::ContentPaths::forDir(parsed.options.contentDir));
    MainWindow window(*settings, workspace);
    const QStringList failures = window.apply(parsed.options);
    for (const QString &f : failures)
        std::fprintf(stderr, "sdstudio: %s\n", qPrintable(f));
    // A scripted run (a screenshot) must not report success for a page or
    // template that does not exist; an interactive start still opens.
    if (!failures.isEmpty() && !parsed.options.screenshotPath.isEmpty())
        return 1;
    // Also when the app is told to quit without closing the window (the
    // screenshot run, a session logout).
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &window, &MainWindow::saveSettings);
    window.show();

    // After a crash, offer the autosaved diagram once the window is up
    // (not in a scripted run, which must not wait for an answer).
    if (parsed.options.screenshotPath.isEmpty() && parsed.options.openFile.isEmpty() &&
        parsed.options.scenario.isEmpty())
        QTimer::singleShot(0, &window, &MainWindow::offerRecovery);
    if (!parsed.options.screenshotPath.isEmpty())
        screenshotWhenRenderedThenQuit(&window, parsed.options.screenshotPath,
                                       parsed.options.screenshotDelayMs);
    return QApplication::exec();
}
