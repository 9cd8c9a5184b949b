#pragma once

#include "core/diagram/diagram.h"

#include <QHash>
#include <QPointF>
#include <QUndoCommand>

namespace sds::gui {

// Every edit of the lab's diagram is one of these on the undo stack; each
// redo/undo goes through the Diagram's own checked methods, so the canvas and
// the properties panel follow through its changed() signal alone.

class AddNodeCommand final : public QUndoCommand
{
public:
    AddNodeCommand(diagram::Diagram &doc, diagram::Node node);
    void redo() override;
    void undo() override;

private:
    diagram::Diagram &m_doc;
    diagram::Node m_node;
};

class AddEdgeCommand final : public QUndoCommand
{
public:
    AddEdgeCommand(diagram::Diagram &doc, diagram::Edge edge);
    void redo() override;
    void undo() override;

private:
    diagram::Diagram &m_doc;
    diagram::Edge m_edge;
};

// Deletes nodes (with their edges and faults) and edges; undo puts every
// one back at its old place in the file.
class RemoveItemsCommand final : public QUndoCommand
{
public:
    RemoveItemsCommand(diagram::Diagram &doc, const QStringList &nodeIds,
                       const QStringList &edgeIds);
    void redo() override;
    void undo() override;

private:
    diagram::Diagram &m_doc;
    diagram::DiagramData m_before;
    QStringList m_nodes;
    QStringList m_edges;
};

// Any change that is easiest to state as "the document before and after":
// moves of several nodes, a pasted block. Cheap enough for diagrams of
// hundreds of nodes.
class ReplaceDiagramCommand final : public QUndoCommand
{
public:
    ReplaceDiagramCommand(diagram::Diagram &doc, diagram::DiagramData before,
                          diagram::DiagramData after, const QString &text);
    void redo() override;
    void undo() override;

private:
    diagram::Diagram &m_doc;
    diagram::DiagramData m_before;
    diagram::DiagramData m_after;
};

class MoveNodesCommand final : public QUndoCommand
{
public:
    MoveNodesCommand(diagram::Diagram &doc, QHash<QString, QPointF> from,
                     QHash<QString, QPointF> to);
    void redo() override;
    void undo() override;

private:
    void apply(const QHash<QString, QPointF> &positions);
    diagram::Diagram &m_doc;
    QHash<QString, QPointF> m_from;
    QHash<QString, QPointF> m_to;
};

class SetNodeParamsCommand final : public QUndoCommand
{
public:
    // Merges with the next edit of the same node's same parameter (typing in a spin box).
    SetNodeParamsCommand(diagram::Diagram &doc, const QString &id, const QString &key,
                         const QVariant &value);
    void redo() override;
    void undo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    diagram::Diagram &m_doc;
    QString m_node;
    QString m_key;
    QVariantMap m_before;
    QVariantMap m_after;
};

class SetNodeLabelCommand final : public QUndoCommand
{
public:
    SetNodeLabelCommand(diagram::Diagram &doc, const QString &id, const QString &label);
    void redo() override;
    void undo() override;

private:
    diagram::Diagram &m_doc;
    QString m_node;
    QString m_before;
    QString m_after;
};

class SetEdgeCommand final : public QUndoCommand
{
public:
    SetEdgeCommand(diagram::Diagram &doc, const diagram::Edge &edge);
    void redo() override;
    void undo() override;

private:
    diagram::Diagram &m_doc;
    diagram::Edge m_before;
    diagram::Edge m_after;
};

} // namespace sds::gui
