#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

// Just enough of the protocol buffers wire format to read the few fields
// newer Anki files keep in protobuf blobs (template text, note type kind,
// the media list); not part of the public API.
namespace sds::cards::proto {

struct Field {
    int number = 0;
    int wireType = 0;   // 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit
    quint64 varint = 0; // wire types 0, 1 and 5
    QByteArray bytes;   // wire type 2
};

// The message's fields in order; nullopt when the bytes are not a message.
std::optional<QList<Field>> parse(const QByteArray &message);

// The first field numbered @p number, or nullptr.
const Field *find(const QList<Field> &fields, int number);

} // namespace sds::cards::proto
