#include "app/studio/lab/problemslist.h"

#include <QStyle>

namespace sds::gui {

ProblemsList::ProblemsList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("problems"));
    connect(this, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (!id.isEmpty())
            emit nodeActivated(id);
    });
}

void ProblemsList::showProblems(const QList<diagram::Problem> &problems, bool empty)
{
    clear();
    if (empty) {
        new QListWidgetItem(tr("Drag a Client from Components onto the canvas to start"), this);
        return;
    }
    const QIcon error = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const diagram::Problem &p : problems) {
        auto *item = new QListWidgetItem(p.isError() ? error : warning, p.message, this);
        item->setData(Qt::UserRole, p.nodeId);
        item->setToolTip(p.message +
                         (p.nodeId.isEmpty() ? QString() : tr("\nDouble-click to show it")));
    }
    if (problems.isEmpty())
        new QListWidgetItem(tr("No problems found"), this);
}

} // namespace sds::gui
