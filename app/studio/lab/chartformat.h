#pragma once

#include <QString>

// Axis steps, tick labels and CSV fields shared by the lab's charts and plots.
namespace sds::gui::chartformat {

// The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least @p raw.
double niceStep(double raw);
// printf format that shows every tick at @p step exactly, and no more digits.
QString labelFormat(double step);
// The value of a tick at @p step, with the digits labelFormat() would show.
QString tickLabel(double value, double step);
// RFC 4180: ids are the user's; quote one only when it needs it.
QString csvField(const QString &text);

} // namespace sds::gui::chartformat
