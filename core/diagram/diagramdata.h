#pragma once

#include "core/diagram/catalogue.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

/**
 * The plain data of an architecture diagram: nodes with their parameters,
 * directed edges, the shared workload, scheduled faults and run settings.
 * Value types with no behaviour beyond look-ups, so the file format, the
 * document (Diagram, which adds editing and change signals) and the
 * simulation compiler can pass them around freely. Keys this version does
 * not know are kept in the `extra` objects and written back on save.
 */
namespace sds::diagram {

struct Node {
    QString id; ///< unique in the diagram; what edges, faults and the CLI refer to
    NodeKind kind = NodeKind::WebServer;
    QString label; ///< shown on the canvas; may be empty (the id is shown)
    double x = 0;  ///< canvas position, scene units
    double y = 0;
    QVariantMap params; ///< only values that differ from or repeat the defaults
    QJsonObject extra;  ///< unknown keys from the file

    /** The parameter's value, or the catalogue default when not set. */
    QVariant param(QStringView key) const;
    double real(QStringView key) const { return param(key).toDouble(); }
    int integer(QStringView key) const { return param(key).toInt(); }
    QString text(QStringView key) const { return param(key).toString(); }
    QString displayName() const { return label.isEmpty() ? id : label; }
};

/** Which requests an edge carries out of its source node. */
enum class EdgeRole { Any, Read, Write };

struct Edge {
    QString id;
    QString from;
    QString to;
    double latencyMs = 0; ///< one-way network latency, paid forward and on the response
    double weight = 1;    ///< share of traffic among sibling edges (weighted LB, routing)
    std::optional<double> probability; ///< routing probability; the rest leaves the network
    EdgeRole role = EdgeRole::Any;
    QJsonObject extra;
};

/** The key space all clients draw from, so caches and shards see one skew. */
struct Workload {
    qint64 keys = 10000; ///< distinct keys
    double zipf = 0.99;  ///< Zipf exponent; 0 is uniform
    QJsonObject extra;
};

/** A node down from @c atS for @c durationS simulated seconds. */
struct Fault {
    QString node;
    double atS = 0;
    double durationS = 0;
    QJsonObject extra;
};

struct RunSettings {
    quint64 seed = 1;
    double durationS = 60;      ///< simulated time of a run, warm-up included
    double warmupS = 5;         ///< statistics start after this
    double sampleIntervalS = 1; ///< time series step for charts
    QJsonObject extra;
};

struct DiagramData {
    QString name;
    QString description;
    QList<Node> nodes;
    QList<Edge> edges;
    Workload workload;
    QList<Fault> faults;
    RunSettings run;
    QJsonObject extra;

    /** Index of the node with @p id, or -1. */
    int nodeIndex(QStringView id) const;
    const Node *node(QStringView id) const;
    int edgeIndex(QStringView id) const;
    /** Outgoing edges of @p nodeId, in file order. */
    QList<const Edge *> outEdges(QStringView nodeId) const;
    /** An id not used by any node, "<base>", "<base>-2", ... */
    QString uniqueNodeId(const QString &base) const;
    QString uniqueEdgeId() const;
};

QString edgeRoleKey(EdgeRole role);
std::optional<EdgeRole> edgeRoleFromKey(QStringView key);

} // namespace sds::diagram
