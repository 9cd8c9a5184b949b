#include "core/challenge/lockdesign.h"

#include <algorithm>

namespace sds::challenge {

namespace {

// The node a scripted fault fails in @p design, or an empty string.
QString faultTarget(const ChallengeFault &fault, const diagram::DiagramData &design)
{
    if (!fault.node.isEmpty()) {
        const diagram::Node *n = design.node(fault.node);
        return n && n->kind != diagram::NodeKind::Client ? n->id : QString();
    }
    QStringList ids;
    for (const diagram::Node &n : design.nodes) {
        if (fault.kinds.contains(diagram::kindSpec(n.kind).key))
            ids.append(n.id);
    }
    std::sort(ids.begin(), ids.end());
    return ids.isEmpty() ? QString() : ids.first();
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

    d.faults.clear();
    for (const ChallengeFault &f : challenge.faults) {
        const QString target = faultTarget(f, d);
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

} // namespace sds::challenge
