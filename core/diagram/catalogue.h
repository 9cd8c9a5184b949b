#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

/**
 * The component catalogue: every kind of node a diagram can hold, with its
 * display name (as The System Design Primer names it), palette group, a
 * one-line help and its parameters (type, unit, default, valid range, help).
 * The file format, the validator, the engine's compiler, the lab's palette
 * and its properties panel all read this one table, so a kind or a
 * parameter is declared exactly once.
 */
namespace sds::diagram {

enum class NodeKind {
    Client,
    Dns,
    Cdn,
    LoadBalancer,
    ReverseProxy,
    WebServer,
    AppService,
    Cache,
    SqlDatabase,
    NoSqlStore,
    ObjectStore,
    MessageQueue,
    WorkerPool,
    RateLimiter,
};

enum class ParamType { Int, Real, Enum, Bool };

struct ParamSpec {
    QString key;   ///< name in the file, snake_case
    QString label; ///< name in the properties panel
    ParamType type = ParamType::Real;
    QString unit;   ///< "ms", "s", "rps", "keys", "" ...
    double min = 0; ///< inclusive, for Int and Real
    double max = 0; ///< inclusive, for Int and Real
    QVariant defaultValue;
    QStringList choices; ///< for Enum, in display order
    QString help;        ///< one line

    /** Whether @p value is of the right type and in range (or one of the choices). */
    bool accepts(const QVariant &value) const;
    /** Why @p value is refused, e.g. "must be between 1 and 10000"; empty if accepted. */
    QString problem(const QVariant &value) const;
};

/** Named values a kind offers as a starting point (e.g. NoSQL data models). */
struct Preset {
    QString name;
    QVariantMap values;
};

struct KindSpec {
    NodeKind kind;
    QString key;   ///< name in the file, e.g. "load_balancer"
    QString name;  ///< display name, e.g. "Load balancer"
    QString group; ///< palette group: Clients, Edge, Compute, Data, Messaging
    QString help;  ///< one line for the palette tooltip
    QList<ParamSpec> params;
    QList<Preset> presets; ///< keyed by the value of the kind's enum parameter named "model"

    const ParamSpec *param(QStringView key) const;
    /** The default of every parameter, as the file and the engine see a fresh node. */
    QVariantMap defaults() const;
};

/** Every kind, in palette order. */
const QList<KindSpec> &catalogue();
/** The spec of @p kind. */
const KindSpec &kindSpec(NodeKind kind);
/** The spec whose file key is @p key, or nullptr. */
const KindSpec *findKind(QStringView key);
/** Palette groups in display order. */
QStringList groups();

} // namespace sds::diagram
