#include "core/challenge/lockdesign.h"

#include <QSet>

#include <algorithm>

namespace sds::challenge {

namespace {

// The nodes requests can reach: along edges from the clients.
QSet<QString> reachable(const diagram::DiagramData &design)
{
    QSet<QString> seen;
    QStringList todo;
    for (const diagram::Node &n : design.nodes)
        if (n.kind == diagram::NodeKind::Client)
            todo.append(n.id);
    while (!todo.isEmpty()) {
        const QString id = todo.takeLast();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        for (const diagram::Edge &e : design.edges)
            if (e.from == id)
                todo.append(e.to);
    }
    return seen;
}

// The node a scripted fault fails in @p design, or an empty string. By kind:
// the first by id of those requests reach, so an unused copy cannot take the
// fault for the node that does the work; an unreached one only when none is.
QString faultTarget(const ChallengeFault &fault, const diagram::DiagramData &design,
                    const QSet<QString> &reached)
{
    if (!fault.node.isEmpty()) {
        const diagram::Node *n = design.node(fault.node);
        return n && n->kind != diagram::NodeKind::Client ? n->id : QString();
    }
    QStringList used, unused;
    for (const diagram::Node &n : design.nodes) {
        if (fault.kinds.contains(diagram::kindSpec(n.kind).key))
            (reached.contains(n.id) ? used : unused).append(n.id);
    }
    QStringList &ids = used.isEmpty() ? unused : used;
    std::sort(ids.begin(), ids.end());
    return ids.isEmpty() ? QString() : ids.first();
}

QString kindNames(const QStringList &kinds)
{
    QStringList names;
    for (const QString &k : kinds)
        if (const diagram::KindSpec *spec = diagram::findKind(k)) {
            // "Relational database" reads in lower case, "NoSQL store" keeps its capitals.
            const QString first = spec->name.section(u' ', 0, 0);
            const bool acronym = first != first.left(1) + first.mid(1).toLower();
            const QString name =
                acronym ? spec->name : spec->name.left(1).toLower() + spec->name.mid(1);
            const bool vowel = QStringLiteral("aeiou").contains(name.left(1));
            names.append((vowel ? QStringLiteral("an ") : QStringLiteral("a ")) + name);
        }
    return names.join(QStringLiteral(" or "));
}

QString faultName(const ChallengeFault &fault)
{
    if (!fault.label.isEmpty())
        return fault.label;
    return fault.node.isEmpty() ? fault.kinds.join(QStringLiteral(" or ")) : fault.node;
}

} // namespace

Result<LockedDesign> lockDesign(const Challenge &challenge, const diagram::DiagramData &design)
{
    LockedDesign out;
    out.design = design;
    diagram::DiagramData &d = out.design;

    for (const diagram::Node &client : challenge.start.nodes) {
        if (client.kind != diagram::NodeKind::Client)
            continue;
        const int k = d.nodeIndex(client.id);
        if (k < 0 || d.nodes[k].kind != diagram::NodeKind::Client)
            return fail(
                QStringLiteral("the design has no client \"%1\": a challenge keeps the clients "
                               "of its starting canvas")
                    .arg(client.id));
        d.nodes[k].params = client.params;
    }
    for (const diagram::Node &n : d.nodes) {
        if (n.kind != diagram::NodeKind::Client)
            continue;
        const diagram::Node *own = challenge.start.node(n.id);
        if (!own || own->kind != diagram::NodeKind::Client)
            return fail(
                QStringLiteral("\"%1\" is a client the challenge does not have: the load comes "
                               "only from the challenge's own clients")
                    .arg(n.id));
    }
    for (diagram::Edge &e : d.edges) {
        const diagram::Node *from = d.node(e.from);
        if (from && from->kind == diagram::NodeKind::Client)
            e.latencyMs = challenge.clientLatencyMs;
    }

    for (diagram::Node &n : d.nodes) {
        const QString kind = diagram::kindSpec(n.kind).key;
        for (const Work &w : challenge.work) {
            if (w.kind != kind)
                continue;
            for (auto least = w.least.begin(); least != w.least.end(); ++least)
                if (n.real(least.key()) < least.value())
                    n.params.insert(least.key(), least.value());
            for (auto most = w.most.begin(); most != w.most.end(); ++most) {
                // Told, not silently changed: the design on the canvas is not what was graded.
                const double value = n.real(most.key());
                // A time to live of 0 means "never expires": more than any limit.
                const bool over = value > most.value() || (most.key() == u"ttl_s" && value <= 0);
                if (!over)
                    continue;
                n.params.insert(most.key(), most.value());
                const diagram::ParamSpec *spec = diagram::kindSpec(n.kind).param(most.key());
                const QString unit = spec->unit.isEmpty() ? QString() : u' ' + spec->unit;
                out.notes.append(
                    QStringLiteral("%1: %2 graded as %3%4, the most this challenge allows "
                                   "(the design has %5).")
                        .arg(n.displayName(), spec->label.toLower(), QString::number(most.value()),
                             unit,
                             value <= 0 ? QStringLiteral("no expiry")
                                        : QString::number(value) + unit));
            }
            if (!w.serviceDist.isEmpty())
                n.params.insert(QStringLiteral("service_dist"), w.serviceDist);
            if (w.serviceCv >= 0)
                n.params.insert(QStringLiteral("service_cv"), w.serviceCv);
        }
    }

    d.workload.keys = challenge.start.workload.keys;
    d.workload.zipf = challenge.start.workload.zipf;
    d.run.seed = 1;
    d.run.durationS = challenge.durationS;
    d.run.warmupS = challenge.warmupS;
    d.run.sampleIntervalS = 1;

    const QSet<QString> reached = reachable(d);
    d.faults.clear();
    for (const ChallengeFault &f : challenge.faults) {
        const QString target = faultTarget(f, d, reached);
        out.faultTargets.append(target);
        if (target.isEmpty()) {
            out.notes.append(
                QStringLiteral("The fault \"%1\" at %2 s found nothing to fail in this "
                               "design.")
                    .arg(faultName(f))
                    .arg(f.atS));
            continue;
        }
        diagram::Fault fault;
        fault.node = target;
        fault.atS = f.atS;
        fault.durationS = f.durationS;
        d.faults.append(fault);
    }
    return out;
}

Result<void> checkRequirements(const Challenge &challenge, const diagram::DiagramData &design)
{
    const QSet<QString> reached = reachable(design);
    for (const Requirement &r : challenge.requirements) {
        const bool met =
            std::any_of(design.nodes.begin(), design.nodes.end(), [&](const diagram::Node &n) {
                return reached.contains(n.id) && r.kinds.contains(diagram::kindSpec(n.kind).key);
            });
        if (!met)
            return fail(QStringLiteral("the design needs %1 that requests reach: %2")
                            .arg(kindNames(r.kinds), r.reason));
    }
    return {};
}

} // namespace sds::challenge
