#include "core/srs/srsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace sds::srs {

namespace {

// Every key the reader understands; anything else is reported as a warning.
const char *const kKnownKeys[] = {
    "parameters",     "request_retention", "maximum_interval", "enable_short_term",
    "learning_steps", "relearning_steps",  "created",          "reviews",
};

bool present(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return !v.isUndefined() && !v.isNull();
}

QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String:
        return QLatin1Char('"') + v.toString().left(40) + QLatin1Char('"');
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("null");
    }
}

bool isWhole(double v)
{
    return std::isfinite(v) && v == std::floor(v);
}

// A list of steps, or a single step as shorthand for a list of one.
std::optional<QList<int>> readSteps(const QJsonValue &v, const char *key, QString *error)
{
    QStringList texts;
    if (v.isString()) {
        texts.append(v.toString());
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isString()) {
                *error = QStringLiteral("%1[%2] must be a step such as \"10m\", not %3")
                             .arg(QLatin1String(key))
                             .arg(i)
                             .arg(describe(a[i]));
                return std::nullopt;
            }
            texts.append(a[i].toString());
        }
    } else {
        *error = QStringLiteral("%1 must be a list of steps such as [\"1m\", \"10m\"], not %2")
                     .arg(QLatin1String(key), describe(v));
        return std::nullopt;
    }
    QString why;
    std::optional<QList<int>> minutes = parseSteps(texts, &why);
    if (!minutes)
        *error = QLatin1String(key) + QStringLiteral(": ") + why;
    return minutes;
}

} // namespace

std::optional<SchedulerParams> paramsFromJson(const QJsonObject &o, QString *error)
{
    QString why;
    const auto fail = [&](const QString &message) -> std::optional<SchedulerParams> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    SchedulerParams p;

    if (present(o, "parameters")) {
        const QJsonValue v = o.value(QLatin1String("parameters"));
        if (!v.isArray())
            return fail(QStringLiteral("parameters must be a list of %1 numbers, not %2")
                            .arg(kWeightCount)
                            .arg(describe(v)));
        const QJsonArray a = v.toArray();
        QList<double> values;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isDouble())
                return fail(QStringLiteral("parameters[%1] must be a number, not %2")
                                .arg(i)
                                .arg(describe(a[i])));
            values.append(a[i].toDouble());
        }
        const std::optional<Weights> w = weightsFromList(values, &why);
        if (!w)
            return fail(QStringLiteral("parameters: ") + why);
        p.weights = *w;
    }
    if (present(o, "request_retention")) {
        const QJsonValue v = o.value(QLatin1String("request_retention"));
        if (!v.isDouble())
            return fail(
                QStringLiteral("request_retention must be a number, not %1").arg(describe(v)));
        p.requestRetention = v.toDouble();
    }
    if (present(o, "maximum_interval")) {
        const QJsonValue v = o.value(QLatin1String("maximum_interval"));
        if (!v.isDouble() || !isWhole(v.toDouble()) || std::abs(v.toDouble()) > 1e9)
            return fail(QStringLiteral("maximum_interval must be a whole number of days, not %1")
                            .arg(describe(v)));
        p.maximumInterval = int(v.toDouble());
    }
    if (present(o, "enable_short_term")) {
        const QJsonValue v = o.value(QLatin1String("enable_short_term"));
        if (!v.isBool())
            return fail(
                QStringLiteral("enable_short_term must be true or false, not %1").arg(describe(v)));
        p.enableShortTerm = v.toBool();
    }
    for (const auto &[key, steps] : {std::pair{"learning_steps", &p.learningSteps},
                                     std::pair{"relearning_steps", &p.relearningSteps}}) {
        if (!present(o, key))
            continue;
        const std::optional<QList<int>> minutes = readSteps(o.value(QLatin1String(key)), key, &why);
        if (!minutes)
            return fail(why);
        *steps = *minutes;
    }
    why = checkParams(p);
    if (!why.isEmpty())
        return fail(why);
    return p;
}

std::optional<ReplayInput> replayInputFromJson(const QJsonObject &o, QString *error)
{
    const auto fail = [&](const QString &message) -> std::optional<ReplayInput> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    ReplayInput in;
    QString why;
    const std::optional<SchedulerParams> params = paramsFromJson(o, &why);
    if (!params)
        return fail(why);
    in.params = *params;

    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const char *k : kKnownKeys)
            known = known || it.key() == QLatin1String(k);
        if (!known)
            in.warnings.append(QStringLiteral("unknown key '%1' ignored").arg(it.key()));
    }

    if (present(o, "created")) {
        const QJsonValue v = o.value(QLatin1String("created"));
        const std::optional<QDateTime> t = v.isString() ? parseIsoUtc(v.toString()) : std::nullopt;
        if (!t)
            return fail(QStringLiteral("created must be an ISO 8601 time with a zone, such as "
                                       "\"2024-05-01T09:30:00Z\", not %1")
                            .arg(describe(v)));
        in.created = *t;
    }

    const QJsonValue reviews = o.value(QLatin1String("reviews"));
    if (!reviews.isArray())
        return fail(
            QStringLiteral("reviews must be a list of {\"time\", \"rating\"}, not %1")
                .arg(reviews.isUndefined() ? QStringLiteral("missing") : describe(reviews)));
    const QJsonArray list = reviews.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list[i].isObject())
            return fail(QStringLiteral("reviews[%1] must be an object with time and rating, not %2")
                            .arg(i)
                            .arg(describe(list[i])));
        const QJsonObject r = list[i].toObject();
        const QJsonValue time = r.value(QLatin1String("time"));
        const std::optional<QDateTime> t =
            time.isString() ? parseIsoUtc(time.toString()) : std::nullopt;
        if (!t)
            return fail(QStringLiteral("reviews[%1].time must be an ISO 8601 time with a zone, "
                                       "such as \"2024-05-01T09:30:00Z\", not %2")
                            .arg(i)
                            .arg(time.isUndefined() ? QStringLiteral("missing") : describe(time)));
        const QJsonValue rating = r.value(QLatin1String("rating"));
        const double g = rating.isDouble() ? rating.toDouble() : 0.0;
        if (!isWhole(g) || g < 1 || g > 4)
            return fail(
                QStringLiteral("reviews[%1].rating must be 1 (Again), 2 (Hard), 3 (Good) "
                               "or 4 (Easy), not %2")
                    .arg(i)
                    .arg(rating.isUndefined() ? QStringLiteral("missing") : describe(rating)));
        const QDateTime previous = i > 0 ? in.reviews.last().time : in.created;
        if (previous.isValid() && *t < previous)
            return fail(QStringLiteral("reviews[%1].time %2 is earlier than %3 %4; reviews must "
                                       "be in time order")
                            .arg(i)
                            .arg(isoUtc(*t),
                                 i > 0 ? QStringLiteral("reviews[%1].time").arg(i - 1)
                                       : QStringLiteral("created"),
                                 isoUtc(previous)));
        in.reviews.append({*t, Rating(int(g))});
    }
    return in;
}

std::optional<ReplayInput> parseReplayInput(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("not valid JSON: %1 at offset %2")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("expected a JSON object with \"reviews\" at the top");
        return std::nullopt;
    }
    return replayInputFromJson(doc.object(), error);
}

QList<CardState> replay(const ReplayInput &input)
{
    QList<CardState> out;
    if (input.reviews.isEmpty())
        return out;
    CardState card = newCard(input.created.isValid() ? input.created : input.reviews.first().time);
    for (const ReviewEvent &r : input.reviews) {
        card = review(card, r.rating, r.time, input.params);
        out.append(card);
    }
    return out;
}

QJsonObject cardToJson(const CardState &card)
{
    return {
        {QStringLiteral("state"), stateName(card.state)},
        {QStringLiteral("stability"), card.stability},
        {QStringLiteral("difficulty"), card.difficulty},
        {QStringLiteral("scheduled_days"), card.scheduledDays},
        {QStringLiteral("due"), isoUtc(card.due)},
        {QStringLiteral("reps"), card.reps},
        {QStringLiteral("lapses"), card.lapses},
    };
}

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

std::optional<QDateTime> parseIsoUtc(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return t.toUTC();
}

} // namespace sds::srs
