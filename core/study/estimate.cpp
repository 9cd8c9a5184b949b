#include "core/study/estimate.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace sds::study {
namespace {

constexpr double kSecondsPerDay = 86'400;
constexpr double kDaysPerYear = 365;

QString num(double v)
{
    return formatCount(v);
}

} // namespace

const Figure *Estimate::find(const QString &key) const
{
    for (const Figure &f : figures) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

QString formatCount(double value)
{
    const QLocale c(QLocale::English);
    if (std::abs(value) >= 100)
        return c.toString(qlonglong(std::llround(value)));
    if (std::abs(value) >= 10)
        return c.toString(value, 'f', 1);
    return c.toString(value, 'g', 3);
}

QString formatBytes(double bytes)
{
    static const char *const units[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
    int i = 0;
    double v = bytes;
    while (std::abs(v) >= 1024 && i < 6) {
        v /= 1024;
        ++i;
    }
    const int decimals = i == 0 ? 0 : (v >= 100 ? 0 : (v >= 10 ? 1 : 2));
    return QStringLiteral("%1 %2").arg(QLocale(QLocale::English).toString(v, 'f', decimals),
                                       QLatin1StringView(units[i]));
}

QString formatFigure(const Figure &f)
{
    if (f.unit == u"B")
        return formatBytes(f.value);
    if (f.unit == u"B/s")
        return formatBytes(f.value) + QStringLiteral("/s");
    if (f.unit == u"servers")
        return QStringLiteral("%1 %2")
            .arg(qlonglong(f.value))
            .arg(f.value == 1 ? QStringLiteral("server") : QStringLiteral("servers"));
    return QStringLiteral("%1 %2").arg(formatCount(f.value), f.unit);
}

Estimate estimate(const EstimateInput &in)
{
    Estimate e;
    const auto need = [&](bool ok, const QString &message) {
        if (!ok)
            e.errors.append(message);
    };
    need(in.dailyActiveUsers > 0, QStringLiteral("Daily active users must be more than 0."));
    need(in.requestsPerUserPerDay > 0,
         QStringLiteral("Requests per user per day must be more than 0."));
    need(in.readsPerWrite >= 0, QStringLiteral("Reads per write cannot be negative."));
    need(in.peakFactor >= 1,
         QStringLiteral("The peak factor is at least 1 (the peak is never below the average)."));
    need(in.payloadBytes > 0, QStringLiteral("The payload must be at least 1 byte."));
    need(in.retentionYears > 0, QStringLiteral("Data must be kept for some time (years > 0)."));
    need(in.serverCapacityRps > 0,
         QStringLiteral("One server must handle more than 0 requests per second."));
    need(in.cacheFraction >= 0 && in.cacheFraction <= 1,
         QStringLiteral("The cached share is between 0 and 1 (e.g. 0.2 for 20 %)."));
    for (double v : {in.dailyActiveUsers, in.requestsPerUserPerDay, in.readsPerWrite, in.peakFactor,
                     in.payloadBytes, in.retentionYears, in.serverCapacityRps, in.cacheFraction})
        need(std::isfinite(v), QStringLiteral("Every input must be a finite number."));
    if (!e.ok())
        return e;

    const double perDay = in.dailyActiveUsers * in.requestsPerUserPerDay;
    const double writeShare = 1 / (in.readsPerWrite + 1);
    const double writesPerDay = perDay * writeShare;
    const double readsPerDay = perDay - writesPerDay;
    const double avg = perDay / kSecondsPerDay;
    const double avgWrites = writesPerDay / kSecondsPerDay;
    const double avgReads = readsPerDay / kSecondsPerDay;
    const double peak = avg * in.peakFactor;
    const double storagePerDay = writesPerDay * in.payloadBytes;
    const double storagePerYear = storagePerDay * kDaysPerYear;
    const double storageTotal = storagePerYear * in.retentionYears;
    const double cache = in.cacheFraction * readsPerDay * in.payloadBytes;
    const double servers = std::max(1.0, std::ceil(peak / in.serverCapacityRps));

    const auto add = [&](const char *key, const QString &label, double value, const char *unit,
                         const QString &formula) {
        e.figures.append(
            Figure{QString::fromUtf8(key), label, value, QString::fromUtf8(unit), formula});
    };
    add("requests_per_day", QStringLiteral("Requests per day"), perDay, "requests",
        QStringLiteral("%1 users × %2 requests")
            .arg(num(in.dailyActiveUsers), num(in.requestsPerUserPerDay)));
    add("average_rps", QStringLiteral("Average request rate"), avg, "rps",
        QStringLiteral("%1 requests ÷ 86,400 s").arg(num(perDay)));
    add("average_write_rps", QStringLiteral("Average writes"), avgWrites, "rps",
        QStringLiteral("%1 rps × 1 ÷ (%2 + 1)").arg(num(avg), num(in.readsPerWrite)));
    add("average_read_rps", QStringLiteral("Average reads"), avgReads, "rps",
        QStringLiteral("%1 rps − %2 rps writes").arg(num(avg), num(avgWrites)));
    add("peak_rps", QStringLiteral("Peak request rate"), peak, "rps",
        QStringLiteral("%1 rps × peak factor %2").arg(num(avg), num(in.peakFactor)));
    add("peak_write_rps", QStringLiteral("Peak writes"), avgWrites * in.peakFactor, "rps",
        QStringLiteral("%1 rps × %2").arg(num(avgWrites), num(in.peakFactor)));
    add("peak_read_rps", QStringLiteral("Peak reads"), avgReads * in.peakFactor, "rps",
        QStringLiteral("%1 rps × %2").arg(num(avgReads), num(in.peakFactor)));
    add("storage_per_day", QStringLiteral("New data per day"), storagePerDay, "B",
        QStringLiteral("%1 writes × %2").arg(num(writesPerDay), formatBytes(in.payloadBytes)));
    add("storage_per_year", QStringLiteral("New data per year"), storagePerYear, "B",
        QStringLiteral("%1 per day × 365").arg(formatBytes(storagePerDay)));
    add("storage_total", QStringLiteral("Data kept in total"), storageTotal, "B",
        QStringLiteral("%1 per year × %2 years")
            .arg(formatBytes(storagePerYear), num(in.retentionYears)));
    add("bandwidth_in", QStringLiteral("Bandwidth in (average)"), avgWrites * in.payloadBytes,
        "B/s",
        QStringLiteral("%1 writes/s × %2").arg(num(avgWrites), formatBytes(in.payloadBytes)));
    add("bandwidth_out", QStringLiteral("Bandwidth out (average)"), avgReads * in.payloadBytes,
        "B/s", QStringLiteral("%1 reads/s × %2").arg(num(avgReads), formatBytes(in.payloadBytes)));
    add("bandwidth_out_peak", QStringLiteral("Bandwidth out (peak)"),
        avgReads * in.peakFactor * in.payloadBytes, "B/s",
        QStringLiteral("%1 reads/s × %2")
            .arg(num(avgReads * in.peakFactor), formatBytes(in.payloadBytes)));
    add("cache_memory", QStringLiteral("Cache memory"), cache, "B",
        QStringLiteral("%1 of %2 reads a day × %3")
            .arg(QStringLiteral("%1 %").arg(num(in.cacheFraction * 100)), num(readsPerDay),
                 formatBytes(in.payloadBytes)));
    add("servers", QStringLiteral("Web servers for the peak"), servers, "servers",
        QStringLiteral("⌈%1 rps ÷ %2 rps per server⌉; add one to survive a failure")
            .arg(num(peak), num(in.serverCapacityRps)));
    return e;
}

diagram::DiagramData scenarioFor(const EstimateInput &in, const Estimate &e)
{
    using namespace diagram;
    DiagramData d;
    if (!e.ok())
        return d;
    d.name = QStringLiteral("Estimate: %1 users a day").arg(formatCount(in.dailyActiveUsers));
    d.description =
        QStringLiteral(
            "Built from a back-of-the-envelope estimate: the users send the peak rate of %1 rps, "
            "%2 % of it reads; %3 web servers of %4 rps each sit behind a load balancer, in front "
            "of a cache-aside cache and a relational database. Raise the load or fail a server to "
            "see how much headroom the estimate left.")
            .arg(formatCount(e.find(QStringLiteral("peak_rps"))->value))
            .arg(formatCount(100 * in.readsPerWrite / (in.readsPerWrite + 1)))
            .arg(qlonglong(e.find(QStringLiteral("servers"))->value))
            .arg(formatCount(in.serverCapacityRps));
    d.run.durationS = 120;
    d.run.warmupS = 10;

    const auto node = [&](const QString &id, NodeKind kind, const QString &label, double x,
                          double y, QVariantMap params) {
        Node n;
        n.id = id;
        n.kind = kind;
        n.label = label;
        n.x = x;
        n.y = y;
        n.params = std::move(params);
        d.nodes.append(n);
    };
    const auto edge = [&](const QString &from, const QString &to, double latencyMs) {
        Edge ed;
        ed.id = from + QStringLiteral("-") + to;
        ed.from = from;
        ed.to = to;
        ed.latencyMs = latencyMs;
        d.edges.append(ed);
    };
    const double peak = e.find(QStringLiteral("peak_rps"))->value;
    const int servers = int(e.find(QStringLiteral("servers"))->value);
    // Eight threads per server; the service time gives each server its capacity.
    const int perNode = (servers + 7) / 8; // at most eight nodes on the canvas
    const int nodes = (servers + perNode - 1) / perNode;
    const double serviceMs = 8 * 1000.0 / in.serverCapacityRps;
    node(QStringLiteral("users"), NodeKind::Client, QStringLiteral("Users"), 0, 300,
         {{QStringLiteral("rate_rps"), peak},
          {QStringLiteral("read_fraction"), in.readsPerWrite / (in.readsPerWrite + 1)}});
    node(QStringLiteral("lb"), NodeKind::LoadBalancer, QStringLiteral("Load balancer"), 260, 300,
         {});
    edge(QStringLiteral("users"), QStringLiteral("lb"), 20);
    for (int i = 0; i < nodes; ++i) {
        const QString id = QStringLiteral("web-%1").arg(i + 1);
        const QString label = perNode > 1
                                  ? QStringLiteral("Web servers %1 (×%2)").arg(i + 1).arg(perNode)
                                  : QStringLiteral("Web server %1").arg(i + 1);
        node(id, NodeKind::WebServer, label, 520, 300 + (i - (nodes - 1) / 2.0) * 90,
             {{QStringLiteral("servers"), 8 * perNode}, {QStringLiteral("service_ms"), serviceMs}});
        edge(QStringLiteral("lb"), id, 0.5);
        edge(id, QStringLiteral("cache"), 0.5);
    }
    node(QStringLiteral("cache"), NodeKind::Cache, QStringLiteral("Cache"), 800, 300,
         {{QStringLiteral("strategy"), QStringLiteral("cache_aside")},
          {QStringLiteral("servers"), 64}});
    node(QStringLiteral("db"), NodeKind::SqlDatabase, QStringLiteral("Database"), 1060, 300,
         {{QStringLiteral("servers"), 64}});
    edge(QStringLiteral("cache"), QStringLiteral("db"), 0.5);
    return d;
}

} // namespace sds::study
