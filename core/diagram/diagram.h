#pragma once

#include "core/diagram/diagramdata.h"

#include <QObject>
#include <QStringList>

/**
 * The diagram document: the single source of truth that the lab's canvas,
 * its properties panel and the simulation compiler all read. Every edit goes
 * through one of its methods, which checks the edit (unknown node, duplicate
 * id, a parameter out of range), refuses a bad one with a message and no
 * change, and otherwise emits exactly one changed() describing it, so views
 * can follow and undo commands can be built on top.
 */
namespace sds::diagram {

struct DiagramChange {
    enum class Kind {
        Reset, ///< everything replaced (load, new)
        NodeAdded,
        NodeRemoved, ///< removedEdges lists the edges that went with it
        NodeMoved,
        NodeChanged, ///< label or parameters
        EdgeAdded,
        EdgeRemoved,
        EdgeChanged,
        WorkloadChanged,
        FaultsChanged,
        RunChanged,
        InfoChanged, ///< name or description
    };
    Kind kind = Kind::Reset;
    QString id; ///< the node or edge concerned
    QStringList removedEdges;
};

class Diagram final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Diagram)

public:
    explicit Diagram(QObject *parent = nullptr);

    const DiagramData &data() const { return m_data; }

    void reset(DiagramData data);
    /**
     * Adds @p node at position @p at (-1: the end; undo puts a node back
     * where it was); returns why not (empty or duplicate id, bad parameter).
     */
    QString addNode(const Node &node, int at = -1);
    /** Removes the node and every edge and fault that refers to it. */
    QString removeNode(const QString &id);
    QString moveNode(const QString &id, double x, double y);
    QString setNodeLabel(const QString &id, const QString &label);
    /** Replaces all parameters (for undo: restores exactly what was there). */
    QString setNodeParams(const QString &id, const QVariantMap &params);
    /** Sets one parameter after checking it against the catalogue. */
    QString setNodeParam(const QString &id, const QString &key, const QVariant &value);
    /** Adds @p edge (an empty id gets one); both ends must exist, no duplicate pair. */
    QString addEdge(Edge edge, QString *assignedId = nullptr, int at = -1);
    QString removeEdge(const QString &id);
    /** Replaces the edge with the same id (its ends cannot change). */
    QString setEdge(const Edge &edge);
    void setWorkload(const Workload &workload);
    QString setFaults(const QList<Fault> &faults);
    QString setRun(const RunSettings &run);
    void setInfo(const QString &name, const QString &description);

signals:
    void changed(const sds::diagram::DiagramChange &change);

private:
    QString checkEdge(const Edge &edge, bool isNew) const;

    DiagramData m_data;
};

} // namespace sds::diagram
