#include "app/studio/labnotes.h"

#include "core/atomicwrite.h"
#include "core/cards/collection.h"
#include "core/challenge/labnote.h"
#include "core/diagram/diagramformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace sds::gui {

namespace {

QString folderOf(const QString &dataDir)
{
    return dataDir + QStringLiteral("/lab-notes");
}

QString tr(const char *text)
{
    return QCoreApplication::translate("LabNotes", text);
}

} // namespace

Result<QString> addLabNote(cards::Collection &cards, const QString &dataDir,
                           const LabNoteCard &card)
{
    // A copy that fails to save costs the card its link, not the card.
    const QString name =
        QStringLiteral("note-%1.json")
            .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")));
    const QString folder = folderOf(dataDir);
    QString link;
    if (QDir().mkpath(folder) &&
        writeFileAtomically(folder + u'/' + name, diagram::serializeDiagram(card.design)))
        link = QLatin1Char('\n') + challenge::designLink(name);

    const QString deckName = QString::fromLatin1(challenge::kLabNotesDeck);
    std::optional<qint64> deck;
    for (const cards::Deck &d : cards.decks())
        if (d.name == deckName && d.builtinId.isEmpty())
            deck = d.id;
    if (!deck)
        deck = cards.addDeck(deckName);
    if (!deck)
        return fail(cards.error());
    cards::NewNote note;
    note.deckId = *deck;
    note.front = card.front;
    note.back = card.back + link;
    note.tags = {QStringLiteral("lab")};
    note.topic = card.topic;
    if (!cards.addNotes({note}))
        return fail(cards.error());
    return deckName;
}

Result<diagram::DiagramData> loadLabNoteDesign(const QString &dataDir, const QString &fileName)
{
    QFile file(folderOf(dataDir) + u'/' + fileName);
    if (!challenge::isLabNoteFile(fileName) || !file.open(QIODevice::ReadOnly))
        return fail(tr("The design this card was made from is no longer in the data folder"));
    const diagram::LoadResult loaded = diagram::parseDiagram(file.readAll());
    if (!loaded.ok())
        return fail(tr("The design of this card cannot be read: %1")
                        .arg(loaded.errors.join(QStringLiteral("; "))));
    return loaded.diagram;
}

} // namespace sds::gui
