// The solutions of the object-oriented design exercises
// (content/exercises/ood/*.h), compiled as the reader shows them and checked
// for the behaviour their pages claim.
#include "ood/call_center.h"
#include "ood/chat_server.h"
#include "ood/deck_of_cards.h"
#include "ood/hash_map.h"
#include "ood/lru_cache.h"
#include "ood/parking_lot.h"

#include <QTest>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace sds::ood;

namespace {

// Sends every key to one bucket, so each operation walks a collision chain.
struct SameBucket {
    std::size_t operator()(int) const { return 7; }
};

cards::BlackjackHand handOf(const QString &ranks)
{
    cards::BlackjackHand hand;
    for (const QString &r : ranks.split(u' ', Qt::SkipEmptyParts)) {
        const int rank = r == u"A"   ? 1
                         : r == u"J" ? 11
                         : r == u"Q" ? 12
                         : r == u"K" ? 13
                                     : r.toInt();
        hand.add(cards::Card(rank, cards::Suit::Spades));
    }
    return hand;
}

} // namespace

class TestOod : public QObject
{
    Q_OBJECT

private slots:
    // --- hash map ---
    void hashMapSetGetOverwrite()
    {
        hashmap::HashMap<int, std::string> map;
        QVERIFY(map.set(1, "one"));
        QVERIFY(map.set(2, "two"));
        QVERIFY(!map.set(1, "uno")); // overwrite, not a second entry
        QCOMPARE(map.size(), std::size_t(2));
        QCOMPARE(map.get(1).value(), std::string("uno"));
        QCOMPARE(map.get(2).value(), std::string("two"));
        QVERIFY(!map.get(3).has_value());
        QVERIFY(map.contains(2));
        QVERIFY(!map.contains(3));
    }

    void hashMapCollisions()
    {
        hashmap::HashMap<int, int, SameBucket> map(16);
        for (int k = 0; k < 5; ++k)
            map.set(k, k * 10);
        QCOMPARE(map.chainLength(0), std::size_t(5));
        for (int k = 0; k < 5; ++k)
            QCOMPARE(map.get(k).value(), k * 10);
        // Removing from the middle of the chain leaves the others reachable.
        QVERIFY(map.remove(2));
        QCOMPARE(map.chainLength(0), std::size_t(4));
        QVERIFY(!map.get(2).has_value());
        for (int k : {0, 1, 3, 4})
            QCOMPARE(map.get(k).value(), k * 10);
        QVERIFY(!map.set(4, 99));
        QCOMPARE(map.get(4).value(), 99);
    }

    void hashMapResizeKeepsEntries()
    {
        hashmap::HashMap<int, int> map(2);
        for (int k = 0; k < 1000; ++k)
            map.set(k * 7919, k);
        QCOMPARE(map.size(), std::size_t(1000));
        QVERIFY(map.bucketCount() > 2);
        // The load factor stays at or under three quarters.
        QVERIFY(map.size() * 4 <= map.bucketCount() * 3);
        for (int k = 0; k < 1000; ++k)
            QCOMPARE(map.get(k * 7919).value(), k);
    }

    void hashMapRemove()
    {
        hashmap::HashMap<std::string, int> map;
        map.set("a", 1);
        map.set("b", 2);
        QVERIFY(!map.remove("z"));
        QCOMPARE(map.size(), std::size_t(2));
        QVERIFY(map.remove("a"));
        QVERIFY(!map.remove("a"));
        QCOMPARE(map.size(), std::size_t(1));
        QVERIFY(!map.get("a").has_value());
        QCOMPARE(map.get("b").value(), 2);
        QVERIFY(map.remove("b"));
        QVERIFY(map.empty());
    }

    void hashMapRejectsNoBuckets()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (hashmap::HashMap<int, int>(0)));
    }

    // --- LRU cache ---
    void lruEvictsLeastRecentlyUsed()
    {
        lru::LruCache<std::string, int> cache(3);
        QVERIFY(!cache.put("a", 1));
        QVERIFY(!cache.put("b", 2));
        QVERIFY(!cache.put("c", 3));
        QCOMPARE(cache.get("a").value(), 1); // a is now the most recent
        const auto evicted = cache.put("d", 4);
        QCOMPARE(evicted.value(), std::string("b"));
        QVERIFY(!cache.get("b").has_value());
        QCOMPARE(cache.keysByRecency(), (std::vector<std::string>{"d", "a", "c"}));
        QCOMPARE(cache.put("e", 5).value(), std::string("c"));
        QCOMPARE(cache.size(), std::size_t(3));
    }

    void lruUpdateMovesToFront()
    {
        lru::LruCache<int, std::string> cache(2);
        cache.put(1, "one");
        cache.put(2, "two");
        QVERIFY(!cache.put(1, "ONE")); // an update never evicts
        QCOMPARE(cache.keysByRecency(), (std::vector<int>{1, 2}));
        QCOMPARE(cache.put(3, "three").value(), 2);
        QCOMPARE(cache.get(1).value(), std::string("ONE"));
        QVERIFY(!cache.get(99).has_value());
        // A miss changes nothing.
        QCOMPARE(cache.keysByRecency(), (std::vector<int>{1, 3}));
    }

    void lruErase()
    {
        lru::LruCache<int, int> cache(2);
        cache.put(1, 1);
        cache.put(2, 2);
        QVERIFY(cache.erase(1));
        QVERIFY(!cache.erase(1));
        QVERIFY(!cache.put(3, 3)); // room was made by the erase
        QCOMPARE(cache.keysByRecency(), (std::vector<int>{3, 2}));
    }

    void lruMatchesSimpleModel()
    {
        // A vector ordered by recency is slow but obviously right.
        lru::LruCache<int, int> cache(4);
        std::vector<std::pair<int, int>> model;
        std::mt19937 rng(42);
        std::uniform_int_distribution<int> key(0, 9);
        for (int step = 0; step < 2000; ++step) {
            const int k = key(rng);
            const auto found = std::ranges::find(model, k, &std::pair<int, int>::first);
            if (step % 3 == 0) {
                const auto got = cache.get(k);
                QCOMPARE(got.has_value(), found != model.end());
                if (found != model.end()) {
                    QCOMPARE(*got, found->second);
                    const auto entry = *found;
                    model.erase(found);
                    model.insert(model.begin(), entry);
                }
            } else {
                const auto evicted = cache.put(k, step);
                std::optional<int> expected;
                if (found != model.end()) {
                    model.erase(found);
                } else if (model.size() == 4) {
                    expected = model.back().first;
                    model.pop_back();
                }
                model.insert(model.begin(), {k, step});
                QCOMPARE(evicted, expected);
            }
            std::vector<int> keys;
            for (const auto &e : model)
                keys.push_back(e.first);
            QCOMPARE(cache.keysByRecency(), keys);
        }
    }

    void lruRejectsZeroCapacity()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (lru::LruCache<int, int>(0)));
    }

    // --- call center ---
    void callsGoToLeastSeniorFreeEmployee()
    {
        using namespace callcenter;
        CallCenter center;
        const EmployeeId op1 = center.hire("Ana", Rank::Operator);
        const EmployeeId op2 = center.hire("Ben", Rank::Operator);
        const EmployeeId sup = center.hire("Cy", Rank::Supervisor);
        const EmployeeId dir = center.hire("Di", Rank::Director);
        const CallId c1 = center.receive();
        const CallId c2 = center.receive();
        const CallId c3 = center.receive();
        const CallId c4 = center.receive();
        const CallId c5 = center.receive();
        QCOMPARE(center.call(c1).handler, op1);
        QCOMPARE(center.call(c2).handler, op2);
        QCOMPARE(center.call(c3).handler, sup); // operators busy
        QCOMPARE(center.call(c4).handler, dir);
        QCOMPARE(center.call(c5).state, CallState::Waiting);
        QVERIFY(!center.call(c5).handler);
        QCOMPARE(center.waiting(), std::size_t(1));
        QCOMPARE(center.employee(op1).current, c1);

        // Finishing a call hands the free operator the waiting one.
        center.complete(c1);
        QCOMPARE(center.call(c1).state, CallState::Complete);
        QCOMPARE(center.call(c5).handler, op1);
        QCOMPARE(center.waiting(), std::size_t(0));
    }

    void escalationClimbsTheLadder()
    {
        using namespace callcenter;
        CallCenter center;
        const EmployeeId op = center.hire("Ana", Rank::Operator);
        const EmployeeId sup = center.hire("Cy", Rank::Supervisor);
        const EmployeeId dir = center.hire("Di", Rank::Director);
        const CallId c = center.receive();
        QCOMPARE(center.call(c).handler, op);
        center.escalate(c);
        QCOMPARE(center.call(c).handler, sup);
        QCOMPARE(center.call(c).minimumRank, Rank::Supervisor);
        QVERIFY(!center.employee(op).current);
        center.escalate(c);
        QCOMPARE(center.call(c).handler, dir);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, center.escalate(c));
        QCOMPARE(center.call(c).handler, dir); // the failed escalation changed nothing
    }

    void escalationAboveTheCurrentHandler()
    {
        using namespace callcenter;
        CallCenter center;
        const EmployeeId op = center.hire("Ana", Rank::Operator);
        const EmployeeId sup = center.hire("Cy", Rank::Supervisor);
        const EmployeeId dir = center.hire("Di", Rank::Director);
        const CallId first = center.receive();
        const CallId second = center.receive(); // operator busy: the supervisor takes it
        QCOMPARE(center.call(first).handler, op);
        QCOMPARE(center.call(second).handler, sup);
        center.escalate(second);
        // It must not come back to the supervisor who just passed it on.
        QCOMPARE(center.call(second).handler, dir);
        QCOMPARE(center.call(second).minimumRank, Rank::Director);
    }

    void escalatedCallsWaitAtTheFront()
    {
        using namespace callcenter;
        CallCenter center;
        const EmployeeId op = center.hire("Ana", Rank::Operator);
        const CallId c1 = center.receive();
        const CallId c2 = center.receive();
        QCOMPARE(center.waiting(), std::size_t(1));
        // No supervisor yet: the escalated call waits ahead of c2, and the
        // freed operator, who may not take it, answers c2.
        center.escalate(c1);
        QCOMPARE(center.call(c1).state, CallState::Waiting);
        QCOMPARE(center.call(c2).handler, op);
        QCOMPARE(center.waiting(), std::size_t(1));
        const CallId c3 = center.receive();
        QCOMPARE(center.waiting(), std::size_t(2));
        // A new supervisor takes the escalated call, not the newer c3.
        const EmployeeId sup = center.hire("Cy", Rank::Supervisor);
        QCOMPARE(center.call(c1).handler, sup);
        QCOMPARE(center.call(c3).state, CallState::Waiting);
        // An operator never takes a call that needs a supervisor.
        center.escalate(c2);
        QCOMPARE(center.call(c2).state, CallState::Waiting);
        QCOMPARE(center.call(c3).handler, op);
    }

    void escalatedCallGoesBeforeOlderWaitingCalls()
    {
        using namespace callcenter;
        CallCenter center;
        const EmployeeId op = center.hire("Ana", Rank::Operator);
        const EmployeeId sup = center.hire("Cy", Rank::Supervisor);
        const CallId c1 = center.receive();
        const CallId c2 = center.receive();
        const CallId c3 = center.receive();
        const CallId c4 = center.receive();
        QCOMPARE(center.call(c2).handler, sup);
        center.escalate(c1); // waits, at the front; the operator takes c3
        QCOMPARE(center.call(c3).handler, op);
        center.complete(c2);
        // The supervisor could take c4 (older in the queue) or c1; c1 wins.
        QCOMPARE(center.call(c1).handler, sup);
        QCOMPARE(center.call(c4).state, CallState::Waiting);
    }

    void callCenterRejectsUnknownCalls()
    {
        using namespace callcenter;
        CallCenter center;
        center.hire("Ana", Rank::Operator);
        const CallId c = center.receive();
        center.complete(c);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, center.complete(c));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, center.escalate(c));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, center.complete(12345));
    }

    // --- deck of cards ---
    void standardDeckDealsEveryCardOnce()
    {
        cards::Deck deck = cards::Deck::standard();
        QCOMPARE(deck.size(), std::size_t(52));
        std::set<std::pair<int, int>> seen;
        while (auto card = deck.deal())
            seen.insert({card->rank(), int(card->suit())});
        QCOMPARE(seen.size(), std::size_t(52));
        QCOMPARE(deck.remaining(), std::size_t(0));
        QVERIFY(!deck.deal().has_value());
    }

    void shuffleIsASeededPermutation()
    {
        cards::Deck a = cards::Deck::standard();
        cards::Deck b = cards::Deck::standard();
        cards::Deck unshuffled = cards::Deck::standard();
        a.deal();
        std::mt19937 rngA(7);
        std::mt19937 rngB(7);
        a.shuffle(rngA);
        b.shuffle(rngB);
        QCOMPARE(a.remaining(), std::size_t(52)); // the dealt card is back
        std::vector<cards::Card> orderA;
        std::vector<cards::Card> orderB;
        std::vector<cards::Card> original;
        while (auto c = a.deal())
            orderA.push_back(*c);
        while (auto c = b.deal())
            orderB.push_back(*c);
        while (auto c = unshuffled.deal())
            original.push_back(*c);
        QVERIFY(orderA == orderB);
        QVERIFY(orderA != original);
        QVERIFY(std::ranges::is_permutation(orderA, original));
    }

    void cardRejectsBadRank()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cards::Card(0, cards::Suit::Hearts));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cards::Card(14, cards::Suit::Hearts));
    }

    void blackjackScore_data()
    {
        QTest::addColumn<QString>("ranks");
        QTest::addColumn<int>("score");
        QTest::addColumn<bool>("soft");
        QTest::addColumn<bool>("bust");
        QTest::addColumn<bool>("blackjack");
        QTest::newRow("natural") << "A K" << 21 << true << false << true;
        QTest::newRow("two aces") << "A A" << 12 << true << false << false;
        QTest::newRow("two aces and nine") << "A A 9" << 21 << true << false << false;
        QTest::newRow("ace must drop to one") << "A 5 K" << 16 << false << false << false;
        QTest::newRow("four aces") << "A A A A" << 14 << true << false << false;
        QTest::newRow("three-card 21") << "7 7 7" << 21 << false << false << false;
        QTest::newRow("faces are ten") << "J Q" << 20 << false << false << false;
        QTest::newRow("bust") << "K Q 2" << 22 << false << true << false;
        QTest::newRow("ace cannot save it") << "K Q A A" << 22 << false << true << false;
        QTest::newRow("ace high after a draw") << "A 9 A" << 21 << true << false << false;
        QTest::newRow("empty") << "" << 0 << false << false << false;
    }

    void blackjackScore()
    {
        QFETCH(QString, ranks);
        const cards::BlackjackHand hand = handOf(ranks);
        QTEST(hand.score(), "score");
        QTEST(hand.isSoft(), "soft");
        QTEST(hand.isBust(), "bust");
        QTEST(hand.isBlackjack(), "blackjack");
    }

    // --- parking lot ---
    void vehiclesTakeTheSmallestSpotThatFits()
    {
        using namespace parking;
        using enum SpotSize;
        ParkingLot lot({Level({{Motorcycle, Compact, Large}})});
        QCOMPARE(lot.freeSpots(), std::size_t(3));
        QCOMPARE(lot.park({"C1", VehicleKind::Car})->firstSpot, std::size_t(1));
        QCOMPARE(lot.park({"M1", VehicleKind::Motorcycle})->firstSpot, std::size_t(0));
        QCOMPARE(lot.park({"C2", VehicleKind::Car})->firstSpot, std::size_t(2));
        QVERIFY(lot.isFull());
        QVERIFY(!lot.park({"M2", VehicleKind::Motorcycle}));
        // A motorcycle falls back to a bigger spot when its own are taken.
        QVERIFY(lot.leave("C1"));
        QCOMPARE(lot.park({"M2", VehicleKind::Motorcycle})->firstSpot, std::size_t(1));
        QCOMPARE(lot.vehicles(), std::size_t(3));
    }

    void carDoesNotFitAMotorcycleSpot()
    {
        using namespace parking;
        ParkingLot lot({Level({{SpotSize::Motorcycle, SpotSize::Motorcycle}})});
        QVERIFY(!lot.park({"C1", VehicleKind::Car}));
        QVERIFY(!lot.whereIs("C1"));
        QCOMPARE(lot.freeSpots(), std::size_t(2));
    }

    void busNeedsFiveLargeSpotsInARow()
    {
        using namespace parking;
        using enum SpotSize;
        // Eight large spots on level 0 but split 4 + 4 across rows, and a
        // compact spot breaking the run in level 1's row.
        ParkingLot lot({Level({{Large, Large, Large, Large}, {Large, Large, Large, Large}}),
                        Level({{Large, Large, Compact, Large, Large, Large, Large, Large}})});
        const auto bus = lot.park({"BUS", VehicleKind::Bus});
        QVERIFY(bus);
        QCOMPARE(*bus, (Placement{1, 0, 3, 5}));
        QCOMPARE(lot.freeSpots(), std::size_t(11));
        QVERIFY(!lot.park({"BUS2", VehicleKind::Bus}));
        QVERIFY(lot.leave("BUS"));
        QCOMPARE(lot.freeSpots(), std::size_t(16));
        QVERIFY(lot.park({"BUS2", VehicleKind::Bus}));
    }

    void smallSpotsAreUsedBeforeLargeOnesOnAnyLevel()
    {
        using namespace parking;
        ParkingLot lot({Level({{SpotSize::Large}}), Level({{SpotSize::Compact}})});
        QCOMPARE(lot.park({"C1", VehicleKind::Car})->level, std::size_t(1));
        QCOMPARE(lot.park({"C2", VehicleKind::Car})->level, std::size_t(0));
        QCOMPARE(lot.whereIs("C1")->level, std::size_t(1));
    }

    void parkingRejectsBadRequests()
    {
        using namespace parking;
        ParkingLot lot({Level({{SpotSize::Large, SpotSize::Large}})});
        QVERIFY(lot.park({"C1", VehicleKind::Car}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lot.park({"C1", VehicleKind::Car}));
        QCOMPARE(lot.freeSpots(), std::size_t(1)); // the duplicate took nothing
        QVERIFY(!lot.leave("nobody"));
        QCOMPARE(lot.vehicles(), std::size_t(1));
    }

    // --- chat server ---
    void friendRequests()
    {
        using namespace chat;
        ChatServer server;
        const UserId ann = server.addUser("ann");
        const UserId bob = server.addUser("bob");
        const UserId cat = server.addUser("cat");
        server.requestFriend(ann, bob);
        QVERIFY(!server.areFriends(ann, bob));
        server.answerRequest(bob, ann, true);
        QVERIFY(server.areFriends(ann, bob));
        QVERIFY(server.areFriends(bob, ann));
        QVERIFY_THROWS_EXCEPTION(ChatError, server.answerRequest(bob, ann, true));
        QVERIFY_THROWS_EXCEPTION(ChatError, server.requestFriend(ann, bob));

        server.requestFriend(cat, ann);
        server.answerRequest(ann, cat, false);
        QVERIFY(!server.areFriends(ann, cat));
        QVERIFY(server.user(ann).pendingFrom.empty());

        // Asking each other is a yes from both sides.
        server.requestFriend(bob, cat);
        server.requestFriend(cat, bob);
        QVERIFY(server.areFriends(bob, cat));
        QVERIFY_THROWS_EXCEPTION(ChatError, server.requestFriend(ann, ann));
        QVERIFY_THROWS_EXCEPTION(ChatError, server.requestFriend(ann, 999));
    }

    void privateChatsAreBetweenFriends()
    {
        using namespace chat;
        ChatServer server;
        const UserId ann = server.addUser("ann");
        const UserId bob = server.addUser("bob");
        QVERIFY_THROWS_EXCEPTION(ChatError, server.privateChat(ann, bob));
        server.requestFriend(ann, bob);
        server.answerRequest(bob, ann, true);
        const ChatId c = server.privateChat(ann, bob);
        QCOMPARE(server.privateChat(bob, ann), c); // one chat per pair
        server.post(c, ann, "hi");
        server.post(c, bob, "hello");
        const auto &msgs = server.chat(c).messages;
        QCOMPARE(msgs.size(), std::size_t(2));
        QCOMPARE(msgs[0].author, ann);
        QCOMPARE(msgs[1].text, std::string("hello"));
        QVERIFY(msgs[0].seq < msgs[1].seq);
        QVERIFY_THROWS_EXCEPTION(ChatError, server.invite(c, ann, bob));
    }

    void groupRooms()
    {
        using namespace chat;
        ChatServer server;
        const UserId ann = server.addUser("ann");
        const UserId bob = server.addUser("bob");
        const UserId eve = server.addUser("eve");
        server.requestFriend(ann, bob);
        server.answerRequest(bob, ann, true);
        const ChatId room = server.createGroup(ann, "design");
        QVERIFY_THROWS_EXCEPTION(ChatError, server.invite(room, ann, eve)); // not a friend
        QVERIFY_THROWS_EXCEPTION(ChatError, server.invite(room, bob, ann)); // bob not a member
        QCOMPARE(server.chat(room).members, (std::set<UserId>{ann}));
        server.invite(room, ann, bob);
        QCOMPARE(server.chat(room).members, (std::set<UserId>{ann, bob}));
        QVERIFY_THROWS_EXCEPTION(ChatError, server.post(room, eve, "let me in"));
        QVERIFY_THROWS_EXCEPTION(ChatError, server.post(room, bob, ""));
        const long long first = server.post(room, bob, "first");
        const long long second = server.post(room, ann, "second");
        QVERIFY(second > first);
        QCOMPARE(server.chat(room).messages.size(), std::size_t(2));
        QCOMPARE(server.chatsOf(bob), (std::vector<ChatId>{room}));
        server.leave(room, bob);
        QVERIFY_THROWS_EXCEPTION(ChatError, server.post(room, bob, "still here?"));
        QVERIFY_THROWS_EXCEPTION(ChatError, server.leave(room, bob));
        QVERIFY(server.chatsOf(bob).empty());
        QVERIFY_THROWS_EXCEPTION(ChatError, server.chat(4242));
    }

    void removingAUserKeepsHistory()
    {
        using namespace chat;
        ChatServer server;
        const UserId ann = server.addUser("ann");
        const UserId bob = server.addUser("bob");
        server.requestFriend(ann, bob);
        server.answerRequest(bob, ann, true);
        const ChatId room = server.createGroup(ann, "team");
        server.invite(room, ann, bob);
        server.post(room, bob, "bye");
        server.removeUser(bob);
        QVERIFY_THROWS_EXCEPTION(ChatError, server.user(bob));
        QVERIFY(server.user(ann).friends.empty());
        QCOMPARE(server.chat(room).members, (std::set<UserId>{ann}));
        QCOMPARE(server.chat(room).messages.size(), std::size_t(1));
        QCOMPARE(server.chat(room).messages[0].author, bob);
        QVERIFY_THROWS_EXCEPTION(ChatError, server.removeUser(bob));
    }
};

QTEST_APPLESS_MAIN(TestOod)
#include "tst_ood.moc"
