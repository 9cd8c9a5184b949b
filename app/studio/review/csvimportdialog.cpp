#include "app/studio/review/csvimportdialog.h"

#include "core/cards/ankitemplate.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sds::gui {

namespace {
constexpr int kPreviewRows = 8;
}

CsvImportDialog::CsvImportDialog(const cards::CsvTable &table, const QString &defaultDeck,
                                 QWidget *parent)
    : QDialog(parent)
    , m_table(table)
{
    setWindowTitle(tr("Import Cards from a Text File"));
    auto *layout = new QVBoxLayout(this);
    const int columns = m_table.columnCount();
    auto *intro = new QLabel(
        tr("%n row(s) in %1 column(s). Choose which column holds what; rows whose front "
           "is empty are skipped. Notes already in your collection (same front, or the same "
           "GUID column) are updated, not added twice.",
           nullptr, int(m_table.rows.size()))
            .arg(columns),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_preview = new QTableWidget(int(std::min<qsizetype>(m_table.rows.size(), kPreviewRows)),
                                 columns, this);
    QStringList headers;
    for (int c = 0; c < columns; ++c) {
        const QString name = m_table.columnNames.value(c);
        headers.append(name.isEmpty() ? tr("Column %1").arg(c + 1)
                                      : tr("%1: %2").arg(c + 1).arg(name));
    }
    m_preview->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < m_preview->rowCount(); ++r) {
        for (int c = 0; c < columns; ++c) {
            QString text = m_table.rows[r].value(c);
            if (m_table.html)
                text = cards::htmlToPlainText(text);
            auto *item = new QTableWidgetItem(text.left(200));
            item->setFlags(Qt::ItemIsEnabled);
            m_preview->setItem(r, c, item);
        }
    }
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_preview->setMinimumHeight(160);
    layout->addWidget(m_preview, 1);

    auto *form = new QFormLayout;
    const cards::CsvMapping guess = cards::guessCsvMapping(m_table);
    const int chosen[RoleCount] = {guess.front, guess.back, guess.tags, guess.deck};
    const QString labels[RoleCount] = {tr("&Front (question):"), tr("&Back (answer):"),
                                       tr("&Tags:"), tr("D&eck column:")};
    for (int role = 0; role < RoleCount; ++role) {
        auto *box = new QComboBox(this);
        if (role >= Tags)
            box->addItem(tr("(none)"), -1);
        for (int c = 0; c < columns; ++c)
            box->addItem(headers[c], c);
        box->setCurrentIndex(std::max(0, box->findData(chosen[role])));
        connect(box, &QComboBox::currentIndexChanged, this, &CsvImportDialog::check);
        form->addRow(labels[role], box);
        m_boxes.append(box);
    }
    m_deck = new QLineEdit(defaultDeck, this);
    m_deck->setPlaceholderText(tr("Deck for rows without one"));
    connect(m_deck, &QLineEdit::textChanged, this, &CsvImportDialog::check);
    form->addRow(tr("&Deck:"), m_deck);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828;"));
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    resize(720, 480);
    check();
}

cards::CsvMapping CsvImportDialog::mapping() const
{
    cards::CsvMapping m;
    m.front = m_boxes[Front]->currentData().toInt();
    m.back = m_boxes[Back]->currentData().toInt();
    m.tags = m_boxes[Tags]->currentData().toInt();
    m.deck = m_boxes[Deck]->currentData().toInt();
    m.guid = m_table.guidColumn;
    return m;
}

QString CsvImportDialog::deckName() const
{
    return m_deck->text().simplified();
}

std::optional<cards::ImportBatch> CsvImportDialog::batch() const
{
    QString error;
    return cards::batchFromCsv(m_table, mapping(), deckName(), &error);
}

void CsvImportDialog::check()
{
    const cards::CsvMapping m = mapping();
    QString problem;
    QList<int> used;
    for (const int c : {m.front, m.back, m.tags, m.deck}) {
        if (c >= 0 && used.contains(c))
            problem = tr("Each column can play one part only.");
        used.append(c);
    }
    if (problem.isEmpty() && deckName().isEmpty() && m.deck < 0)
        problem = tr("Name the deck the cards go to.");
    if (problem.isEmpty()) {
        QString error;
        if (!cards::batchFromCsv(m_table, m, deckName(), &error))
            problem = error;
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(problem.isEmpty());
    }
}

} // namespace sds::gui
