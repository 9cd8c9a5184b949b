#include "../core/simtestutil.h"
#include "app/studio/lab/simrunner.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <cmath>
#include <memory>
#include <vector>

using namespace sds::gui;
using namespace simtest;
using Frame = std::shared_ptr<const LabFrame>;

namespace {

constexpr int kTimeout = 60000; // generous: the machine may be shared and sanitised
const QString C = QStringLiteral("client");
const QString S = QStringLiteral("server");

// Every frame the runner hands over, in order.
class Frames
{
public:
    explicit Frames(SimRunner &runner)
    {
        QObject::connect(&runner, &SimRunner::frameReady, &m_context,
                         [this](const Frame &f) { all.push_back(f); });
    }
    std::size_t size() const { return all.size(); }
    const LabFrame &last() const { return *all.back(); }

    std::vector<Frame> all;

private:
    QObject m_context; // disconnects when the collector goes
};

// Waits until the worker thread has handled every command sent so far, then
// delivers the frames it sent meanwhile. Knows one private detail: the
// worker thread is a child of the runner. A queued call to the thread's
// event dispatcher runs after the commands queued before it.
bool drain(SimRunner &runner)
{
    auto *thread = runner.findChild<QThread *>();
    if (!thread || !QTest::qWaitFor([&] { return thread->eventDispatcher() != nullptr; }, kTimeout))
        return false;
    QMetaObject::invokeMethod(
        thread->eventDispatcher(), [] {}, Qt::BlockingQueuedConnection);
    QCoreApplication::sendPostedEvents();
    return true;
}

// A client sending @p rate requests a second to one server with room for 800.
DiagramData simple(double rate = 200, double duration = 100000, double interval = 1)
{
    DiagramData d = diagram(
        {node(C, NodeKind::Client, client(rate)), node(S, NodeKind::WebServer, station(4, 5))},
        {edge(C, S)}, duration, 0, 7);
    d.run.sampleIntervalS = interval;
    return d;
}

const sds::sim::NodeMetrics &server(const LabFrame &f)
{
    return nodeMetrics(f.metrics, S);
}

} // namespace

class TestSimRunner : public QObject
{
    Q_OBJECT

private slots:
    void refusesADiagramWithoutClient()
    {
        SimRunner runner;
        Frames frames(runner);
        QSignalSpy states(&runner, &SimRunner::stateChanged);
        const DiagramData d = diagram({node(S, NodeKind::WebServer, station(1, 5))}, {}, 10, 0);
        const QStringList errors = runner.load(d);
        QVERIFY(!errors.isEmpty());
        QVERIFY2(errors.join(QLatin1Char(' ')).contains(QLatin1String("no client")),
                 qPrintable(errors.join(QLatin1Char(' '))));
        QCOMPARE(runner.state(), SimRunner::State::Empty);
        runner.run();
        runner.step();
        runner.reset();
        QVERIFY(drain(runner));
        QCOMPARE(runner.state(), SimRunner::State::Empty);
        QCOMPARE(states.count(), 0);
        QCOMPARE(frames.size(), std::size_t(0));
    }

    void loadMakesReadyAtTimeZero()
    {
        SimRunner runner;
        QSignalSpy spy(&runner, &SimRunner::frameReady);
        QSignalSpy states(&runner, &SimRunner::stateChanged);
        QVERIFY(spy.isValid());
        QCOMPARE(runner.load(simple()), QStringList());
        QCOMPARE(runner.state(), SimRunner::State::Ready);
        QCOMPARE(states.count(), 1);
        QCOMPARE(states.at(0).at(0).value<SimRunner::State>(), SimRunner::State::Ready);
        // The frame goes through a QVariant in the spy: the metatype is registered.
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, kTimeout);
        const auto frame = spy.at(0).at(0).value<Frame>();
        QVERIFY(frame);
        QCOMPARE(frame->simTime, 0.0);
        QVERIFY(!frame->finished);
        QVERIFY(frame->newSamples.empty());
        QCOMPARE(frame->metrics.nodes.size(), std::size_t(2));
    }

    void runsAsFastAsPossible()
    {
        SimRunner runner;
        Frames frames(runner);
        QSignalSpy states(&runner, &SimRunner::stateChanged);
        runner.setSpeed(0);
        QCOMPARE(runner.load(simple()), QStringList());
        runner.run();
        QCOMPARE(runner.state(), SimRunner::State::Running);
        QCOMPARE(states.count(), 2);
        QCOMPARE(states.at(1).at(0).value<SimRunner::State>(), SimRunner::State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 3 && frames.last().metrics.completed > 0,
                                 kTimeout);
        const auto completed = frames.last().metrics.completed;
        const double time = frames.last().simTime;
        QTRY_VERIFY_WITH_TIMEOUT(frames.last().metrics.completed > completed, kTimeout);
        QVERIFY(frames.last().simTime > time);
        QCOMPARE(runner.state(), SimRunner::State::Running);
        runner.pause();
    }

    void runsInSimulatedTimeAtASpeed()
    {
        SimRunner runner;
        Frames frames(runner);
        runner.setSpeed(20);
        QCOMPARE(runner.speed(), 20.0);
        QCOMPARE(runner.load(simple()), QStringList());
        runner.run();
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 2 && frames.last().simTime > 1, kTimeout);
        QCOMPARE(runner.state(), SimRunner::State::Running);
        runner.pause();
    }

    // Two runners over the same wall-clock span, one at 20 simulated seconds
    // a second and one at 5: the simulated times differ by the ratio of the
    // speeds, whatever the machine's load (both see the same wall clock). A
    // runner ignoring its speed would run both flat out, near a ratio of 1.
    void theSpeedSetsTheRatioOfSimulatedToWallTime()
    {
        SimRunner fast;
        SimRunner slow;
        Frames fastFrames(fast);
        Frames slowFrames(slow);
        fast.setSpeed(20);
        slow.setSpeed(5);
        QCOMPARE(fast.load(simple()), QStringList());
        QCOMPARE(slow.load(simple()), QStringList());
        fast.run();
        slow.run();
        QTRY_VERIFY_WITH_TIMEOUT(fastFrames.size() >= 2 && fastFrames.last().simTime > 12 &&
                                     slowFrames.size() >= 2,
                                 kTimeout);
        fast.pause();
        slow.pause();
        QVERIFY(drain(fast));
        QVERIFY(drain(slow));
        const double ratio = fastFrames.last().simTime / slowFrames.last().simTime;
        qInfo("%.2f s against %.2f s simulated: ratio %.2f", fastFrames.last().simTime,
              slowFrames.last().simTime, ratio);
        QVERIFY2(ratio > 2.5 && ratio < 6, qPrintable(QStringLiteral("%1 s against %2 s")
                                                          .arg(fastFrames.last().simTime)
                                                          .arg(slowFrames.last().simTime)));
    }

    void aBusyGuiGetsFewerFramesNotAQueue()
    {
        SimRunner runner;
        Frames frames(runner);
        runner.setSpeed(0);
        QCOMPARE(runner.load(simple(200, 100000, 0.1)), QStringList());
        runner.run();
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 3, kTimeout);
        QVERIFY(drain(runner));
        // The GUI thread is busy elsewhere for a few spells; the worker runs on.
        // Each spell may deliver one frame that waited and one sent right after
        // it was taken, never the backlog; and the worker must have moved on
        // meanwhile, or the bound would hold only because nothing ran.
        const double before = frames.last().simTime;
        constexpr int kSpells = 5;
        const std::size_t count = frames.size();
        for (int i = 0; i < kSpells; ++i) {
            QThread::msleep(300);
            QCoreApplication::sendPostedEvents();
        }
        QVERIFY2(frames.size() <= count + 2 * kSpells,
                 qPrintable(QString::number(frames.size() - count)));
        QVERIFY2(frames.size() > count && frames.last().simTime > before,
                 "the worker did not run while the GUI was busy");
        runner.pause();
        QVERIFY(drain(runner));
        // No sample was lost on the way: they rode along in the frames that went.
        std::vector<double> times;
        for (const Frame &f : frames.all) {
            for (const auto &s : f->newSamples)
                times.push_back(s.time);
        }
        QVERIFY(times.size() > 10);
        // Every interval, in order (sample times add up 0.1 s steps, so a long
        // run carries rounding in the last digits, not a missing sample).
        for (std::size_t i = 0; i < times.size(); ++i)
            QVERIFY2(
                std::abs(times[i] - 0.1 * double(i + 1)) < 1e-9 * double(i + 1),
                qPrintable(QStringLiteral("sample %1 at %2 s").arg(i).arg(times[i], 0, 'g', 17)));
    }

    void pauseStopsAndStepAdvancesOneInterval()
    {
        SimRunner runner;
        Frames frames(runner);
        QSignalSpy states(&runner, &SimRunner::stateChanged);
        runner.setSpeed(0);
        QCOMPARE(runner.load(simple(200, 100000, 0.5)), QStringList());
        runner.run();
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 3 && frames.last().simTime > 1, kTimeout);
        runner.pause();
        QCOMPARE(runner.state(), SimRunner::State::Paused);
        QVERIFY(drain(runner));
        const std::size_t count = frames.size();
        const double paused = frames.last().simTime;
        const auto completed = frames.last().metrics.completed;
        QTest::qWait(300);
        QVERIFY(drain(runner));
        QCOMPARE(frames.size(), count); // no ticks while paused
        QCOMPARE(frames.last().simTime, paused);
        QCOMPARE(frames.last().metrics.completed, completed);

        runner.step();
        QCOMPARE(runner.state(), SimRunner::State::Paused);
        QVERIFY(drain(runner));
        QCOMPARE(frames.size(), count + 1);
        QCOMPARE(frames.last().simTime, paused + 0.5);
        QVERIFY(frames.last().metrics.completed > completed);
        QTest::qWait(200);
        QVERIFY(drain(runner));
        QCOMPARE(frames.size(), count + 1); // and paused again
        QCOMPARE(states.last().at(0).value<SimRunner::State>(), SimRunner::State::Paused);

        // From time zero the steps land on the sample times, one sample each.
        runner.reset();
        QVERIFY(drain(runner));
        for (int i = 1; i <= 3; ++i) {
            runner.step();
            QVERIFY(drain(runner));
            QCOMPARE(frames.last().simTime, 0.5 * i);
            QCOMPARE(frames.last().newSamples.size(), std::size_t(1));
            QCOMPARE(frames.last().newSamples.front().time, 0.5 * i);
        }
    }

    void resetReproducesTheRun()
    {
        SimRunner runner;
        Frames frames(runner);
        QCOMPARE(runner.load(simple()), QStringList());
        auto threeSteps = [&] {
            for (int i = 0; i < 3; ++i)
                runner.step();
            return drain(runner);
        };
        QVERIFY(threeSteps());
        const double time = frames.last().simTime;
        const auto completed = frames.last().metrics.completed;
        const double p99 = frames.last().newSamples.back().p99;
        QCOMPARE(time, 3.0);
        QVERIFY(completed > 0);

        runner.reset();
        QCOMPARE(runner.state(), SimRunner::State::Ready);
        QVERIFY(drain(runner));
        QCOMPARE(frames.last().simTime, 0.0);
        QCOMPARE(frames.last().metrics.completed, std::uint64_t(0));
        QVERIFY(frames.last().newSamples.empty());

        QVERIFY(threeSteps());
        QCOMPARE(frames.last().simTime, time);
        QCOMPARE(frames.last().metrics.completed, completed);
        QCOMPARE(frames.last().newSamples.back().p99, p99);
    }

    void resetWhileRunningDropsTheOldRunsFrames()
    {
        SimRunner runner;
        Frames frames(runner);
        runner.setSpeed(0);
        QCOMPARE(runner.load(simple(2000)), QStringList());
        runner.run();
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 3, kTimeout);
        runner.reset();
        QCOMPARE(runner.state(), SimRunner::State::Ready);
        const std::size_t count = frames.size();
        // Frames of the old run may be queued still; none of them may show.
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() > count, kTimeout);
        QCOMPARE(frames.all[count]->simTime, 0.0);
        QVERIFY(frames.all[count]->newSamples.empty());
        QVERIFY(drain(runner));
        QCOMPARE(frames.size(), count + 1);
        QCOMPARE(runner.state(), SimRunner::State::Ready);
    }

    void rateScaleDoublesThroughput()
    {
        SimRunner runner;
        Frames frames(runner);
        DiagramData d = diagram(
            {node(C, NodeKind::Client, client(500)), node(S, NodeKind::WebServer, station(8, 1))},
            {edge(C, S)}, 1000, 0, 11);
        QCOMPARE(runner.load(d), QStringList());
        // Mean throughput of the samples in the next @p steps intervals.
        auto throughput = [&](int steps) {
            double sum = 0;
            for (int i = 0; i < steps; ++i) {
                runner.step();
                if (!drain(runner))
                    return -1.0;
                sum += frames.last().newSamples.back().throughput;
            }
            return sum / steps;
        };
        throughput(1); // the first interval starts empty
        const double before = throughput(5);
        runner.setLoadFactor(2);
        const double after = throughput(5);
        QVERIFY2(before > 400 && before < 600, qPrintable(QString::number(before)));
        QVERIFY2(after / before > 1.8 && after / before < 2.2,
                 qPrintable(QStringLiteral("%1 then %2").arg(before).arg(after)));

        // A factor set before load applies to the compiled rates.
        runner.setLoadFactor(0.5);
        QCOMPARE(runner.load(d), QStringList());
        QVERIFY(drain(runner));
        const double half = throughput(5);
        QVERIFY2(half > 200 && half < 300, qPrintable(QString::number(half)));
    }

    void failingTheOnlyServerFailsRequests()
    {
        SimRunner runner;
        Frames frames(runner);
        QCOMPARE(runner.load(simple()), QStringList());
        auto steps = [&](int n) {
            for (int i = 0; i < n; ++i)
                runner.step();
            return drain(runner);
        };
        QVERIFY(steps(2));
        QCOMPARE(frames.last().metrics.failed, std::uint64_t(0));
        QVERIFY(server(frames.last()).up);

        runner.failNode(QStringLiteral("no such node")); // ignored
        runner.failNode(S);
        QVERIFY(drain(runner));
        QVERIFY(!server(frames.last()).up); // shown at once, while paused
        QVERIFY(steps(2));
        const auto failed = frames.last().metrics.failed;
        QVERIFY(failed > 0);
        QVERIFY(frames.last().newSamples.back().errorRate > 0);

        runner.restoreNode(S);
        QVERIFY(steps(1));
        QVERIFY(server(frames.last()).up);
        const auto settled = frames.last().metrics.failed;
        const auto completed = frames.last().metrics.completed;
        QVERIFY(steps(3));
        QCOMPARE(frames.last().metrics.failed, settled);
        QVERIFY(frames.last().metrics.completed > completed);
        QCOMPARE(frames.last().newSamples.back().errorRate, 0.0);
    }

    void shortRunFinishes_data()
    {
        QTest::addColumn<double>("speed");
        QTest::newRow("as fast as possible") << 0.0;
        QTest::newRow("20x") << 20.0;
    }

    void shortRunFinishes()
    {
        QFETCH(double, speed);
        SimRunner runner;
        Frames frames(runner);
        QSignalSpy states(&runner, &SimRunner::stateChanged);
        runner.setSpeed(speed);
        DiagramData d = simple(200, 2);
        d.run.warmupS = 0.5;
        QCOMPARE(runner.load(d), QStringList());
        runner.run();
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), SimRunner::State::Finished, kTimeout);
        QCOMPARE(states.last().at(0).value<SimRunner::State>(), SimRunner::State::Finished);
        QVERIFY(drain(runner));
        QVERIFY(frames.last().finished);
        QVERIFY(!frames.last().overloaded);
        QCOMPARE(frames.last().simTime, 2.0);
        for (std::size_t i = 0; i + 1 < frames.size(); ++i)
            QVERIFY(!frames.all[i]->finished);

        // A finished run stays finished until reset.
        const std::size_t count = frames.size();
        runner.run();
        runner.step();
        QCOMPARE(runner.state(), SimRunner::State::Finished);
        QVERIFY(drain(runner));
        QCOMPARE(frames.size(), count);
        runner.reset();
        QCOMPARE(runner.state(), SimRunner::State::Ready);
        QVERIFY(drain(runner));
        QCOMPARE(frames.last().simTime, 0.0);
        QVERIFY(!frames.last().finished);
    }

    // The lab's run has no end of its own, but the engine keeps every sample:
    // the run stops once it holds seriesLimit() of them, and says why.
    void aRunStopsWhenItsSeriesIsFull()
    {
        SimRunner runner;
        Frames frames(runner);
        runner.setSpeed(0);
        DiagramData d = simple(50, 1e6, 0.001); // a sample every simulated millisecond
        QCOMPARE(runner.load(d), QStringList());
        runner.run();
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), SimRunner::State::Finished, kTimeout);
        QVERIFY(drain(runner));
        std::size_t samples = 0;
        for (const Frame &f : frames.all)
            samples += f->newSamples.size();
        const std::size_t limit = SimRunner::seriesLimit(2);
        QVERIFY2(samples >= limit && samples < limit + limit / 100,
                 qPrintable(QStringLiteral("%1 samples, limit %2").arg(samples).arg(limit)));
        QVERIFY(frames.last().finished);
        QVERIFY(frames.last().seriesFull);
        QVERIFY(!frames.last().overloaded);
        QVERIFY(frames.last().simTime < d.run.durationS);
        // Full stays full: Run does not resume it; Reset starts over.
        const std::size_t count = frames.size();
        runner.run();
        QVERIFY(drain(runner));
        QCOMPARE(frames.size(), count);
        runner.reset();
        QVERIFY(drain(runner));
        QVERIFY(!frames.last().seriesFull);
        QCOMPARE(frames.last().simTime, 0.0);
    }

    void destroyingARunningRunnerIsClean()
    {
        for (int wait = 0; wait < 3; ++wait) {
            auto runner = std::make_unique<SimRunner>();
            Frames frames(*runner);
            runner->setSpeed(0);
            QCOMPARE(runner->load(simple(5000)), QStringList());
            runner->run();
            if (wait > 0)
                QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= std::size_t(wait * 3), kTimeout);
            runner.reset();
        }
        SimRunner idle; // never loaded
    }

    void framesAreBoundedAndSamplesInOrder()
    {
        SimRunner runner;
        Frames frames(runner);
        runner.setSpeed(0);
        // 50 000 requests a second on a 200 ms link: about 10 000 in flight.
        Edge slow = edge(C, S, -1, 200);
        DiagramData d = diagram({node(C, NodeKind::Client, client(50000)),
                                 node(S, NodeKind::WebServer, station(64, 1))},
                                {slow}, 2, 0.5, 3);
        d.run.sampleIntervalS = 0.1;
        QCOMPARE(runner.load(d), QStringList());
        runner.run();
        QTRY_COMPARE_WITH_TIMEOUT(runner.state(), SimRunner::State::Finished, kTimeout);
        QVERIFY(drain(runner));

        std::size_t most = 0;
        std::vector<double> times;
        for (const Frame &f : frames.all) {
            QVERIFY(f->inFlight.size() <= SimRunner::kMaxDots);
            most = std::max(most, f->inFlight.size());
            for (const auto &s : f->newSamples)
                times.push_back(s.time);
        }
        QVERIFY2(most > SimRunner::kMaxDots / 2, qPrintable(QString::number(most)));
        QVERIFY2(times.size() >= 19, qPrintable(QString::number(times.size())));
        for (std::size_t i = 0; i < times.size(); ++i)
            QCOMPARE(times[i], 0.1 * double(i + 1));
    }
};

QTEST_MAIN(TestSimRunner)
#include "tst_simrunner.moc"
