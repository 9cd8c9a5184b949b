// The decks that ship in content/decks: they load without a problem, every
// topic page has cards, ids are stable-shaped and unique; broken copies show
// that each check can fail.
#include "core/cards/builtindecks.h"
#include "core/content/library.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::cards;

namespace {
const QString kContent = QStringLiteral(SDS_TEST_DATA_DIR "/../../content");

void write(const QString &path, const QByteArray &text)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

// Every page a card may open: topic pages and, since exercise cards open their
// exercise, the exercise pages too (the same library the app and the CLI load).
QStringList pageIds()
{
    QStringList ids;
    const auto library = sds::content::TopicLibrary::loadContent(kContent);
    for (const auto &t : library.topics())
        ids.append(t.id);
    return ids;
}

QStringList topicIds()
{
    QStringList ids;
    const auto library = sds::content::TopicLibrary::load(kContent + QStringLiteral("/topics"));
    for (const auto &t : library.topics())
        ids.append(t.id);
    return ids;
}
} // namespace

class TstBuiltinDecks : public QObject
{
    Q_OBJECT

private slots:
    void shippedDecksAreSound()
    {
        const BuiltinDecks decks = loadBuiltinDecks(kContent + QStringLiteral("/decks"));
        const QStringList problems = checkBuiltinDecks(decks, pageIds());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(decks.find(QStringLiteral("system-design")));
        QVERIFY(decks.find(QStringLiteral("design-exercises")));
        QVERIFY(decks.find(QStringLiteral("object-oriented")));
        QVERIFY(decks.cardCount() >= 200);
    }

    void everyTopicPageHasCards()
    {
        const BuiltinDecks decks = loadBuiltinDecks(kContent + QStringLiteral("/decks"));
        QSet<QString> covered;
        for (const BuiltinDeck &d : decks.decks) {
            for (const BuiltinCard &c : d.cards)
                covered.insert(c.topic);
        }
        QStringList missing;
        for (const QString &id : topicIds()) {
            if (!covered.contains(id))
                missing.append(id);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u' ')));
    }

    void brokenDecksAreReported()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root + QStringLiteral("/good/deck.json"),
              R"({"format":"sdstudio-deck","version":1,"id":"good","name":"Good"})");
        write(root + QStringLiteral("/good/dns.json"),
              R"({"topic":"dns","cards":[
                 {"id":"dns/1","front":"What does a TTL bound?","back":"How long a resolver may reuse an answer."},
                 {"id":"dns/1","front":"Duplicate id","back":"x"},
                 {"id":"dns-2","front":"Bad id shape","back":"x"},
                 {"id":"dns/3","front":"<b>bold</b>","back":"x"},
                 {"id":"dns/4","front":"  ","back":"x"},
                 {"id":"dns/5","front":"Why escape `<script>` in comments?","back":"To stop XSS."}]})");
        write(root + QStringLiteral("/good/ghost.json"),
              R"({"topic":"no-such-page","cards":[{"id":"ghost/1","front":"q","back":"a"}]})");
        write(root + QStringLiteral("/good/broken.json"), "{ not json");
        write(root + QStringLiteral("/wrongid/deck.json"),
              R"({"format":"sdstudio-deck","version":1,"id":"other","name":"X"})");
        write(root + QStringLiteral("/nodeck/cards.json"), R"({"topic":"dns","cards":[]})");
        const BuiltinDecks decks = loadBuiltinDecks(root);
        QCOMPARE(decks.decks.size(), 1);
        QCOMPARE(decks.decks.first().cards.size(), 7);
        const QString all = checkBuiltinDecks(decks, {QStringLiteral("dns")}).join(u'\n');
        QVERIFY2(!all.contains(QStringLiteral("dns/5")), qPrintable(all)); // HTML in code is text
        for (const char *expected :
             {"good/broken.json: not valid JSON",
              "wrongid/deck.json: the id must be the folder name",
              "nodeck/deck.json:", "card \"dns/1\": the id is also used in deck good",
              "card \"dns-2\": the id must look like", "card \"dns/3\": HTML is not allowed",
              "card \"dns/4\": front and back must not be empty",
              "card \"ghost/1\": topic \"no-such-page\" does not exist"}) {
            QVERIFY2(all.contains(QLatin1StringView(expected)),
                     qPrintable(QStringLiteral("expected: %1\ngot:\n%2")
                                    .arg(QLatin1StringView(expected), all)));
        }
    }
};

QTEST_APPLESS_MAIN(TstBuiltinDecks)
#include "tst_builtindecks.moc"
