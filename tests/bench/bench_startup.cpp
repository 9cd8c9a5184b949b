// Start-up benchmark: time from launching a process to the main window's
// first paint with the reader showing a page, the moment a user can act. PRODUCT.md's goal is under
// 0.5 s.
//
// The parent runs itself as a child N times and measures from just before
// the spawn to the child's first paint, so exec, dynamic linking, Qt's
// start-up and our window construction are all inside the figure. The
// child does what app/main.cpp does (application, data folder, settings,
// main window) with a fresh data folder each run, i.e. a first start.
#include "app/studio/mainwindow.h"
#include "app/studio/workspace.h"
#include "core/appinfo.h"
#include "core/datalocation.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace {

qint64 nowMicros()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// Reports the time of the first paint of the watched window and quits.
class FirstPaint final : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            std::printf("%lld\n", static_cast<long long>(nowMicros()));
            std::fflush(stdout);
            QMetaObject::invokeMethod(qApp, &QApplication::quit, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
};

int child(int argc, char *argv[], const QString &dataDir)
{
    QApplication app(argc, argv);
    sds::appinfo::registerWithApplication();
    const sds::DataLocation data = sds::resolveDataDir(dataDir);
    if (!data.ok())
        return 1;
    QSettings settings(data.path + QStringLiteral("/settings.ini"), QSettings::IniFormat);
    sds::gui::Workspace workspace(data.path);
    sds::gui::MainWindow window(settings, workspace);
    // The reader in front: its pages are parsed, indexed and the first one
    // rendered before the window can paint.
    window.setCurrentMode(sds::gui::Mode::Learn);
    FirstPaint probe;
    window.installEventFilter(&probe);
    window.show();
    return QApplication::exec();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "--child") == 0)
        return child(argc, argv, QString::fromLocal8Bit(argv[2]));

    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 10;
    const QString platform = qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("(default)"));
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QTemporaryDir data;
        QProcess p;
        const qint64 start = nowMicros();
        p.start(QString::fromLocal8Bit(argv[0]), {QStringLiteral("--child"), data.path()});
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            std::fprintf(stderr, "child run %d failed: %s\n", i,
                         p.readAllStandardError().constData());
            return 1;
        }
        const qint64 painted = p.readAllStandardOutput().trimmed().toLongLong();
        ms.push_back((painted - start) / 1000.0);
    }
    std::printf("startup to first paint with the reader shown (QPA %s, %d runs): median %.1f ms, "
                "min %.1f ms, "
                "max %.1f ms; goal < 500 ms\n",
                qPrintable(platform), runs, median(ms), *std::min_element(ms.begin(), ms.end()),
                *std::max_element(ms.begin(), ms.end()));
    return 0;
}
