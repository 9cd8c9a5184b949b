#pragma once

#include "core/sim/analytic.h"
#include "core/sim/metrics.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableWidget;

namespace sds::gui {

// The analytic twin beside the simulation: what queueing theory predicts for
// the design (per node and end to end) next to what the run measures, with
// the run's 95 % confidence interval; where no formula applies, why. Made
// for "predict, then run": the prediction shows before the first request,
// and the learner can type their own guess first, which a flashcard made
// from the run takes as its question.
class TwinPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TwinPanel)

public:
    explicit TwinPanel(QWidget *parent = nullptr);

    void setPrediction(const sim::Prediction &prediction);
    void showMetrics(const sim::RunMetrics &metrics);
    void clear();

    QString summary() const;           // the line above the table, for tests
    QString learnerPrediction() const; // what the learner typed, trimmed; may be empty
    QTableWidget *table() const { return m_table; }

private:
    QLineEdit *m_guess;
    QLabel *m_summary;
    QTableWidget *m_table;
    sim::Prediction m_prediction;
};

} // namespace sds::gui
