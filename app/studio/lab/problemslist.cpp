#include "app/studio/lab/problemslist.h"

#include <QStyle>

#include <algorithm>

namespace sds::gui {

ProblemsList::ProblemsList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("problems"));
    // A long message is elided (its tooltip has it whole), so no scroll bar
    // covers the rows.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTextElideMode(Qt::ElideRight);
    connect(this, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (!id.isEmpty())
            emit nodeActivated(id);
    });
}

void ProblemsList::showProblems(const QList<diagram::Problem> &problems, bool empty)
{
    clear();
    // Nothing to list: the dock shrinks to its title, which gives the count,
    // and the room goes to Properties (the empty canvas says how to start).
    // Zero height rather than hidden: a dock whose widget is hidden also
    // shrinks to the width of its title.
    const bool none = empty || problems.isEmpty();
    setMaximumHeight(none ? 0 : QWIDGETSIZE_MAX);
    if (none) {
        setMinimumHeight(0);
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
    // Room for up to three problems in view; more scroll.
    int rows = 2 * frameWidth();
    for (int i = 0; i < std::min(count(), 3); ++i)
        rows += sizeHintForRow(i);
    setMinimumHeight(rows);
}

} // namespace sds::gui
