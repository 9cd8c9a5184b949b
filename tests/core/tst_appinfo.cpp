#include "core/appinfo.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTest>

using namespace sds;

class TestAppInfo : public QObject
{
    Q_OBJECT

private slots:
    void versionIsSemantic()
    {
        static const QRegularExpression semver(QStringLiteral(R"(^\d+\.\d+\.\d+$)"));
        QVERIFY2(semver.match(appinfo::version()).hasMatch(), qPrintable(appinfo::version()));
    }

    void appIdIsReverseDns()
    {
        // Desktop id, metainfo id and icon name must all be this one string.
        static const QRegularExpression id(
            QStringLiteral(R"(^[a-z]+(\.[A-Za-z][A-Za-z0-9]*){2,}$)"));
        QVERIFY(id.match(appinfo::appId()).hasMatch());
    }

    void creditNamesPrimerLicenceAndLinks_data()
    {
        QTest::addColumn<QString>("credit");
        QTest::newRow("text") << appinfo::primerCreditText();
        QTest::newRow("html") << appinfo::primerCreditHtml();
    }

    void creditNamesPrimerLicenceAndLinks()
    {
        QFETCH(QString, credit);
        QVERIFY(credit.contains(QStringLiteral("The System Design Primer")));
        QVERIFY(credit.contains(QStringLiteral("CC BY 4.0")));
        QVERIFY(credit.contains(QStringLiteral("Donne Martin")));
        QVERIFY(credit.contains(appinfo::primerUrl()));
        QVERIFY(credit.contains(appinfo::licenceUrl()));
    }

    void htmlCreditLinksBothAddresses()
    {
        const QString html = appinfo::primerCreditHtml();
        QVERIFY(html.contains(QStringLiteral("href=\"%1\"").arg(appinfo::primerUrl())));
        QVERIFY(html.contains(QStringLiteral("href=\"%1\"").arg(appinfo::licenceUrl())));
    }

    void registerSetsTheNamesPathsDeriveFrom()
    {
        int argc = 1;
        char name[] = "tst_appinfo";
        char *argv[] = {name, nullptr};
        QCoreApplication app(argc, argv);
        appinfo::registerWithApplication();
        QCOMPARE(QCoreApplication::applicationName(), QStringLiteral("sdstudio"));
        QCOMPARE(QCoreApplication::applicationVersion(), appinfo::version());
        QVERIFY(QCoreApplication::organizationName().isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestAppInfo)
#include "tst_appinfo.moc"
