#pragma once

#include "core/diagram/validation.h"

#include <QListWidget>

namespace sds::gui {

// The Problems dock: what would stop the diagram from running, each with
// the node it concerns; double-click one to find that node. Hidden while
// there is nothing to list, so its dock shrinks to the title.
class ProblemsList final : public QListWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsList)

public:
    explicit ProblemsList(QWidget *parent = nullptr);

    // Lists @p problems, or says there are none; @p empty: the diagram has no node.
    void showProblems(const QList<diagram::Problem> &problems, bool empty);

signals:
    void nodeActivated(const QString &id);
};

} // namespace sds::gui
