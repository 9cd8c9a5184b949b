// Atomic saves against a disk that fills half-way: the old file survives
// byte for byte, nothing is left beside it, and the message says why. Small
// files matter most here: Qt buffers them and used to report the cut at the
// final flush with no error at all.
#include "core/atomicwrite.h"
#include "tests/core/filesizelimit.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestAtomicWrite : public QObject
{
    Q_OBJECT

    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

private slots:
    void writesAndReplaces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.json"));
        QVERIFY(sds::writeFileAtomically(path, "first"));
        QCOMPARE(read(path), QByteArray("first"));
        QVERIFY(sds::writeFileAtomically(path, "second"));
        QCOMPARE(read(path), QByteArray("second"));
    }

    void aWriteCutShortKeepsTheOldFile_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("small, under Qt's buffer") << 2000;
        QTest::newRow("large, over it") << 200000;
    }

    void aWriteCutShortKeepsTheOldFile()
    {
        QFETCH(int, size);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.json"));
        QVERIFY(sds::writeFileAtomically(path, "the old file"));
        sds::Result<void> second = sds::fail(QString());
        {
            FileSizeLimit limit(1024); // the disk takes 1 KiB of the new file
            QVERIFY(limit.ok());
            second = sds::writeFileAtomically(path, QByteArray(size, 'x'));
        }
        QVERIFY(!second);
        QVERIFY2(second.error().contains(QDir::toNativeSeparators(path)),
                 qPrintable(second.error()));
        QCOMPARE(read(path), QByteArray("the old file"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("a.json")});
    }

    void aFolderThatIsNotThereIsSaid()
    {
        QTemporaryDir dir;
        const auto r =
            sds::writeFileAtomically(dir.filePath(QStringLiteral("no/such/a.json")), "x");
        QVERIFY(!r);
        QVERIFY(r.error().contains(u"no/such"));
    }
};

QTEST_GUILESS_MAIN(TestAtomicWrite)
#include "tst_atomicwrite.moc"
