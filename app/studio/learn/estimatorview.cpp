#include "app/studio/learn/estimatorview.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sds::gui {

EstimatorView::EstimatorView(QWidget *parent)
    : QWidget(parent)
    , m_results(new QTableWidget(this))
    , m_errors(new QLabel(this))
    , m_scenario(new QPushButton(tr("Create lab scenario  ▶"), this))
{
    setObjectName(QStringLiteral("estimator"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(24, 16, 24, 16);
    auto *title = new QLabel(tr("Back-of-the-envelope estimate"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setWeight(QFont::DemiBold);
    title->setFont(big);
    outer->addWidget(title);
    auto *intro = new QLabel(tr("Describe the workload; every figure shows how it was reached. "
                                "Sizes are powers of two (1 KB = 1,024 bytes)."),
                             this);
    intro->setWordWrap(true);
    outer->addWidget(intro);

    // The inputs in two columns above the results, so the formulas get the
    // full width and never need to wrap.
    auto *form = new QGridLayout;
    form->setHorizontalSpacing(12);
    const study::EstimateInput d;
    int at = 0;
    const auto add = [&](const QString &label, double min, double max, int decimals,
                         const QString &suffix, const QString &tip, double value) {
        QDoubleSpinBox *box = field(label, min, max, decimals, suffix, tip);
        box->setValue(value);
        auto *l = new QLabel(label, this);
        l->setBuddy(box);
        const int r = at % 4;
        const int c = (at / 4) * 3;
        form->addWidget(l, r, c);
        form->addWidget(box, r, c + 1);
        ++at;
    };
    add(tr("Daily active users"), 1, 1e10, 0, QString(), tr("People who use the service on a day"),
        d.dailyActiveUsers);
    add(tr("Requests per user per day"), 0.01, 1e6, 2, QString(), tr("Reads and writes together"),
        d.requestsPerUserPerDay);
    add(tr("Reads per write"), 0, 1e6, 1, tr(" : 1"), tr("The read:write ratio"), d.readsPerWrite);
    add(tr("Peak over average"), 1, 1000, 1, tr(" ×"),
        tr("How much busier the busiest hour is than the daily average"), d.peakFactor);
    add(tr("Payload per write"), 1, 1e12, 0, tr(" bytes"), tr("Bytes stored and sent for one item"),
        d.payloadBytes);
    add(tr("Data kept for"), 0.01, 100, 2, tr(" years"), tr("Retention period"), d.retentionYears);
    add(tr("One server handles"), 1, 1e7, 0, tr(" rps"),
        tr("Requests per second one web server can serve"), d.serverCapacityRps);
    add(tr("Share of reads to cache"), 0, 100, 0, tr(" %"),
        tr("Part of a day's read volume kept in memory (the 80/20 rule suggests 20 %)"),
        d.cacheFraction * 100);
    form->setColumnMinimumWidth(2, 24);
    form->setColumnStretch(5, 1);
    outer->addLayout(form);

    m_results->setObjectName(QStringLiteral("estimateResults"));
    m_results->setColumnCount(3);
    m_results->setHorizontalHeaderLabels({tr("Figure"), tr("Value"), tr("How")});
    m_results->verticalHeader()->hide();
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_results->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_results->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_results->setWordWrap(false);
    outer->addWidget(m_results, 1);

    m_errors->setObjectName(QStringLiteral("estimateErrors"));
    m_errors->setWordWrap(true);
    m_errors->setStyleSheet(QStringLiteral("color: #c0392b;"));
    outer->addWidget(m_errors);
    m_scenario->setObjectName(QStringLiteral("createScenarioButton"));
    m_scenario->setToolTip(tr("Open a lab diagram with these rates: users at the peak rate, the "
                              "web servers, a cache and a database"));
    outer->addWidget(m_scenario, 0, Qt::AlignLeft);
    connect(m_scenario, &QPushButton::clicked, this, [this] {
        if (m_estimate.ok())
            emit scenarioRequested(study::scenarioFor(input(), m_estimate));
    });
    recompute();
}

QDoubleSpinBox *EstimatorView::field(const QString &name, double min, double max, int decimals,
                                     const QString &suffix, const QString &tip)
{
    auto *box = new QDoubleSpinBox(this);
    box->setObjectName(name);
    box->setAccessibleName(name);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    box->setToolTip(tip);
    box->setGroupSeparatorShown(true);
    box->setMinimumWidth(150);
    connect(box, &QDoubleSpinBox::valueChanged, this, &EstimatorView::recompute);
    m_fields.append(box);
    return box;
}

study::EstimateInput EstimatorView::input() const
{
    study::EstimateInput in;
    in.dailyActiveUsers = m_fields.at(0)->value();
    in.requestsPerUserPerDay = m_fields.at(1)->value();
    in.readsPerWrite = m_fields.at(2)->value();
    in.peakFactor = m_fields.at(3)->value();
    in.payloadBytes = m_fields.at(4)->value();
    in.retentionYears = m_fields.at(5)->value();
    in.serverCapacityRps = m_fields.at(6)->value();
    in.cacheFraction = m_fields.at(7)->value() / 100;
    return in;
}

void EstimatorView::setInput(const study::EstimateInput &in)
{
    const double values[] = {in.dailyActiveUsers,  in.requestsPerUserPerDay, in.readsPerWrite,
                             in.peakFactor,        in.payloadBytes,          in.retentionYears,
                             in.serverCapacityRps, in.cacheFraction * 100};
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const QSignalBlocker block(m_fields.at(i));
        m_fields.at(i)->setValue(values[i]);
    }
    recompute();
}

void EstimatorView::recompute()
{
    if (m_fields.size() < 8)
        return; // still being built
    m_estimate = study::estimate(input());
    m_errors->setText(m_estimate.errors.join(u' '));
    m_errors->setVisible(!m_estimate.ok());
    m_scenario->setEnabled(m_estimate.ok());
    m_results->setRowCount(int(m_estimate.figures.size()));
    for (int i = 0; i < m_estimate.figures.size(); ++i) {
        const study::Figure &f = m_estimate.figures.at(i);
        auto *value = new QTableWidgetItem(study::formatFigure(f));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont bold = value->font();
        bold.setWeight(QFont::DemiBold);
        value->setFont(bold);
        m_results->setItem(i, 0, new QTableWidgetItem(f.label));
        m_results->setItem(i, 1, value);
        auto *how = new QTableWidgetItem(f.formula);
        how->setToolTip(f.formula);
        m_results->setItem(i, 2, how);
    }
}

} // namespace sds::gui
