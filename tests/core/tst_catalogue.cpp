#include "core/diagram/catalogue.h"
#include "core/diagram/diagramformat.h"
#include "core/diagram/validation.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace sds::diagram;

class TestCatalogue : public QObject
{
    Q_OBJECT

private slots:
    void everyKindIsDescribedOnce()
    {
        QSet<QString> keys;
        QSet<QString> names;
        for (const KindSpec &k : catalogue()) {
            QVERIFY2(!keys.contains(k.key), qPrintable(k.key));
            QVERIFY(!names.contains(k.name));
            keys.insert(k.key);
            names.insert(k.name);
            QVERIFY(groups().contains(k.group));
            QVERIFY(!k.help.isEmpty());
            QCOMPARE(findKind(k.key), &k);
            QCOMPARE(&kindSpec(k.kind), &k);
        }
        QCOMPARE(keys.size(), 14);
        for (const char *required :
             {"client", "dns", "cdn", "load_balancer", "reverse_proxy", "web_server", "app_service",
              "cache", "sql_database", "nosql_store", "object_store", "message_queue",
              "worker_pool", "rate_limiter"})
            QVERIFY2(keys.contains(QLatin1String(required)), required);
        QVERIFY(!findKind(u"mainframe"));
    }

    void everyParameterIsComplete()
    {
        for (const KindSpec &k : catalogue()) {
            QSet<QString> seen;
            for (const ParamSpec &p : k.params) {
                const QString where = k.key + u'.' + p.key;
                QVERIFY2(!seen.contains(p.key), qPrintable(where));
                seen.insert(p.key);
                QVERIFY2(!p.label.isEmpty() && !p.help.isEmpty(), qPrintable(where));
                QVERIFY2(p.accepts(p.defaultValue),
                         qPrintable(where + u' ' + p.problem(p.defaultValue)));
                if (p.type == ParamType::Enum)
                    QVERIFY(p.choices.size() >= 2);
                else
                    QVERIFY2(p.min <= p.max, qPrintable(where));
            }
            QCOMPARE(k.defaults().size(), k.params.size());
        }
    }

    void rangesAndTypesAreEnforced()
    {
        const ParamSpec *servers = kindSpec(NodeKind::WebServer).param(u"servers");
        QVERIFY(servers);
        QVERIFY(servers->accepts(4));
        QVERIFY(servers->accepts(4.0));
        QVERIFY(servers->problem(0).contains(QStringLiteral("between 1 and")));
        QVERIFY(servers->problem(2.5).contains(QStringLiteral("whole number")));
        QVERIFY(servers->problem(QStringLiteral("four")).contains(QStringLiteral("number")));
        const ParamSpec *policy = kindSpec(NodeKind::Cache).param(u"policy");
        QVERIFY(policy->accepts(QStringLiteral("lfu")));
        QVERIFY(policy->problem(QStringLiteral("fifo")).contains(QStringLiteral("lru, lfu")));
        const ParamSpec *rate = kindSpec(NodeKind::Client).param(u"rate_rps");
        QVERIFY(!rate->accepts(-1));
        QVERIFY(!rate->accepts(std::numeric_limits<double>::infinity()));
    }

    void formatDocumentationCoversTheCatalogue()
    {
        QFile f(QStringLiteral(SDS_TEST_DATA_DIR "/../../core/diagram/FORMAT.md"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString doc = QString::fromUtf8(f.readAll());
        for (const KindSpec &k : catalogue()) {
            QVERIFY2(doc.contains(QStringLiteral("### `%1`").arg(k.key)), qPrintable(k.key));
            for (const ParamSpec &p : k.params)
                QVERIFY2(doc.contains(QStringLiteral("| `%1` |").arg(p.key)),
                         qPrintable(k.key + u'.' + p.key));
        }
        // Every JSON example in the document is valid: whole files load and
        // run-check cleanly, single nodes load inside a minimal file.
        static const QRegularExpression block(QStringLiteral("```json\n(.*?)\n```"),
                                              QRegularExpression::DotMatchesEverythingOption);
        int examples = 0;
        for (auto it = block.globalMatch(doc); it.hasNext(); ++examples) {
            const QByteArray json = it.next().captured(1).toUtf8();
            const QByteArray file =
                json.contains("\"format\"")
                    ? json
                    : "{\"format\": \"sdstudio-diagram\", \"version\": 1, \"nodes\": [" + json +
                          "]}";
            const auto r = parseDiagram(file);
            QVERIFY2(
                r.ok() && r.warnings.isEmpty(),
                qPrintable((r.errors + r.warnings).join(u'\n') + u'\n' + QString::fromUtf8(json)));
            if (json.contains("\"format\""))
                QVERIFY(!hasErrors(checkDiagram(r.diagram)));
        }
        QCOMPARE(examples, 1 + int(catalogue().size()));
    }

    void noSqlPresetsMatchTheModelChoices()
    {
        const KindSpec &k = kindSpec(NodeKind::NoSqlStore);
        const ParamSpec *model = k.param(u"model");
        QVERIFY(model);
        QCOMPARE(k.presets.size(), model->choices.size());
        for (const Preset &p : k.presets) {
            QVERIFY(model->choices.contains(p.name));
            for (auto it = p.values.begin(); it != p.values.end(); ++it)
                QVERIFY(k.param(it.key())->accepts(it.value()));
        }
    }
};

QTEST_APPLESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
