#pragma once

#include "core/cards/importbatch.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * Cards in CSV or TSV text, the way spreadsheets and Anki's text export
 * write them: RFC 4180 quoting (fields in double quotes may hold the
 * delimiter, line breaks and doubled quotes), a delimiter found by looking
 * at the first lines (tab, comma or semicolon) unless a `#separator:` line
 * names it, and Anki's other header lines (`#html:`, `#columns:`,
 * `#tags column:`, `#deck column:`, `#guid column:`). A column mapping says
 * which column is the front, the back, the tags, the deck and the note's
 * guid; rows without a guid get one made from their front, so importing
 * the same file again updates its notes instead of adding them twice.
 */
namespace sds::cards {

struct CsvTable {
    QChar delimiter;
    bool html = false;       ///< fields are HTML (`#html:true`, or tags seen in them)
    QStringList columnNames; ///< from `#columns:` or a header row; may be empty
    bool headerRow = false;  ///< the first row names the columns
    int tagsColumn = -1;     ///< from `#tags column:` (0-based here)
    int deckColumn = -1;
    int guidColumn = -1;
    QList<QStringList> rows; ///< data rows, header row excluded
    int columnCount() const;
};

/** Which column holds what; -1: none. */
struct CsvMapping {
    int front = 0;
    int back = 1;
    int tags = -1;
    int deck = -1;
    int guid = -1;
};

/** Parses @p text; nullopt with @p error when it is not usable (binary, unbalanced quotes). */
std::optional<CsvTable> parseCsv(const QByteArray &text, QString *error);

/** The mapping a user would most likely choose: by column names, else front, back, tags. */
CsvMapping guessCsvMapping(const CsvTable &table);

/**
 * The rows as notes in deck @p deck (unless a deck column says otherwise).
 * Rows with an empty front are skipped with a warning; nullopt with @p error
 * when the mapping names a column the file does not have.
 */
std::optional<ImportBatch> batchFromCsv(const CsvTable &table, const CsvMapping &mapping,
                                        const QString &deck, QString *error);

/** Reads, guesses the mapping and converts: the command line's CSV import. */
std::optional<ImportBatch> readCsvImport(const QString &path, const QString &deck, QString *error);

/** The notes as CSV with Anki's header lines; plain-text cards are written as HTML. */
QByteArray writeCsv(const ImportBatch &batch);

} // namespace sds::cards
