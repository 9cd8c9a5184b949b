#include "app/studio/lab/chartspanel.h"
#include "tests/core/filesizelimit.h"

#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QLineSeries>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <vector>

using namespace sds::gui;
using sds::sim::Sample;

namespace {

enum Tab { Throughput, Latency, Errors, Utilisation, HitRatio, StaleReads };

// A sample whose figures are easy to recognise: they follow from @p time.
Sample sample(double time, int nodes)
{
    Sample s;
    s.time = time;
    s.throughput = 100 + time;
    s.errorRate = time / 10;
    s.p50 = 0.001 * time; // seconds
    s.p95 = 0.002 * time;
    s.p99 = 0.004 * time;
    s.staleReads = std::uint64_t(time) % 3;
    s.hitRatio = int(time) % 4 == 0 ? -1 : 0.5 + time / 1000; // some intervals without lookups
    for (int n = 0; n < nodes; ++n)
        s.utilization.push_back(float(0.1 * (n + 1)));
    s.queue.assign(std::size_t(nodes), 0);
    s.up.assign(std::size_t(nodes), 1);
    return s;
}

std::vector<Sample> samples(double from, int count, int nodes)
{
    std::vector<Sample> out;
    for (int i = 0; i < count; ++i)
        out.push_back(sample(from + i, nodes));
    return out;
}

// A chart that is not in view is filled when it comes into view, as when a
// user clicks its tab (these panels are never shown on screen).
void bringIntoView(const ChartsPanel &panel, int tab)
{
    auto *tabs = panel.findChild<QTabWidget *>();
    if (!tabs || tab < 0 || tab >= tabs->count())
        return;
    tabs->setCurrentIndex((tab + 1) % tabs->count());
    tabs->setCurrentIndex(tab);
}

QChart *chart(const ChartsPanel &panel, int tab)
{
    auto *view = panel.findChild<QChartView *>(QStringLiteral("chart%1").arg(tab));
    return view ? view->chart() : nullptr;
}

QLineSeries *series(const ChartsPanel &panel, int tab, const QString &name)
{
    bringIntoView(panel, tab);
    const QChart *c = chart(panel, tab);
    if (!c)
        return nullptr;
    for (QAbstractSeries *s : c->series()) {
        if (s->objectName() == name)
            return qobject_cast<QLineSeries *>(s);
    }
    return nullptr;
}

int seriesIndex(const ChartsPanel &panel, int tab, const QString &name)
{
    const QList<QAbstractSeries *> all = chart(panel, tab)->series();
    for (int i = 0; i < all.size(); ++i) {
        if (all.at(i)->objectName() == name)
            return i;
    }
    return -1;
}

QValueAxis *axis(const ChartsPanel &panel, int tab, Qt::Orientation orientation)
{
    bringIntoView(panel, tab);
    const auto axes = chart(panel, tab)->axes(orientation);
    return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis *>(axes.first());
}

// A small CSV reader: fields may be quoted, with "" for a quote.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() &&
                text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            row << field;
            field.clear();
            rows << row;
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestChartsPanel : public QObject
{
    Q_OBJECT

private slots:
    void hugeJumpsKeepTheTickCountSmall()
    {
        // A run that jumps from a trickle to 20,000 rps once hung the window:
        // the axis was given the wide range before the coarse tick interval
        // and laid out a hundred thousand ticks. Every axis must stay readable
        // after each step.
        ChartsPanel panel;
        panel.setNodes({QStringLiteral("a"), QString(), QStringLiteral("b")});
        for (const double rate : {0.5, 20000.0, 3.0, 150000.0, 1.0}) {
            Sample s = sample(1, 3);
            s.throughput = rate;
            s.errorRate = rate / 2;
            panel.addSamples({s});
            for (int tab = 0; tab < 6; ++tab) {
                for (QAbstractAxis *axis : chart(panel, tab)->axes()) {
                    auto *v = qobject_cast<QValueAxis *>(axis);
                    QVERIFY(v);
                    QVERIFY2((v->max() - v->min()) / v->tickInterval() <= 20,
                             qPrintable(QStringLiteral("tab %1: %2..%3 by %4")
                                            .arg(tab)
                                            .arg(v->min())
                                            .arg(v->max())
                                            .arg(v->tickInterval())));
                }
            }
        }
        // Clients (empty ids) get no utilisation line and no CSV column.
        QCOMPARE(chart(panel, Utilisation)->series().size(), 2);
        QVERIFY(!panel.csv().contains(QStringLiteral("util_,")));
        QVERIFY(panel.csv().section(u'\n', 0, 0).endsWith(QStringLiteral("util_a,util_b")));
    }

    void fillsEveryTab()
    {
        ChartsPanel panel;
        panel.setNodes({QStringLiteral("web"), QStringLiteral("db")});
        // Two batches: a few points (appended) and many (put in at once).
        panel.addSamples(samples(1, 4, 2));
        panel.addSamples(samples(5, 16, 2));
        const int n = 20;
        QCOMPARE(panel.pointCount(Throughput), n);
        for (int line = 0; line < 3; ++line)
            QCOMPARE(panel.pointCount(Latency, line), n);
        QCOMPARE(panel.pointCount(Errors), n);
        QCOMPARE(panel.pointCount(Utilisation, 0), n);
        QCOMPARE(panel.pointCount(Utilisation, 1), n);
        QCOMPARE(panel.pointCount(HitRatio), n - 5); // times 4, 8, 12, 16, 20 have no lookups
        QCOMPARE(panel.pointCount(StaleReads), n);
        QCOMPARE(panel.pointCount(Latency, 3), 0);
        QCOMPARE(panel.pointCount(Utilisation, 2), 0);
        QCOMPARE(panel.pointCount(6), 0);
        QCOMPARE(panel.pointCount(-1), 0);

        const QLineSeries *p99 = series(panel, Latency, QStringLiteral("p99"));
        QVERIFY(p99);
        QCOMPARE(p99->at(9).x(), 10.0);
        QCOMPARE(p99->at(9).y(), 40.0); // 0.040 s shown in ms
        QCOMPARE(series(panel, Latency, QStringLiteral("p50"))->at(9).y(), 10.0);
        QCOMPARE(series(panel, Throughput, QStringLiteral("throughput"))->at(0).y(), 101.0);
        QCOMPARE(series(panel, Errors, QStringLiteral("errors"))->at(4).y(), 0.5);
        // Utilisation comes as a float fraction.
        QCOMPARE(float(series(panel, Utilisation, QStringLiteral("util/db"))->at(0).y()), 20.0f);
        QCOMPARE(series(panel, Utilisation, QStringLiteral("util/db"))->name(),
                 QStringLiteral("db"));
        const QLineSeries *hits = series(panel, HitRatio, QStringLiteral("hitRatio"));
        QCOMPARE(hits->at(0).x(), 1.0);
        QCOMPARE(hits->at(3).x(), 5.0); // 4 skipped
        QCOMPARE(hits->at(3).y(), 50.5);
        QCOMPARE(series(panel, StaleReads, QStringLiteral("staleReads"))->at(2).y(), 0.0);

        // The axes cover the data: all of the time so far, the values with headroom.
        const QValueAxis *x = axis(panel, Latency, Qt::Horizontal);
        const QValueAxis *y = axis(panel, Latency, Qt::Vertical);
        QCOMPARE(x->min(), 0.0);
        QCOMPARE(x->max(), 20.0);
        QVERIFY(y->max() > 80.0 && y->max() <= 160.0);
        QCOMPARE(y->min(), 0.0);
        QVERIFY(axis(panel, Utilisation, Qt::Vertical)->max() <= 100.0);

        // New nodes: a new utilisation chart, and the old lines go.
        panel.setNodes({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        QCOMPARE(panel.pointCount(Throughput), 0);
        QCOMPARE(panel.pointCount(Utilisation, 2), 0);
        panel.addSamples(samples(1, 2, 3));
        QCOMPARE(panel.pointCount(Utilisation, 2), 2);
        QVERIFY(!series(panel, Utilisation, QStringLiteral("util/db")));
    }

    void chartsOutOfViewCatchUpWhenShown()
    {
        ChartsPanel panel;
        panel.setNodes({QStringLiteral("web")});
        panel.resize(800, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *tabs = panel.findChild<QTabWidget *>();
        tabs->setCurrentIndex(Throughput);
        panel.addSamples(samples(1, 8, 1));
        const QChart *latency = chart(panel, Latency);
        const auto *p99 = qobject_cast<QLineSeries *>(latency->series().at(2));
        QCOMPARE(p99->count(), 0);                 // not drawn while out of view
        QCOMPARE(panel.pointCount(Latency, 2), 8); // but not lost
        QCOMPARE(qobject_cast<QLineSeries *>(chart(panel, Throughput)->series().first())->count(),
                 8);
        tabs->setCurrentIndex(Latency);
        QCOMPARE(p99->count(), 8);
    }

    void scrollsOverTheLastTwoMinutes()
    {
        ChartsPanel panel;
        panel.setNodes({QStringLiteral("web")});
        for (int t = 1; t <= 600; t += 10)
            panel.addSamples(samples(t, 10, 1));
        const QValueAxis *x = axis(panel, Throughput, Qt::Horizontal);
        QCOMPARE(x->max(), 600.0);
        QCOMPARE(x->min(), 480.0);
        // Old points leave the series (they stay in the CSV), so a long run
        // does not slow the charts down.
        QVERIFY(panel.pointCount(Throughput) >= 120);
        QVERIFY(panel.pointCount(Throughput) <= 241);
        QCOMPARE(parseCsv(panel.csv()).size(), 601);
        // The y axis follows what is shown: throughput 580..700 here.
        const QValueAxis *y = axis(panel, Throughput, Qt::Vertical);
        QVERIFY2(y->max() >= 700 && y->max() <= 1000, qPrintable(QString::number(y->max())));
    }

    void pinKeepsTheRunUnderTheNextOne()
    {
        ChartsPanel panel;
        QVERIFY(!panel.hasPin());
        panel.pin(); // nothing to pin yet
        QVERIFY(!panel.hasPin());

        panel.setNodes({QStringLiteral("web")});
        panel.addSamples(samples(1, 30, 1));
        panel.pin();
        QVERIFY(panel.hasPin());
        const QLineSeries *pinned = series(panel, Latency, QStringLiteral("pinned/p99"));
        QVERIFY(pinned);
        QCOMPARE(pinned->count(), 30);
        QCOMPARE(pinned->pen().style(), Qt::DashLine);
        QVERIFY(pinned->pen().color().hsvSaturation() < 40); // grey
        QCOMPARE(panel.pointCount(Latency, 2), 30);          // the current lines stay

        panel.clear();
        QVERIFY(panel.hasPin());
        for (int tab = Throughput; tab <= StaleReads; ++tab)
            QCOMPARE(panel.pointCount(tab), 0);
        QCOMPARE(pinned->count(), 30);
        QCOMPARE(parseCsv(panel.csv()).size(), 1); // header only

        // The next run, maybe of a changed design: the pin stays under it.
        panel.setNodes({QStringLiteral("web"), QStringLiteral("cache")});
        panel.addSamples(samples(1, 10, 2));
        QVERIFY(panel.hasPin());
        QCOMPARE(series(panel, Utilisation, QStringLiteral("pinned/util/web"))->count(), 30);
        QCOMPARE(panel.pointCount(Utilisation, 1), 10);
        QVERIFY(seriesIndex(panel, Latency, QStringLiteral("pinned/p99")) <
                seriesIndex(panel, Latency, QStringLiteral("p99")));
        QVERIFY(seriesIndex(panel, Utilisation, QStringLiteral("pinned/util/web")) <
                seriesIndex(panel, Utilisation, QStringLiteral("util/cache")));
        // The young run is shown over the pin's span, to compare like with like.
        QCOMPARE(axis(panel, Latency, Qt::Horizontal)->max(), 30.0);

        // Pinning again replaces the pin.
        panel.pin();
        QCOMPARE(series(panel, Latency, QStringLiteral("pinned/p99"))->count(), 10);
        // web is in the run that was pinned, so its line is pinned with it.
        QVERIFY(series(panel, Utilisation, QStringLiteral("pinned/util/web")));
        QCOMPARE(series(panel, Utilisation, QStringLiteral("pinned/util/web"))->count(), 10);
        QVERIFY(series(panel, Utilisation, QStringLiteral("pinned/util/cache")));
        QCOMPARE(series(panel, Utilisation, QStringLiteral("pinned/util/cache"))->count(), 10);

        panel.clearPin();
        QVERIFY(!panel.hasPin());
        QVERIFY(!series(panel, Latency, QStringLiteral("pinned/p99")));
        QCOMPARE(chart(panel, Latency)->series().size(), 3);
        QCOMPARE(panel.pointCount(Latency, 2), 10);
        QCOMPARE(axis(panel, Latency, Qt::Horizontal)->max(), 10.0);
    }

    void csvHasEverySampleSinceClear()
    {
        ChartsPanel panel;
        const QString odd = QStringLiteral("db \"main\", primary");
        panel.setNodes({QStringLiteral("web"), odd});
        panel.addSamples(samples(1, 3, 2));
        panel.clear(); // rows before this are gone
        const std::vector<Sample> added = samples(1, 8, 2);
        panel.addSamples(added);

        const QList<QStringList> rows = parseCsv(panel.csv());
        QCOMPARE(rows.size(), 1 + 8);
        QCOMPARE(rows.at(0),
                 (QStringList{QStringLiteral("time_s"), QStringLiteral("throughput_rps"),
                              QStringLiteral("error_rps"), QStringLiteral("p50_ms"),
                              QStringLiteral("p95_ms"), QStringLiteral("p99_ms"),
                              QStringLiteral("hit_ratio"), QStringLiteral("stale_reads"),
                              QStringLiteral("util_web"), QStringLiteral("util_") + odd}));
        for (int i = 0; i < 8; ++i) {
            const Sample &s = added[std::size_t(i)];
            const QStringList &row = rows.at(i + 1);
            QCOMPARE(row.size(), 10);
            QCOMPARE(row.at(0).toDouble(), s.time);
            QCOMPARE(row.at(1).toDouble(), s.throughput);
            QCOMPARE(row.at(2).toDouble(), s.errorRate);
            QCOMPARE(row.at(3).toDouble(), s.p50 * 1000);
            QCOMPARE(row.at(4).toDouble(), s.p95 * 1000);
            QCOMPARE(row.at(5).toDouble(), s.p99 * 1000);
            if (s.hitRatio < 0)
                QVERIFY(row.at(6).isEmpty());
            else
                QCOMPARE(row.at(6).toDouble(), s.hitRatio);
            QCOMPARE(row.at(7).toULongLong(), s.staleReads);
            QCOMPARE(row.at(8).toFloat(), s.utilization[0]);
            QCOMPARE(row.at(9).toFloat(), s.utilization[1]);
        }
        QVERIFY(rows.at(4).at(6).isEmpty()); // time 4: no lookups
    }

    void exportsCsvAtomically()
    {
        ChartsPanel panel;
        panel.setNodes({QStringLiteral("web")});
        panel.addSamples(samples(1, 5, 1));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("run.csv"));
        QString error;
        QVERIFY2(panel.exportCsv(path, &error), qPrintable(error));
        QVERIFY(error.isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), panel.csv());

        const QString bad = QStringLiteral("/proc/x/y.csv");
        QVERIFY(!panel.exportCsv(bad, &error));
        QVERIFY2(error.contains(bad), qPrintable(error));
        QVERIFY(!panel.exportCsv(bad, nullptr)); // no message wanted: still no crash

        // A longer run exported over the first file, with the disk refusing
        // bytes half-way: the first export stays whole, nothing is left beside it.
        const QByteArray before = panel.csv().toUtf8(); // what the file holds, checked above
        panel.addSamples(samples(6, 2000, 1));
        constexpr qint64 kLimit = 4096;
        QVERIFY(panel.csv().toUtf8().size() > 4 * kLimit);
        error.clear();
        {
            FileSizeLimit limit(kLimit);
            QVERIFY(limit.ok());
            QVERIFY(!panel.exportCsv(path, &error));
        }
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
        QFile kept(path);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), before);
        kept.close();
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("run.csv")});

        // With room to write, the same export replaces it.
        QVERIFY2(panel.exportCsv(path, &error), qPrintable(error));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(kept.readAll()), panel.csv());
    }

    void followsThePalette()
    {
        ChartsPanel panel;
        QPalette dark = panel.palette();
        dark.setColor(QPalette::Window, QColor(0x25, 0x27, 0x2b));
        dark.setColor(QPalette::Base, QColor(0x1b, 0x1d, 0x20));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        panel.setPalette(dark);
        const QValueAxis *y = axis(panel, Latency, Qt::Vertical);
        QVERIFY(y->titleBrush().color().lightness() > 180);
        QVERIFY(y->labelsBrush().color().lightness() > 128);
        QVERIFY(chart(panel, Latency)->legend()->labelColor().lightness() > 180);

        QPalette light = dark;
        light.setColor(QPalette::Window, Qt::white);
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::WindowText, Qt::black);
        panel.setPalette(light);
        QVERIFY(y->titleBrush().color().lightness() < 80);
        QVERIFY(y->labelsBrush().color().lightness() < 128);
    }
};

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
