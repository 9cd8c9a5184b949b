#include "app/studio/startupoptions.h"

#include "core/appinfo.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace sds::gui {

namespace {

QString helpText(const QCommandLineParser &parser)
{
    // QCommandLineParser names the program from QCoreApplication, which does
    // not exist yet here: write the usage line ourselves.
    QString text = parser.helpText();
    text = text.mid(text.indexOf(u'\n') + 1);
    return QStringLiteral("Usage: sdstudio [options]\n") + text;
}

StartupParse error(const QString &message)
{
    StartupParse r;
    r.action = StartupParse::Action::Error;
    r.text = message;
    return r;
}

} // namespace

StartupParse parseStartupOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(appinfo::name() + QStringLiteral(": ") + appinfo::summary());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version and credits and exit."));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("Open in this mode: learn, lab or review."),
                                  QStringLiteral("mode"));
    const QCommandLineOption contentDir(
        QStringLiteral("content-dir"),
        QStringLiteral("Read topics, decks and scenarios from DIR instead of the built-in "
                       "content (for authors)."),
        QStringLiteral("DIR"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Keep flashcards, progress, autosaves and settings in DIR (created if "
                       "missing)."),
        QStringLiteral("DIR"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Show the window, save a PNG of it to FILE once it has rendered, and "
                       "exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption screenshotDelay(
        QStringLiteral("screenshot-delay"),
        QStringLiteral("With --screenshot: wait MS milliseconds after the window appears (default "
                       "300), e.g. to let a run fill the charts."),
        QStringLiteral("MS"));
    const QCommandLineOption open(QStringLiteral("open"),
                                  QStringLiteral("Open the diagram FILE in the lab."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption scenario(
        QStringLiteral("scenario"),
        QStringLiteral("Open the lab template ID (see File > New from "
                       "Template), e.g. cache-aside."),
        QStringLiteral("ID"));
    const QCommandLineOption run(
        QStringLiteral("run"), QStringLiteral("Start the lab's traffic once the diagram is open."));
    const QCommandLineOption topic(QStringLiteral("topic"),
                                   QStringLiteral("Open the reader at page ID, e.g. cache-aside."),
                                   QStringLiteral("ID"));
    const QCommandLineOption search(
        QStringLiteral("search"),
        QStringLiteral("Search the pages for WORDS; with --topic, mark them on that page."),
        QStringLiteral("WORDS"));
    parser.addOptions({help, version, view, contentDir, dataDir, screenshot, screenshotDelay, open,
                       scenario, run, topic, search});

    if (!parser.parse(arguments))
        return error(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return error(QStringLiteral("unexpected argument '%1'")
                         .arg(parser.positionalArguments().constFirst()));

    StartupParse r;
    if (parser.isSet(help)) {
        r.action = StartupParse::Action::ShowHelp;
        r.text = helpText(parser);
        return r;
    }
    if (parser.isSet(version)) {
        r.action = StartupParse::Action::ShowVersion;
        r.text = QStringLiteral("sdstudio %1\n%2\n")
                     .arg(appinfo::version(), appinfo::primerCreditText());
        return r;
    }

    if (parser.isSet(view)) {
        const QString key = parser.value(view);
        r.options.view = modeFromKey(key);
        if (!r.options.view)
            return error(QStringLiteral("unknown view '%1'; choose learn, lab or review").arg(key));
    }
    if (parser.isSet(contentDir)) {
        const QString dir = parser.value(contentDir);
        if (!QFileInfo(dir).isDir())
            return error(QStringLiteral("content folder '%1' does not exist").arg(dir));
        r.options.contentDir = QFileInfo(dir).absoluteFilePath();
    }
    if (parser.isSet(dataDir)) {
        r.options.dataDir = parser.value(dataDir);
        if (r.options.dataDir.isEmpty())
            return error(QStringLiteral("--data-dir needs a folder"));
    }
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        const QFileInfo info(file);
        if (file.isEmpty() || info.isDir())
            return error(QStringLiteral("--screenshot needs a file name, e.g. shot.png"));
        if (!info.absoluteDir().exists())
            return error(QStringLiteral("cannot save the screenshot: folder '%1' does not exist")
                             .arg(info.absolutePath()));
        r.options.screenshotPath = info.absoluteFilePath();
    }
    if (parser.isSet(screenshotDelay)) {
        bool ok = false;
        const int ms = parser.value(screenshotDelay).toInt(&ok);
        if (!ok || ms < 0 || ms > 600000)
            return error(QStringLiteral("--screenshot-delay must be 0 to 600000 milliseconds"));
        r.options.screenshotDelayMs = ms;
    }
    if (parser.isSet(open) && parser.isSet(scenario))
        return error(QStringLiteral("give --open or --scenario, not both"));
    if (parser.isSet(open)) {
        const QFileInfo info(parser.value(open));
        if (!info.isFile())
            return error(
                QStringLiteral("diagram file '%1' does not exist").arg(parser.value(open)));
        r.options.openFile = info.absoluteFilePath();
    }
    r.options.scenario = parser.value(scenario);
    r.options.run = parser.isSet(run);
    if (r.options.run && r.options.openFile.isEmpty() && r.options.scenario.isEmpty())
        return error(QStringLiteral("--run needs --open FILE or --scenario ID"));
    if (!r.options.openFile.isEmpty() || !r.options.scenario.isEmpty())
        r.options.view = r.options.view.value_or(Mode::Lab);
    r.options.topic = parser.value(topic);
    r.options.search = parser.value(search);
    if (!r.options.topic.isEmpty() || !r.options.search.isEmpty())
        r.options.view = r.options.view.value_or(Mode::Learn);
    return r;
}

} // namespace sds::gui
