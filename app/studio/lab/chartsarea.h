#pragma once

#include "core/sim/metrics.h"

#include <QWidget>

#include <vector>

class QAction;
class QLabel;

namespace sds::gui {

class ChartsPanel;

// The Charts tab: the live charts under a slim bar that pins a run for an
// A/B comparison and exports the time series as CSV.
class ChartsArea final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsArea)

public:
    explicit ChartsArea(QWidget *parent = nullptr);

    ChartsPanel *charts() const { return m_charts; }
    // Puts @p series (of the nodes @p ids) on the charts and pins them; with
    // no series, pins the run the charts hold. The charts are then empty.
    void pinRun(const QStringList &ids, const std::vector<sim::Sample> &series);
    // No pinned run and no lines.
    void clearAll();
    // Before a run the axes would be empty: a line over them says how to start.
    void showStartHint(bool shown);
    bool isPinned() const;
    // The compare action's label names the seeds it will run.
    void setCompareSeeds(int seeds);

signals:
    // The user pinned the run on the charts, or unpinned it.
    void pinToggled(bool pinned);
    // Compare (K seeds): the pinned design against the current one.
    void compareRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setPinned(bool pinned);

    ChartsPanel *m_charts;
    QAction *m_pinAction;
    QAction *m_compareAction;
    QLabel *m_hint;
};

} // namespace sds::gui
