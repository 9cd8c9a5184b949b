#pragma once

#include "core/diagram/diagramdata.h"

#include <QList>
#include <QString>
#include <QStringList>

/**
 * Back-of-the-envelope estimates, as an interview answer makes them: from
 * daily active users, requests per user, the read:write ratio, a peak
 * factor, the payload size, how long data is kept, what one server handles
 * and what share of the day's reads to cache, it derives request rates,
 * storage, bandwidth, cache memory and a server count. Each figure carries
 * its formula with the numbers filled in, so the learner can check the
 * arithmetic. Sizes use powers of two (1 KB = 2^10 bytes), as the primer's
 * table does.
 */
namespace sds::study {

struct EstimateInput {
    double dailyActiveUsers = 10'000'000;
    double requestsPerUserPerDay = 10;
    double readsPerWrite = 10; ///< read:write ratio as reads per write
    double peakFactor = 3;     ///< peak rate over the daily average
    double payloadBytes = 1024;
    double retentionYears = 5;
    double serverCapacityRps = 1000; ///< what one web server handles
    double cacheFraction = 0.2;      ///< share of a day's read volume kept in memory
};

struct Figure {
    QString key;   ///< stable, for tests and exports
    QString label; ///< for people
    double value = 0;
    QString unit;    ///< "rps", "B", "B/s" or "servers"
    QString formula; ///< with the numbers filled in
};

struct Estimate {
    QList<Figure> figures;
    QStringList errors; ///< what is wrong with the input; no figures then
    bool ok() const { return errors.isEmpty(); }
    const Figure *find(const QString &key) const;
};

Estimate estimate(const EstimateInput &in);

/** 1536 -> "1.5 KB"; powers of two, three significant digits. */
QString formatBytes(double bytes);
/** 1157.4 -> "1,157"; 12.3 -> "12.3". */
QString formatCount(double value);
/** A figure's value with its unit, e.g. "1.5 GB", "3,472 rps", "4 servers". */
QString formatFigure(const Figure &f);

/**
 * A lab diagram for these rates: users at the peak rate with the read share,
 * a load balancer, the web servers (up to eight nodes; beyond that each node
 * stands for several servers), a cache-aside cache and a relational database.
 */
diagram::DiagramData scenarioFor(const EstimateInput &in, const Estimate &e);

} // namespace sds::study
