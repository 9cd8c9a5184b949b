// The reader's back and forward stacks without a widget: back and forward
// return the places in order with their scroll positions, a new visit drops
// what lay forward, moves within a page or from nowhere are not recorded,
// and the oldest places go once a hundred are kept.
#include "app/studio/learn/navigationhistory.h"

#include <QTest>

using sds::gui::NavigationHistory;
using Place = NavigationHistory::Place;

class TstNavigationHistory : public QObject
{
    Q_OBJECT

private slots:
    void emptyHistoryGoesNowhere()
    {
        NavigationHistory h;
        QVERIFY(!h.canGoBack());
        QVERIFY(!h.canGoForward());
        QVERIFY(!h.back(Place{QStringLiteral("dns"), 10}));
        QVERIFY(!h.forward(Place{QStringLiteral("dns"), 10}));
        QCOMPARE(h.backCount(), 0); // failing to move records nothing
        QCOMPARE(h.forwardCount(), 0);
    }

    void backAndForwardKeepScrollPositions()
    {
        NavigationHistory h;
        h.navigate(Place{QStringLiteral("a"), 120}, QStringLiteral("b"));
        h.navigate(Place{QStringLiteral("b"), 40}, QStringLiteral("c"));
        QVERIFY(h.canGoBack());
        QVERIFY(!h.canGoForward());

        QCOMPARE(h.back(Place{QStringLiteral("c"), 7}), (Place{QStringLiteral("b"), 40}));
        QCOMPARE(h.back(Place{QStringLiteral("b"), 41}), (Place{QStringLiteral("a"), 120}));
        QVERIFY(!h.canGoBack());
        QCOMPARE(h.forwardCount(), 2);
        // Forward returns the positions the learner left, not the first ones.
        QCOMPARE(h.forward(Place{QStringLiteral("a"), 120}), (Place{QStringLiteral("b"), 41}));
        QCOMPARE(h.forward(Place{QStringLiteral("b"), 41}), (Place{QStringLiteral("c"), 7}));
        QVERIFY(!h.canGoForward());
        QCOMPARE(h.backCount(), 2);
    }

    void aNewVisitForgetsWhatLayForward()
    {
        NavigationHistory h;
        h.navigate(Place{QStringLiteral("a")}, QStringLiteral("b"));
        h.navigate(Place{QStringLiteral("b")}, QStringLiteral("c"));
        QVERIFY(h.back(Place{QStringLiteral("c")}));
        QVERIFY(h.canGoForward());
        h.navigate(Place{QStringLiteral("b")}, QStringLiteral("d"));
        QVERIFY(!h.canGoForward());
        QCOMPARE(h.back(Place{QStringLiteral("d")}), (Place{QStringLiteral("b")}));
        QCOMPARE(h.back(Place{QStringLiteral("b")}), (Place{QStringLiteral("a")}));
    }

    void samePlaceAndNowhereAreNotSteps()
    {
        NavigationHistory h;
        h.navigate(Place{QString(), 0}, QStringLiteral("a")); // the first page shown
        QVERIFY(!h.canGoBack());
        h.navigate(Place{QStringLiteral("a"), 300}, QStringLiteral("a")); // an anchor on the page
        QVERIFY(!h.canGoBack());
        h.navigate(Place{QStringLiteral("a"), 300}, QStringLiteral("b"));
        QCOMPARE(h.backCount(), 1);
        // Moving within a page keeps what lay forward.
        QVERIFY(h.back(Place{QStringLiteral("b")}));
        h.navigate(Place{QStringLiteral("a")}, QStringLiteral("a"));
        QVERIFY(h.canGoForward());
    }

    void theOldestPlacesGoFirst()
    {
        NavigationHistory h;
        const int visits = int(NavigationHistory::kMaxEntries) + 25;
        for (int i = 0; i < visits; ++i)
            h.navigate(Place{QString::number(i), i}, QString::number(i + 1));
        QCOMPARE(h.backCount(), NavigationHistory::kMaxEntries);
        Place here{QString::number(visits)};
        int steps = 0;
        while (const auto p = h.back(here)) {
            QCOMPARE(p->id, QString::number(visits - 1 - steps));
            QCOMPARE(p->scroll, visits - 1 - steps);
            here = *p;
            ++steps;
        }
        QCOMPARE(steps, int(NavigationHistory::kMaxEntries));
        QCOMPARE(here.id, QString::number(visits - int(NavigationHistory::kMaxEntries)));
        // Everything walked back over can be walked forward again.
        QCOMPARE(h.forwardCount(), NavigationHistory::kMaxEntries);
        QCOMPARE(h.backCount(), 0);
    }
};

QTEST_APPLESS_MAIN(TstNavigationHistory)
#include "tst_navigationhistory.moc"
