#include "core/datalocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sds;

class TestDataLocation : public QObject
{
    Q_OBJECT

private slots:
    void createsMissingFolderWithParents()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString wanted = tmp.filePath(QStringLiteral("a/b/profile"));
        const DataLocation loc = resolveDataDir(wanted);
        QVERIFY2(loc.ok(), qPrintable(loc.error));
        QCOMPARE(loc.path, QDir::cleanPath(wanted));
        QVERIFY(QFileInfo(wanted).isDir());
    }

    void relativePathBecomesAbsolute()
    {
        QTemporaryDir tmp;
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(tmp.path()));
        const DataLocation loc = resolveDataDir(QStringLiteral("rel"));
        QDir::setCurrent(before);
        QVERIFY2(loc.ok(), qPrintable(loc.error));
        QVERIFY(QFileInfo(loc.path).isAbsolute());
        QCOMPARE(loc.path, QDir::cleanPath(tmp.filePath(QStringLiteral("rel"))));
    }

    void existingFolderIsKeptAsItIs()
    {
        QTemporaryDir tmp;
        QFile keep(tmp.filePath(QStringLiteral("cards.sqlite")));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("data");
        keep.close();
        const DataLocation loc = resolveDataDir(tmp.path());
        QVERIFY(loc.ok());
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("cards.sqlite")});
    }

    void fileInTheWayIsAnError()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("not-a-folder"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const DataLocation loc = resolveDataDir(path);
        QVERIFY(!loc.ok());
        QVERIFY2(loc.error.contains(QStringLiteral("not a folder")), qPrintable(loc.error));
    }

    void uncreatableFolderIsAnError()
    {
        // /proc refuses new entries even to root, unlike permission bits.
        const DataLocation loc = resolveDataDir(QStringLiteral("/proc/sdstudio-test/data"));
        QVERIFY(!loc.ok());
        QVERIFY2(loc.error.contains(QStringLiteral("cannot create")), qPrintable(loc.error));
    }

    void unwritableFolderIsAnError()
    {
        const DataLocation loc = resolveDataDir(QStringLiteral("/proc"));
        QVERIFY(!loc.ok());
        QVERIFY2(loc.error.contains(QStringLiteral("not writable")), qPrintable(loc.error));
    }

    void defaultIsThePlatformFolderForTheApp()
    {
        int argc = 1;
        char name[] = "tst_datalocation";
        char *argv[] = {name, nullptr};
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("sdstudio"));
        QStandardPaths::setTestModeEnabled(true);
        const DataLocation loc = resolveDataDir({});
        QVERIFY2(loc.ok(), qPrintable(loc.error));
        QVERIFY2(loc.path.endsWith(QStringLiteral("/sdstudio")), qPrintable(loc.path));
        QVERIFY(QFileInfo(loc.path).isDir());
        QVERIFY(QDir(loc.path).removeRecursively());
    }
};

QTEST_APPLESS_MAIN(TestDataLocation)
#include "tst_datalocation.moc"
