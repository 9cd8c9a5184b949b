#include "app/studio/review/optimizerdialog.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

#include <cmath>

namespace sds::gui {
namespace {

// The settings in the JSON names the collection stores (srsjson.h), so the
// weights can change while everything else stays as it was.
QJsonObject schedulerJson(const srs::SchedulerParams &p)
{
    QJsonArray weights;
    for (const double w : p.weights)
        weights.append(w);
    const auto steps = [](const QList<int> &minutes) {
        QJsonArray out;
        for (const int m : minutes)
            out.append(QStringLiteral("%1m").arg(m));
        return out;
    };
    return {{QStringLiteral("parameters"), weights},
            {QStringLiteral("maximum_interval"), p.maximumInterval},
            {QStringLiteral("enable_short_term"), p.enableShortTerm},
            {QStringLiteral("learning_steps"), steps(p.learningSteps)},
            {QStringLiteral("relearning_steps"), steps(p.relearningSteps)}};
}

// Four decimals, as FSRS tools show weights; what is shown is what is stored.
// n / 1e4 is the double nearest the decimal, so the text reads back exactly.
double fourDecimals(double x)
{
    return std::round(x * 1e4) / 1e4;
}

QString metricRow(const QString &name, double before, double after)
{
    const bool better = after < before;
    return QStringLiteral("<tr><td>%1</td><td align=right>%2</td><td align=right><b>%3</b></td>"
                          "<td align=right style=\"color:%4\">%5%6 %</td></tr>")
        .arg(name)
        .arg(before, 0, 'f', 4)
        .arg(after, 0, 'f', 4)
        .arg(better ? QStringLiteral("#1e8e3e") : QStringLiteral("#c0392b"))
        .arg(better ? QStringLiteral("−") : QStringLiteral("+"))
        .arg(before > 0 ? std::abs(after - before) / before * 100 : 0.0, 0, 'f', 1);
}

} // namespace

OptimizerDialog::OptimizerDialog(cards::Collection &collection, QWidget *parent)
    : QDialog(parent)
    , m_collection(collection)
{
    setObjectName(QStringLiteral("optimizerDialog"));
    setWindowTitle(tr("Optimise Scheduler"));
    buildUi();
}

OptimizerDialog::~OptimizerDialog()
{
    // The worker reads the histories and writes m_running: it must be done
    // before they go. Cancelling makes that quick.
    if (m_thread) {
        m_stop = true;
        m_thread->wait();
    }
}

void OptimizerDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("The scheduler predicts when you would forget each card from 21 weights. Here they "
           "are fitted to your own reviews. One card in five is kept aside and not used for the "
           "fit, so you can see whether the new weights predict your answers on those cards "
           "better than the current ones: lower is better for both measures."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_retention = new QDoubleSpinBox(this);
    m_retention->setObjectName(QStringLiteral("retentionSpin"));
    m_retention->setRange(0.70, 0.99);
    m_retention->setSingleStep(0.01);
    m_retention->setDecimals(2);
    m_retention->setKeyboardTracking(false);
    m_retention->setValue(m_collection.desiredRetention());
    m_retention->setToolTip(
        tr("The share of cards you want to recall when they come up. Higher means shorter "
           "intervals and more reviews. Saved as soon as you change it."));
    m_retention->setMaximumWidth(m_retention->sizeHint().width() + 24);
    form->addRow(tr("Desired retention:"), m_retention);
    layout->addLayout(form);
    connect(m_retention, &QDoubleSpinBox::valueChanged, this, &OptimizerDialog::saveRetention);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("optimizerProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->hide();
    layout->addWidget(m_progress);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("optimizerMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMinimumHeight(60);
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_message, 1);

    m_weightsRow = new QWidget(this);
    auto *weightsLayout = new QHBoxLayout(m_weightsRow);
    weightsLayout->setContentsMargins(0, 0, 0, 0);
    m_weights = new QLineEdit(m_weightsRow);
    m_weights->setObjectName(QStringLiteral("fittedWeights"));
    m_weights->setReadOnly(true);
    m_weights->setToolTip(tr("The fitted weights w0 to w20, as they would be stored"));
    weightsLayout->addWidget(new QLabel(tr("Fitted weights:"), m_weightsRow));
    weightsLayout->addWidget(m_weights, 1);
    m_weightsRow->hide();
    layout->addWidget(m_weightsRow);

    auto *buttons = new QHBoxLayout;
    m_optimize = new QPushButton(tr("Optimise"), this);
    m_optimize->setObjectName(QStringLiteral("optimizeButton"));
    m_optimize->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelOptimizeButton"));
    m_cancel->hide();
    m_accept = new QPushButton(tr("Use New Weights"), this);
    m_accept->setObjectName(QStringLiteral("acceptWeightsButton"));
    m_accept->hide();
    m_reject = new QPushButton(tr("Keep Current Weights"), this);
    m_reject->setObjectName(QStringLiteral("rejectWeightsButton"));
    m_reject->hide();
    auto *close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("closeButton"));
    buttons->addWidget(m_optimize);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_accept);
    buttons->addWidget(m_reject);
    buttons->addWidget(close);
    layout->addLayout(buttons);

    connect(m_optimize, &QPushButton::clicked, this, &OptimizerDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &OptimizerDialog::cancel);
    connect(m_accept, &QPushButton::clicked, this, &OptimizerDialog::useNewWeights);
    connect(m_reject, &QPushButton::clicked, this, &QDialog::reject);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    resize(560, 340);
}

void OptimizerDialog::start()
{
    if (m_thread || !m_collection.isOpen())
        return;
    m_result.reset();
    m_stop = false;
    m_permille = 0;
    m_accept->hide();
    m_reject->hide();
    m_weightsRow->hide();
    m_optimize->hide();
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_progress->show();
    m_message->setText(tr("Reading your reviews…"));

    // The collection's connection belongs to this thread: read here, fit there.
    const QList<srs::ReviewHistory> histories = m_collection.reviewHistories();
    srs::OptimizerOptions options;
    options.params = m_collection.schedulerParams();
    m_message->setText(tr("Fitting the weights to %n card(s)…", nullptr, int(histories.size())));

    m_thread = QThread::create([this, histories, options] {
        m_running = srs::optimizeWeights(histories, options, [this](double fraction) {
            m_permille = int(fraction * 1000);
            // One queued update at a time, however often the optimiser reports.
            if (!m_progressQueued.exchange(true))
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        m_progressQueued = false;
                        showProgress(m_permille / 1000.0);
                    },
                    Qt::QueuedConnection);
            return !m_stop.load();
        });
    });
    m_thread->setParent(this);
    connect(m_thread, &QThread::finished, this, &OptimizerDialog::fitEnded);
    m_thread->start();
}

void OptimizerDialog::cancel()
{
    if (!m_thread)
        return;
    m_stop = true;
    m_cancel->setEnabled(false);
    m_message->setText(tr("Stopping…"));
}

void OptimizerDialog::showProgress(double fraction)
{
    if (m_thread)
        m_progress->setValue(int(fraction * 1000));
}

void OptimizerDialog::fitEnded()
{
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    m_result = m_running;
    const srs::OptimizerResult &r = *m_result;
    m_progress->hide();
    m_cancel->hide();
    m_optimize->show();
    m_optimize->setText(tr("Optimise Again"));

    if (r.status == srs::OptimizerResult::Status::Cancelled) {
        m_message->setText(tr("Cancelled. Nothing was changed."));
    } else if (r.status == srs::OptimizerResult::Status::NotEnoughData) {
        m_message->setText(
            tr("<b>Not enough reviews yet.</b><br>The fit learns from reviews made a day or more "
               "after the card's previous review: it needs %1 of them on the cards it fits and "
               "%2 on the cards kept aside to check the result. Your %n card(s) have %3 and %4."
               "<br><br><b>About %5 more such reviews are needed.</b> Until then the current "
               "weights stay in use.",
               nullptr, r.cards)
                .arg(srs::kMinTrainingReviews)
                .arg(srs::kMinHeldOutReviews)
                .arg(r.trainingReviews)
                .arg(r.heldOutReviews)
                .arg(r.moreReviewsNeeded));
    } else {
        for (std::size_t i = 0; i < m_shown.size(); ++i)
            m_shown[i] = fourDecimals(r.weights[i]);
        QStringList numbers;
        for (const double w : m_shown)
            numbers << QString::number(w, 'f', 4);
        m_weights->setText(numbers.join(QStringLiteral(", ")));
        m_weights->setCursorPosition(0);
        m_weightsRow->show();
        const bool better = r.after.logLoss < r.before.logLoss;
        QString text = tr("<b>Fitted on %1 reviews, checked on %2 others</b> (%3 cards).")
                           .arg(r.trainingReviews)
                           .arg(r.heldOutReviews)
                           .arg(r.cards);
        text += QStringLiteral("<table cellspacing=0 cellpadding=4 style=\"margin-top:8px\">"
                               "<tr><th></th><th align=right>%1</th><th align=right>%2</th>"
                               "<th></th></tr>")
                    .arg(tr("Current"), tr("Fitted"));
        text += metricRow(tr("Log loss"), r.before.logLoss, r.after.logLoss);
        text += metricRow(tr("RMSE (bins)"), r.before.rmseBins, r.after.rmseBins);
        text += QStringLiteral("</table>");
        text += better ? tr("The fitted weights predict your answers better.")
                       : tr("The fitted weights do not predict your answers better; keeping "
                            "the current ones is advised.");
        m_message->setText(text);
        m_accept->show();
        m_reject->show();
        (better ? m_accept : m_reject)->setDefault(true);
    }
    emit finished();
}

void OptimizerDialog::useNewWeights()
{
    if (!m_result || !m_result->fitted())
        return;
    srs::SchedulerParams p = m_collection.schedulerParams();
    p.weights = m_shown;
    if (!m_collection.setSchedulerParams(schedulerJson(p))) {
        m_message->setText(tr("<b>The weights could not be saved:</b> %1<br>Nothing was changed.")
                               .arg(m_collection.error().toHtmlEscaped()));
        return;
    }
    accept();
}

void OptimizerDialog::saveRetention(double value)
{
    if (!m_collection.setDesiredRetention(value))
        m_message->setText(tr("<b>The desired retention could not be saved:</b> %1")
                               .arg(m_collection.error().toHtmlEscaped()));
}

QPushButton *makeOptimizerButton(cards::Collection &collection, QWidget *parent)
{
    auto *button = new QPushButton(QObject::tr("Optimise…"), parent);
    button->setObjectName(QStringLiteral("optimizeSchedulerButton"));
    button->setToolTip(
        QObject::tr("Fit the scheduler's weights to your own reviews; set the desired retention"));
    QObject::connect(button, &QPushButton::clicked, parent, [&collection, parent] {
        OptimizerDialog dialog(collection, parent);
        dialog.exec();
    });
    return button;
}

} // namespace sds::gui
