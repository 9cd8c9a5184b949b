#pragma once

#include "core/cards/csvcards.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace sds::gui {

// Asks how a CSV/TSV file's columns map onto cards before it is imported:
// a preview of the first rows, a choice of column for the front, back, tags
// and deck, and the deck for rows that do not name one. The guess from the
// file's header comes preselected; a mapping that cannot work (the same
// column twice, no front) keeps Import disabled and says why.
class CsvImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvImportDialog)

public:
    CsvImportDialog(const cards::CsvTable &table, const QString &defaultDeck,
                    QWidget *parent = nullptr);

    cards::CsvMapping mapping() const;
    QString deckName() const;
    /** The notes the chosen mapping gives; empty when it cannot work. */
    std::optional<cards::ImportBatch> batch() const;

    // For tests.
    QComboBox *columnBox(int role) const { return m_boxes.value(role); }
    QLineEdit *deckEdit() const { return m_deck; }
    QLabel *problem() const { return m_problem; }
    QDialogButtonBox *buttons() const { return m_buttons; }

    enum Role { Front, Back, Tags, Deck, RoleCount };

private:
    void check();

    cards::CsvTable m_table;
    QList<QComboBox *> m_boxes;
    QLineEdit *m_deck = nullptr;
    QTableWidget *m_preview = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace sds::gui
