#include "core/cards/protowire.h"

namespace sds::cards::proto {
namespace {

bool readVarint(const QByteArray &in, qsizetype &pos, quint64 &value)
{
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= in.size())
            return false;
        const auto byte = quint8(in[pos++]);
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

} // namespace

std::optional<QList<Field>> parse(const QByteArray &message)
{
    QList<Field> out;
    qsizetype pos = 0;
    while (pos < message.size()) {
        quint64 key = 0;
        if (!readVarint(message, pos, key))
            return std::nullopt;
        Field f;
        f.number = int(key >> 3);
        f.wireType = int(key & 7);
        if (f.number == 0)
            return std::nullopt;
        switch (f.wireType) {
        case 0:
            if (!readVarint(message, pos, f.varint))
                return std::nullopt;
            break;
        case 1:
        case 5: {
            const int width = f.wireType == 1 ? 8 : 4;
            if (message.size() - pos < width)
                return std::nullopt;
            for (int i = 0; i < width; ++i)
                f.varint |= quint64(quint8(message[pos + i])) << (8 * i);
            pos += width;
            break;
        }
        case 2: {
            quint64 length = 0;
            if (!readVarint(message, pos, length) || length > quint64(message.size() - pos))
                return std::nullopt;
            f.bytes = message.mid(pos, qsizetype(length));
            pos += qsizetype(length);
            break;
        }
        default:
            return std::nullopt;
        }
        out.append(std::move(f));
    }
    return out;
}

const Field *find(const QList<Field> &fields, int number)
{
    for (const Field &f : fields) {
        if (f.number == number)
            return &f;
    }
    return nullptr;
}

} // namespace sds::cards::proto
