#include "core/diagram/diagramformat.h"

#include "core/atomicwrite.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace sds::diagram {

namespace {

constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;

// Collects problems while reading; `where` names the place in the file.
class Reader
{
public:
    QStringList errors;
    QStringList warnings;
    // Hash look-ups, so a hostile file with many nodes and edges stays linear.
    QSet<QString> nodeIds;
    QSet<QString> edgeIds;
    QSet<QString> edgePairs;

    void error(const QString &where, const QString &what)
    {
        errors << where + QStringLiteral(": ") + what;
    }

    // Keeps keys that are not in @p known, with a warning.
    QJsonObject extras(const QJsonObject &o, std::initializer_list<const char *> known,
                       const QString &where)
    {
        QJsonObject extra;
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool isKnown = false;
            for (const char *k : known)
                isKnown = isKnown || it.key() == QLatin1String(k);
            if (!isKnown) {
                extra.insert(it.key(), it.value());
                warnings
                    << QStringLiteral("%1: unknown key '%2' kept as it is").arg(where, it.key());
            }
        }
        return extra;
    }

    bool number(const QJsonObject &o, const char *key, const QString &where, double min, double max,
                double &out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true; // keep the default
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            error(where, QStringLiteral("'%1' must be a number").arg(QLatin1String(key)));
            return false;
        }
        const double d = v.toDouble();
        if (d < min || d > max) {
            error(where, QStringLiteral("'%1' is %2 but must be between %3 and %4")
                             .arg(QLatin1String(key))
                             .arg(d)
                             .arg(min)
                             .arg(max));
            return false;
        }
        out = d;
        return true;
    }

    bool string(const QJsonObject &o, const char *key, const QString &where, QString &out,
                bool required = false)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                error(where, QStringLiteral("'%1' is missing").arg(QLatin1String(key)));
            return !required;
        }
        if (!v.isString()) {
            error(where, QStringLiteral("'%1' must be a string").arg(QLatin1String(key)));
            return false;
        }
        out = v.toString();
        return true;
    }
};

void readNode(Reader &r, const QJsonValue &value, int index, DiagramData &d)
{
    QString where = QStringLiteral("nodes[%1]").arg(index);
    if (!value.isObject()) {
        r.error(where, QStringLiteral("must be an object"));
        return;
    }
    const QJsonObject o = value.toObject();
    Node n;
    if (!r.string(o, "id", where, n.id, true))
        return;
    if (n.id.trimmed().isEmpty()) {
        r.error(where, QStringLiteral("'id' must not be empty"));
        return;
    }
    where = QStringLiteral("node '%1'").arg(n.id);
    QString kind;
    if (!r.string(o, "kind", where, kind, true))
        return;
    const KindSpec *spec = findKind(kind);
    if (!spec) {
        r.error(where, QStringLiteral("unknown kind '%1'").arg(kind));
        return;
    }
    n.kind = spec->kind;
    r.string(o, "label", where, n.label);
    r.number(o, "x", where, -1e7, 1e7, n.x);
    r.number(o, "y", where, -1e7, 1e7, n.y);

    const QJsonValue params = o.value(QLatin1String("params"));
    if (!params.isUndefined() && !params.isObject())
        r.error(where, QStringLiteral("'params' must be an object"));
    const QJsonObject p = params.toObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        const ParamSpec *ps = spec->param(it.key());
        const QVariant v = it.value().toVariant();
        if (!ps) {
            r.warnings << QStringLiteral("%1: unknown parameter '%2' for a %3, kept as it is")
                              .arg(where, it.key(), spec->name);
            n.params.insert(it.key(), v);
            continue;
        }
        // JSON numbers arrive as double; whole numbers are fine for Int.
        const QString problem = ps->problem(v);
        if (!problem.isEmpty()) {
            r.error(where, QStringLiteral("parameter '%1' %2").arg(it.key(), problem));
            continue;
        }
        n.params.insert(it.key(), ps->type == ParamType::Int ? QVariant(qint64(v.toDouble())) : v);
    }
    n.extra = r.extras(o, {"id", "kind", "label", "x", "y", "params"}, where);
    if (r.nodeIds.contains(n.id)) {
        r.error(where, QStringLiteral("the id is used by another node too"));
        return;
    }
    r.nodeIds.insert(n.id);
    d.nodes.append(std::move(n));
}

void readEdge(Reader &r, const QJsonValue &value, int index, DiagramData &d)
{
    QString where = QStringLiteral("edges[%1]").arg(index);
    if (!value.isObject()) {
        r.error(where, QStringLiteral("must be an object"));
        return;
    }
    const QJsonObject o = value.toObject();
    Edge e;
    if (!r.string(o, "from", where, e.from, true) || !r.string(o, "to", where, e.to, true))
        return;
    r.string(o, "id", where, e.id);
    where = e.id.isEmpty() ? QStringLiteral("edge %1 -> %2").arg(e.from, e.to)
                           : QStringLiteral("edge '%1' (%2 -> %3)").arg(e.id, e.from, e.to);
    if (!r.nodeIds.contains(e.from))
        r.error(where, QStringLiteral("starts at '%1', which is not a node").arg(e.from));
    if (!r.nodeIds.contains(e.to))
        r.error(where, QStringLiteral("ends at '%1', which is not a node").arg(e.to));
    r.number(o, "latency_ms", where, 0, 3.6e6, e.latencyMs);
    r.number(o, "weight", where, 0, 1e6, e.weight);
    if (o.contains(QLatin1String("probability"))) {
        double p = 0;
        if (r.number(o, "probability", where, 0, 1, p))
            e.probability = p;
    }
    QString role = QStringLiteral("any");
    r.string(o, "role", where, role);
    if (const auto parsed = edgeRoleFromKey(role))
        e.role = *parsed;
    else
        r.error(where, QStringLiteral("'role' must be any, read or write, not '%1'").arg(role));
    e.extra =
        r.extras(o, {"id", "from", "to", "latency_ms", "weight", "probability", "role"}, where);
    if (!e.id.isEmpty() && r.edgeIds.contains(e.id)) {
        r.error(where, QStringLiteral("the id is used by another edge too"));
        return;
    }
    const QString pair = e.from + QChar(0) + e.to;
    if (r.edgePairs.contains(pair)) {
        r.error(where, QStringLiteral("duplicates an earlier edge between the same nodes"));
        return;
    }
    r.edgePairs.insert(pair);
    if (!e.id.isEmpty())
        r.edgeIds.insert(e.id);
    d.edges.append(std::move(e)); // an id is given after all edges are read
}

void readFault(Reader &r, const QJsonValue &value, int index, DiagramData &d)
{
    const QString where = QStringLiteral("faults[%1]").arg(index);
    if (!value.isObject()) {
        r.error(where, QStringLiteral("must be an object"));
        return;
    }
    const QJsonObject o = value.toObject();
    Fault f;
    if (!r.string(o, "node", where, f.node, true))
        return;
    if (!r.nodeIds.contains(f.node))
        r.error(where, QStringLiteral("names '%1', which is not a node").arg(f.node));
    r.number(o, "at_s", where, 0, 1e9, f.atS);
    f.durationS = -1;
    r.number(o, "duration_s", where, 0, 1e9, f.durationS);
    if (f.durationS < 0)
        r.error(where, QStringLiteral("'duration_s' is missing"));
    f.extra = r.extras(o, {"node", "at_s", "duration_s"}, where);
    d.faults.append(std::move(f));
}

// Each step turns version N into N + 1; the list grows with the format.
using Migration = void (*)(QJsonObject &root, QStringList &notes);
const QList<Migration> &migrations()
{
    static const QList<Migration> steps; // version 1 is the first
    return steps;
}

} // namespace

LoadResult parseDiagram(const QByteArray &json)
{
    LoadResult result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Turn the byte offset into a line number a person can find.
        const int line = int(json.left(parseError.offset).count('\n')) + 1;
        result.errors << QStringLiteral("not valid JSON at line %1: %2")
                             .arg(line)
                             .arg(parseError.errorString());
        return result;
    }
    if (!doc.isObject()) {
        result.errors << QStringLiteral("the file must hold a JSON object");
        return result;
    }
    QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toString() != QLatin1String(kFormatName)) {
        result.errors << QStringLiteral("not a System Design Studio diagram ('format' must be "
                                        "\"%1\")")
                             .arg(QLatin1String(kFormatName));
        return result;
    }
    const QJsonValue versionValue = root.value(QLatin1String("version"));
    const double version = versionValue.toDouble(-1);
    if (!versionValue.isDouble() || version != std::floor(version) || version < 1) {
        result.errors << QStringLiteral("'version' must be a whole number from 1");
        return result;
    }
    result.fileVersion = int(version);
    if (result.fileVersion > kFormatVersion) {
        result.errors << QStringLiteral("the file is format version %1, but this version of the "
                                        "app reads up to %2; please update the app")
                             .arg(result.fileVersion)
                             .arg(kFormatVersion);
        return result;
    }
    for (int v = result.fileVersion; v < kFormatVersion; ++v)
        migrations().at(v - 1)(root, result.warnings);

    Reader r;
    DiagramData &d = result.diagram;
    r.string(root, "name", QStringLiteral("diagram"), d.name);
    r.string(root, "description", QStringLiteral("diagram"), d.description);

    const auto array = [&](const char *key) {
        const QJsonValue v = root.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isArray())
            r.error(QStringLiteral("diagram"),
                    QStringLiteral("'%1' must be an array").arg(QLatin1String(key)));
        return v.toArray();
    };
    const QJsonArray nodes = array("nodes");
    for (int i = 0; i < nodes.size(); ++i)
        readNode(r, nodes[i], i, d);
    const QJsonArray edges = array("edges");
    for (int i = 0; i < edges.size(); ++i)
        readEdge(r, edges[i], i, d);
    int nextId = 1;
    for (Edge &e : d.edges) {
        while (e.id.isEmpty()) {
            const QString id = QStringLiteral("e%1").arg(nextId++);
            if (!r.edgeIds.contains(id)) {
                e.id = id;
                r.edgeIds.insert(id);
            }
        }
    }
    const QJsonArray faults = array("faults");
    for (int i = 0; i < faults.size(); ++i)
        readFault(r, faults[i], i, d);

    const auto object = [&](const char *key) {
        const QJsonValue v = root.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isObject())
            r.error(QStringLiteral("diagram"),
                    QStringLiteral("'%1' must be an object").arg(QLatin1String(key)));
        return v.toObject();
    };
    const QJsonObject workload = object("workload");
    double keys = double(d.workload.keys);
    r.number(workload, "keys", QStringLiteral("workload"), 1, 1e12, keys);
    if (keys != std::floor(keys))
        r.error(QStringLiteral("workload"), QStringLiteral("'keys' must be a whole number"));
    d.workload.keys = qint64(keys);
    r.number(workload, "zipf", QStringLiteral("workload"), 0, 10, d.workload.zipf);
    d.workload.extra = r.extras(workload, {"keys", "zipf"}, QStringLiteral("workload"));

    const QJsonObject run = object("run");
    double seed = double(d.run.seed);
    r.number(run, "seed", QStringLiteral("run"), 0, 9007199254740991.0, seed);
    d.run.seed = quint64(seed);
    r.number(run, "duration_s", QStringLiteral("run"), 0.001, 1e9, d.run.durationS);
    r.number(run, "warmup_s", QStringLiteral("run"), 0, 1e9, d.run.warmupS);
    r.number(run, "sample_interval_s", QStringLiteral("run"), 0.001, 1e6, d.run.sampleIntervalS);
    d.run.extra = r.extras(run, {"seed", "duration_s", "warmup_s", "sample_interval_s"},
                           QStringLiteral("run"));

    d.extra = r.extras(
        root,
        {"format", "version", "name", "description", "nodes", "edges", "faults", "workload", "run"},
        QStringLiteral("diagram"));
    result.errors << r.errors;
    result.warnings << r.warnings;
    if (!result.errors.isEmpty())
        result.diagram = DiagramData();
    return result;
}

LoadResult loadDiagramFile(const QString &path)
{
    LoadResult result;
    QFile file(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        result.errors << QStringLiteral("%1: no such file").arg(path);
        return result;
    }
    if (info.size() > kMaxFileBytes) {
        result.errors << QStringLiteral(
                             "%1: %2 MiB is too large for a diagram (the limit is %3 MiB)")
                             .arg(path)
                             .arg(info.size() / (1024 * 1024))
                             .arg(kMaxFileBytes / (1024 * 1024));
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.errors << QStringLiteral("%1: %2").arg(path, file.errorString());
        return result;
    }
    result = parseDiagram(file.readAll());
    for (QString &e : result.errors)
        e.prepend(path + QStringLiteral(": "));
    return result;
}

QByteArray serializeDiagram(const DiagramData &d)
{
    QJsonObject root = d.extra;
    root.insert(QStringLiteral("format"), QLatin1String(kFormatName));
    root.insert(QStringLiteral("version"), kFormatVersion);
    if (!d.name.isEmpty())
        root.insert(QStringLiteral("name"), d.name);
    if (!d.description.isEmpty())
        root.insert(QStringLiteral("description"), d.description);

    QJsonObject workload = d.workload.extra;
    workload.insert(QStringLiteral("keys"), double(d.workload.keys));
    workload.insert(QStringLiteral("zipf"), d.workload.zipf);
    root.insert(QStringLiteral("workload"), workload);

    QJsonObject run = d.run.extra;
    run.insert(QStringLiteral("seed"), double(d.run.seed));
    run.insert(QStringLiteral("duration_s"), d.run.durationS);
    run.insert(QStringLiteral("warmup_s"), d.run.warmupS);
    run.insert(QStringLiteral("sample_interval_s"), d.run.sampleIntervalS);
    root.insert(QStringLiteral("run"), run);

    QJsonArray nodes;
    for (const Node &n : d.nodes) {
        QJsonObject o = n.extra;
        o.insert(QStringLiteral("id"), n.id);
        o.insert(QStringLiteral("kind"), kindSpec(n.kind).key);
        if (!n.label.isEmpty())
            o.insert(QStringLiteral("label"), n.label);
        o.insert(QStringLiteral("x"), n.x);
        o.insert(QStringLiteral("y"), n.y);
        if (!n.params.isEmpty())
            o.insert(QStringLiteral("params"), QJsonObject::fromVariantMap(n.params));
        nodes.append(o);
    }
    root.insert(QStringLiteral("nodes"), nodes);

    QJsonArray edges;
    for (const Edge &e : d.edges) {
        QJsonObject o = e.extra;
        o.insert(QStringLiteral("id"), e.id);
        o.insert(QStringLiteral("from"), e.from);
        o.insert(QStringLiteral("to"), e.to);
        if (e.latencyMs != 0)
            o.insert(QStringLiteral("latency_ms"), e.latencyMs);
        if (e.weight != 1)
            o.insert(QStringLiteral("weight"), e.weight);
        if (e.probability)
            o.insert(QStringLiteral("probability"), *e.probability);
        if (e.role != EdgeRole::Any)
            o.insert(QStringLiteral("role"), edgeRoleKey(e.role));
        edges.append(o);
    }
    root.insert(QStringLiteral("edges"), edges);

    if (!d.faults.isEmpty()) {
        QJsonArray faults;
        for (const Fault &f : d.faults) {
            QJsonObject o = f.extra;
            o.insert(QStringLiteral("node"), f.node);
            o.insert(QStringLiteral("at_s"), f.atS);
            o.insert(QStringLiteral("duration_s"), f.durationS);
            faults.append(o);
        }
        root.insert(QStringLiteral("faults"), faults);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool saveDiagramFile(const DiagramData &diagram, const QString &path, QString *error)
{
    const Result<void> saved = writeFileAtomically(path, serializeDiagram(diagram));
    if (!saved && error)
        *error = saved.error();
    return saved.ok();
}

} // namespace sds::diagram
