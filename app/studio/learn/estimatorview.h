#pragma once

#include "core/diagram/diagramdata.h"
#include "core/study/estimate.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace sds::gui {

// The back-of-the-envelope calculator: the workload on the left, every
// derived figure with its formula on the right, recomputed as the numbers
// change; "Create lab scenario" turns the estimate into a diagram.
class EstimatorView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EstimatorView)

public:
    explicit EstimatorView(QWidget *parent = nullptr);

    study::EstimateInput input() const;
    void setInput(const study::EstimateInput &in);
    const study::Estimate &current() const { return m_estimate; }
    QTableWidget *results() const { return m_results; }
    QPushButton *scenarioButton() const { return m_scenario; }

signals:
    void scenarioRequested(const sds::diagram::DiagramData &diagram);

private:
    void recompute();
    QDoubleSpinBox *field(const QString &name, double min, double max, int decimals,
                          const QString &suffix, const QString &tip);

    QList<QDoubleSpinBox *> m_fields;
    QTableWidget *m_results;
    QLabel *m_errors;
    QPushButton *m_scenario;
    study::Estimate m_estimate;
};

} // namespace sds::gui
