#pragma once

#include "core/cards/collection.h"
#include "core/srs/optimizer.h"

#include <QDialog>

#include <atomic>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QThread;

namespace sds::gui {

// "Optimise scheduler": fits the FSRS weights to the learner's own review
// log (core/srs/optimizer.h) in a worker thread, with a progress bar and
// Cancel, then shows how well the current and the fitted weights predict
// the held-out reviews and lets the learner use the new weights or keep the
// old ones. Using them stores them in the collection with its other
// scheduler settings unchanged; keeping them changes nothing. Too few
// reviews: it says how many more are needed. It also holds the desired
// retention, saved as soon as it is changed.
class OptimizerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OptimizerDialog)

public:
    explicit OptimizerDialog(cards::Collection &collection, QWidget *parent = nullptr);
    ~OptimizerDialog() override;

    /** Reads the log and starts the fit; nothing when one is running. */
    void start();
    /** Asks a running fit to stop; it ends shortly after. */
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    /** The last fit's outcome, once it has ended. */
    const std::optional<srs::OptimizerResult> &fit() const { return m_result; }
    /** The weights Accept stores: the fit, to the 4 decimals shown. */
    srs::Weights shownWeights() const { return m_shown; }

    // For tests.
    QPushButton *optimizeButton() const { return m_optimize; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *rejectButton() const { return m_reject; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *message() const { return m_message; }
    QLineEdit *weightsField() const { return m_weights; }
    QDoubleSpinBox *retention() const { return m_retention; }

signals:
    /** Emitted when a fit ends, whatever its outcome. */
    void finished();

private:
    void buildUi();
    void showProgress(double fraction);
    void fitEnded();
    void useNewWeights();
    void saveRetention(double value);

    cards::Collection &m_collection;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_permille{0};
    std::atomic<bool> m_progressQueued{false};
    srs::OptimizerResult m_running; // written by the worker until it finishes
    std::optional<srs::OptimizerResult> m_result;
    srs::Weights m_shown{};

    QLabel *m_message = nullptr;
    QDoubleSpinBox *m_retention = nullptr;
    QProgressBar *m_progress = nullptr;
    QWidget *m_weightsRow = nullptr;
    QLineEdit *m_weights = nullptr;
    QPushButton *m_optimize = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_reject = nullptr;
};

// The Review page's "Optimise…" button, which opens the dialog.
QPushButton *makeOptimizerButton(cards::Collection &collection, QWidget *parent);

} // namespace sds::gui
