#include "core/cards/csvcards.h"

#include "core/cards/cardhtml.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>

namespace sds::cards {
namespace {

constexpr qint64 kMaxCsvBytes = qint64(256) << 20;
constexpr qsizetype kMaxFieldChars = qsizetype(64) << 20; // as for Anki packages

QChar delimiterNamed(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"tab" || n == u"\\t")
        return u'\t';
    if (n == u"comma" || n == u",")
        return u',';
    if (n == u"semicolon" || n == u";")
        return u';';
    if (n == u"pipe" || n == u"|")
        return u'|';
    if (n == u"space")
        return u' ';
    if (n == u"colon" || n == u":")
        return u':';
    return {};
}

// The delimiter that splits the first lines most evenly into more than one column.
QChar guessDelimiter(const QStringList &lines)
{
    QChar best = u',';
    int bestScore = -1;
    for (const QChar d : {QChar(u'\t'), QChar(u','), QChar(u';')}) {
        int columns = -1;
        int score = 0;
        for (const QString &line : lines) {
            const int n = int(line.count(d));
            if (columns < 0)
                columns = n;
            score += (n > 0 && n == columns) ? 2 : (n > 0 ? 1 : 0);
        }
        if (score > bestScore) {
            bestScore = score;
            best = d;
        }
    }
    return best;
}

bool looksLikeHeader(const QStringList &row)
{
    static const QStringList names = {QStringLiteral("front"),    QStringLiteral("back"),
                                      QStringLiteral("question"), QStringLiteral("answer"),
                                      QStringLiteral("tags"),     QStringLiteral("deck"),
                                      QStringLiteral("guid")};
    int hits = 0;
    for (const QString &cell : row)
        hits += names.contains(cell.trimmed().toLower()) ? 1 : 0;
    return hits >= 2;
}

QString guidFor(const QString &front)
{
    return QStringLiteral("csv:") +
           QString::fromLatin1(
               QCryptographicHash::hash(front.trimmed().toUtf8(), QCryptographicHash::Sha1)
                   .toHex()
                   .left(20));
}

QString quoted(const QString &field)
{
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n') &&
        !field.contains(u'\r') && !field.startsWith(u'#'))
        return field;
    QString f = field;
    f.replace(u'"', QStringLiteral("\"\""));
    return u'"' + f + u'"';
}

} // namespace

int CsvTable::columnCount() const
{
    int n = int(columnNames.size());
    for (const QStringList &r : rows)
        n = std::max(n, int(r.size()));
    return n;
}

std::optional<CsvTable> parseCsv(const QByteArray &bytes, QString *error)
{
    if (bytes.size() > kMaxCsvBytes) {
        *error = QStringLiteral("the file is larger than %1 MB").arg(kMaxCsvBytes >> 20);
        return std::nullopt;
    }
    if (bytes.contains('\0')) {
        *error = QStringLiteral("the file is not text (it contains NUL bytes)");
        return std::nullopt;
    }
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    CsvTable table;
    // Anki's header lines come first, each starting with '#'.
    qsizetype pos = 0;
    while (pos < text.size() && text[pos] == u'#') {
        qsizetype end = text.indexOf(u'\n', pos);
        if (end < 0)
            end = text.size();
        const QString line = text.mid(pos + 1, end - pos - 1).trimmed();
        const qsizetype colon = line.indexOf(u':');
        if (colon > 0) {
            const QString key = line.left(colon).trimmed().toLower();
            const QString value = line.mid(colon + 1).trimmed();
            if (key == u"separator")
                table.delimiter = delimiterNamed(value);
            else if (key == u"html")
                table.html = value.toLower() == u"true";
            else if (key == u"columns")
                table.columnNames = value.split(QRegularExpression(QStringLiteral("[\\t,;]")));
            else if (key == u"tags column")
                table.tagsColumn = value.toInt() - 1;
            else if (key == u"deck column")
                table.deckColumn = value.toInt() - 1;
            else if (key == u"guid column")
                table.guidColumn = value.toInt() - 1;
        }
        pos = end + 1;
    }
    if (table.delimiter.isNull())
        table.delimiter = guessDelimiter(text.mid(pos, 4096).split(u'\n').mid(0, 5));
    const QChar d = table.delimiter;
    QStringList row;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false;
    const auto endRow = [&] {
        row.append(field);
        field.clear();
        fieldStarted = false;
        bool blank = true;
        for (const QString &f : row)
            blank = blank && f.trimmed().isEmpty();
        if (!blank)
            table.rows.append(row);
        row.clear();
    };
    for (qsizetype i = pos; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < text.size() && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
        } else if (c == u'"' && !fieldStarted) {
            inQuotes = true;
            fieldStarted = true;
        } else if (c == d) {
            row.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == u'\n') {
            endRow();
        } else if (c != u'\r') {
            field += c;
            fieldStarted = true;
        }
        if (field.size() > kMaxFieldChars) {
            *error = QStringLiteral("row %1 has a field longer than %2 MB")
                         .arg(table.rows.size() + 1)
                         .arg(kMaxFieldChars >> 20);
            return std::nullopt;
        }
    }
    if (inQuotes) {
        *error = QStringLiteral("a quoted field starting in row %1 is never closed")
                     .arg(table.rows.size() + 1);
        return std::nullopt;
    }
    if (!field.isEmpty() || !row.isEmpty())
        endRow();
    if (table.columnNames.isEmpty() && !table.rows.isEmpty() && looksLikeHeader(table.rows[0])) {
        table.columnNames = table.rows.takeFirst();
        table.headerRow = true;
    }
    if (!table.html) {
        static const QRegularExpression tag(
            QStringLiteral("<(b|i|u|br|div|p|span|img|code|pre)\\b"),
            QRegularExpression::CaseInsensitiveOption);
        for (qsizetype r = 0; r < std::min<qsizetype>(table.rows.size(), 50) && !table.html; ++r)
            table.html = table.rows[r].join(u' ').contains(tag);
    }
    if (table.rows.isEmpty()) {
        *error = QStringLiteral("the file has no rows of cards");
        return std::nullopt;
    }
    return table;
}

CsvMapping guessCsvMapping(const CsvTable &table)
{
    CsvMapping m;
    const int columns = table.columnCount();
    m.tags = table.tagsColumn >= 0 ? table.tagsColumn : -1;
    m.deck = table.deckColumn;
    m.guid = table.guidColumn;
    for (int i = 0; i < table.columnNames.size(); ++i) {
        const QString n = table.columnNames[i].trimmed().toLower();
        if (n == u"front" || n == u"question")
            m.front = i;
        else if (n == u"back" || n == u"answer")
            m.back = i;
        else if (n == u"tags" && m.tags < 0)
            m.tags = i;
        else if (n == u"deck" && m.deck < 0)
            m.deck = i;
        else if (n == u"guid" && m.guid < 0)
            m.guid = i;
    }
    if (table.columnNames.isEmpty() && columns >= 3 && m.tags < 0)
        m.tags = 2;
    return m;
}

std::optional<ImportBatch> batchFromCsv(const CsvTable &table, const CsvMapping &m,
                                        const QString &deck, QString *error)
{
    const int columns = table.columnCount();
    for (const int c : {m.front, m.back, m.tags, m.deck, m.guid}) {
        if (c >= columns) {
            *error = QStringLiteral("the mapping uses column %1, but the file has %2")
                         .arg(c + 1)
                         .arg(columns);
            return std::nullopt;
        }
    }
    if (m.front < 0 || m.back < 0 || m.front == m.back) {
        *error = QStringLiteral("choose two different columns for the front and the back");
        return std::nullopt;
    }
    ImportBatch batch;
    batch.origin = QStringLiteral("csv");
    int skipped = 0;
    for (const QStringList &row : table.rows) {
        const auto cell = [&](int c) {
            return c >= 0 ? row.value(c) : QString();
        };
        const QString front = cell(m.front).trimmed();
        if (front.isEmpty()) {
            ++skipped;
            continue;
        }
        ImportedNote note;
        // Plain text goes in as HTML so every imported card shows the same way.
        const QString frontHtml = table.html ? front : plainToHtml(front);
        const QString backHtml =
            table.html ? cell(m.back).trimmed() : plainToHtml(cell(m.back).trimmed());
        note.guid = cell(m.guid).trimmed().isEmpty() ? guidFor(front) : cell(m.guid).trimmed();
        note.fields = {{QStringLiteral("Front"), frontHtml}, {QStringLiteral("Back"), backHtml}};
        note.tags =
            cell(m.tags).split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
        note.deck = cell(m.deck).trimmed().isEmpty() ? deck : cell(m.deck).trimmed();
        note.html = true;
        ImportedCard card;
        card.front = frontHtml;
        card.back = backHtml;
        note.cards.append(card);
        batch.notes.append(note);
    }
    if (skipped > 0)
        batch.warnings.append(QStringLiteral("%1 row(s) skipped: the front is empty").arg(skipped));
    if (batch.notes.isEmpty()) {
        *error = QStringLiteral("no row has a front; check the column mapping");
        return std::nullopt;
    }
    return batch;
}

std::optional<ImportBatch> readCsvImport(const QString &path, const QString &deck, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxCsvBytes) {
        *error = QStringLiteral("%1 is larger than %2 MB").arg(path).arg(kMaxCsvBytes >> 20);
        return std::nullopt;
    }
    const std::optional<CsvTable> table = parseCsv(file.readAll(), error);
    if (!table)
        return std::nullopt;
    return batchFromCsv(*table, guessCsvMapping(*table),
                        deck.isEmpty() ? QFileInfo(path).completeBaseName() : deck, error);
}

QByteArray writeCsv(const ImportBatch &batch)
{
    QString out = QStringLiteral("#separator:comma\n#html:true\n#columns:Front,Back,Tags,Deck,"
                                 "GUID\n#tags column:3\n#deck column:4\n#guid column:5\n");
    for (const ImportedNote &n : batch.notes) {
        for (const ImportedCard &c : n.cards) {
            const QString front = n.html ? c.front : plainToHtml(c.front);
            const QString back = n.html ? c.back : plainToHtml(c.back);
            const QStringList cells = {front, back, n.tags.join(u' '), n.deck, n.guid};
            QStringList q;
            for (const QString &cell : cells)
                q.append(quoted(cell));
            out += q.join(u',') + u'\n';
        }
    }
    return out.toUtf8();
}

} // namespace sds::cards
