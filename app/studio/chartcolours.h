#pragma once

#include <QColor>

// The colours every chart in the app draws with: mid-lightness shades
// (Tailwind's 500s) that keep their contrast on both the light and the dark
// palette's base and stay apart from each other, so the lab's charts and the
// flashcard statistics read alike.
namespace sds::gui::chartcolours {

inline const QColor kBlue(0x3b, 0x82, 0xf6);
inline const QColor kRed(0xef, 0x44, 0x44);
inline const QColor kAmber(0xf5, 0x9e, 0x0b);
inline const QColor kEmerald(0x10, 0xb9, 0x81);
inline const QColor kViolet(0x8b, 0x5c, 0xf6);
inline const QColor kPink(0xec, 0x48, 0x99);
inline const QColor kCyan(0x06, 0xb6, 0xd4);
inline const QColor kLime(0x84, 0xcc, 0x16);
inline const QColor kOrange(0xf9, 0x73, 0x16);
inline const QColor kYellow(0xea, 0xb3, 0x08);
inline const QColor kGrey(0x94, 0xa3, 0xb8);

} // namespace sds::gui::chartcolours
