#pragma once

#include <QHash>
#include <QString>

/**
 * Anki's card templates turned into the HTML of one card's two sides. The
 * templates are Mustache-like: `{{Field}}`, filters such as `{{text:Field}}`
 * and `{{cloze:Text}}`, sections `{{#Field}}…{{/Field}}` shown when the
 * field is not empty and `{{^Field}}…{{/Field}}` when it is, and on the
 * answer side `{{FrontSide}}`. Since the review screen shows the question
 * above the answer, the answer side is rendered without the question and
 * without the `<hr id=answer>` that would separate them. Typing prompts,
 * text-to-speech and sound tags have no meaning here and are dropped.
 */
namespace sds::cards {

struct RenderedCard {
    QString front;
    QString back;
};

/**
 * Renders template @p question / @p answer with @p fields (name to HTML).
 * @p clozeNumber is 1-based for cloze note types (the card's ordinal + 1),
 * 0 otherwise.
 */
RenderedCard renderAnkiCard(const QString &question, const QString &answer,
                            const QHash<QString, QString> &fields, int clozeNumber = 0);

/** The text of @p html without tags, with entities decoded and spaces collapsed. */
QString htmlToPlainText(const QString &html);

} // namespace sds::cards
