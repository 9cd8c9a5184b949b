#pragma once

// Runs one of our executables as a user or a script would and collects what
// it said, for the end-to-end tests.

#include <QProcess>
#include <QString>
#include <QStringList>

struct ProcessRun {
    int exitCode = -1; // -1: crashed or did not finish in time
    QString out;
    QString err;
};

inline ProcessRun
runProcess(const QString &program, const QStringList &args,
           const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}
